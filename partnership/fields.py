"""The portal's one date field: the GOV.UK date input (day, month, year) with GOV.UK's own error wording.

Every date a person types anywhere in the portal goes through `GovukDateField`, so the wording, the range and the
refusals are the same everywhere. It never raises anything but `ValidationError`, whatever is posted (20-digit years,
NUL bytes, lists, 31 February), and never passes Python's own words to people. The wording follows the Design
System's date input guidance (https://design-system.service.gov.uk/components/date-input/): "Enter date of death",
"Date of death must include a month", "Date of death must be a real date", "Date of death must include a year with
4 numbers", "Date of death must be today or in the past", "... must be the same as or after 1 January 1900". The part
to correct (day, month or year) is highlighted, or the whole date when the problem is the date as a whole.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy

EARLIEST = date(1900, 1, 1)
LATEST_YEARS_AHEAD = 10
PARTS = ("day", "month", "year")
ERROR_CLASS = "govuk-input--error"
DIGITS = re.compile(r"[0-9]+")  # ASCII only: "²" and other Unicode digits are not numbers here
MONTHS = {
    name: number
    for number, month in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )  # fmt: skip
    for name in {month, month[:3], month[:4]}
}
BoundDate = date | Callable[[], date] | None


def example_hint() -> str:
    return f"For example, 27 3 {timezone.localdate().year}"


EXAMPLE = lazy(example_hint, str)()


def years_ahead(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29 February with no match)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def noun_from(label) -> str:
    """'Date of death' -> 'date of death' for "Enter ..."; an initialism such as 'DfE told' keeps its capitals."""
    label = str(label or "date").removesuffix(" (optional)")
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def name_from(label) -> str:
    """'date of death' -> 'Date of death', to start a message."""
    noun = noun_from(label)
    return noun[:1].upper() + noun[1:]


class GovukDateWidget(DateInputWidget):
    """The template pack's date input, with the numeric keyboard on phones as the Design System sets it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for widget in self.widgets:
            widget.attrs["inputmode"] = "numeric"


class DateProblem(Exception):
    """Why the typed date is refused, and which parts to highlight (all three: the date as a whole)."""

    def __init__(self, message: str, code: str, parts=PARTS):
        super().__init__(message)
        self.message, self.code, self.parts = message, code, tuple(parts)


