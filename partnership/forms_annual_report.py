"""The annual report's period (`?from=&to=`, GOV.UK date inputs; `?from=2025-04-01&to=2026-03-31` as links give
it) and the figures a manager ticks to publish."""

from datetime import date

from django import forms

from partnership.annual_report import Period, longest_last_day
from partnership.fields import GovukDateField, long_date
from partnership.forms import GovukForm

EARLIEST = date(2000, 1, 1)


def _with_parts(data):
    """An ISO date in `from` or `to` (a link) as the three boxes the date input reads; anything else unchanged."""
    if data is None:
        return None
    data = data.copy()
    for name in ("from", "to"):
        values = data.getlist(name)
        if len(values) == 1 and not any(f"{name}_{n}" in data for n in range(3)):
            try:
                day = date.fromisoformat(values[0])
            except ValueError:
                continue
            data.setlist(f"{name}_0", [str(day.day)])
            data.setlist(f"{name}_1", [str(day.month)])
            data.setlist(f"{name}_2", [str(day.year)])
    return data


class PeriodForm(GovukForm, forms.Form):
    def __init__(self, data=None, **kwargs):
        super().__init__(_with_parts(data), **kwargs)
        self.fields["from"] = GovukDateField("Start date", earliest=EARLIEST, past=True)
        self.fields["to"] = GovukDateField("End date", earliest=EARLIEST)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last:
            if last < first:
                self.add_error("to", "End date must be the same as or after the start date")
            elif last > longest_last_day(first):
                latest = long_date(longest_last_day(first))
                self.add_error("to", f"End date must be within a year of the start date: {latest} at the latest")
        return cleaned

    def period(self) -> Period | None:
        return Period(self.cleaned_data["from"], self.cleaned_data["to"]) if self.is_valid() else None


class PublishForm(GovukForm, forms.Form):
    figures = forms.MultipleChoiceField(
        label="Figures to publish",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the figures to publish",
            "invalid_choice": "Select the figures to publish from the list",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["figures"].choices = choices
