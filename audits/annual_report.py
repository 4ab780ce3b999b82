"""Section 11 and VCFS part of the annual report (`partnership.annual_report`): for the cycles due in the period,
how many organisations made their return, and the ratings by area (the partnership's moderated rating where it
gave one, as the heat map's "moderated" view). Two grouped queries whatever the number of returns."""

from django.db.models import Count, F, Q

from audits.models import AreaResponse, AuditReturn, Rating, Tool
from audits.selectors import _basis_rating
from partnership.annual_report import Figure

SECTION = "Section 11 and VCFS self-assessments"
RATED = (Rating.GREEN, Rating.AMBER, Rating.RED)


def annual_report_figures(period) -> list[Figure]:
    in_period = {"cycle__due_on__range": (period.first_day, period.last_day)}
    made = Q(submitted_on__isnull=False)
    returns = AuditReturn.objects.filter(**in_period).aggregate(
        **{
            f"{kind}_{name}": Count("pk", filter=Q(cycle__version__tool__kind=kind) & condition)
            for kind in Tool.Kind.values
            for name, condition in (("made", made), ("missing", ~made))
        }
    )
    ratings = (
        AreaResponse.objects.filter(**{f"audit_return__{key}": value for key, value in in_period.items()})
        .filter(audit_return__submitted_on__isnull=False)
        .annotate(shown=_basis_rating("moderated"), kind=F("audit_return__cycle__version__tool__kind"))
        .filter(shown__in=[rating.value for rating in RATED])
        .order_by("kind", "area__position", "area__title")
        .values_list("kind", "area__title", "shown")
        .annotate(n=Count("pk"))
    )
    by_area: dict[str, dict[tuple[str, str], int]] = {kind: {} for kind in Tool.Kind.values}
    for kind, title, rating, count in ratings:
        by_area[kind][(title, rating)] = by_area[kind].get((title, rating), 0) + count
    found = []
    for kind, label in Tool.Kind.choices:
        found.append(
            Figure(
                f"{kind}_returns",
                SECTION,
                f"{label}: returns made",
                [("Made", returns[f"{kind}_made"]), ("Not made", returns[f"{kind}_missing"])],
                label_heading="Return",
                share="Made",
            )
        )
        titles = list(dict.fromkeys(title for title, _ in by_area[kind]))
        rows = [
            (f"{title}: {rating.short}", by_area[kind].get((title, rating.value), 0))
            for title in titles
            for rating in RATED
        ]
        found.append(
            Figure(f"{kind}_ratings", SECTION, f"{label}: ratings by area", rows, label_heading="Area and rating")
        )
    return found
