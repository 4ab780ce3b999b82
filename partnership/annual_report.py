"""The annual report's figures for any period of up to a year, gathered from the apps that hold them.

The core imports no app: each app names on its `AppConfig` a function `annual_report_figures(period)` returning
its `Figure`s, counted by its own selectors. The page, the CSV, the print version and the draft page for the public
site are all drawn from the same list. Anything public has its small numbers suppressed (`partnership.charts`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from partnership.charts import bar_chart, shown
from partnership.fields import long_date, years_ahead
from partnership.hooks import app_hooks


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        return f"{long_date(self.first_day)} to {long_date(self.last_day)}"

    @property
    def query(self) -> str:
        return f"?from={self.first_day.isoformat()}&to={self.last_day.isoformat()}"


@dataclass(frozen=True)
class Figure:
    """One figure: a title and (label, count) rows, drawn as one bar chart with its table. `share` names the row
    whose share of the total the figure states ("Within 5 working days: 80%")."""

    key: str
    section: str
    title: str
    rows: list[tuple[str, int]]
    label_heading: str = "Group"
    count_heading: str = "Number"
    share: str = ""

    def chart(self, *, suppress: bool):
        return bar_chart(
            self.title,
            self.rows,
            suppress=suppress,
            label_heading=self.label_heading,
            count_heading=self.count_heading,
        )

    def share_text(self, *, suppress: bool) -> str:
        """ "Within 5 working days: 80% of 10"; nothing when any count is small and `suppress` (a percentage of a
        small number gives the number away) or when there is nothing to share."""
        counts = dict(self.rows)
        total = sum(counts.values())
        if not self.share or not total:
            return ""
        if suppress and any(shown(count, suppress=True) != count for count in counts.values()):
            return ""
        return f"{self.share}: {round(100 * counts[self.share] / total)}% of {total}"


def reporting_year(year: int) -> Period:
    """1 April to 31 March, as the partnership and the CDOP report."""
    return Period(date(year, 4, 1), date(year + 1, 3, 31))


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def default_period(today: date) -> Period:
    """The last reporting year that has ended."""
    return reporting_year(today.year - 1 if today.month >= 4 else today.year - 2)


def longest_last_day(first_day: date) -> date:
    """A period is at most twelve months: it ends before the same day a year on."""
    return years_ahead(first_day, 1) - timedelta(days=1)


def figures(period: Period) -> list[Figure]:
    """Every app's figures for the period, in the order the apps are installed."""
    found = []
    for figures_of in app_hooks("annual_report_figures"):
        found.extend(figures_of(period))
    return found


def chosen(all_figures: list[Figure], keys) -> list[Figure]:
    wanted = set(keys)
    return [figure for figure in all_figures if figure.key in wanted]


def csv_rows(all_figures: list[Figure], period: Period):
    """One row per count: the CSV the manager pastes from (no suppression: it is the partnership's own)."""
    for figure in all_figures:
        for label, count in figure.rows:
            yield [
                figure.section,
                figure.title,
                label,
                count,
                period.first_day.isoformat(),
                period.last_day.isoformat(),
            ]


CSV_HEADER = ["Section", "Figure", "Group", "Number", "From", "To"]


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(all_figures: list[Figure], period: Period) -> str:
    """The chosen figures as Markdown tables for a public page, small numbers suppressed."""
    parts = [f"These figures cover {period.label}. Numbers from 1 to 4 are shown as “fewer than 5”."]
    section = None
    for figure in all_figures:
        if figure.section != section:
            section = figure.section
            parts.append(f"## {_cell(section)}")
        chart = figure.chart(suppress=True)
        lines = [f"### {_cell(figure.title)}", "", f"| {_cell(chart.label_heading)} | {_cell(chart.count_heading)} |"]
        lines.append("| --- | ---: |")
        lines.extend(f"| {_cell(label)} | {_cell(count)} |" for label, count in chart.rows)
        if share := figure.share_text(suppress=True):
            lines.extend(["", share])
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def publish(*, period: Period, keys, by):
    """A draft page of the public site with the chosen figures, for an editor to preview and publish through the
    editorial workflow. The content app names the service that makes it (the core imports no app)."""
    body = markdown(chosen(figures(period), keys), period)
    for publish_draft in app_hooks("annual_report_publisher"):
        return publish_draft(
            title=f"Annual report figures, {period.label}",
            summary="How the safeguarding arrangements worked, in figures.",
            body=body,
            by=by,
        )
    raise LookupError("No app publishes the annual report")