class GovukDateField(DateInputField):
    """Day, month and year boxes that clean to a `date` between `earliest` and `latest`.

    `past=True`: today or earlier (dates of birth and death, things that have happened); `future=True`: today or
    later. `earliest` and `latest` (a date, or a callable giving one when the form is checked) narrow the default
    range of 1 January 1900 to ten years from today, so nothing absurd is ever saved.
    """

    widget = GovukDateWidget

    def __init__(
        self,
        label=None,
        *,
        required: bool = True,
        help_text=EXAMPLE,
        past: bool = False,
        future: bool = False,
        earliest: BoundDate = None,
        latest: BoundDate = None,
        **kwargs,
    ):
        super().__init__(label=label, required=required, help_text=help_text, require_all_fields=False, **kwargs)
        self.past, self.future = past, future
        self.earliest, self.latest = earliest, latest

    # The range, worked out when the form is checked (a server runs for longer than a day).

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        earliest = _resolve(self.earliest) or EARLIEST
        latest = _resolve(self.latest) or years_ahead(today, LATEST_YEARS_AHEAD)
        if self.past:
            latest = min(latest, today)
        if self.future:
            earliest = max(earliest, today)
        return earliest, latest

    # Cleaning: never raises anything but ValidationError.

    def clean(self, value):
        """`value` is the three boxes as posted, or the initial `date` of a disabled field."""
        self._clear_highlights()
        try:
            result = self._to_date(_parts(value))
            if result is not None:
                self._check_range(result)
        except DateProblem as problem:
            self._highlight(problem)
            raise ValidationError(problem.message, code=problem.code) from None
        self.run_validators(result)
        return result

    def compress(self, data_list):
        """Only reached through Django's own machinery; the same rules as `clean`, never an exception."""
        try:
            return self._to_date(_parts(data_list), required=False)
        except DateProblem:
            return None

    def _to_date(self, parts: tuple[str, str, str], required: bool | None = None) -> date | None:
        name, noun = self._name(), noun_from(self.label)
        required = self.required if required is None else required
        missing = [part for part, text in zip(PARTS, parts, strict=True) if not text]
        if len(missing) == 3:
            if required:
                raise DateProblem(f"Enter {noun}", "required")
            return None
        if missing:
            raise DateProblem(f"{name} must include a {' and '.join(missing)}", "incomplete", missing)
        day, month, year = parts
        numbers = {"day": _number(day), "month": MONTHS.get(month.lower(), _number(month)), "year": _number(year)}
        wrong = [part for part in PARTS if numbers[part] is None]
        if numbers["day"] is not None and not 1 <= numbers["day"] <= 31:
            wrong.append("day")
        if numbers["month"] is not None and not 1 <= numbers["month"] <= 12:
            wrong.append("month")
        if wrong:
            raise DateProblem(f"{name} must be a real date", "invalid", wrong if len(wrong) == 1 else PARTS)
        if len(year) != 4:
            raise DateProblem(f"{name} must include a year with 4 numbers", "year_digits", ["year"])
        try:
            return date(numbers["year"], numbers["month"], numbers["day"])
        except ValueError:  # 31 February, 29 February in a common year, year 0000
            raise DateProblem(f"{name} must be a real date", "invalid") from None

    def _check_range(self, day: date) -> None:
        name = self._name()
        earliest, latest = self.bounds()
        today = timezone.localdate()
        if day > latest:
            if latest == today and self.past:
                raise DateProblem(f"{name} must be today or in the past", "past")
            raise DateProblem(f"{name} must be the same as or before {long_date(latest)}", "latest")
        if day < earliest:
            if earliest == today and self.future:
                raise DateProblem(f"{name} must be today or in the future", "future")
            raise DateProblem(f"{name} must be the same as or after {long_date(earliest)}", "earliest")

    def _name(self) -> str:
        return name_from(self.label)

    # Highlighting: the template pack links the error summary to the part whose sub-field holds the message and
    # draws the red border on parts whose input carries the error class.

    def _clear_highlights(self) -> None:
        for field, widget in zip(self.fields, self.widget.widgets, strict=True):
            field.widget.errors = []
            classes = widget.attrs.get("class", "").split()
            widget.attrs["class"] = " ".join(name for name in classes if name != ERROR_CLASS)

    def _highlight(self, problem: DateProblem) -> None:
        first = True
        for part, field, widget in zip(PARTS, self.fields, self.widget.widgets, strict=True):
            if part in problem.parts:
                if first:
                    field.widget.errors = [problem.message]
                    first = False
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {ERROR_CLASS}".strip()


def _resolve(bound: BoundDate) -> date | None:
    return bound() if callable(bound) else bound


def _number(text: str) -> int | None:
    return int(text) if DIGITS.fullmatch(text) else None


def _parts(value) -> tuple[str, str, str]:
    """Day, month and year as stripped text, whatever was posted: a list, a date, a string, nothing."""
    if isinstance(value, date):
        value = (value.day, value.month, value.year)
    if not isinstance(value, (list, tuple)):
        value = ()
    texts = []
    for item in [*value[:3], *[None] * (3 - len(value[:3]))]:
        if isinstance(item, (list, tuple)):
            item = item[-1] if item else None  # several values for one box: the last, as a QueryDict would give
        texts.append("" if item is None else str(item)[:100].strip())
    return texts[0], texts[1], texts[2]


class GovukDateTimeField(forms.DateTimeField):
    """A date and time in one box (the browser's picker: the editors' publishing schedule), in the date field's
    default range and with its wording, so nothing absurd (year 9999) is saved and Python's words never show."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (ValidationError, ValueError, OverflowError):
            raise ValidationError(f"{name_from(self.label)} must be a real date and time", code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        earliest, latest = EARLIEST, years_ahead(timezone.localdate(), LATEST_YEARS_AHEAD)
        if value < timezone.make_aware(datetime.combine(earliest, time.min)):
            message = f"{name_from(self.label)} must be the same as or after {long_date(earliest)}"
            raise ValidationError(message, code="earliest")
        if value >= timezone.make_aware(datetime.combine(latest + timedelta(days=1), time.min)):
            message = f"{name_from(self.label)} must be the same as or before {long_date(latest)}"
            raise ValidationError(message, code="latest")
