"""The coordinator plans panel meetings and builds their agenda; each case's panel meeting date follows them."""

from datetime import date

import pytest
import time_machine

from cdop import services_panel
from cdop.models import PanelMeeting
from partnership.errors import Refusal
from partnership.roles import Role
from tests.cdop.factories import CaseClosedFactory, CaseGatheringFactory, CaseNotifiedFactory, CasePanelFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import UserFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


def meeting_answers(**changes):
    answers = {
        "meets_on_0": "17",
        "meets_on_1": "12",
        "meets_on_2": "2026",
        "starts_at": "14:00",
        "place": "Barnet House, Committee Room 1",
    }
    return {**answers, **changes}


def test_the_coordinator_plans_a_meeting_inviting_panel_members(client, sign_in, coordinator, panel_member):
    sign_in(coordinator)
    form = page(client.get("/cdop/meetings/new/"))
    offered = [label.get_text(" ", strip=True) for label in form.select("label[for^='id_members']")]
    assert any(panel_member.get_full_name() in label for label in offered)
    response = client.post("/cdop/meetings/new/", meeting_answers(members=[panel_member.pk, coordinator.pk]))
    meeting = PanelMeeting.objects.get()
    assert response.url == f"/cdop/meetings/{meeting.pk}/"
    assert (meeting.meets_on, meeting.place) == (date(2026, 12, 17), "Barnet House, Committee Room 1")
    assert set(meeting.members.all()) == {panel_member, coordinator}
    shown = text(client.get(response.url))
    assert "17 December 2026" in shown and "14:00" in shown and panel_member.get_full_name() in shown
    assert "Panel meetings" in text(client.get("/cdop/"))


def test_only_panel_members_and_coordinators_can_be_invited(client, sign_in, coordinator):
    manager = UserFactory(roles=[Role.PARTNERSHIP_MANAGER])
    sign_in(coordinator)
    response = client.post("/cdop/meetings/new/", meeting_answers(members=[manager.pk]))
    assert response.status_code == 200 and error_summary(response) == ["Choose people from the list"]
    with pytest.raises(Refusal):
        services_panel.meeting_create(
            meets_on=date(2026, 12, 17), starts_at="14:00", place="Online", members=[manager], by=coordinator
        )
    assert not PanelMeeting.objects.exists()


def test_a_past_date_and_a_missing_time_are_refused_in_words(client, sign_in, coordinator):
    sign_in(coordinator)
    response = client.post("/cdop/meetings/new/", meeting_answers(meets_on_2="2025", starts_at=""))
    assert response.status_code == 200
    errors = error_summary(response)
    assert any("today or in the future" in error for error in errors), errors
    assert "Enter the start time" in errors
    assert not PanelMeeting.objects.exists()


def test_cases_gathering_information_or_with_the_panel_go_on_the_agenda_in_order(client, sign_in, coordinator):
    meeting = PanelMeetingFactory(meets_on=date(2026, 12, 17))
    gathering, with_panel = CaseGatheringFactory(), CasePanelFactory()
    notified, closed = CaseNotifiedFactory(), CaseClosedFactory()
    sign_in(coordinator)
    offered = [label.get_text() for label in page(client.get(f"/cdop/meetings/{meeting.pk}/agenda/")).select("label")]
    assert any(gathering.reference in option for option in offered)
    assert not any(notified.reference in option or closed.reference in option for option in offered)
    for case in [with_panel, gathering]:
        response = client.post(f"/cdop/meetings/{meeting.pk}/agenda/", {"case": case.pk})
        assert response.url == f"/cdop/meetings/{meeting.pk}/"
    assert [item.case for item in meeting.agenda.all()] == [with_panel, gathering]
    agenda = [li.get_text(" ", strip=True) for li in page(client.get(response.url)).select("main ol li")]
    assert agenda[0].startswith(f"{with_panel.reference}, {with_panel.pseudonym}")
    gathering.refresh_from_db()
    assert gathering.panel_meeting_on == date(2026, 12, 17), "the case's panel meeting date follows the meeting"
    response = client.post(f"/cdop/meetings/{meeting.pk}/agenda/", {"case": notified.pk})
    assert error_summary(response) == ["Choose a case from the list"]
    with pytest.raises(Refusal, match="Notified"):
        services_panel.agenda_add(meeting=meeting, case=notified, by=coordinator)


def test_moving_cancelling_and_taking_off_the_agenda_keep_the_case_date_in_step(client, sign_in, coordinator):
    case = CaseGatheringFactory()
    first = PanelMeetingFactory(meets_on=date(2026, 12, 17))
    second = PanelMeetingFactory(meets_on=date(2027, 1, 21))
    services_panel.agenda_add(meeting=first, case=case, by=coordinator)
    services_panel.agenda_add(meeting=second, case=case, by=coordinator)
    case.refresh_from_db()
    assert case.panel_meeting_on == date(2027, 1, 21), "the latest meeting the case is on"
    sign_in(coordinator)
    client.post(f"/cdop/meetings/{second.pk}/cancel/")
    case.refresh_from_db()
    assert case.panel_meeting_on == date(2026, 12, 17)
    assert "Cancelled" in text(client.get(f"/cdop/meetings/{second.pk}/"))
    edit = f"/cdop/meetings/{first.pk}/edit/"
    version = page(client.get(edit)).select_one("input[name=version]")["value"]
    client.post(edit, meeting_answers(meets_on_0="10", version=version))
    case.refresh_from_db()
    assert case.panel_meeting_on == date(2026, 12, 10)
    client.post(f"/cdop/meetings/{first.pk}/agenda/{case.pk}/remove/")
    case.refresh_from_db()
    assert case.panel_meeting_on is None and not first.agenda.exists()


def test_a_stale_meeting_form_is_refused_and_a_cancelled_meeting_cannot_change(client, sign_in, coordinator):
    meeting = PanelMeetingFactory()
    sign_in(coordinator)
    edit = f"/cdop/meetings/{meeting.pk}/edit/"
    version = page(client.get(edit)).select_one("input[name=version]")["value"]
    client.post(edit, meeting_answers(version=version))
    response = client.post(edit, meeting_answers(place="Somewhere else", version=version))
    assert response.status_code == 200 and error_summary(response)
    meeting.refresh_from_db()
    assert meeting.place == "Barnet House, Committee Room 1"
    services_panel.meeting_cancel(meeting=meeting, by=coordinator)
    with pytest.raises(Refusal, match="cancelled"):
        services_panel.agenda_add(meeting=meeting, case=CaseGatheringFactory(), by=coordinator)
