"""The calendar file sent with a panel invitation (RFC 5545, built by `icalendar`). One UID per meeting, so a
calendar replaces the event when an update arrives; SEQUENCE grows each time the date or time changes. Also the
panel meetings of a person's calendar feed (`partnership.calendar_feed`), under UIDs of their own, so a calendar
never takes a feed's event for the invitation the person answered."""

from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from cdop.selectors import upcoming_meetings
from partnership.calendar_feed import FeedEvent
from partnership.links import absolute_url, site_host

MEETING_LENGTH = timedelta(hours=2)


def meeting_uid(meeting) -> str:
    return f"cdop-panel-meeting-{meeting.pk}@{site_host()}"


def feed_events(user) -> list[FeedEvent]:
    """The panel meetings to come that "My work" lists for the person (a member's own; all for the coordinator)."""
    events = []
    for meeting in upcoming_meetings(user).prefetch_related(None):
        starts = timezone.make_aware(datetime.combine(meeting.meets_on, meeting.starts_at))
        events.append(
            FeedEvent(
                uid=f"cdop-panel-meeting-{meeting.pk}-feed@{site_host()}",
                summary="Child Death Overview Panel meeting",
                sequence=meeting.invitation_sequence,
                url=absolute_url(meeting.get_absolute_url()),
                location=meeting.place,
                starts=starts,
                ends=starts + MEETING_LENGTH,
            )
        )
    return events


def invitation_ics(meeting, *, attendee: str, organiser: str = "", cancel: bool = False) -> str:
    """A METHOD:REQUEST calendar with the one meeting: date, time, place, and a link to the meeting page (the
    agenda itself is on the page and in the email, by reference and pseudonym only). With `cancel`, a
    METHOD:CANCEL of the same event, so calendars take it out."""
    starts = timezone.make_aware(datetime.combine(meeting.meets_on, meeting.starts_at))
    calendar = Calendar()
    calendar.add("prodid", "-//Barnet Safeguarding Children Partnership//BSCP portal//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.invitation_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts)
    event.add("dtend", starts + MEETING_LENGTH)
    event.add("summary", "Child Death Overview Panel meeting")
    event.add("location", meeting.place)
    event.add("description", f"Agenda and panel papers: {absolute_url(meeting.get_absolute_url())}")
    event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    if organiser:
        event.add("organizer", vCalAddress(f"mailto:{organiser}"))
    person = vCalAddress(f"mailto:{attendee}")
    person.params["role"] = vText("REQ-PARTICIPANT")
    person.params["rsvp"] = vText("TRUE")
    event.add("attendee", person, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
