"""Correcting the death details the notifier gave: the date and time of death and when the death became known.
The age band follows, and the open Joint Agency Response clocks move with the event they run from."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cdop.choices import age_band
from cdop.death_dates import death_date_problem
from cdop.models import ChildDeathCase
from cdop.services import OPEN_CASE, jar_due_dates
from partnership.models import User
from partnership.services import deadline_move
from partnership.workflow import lock

CORRECTABLE = (ChildDeathCase.Stage.NOTIFIED, *OPEN_CASE)


@transaction.atomic
def case_death_correct(
    *,
    case: ChildDeathCase,
    date_of_death: date,
    time_of_death: time | None,
    death_known_at: datetime | None,
    version: int | None,
    by: User,
) -> ChildDeathCase:
    """The coordinator corrects the date and time of death (and when it became known) while the case is open."""
    case = lock(case, version=version, stages=CORRECTABLE, doing="correct the death details")
    identity = getattr(case, "identity", None)
    problem = death_date_problem(identity.date_of_birth if identity else None, date_of_death)
    if problem:
        raise ValidationError({"date_of_death": problem})
    case.date_of_death, case.time_of_death, case.death_known_at = date_of_death, time_of_death, death_known_at
    if death_known_at and death_known_at < case.died_at():
        raise ValidationError(
            {"death_known_at": "The date the death became known must be the same as or after the death"}
        )
    if death_known_at and death_known_at > timezone.now():
        raise ValidationError({"death_known_at": "The date the death became known must be today or in the past"})
    if identity:
        case.age_band = age_band(identity.date_of_birth, date_of_death)
    case.full_clean()
    case.save()
    if hasattr(case, "jar"):
        for kind, due_on in jar_due_dates(case).items():
            deadline_move(subject=case.jar, kind=kind, due_on=due_on)
    return case
