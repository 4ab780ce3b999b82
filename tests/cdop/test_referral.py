"""Issue 14: referral to serious incident consideration carries the facts, links both ways, is for Barnet's
children only (naming whom to tell instead), and tells the partnership managers; suspected abuse or neglect at the
immediate decisions tells children's social care and the police."""

import pytest
from django.core import mail

from cdop import services
from cdop.models import ChildDeathCase
from partnership.errors import Refusal
from partnership.models import Organisation
from partnership.roles import Role
from reviews.models import Case
from tests.cdop.factories import CaseNotifiedFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.html import page, text

pytestmark = pytest.mark.django_db
Stage = ChildDeathCase.Stage


@pytest.fixture
def manager(db):
    return UserFactory(roles=[Role.PARTNERSHIP_MANAGER], email="manager@barnet.example")


def test_the_referral_carries_the_facts_and_links_both_ways(
    client, sign_in, coordinator, manager, django_capture_on_commit_callbacks
):
    case = CaseNotifiedFactory(stage=Stage.GATHERING, abuse_suspected=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_refer_for_consideration(case=case, by=coordinator)
    case.refresh_from_db()
    referred = Case.objects.get()
    assert case.consideration_case == referred and case.referral_reference == referred.reference
    assert (referred.abuse_or_neglect, referred.death_or_serious_harm, referred.in_area) == (True, True, True)
    assert f"Referred from child death review {case.reference}" in referred.summary
    [email] = mail.outbox
    assert email.to == [manager.email] and referred.reference in email.body and case.reference in email.body
    assert "Secretname" not in email.body and "Hiddensurname" not in email.body
    sign_in(manager)
    review_page = client.get(referred.get_absolute_url())
    assert f"Referred from child death review {case.reference}" in text(review_page)
    assert not page(review_page).select_one(f"a[href='/cdop/cases/{case.pk}/']"), "managers cannot open CDOP cases"
    sign_in(coordinator)
    case_page = client.get(f"/cdop/cases/{case.pk}/")
    assert referred.reference in text(case_page)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"borough": "camden"}, "This child lived in Camden: refer to the Camden safeguarding partnership instead."),
        (
            {"borough": "outside", "local_authority": "Hertfordshire"},
            "This child lived in Hertfordshire: refer to the Hertfordshire safeguarding partnership instead.",
        ),
    ],
)
def test_a_child_who_lived_outside_barnet_is_refused_naming_whom_to_tell(client, sign_in, coordinator, fields, message):
    case = CaseNotifiedFactory(stage=Stage.GATHERING, abuse_suspected=True, **fields)
    with pytest.raises(Refusal, match=message):
        services.case_refer_for_consideration(case=case, by=coordinator)
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{case.pk}/refer/", follow=True)
    assert message in text(response)
    assert not Case.objects.exists() and ChildDeathCase.objects.get(pk=case.pk).referral_reference == ""


TRIAGE = {
    "borough": "barnet",
    "death_expected": False,
    "jar_triggers": ["suspicion"],
    "coroner_involved": True,
    "post_mortem": "yes",
    "version": None,
}


def test_suspected_abuse_at_the_immediate_decisions_tells_social_care_and_the_police_once(
    coordinator, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Barnet Council", type=Organisation.Type.LOCAL_AUTHORITY, is_statutory_partner=True,
                        email="mash@barnet.example")  # fmt: skip
    OrganisationFactory(name="Met Police", type=Organisation.Type.POLICE, is_statutory_partner=True,
                        email="police@met.example")  # fmt: skip
    OrganisationFactory(name="Old Police", type=Organisation.Type.POLICE, is_statutory_partner=True,
                        email="old@met.example", is_active=False)  # fmt: skip
    OrganisationFactory(name="A Charity", type=Organisation.Type.VCF, email="charity@example.org")
    OrganisationFactory(
        name="Health", type=Organisation.Type.HEALTH, is_statutory_partner=True, email="icb@nhs.example"
    )
    case = CaseNotifiedFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_triage(case=case, **TRIAGE, abuse_suspected=True, by=coordinator)
    [email] = mail.outbox
    assert sorted(email.to) == ["mash@barnet.example", "police@met.example"]
    assert case.reference in email.body and "Secretname" not in email.body and case.pseudonym not in email.body
    case = ChildDeathCase.objects.get(pk=case.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_triage(case=case, **{**TRIAGE, "version": case.version}, abuse_suspected=True, by=coordinator)
    assert len(mail.outbox) == 1, "told once, not at every correction"


def test_no_abuse_suspected_tells_no_one(coordinator, django_capture_on_commit_callbacks):
    OrganisationFactory(name="Barnet Council", type=Organisation.Type.LOCAL_AUTHORITY, is_statutory_partner=True,
                        email="mash@barnet.example")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.case_triage(case=CaseNotifiedFactory(), **TRIAGE, abuse_suspected=False, by=coordinator)
    assert mail.outbox == []
