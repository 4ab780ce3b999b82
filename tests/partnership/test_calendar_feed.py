"""The personal calendar feed: made and reset from "Your calendar", read by calendar apps without a session,
holding what "My work" holds and never a child's name."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
import vobject
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnership import services
from partnership.models import AccessEvent, Deadline
from partnership.permissions import INVITE_USER
from partnership.roles import Role
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.html import page, text
from tests.reviews.factories import NotificationDueFactory

pytestmark = pytest.mark.django_db

CHILD = "Jayden Okafor"


def clock(subject, due_on, kind="test.clock", title="", **kwargs):
    kwargs.setdefault("audience_permission", INVITE_USER)  # held by partnership managers
    return services.deadline_open(
        subject=subject, kind=kind, title=title or f"Clock for {subject}", due_on=due_on, **kwargs
    )


def feed_address(client, user, sign_in) -> str:
    """Make the person's address as they would: the button on "Your calendar", then the address shown once."""
    sign_in(user, client)
    response = client.post("/accounts/calendar/reset/", follow=True)
    return page(response).select_one("#calendar-address")["value"]


def fetch(address: str):
    """As a calendar app fetches it: a fresh client, no session, no cookies."""
    return Client().get(urlsplit(address).path)


def events(body: bytes) -> list:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


@pytest.fixture
def manager_feed(client, manager, sign_in):
    return feed_address(client, manager, sign_in)


def test_the_feed_parses_with_icalendar_and_with_vobject(manager_feed):
    case = NotificationDueFactory()
    deadline = Deadline.objects.get(kind="reviews.sin_due")
    response = fetch(manager_feed)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = events(response.content)
    assert str(event["uid"]).startswith(f"deadline-{deadline.pk}@")
    assert str(event["summary"]) == f"Serious Incident Notification due: {case.reference}"
    assert event.decoded("dtstart") == deadline.due_on
    assert event.decoded("dtend") == deadline.due_on + timedelta(days=1)
    assert int(event["sequence"]) == 0

    parsed = vobject.readOne(response.content.decode())
    (vevent,) = parsed.vevent_list
    assert vevent.uid.value == str(event["uid"])
    assert vevent.summary.value == f"Serious Incident Notification due: {case.reference}"
    assert vevent.dtstart.value == deadline.due_on
    assert vevent.url.value.endswith(case.get_absolute_url())


def test_a_childs_name_never_appears_in_the_feed(manager_feed):
    """Children are pseudonyms on a case, but a title may carry any words (an action's, an agency's): the feed
    says the kind of deadline and the reference only."""
    case = NotificationDueFactory(children=[CHILD])
    clock(OrganisationFactory(), date(2026, 12, 1), title=f"Speak to {CHILD}'s school about {case.reference}")
    body = fetch(manager_feed).content.decode()
    unfolded = body.replace("\r\n ", "")
    assert CHILD.split()[0] not in unfolded and CHILD.split()[1] not in unfolded
    summaries = sorted(str(event["summary"]) for event in events(body.encode()))
    assert summaries == sorted([f"Deadline: {case.reference}", f"Serious Incident Notification due: {case.reference}"])


def test_resetting_the_address_stops_the_old_one_at_once(client, manager, sign_in):
    clock(OrganisationFactory(), date(2026, 12, 1))
    first = feed_address(client, manager, sign_in)
    assert fetch(first).status_code == 200
    confirm = client.get("/accounts/calendar/reset/")
    assert "Your current calendar address will stop working at once" in text(confirm)
    response = client.post("/accounts/calendar/reset/", follow=True)
    second = page(response).select_one("#calendar-address")["value"]
    assert "The old address no longer works" in text(response, ".govuk-notification-banner")
    assert second != first
    assert fetch(first).status_code == 404
    assert len(events(fetch(second).content)) == 1


def test_the_address_is_shown_once_then_only_a_reset_gives_one(client, manager, sign_in):
    address = feed_address(client, manager, sign_in)
    assert address.startswith("http") and address.endswith(".ics")
    again = client.get("/accounts/calendar/")
    assert page(again).select_one("#calendar-address") is None
    assert address not in again.content.decode()
    assert "If you need it again, reset it to get a new one" in text(again)


def test_a_person_without_an_address_is_offered_one_not_a_reset(client, manager, sign_in):
    sign_in(manager)
    response = client.get("/accounts/calendar/")
    assert [button.get_text(strip=True) for button in page(response).select("main form button")] == [
        "Make my calendar address"
    ]
    assert client.get("/accounts/calendar/reset/").url == "/accounts/calendar/"


def test_the_reset_needs_the_forms_csrf_token(manager, sign_in):
    guarded = Client(enforce_csrf_checks=True)
    sign_in(manager, guarded)
    assert guarded.post("/accounts/calendar/reset/").status_code == 403


