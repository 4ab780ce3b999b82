"""The date rules of a child's death, in GOV.UK words, shared by the notification, the coordinator's correction
and the Joint Agency Response: a child is under 18 at death, dies after being born and not in the future, and
nothing that follows the death (its becoming known, the home visit, the first meeting) comes before it."""

from datetime import date, datetime, time

from django.utils import timezone

from cdop.choices import ADULT_AGE, age_in_years

UNDER_18 = "The child must have been under 18 when they died"


def death_date_problem(date_of_birth: date | None, date_of_death: date) -> str | None:
    if date_of_death > timezone.localdate():
        return "Date of death must be today or in the past"
    if date_of_birth is None:
        return None
    if date_of_death < date_of_birth:
        return "Date of death must be the same as or after the date of birth"
    if age_in_years(date_of_birth, date_of_death) >= ADULT_AGE:
        return UNDER_18
    return None


def moment(day: date | None, at: time | None) -> datetime | None:
    """A date and optional time as an aware moment (the start of the day without a time)."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, at or time.min))


def after_death_problem(what: str, when: datetime | None, died_at: datetime) -> str | None:
    """`what` ("The home or scene visit") happened at `when`: not before the death, not in the future. A date
    without a time (midnight) on the day of death is accepted."""
    if when is None:
        return None
    if when > timezone.now():
        return f"{what} must be today or in the past"
    same_day_without_time = timezone.localtime(when).time() == time.min and (
        timezone.localtime(when).date() == timezone.localtime(died_at).date()
    )
    if when < died_at and not same_day_without_time:
        return f"{what} must be the same as or after the death"
    return None
