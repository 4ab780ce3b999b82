"""Bar charts drawn as inline SVG, each with the same figures in a table beside it (a chart is never the only way
to read a number), and the small-number rule for figures others may see.

Counts from 1 to 4 are shown as "fewer than 5" wherever someone outside the partnership's own team, or the public,
can read them: with the area, year and kind of case known, a small number can point to one child.
"""

from dataclasses import dataclass, field

SMALL_NUMBER = 5
SUPPRESSED = "fewer than 5"
BAR_SPACE = 32  # each bar's band in the SVG, in its units
BAR_WIDTH = 300  # the longest bar; the rest of the 360-wide box holds its number


def shown(count: int, *, suppress: bool) -> int | str:
    """The count as it may be shown: itself, or "fewer than 5" when `suppress` and it is small but not none."""
    return SUPPRESSED if suppress and 0 < count < SMALL_NUMBER else count


@dataclass(frozen=True)
class Bar:
    label: str
    count: int | str  # a number, or SUPPRESSED
    width: int
    y: int


@dataclass(frozen=True)
class BarChart:
    """One chart: `rows` for its table, `bars` for its SVG. A suppressed count draws no bar (its size would say
    the number) and reads "fewer than 5" in both."""

    title: str
    rows: list[tuple[str, int | str]]
    bars: list[Bar] = field(default_factory=list)
    label_heading: str = "Group"
    count_heading: str = "Number"

    @property
    def height(self) -> int:
        return len(self.bars) * BAR_SPACE + 8


def bar_chart(
    title: str,
    rows: list[tuple[str, int]],
    *,
    suppress: bool = False,
    label_heading: str = "Group",
    count_heading: str = "Number",
) -> BarChart:
    """A chart of `rows` (label, count), in their order; `suppress` applies the small-number rule."""
    counts = [(label, shown(count, suppress=suppress)) for label, count in rows]
    top = max([count for _, count in counts if isinstance(count, int)] + [1])
    bars = [
        Bar(label, count, round(BAR_WIDTH * count / top) if isinstance(count, int) else 0, index * BAR_SPACE)
        for index, (label, count) in enumerate(counts)
    ]
    return BarChart(title, counts, bars, label_heading, count_heading)
