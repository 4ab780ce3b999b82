"""Panel meetings for tests: a meeting a month and more ahead, with its agenda and invited members."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from cdop.models import PanelAgendaItem, PanelMeeting
from partnership.roles import Role
from tests.factories import UserFactory


class PanelMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMeeting
        skip_postgeneration_save = True

    meets_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=35))
    starts_at = time(14, 0)
    place = "Barnet House, Committee Room 1"
    created_by = factory.SubFactory(UserFactory, roles=[Role.CDOP_COORDINATOR])

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)

    @factory.post_generation
    def cases(self, create, extracted, **kwargs):
        for order, case in enumerate(extracted or [], start=1):
            PanelAgendaItem.objects.create(meeting=self, case=case, order=order)
