"""Boards, their members, terms of reference and meetings, and the items the public raises for them.

Who sees what: boards, members, terms of reference and meeting dates are public. A meeting's agenda, papers
and minutes are private to the board's members (a `Membership` naming the person's account) and to holders of
`boards.manage_boards` (the partnership manager) until the meeting is published.
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from boards.permissions import MANAGE_BOARDS
from partnership.files import DocumentValidator, private_storage
from partnership.locking import Versioned
from partnership.models import Organisation
from partnership.workflow import Clock, Machine, Move

DOCUMENT = DocumentValidator(["pdf", "docx"])
RESERVED_SLUGS = {
    "raise-an-item",
    "manage",
    "papers",
    "minutes",
    "governance",
}  # the app's own URLs beside /boards/<slug>/


@pghistory.track()
class Board(models.Model):
    """A board or subgroup of the partnership. `reports_to` draws the governance diagram."""

    name = models.CharField(max_length=150, unique=True)
    short_name = models.CharField(max_length=20, blank=True, help_text="Abbreviation, for example LTRG.")
    slug = models.SlugField(max_length=150, unique=True)
    purpose = models.TextField()
    chair = models.CharField(max_length=200, help_text="The chair by role, never a person's name.")
    reports_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reporting_boards"
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["order", "name"]
        permissions = [("manage_boards", "Can manage boards, meetings and items raised for a board")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board-detail", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by another page: choose another"})
        board = self.reports_to
        while board is not None:
            if board.pk == self.pk:
                raise ValidationError({"reports_to": "A board cannot report to itself, directly or through others"})
            board = board.reports_to


@pghistory.track()
class Membership(models.Model):
    """A seat on a board, by role and organisation. `user` links the seat to the account of whoever holds it:
    that person may see the board's private papers. Ended, never deleted."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="board_memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="board_memberships"
    )
    is_chair = models.BooleanField("chair", default=False)
    order = models.PositiveSmallIntegerField(default=0)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["board", "-is_chair", "order", "role"]

    def __str__(self):
        return f"{self.role}, {self.organisation}"


@pghistory.track()
class TermsOfReference(models.Model):
    """One version of a board's terms of reference: text, a document, or both. The current one is the latest
    approved that is not withdrawn; a version added by mistake is withdrawn with a reason, never deleted, so the
    history of what the board agreed stays whole."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="terms_of_reference")
    version = models.PositiveSmallIntegerField()
    approved_on = models.DateField()
    text = models.TextField(blank=True)
    file = models.FileField(
        upload_to="boards/terms/", storage=private_storage, validators=[DOCUMENT], blank=True, max_length=300
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    withdrawal_reason = models.TextField(blank=True, max_length=2000, editable=False)

    class Meta:
        ordering = ["board", "-version"]
        verbose_name_plural = "terms of reference"
        constraints = [models.UniqueConstraint(fields=["board", "version"], name="one_terms_version_per_board")]

    def __str__(self):
        return f"{self.board} terms of reference, version {self.version}"

    def clean(self):
        if not self.text.strip() and not self.file:
            raise ValidationError("Enter the terms of reference or choose a document", code="empty")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@pghistory.track()
class Meeting(Versioned):
    """A meeting of a board. Stages: private (agenda, papers, minutes seen by members and the manager only) ->
    published (seen by everyone; `meeting_publish`); `meeting_unpublish` makes it private again. A meeting that
    will not take place is cancelled (`meeting_cancel`), never deleted: the public page says so."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    minutes = models.TextField(blank=True)
    minutes_file = models.FileField(
        upload_to="boards/minutes/", storage=private_storage, validators=[DOCUMENT], blank=True, max_length=300
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    cancellation_reason = models.TextField(blank=True, max_length=2000, editable=False)

    class Meta:
        ordering = ["-date"]
        # The manager's list (every board, latest first) and a board's page (coming and past meetings, by year).
        indexes = [
            models.Index(fields=["-date", "-id"], name="boards_meeting_latest"),
            models.Index(fields=["board", "-date", "-id"], name="boards_meeting_board_latest"),
        ]

    def __str__(self):
        return f"{self.board} meeting, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("board-meeting", args=[self.board.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_upcoming(self) -> bool:
        return not self.is_cancelled and self.date >= timezone.localdate()


@pghistory.track()
class AgendaItem(Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title


@pghistory.track()
class Paper(Versioned):
    """A document for a meeting, private with the meeting until it is published."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="boards/papers/", storage=private_storage, validators=[DOCUMENT], max_length=300)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["meeting", "added_at", "pk"]

    def __str__(self):
        return self.title


@pghistory.track()
class RaisedItem(models.Model):
    """An item a member of the public or a professional asks a board to consider.

    Stages (`RAISED_ITEM_STAGES`): received (awaiting triage by the partnership manager) -> on agenda
    (`raised_item_add_to_agenda`: an agenda item on a coming meeting) or declined (`raised_item_decline`, with a
    reason). Both decisions are final and email the person who raised it.
    """

    retention_from = "received_at"

    class Stage(models.TextChoices):
        RECEIVED = "received", "Awaiting triage"
        ON_AGENDA = "on_agenda", "On an agenda"
        DECLINED = "declined", "Declined"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="raised_items",
        help_text="The board asked for; empty when the person was not sure.",
    )  # fmt: skip
    subject = models.CharField(max_length=200)
    details = models.TextField(max_length=5000)
    name = models.CharField(max_length=150)
    email = models.EmailField()
    organisation = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED, editable=False)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    decline_reason = models.TextField(blank=True, max_length=2000, editable=False)
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="raised_item", editable=False
    )

    class Meta:
        ordering = ["-received_at"]
        # Triage: awaiting a decision oldest first; then the latest decisions.
        indexes = [
            models.Index(fields=["stage", "received_at", "id"], name="boards_raised_stage_received"),
            models.Index(fields=["-decided_at", "-id"], name="boards_raised_decided"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self):
        return reverse("boards-raised-item", args=[self.pk])


TRIAGE_CLOCK = "boards.triage"

RAISED_ITEM_STAGES = Machine(
    "boards.RaisedItem",
    RaisedItem.Stage,
    noun="the item",
    clocks=(Clock(TRIAGE_CLOCK, "Decide on item {subject.reference} raised for a board", audience=MANAGE_BOARDS),),
    moves=[
        Move(
            "submit", "raise an item for a board", (), RaisedItem.Stage.RECEIVED, None, starts=(TRIAGE_CLOCK,),
            done="Raised through the public form",
        ),
        Move(
            "add_to_agenda", "put the item on a meeting's agenda", (RaisedItem.Stage.RECEIVED,),
            RaisedItem.Stage.ON_AGENDA, MANAGE_BOARDS, stops=(TRIAGE_CLOCK,), done="Put on a meeting's agenda",
        ),
        Move(
            "decline", "decline the item", (RaisedItem.Stage.RECEIVED,), RaisedItem.Stage.DECLINED, MANAGE_BOARDS,
            stops=(TRIAGE_CLOCK,), done="Declined, with a reason",
        ),
    ],
)  # fmt: skip
