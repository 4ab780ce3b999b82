"""The national Form B, section by section, declared as data: which answers each section holds, which of them
must be given before submitting (unless the agency marks the whole section not known), and how an answer reads
in plain words. The form, the service's submission check, the detail page and the panel pack all read this."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FormBSection:
    key: str
    title: str
    fields: tuple[str, ...]
    required: tuple[str, ...]  # before submitting, unless the section is marked not known
    supplement: bool = False  # asked only when the request needs the SUDI/SUDC supplement


FORM_B_PARTS = (
    FormBSection(
        "background",
        "Background: the agency's involvement",
        ("first_contact_on", "last_contact_on", "involvement", "death_circumstances"),
        required=("involvement",),
    ),
    FormBSection(
        "health",
        "The child's health",
        (
            "birth_weight_grams",
            "gestation_weeks",
            "disability_or_life_limiting",
            "immunisations_up_to_date",
            "mental_health_concerns",
            "health_development",
        ),
        required=("disability_or_life_limiting", "immunisations_up_to_date", "mental_health_concerns"),
    ),
    FormBSection(
        "care",
        "Care and safeguarding",
        ("child_protection_plan", "looked_after", "child_in_need", "care_notes"),
        required=("child_protection_plan", "looked_after", "child_in_need"),
    ),
    FormBSection(
        "family",
        "Family and environment",
        (
            "parental_mental_health",
            "domestic_abuse",
            "parental_substance_misuse",
            "housing_problems",
            "family_environment",
            "parenting_capacity",
            "deprivation",
        ),
        required=("parental_mental_health", "domestic_abuse", "parental_substance_misuse", "housing_problems"),
    ),
    FormBSection(
        "services",
        "Service provision",
        ("services", "barriers_to_access"),
        required=("services",),
    ),
    FormBSection(
        "bereavement",
        "Bereavement support",
        ("bereavement_support",),
        required=("bereavement_support",),
    ),
    FormBSection(
        "sudi",
        "Sudden unexpected death in infancy (SUDI) supplement",
        (
            "sleep_position",
            "sleep_place",
            "bed_sharing",
            "household_smoking",
            "carer_alcohol_or_drugs",
            "sudi_notes",
        ),
        required=("sleep_position", "sleep_place", "bed_sharing", "household_smoking", "carer_alcohol_or_drugs"),
        supplement=True,
    ),
)
FORM_B_SECTIONS = [(part.key, part.title) for part in FORM_B_PARTS]
FORM_B_FIELDS = [name for part in FORM_B_PARTS for name in part.fields]
REQUIRED_AT_SUBMISSION = {part.key: part.required for part in FORM_B_PARTS}
NOT_ANSWERED = "Not answered"


def question(model, name: str) -> str:
    words = str(model._meta.get_field(name).verbose_name)
    return words[:1].upper() + words[1:]


def answer_text(record, name: str) -> str:
    """One answer in plain words: a choice by its label, a date in full, a number with its unit."""
    value = getattr(record, name)
    if value is None or value == "":
        return NOT_ANSWERED
    field = record._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if name == "birth_weight_grams":
        return f"{value:,} grams"
    if name == "gestation_weeks":
        return f"{value} weeks"
    return str(value)


def is_answered(record, name: str) -> bool:
    value = getattr(record, name)
    return value is not None and str(value).strip() != ""


def parts_for(record) -> list[FormBSection]:
    """The sections this request asks: the SUDI supplement only when it is needed."""
    return [part for part in FORM_B_PARTS if not part.supplement or record.sudi_needed]


def missing_at_submission(record) -> list[str]:
    """The titles of the sections neither answered (each required answer given) nor marked not known."""
    return [
        part.title
        for part in parts_for(record)
        if part.key not in record.not_known and not all(is_answered(record, name) for name in part.required)
    ]
