"""Records kept past their retention period are reported, never deleted silently (DOMAIN.md, data protection).

A model takes part by naming the date its retention runs from: its own field (`retention_from = "closed_on"`),
or a path to the record it belongs to (`retention_from = "case__closed_on"`: a child's identity is kept as long as
its case). A record's history follows its subject: `retention_from = "subject"` on a model with a generic
`subject` (the stage history) reports, per kind of subject that takes part, the rows about records past their
period; django-pghistory's copies of a record follow the record (`pgh_obj`) without declaring anything.

The period is `RECORD_RETENTION_YEARS` (default 30), or a per-type value in `RECORD_RETENTION_YEARS_BY_TYPE`
(`{"cdop.childdeathcase": 25}`), looked up for the record whose date counts: what belongs to a case is kept for
the case's period. The record types and their dates are listed in docs/operations.md ("Retention").
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from partnership.workflow import machines


@dataclass(frozen=True)
class RetentionLine:
    label: str
    years: int
    cutoff: date
    count: int
    kept_with: str = ""  # the record whose date counts, when it is not this one


def retention_years(label: str) -> int:
    return settings.RECORD_RETENTION_YEARS_BY_TYPE.get(label.lower(), settings.RECORD_RETENTION_YEARS)


def _cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _kept_with(model, path: str) -> tuple[models.Field, type[models.Model]]:
    """The date field at the end of `path`, and the record whose period counts: the last one along the path that
    declares the rest of the path as its own `retention_from` (a child's identity -> its case), else `model`."""
    steps, owner = path.split(LOOKUP_SEP), model
    for index, step in enumerate(steps[:-1]):
        model = model._meta.get_field(step).related_model
        if getattr(model, "retention_from", "") == LOOKUP_SEP.join(steps[index + 1 :]):
            owner = model
    return model._meta.get_field(steps[-1]), owner


def _past(model, path: str, today: date) -> tuple[models.QuerySet, str, int, date]:
    """The rows of `model` whose retention date is before the cutoff, with the record and period that apply."""
    field, owner = _kept_with(model, path)
    owner = owner._meta.label_lower
    years = retention_years(owner)
    cutoff = _cutoff(today, years)
    bound = cutoff
    if isinstance(field, models.DateTimeField):
        bound = timezone.make_aware(datetime.combine(cutoff, time.min))
    return model._default_manager.filter(**{f"{path}__lt": bound}), owner, years, cutoff


def _declared(model) -> str:
    """The model's `retention_from`, or, for a pghistory copy of a record, the record's (through `pgh_obj`)."""
    if getattr(model, "retention_from", ""):
        return model.retention_from
    tracked = getattr(model, "pgh_tracked_model", None) if hasattr(model, "pgh_obj") else None
    path = getattr(tracked, "retention_from", "")
    return f"pgh_obj{LOOKUP_SEP}{path}" if path and _generic(tracked, path) is None else ""


def _generic(model, name: str) -> GenericForeignKey | None:
    return next((f for f in model._meta.private_fields if f.name == name and isinstance(f, GenericForeignKey)), None)


def past_retention(*, today: date) -> list[RetentionLine]:
    lines, dated, histories = [], {}, []
    for model in apps.get_models():
        path = _declared(model)
        if not path:
            continue
        generic = _generic(model, path)
        if generic:
            histories.append((model, generic))
            continue
        dated[model] = path
        rows, owner, years, cutoff = _past(model, path, today)
        label = model._meta.label_lower
        lines.append(RetentionLine(label, years, cutoff, rows.count(), "" if owner == label else owner))
    for model, generic in histories:  # one line per kind of subject that takes part, moving or with rows here
        kinds = model._default_manager.values_list(generic.ct_field, flat=True).distinct()
        about_kinds = {ContentType.objects.get_for_id(kind).model_class() for kind in kinds.order_by()}
        about_kinds |= {machine.model_class for machine in machines()}
        for subject in [subject for subject in dated if subject in about_kinds]:
            rows, owner, years, cutoff = _past(subject, dated[subject], today)
            about = model._default_manager.filter(
                **{
                    generic.ct_field: ContentType.objects.get_for_model(subject),
                    f"{generic.fk_field}__in": rows.values("pk"),
                }
            )
            lines.append(
                RetentionLine(model._meta.label_lower, years, cutoff, about.count(), subject._meta.label_lower)
            )
    return lines
