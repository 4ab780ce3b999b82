"""Reads of the shared core that depend on who is asking."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from partnership.calendar import working_days_between, working_days_in_words
from partnership.hooks import app_hooks
from partnership.models import Deadline, OutgoingEmail, StageChange, User
from partnership.permissions import ACT_FOR_ORGANISATION, RESEND_EMAIL
from partnership.workflow import machine_for


def rights_held(user: User) -> set[str]:
    """The person's permissions from their roles and direct grants, without a superuser's blanket rights (kept on
    the user for the request: the menu asks too)."""
    if not user.is_superuser:
        return user.get_all_permissions()
    if not hasattr(user, "_role_permissions"):
        fields = ("content_type__app_label", "codename")
        # A union of two halves, each through its user index: one OR across both joins reads every membership.
        granted = (
            Permission.objects.filter(group__user=user)
            .order_by()
            .values_list(*fields)
            .union(Permission.objects.filter(user=user).order_by().values_list(*fields))
            .order_by()
        )
        user._role_permissions = {f"{app_label}.{codename}" for app_label, codename in granted}
    return user._role_permissions


def deadlines_for(user: User) -> QuerySet[Deadline]:
    """Open clocks this person is responsible for, soonest (so most overdue) first. Only the rights held through
    a role (or given by name) count: a superuser (the administrator) holds every permission in Django, but the
    clocks of work they do not do (and may not open, such as CDOP's) are not theirs."""
    rights = rights_held(user)
    visible = Q(audience_permission__in=rights)
    if user.organisation_id and ACT_FOR_ORGANISATION in rights:
        visible |= Q(organisation_id=user.organisation_id)
    return (
        Deadline.objects.open()
        .filter(visible)
        .filter(_openable(user))
        .select_related("content_type")  # not the organisation: never shown, and joining it read the whole table
        .prefetch_related("subject")
        .order_by("due_on", "pk")
    )


def _openable(user: User) -> Q:
    """Only the clocks whose subject this person may open. Each app says, through `AppConfig.openable_subjects`
    (a dotted path to a function taking the user and returning {model: queryset}), which of its subjects the
    person may open: the very querysets its own pages read through, so the list and the page share one rule.
    A queryset of everything adds no condition, an empty one drops that model's clocks, any other keeps the clocks
    of the subjects it holds. A model no app speaks for is left to the audience alone."""
    restricted, hidden, shown = [], [], Q()
    for openable in app_hooks("openable_subjects"):
        for model, subjects in openable(user).items():
            content_type = ContentType.objects.get_for_model(model)
            if subjects.query.is_empty():
                hidden.append(content_type.pk)
            elif subjects.query.where:
                restricted.append(content_type.pk)
                shown |= Q(content_type_id=content_type.pk, object_id__in=subjects.order_by().values("pk"))
    return ~Q(content_type_id__in=hidden + restricted) | shown


def opening_with(parents: QuerySet, model, lookup: str) -> QuerySet:
    """The records of `model` that open on their parent's page (`lookup` leads to the parent): those whose parent
    is in `parents`, with no condition at all when `parents` is everything."""
    if parents.query.is_empty():
        return model.objects.none()
    if not parents.query.where:
        return model.objects.all()
    return model.objects.filter(**{f"{lookup}__in": parents.order_by().values("pk")})


@dataclass(frozen=True)
class DueItem:
    deadline: Deadline
    days: int  # calendar days left; when overdue, minus the working days overdue (as the stage history counts)

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def status(self) -> str:
        if self.days < 0:
            return working_days_in_words(self.days, "overdue")
        if self.days == 0:
            return "Due today"
        return f"{self.days} day{'s' if self.days != 1 else ''} left"


def due_items(deadlines, *, today: date | None = None) -> list[DueItem]:
    """Each deadline with its days left, or its working days overdue: a clock due on Friday is one working day
    overdue on Monday, as the stage history counts lateness, not three."""
    today = today or timezone.localdate()
    return [DueItem(deadline, _days(deadline.due_on, today)) for deadline in deadlines]


def _days(due_on: date, today: date) -> int:
    if due_on >= today:
        return (due_on - today).days
    return min(-1, -working_days_between(due_on, today))


def my_work_panels(user: User) -> list[dict]:
    """Extra panels for the staff home, offered by apps through `AppConfig.my_work_panel` (a dotted path to a
    function taking the user and returning a dict with `title` and `template`, or None)."""
    panels = []
    for panel_of in app_hooks("my_work_panel"):
        if panel := panel_of(user):
            panels.append(panel)
    return panels


def emails_undelivered(user: User) -> QuerySet[OutgoingEmail]:
    """Emails that failed for good, then those still being tried after a failed attempt; nothing for others."""
    if not user.has_perm(RESEND_EMAIL):
        return OutgoingEmail.objects.none()
    failed = Q(status=OutgoingEmail.Status.FAILED)
    retrying = Q(status=OutgoingEmail.Status.QUEUED, attempts__gt=0)
    return (
        OutgoingEmail.objects.filter(failed | retrying)
        .defer("body")
        .annotate(has_text=~Q(body=""))
        .order_by("status", "-created_at")  # failed, then queued
    )


def my_work_panel(user: User) -> dict | None:
    """'Emails' on the staff home, for those who may resend: a link to the emails not delivered, and how many."""
    if not user.has_perm(RESEND_EMAIL):
        return None
    failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
    return {"title": "Emails", "template": "partnership/my_work_panel.html", "failed": failed}


@dataclass(frozen=True)
class HistoryRow:
    """One step in a record's stage history, with the working days since the step before and how it met its
    deadline."""

    change: StageChange
    stage: str
    days_in_stage: int | None

    @property
    def against_clock(self) -> str:
        if not self.change.due_on:
            return ""
        days = working_days_between(self.change.due_on, self.change.on)
        if days > 0:
            return working_days_in_words(days, "late")
        if days < 0:
            return working_days_in_words(days, "early")
        return "On the due date"


def stage_changes(subject) -> QuerySet[StageChange]:
    return StageChange.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("by")


def stage_history(subject) -> list[HistoryRow]:
    """A record's stage changes in order: the same history on every case, return, item and page."""
    machine = machine_for(subject)
    rows, previous = [], None
    for change in stage_changes(subject):
        days = working_days_between(previous, change.on) if previous else None
        rows.append(HistoryRow(change, machine.label(change.to_stage), days))
        previous = change.on
    return rows
