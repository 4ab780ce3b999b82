"""The coordinator's, the panel's and the practitioner's forms."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cdop.choices import Borough, Category, Grade, JarTrigger, PostMortem, nhs_number_in
from cdop.death_dates import after_death_problem, moment
from cdop.forms import YES_NO, DeathForm, PlainTextForm, check_death_known, check_residence, choice, text
from partnership.fields import GovukDateField
from partnership.locking import VersionedForm
from partnership.models import Theme


def yes_no(value) -> str | None:
    return None if value is None else ("yes" if value else "no")


class TriageForm(PlainTextForm, VersionedForm):
    borough = choice("Borough", Borough.choices, "Choose the borough")
    local_authority = text(
        "Local authority of residence",
        required=False,
        max_length=200,
        help_text="Only if outside North Central London, for example Hertfordshire.",
    )
    death_expected = choice("Was the death expected?", YES_NO, "Say whether the death was expected")
    jar_triggers = forms.MultipleChoiceField(
        label="Joint Agency Response triggers",
        help_text="Tick each that applies. An unexpected death meeting any of them needs a Joint Agency Response.",
        choices=JarTrigger.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    abuse_suspected = choice("Is abuse or neglect suspected?", YES_NO, "Say whether abuse or neglect is suspected")
    coroner_involved = choice(
        "Has the death been referred to the coroner?", YES_NO, "Say whether the coroner is involved"
    )
    post_mortem = choice("Post-mortem", PostMortem.choices, "Say whether there is a post-mortem")

    @classmethod
    def initial_for(cls, case) -> dict:
        return {
            "borough": case.borough,
            "local_authority": case.local_authority,
            "death_expected": yes_no(case.death_expected),
            "jar_triggers": case.jar_triggers,
            "abuse_suspected": yes_no(case.abuse_suspected),
            "coroner_involved": yes_no(case.coroner_involved),
            "post_mortem": case.post_mortem,
        }

    def clean(self):
        cleaned = super().clean()
        check_residence(self, cleaned)
        return cleaned

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        version = data.pop("version")
        for name in ["death_expected", "abuse_suspected", "coroner_involved"]:
            data[name] = data[name] == "yes"
        return {**data, "version": version}


def _combine(day, time):
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time or datetime.min.time()))


class DeathCorrectForm(PlainTextForm, VersionedForm):
    """The coordinator corrects the date and time of death, and when it became known to the notifier."""

    date_of_death = GovukDateField("Date of death", past=True)
    time_of_death = forms.TimeField(
        label="Time of death (if known)",
        required=False,
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": "Enter the time of death as hours and minutes, for example 14:30"},
    )
    death_known_on = DeathForm.base_fields["death_known_on"]
    death_known_time = DeathForm.base_fields["death_known_time"]

    def __init__(self, *args, date_of_birth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_of_birth = date_of_birth

    @classmethod
    def initial_for(cls, case) -> dict:
        known = timezone.localtime(case.death_known_at) if case.death_known_at else None
        return {
            "date_of_death": case.date_of_death,
            "time_of_death": case.time_of_death,
            "death_known_on": known and known.date(),
            "death_known_time": known and known.time(),
        }

    def clean_date_of_death(self):
        return DeathForm.clean_date_of_death(self)

    def clean(self):
        cleaned = super().clean()
        check_death_known(self, cleaned)
        return cleaned

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "date_of_death": data["date_of_death"],
            "time_of_death": data.get("time_of_death"),
            "death_known_at": moment(data.get("death_known_on"), data.get("death_known_time")),
            "version": data["version"],
        }


class MergeForm(PlainTextForm, VersionedForm):
    reason = text(
        "Reason for merging (optional)",
        required=False,
        rows=3,
        help_text="For example, the hospital and the police both notified the death.",
    )


class JarForm(PlainTextForm, VersionedForm):
    home_visit_on = GovukDateField("Date of the home or scene visit", required=False, past=True)
    home_visit_time = forms.TimeField(label="Time of the visit", required=False, help_text="For example, 09:30")
    first_meeting_on = GovukDateField("Date of the first multi-agency meeting", required=False, past=True)
    first_meeting_time = forms.TimeField(label="Time of the meeting", required=False, help_text="For example, 14:00")
    attended = text("Who attended", required=False)
    actions = text("Actions agreed", required=False)

    def __init__(self, *args, died_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.died_at = died_at

    def clean(self):
        """The visit and the meeting come after the death (and not in the future)."""
        cleaned = super().clean()
        for field, what in [("home_visit", "The home or scene visit"), ("first_meeting", "The first meeting")]:
            when = _combine(cleaned.get(f"{field}_on"), cleaned.get(f"{field}_time"))
            problem = self.died_at and after_death_problem(what, when, self.died_at)
            if problem:
                self.add_error(f"{field}_on", problem)
        return cleaned

    @classmethod
    def initial_for(cls, jar) -> dict:
        visit = timezone.localtime(jar.home_visit_at) if jar.home_visit_at else None
        meeting = timezone.localtime(jar.first_meeting_at) if jar.first_meeting_at else None
        return {
            "home_visit_on": visit and visit.date(),
            "home_visit_time": visit and visit.time(),
            "first_meeting_on": meeting and meeting.date(),
            "first_meeting_time": meeting and meeting.time(),
            "attended": jar.attended,
            "actions": jar.actions,
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "home_visit_at": _combine(data.get("home_visit_on"), data.get("home_visit_time")),
            "first_meeting_at": _combine(data.get("first_meeting_on"), data.get("first_meeting_time")),
            "attended": data["attended"],
            "actions": data["actions"],
            "version": data["version"],
        }


class MeetingsForm(PlainTextForm, VersionedForm):
    review_meeting_on = GovukDateField("Child death review meeting", required=False, help_text="For example, 14 1 2027")
    panel_summary = text(
        "Anonymised summary for the panel",
        required=False,
        rows=8,
        help_text="Use the pseudonym and age band only: no name, address, date of birth or NHS number.",
    )

    def __init__(self, *args, identity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity = identity

    def clean_panel_summary(self):
        summary = self.cleaned_data["panel_summary"]
        if self.identity:
            lowered = summary.lower()
            names = [name for name in [self.identity.first_name, self.identity.last_name] if len(name) > 1]
            if any(name.lower() in lowered for name in names) or nhs_number_in(summary, self.identity.nhs_number):
                raise ValidationError("The panel summary must not name the child or give their NHS number")
        return summary


class AnalysisForm(PlainTextForm, VersionedForm):
    category = forms.TypedChoiceField(
        label="Category of death",
        choices=[("", "Not decided"), *Category.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    secondary_categories = forms.TypedMultipleChoiceField(
        label="Secondary categories",
        help_text="Other categories that also apply to this death, if any. Not the category of death itself.",
        choices=Category.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose secondary categories from the list"},
    )
    child_factors = forms.TypedChoiceField(
        label="Factors in the child",
        choices=Grade.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    family_factors = forms.TypedChoiceField(
        label="Factors in the family and environment",
        choices=Grade.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    parenting_factors = forms.TypedChoiceField(
        label="Factors in parenting capacity",
        choices=Grade.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    service_factors = forms.TypedChoiceField(
        label="Factors in service provision",
        choices=Grade.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    factor_notes = text("Contributory factors: notes", required=False)
    modifiable = forms.TypedChoiceField(
        label="Were there modifiable factors?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    modifiable_reasons = text("Reasons", required=False, help_text="Why the factors are (or are not) modifiable.")
    learning = text("Learning", required=False)
    recommendations = text("Recommendations", required=False)
    actions = text("Actions", required=False)
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(is_active=True), required=False, widget=forms.CheckboxSelectMultiple
    )

    @classmethod
    def initial_for(cls, analysis) -> dict:
        initial = {name: getattr(analysis, name) for name in cls.base_fields if name not in ("themes", "version")}
        initial["modifiable"] = yes_no(analysis.modifiable)
        initial["themes"] = list(analysis.themes.all())
        return initial

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") is not None and cleaned["category"] in cleaned.get("secondary_categories", []):
            self.add_error("secondary_categories", "A secondary category cannot be the category of death itself")
        return cleaned
