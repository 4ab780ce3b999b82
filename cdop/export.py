"""The export of child death cases for the National Child Mortality Database (NCMD): one row per case with the
national data set's fields, and one row per submitted Form B with that agency's answers.

Every column is documented in docs/cdop-ncmd-export.md (a test holds the two together). The identifying columns
(NHS number, date of birth, postcode: how NCMD links a death to other records) are in the coordinator's export
only: `cdop.selectors.export_columns` chooses the columns by who asks.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from cdop.choices import AGE_BANDS, Borough, Category, Ethnicity, JarTrigger, ModeOfDeath, PostMortem, Sex
from cdop.models.form_b_questions import FORM_B_FIELDS, FORM_B_PARTS


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable
    identifiable: bool = False


def _yes_no(value):
    return None if value is None else ("yes" if value else "no")


def _day(moment):
    return timezone.localtime(moment).date().isoformat() if moment else None


def _identity(case, name):
    identity = getattr(case, "identity", None)
    value = getattr(identity, name, None) if identity else None
    return value.isoformat() if hasattr(value, "isoformat") else (value or None)


def _jar(case, name):
    jar = getattr(case, "jar", None)
    return _day(getattr(jar, name)) if jar else None


def _analysis(case, name):
    analysis = getattr(case, "analysis", None)
    return getattr(analysis, name) if analysis else None


def _category_label(case):
    category = _analysis(case, "category")
    return Category(category).label if category else None


def _themes(case):
    analysis = getattr(case, "analysis", None)
    return [theme.name for theme in analysis.themes.all()] if analysis else []


COLUMNS = [
    Column("reference", lambda c: c.reference),
    Column("pseudonym", lambda c: c.pseudonym),
    Column("nhs_number", lambda c: _identity(c, "nhs_number"), identifiable=True),
    Column("date_of_birth", lambda c: _identity(c, "date_of_birth"), identifiable=True),
    Column("postcode", lambda c: _identity(c, "postcode"), identifiable=True),
    Column("sex", lambda c: Sex(c.sex).label),
    Column("ethnicity", lambda c: Ethnicity(c.ethnicity).label),
    Column("age_band", lambda c: dict(AGE_BANDS)[c.age_band]),
    Column("date_of_death", lambda c: c.date_of_death.isoformat()),
    Column("time_of_death", lambda c: c.time_of_death.strftime("%H:%M") if c.time_of_death else None),
    Column("place_of_death", lambda c: c.place_of_death),
    Column("borough", lambda c: Borough(c.borough).label),
    Column("expected", lambda c: _yes_no(c.death_expected)),
    Column("mode_of_death", lambda c: ModeOfDeath(c.mode_of_death).label if c.mode_of_death else None),
    Column("post_mortem", lambda c: PostMortem(c.post_mortem).value),
    Column("jar_needed", lambda c: _yes_no(c.jar_needed)),
    Column("jar_triggers", lambda c: [JarTrigger(t).value for t in c.jar_triggers]),
    Column("abuse_or_neglect_suspected", lambda c: _yes_no(c.abuse_suspected)),
    Column("coroner", lambda c: _yes_no(c.coroner_involved)),
    Column("deprivation_decile", lambda c: c.deprivation_decile),
    Column("notified_on", lambda c: _day(c.notified_at)),
    Column("notified_late", lambda c: _yes_no(c.notified_late)),
    Column("jar_home_visit_on", lambda c: _jar(c, "home_visit_at")),
    Column("jar_first_meeting_on", lambda c: _jar(c, "first_meeting_at")),
    Column("form_b_requested", lambda c: c.form_b_requested),
    Column("form_b_submitted", lambda c: c.form_b_submitted),
    Column("review_meeting_on", lambda c: c.review_meeting_on.isoformat() if c.review_meeting_on else None),
    Column("panel_meeting_on", lambda c: c.panel_meeting_on.isoformat() if c.panel_meeting_on else None),
    Column("ncmd_category", lambda c: _analysis(c, "category")),
    Column("ncmd_category_label", _category_label),
    Column("secondary_categories", lambda c: [str(value) for value in _analysis(c, "secondary_categories") or []]),
    Column("factors_child", lambda c: _analysis(c, "child_factors")),
    Column("factors_family_environment", lambda c: _analysis(c, "family_factors")),
    Column("factors_parenting_capacity", lambda c: _analysis(c, "parenting_factors")),
    Column("factors_service_provision", lambda c: _analysis(c, "service_factors")),
    Column("modifiable", lambda c: _yes_no(_analysis(c, "modifiable"))),
    Column("modifiable_reasons", lambda c: _analysis(c, "modifiable_reasons")),
    Column("learning", lambda c: _analysis(c, "learning")),
    Column("recommendations", lambda c: _analysis(c, "recommendations")),
    Column("themes", _themes),
    Column("stage", lambda c: c.get_stage_display()),
    Column("closed_on", lambda c: _day(c.closed_on)),
]
ANONYMISED_COLUMNS = [column for column in COLUMNS if not column.identifiable]
LISTS = {"jar_triggers", "secondary_categories", "themes"}


def header(columns) -> list[str]:
    return [column.name for column in columns]


def row(case, columns) -> dict:
    return {column.name: column.value(case) for column in columns}


def _flat_rows(cases, columns):
    for case in cases:
        values = row(case, columns)
        yield [";".join(values[name]) if name in LISTS else values[name] for name in header(columns)]


def as_json(cases, columns) -> str:
    data = {"format": "bscp-cdop-ncmd-1", "columns": header(columns), "cases": [row(c, columns) for c in cases]}
    return json.dumps(data, indent=2)


# The Form B sheet: one row per submitted Form B, a fixed column for every field of the national sections (named
# as the field, in the sections' order), so every export has the same columns whatever the agencies answered.
FORM_B_FIXED = ["reference", "pseudonym", "agency", "submitted_on", "sudi_needed"]
FORM_B_COLUMNS = FORM_B_FIXED + FORM_B_FIELDS
NOT_KNOWN, NOT_ASKED = "not_known", "not_asked"


def _cell(value):
    if isinstance(value, bool):
        return _yes_no(value)
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def form_b_answers(form_b) -> list:
    """Each field's coded value: `not_known` for every field of a section the agency marked not known, `not_asked`
    for the SUDI supplement when it was not needed, empty when not answered."""
    values = []
    for part in FORM_B_PARTS:
        for name in part.fields:
            if part.supplement and not form_b.sudi_needed:
                values.append(NOT_ASKED)
            elif part.key in form_b.not_known:
                values.append(NOT_KNOWN)
            else:
                values.append(_cell(getattr(form_b, name)))
    return values


def form_b_rows(form_bs):
    """One row per Form B, as they are read (the CSV streams them)."""
    for form_b in form_bs:
        yield [
            form_b.case.reference,
            form_b.case.pseudonym,
            str(form_b.organisation),
            _day(form_b.submitted_at),
            _yes_no(form_b.sudi_needed),
            *form_b_answers(form_b),
        ]


def sheets(cases, columns, form_bs) -> list[tuple]:
    """The workbook's two sheets, each row made as it is read: the xlsx is written from iterators."""
    return [("Cases", header(columns), _flat_rows(cases, columns)), ("Form B", FORM_B_COLUMNS, form_b_rows(form_bs))]


def csv_rows(cases, columns):
    return _flat_rows(cases, columns)
