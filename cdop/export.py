"""The export of closed cases, one row per case, in the National Child Mortality Database's terms.

The columns (documented in docs/cdop.md) carry the pseudonym and reference, never a name, address, date of
birth or NHS number.
"""

import json

from cdop.choices import AGE_BANDS, Borough, Category, Ethnicity, JarTrigger, PostMortem, Sex
from partnership.spreadsheets import csv_response

COLUMNS = [
    "reference",
    "pseudonym",
    "borough",
    "sex",
    "ethnicity",
    "age_band",
    "date_of_death",
    "expected",
    "jar_needed",
    "jar_triggers",
    "abuse_or_neglect_suspected",
    "coroner",
    "post_mortem",
    "ncmd_category",
    "ncmd_category_label",
    "factors_child",
    "factors_family_environment",
    "factors_parenting_capacity",
    "factors_service_provision",
    "modifiable",
    "modifiable_reasons",
    "learning",
    "recommendations",
    "themes",
    "closed_on",
]


def _yes_no(value):
    return None if value is None else ("yes" if value else "no")


def row(case) -> dict:
    analysis = case.analysis
    return {
        "reference": case.reference,
        "pseudonym": case.pseudonym,
        "borough": Borough(case.borough).label,
        "sex": Sex(case.sex).label,
        "ethnicity": Ethnicity(case.ethnicity).label,
        "age_band": dict(AGE_BANDS)[case.age_band],
        "date_of_death": case.date_of_death.isoformat(),
        "expected": _yes_no(case.death_expected),
        "jar_needed": _yes_no(case.jar_needed),
        "jar_triggers": [JarTrigger(t).value for t in case.jar_triggers],
        "abuse_or_neglect_suspected": _yes_no(case.abuse_suspected),
        "coroner": _yes_no(case.coroner_involved),
        "post_mortem": PostMortem(case.post_mortem).value,
        "ncmd_category": analysis.category,
        "ncmd_category_label": Category(analysis.category).label,
        "factors_child": analysis.child_factors,
        "factors_family_environment": analysis.family_factors,
        "factors_parenting_capacity": analysis.parenting_factors,
        "factors_service_provision": analysis.service_factors,
        "modifiable": _yes_no(analysis.modifiable),
        "modifiable_reasons": analysis.modifiable_reasons,
        "learning": analysis.learning,
        "recommendations": analysis.recommendations,
        "themes": [theme.name for theme in analysis.themes.all()],
        "closed_on": case.closed_on.date().isoformat() if case.closed_on else None,
    }


def as_json(cases) -> str:
    return json.dumps({"format": "bscp-cdop-1", "columns": COLUMNS, "cases": [row(case) for case in cases]}, indent=2)


def _csv_rows(cases):
    for case in cases:
        values = row(case)
        for name in ("jar_triggers", "themes"):
            values[name] = ";".join(values[name])
        yield [values[name] for name in COLUMNS]


def csv_download(cases, filename):
    """The CSV, written by partnership.spreadsheets so every cell is guarded against formulas."""
    return csv_response(filename, COLUMNS, _csv_rows(cases))
