"""Issue 14: the date rules of a notification (under 18 at death, no death before birth or in the future, the
death becoming known not before it) and children who lived outside North Central London."""

import pytest

from cdop.models import ChildDeathCase, ChildIdentity
from partnership.roles import Role
from tests.cdop.factories import CaseGatheringFactory, answer_everything
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import UserFactory
from tests.html import error_summary, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notification_day")]


def born(day, month, year):
    return {"child": {"date_of_birth_0": str(day), "date_of_birth_1": str(month), "date_of_birth_2": str(year)}}


def died_on(day, month, year, **more):
    return {"date_of_death_0": str(day), "date_of_death_1": str(month), "date_of_death_2": str(year), **more}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (born(1, 1, 1990), "The child must have been under 18 when they died"),
        (born(10, 11, 2008), "The child must have been under 18 when they died"),
        ({**born(1, 3, 2026), "death": died_on(28, 2, 2026)}, "Date of death must be the same as or after the date"),
        ({"death": died_on(13, 11, 2026)}, "Date of death must be today or in the past"),
        (
            {"death": {"death_known_on_0": "9", "death_known_on_1": "11", "death_known_on_2": "2026"}},
            "The date the death became known must be the same as or after the death",
        ),
        (
            {
                "death": {
                    "death_known_on_0": "10",
                    "death_known_on_1": "11",
                    "death_known_on_2": "2026",
                    "death_known_time": "05:00",
                }
            },  # fmt: skip
            "The date the death became known must be the same as or after the death",
        ),
        ({"death": {"death_known_time": "09:00"}}, "Enter the date the death became known, or remove the time"),
        ({"death": {"death_known_on_0": "31", "death_known_on_1": "2", "death_known_on_2": "2026"}}, "must be a real"),
        ({"death": {"death_known_on_2": "9" * 20, "death_known_on_0": "1", "death_known_on_1": "1"}}, "4 numbers"),
        ({"death": {"death_known_on_0": "13", "death_known_on_1": "11", "death_known_on_2": "2026"}}, "in the past"),
    ],
)
def test_every_date_rule_has_a_clear_message_and_nothing_is_saved(client, changes, message):
    response = answer_everything(client, **changes)
    assert response.status_code == 200
    assert any(message in error for error in error_summary(response)), error_summary(response)
    assert client.post("/cdop/notify/check/").status_code == 302
    assert not ChildDeathCase.objects.exists() and not ChildIdentity.objects.exists()


def test_a_child_dying_the_day_before_their_eighteenth_birthday_is_accepted(client):
    answer_everything(client, **born(11, 11, 2008))
    assert client.post("/cdop/notify/check/").status_code == 302
    assert ChildDeathCase.objects.get().age_band == "15-17y"


def test_when_the_death_became_known_is_kept(client):
    known = {
        "death_known_on_0": "11",
        "death_known_on_1": "11",
        "death_known_on_2": "2026",
        "death_known_time": "08:15",
    }
    answer_everything(client, death=known)
    client.post("/cdop/notify/check/")
    assert ChildDeathCase.objects.get().death_known_at.isoformat() == "2026-11-11T08:15:00+00:00"


def test_a_child_from_outside_north_central_london_needs_their_local_authority(client):
    response = answer_everything(client, child={"borough": "outside"})
    assert "Enter the local authority where the child normally lived" in error_summary(response)
    answer_everything(client, child={"borough": "outside", "local_authority": "Hertfordshire"})
    client.post("/cdop/notify/check/")
    case = ChildDeathCase.objects.get()
    assert (case.borough, case.local_authority, case.residence()) == ("outside", "Hertfordshire", "Hertfordshire")


def test_a_local_authority_is_not_kept_for_a_child_of_the_five_boroughs(client):
    answer_everything(client, child={"borough": "camden", "local_authority": "Hertfordshire"})
    client.post("/cdop/notify/check/")
    assert ChildDeathCase.objects.get().local_authority == ""


def test_out_of_area_children_show_in_the_list_and_the_figures(client, sign_in, coordinator):
    CaseGatheringFactory(borough="outside", local_authority="Hertfordshire")
    CaseGatheringFactory(borough="camden")
    sign_in(coordinator)
    listing = text(client.get("/cdop/"))
    assert "Hertfordshire" in listing and "Camden" in listing
    figures = client.get("/cdop/figures/?year=2026")
    assert figures.status_code == 200 and "Outside North Central London" in text(figures)


def test_the_coordinator_can_move_a_case_out_of_area_at_the_immediate_decisions(client, sign_in, coordinator):
    case = CaseGatheringFactory()
    sign_in(coordinator)
    base = {"death_expected": "no", "jar_triggers": ["sudden"], "abuse_suspected": "no", "coroner_involved": "no",
            "post_mortem": "yes", "version": case.version}  # fmt: skip
    response = client.post(f"/cdop/cases/{case.pk}/decisions/", {**base, "borough": "outside"})
    assert "Enter the local authority where the child normally lived" in error_summary(response)
    client.post(f"/cdop/cases/{case.pk}/decisions/", {**base, "borough": "outside", "local_authority": "Kent"})
    case.refresh_from_db()
    assert (case.borough, case.local_authority) == ("outside", "Kent")


def test_a_panel_member_sees_the_out_of_area_authority_in_the_list(client, sign_in):
    case = CaseGatheringFactory(borough="outside", local_authority="Hertfordshire")
    member = UserFactory(roles=[Role.CDOP_PANEL_MEMBER])
    PanelMeetingFactory(members=[member], cases=[case])  # a panel member sees their meetings' cases
    sign_in(member)
    assert "Hertfordshire" in text(client.get("/cdop/"))