def test_a_disabled_accounts_feed_and_an_unknown_address_answer_404(manager, manager_feed):
    assert fetch(manager_feed).status_code == 200
    manager.is_active = False
    manager.save()
    assert fetch(manager_feed).status_code == 404
    assert Client().get("/calendar/not-a-token.ics").status_code == 404


def test_guessing_addresses_is_stopped_after_twenty_misses():
    guesser = Client()
    answers = [guesser.get(f"/calendar/guess{n}.ics").status_code for n in range(21)]
    assert answers == [404] * 20 + [429]


def test_the_feed_holds_only_what_the_person_may_see(client, agency, other_agency, sign_in):
    mine = UserFactory(organisation=agency, roles=[Role.AGENCY_USER])
    clock(agency, date(2026, 12, 1), kind="ours", audience_permission="audits.none", organisation=agency)
    clock(other_agency, date(2026, 12, 2), kind="theirs", audience_permission="audits.none", organisation=other_agency)
    clock(OrganisationFactory(), date(2026, 12, 3))  # the partnership manager's
    ours = Deadline.objects.get(kind="ours")
    (event,) = events(fetch(feed_address(client, mine, sign_in)).content)
    assert str(event["uid"]).startswith(f"deadline-{ours.pk}@")


def test_a_moved_date_keeps_the_uid_and_bumps_the_sequence(agency, manager_feed):
    clock(agency, date(2026, 12, 1))
    (before,) = events(fetch(manager_feed).content)
    clock(agency, date(2026, 12, 1))  # opened again on the same date: nothing moved
    services.deadline_move(subject=agency, kind="test.clock", due_on=date(2026, 12, 1))
    assert int(events(fetch(manager_feed).content)[0]["sequence"]) == 0
    services.deadline_move(subject=agency, kind="test.clock", due_on=date(2026, 12, 8))
    clock(agency, date(2026, 12, 10))
    (after,) = events(fetch(manager_feed).content)
    assert after["uid"] == before["uid"]
    assert (after.decoded("dtstart"), int(after["sequence"])) == (date(2026, 12, 10), 2)


def test_a_met_deadline_leaves_the_feed(agency, manager, manager_feed):
    clock(agency, date(2026, 12, 1))
    clock(agency, date(2026, 12, 2), kind="test.other")
    services.deadline_meet(subject=agency, kind="test.clock", by=manager)
    services.deadline_cancel(subject=agency, kind="test.other")
    assert events(fetch(manager_feed).content) == []


def test_every_fetch_is_in_the_access_log_without_the_token(manager, manager_feed):
    fetch(manager_feed)
    fetch(manager_feed)
    rows = list(AccessEvent.objects.filter(action="fetched calendar feed"))
    assert len(rows) == 2
    assert {(row.user, row.subject, row.path) for row in rows} == {(manager, manager, "/calendar/TOKEN.ics")}
    token = manager_feed.rsplit("/", 1)[1].removesuffix(".ics")
    assert not AccessEvent.objects.filter(path__contains=token).exists()


def test_the_feed_takes_the_same_number_of_queries_however_many_deadlines(manager_feed):
    def counted() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert fetch(manager_feed).status_code == 200
        return len(captured)

    for organisation in OrganisationFactory.create_batch(2):
        clock(organisation, date(2026, 12, 1))
    small = counted()
    for organisation in OrganisationFactory.create_batch(30):
        clock(organisation, date(2026, 12, 1))
    assert counted() == small
    assert len(events(fetch(manager_feed).content)) == 32


def test_panel_meetings_of_a_member_are_in_their_feed_as_timed_events(client, sign_in):
    member = UserFactory(roles=[Role.CDOP_PANEL_MEMBER])
    mine = PanelMeetingFactory(members=[member])
    PanelMeetingFactory()  # not invited
    PanelMeetingFactory(members=[member], cancelled_at=timezone.now())
    (event,) = events(fetch(feed_address(client, member, sign_in)).content)
    assert str(event["summary"]) == "Child Death Overview Panel meeting"
    assert str(event["uid"]).startswith(f"cdop-panel-meeting-{mine.pk}-feed@")
    assert event.decoded("dtstart").date() == mine.meets_on
    assert event.decoded("dtstart").hour == 14


def test_every_clock_has_a_label_for_the_feed():
    """A new kind of deadline must say in the feed what it is, not just "Deadline"."""
    from partnership.calendar_feed import KIND_LABELS
    from partnership.workflow import machines
    from reviews.services.cases import SECRETARY_OF_STATE_DUE
    from reviews.services.lcsprs import PREPUBLICATION_DUE
    from reviews.services.rapid_reviews import AGENCY_SUMMARY_DUE

    kinds = {clock.kind for machine in machines() for clock in machine.clocks}
    kinds |= {SECRETARY_OF_STATE_DUE, PREPUBLICATION_DUE, AGENCY_SUMMARY_DUE}
    assert kinds - set(KIND_LABELS) == set()
