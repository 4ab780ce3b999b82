"""Every write of the boards app: terms of reference, meetings, agendas, papers, and items raised for a board."""

import secrets
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards.models import AgendaItem, Board, Meeting, Paper, RaisedItem, RaisedItemStageChange, TermsOfReference
from boards.permissions import MANAGE_BOARDS
from partnership.calendar import add_working_days
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.models import User
from partnership.notify import email_on_commit
from partnership.services import deadline_meet, deadline_open

TRIAGE_CLOCK = "boards.triage"
Stage = RaisedItem.Stage


@transaction.atomic
def terms_of_reference_add(*, board: Board, approved_on: date, text: str = "", file=None, by: User) -> TermsOfReference:
    """A new version of the board's terms of reference; it becomes the current one."""
    latest = board.terms_of_reference.aggregate(latest=Max("version"))["latest"] or 0
    terms = TermsOfReference(board=board, version=latest + 1, approved_on=approved_on, text=text, added_by=by)
    if file:
        terms.file = file
    terms.full_clean()
    terms.save()
    return terms


@transaction.atomic
def meeting_create(*, board: Board, date: date, location: str = "", by: User) -> Meeting:
    meeting = Meeting(board=board, date=date, location=location)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, description: str = "", by: User) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(meeting=meeting, order=last + 1, title=title, description=description)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def paper_add(*, meeting: Meeting, title: str, file, by: User) -> Paper:
    paper = Paper(meeting=meeting, title=title, file=file, added_by=by)
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def meeting_minutes_record(*, meeting: Meeting, minutes: str = "", minutes_file=None, by: User) -> Meeting:
    if meeting.date > timezone.localdate():
        raise Refusal("Minutes can be recorded only once the meeting has taken place")
    meeting.minutes = minutes
    if minutes_file:
        meeting.minutes_file = minutes_file
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by: User) -> Meeting:
    """Make the meeting's agenda, papers and minutes public. Allowed from: private."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_published:
        raise Refusal("This meeting is already published")
    meeting.published_at = timezone.now()
    meeting.published_by = by
    meeting.save(update_fields=["published_at", "published_by"])
    return meeting


@transaction.atomic
def meeting_unpublish(*, meeting: Meeting, by: User) -> Meeting:
    """Make the meeting private again. Allowed from: published."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_published:
        raise Refusal("This meeting is not published")
    meeting.published_at = None
    meeting.published_by = None
    meeting.save(update_fields=["published_at", "published_by"])
    return meeting


def _log(item: RaisedItem, from_stage: str, by: User | None) -> None:
    RaisedItemStageChange.objects.create(item=item, from_stage=from_stage, to_stage=item.stage, by=by)


@transaction.atomic
def raised_item_submit(
    *, board: Board | None, subject: str, details: str, name: str, email: str, organisation: str = ""
) -> RaisedItem:
    """Someone asks a board to consider an item (the public form). The partnership manager is emailed and has a
    clock to decide on it."""
    item = RaisedItem(board=board, subject=subject, details=details, name=name, email=email, organisation=organisation)
    item.reference = f"new-{secrets.token_hex(6)}"  # replaced below, once the row has its number
    item.full_clean()
    item.save()
    item.reference = f"BRD-{item.received_at:%Y}-{item.pk:05d}"
    item.save(update_fields=["reference"])
    _log(item, "", None)
    deadline_open(
        subject=item,
        kind=TRIAGE_CLOCK,
        title=f"Decide on item {item.reference} raised for a board",
        due_on=add_working_days(timezone.localdate(), settings.BOARDS_TRIAGE_WORKING_DAYS),
        audience_permission=MANAGE_BOARDS,
    )
    email_on_commit(
        to=[settings.PARTNERSHIP_EMAIL],
        subject=f"Item raised for a board: {item.reference}",
        template="boards/email/raised_item_submit.txt",
        context={"item": item, "link": absolute_url(item.get_absolute_url())},
    )
    return item


def _decide(item: RaisedItem, to_stage: str, by: User) -> tuple[RaisedItem, str]:
    item = RaisedItem.objects.select_for_update().get(pk=item.pk)
    if item.stage != Stage.RECEIVED:
        raise Refusal(f"Item {item.reference} has already been decided: {item.get_stage_display()}")
    from_stage = item.stage
    item.stage = to_stage
    item.decided_at = timezone.now()
    item.decided_by = by
    return item, from_stage


@transaction.atomic
def raised_item_add_to_agenda(*, item: RaisedItem, meeting: Meeting, by: User) -> RaisedItem:
    """Put the item on a coming meeting's agenda. Allowed from: received."""
    item, from_stage = _decide(item, Stage.ON_AGENDA, by)
    if not meeting.is_upcoming:
        raise Refusal("Choose a meeting that has not yet taken place")
    item.agenda_item = agenda_item_add(meeting=meeting, title=item.subject, description=item.details, by=by)
    item.full_clean()
    item.save()
    _log(item, from_stage, by)
    deadline_meet(subject=item, kind=TRIAGE_CLOCK, by=by)
    email_on_commit(
        to=[item.email],
        subject=f"Your item {item.reference} will be considered by the {meeting.board}",
        template="boards/email/raised_item_add_to_agenda.txt",
        context={"item": item, "meeting": meeting},
    )
    return item


@transaction.atomic
def raised_item_decline(*, item: RaisedItem, reason: str, by: User) -> RaisedItem:
    """Decline the item, saying why. Allowed from: received."""
    item, from_stage = _decide(item, Stage.DECLINED, by)
    if not reason.strip():
        raise Refusal("Enter the reason for declining the item")
    item.decline_reason = reason.strip()
    item.full_clean()
    item.save()
    _log(item, from_stage, by)
    deadline_meet(subject=item, kind=TRIAGE_CLOCK, by=by)
    email_on_commit(
        to=[item.email],
        subject=f"Your item {item.reference} for the partnership's boards",
        template="boards/email/raised_item_decline.txt",
        context={"item": item},
    )
    return item
