"""Which year the CDOP's figures are for (`?year=&period=`), checked like any other answer."""

from django import forms

from cdop import periods
from partnership.forms import GovukForm

PERIODS = [(periods.REPORTING, "Reporting year, April to March"), (periods.CALENDAR, "Calendar year")]


class FiguresForm(GovukForm, forms.Form):
    year = forms.IntegerField(
        required=False,
        error_messages={"invalid": "Year must be a number, for example 2025"},
    )
    period = forms.ChoiceField(
        choices=PERIODS,
        required=False,
        error_messages={"invalid_choice": "Choose the reporting year (April to March) or the calendar year"},
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("period") or periods.REPORTING
        latest = periods.current(kind).year
        year = cleaned.get("year")
        if year is not None and not periods.EARLIEST <= year <= latest:
            self.add_error("year", f"Year must be between {periods.EARLIEST} and {latest}")
        return cleaned

    def period_or_default(self) -> periods.Period:
        """The period asked for when the answer is valid; the current reporting year otherwise."""
        if not self.is_valid():
            return periods.current()
        kind = self.cleaned_data.get("period") or periods.REPORTING
        year = self.cleaned_data.get("year")
        return periods.Period(kind, year) if year is not None else periods.current(kind)
