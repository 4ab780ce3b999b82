"""The years the CDOP's figures run by: the reporting year, 1 April to 31 March, as CDOP annual reports and the
National Child Mortality Database run; or a calendar year on request."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

REPORTING = "reporting"
CALENDAR = "calendar"
EARLIEST = 2019  # the NCMD has collected every CDOP's data since 1 April 2019


@dataclass(frozen=True)
class Period:
    kind: str  # REPORTING or CALENDAR
    year: int  # the year the period starts in

    @property
    def first_day(self) -> date:
        return date(self.year, 4, 1) if self.kind == REPORTING else date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year + 1, 3, 31) if self.kind == REPORTING else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        return f"{self.year} to {self.year + 1}" if self.kind == REPORTING else str(self.year)

    @property
    def query(self) -> str:
        return f"?year={self.year}" + ("&period=calendar" if self.kind == CALENDAR else "")


def current(kind: str = REPORTING, today: date | None = None) -> Period:
    """The period today falls in: from April, this year's reporting year; before, last year's."""
    today = today or timezone.localdate()
    if kind == REPORTING and today.month < 4:
        return Period(kind, today.year - 1)
    return Period(kind, today.year)


def recent(kind: str, count: int = 6) -> list[Period]:
    latest = current(kind)
    return [Period(kind, year) for year in range(latest.year, max(EARLIEST, latest.year - count + 1) - 1, -1)]
