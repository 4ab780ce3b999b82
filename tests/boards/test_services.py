"""Every write and stage change of the boards app: allowed moves, refused moves, and refused moves save nothing."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from boards import services
from boards.models import AgendaItem, Meeting, RaisedItem, TermsOfReference
from partnership.errors import Refusal
from partnership.models import Deadline, StageChange
from partnership.selectors import stage_changes
from tests.boards.factories import (
    BoardFactory,
    MeetingFactory,
    MeetingPastFactory,
    MeetingPublishedFactory,
    RaisedItemDeclinedFactory,
    RaisedItemFactory,
    RaisedItemOnAgendaFactory,
    pdf,
)

Stage = RaisedItem.Stage
pytestmark = pytest.mark.django_db


@time_machine.travel("2026-05-01 10:00 +0000", tick=False)  # a Friday; the 4th is the early May bank holiday
def test_submitting_an_item_gives_a_reference_starts_the_triage_clock_and_emails_the_manager(
    board, django_capture_on_commit_callbacks, mailoutbox, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        item = services.raised_item_submit(
            board=board, subject="Safer sleeping", details="Details", name="Sam", email="sam@example.com"
        )
    assert item.reference == "BRD-2026-001"
    assert item.stage == Stage.RECEIVED
    clock = Deadline.objects.get(kind=services.TRIAGE_CLOCK, object_id=item.pk)
    assert clock.due_on == date(2026, 5, 18)  # 10 working days, skipping the bank holiday
    assert [m.to for m in mailoutbox] == [[settings.PARTNERSHIP_EMAIL]]
    assert item.reference in mailoutbox[0].body
    assert list(stage_changes(item).values_list("from_stage", "to_stage", "by")) == [("", Stage.RECEIVED, None)]


def test_an_item_goes_on_a_coming_meetings_agenda_and_the_person_is_told(
    manager, django_capture_on_commit_callbacks, mailoutbox
):
    item = RaisedItemFactory()
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        item = services.raised_item_add_to_agenda(item=item, meeting=meeting, by=manager)
    assert item.stage == Stage.ON_AGENDA
    assert item.decided_by == manager and item.decided_at
    assert item.agenda_item.meeting == meeting and item.agenda_item.title == item.subject
    assert [m.to for m in mailoutbox] == [["sam@example.com"]]
    assert meeting.board.name in mailoutbox[0].body


def test_an_item_is_declined_with_a_reason_and_the_person_is_told(
    manager, django_capture_on_commit_callbacks, mailoutbox
):
    item = RaisedItemFactory(subject="Fish & chips")
    with django_capture_on_commit_callbacks(execute=True):
        item = services.raised_item_decline(item=item, reason="A matter for the council", by=manager)
    assert item.stage == Stage.DECLINED and item.decline_reason == "A matter for the council"
    assert "A matter for the council" in mailoutbox[0].body
    assert '"Fish & chips"' in mailoutbox[0].body  # plain text, not HTML-escaped


def test_deciding_meets_the_triage_clock(manager, board):
    item = services.raised_item_submit(board=board, subject="S", details="D", name="N", email="n@example.com")
    services.raised_item_decline(item=item, reason="No", by=manager)
    assert Deadline.objects.get(kind=services.TRIAGE_CLOCK, object_id=item.pk).met_by == manager


def _snapshot():
    return (
        list(RaisedItem.objects.values_list("pk", "stage", "decline_reason", "agenda_item")),
        AgendaItem.objects.count(),
        StageChange.objects.count(),
    )


MOVES = {
    "add_to_agenda": lambda item, by: services.raised_item_add_to_agenda(item=item, meeting=MeetingFactory(), by=by),
    "decline": lambda item, by: services.raised_item_decline(item=item, reason="Out of scope", by=by),
}
FACTORIES = {
    Stage.RECEIVED: RaisedItemFactory,
    Stage.ON_AGENDA: RaisedItemOnAgendaFactory,
    Stage.DECLINED: RaisedItemDeclinedFactory,
}
RESULT = {"add_to_agenda": Stage.ON_AGENDA, "decline": Stage.DECLINED}


@pytest.mark.parametrize("stage", list(FACTORIES), ids=str)
@pytest.mark.parametrize("move", list(MOVES))
def test_every_move_from_every_stage(stage, move, manager, django_capture_on_commit_callbacks, mailoutbox):
    """Both decisions come from "received" only; from anywhere else they are refused and save nothing."""
    item = FACTORIES[stage]()
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        if stage == Stage.RECEIVED:
            item = MOVES[move](item, manager)
        else:
            with pytest.raises(Refusal, match=f"now: the item is at the stage “{stage.label}”"):
                MOVES[move](item, manager)
    if stage == Stage.RECEIVED:
        assert item.stage == RESULT[move] and item.decided_by == manager
        assert stage_changes(item).get().to_stage == RESULT[move]
        assert [m.to for m in mailoutbox] == [[item.email]]
    else:
        assert _snapshot() == before
        assert mailoutbox == []


@pytest.mark.parametrize(
    "attempt",
    [
        pytest.param(lambda item, by: services.raised_item_decline(item=item, reason="   ", by=by), id="no-reason"),
        pytest.param(
            lambda item, by: services.raised_item_add_to_agenda(item=item, meeting=MeetingPastFactory(), by=by),
            id="meeting-in-the-past",
        ),
    ],
)
def test_refused_decisions_save_nothing(attempt, manager, django_capture_on_commit_callbacks, mailoutbox):
    item = RaisedItemFactory()
    before = _snapshot()
    with pytest.raises(Refusal), django_capture_on_commit_callbacks(execute=True):
        attempt(item, manager)
    assert _snapshot() == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("factory", "service", "allowed"),
    [
        (MeetingPastFactory, services.meeting_publish, True),
        (MeetingPublishedFactory, services.meeting_publish, False),
        (MeetingPublishedFactory, services.meeting_unpublish, True),
        (MeetingPastFactory, services.meeting_unpublish, False),
    ],
)
def test_publishing_a_meeting(factory, service, allowed, manager):
    meeting = factory()
    before = Meeting.objects.filter(pk=meeting.pk).values("published_at", "published_by").get()
    if allowed:
        meeting = service(meeting=meeting, by=manager)
        assert meeting.is_published == (service is services.meeting_publish)
    else:
        with pytest.raises(Refusal):
            service(meeting=meeting, by=manager)
        assert Meeting.objects.filter(pk=meeting.pk).values("published_at", "published_by").get() == before


def test_minutes_only_once_the_meeting_has_taken_place(manager):
    meeting = MeetingFactory()
    with pytest.raises(Refusal):
        services.meeting_minutes_record(meeting=meeting, minutes="Too soon", by=manager)
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_a_cancelled_meeting_takes_no_minutes_agenda_items_or_papers(manager):
    meeting = MeetingPastFactory(cancelled_at=timezone.now(), cancellation_reason="Not quorate")
    for step, words in [
        (lambda: services.meeting_minutes_record(meeting=meeting, minutes="Met anyway", by=manager), "record minutes"),
        (lambda: services.agenda_item_add(meeting=meeting, title="Late item", by=manager), "add to its agenda"),
        (lambda: services.paper_add(meeting=meeting, title="Paper", file=pdf("p.pdf"), by=manager), "add a paper"),
    ]:
        with pytest.raises(Refusal, match=f"This meeting is cancelled, so you cannot {words}"):
            step()
    assert Meeting.objects.get(pk=meeting.pk).minutes != "Met anyway"
    assert not meeting.agenda_items.filter(title="Late item").exists()
    assert not meeting.papers.filter(title="Paper").exists()


def test_terms_of_reference_versions_follow_on_and_the_latest_is_current(board, manager):
    first = services.terms_of_reference_add(board=board, approved_on=date(2019, 9, 1), text="First", by=manager)
    second = services.terms_of_reference_add(
        board=board, approved_on=date(2024, 9, 1), file=pdf("terms.pdf"), by=manager
    )
    assert (first.version, second.version) == (1, 2)
    assert list(board.terms_of_reference.values_list("version", flat=True)) == [2, 1]


def test_terms_of_reference_need_text_or_a_document(board, manager):
    with pytest.raises(ValidationError):
        services.terms_of_reference_add(board=board, approved_on=date(2024, 9, 1), text="  ", by=manager)
    assert not TermsOfReference.objects.exists()


def test_agenda_items_are_numbered_in_order(manager):
    meeting = MeetingFactory()
    items = [services.agenda_item_add(meeting=meeting, title=f"Item {n}", by=manager) for n in range(3)]
    assert [item.order for item in items] == [1, 2, 3]


def test_a_board_cannot_report_to_itself_through_others():
    top = BoardFactory()
    middle = BoardFactory(reports_to=top)
    top.reports_to = middle
    with pytest.raises(ValidationError, match="cannot report to itself"):
        top.full_clean()


def test_a_board_cannot_take_the_slug_of_one_of_the_apps_pages():
    with pytest.raises(ValidationError, match="used by another page"):
        BoardFactory.build(slug="raise-an-item").full_clean()
