"""One factory per state of a child death case and of a Form B request."""

import secrets
from datetime import date, timedelta

import factory
from django.utils import timezone

from cdop.models import ChildDeathCase, ChildIdentity, FormBRequest, JointAgencyResponse, PanelAnalysis
from partnership.roles import Role
from tests.factories import OrganisationFactory, UserFactory

Stage = ChildDeathCase.Stage

# A complete public notification, step by step, as a person would type it.
NOTIFICATION_ANSWERS = {
    "child": {
        "first_name": "Secretname",
        "last_name": "Hiddensurname",
        "date_of_birth_0": "1",
        "date_of_birth_1": "3",
        "date_of_birth_2": "2026",
        "sex": "female",
        "nhs_number": "943 476 5919",
        "ethnicity": "white",
        "address": "1 Private Road, London N3",
        "postcode": "n3 1zz",
        "borough": "barnet",
        "gp": "High Street Surgery",
        "parental_responsibility": "Mother and father",
    },
    "death": {
        "date_of_death_0": "10",
        "date_of_death_1": "11",
        "date_of_death_2": "2026",
        "time_of_death": "06:30",
        "place_of_death": "Home",
        "death_expected": "no",
        "post_mortem": "yes",
        "cause_if_known": "",
    },
    "circumstances": {"circumstances": "Found unresponsive in the morning.", "other_children_at_risk": "A sibling"},
    "professionals": {"professionals_in_life": "Health visitor, nursery", "professionals_after_death": "Paramedics"},
    "notifier": {
        "notifier_name": "Nina Notifier",
        "notifier_role": "Paediatric liaison nurse",
        "notifier_organisation": "Royal Free",
        "notifier_email": "nina@nhs.example",
    },
}


class CaseNotifiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildDeathCase
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"CDOP-2026-T{n:05d}")
    pseudonym = factory.Sequence(lambda n: f"Child T{n:05d}")
    borough = "barnet"
    sex = "female"
    ethnicity = "white"
    age_band = "28-364d"
    date_of_death = date(2026, 11, 1)
    place_of_death = "Hospital"
    death_expected = False
    post_mortem = "yes"
    circumstances = "Found unresponsive in the morning."
    professionals_in_life = "Health visitor"
    notifier_name = "Nina Notifier"
    notifier_role = "Nurse"
    notifier_organisation = "Royal Free"
    notifier_email = "nina@nhs.example"
    identity = factory.RelatedFactory("tests.cdop.factories.ChildIdentityFactory", factory_related_name="case")


class ChildIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildIdentity

    case = factory.SubFactory(CaseNotifiedFactory, identity=None)
    first_name = "Secretname"
    last_name = "Hiddensurname"
    date_of_birth = date(2026, 3, 1)
    nhs_number = "9434765919"
    address = "1 Private Road, London N3"
    postcode = "N3 1ZZ"
    gp = "High Street Surgery"
    parental_responsibility = "Mother and father"


class CaseGatheringFactory(CaseNotifiedFactory):
    """Triaged: unexpected, Joint Agency Response needed."""

    stage = Stage.GATHERING
    jar_needed = True
    jar_triggers = ["sudden"]
    abuse_suspected = False
    coroner_involved = True
    triaged_on = factory.LazyFunction(timezone.now)
    jar = factory.RelatedFactory("tests.cdop.factories.JarFactory", factory_related_name="case")


class JarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointAgencyResponse

    case = factory.SubFactory(CaseGatheringFactory, jar=None)


class CasePanelFactory(CaseGatheringFactory):
    stage = Stage.PANEL
    review_meeting_on = date(2026, 12, 1)
    panel_summary = "An infant in the 28 to 364 days band died suddenly at home."
    analysis = factory.RelatedFactory("tests.cdop.factories.AnalysisFactory", factory_related_name="case")


class AnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelAnalysis

    case = factory.SubFactory(CasePanelFactory, analysis=None)


class AnalysisCompleteFactory(AnalysisFactory):
    category = 10
    child_factors = 0
    family_factors = 1
    parenting_factors = 1
    service_factors = 0
    modifiable = True
    modifiable_reasons = "Unsafe sleeping arrangement."
    learning = "Safer sleeping advice at every contact."


class CaseClosedFactory(CasePanelFactory):
    stage = Stage.CLOSED
    closed_on = factory.LazyFunction(timezone.now)
    analysis = factory.RelatedFactory(AnalysisCompleteFactory, factory_related_name="case")


class FormBRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormBRequest

    case = factory.SubFactory(CaseGatheringFactory)
    organisation = factory.SubFactory(OrganisationFactory, name="Young Barnet Foundation")
    professional_name = "Pat Practitioner"
    professional_email = "pat@agency.example"
    nonce = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    sent_by = factory.SubFactory(UserFactory, roles=[Role.CDOP_COORDINATOR])


class FormBSubmittedFactory(FormBRequestFactory):
    stage = FormBRequest.Stage.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    contact_name = "Pat Practitioner"
    involvement = "Weekly play sessions."


def answer_everything(client, **changes):
    """Post each page of the public notification in turn (with `changes` per step); the first response that is
    not a redirect to the next page, or the last."""
    for step, data in NOTIFICATION_ANSWERS.items():
        response = client.post(f"/cdop/notify/{step}/", {**data, **changes.get(step, {})})
        if response.status_code != 302:
            return response
    return response
