"""What the child death panel's findings offer the learning themes pages (`partnership.themes`)."""

from django.db.models import Count
from django.db.models.functions import Coalesce, ExtractYear

from cdop.models import PanelAnalysis

FINDINGS = "Child death panel findings"


def appearances(*, theme_id=None, year=None, organisation_id=None) -> list[tuple[str, int, int, int]]:
    """(domain, theme id, year, count): a finding counts in the year of its panel meeting (of the death, before
    one). A child death records no agency, so with an agency asked for there is nothing to count."""
    if organisation_id is not None:
        return []
    rows = PanelAnalysis.themes.through.objects.annotate(
        year=ExtractYear(Coalesce("panelanalysis__case__panel_meeting_on", "panelanalysis__case__date_of_death"))
    )
    if theme_id is not None:
        rows = rows.filter(theme_id=theme_id)
    if year is not None:
        rows = rows.filter(year=year)
    rows = rows.values("theme_id", "year").annotate(count=Count("pk")).order_by()
    return [(FINDINGS, row["theme_id"], row["year"], row["count"]) for row in rows]
