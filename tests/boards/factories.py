"""Boards test data, one factory per state."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from boards.models import AgendaItem, Board, Meeting, Membership, Paper, RaisedItem, TermsOfReference
from tests.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name="paper.pdf"):
    return ContentFile(PDF, name=name)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Board {n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    purpose = "To oversee the partnership's work."
    chair = "Independent chair"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    board = factory.SubFactory(BoardFactory)
    role = factory.Sequence(lambda n: f"Safeguarding lead {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    board = factory.SubFactory(BoardFactory)
    version = factory.Sequence(lambda n: n + 1)
    approved_on = factory.LazyFunction(timezone.localdate)
    text = "The board meets four times a year."


class MeetingFactory(factory.django.DjangoModelFactory):
    """A coming meeting, private."""

    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class MeetingPastFactory(MeetingFactory):
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    minutes = "The board agreed its actions."


class MeetingPublishedFactory(MeetingPastFactory):
    published_at = factory.LazyFunction(timezone.now)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingPastFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.LazyFunction(pdf)


class RaisedItemFactory(factory.django.DjangoModelFactory):
    """Awaiting triage."""

    class Meta:
        model = RaisedItem

    reference = factory.Sequence(lambda n: f"BRD-TEST-{n:05d}")
    board = factory.SubFactory(BoardFactory)
    subject = "Safer sleeping messages"
    details = "Please consider how the message reaches fathers."
    name = "Sam Visitor"
    email = "sam@example.com"


class RaisedItemOnAgendaFactory(RaisedItemFactory):
    stage = RaisedItem.Stage.ON_AGENDA
    decided_at = factory.LazyFunction(timezone.now)
    agenda_item = factory.SubFactory(AgendaItemFactory)


class RaisedItemDeclinedFactory(RaisedItemFactory):
    stage = RaisedItem.Stage.DECLINED
    decided_at = factory.LazyFunction(timezone.now)
    decline_reason = "Not a matter for the boards."
