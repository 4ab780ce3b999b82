"""Personal calendar feeds (RFC 5545, built by `icalendar`): the person's deadlines and meetings, in the calendar
they already use, at an address that carries a secret token (calendar apps cannot do two-factor sign-in).

Only the token's SHA-256 is stored (docs/decisions/0010-calendar-feed-token.md): the full address is shown once,
when it is made; resetting makes a new one and the old address stops at once. The feed holds exactly what "My
work" shows (`selectors.deadlines_for`, and what each app offers through `AppConfig.calendar_events`, a dotted
path to a function taking the user and returning `FeedEvent`s). An event says only the kind of deadline and the
case's reference number: never a deadline's title, which may carry an organisation's or an action's words.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from partnership.hooks import app_hooks
from partnership.links import absolute_url, site_host
from partnership.models import CalendarFeed, Deadline, User
from partnership.selectors import deadlines_for

PRODID = "-//Barnet Safeguarding Children Partnership//BSCP portal//EN"
# "SI-2026-005", "CDOP-2026-012", "S11-2026-003" (`partnership.references`): nothing else of a title goes out.
REFERENCE = re.compile(r"\b[A-Z][A-Z0-9]{0,9}-\d{4}-\d{3,}\b")

# What each clock is, in a few words; a kind not listed is called a "Deadline".
KIND_LABELS = {
    "reviews.sin_due": "Serious Incident Notification due",
    "reviews.secretary_of_state_due": "Notify the Secretary of State and Ofsted",
    "reviews.rapid_review_due": "Rapid review due",
    "reviews.agency_summary_due": "Agency summary for rapid review due",
    "reviews.lcspr_completion": "LCSPR completion due",
    "reviews.prepublication_due": "LCSPR pre-publication copy due",
    "reviews.action_due": "Review action due",
    "cdop.triage": "Child death immediate decisions due",
    "cdop.jar_home_visit": "Joint Agency Response home visit due",
    "cdop.jar_meeting": "Joint Agency Response meeting due",
    "cdop.form_b_due": "Form B return due",
    "audits.return_due": "Safeguarding return due",
    "boards.triage": "Decision on an item raised for a board",
}


@dataclass(frozen=True)
class FeedEvent:
    """One event of a feed. `day` for an all-day event, else `starts` and `ends` (aware datetimes)."""

    uid: str
    summary: str
    sequence: int = 0
    url: str = ""
    location: str = ""
    day: date | None = None
    starts: datetime | None = None
    ends: datetime | None = None
    cancelled: bool = False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_reset(user: User) -> str:
    """Give the person a new feed address and return its token (shown once); any old address stops at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": _hash(token), "created_at": timezone.now()}
    )
    return token


def feed_owner(token: str) -> User | None:
    """The active person whose feed this token opens, or None (unknown, replaced, or a disabled account)."""
    feed = CalendarFeed.objects.filter(token_hash=_hash(token), user__is_active=True).select_related("user").first()
    return feed.user if feed else None


def deadline_summary(deadline: Deadline) -> str:
    """The kind of deadline and the reference number found in its title: "Rapid review due: SI-2026-005"."""
    label = KIND_LABELS.get(deadline.kind, "Deadline")
    found = REFERENCE.search(deadline.title)
    return f"{label}: {found[0]}" if found else label


def deadline_events(user: User) -> list[FeedEvent]:
    return [
        FeedEvent(
            uid=f"deadline-{deadline.pk}@{site_host()}",
            summary=deadline_summary(deadline),
            sequence=deadline.sequence,
            url=absolute_url(deadline.get_absolute_url()),
            day=deadline.due_on,
        )
        for deadline in deadlines_for(user)
    ]


def events_for(user: User) -> list[FeedEvent]:
    """The person's open deadlines, then the meetings the apps add (the same as their "My work")."""
    events = deadline_events(user)
    for events_of in app_hooks("calendar_events"):
        events.extend(events_of(user))
    return events


def calendar_ics(events: list[FeedEvent], *, name: str) -> bytes:
    """A published calendar (no METHOD: subscribers refresh it whole, so a deadline met or withdrawn leaves it)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", stamp)
        if item.day is not None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a due date does not make the person busy all day
        else:
            event.add("dtstart", item.starts)
            event.add("dtend", item.ends)
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
            event.add("description", f"Details: {item.url}")
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
