"""Creating a cycle: organisations are invited by type, all at once, or by name typed in, never through one
checkbox per organisation in a directory of thousands (issue 15)."""

from django.urls import reverse

from audits.models import Cycle
from audits.selectors import cycle_invited
from partnership.models import Organisation
from tests.audits.factories import published_version
from tests.factories import OrganisationFactory
from tests.forms import date_data
from tests.html import error_summary, page


def cycle_data(**invitation):
    return {"title": "Checklist 2026", "year": 2026, "version": published_version().pk,
            **date_data("opens_on", "2026-05-01"), **date_data("due_on", "2026-07-01"), **invitation}  # fmt: skip


def test_the_form_offers_types_not_one_checkbox_per_organisation(client, sign_in, manager, agency):
    Organisation.objects.bulk_create(Organisation(name=f"Agency {n:03d}", type="vcf") for n in range(300))
    form = page(sign_in(manager).get(reverse("audits:cycle-create")))
    assert len(form.select("input[type=checkbox]")) == len(Organisation.Type.values) + 1  # the types and "all"
    assert form.select_one("textarea[name=invited_organisations]") is not None


def test_organisations_named_one_a_line_are_invited(client, sign_in, manager, agency, other_agency):
    OrganisationFactory(name="Not invited")
    names = f"  {agency.name}\r\n\r\n{other_agency.name}\n{agency.name}\n"
    response = sign_in(manager).post(reverse("audits:cycle-create"), cycle_data(invited_organisations=names))
    assert response.status_code == 302
    cycle = Cycle.objects.get()
    assert set(cycle.invited_organisations.all()) == {agency, other_agency}
    assert set(cycle_invited(cycle)) == {agency, other_agency}


def test_every_member_organisation_can_be_invited_at_once(client, sign_in, manager, agency, local_authority):
    gp = OrganisationFactory(name="Demo Surgery", type="gp_practice", is_member=False)
    response = sign_in(manager).post(reverse("audits:cycle-create"), cycle_data(invite_all="on"))
    assert response.status_code == 302
    invited = set(cycle_invited(Cycle.objects.get()))
    assert {agency, local_authority} <= invited and gp not in invited


def test_a_name_not_in_the_directory_is_refused_and_nothing_created(client, sign_in, manager, agency):
    data = cycle_data(invited_organisations=f"{agency.name}\nYoung Barnet Foundations")
    response = sign_in(manager).post(reverse("audits:cycle-create"), data)
    assert error_summary(response) == ["No active member organisation is called “Young Barnet Foundations”"]
    assert not Cycle.objects.exists()


def test_hostile_names_are_refused_with_a_message(client, sign_in, manager, agency):
    sign_in(manager)
    too_many = "\n".join(f"Agency {n}" for n in range(201))
    for names in (too_many, f"{agency.name}\x00", "x" * 50_000):
        response = client.post(reverse("audits:cycle-create"), cycle_data(invited_organisations=names))
        assert response.status_code == 200
        assert len(error_summary(response)) == 1
    assert not Cycle.objects.exists()


def test_naming_nobody_and_no_type_is_refused(client, sign_in, manager):
    response = sign_in(manager).post(reverse("audits:cycle-create"), cycle_data(invited_organisations=" \n "))
    assert error_summary(response) == ["Choose at least one type of organisation, or name organisations"]
