"""Every write of the boards app: memberships, terms of reference, meetings, agendas, papers, and items raised for a
board. Corrections of saved records lock the row and refuse a stale form (`partnership.workflow.lock`)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards.models import TRIAGE_CLOCK, AgendaItem, Board, Meeting, Membership, Paper, RaisedItem, TermsOfReference
from partnership.calendar import add_working_days
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.models import Organisation, User
from partnership.notify import email_on_commit
from partnership.references import next_reference
from partnership.workflow import advance, lock, start


def current_terms(board: Board) -> TermsOfReference | None:
    """The version the public page shows as current: the latest approved that is not withdrawn."""
    versions = board.terms_of_reference.filter(withdrawn_at__isnull=True)
    return versions.order_by("-approved_on", "-version").first()


def terms_approval_date_check(board: Board, approved_on: date) -> None:
    """Refuse an approval date in the future, or before the current version's (the new version would not then be
    current). Also run by the admin's form, so the admin shows the same message instead of failing."""
    if approved_on > timezone.localdate():
        raise Refusal("The date the terms were approved must be today or in the past", code="future")
    current = current_terms(board)
    if current and approved_on < current.approved_on:
        raise Refusal(
            f"The date the terms were approved must be on or after {current.approved_on:%-d %B %Y}, when the "
            f"current version (version {current.version}) was approved",
            code="older",
        )


@transaction.atomic
def terms_of_reference_add(*, board: Board, approved_on: date, text: str = "", file=None, by: User) -> TermsOfReference:
    """A new version of the board's terms of reference; it becomes the current one. It cannot be approved in the
    future, nor before the current version (it would not then be current, and the page would mislead)."""
    Board.objects.select_for_update().get(pk=board.pk)  # two versions added at once take the numbers in turn
    terms_approval_date_check(board, approved_on)
    latest = board.terms_of_reference.aggregate(latest=Max("version"))["latest"] or 0
    terms = TermsOfReference(board=board, version=latest + 1, approved_on=approved_on, text=text, added_by=by)
    if file:
        terms.file = file
    terms.full_clean()
    terms.save()
    return terms


@transaction.atomic
def terms_of_reference_withdraw(*, terms: TermsOfReference, reason: str, by: User) -> TermsOfReference:
    """Withdraw a version added in error: it stays listed, marked withdrawn with the reason, and is no longer
    shown as current (the latest approved version left is)."""
    terms = TermsOfReference.objects.select_for_update().get(pk=terms.pk)
    if terms.is_withdrawn:
        raise Refusal(f"Version {terms.version} of the terms of reference is already withdrawn")
    if not reason.strip():
        raise Refusal("Enter why the version is withdrawn")
    terms.withdrawn_at, terms.withdrawn_by, terms.withdrawal_reason = timezone.now(), by, reason.strip()
    terms.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return terms


@transaction.atomic
def membership_add(
    *, board: Board, organisation: Organisation, role: str, user: User | None = None, is_chair: bool = False, by: User
) -> Membership:
    """A seat on the board. With an account named, that person sees the board's private papers from now on."""
    Board.objects.select_for_update().get(pk=board.pk)
    seats = Membership.objects.filter(board=board, ended_on__isnull=True)
    if seats.filter(organisation=organisation, role__iexact=role.strip(), user=user).exists():
        raise Refusal(f"{organisation} already holds the seat “{role.strip()}” on the {board}")
    if user is not None and user.organisation_id not in (None, organisation.pk):
        raise Refusal(f"Choose a person who works for {organisation}, or leave the person empty")
    last = seats.aggregate(last=Max("order"))["last"] or 0
    membership = Membership(
        board=board, organisation=organisation, role=role.strip(), user=user, is_chair=is_chair, order=last + 1
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: User) -> Membership:
    """End a seat today (kept, never deleted, for the record of who sat when). Its holder no longer sees the
    board's private papers."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_on is not None:
        raise Refusal(f"The seat “{membership.role}” has already ended")
    membership.ended_on = timezone.localdate()
    membership.save(update_fields=["ended_on"])
    return membership


@transaction.atomic
def meeting_create(*, board: Board, date: date, location: str = "", by: User) -> Meeting:
    meeting = Meeting(board=board, date=date, location=location)
    meeting.full_clean()
    meeting.save()
    return meeting


def _refuse_if_cancelled(meeting: Meeting, doing: str) -> None:
    if meeting.is_cancelled:
        raise Refusal(f"This meeting is cancelled, so you cannot {doing}")


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, description: str = "", by: User) -> AgendaItem:
    _refuse_if_cancelled(meeting, "add to its agenda")
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(meeting=meeting, order=last + 1, title=title, description=description)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def paper_add(*, meeting: Meeting, title: str, file, by: User) -> Paper:
    _refuse_if_cancelled(meeting, "add a paper")
    paper = Paper(meeting=meeting, title=title, file=file, added_by=by)
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def meeting_edit(*, meeting: Meeting, date: date, location: str = "", version: int | None, by: User) -> Meeting:
    """Correct a meeting's date or place. A cancelled meeting stays cancelled: add a new meeting instead."""
    meeting = lock(meeting, version=version)
    if meeting.is_cancelled:
        raise Refusal("This meeting is cancelled: add a new meeting instead")
    meeting.date, meeting.location = date, location
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, version: int | None, by: User) -> Meeting:
    """Cancel a meeting that has not taken place: the public page says it is cancelled and why, and it is no
    longer offered as a coming meeting."""
    meeting = lock(meeting, version=version)
    if meeting.is_cancelled:
        raise Refusal("This meeting is already cancelled")
    if meeting.date < timezone.localdate():
        raise Refusal("This meeting has already taken place, so it cannot be cancelled")
    if not reason.strip():
        raise Refusal("Enter why the meeting is cancelled")
    meeting.cancelled_at, meeting.cancelled_by, meeting.cancellation_reason = timezone.now(), by, reason.strip()
    meeting.save()
    return meeting


@transaction.atomic
def agenda_item_edit(*, item: AgendaItem, title: str, description: str = "", version: int | None, by: User):
    """Correct an agenda item's title or description."""
    item = lock(item, version=version)
    item.title, item.description = title, description
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def paper_edit(*, paper: Paper, title: str, file=None, version: int | None, by: User) -> Paper:
    """Correct a paper's title and, when a new document is chosen, replace the document (the old one stays in
    the record's history)."""
    paper = lock(paper, version=version)
    paper.title = title
    if file:
        paper.file = file
    paper.full_clean(exclude=["added_by"])  # papers added in the admin have nobody recorded
    paper.save()
    return paper


@transaction.atomic
def meeting_minutes_record(*, meeting: Meeting, minutes: str = "", minutes_file=None, by: User) -> Meeting:
    _refuse_if_cancelled(meeting, "record minutes")
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
        if meeting.is_cancelled:
            raise Refusal("This meeting is cancelled: choose another meeting")
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
