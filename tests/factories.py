"""Factories for the shared core. Each app's tests add their own beside their tests."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import Deadline, Organisation, OutgoingEmail, Theme, User
from partnership.roles import Role

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = Organisation.Type.VCF


class StatutoryPartnerFactory(OrganisationFactory):
    is_statutory_partner = True
    type = Organisation.Type.LOCAL_AUTHORITY


class UserFactory(factory.django.DjangoModelFactory):
    """A person with roles (`roles=[Role.AGENCY_USER]`) and a confirmed authenticator app."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[Role(role).label for role in extracted]))
        if create:
            self.save()

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="Authenticator app", confirmed=True)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    subject = factory.SubFactory(OrganisationFactory)
    kind = factory.Sequence(lambda n: f"test.clock_{n}")
    title = factory.Sequence(lambda n: f"Clock {n}")
    due_on = factory.Faker("date_between", start_date="-10d", end_date="+10d")
    audience_permission = "partnership.invite_user"


class OutgoingEmailFailedFactory(factory.django.DjangoModelFactory):
    """An email the mail server never took, after every attempt."""

    class Meta:
        model = OutgoingEmail

    to = factory.List(["pat@agency.example"])
    subject = "Child death review: please complete Form B for CDOP-2026-001"
    body = "Complete the form: https://portal.example/cdop/form-b/1/link/not-a-real-token/"
    template = "cdop/email/form_b_send.txt"
    status = OutgoingEmail.Status.FAILED
    attempts = 10
    problem = OutgoingEmail.Problem.CONNECTION
    last_error = "ConnectionRefusedError: [Errno 111] Connection refused"
    failed_at = factory.LazyFunction(timezone.now)
