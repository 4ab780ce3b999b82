"""Post data as a browser sends it for the portal's forms."""

from datetime import date


def date_data(name: str, day: date | str) -> dict[str, str]:
    """The three boxes of a GOV.UK date input (`name_0` day, `name_1` month, `name_2` year); an ISO date is split."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
