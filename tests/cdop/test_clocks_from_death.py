"""Issue 14: the Joint Agency Response clocks run from the death (or from when it became known, when later), a late
notification is flagged, and correcting the death or the visit moves the clocks."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.utils import timezone

from cdop import services
from cdop.models import ChildDeathCase
from cdop.services_death import case_death_correct
from partnership.errors import Refusal
from partnership.models import Deadline
from tests.cdop.factories import CaseNotifiedFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
TRIAGE = {
    "borough": "barnet",
    "death_expected": False,
    "jar_triggers": ["sudden"],
    "abuse_suspected": False,
    "coroner_involved": True,
    "post_mortem": "yes",
    "version": None,
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


def at(text_value: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text_value))


def clocks() -> dict:
    return {
        deadline.kind: (deadline.due_on, deadline.met_on) for deadline in Deadline.objects.filter(kind__contains="jar")
    }


def triaged(by, **fields) -> ChildDeathCase:
    case = CaseNotifiedFactory(**fields)
    services.case_triage(case=case, **TRIAGE, by=by)
    return ChildDeathCase.objects.get(pk=case.pk)


def test_the_clocks_run_from_the_time_of_death_not_the_notification(coordinator):
    triaged(
        coordinator, date_of_death=date(2026, 11, 9), time_of_death=time(23, 30), notified_at=at("2026-11-12 09:00")
    )
    assert clocks() == {
        "cdop.jar_home_visit": (date(2026, 11, 10), None),
        "cdop.jar_meeting": (date(2026, 11, 11), None),
    }, "24 and 48 hours after 23:30 on 9 November: already overdue, not hidden by the late notification"


def test_the_clocks_run_from_when_the_death_became_known_when_later(coordinator):
    triaged(
        coordinator,
        date_of_death=date(2026, 11, 1),
        death_known_at=at("2026-11-11 08:00"),
        notified_at=at("2026-11-11 12:00"),
    )
    assert clocks()["cdop.jar_home_visit"][0] == date(2026, 11, 12)
    assert clocks()["cdop.jar_meeting"][0] == date(2026, 11, 13)


def test_the_clock_lengths_are_settings(coordinator, settings):
    settings.CDOP_JAR_HOME_VISIT_HOURS = 72
    triaged(coordinator, date_of_death=date(2026, 11, 10))
    assert clocks()["cdop.jar_home_visit"][0] == date(2026, 11, 13)


@pytest.mark.parametrize(
    ("fields", "late"),
    [
        ({"date_of_death": date(2026, 11, 9), "time_of_death": time(9, 0)}, True),
        ({"date_of_death": date(2026, 11, 10), "time_of_death": time(11, 0)}, False),
        ({"date_of_death": date(2026, 11, 1), "death_known_at": at("2026-11-11 09:00")}, False),
        ({"date_of_death": date(2026, 11, 1), "death_known_at": at("2026-11-02 09:00")}, True),
    ],
)
def test_a_late_notification_is_tagged_on_the_case_page_and_the_list(client, sign_in, coordinator, fields, late):
    case = CaseNotifiedFactory(**fields, notified_at=at("2026-11-12 10:00"))
    sign_in(coordinator)
    for url in [f"/cdop/cases/{case.pk}/", "/cdop/"]:
        tags = [tag.get_text(strip=True) for tag in page(client.get(url)).select(".govuk-tag")]
        assert ("Notified late" in tags) is late


def test_the_late_threshold_is_a_setting(settings):
    case = CaseNotifiedFactory(date_of_death=date(2026, 11, 11), notified_at=at("2026-11-12 10:00"))
    assert not case.notified_late
    settings.CDOP_NOTIFICATION_HOURS = 24
    assert case.notified_late


def death_form(case, **changes):
    data = {"date_of_death_0": "10", "date_of_death_1": "11", "date_of_death_2": "2026", "time_of_death": "",
            "death_known_on_0": "", "death_known_on_1": "", "death_known_on_2": "", "death_known_time": "",
            "version": case.version}  # fmt: skip
    return {**data, **changes}


def test_correcting_the_date_of_death_moves_the_open_clocks(client, sign_in, coordinator):
    case = triaged(coordinator, date_of_death=date(2026, 11, 1))
    Deadline.objects.filter(kind="cdop.jar_meeting").update(met_on=date(2026, 11, 3))
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{case.pk}/death/", death_form(case, time_of_death="14:00"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.date_of_death, case.time_of_death) == (date(2026, 11, 10), time(14, 0))
    assert clocks() == {
        "cdop.jar_home_visit": (date(2026, 11, 11), None),
        "cdop.jar_meeting": (date(2026, 11, 3), date(2026, 11, 3)),
    }, "the open clock moves; the met one keeps its record"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date_of_death_1": "2"}, "Date of death must be the same as or after the date of birth"),
        ({"date_of_death_0": "13"}, "Date of death must be today or in the past"),
        ({"date_of_death_0": "31", "date_of_death_1": "2"}, "Date of death must be a real date"),
        ({"date_of_death_2": "1" * 20}, "Date of death must include a year with 4 numbers"),
        ({"time_of_death": "25:00"}, "Enter the time of death as hours and minutes"),
        (
            {"death_known_on_0": "9", "death_known_on_1": "11", "death_known_on_2": "2026"},
            "The date the death became known must be the same as or after the death",
        ),
    ],
)
def test_a_wrong_correction_is_refused_in_plain_words_and_nothing_is_saved(
    client, sign_in, coordinator, changes, message
):
    case = triaged(coordinator, date_of_death=date(2026, 11, 1))
    before = clocks()
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{case.pk}/death/", death_form(case, **changes))
    assert response.status_code == 200
    assert any(message in error for error in error_summary(response)), error_summary(response)
    assert ChildDeathCase.objects.get(pk=case.pk).date_of_death == date(2026, 11, 1) and clocks() == before


def test_a_correction_making_the_child_18_at_death_is_refused(client, sign_in, coordinator):
    case = triaged(coordinator, date_of_death=date(2026, 11, 1), identity__date_of_birth=date(2008, 11, 5))
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{case.pk}/death/", death_form(case))
    assert "The child must have been under 18 when they died" in error_summary(response)
    assert ChildDeathCase.objects.get(pk=case.pk).date_of_death == date(2026, 11, 1)


def test_the_death_cannot_be_corrected_once_the_case_is_closed(coordinator):
    case = CaseNotifiedFactory(stage=ChildDeathCase.Stage.CLOSED)
    with pytest.raises(Refusal, match="correct the death details"):
        case_death_correct(
            case=case, date_of_death=date(2026, 11, 2), time_of_death=None, death_known_at=None, version=None,
            by=coordinator,
        )  # fmt: skip
    assert ChildDeathCase.objects.get(pk=case.pk).date_of_death == date(2026, 11, 1)


def jar_form(case, **changes):
    data = {"home_visit_on_0": "", "home_visit_on_1": "", "home_visit_on_2": "", "home_visit_time": "",
            "first_meeting_on_0": "", "first_meeting_on_1": "", "first_meeting_on_2": "", "first_meeting_time": "",
            "attended": "", "actions": "", "version": case.jar.version}  # fmt: skip
    return {**data, **changes}


VISIT = {"home_visit_on_0": "11", "home_visit_on_1": "11", "home_visit_on_2": "2026", "home_visit_time": "09:00"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({**VISIT, "home_visit_on_0": "9"}, "The home or scene visit must be the same as or after the death"),
        ({**VISIT, "home_visit_on_0": "10", "home_visit_time": "05:00"}, "must be the same as or after the death"),
        ({**VISIT, "home_visit_on_0": "13"}, "must be today or in the past"),
        ({"first_meeting_on_0": "1", "first_meeting_on_1": "1", "first_meeting_on_2": "2026"}, "The first meeting"),
    ],
)
def test_a_visit_or_meeting_before_the_death_or_in_the_future_is_refused(
    client, sign_in, coordinator, changes, message
):
    case = triaged(coordinator, date_of_death=date(2026, 11, 10), time_of_death=time(6, 0))
    sign_in(coordinator)
    response = client.post(f"/cdop/cases/{case.pk}/jar/", jar_form(case, **changes))
    assert any(message in error for error in error_summary(response)), error_summary(response)
    case.jar.refresh_from_db()
    assert case.jar.home_visit_at is None and case.jar.first_meeting_at is None


def test_a_visit_on_the_day_of_death_without_a_time_is_accepted(client, sign_in, coordinator):
    case = triaged(coordinator, date_of_death=date(2026, 11, 10), time_of_death=time(6, 0))
    sign_in(coordinator)
    day_only = {**VISIT, "home_visit_on_0": "10", "home_visit_time": ""}
    assert client.post(f"/cdop/cases/{case.pk}/jar/", jar_form(case, **day_only)).status_code == 302


def test_correcting_the_visit_moves_the_met_date_and_clearing_it_reopens_the_clock(client, sign_in, coordinator):
    case = triaged(coordinator, date_of_death=date(2026, 11, 10))
    sign_in(coordinator)
    client.post(f"/cdop/cases/{case.pk}/jar/", jar_form(case, **VISIT))
    assert clocks()["cdop.jar_home_visit"][1] == date(2026, 11, 11)
    case.jar.refresh_from_db()
    client.post(f"/cdop/cases/{case.pk}/jar/", jar_form(case, **{**VISIT, "home_visit_on_0": "12"}))
    assert clocks()["cdop.jar_home_visit"][1] == date(2026, 11, 12)
    case.jar.refresh_from_db()
    client.post(f"/cdop/cases/{case.pk}/jar/", jar_form(case))
    assert clocks()["cdop.jar_home_visit"] == (date(2026, 11, 11), None), "open again, due as before"
    assert Deadline.objects.open().filter(kind="cdop.jar_home_visit").exists()


def test_the_case_page_offers_the_correction_and_shows_when_the_death_became_known(client, sign_in, coordinator):
    case = CaseNotifiedFactory(death_known_at=at("2026-11-02 08:00"))
    sign_in(coordinator)
    response = client.get(f"/cdop/cases/{case.pk}/")
    assert page(response).select_one(f"a[href='/cdop/cases/{case.pk}/death/']")
    assert "2 November 2026 08:00" in text(response)
