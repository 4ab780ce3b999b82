"""Invitations go out at least a month ahead (DOMAIN.md), each with the agenda by reference and pseudonym and a
calendar file; a change of date is sent as an update of the same calendar event."""

from datetime import date, timedelta

import pytest
import time_machine
from icalendar import Calendar

from cdop import services_panel
from partnership.models import SiteSettings
from tests.cdop.factories import CaseGatheringFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.html import page, text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 12)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


@pytest.fixture
def meeting(coordinator, panel_member):
    return PanelMeetingFactory(
        meets_on=TODAY + timedelta(days=35), members=[panel_member, coordinator], cases=[CaseGatheringFactory()]
    )


def calendar_of(email) -> Calendar:
    [(filename, content, mimetype)] = [attachment[:3] for attachment in email.attachments]
    assert (filename, mimetype) == ("panel-meeting.ics", "text/calendar")
    return Calendar.from_ical(content)


def test_each_invited_person_gets_the_agenda_a_link_and_a_calendar_request(
    client, sign_in, coordinator, panel_member, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    SiteSettings.objects.update_or_create(pk=1, defaults={"cdop_email": "cdop@ncl.example"})
    case = meeting.agenda.get().case
    sign_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cdop/meetings/{meeting.pk}/invite/", follow=True)
    assert "Invitations sent" in text(response)
    assert sorted(email.to[0] for email in mailoutbox) == sorted([panel_member.email, coordinator.email])
    email = next(email for email in mailoutbox if email.to == [panel_member.email])
    assert email.reply_to == ["cdop@ncl.example"]
    assert f"{case.reference}, {case.pseudonym}" in email.body
    assert f"/cdop/meetings/{meeting.pk}/" in email.body and "17 December 2026" in email.body
    for identifier in ["Secretname", "Hiddensurname", "9434765919", "Private Road"]:
        assert identifier not in email.body
    calendar = calendar_of(email)
    [event] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"cdop-panel-meeting-{meeting.pk}@127.0.0.1"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2026-12-17 14:00"
    assert str(event["LOCATION"]) == "Barnet House, Committee Room 1"
    assert str(event["ATTENDEE"]) == f"mailto:{panel_member.email}"
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None
    assert "Invitations sent" in text(client.get(f"/cdop/meetings/{meeting.pk}/"))


def test_invitations_less_than_a_month_ahead_are_refused_unless_urgent(
    client, sign_in, coordinator, meeting, mailoutbox, django_capture_on_commit_callbacks, settings
):
    meeting.meets_on = TODAY + timedelta(days=20)
    meeting.save()
    sign_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cdop/meetings/{meeting.pk}/invite/", follow=True)
    assert "The meeting is 20 days away: invitations go out at least 28 days ahead" in text(response)
    assert "send anyway: urgent" in text(response)
    assert mailoutbox == []
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None
    settings.CDOP_PANEL_INVITATION_DAYS = 14
    with django_capture_on_commit_callbacks(execute=True):
        services_panel.invitations_send(meeting=meeting, urgent=False, by=coordinator)
    assert len(mailoutbox) == 2, "the notice period is a setting"
    settings.CDOP_PANEL_INVITATION_DAYS = 28
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/invite/", {"urgent": "on"})
    assert len(mailoutbox) == 4


def test_no_invitations_without_members_or_agenda_or_for_a_past_or_cancelled_meeting(client, sign_in, coordinator):
    sign_in(coordinator)
    empty = PanelMeetingFactory(meets_on=TODAY + timedelta(days=40))
    response = client.post(f"/cdop/meetings/{empty.pk}/invite/", follow=True)
    assert "Invite at least one panel member" in text(response)
    empty.members.set([coordinator])
    response = client.post(f"/cdop/meetings/{empty.pk}/invite/", follow=True)
    assert "Put at least one case on the agenda" in text(response)
    services_panel.meeting_cancel(meeting=empty, by=coordinator)
    response = client.post(f"/cdop/meetings/{empty.pk}/invite/", follow=True)
    assert "the meeting is cancelled" in text(response)


def test_changing_the_date_offers_an_update_with_the_same_uid_and_the_next_sequence(
    client, sign_in, coordinator, panel_member, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/invite/")
    first = calendar_of(mailoutbox[0]).walk("VEVENT")[0]
    edit = f"/cdop/meetings/{meeting.pk}/edit/"
    form = page(client.get(edit))
    answers = {
        "meets_on_0": "7",
        "meets_on_1": "1",
        "meets_on_2": "2027",
        "starts_at": "10:00",
        "place": "Online: the link is in the calendar",
        "members": [panel_member.pk, coordinator.pk],
        "version": form.select_one("input[name=version]")["value"],
    }
    client.post(edit, answers)
    shown = page(client.get(f"/cdop/meetings/{meeting.pk}/"))
    assert "Send the update" in shown.select_one("main form[action$='/invite/'] button").get_text()
    assert "were sent for 17 December 2026 at 14:00" in shown.get_text(" ")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/invite/")
    email = next(email for email in mailoutbox if email.to == [panel_member.email])
    assert email.subject.startswith("Updated:") and "7 January 2027" in email.body
    update = calendar_of(email).walk("VEVENT")[0]
    assert str(update["UID"]) == str(first["UID"])
    assert int(update["SEQUENCE"]) == 1
    assert update.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2027-01-07 10:00"
    shown = page(client.get(f"/cdop/meetings/{meeting.pk}/"))
    assert "Send the update" not in shown.get_text(" ")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/invite/")
    assert int(calendar_of(mailoutbox[0]).walk("VEVENT")[0]["SEQUENCE"]) == 1, "same date: same sequence"


def test_cancelling_after_invitations_sends_a_calendar_cancellation_of_the_same_event(
    client, sign_in, coordinator, panel_member, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    sign_in(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/invite/")
    invited = calendar_of(mailoutbox[0]).walk("VEVENT")[0]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cdop/meetings/{meeting.pk}/cancel/")
    email = next(email for email in mailoutbox if email.to == [panel_member.email])
    assert email.subject.startswith("Cancelled:") and "is cancelled" in email.body
    calendar = calendar_of(email)
    [event] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(invited["UID"]) and int(event["SEQUENCE"]) == int(invited["SEQUENCE"]) + 1


def test_cancelling_before_invitations_emails_no_one(
    coordinator, meeting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services_panel.meeting_cancel(meeting=meeting, by=coordinator)
    assert mailoutbox == []
