"""Learning themes across the partnership's work: where each theme was attached, by domain and year, ranked.

The core imports no app: each app offers, on its `AppConfig`, `theme_appearances` (a function giving
`(domain, theme id, year, count)` rows, one grouped query per domain), `theme_open_actions` (the open actions
that address a theme) and `theme_publications` (its live publications about a theme).

Who reads these figures: the partnership manager and the learning group (`VIEW_THEMES`). The group's members
work for the agencies, so every count from 1 to 4 reads "fewer than 5" on the pages and in the CSV, for everyone
who may see them (`partnership.charts.shown`): a theme, a year and a domain can point to one child.
"""

from collections import defaultdict
from dataclasses import dataclass

from partnership.charts import BarChart, bar_chart, shown
from partnership.hooks import app_hooks
from partnership.models import Theme

SUPPRESS = True  # see the module's docstring: agency staff read every page and export of these figures


@dataclass(frozen=True)
class Ranked:
    theme: Theme
    total: int | str
    latest: int | None
    domains: int


def appearances(*, theme_id=None, year=None, organisation_id=None) -> list[tuple[str, int, int, int]]:
    """Every app's `(domain, theme id, year, count)` rows, filtered alike."""
    rows = []
    for count_in in app_hooks("theme_appearances"):
        rows += count_in(theme_id=theme_id, year=year, organisation_id=organisation_id)
    return rows


def ranking(*, year=None, organisation_id=None) -> list[Ranked]:
    """Themes by how often they appear, then how recently (the latest year seen), then by name. Active themes not
    yet seen come last; a retired theme shows only while it has appearances."""
    totals, latest, domains = defaultdict(int), {}, defaultdict(set)
    for domain, theme_id, seen_in, count in appearances(year=year, organisation_id=organisation_id):
        totals[theme_id] += count
        latest[theme_id] = max(latest.get(theme_id, seen_in), seen_in)
        domains[theme_id].add(domain)
    listed = [theme for theme in Theme.objects.all() if theme.is_active or theme.pk in totals]
    listed.sort(key=lambda theme: (-totals[theme.pk], -latest.get(theme.pk, 0), theme.name))
    return [
        Ranked(theme, shown(totals[theme.pk], suppress=SUPPRESS), latest.get(theme.pk), len(domains[theme.pk]))
        for theme in listed
    ]


def charts(theme: Theme, *, year=None, organisation_id=None) -> list[BarChart]:
    """One chart per domain the theme appeared in: its count per year, every year from the first to the last
    seen in any domain (a year with none reads 0), or only the year asked for."""
    by_domain = defaultdict(dict)
    for domain, _, seen_in, count in appearances(theme_id=theme.pk, year=year, organisation_id=organisation_id):
        by_domain[domain][seen_in] = count
    seen = {seen_in for counts in by_domain.values() for seen_in in counts}
    years = [year] if year is not None else list(range(min(seen), max(seen) + 1)) if seen else []
    return [
        bar_chart(
            domain,
            [(str(each), counts.get(each, 0)) for each in years],
            suppress=SUPPRESS,
            label_heading="Year",
            count_heading="Times the theme was attached",
        )
        for domain, counts in sorted(by_domain.items())
    ]


def open_actions(theme: Theme, *, organisation_id=None) -> list[tuple[str, str, str, object]]:
    return [
        row
        for find in app_hooks("theme_open_actions")
        for row in find(theme_id=theme.pk, organisation_id=organisation_id)
    ]


def publications(theme: Theme) -> list[tuple[str, str, object]]:
    return [row for find in app_hooks("theme_publications") for row in find(theme_id=theme.pk)]


EXPORT_HEADER = ["Theme", "Domain", "Year", "Times attached"]


def export_rows(*, year=None, organisation_id=None) -> list[list]:
    """One row per theme, domain and year, small counts suppressed as on the pages."""
    names = dict(Theme.objects.values_list("pk", "name"))
    rows = appearances(year=year, organisation_id=organisation_id)
    return [
        [names[theme_id], domain, seen_in, shown(count, suppress=SUPPRESS)]
        for domain, theme_id, seen_in, count in sorted(rows, key=lambda row: (names[row[1]], row[0], row[2]))
    ]
