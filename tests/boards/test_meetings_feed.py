"""Board meetings in calendars: the public feed of every board's dates, and a member's own in their feed and on
"My work"."""

from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
import vobject
from django.test import Client
from django.utils import timezone

from boards import services
from partnership.links import site_host
from tests.boards.factories import BoardFactory, MeetingFactory, MeetingPastFactory
from tests.html import page, text

HOST = site_host()

pytestmark = pytest.mark.django_db


def events(body: bytes) -> dict:
    return {str(event["uid"]): event for event in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_the_public_feed_lists_every_active_boards_meeting_dates(client, board, manager):
    coming = MeetingFactory(board=board, location="Hendon Town Hall")
    past = MeetingPastFactory(board=board)
    cancelled = MeetingFactory(board=board)
    services.meeting_cancel(meeting=cancelled, reason="Not quorate", version=cancelled.version, by=manager)
    MeetingFactory(board=BoardFactory(is_active=False))
    MeetingFactory(board=board, date=timezone.localdate() - timedelta(days=400))  # too old to be of use

    response = client.get("/boards/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    assert sorted(found) == sorted(f"board-meeting-{meeting.pk}@{HOST}" for meeting in (coming, past, cancelled))
    event = found[f"board-meeting-{coming.pk}@{HOST}"]
    assert str(event["summary"]) == "Learning and Thematic Review Group meeting"
    assert (event.decoded("dtstart"), str(event["location"])) == (coming.date, "Hendon Town Hall")
    assert str(found[f"board-meeting-{cancelled.pk}@{HOST}"]["status"]) == "CANCELLED"
    assert int(found[f"board-meeting-{cancelled.pk}@{HOST}"]["sequence"]) == 1, "the cancellation saved it"

    parsed = vobject.readOne(response.content.decode())
    assert {vevent.uid.value for vevent in parsed.vevent_list} == set(found)


def test_the_public_feed_is_cached_like_the_public_pages(client, board, settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    MeetingFactory(board=board)
    client.get("/boards/meetings.ics")
    again = client.get("/boards/meetings.ics")
    assert again["X-Cache"] == "hit" and again["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(events(again.content)) == 1


def test_a_member_has_their_boards_coming_meetings_in_their_feed_and_on_my_work(client, board, member, sign_in):
    mine = MeetingFactory(board=board)
    MeetingPastFactory(board=board)
    MeetingFactory()  # another board's
    sign_in(member)
    assert f"{board.name}, {mine.date:%-d %B %Y}" in text(client.get("/staff/"))
    response = client.post("/accounts/calendar/reset/", follow=True)
    address = page(response).select_one("#calendar-address")["value"]
    feed = Client().get(urlsplit(address).path)
    assert list(events(feed.content)) == [f"board-meeting-{mine.pk}@{HOST}"]
