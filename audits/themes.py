"""What Section 11 and VCFS returns offer the learning themes pages (`partnership.themes`)."""

from django.db.models import Count, F

from audits.models import KeyAction

KEY_ACTIONS = "Section 11 and VCFS key actions"


def appearances(*, theme_id=None, year=None, organisation_id=None) -> list[tuple[str, int, int, int]]:
    """(domain, theme id, year, count): a key action counts in its cycle's year, for the organisation whose return
    it is in."""
    rows = KeyAction.themes.through.objects.all()
    if theme_id is not None:
        rows = rows.filter(theme_id=theme_id)
    if year is not None:
        rows = rows.filter(keyaction__area_response__audit_return__cycle__year=year)
    if organisation_id is not None:
        rows = rows.filter(keyaction__area_response__audit_return__organisation_id=organisation_id)
    rows = (
        rows.values("theme_id", year_=F("keyaction__area_response__audit_return__cycle__year"))
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [(KEY_ACTIONS, row["theme_id"], row["year_"], row["count"]) for row in rows]
