"""Records kept past their retention period are reported, never deleted silently (DOMAIN.md, data protection).

A model takes part by naming the date its retention runs from: `retention_from = "closed_on"`. The period is
`RECORD_RETENTION_YEARS` (default 30), or a per-type value in `RECORD_RETENTION_YEARS_BY_TYPE`
(`{"cdop.childdeath": 25}`).
"""

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class RetentionLine:
    label: str
    years: int
    cutoff: date
    count: int


def retention_years(label: str) -> int:
    return settings.RECORD_RETENTION_YEARS_BY_TYPE.get(label.lower(), settings.RECORD_RETENTION_YEARS)


def past_retention(*, today: date) -> list[RetentionLine]:
    lines = []
    for model in apps.get_models():
        field = getattr(model, "retention_from", None)
        if not field:
            continue
        label = model._meta.label_lower
        years = retention_years(label)
        try:
            cutoff = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - years, day=28)
        count = model._default_manager.filter(**{f"{field}__lt": cutoff}).count()
        lines.append(RetentionLine(label, years, cutoff, count))
    return lines
