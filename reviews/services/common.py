"""What every step shares: the stage guard and log, and the date checks that give one clear message each."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.errors import Refusal
from partnership.locking import check_version
from reviews.models import Case, Stage, StageLog
from reviews.permissions import MANAGE_CASE

AUDIENCE = MANAGE_CASE


def lock(case: Case, *, allowed: set[Stage], step: str, version: int | None = None) -> Case:
    """Lock the case row, refuse a stale form, and refuse the step from any stage it may not come from."""
    check_version(case, version)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.stage not in allowed:
        raise Refusal(
            f"You cannot {step} when the case is at the stage “{Stage(case.stage).label}”.", code="stage"
        )
    return case


def move(case: Case, *, to: Stage, step: str, on: date, by, due_on: date | None = None) -> None:
    """Change stage (or only log a step when `to` is the current stage) and append to the stage log."""
    case.stage = to
    if to == Stage.CLOSED and not case.closed_on:
        case.closed_on = on
    case.full_clean()
    case.save()
    StageLog.objects.create(case=case, stage=to, step=step, on=on, by=by, due_on=due_on)


def touch(case: Case) -> None:
    """Bump the case's version so another person's open form about it becomes stale."""
    case.save(update_fields=["version"])


def not_in_future(day: date | None, field: str, label: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})


def not_before(day: date | None, earliest: date | None, field: str, label: str, earliest_label: str) -> None:
    if day and earliest and day < earliest:
        raise ValidationError({field: f"{label} must be on or after {earliest_label} ({earliest:%-d %B %Y})"})
