"""What every step shares: the clocks' audience, the version bump of an edit, and the date checks that give one
clear message each. Stage changes go through `partnership.workflow` (`advance`, `start`, `lock`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews.models import Case
from reviews.permissions import MANAGE_CASE

AUDIENCE = MANAGE_CASE


def touch(case: Case) -> None:
    """Bump the case's version after an edit of one of its parts (a summary request, the rapid review, the
    LCSPR), so another person's form opened on the case before it becomes stale."""
    case.save(update_fields=["version"])


def not_in_future(day: date | None, field: str, label: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})


def not_before(day: date | None, earliest: date | None, field: str, label: str, earliest_label: str) -> None:
    if day and earliest and day < earliest:
        raise ValidationError({field: f"{label} must be on or after {earliest_label} ({earliest:%-d %B %Y})"})
