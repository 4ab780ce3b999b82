"""The agency directory: one organisation model for member agencies and directory entries (GP practices,
hospitals...). Entries the coordinator adds are not members, so partnership work never reaches them."""

import pytest

from audits import selectors as audit_selectors
from audits.forms import CycleForm
from partnership import directory
from partnership.errors import Refusal
from partnership.forms import InvitationForm
from partnership.models import Organisation
from reviews.selectors import statutory_partners
from tests.audits.factories import CycleFactory
from tests.factories import OrganisationFactory, StatutoryPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gp(coordinator):
    return directory.organisation_add(
        name="Demo Road Surgery", type=Organisation.Type.GP_PRACTICE, area="Barnet", by=coordinator
    )


@pytest.fixture
def coordinator(db):
    from partnership.roles import Role
    from tests.factories import UserFactory

    return UserFactory(roles=[Role.CDOP_COORDINATOR])


def test_existing_organisations_are_members_and_added_entries_are_not(agency, gp):
    assert agency.is_member and not gp.is_member
    assert agency in Organisation.objects.members() and gp not in Organisation.objects.members()


def test_a_gp_practice_is_never_invited_to_a_section_11_cycle(agency, gp):
    cycle = CycleFactory(invited_types=["vcf", "gp_practice"])
    cycle.invited_organisations.set([gp])
    invited = audit_selectors.cycle_invited(cycle)
    assert agency in invited and gp not in invited


def test_partnership_forms_offer_members_only(agency, gp):
    StatutoryPartnerFactory(name="Directory police", is_member=False)
    assert gp not in InvitationForm().fields["organisation"].queryset
    named = CycleForm({"invited_organisations": gp.name})
    assert named.errors["invited_organisations"] == [f"No active member organisation is called “{gp.name}”"]
    assert "Directory police" not in [o.name for o in statutory_partners()]


def test_a_name_already_in_the_directory_is_refused_whatever_its_case(gp, coordinator):
    with pytest.raises(Refusal, match="already in the directory"):
        directory.organisation_add(name="demo road SURGERY ", type="gp_practice", by=coordinator)


def test_search_by_name_contact_area_and_type(gp, coordinator):
    OrganisationFactory(name="Camden Hospital", type="hospital", area="Camden")
    directory.contact_add(organisation=gp, name="Dr Kim Example", email="Kim@Surgery.example", by=coordinator)
    assert [o.name for o in directory.directory_search(text="kim")] == ["Demo Road Surgery"]
    assert [o.name for o in directory.directory_search(area="camd")] == ["Camden Hospital"]
    assert [o.name for o in directory.directory_search(kind="gp_practice")] == ["Demo Road Surgery"]
    assert directory.directory_search(text="surgery").get().contact_count == 1


def test_disabled_entries_leave_the_search_and_take_no_new_contacts(gp, coordinator):
    directory.organisation_set_active(organisation=gp, active=False, by=coordinator)
    assert not directory.directory_search().filter(pk=gp.pk).exists()
    assert directory.directory_search(inactive=True).filter(pk=gp.pk).exists()
    with pytest.raises(Refusal, match="disabled"):
        directory.contact_add(organisation=gp, name="Dr Lee", email="lee@surgery.example", by=coordinator)


def test_changes_are_kept_in_the_history(gp, coordinator):
    contact = directory.contact_add(organisation=gp, name="Dr Lee", email="LEE@surgery.example", by=coordinator)
    assert contact.email == "lee@surgery.example"
    directory.contact_change(contact=contact, role="GP partner", by=coordinator)
    directory.contact_set_active(contact=contact, active=False, by=coordinator)
    directory.organisation_change(organisation=gp, area="Enfield", by=coordinator)
    assert contact.events.count() == 3  # added, changed, disabled
    assert [event.area for event in gp.events.order_by("pgh_id")] == ["Barnet", "Enfield"]
