"""What the serious incident work offers the learning themes pages (`partnership.themes`): where a theme was
attached, counted per year in one grouped query per domain, and the open actions that address it."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from reviews.models import Action, Case, Recommendation

CASES = "Rapid reviews and LCSPRs"
RECOMMENDATIONS = "Review recommendations"


def appearances(*, theme_id=None, year=None, organisation_id=None) -> list[tuple[str, int, int, int]]:
    """(domain, theme id, year, count). A case counts in the year it was referred, by the agency that referred
    it; a recommendation likewise by its case."""
    found = []
    for domain, through, case in (
        (CASES, Case.themes.through, "case"),
        (RECOMMENDATIONS, Recommendation.themes.through, "recommendation__case"),
    ):
        rows = through.objects.all()
        if theme_id is not None:
            rows = rows.filter(theme_id=theme_id)
        if year is not None:
            rows = rows.filter(**{f"{case}__referred_on__year": year})
        if organisation_id is not None:
            rows = rows.filter(**{f"{case}__referring_organisation_id": organisation_id})
        rows = (
            rows.annotate(year=ExtractYear(f"{case}__referred_on"))
            .values("theme_id", "year")
            .annotate(count=Count("pk"))
            .order_by()
        )
        found += [(domain, row["theme_id"], row["year"], row["count"]) for row in rows]
    return found


def open_actions(*, theme_id, organisation_id=None) -> list[tuple[str, str, str, object]]:
    """(description, link, owner, due date) of the open actions under a recommendation with the theme."""
    actions = Action.objects.filter(status=Action.Status.OPEN, recommendation__themes=theme_id).select_related(
        "organisation"
    )
    if organisation_id is not None:
        actions = actions.filter(organisation_id=organisation_id)
    return [
        (action.description, action.get_absolute_url(), action.organisation.name, action.due_on)
        for action in actions.order_by("due_on", "pk").distinct()
    ]
