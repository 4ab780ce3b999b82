"""Every write of the boards app: terms of reference, meetings, agendas, papers, and items raised for a board."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards.models import TRIAGE_CLOCK, AgendaItem, Board, Meeting, Paper, RaisedItem, TermsOfReference
from partnership.calendar import add_working_days
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.models import User
from partnership.notify import email_on_commit
from partnership.references import next_reference
from partnership.workflow import advance, start


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


@transaction.atomic
def raised_item_submit(
    *, board: Board | None, subject: str, details: str, name: str, email: str, organisation: str = ""
) -> RaisedItem:
    """Someone asks a board to consider an item (the public form). The partnership manager is emailed and has a
    clock to decide on it."""
    item = RaisedItem(board=board, subject=subject, details=details, name=name, email=email, organisation=organisation)
    item.reference = next_reference(RaisedItem, "BRD", timezone.localtime(item.received_at).year)
    item.full_clean()
    item.save()
    due = add_working_days(timezone.localdate(), settings.BOARDS_TRIAGE_WORKING_DAYS)
    start(item, "submit", by=None, due={TRIAGE_CLOCK: due})
    email_on_commit(
        to=[settings.PARTNERSHIP_EMAIL],
        subject=f"Item raised for a board: {item.reference}",
        template="boards/email/raised_item_submit.txt",
        context={"item": item, "link": absolute_url(item.get_absolute_url())},
    )
    return item


@transaction.atomic
def raised_item_add_to_agenda(*, item: RaisedItem, meeting: Meeting, by: User) -> RaisedItem:
    """Put the item on a coming meeting's agenda; the person who raised it is told."""
    with advance(item, "add_to_agenda", by=by) as item:
        if not meeting.is_upcoming:
            raise Refusal("Choose a meeting that has not yet taken place")
        item.agenda_item = agenda_item_add(meeting=meeting, title=item.subject, description=item.details, by=by)
        item.decided_at, item.decided_by = timezone.now(), by
    email_on_commit(
        to=[item.email],
        subject=f"Your item {item.reference} will be considered by the {meeting.board}",
        template="boards/email/raised_item_add_to_agenda.txt",
        context={"item": item, "meeting": meeting},
    )
    return item


@transaction.atomic
def raised_item_decline(*, item: RaisedItem, reason: str, by: User) -> RaisedItem:
    """Decline the item, saying why; the person who raised it is told."""
    with advance(item, "decline", by=by) as item:
        if not reason.strip():
            raise Refusal("Enter the reason for declining the item")
        item.decline_reason = reason.strip()
        item.decided_at, item.decided_by = timezone.now(), by
    email_on_commit(
        to=[item.email],
        subject=f"Your item {item.reference} for the partnership's boards",
        template="boards/email/raised_item_decline.txt",
        context={"item": item},
    )
    return item
