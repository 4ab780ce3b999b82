"""Working days for statutory clocks: Monday to Friday, less England and Wales bank holidays.

`holidays` lists a bank holiday that falls at a weekend and its substitute Monday both; only weekdays count,
so the weekend date is harmless and the substitute day is skipped as it should be.
"""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (or before, when negative); `start` itself never counts."""
    step = 1 if days >= 0 else -1
    day, remaining = start, abs(days)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))


def working_days_in_words(days: int, beyond: str) -> str:
    """ "1 working day late", "3 working days overdue": how far past (or before) a date, said one way everywhere."""
    count = abs(days)
    return f"{count} working day{'s' if count != 1 else ''} {beyond}"
