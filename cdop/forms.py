"""The public notification: one form per page, then "check your answers" (GOV.UK question pages pattern)."""

import re

from django import forms
from django.core.exceptions import ValidationError

from cdop.choices import Borough, Ethnicity, PostMortem, Sex, postcode_normalised
from cdop.death_dates import death_date_problem, moment
from partnership.antispam import HoneypotForm
from partnership.fields import GovukDateField
from partnership.forms import GovukForm
from partnership.nhs import nhs_number_is_valid

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
YES_NO = [("yes", "Yes"), ("no", "No")]


def no_markup(value: str) -> None:
    if value and MARKUP.search(value):
        raise ValidationError("Remove the HTML or script (text between < and >): write plain text only.", code="markup")


class PlainTextForm(GovukForm, forms.Form):
    """Every text field refuses markup (`GovukForm` states how long it may be)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(no_markup)


# The most rows a search-then-choose picker lists (an agency for Form B, a case for a panel agenda).
SHOWN = 50
ID = re.compile(r"[0-9]{1,9}")  # ASCII digits ("²".isdigit() is true), within an integer column's range


def offer(field: forms.ModelChoiceField, found, posted) -> None:
    """Show only `found` (a search's rows, at most `SHOWN`) as the field's radios, and the row `posted` when it may
    be chosen, so a page redisplayed with errors keeps it. The field still accepts any row of its queryset (one
    query when cleaned): the page never lists the whole table."""
    shown = list(found)
    posted = str(posted or "")
    if ID.fullmatch(posted) and all(str(row.pk) != posted for row in shown):
        shown = [*field.queryset.filter(pk=posted), *shown]
    field.choices = [(row.pk, field.label_from_instance(row)) for row in shown]


def searched(search, name: str, selector) -> tuple[str, list]:
    """A search step's words and what it found (one more than `SHOWN`, so the page can say there are more), or
    nothing found when the words are missing or refused (the search form shows the GOV.UK error)."""
    words = search.cleaned_data[name] if search.is_valid() else ""
    return words, list(selector(words)[: SHOWN + 1]) if words else []


def text(label, *, required=True, max_length=5000, help_text="", rows=4, message=None):
    widget = forms.Textarea(attrs={"rows": rows}) if max_length > 200 else forms.TextInput()
    messages = {"required": message or f"Enter {label[0].lower() + label[1:]}"}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        error_messages=messages,
    )


def choice(label, choices, message, widget=forms.RadioSelect):
    return forms.ChoiceField(label=label, choices=choices, widget=widget, error_messages={"required": message})


class ChildForm(PlainTextForm):
    title = "About the child"
    first_name = text("First name", max_length=100)
    last_name = text("Last name", max_length=100)
    date_of_birth = GovukDateField("Date of birth", help_text="For example, 27 3 2020", past=True)
    sex = choice("Sex", Sex.choices, "Choose the child's sex")
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text="10 digits, for example 943 476 5919. Leave it empty and tick the box below if it is not available.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    nhs_number_not_available = forms.BooleanField(label="The NHS number is not available", required=False)
    ethnicity = choice("Ethnicity", Ethnicity.choices, "Choose the child's ethnicity")
    address = text("Home address", max_length=1000, rows=3)
    postcode = forms.CharField(
        label="Postcode of the home address",
        required=False,
        max_length=20,
        help_text="For example, N11 1NP. Leave it empty and tick the box below if it is not known.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    postcode_not_known = forms.BooleanField(label="The postcode is not known", required=False)
    borough = choice("Borough where the child normally lived", Borough.choices, "Choose the borough")
    local_authority = text(
        "Local authority where the child normally lived",
        required=False,
        max_length=200,
        help_text="Only if outside North Central London, for example Hertfordshire.",
    )
    gp = text("GP practice", required=False, max_length=200)
    parental_responsibility = text("Who has parental responsibility", max_length=1000, rows=3)

    def clean(self):
        cleaned = super().clean()
        number = re.sub(r"[\s-]", "", cleaned.get("nhs_number", ""))
        if cleaned.get("nhs_number_not_available"):
            if number:
                self.add_error("nhs_number", "Either enter the NHS number or say it is not available, not both")
            cleaned["nhs_number"] = ""
        elif not number:
            self.add_error("nhs_number", "Enter the NHS number, or tick that it is not available")
        elif not nhs_number_is_valid(number):
            self.add_error("nhs_number", "Enter a valid NHS number: 10 digits, the last a check digit")
        else:
            cleaned["nhs_number"] = number
        self._clean_postcode(cleaned)
        check_residence(self, cleaned)
        return cleaned

    def _clean_postcode(self, cleaned) -> None:
        """The postcode links the death to its neighbourhood (deprivation) in the national data set: give it, or
        say it is not known."""
        if "postcode" in self.errors:
            return
        given = cleaned.get("postcode", "")
        if cleaned.get("postcode_not_known"):
            if given.strip():
                self.add_error("postcode", "Either enter the postcode or say it is not known, not both")
            cleaned["postcode"] = ""
        elif not given.strip():
            self.add_error("postcode", "Enter the postcode, or tick that it is not known")
        elif postcode_normalised(given) is None:
            self.add_error("postcode", "Enter a real postcode, for example N11 1NP")
        else:
            cleaned["postcode"] = postcode_normalised(given)


def check_residence(form, cleaned: dict) -> None:
    """Outside the five boroughs, the local authority is needed; inside, it is not kept."""
    if cleaned.get("borough") == Borough.OUTSIDE:
        if not cleaned.get("local_authority", "").strip() and "local_authority" not in form.errors:
            form.add_error("local_authority", "Enter the local authority where the child normally lived")
    elif "local_authority" in cleaned:
        cleaned["local_authority"] = ""


class DeathForm(PlainTextForm):
    title = "About the death"
    date_of_death = GovukDateField("Date of death", help_text="For example, 27 3 2026", past=True)
    time_of_death = forms.TimeField(
        label="Time of death (if known)",
        required=False,
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": "Enter the time of death as hours and minutes, for example 14:30"},
    )
    death_known_on = GovukDateField(
        "Date the death became known to you (optional)",
        required=False,
        past=True,
        help_text="Only if you learned of the death later than it happened. For example, 27 3 2026",
    )
    death_known_time = forms.TimeField(
        label="Time the death became known to you (optional)",
        required=False,
        help_text="24-hour clock, for example 14:30",
        error_messages={"invalid": "Enter the time the death became known as hours and minutes, for example 14:30"},
    )
    place_of_death = text("Place of death", max_length=200, help_text="For example, the hospital or home")
    death_expected = choice("Was the death expected?", YES_NO, "Say whether the death was expected")
    post_mortem = choice("Is a post-mortem needed?", PostMortem.choices, "Say whether a post-mortem is needed")
    cause_if_known = text("Cause of death, if known", required=False)

    def __init__(self, *args, date_of_birth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_of_birth = date_of_birth

    def clean_date_of_death(self):
        died = self.cleaned_data["date_of_death"]
        problem = death_date_problem(self.date_of_birth, died)
        if problem:
            raise ValidationError(problem)
        return died

    def clean(self):
        cleaned = super().clean()
        check_death_known(self, cleaned)
        return cleaned


def check_death_known(form, cleaned: dict) -> None:
    """When the death became known: a time needs its date, and it cannot come before the death."""
    known_on, known_time = cleaned.get("death_known_on"), cleaned.get("death_known_time")
    if known_time and not known_on and "death_known_on" not in form.errors:
        form.add_error("death_known_on", "Enter the date the death became known, or remove the time")
        return
    died_on = cleaned.get("date_of_death")
    if known_on and died_on:
        died_at = moment(died_on, cleaned.get("time_of_death"))
        known_at = moment(known_on, known_time)
        if known_at < died_at:
            form.add_error("death_known_on", "The date the death became known must be the same as or after the death")


class CircumstancesForm(PlainTextForm):
    title = "Circumstances"
    circumstances = text("What happened", help_text="The circumstances of the death as far as you know them.", rows=6)
    other_children_at_risk = text("Other children who may be at risk", required=False)
    other_reviews = text("Other reviews or investigations under way", required=False)


class ProfessionalsForm(PlainTextForm):
    title = "Professionals involved"
    professionals_in_life = text(
        "Professionals involved with the child in life",
        required=False,
        help_text="Names, roles and agencies: the coordinator asks each agency for a report (Form B).",
    )
    professionals_after_death = text("Professionals involved after the death", required=False)


class NotifierForm(PlainTextForm):
    title = "Your details"
    notifier_name = text("Your name", max_length=200)
    notifier_role = text("Your role", max_length=200)
    notifier_organisation = text("Your organisation", max_length=200)
    notifier_email = forms.EmailField(
        label="Your email address", max_length=254, error_messages={"required": "Enter your email address"}
    )
    notifier_phone = text("Your telephone number", required=False, max_length=40)


class ConfirmForm(GovukForm, HoneypotForm):
    pass


STEPS = {
    "child": ChildForm,
    "death": DeathForm,
    "circumstances": CircumstancesForm,
    "professionals": ProfessionalsForm,
    "notifier": NotifierForm,
}


def answers_from(cleaned: dict[str, dict]) -> dict:
    """The service's keyword arguments from every step's cleaned data."""
    answers = {}
    for data in cleaned.values():
        answers.update(data)
    answers.pop("nhs_number_not_available", None)
    answers.pop("postcode_not_known", None)
    answers["death_expected"] = answers["death_expected"] == "yes"
    answers["death_known_at"] = moment(answers.pop("death_known_on", None), answers.pop("death_known_time", None))
    return answers
