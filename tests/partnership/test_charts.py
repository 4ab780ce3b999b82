"""Charts: the same figures in the table and the drawing, and small numbers never shown where they are suppressed."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from partnership.charts import SUPPRESSED, bar_chart


def rendered(chart, id="deaths") -> BeautifulSoup:
    return BeautifulSoup(render_to_string("components/bar_chart.html", {"chart": chart, "id": id}), "html.parser")


def test_the_table_and_the_drawing_carry_the_same_figures_and_the_longest_bar_is_the_largest():
    html = rendered(bar_chart("Deaths by borough", [("Barnet", 12), ("Camden", 3), ("Enfield", 0)]))
    rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in html.select("tbody tr")}
    assert rows == {"Barnet": "12", "Camden": "3", "Enfield": "0"}
    svg = html.select_one("svg[role=img]")
    assert svg.desc.get_text(strip=True) == "Barnet: 12. Camden: 3. Enfield: 0."
    assert svg["aria-labelledby"] == "chart-deaths-title chart-deaths-desc"
    widths = [int(rect["width"]) for rect in svg.select("rect")]
    assert widths[0] == max(widths) and widths[2] == 0 and 0 < widths[1] < widths[0]
    region = html.select_one("[role=region]")
    assert region["aria-label"] == "Deaths by borough" and region["tabindex"] == "0"


def test_suppressed_small_numbers_read_fewer_than_5_and_draw_no_bar():
    chart = bar_chart("Rapid reviews by agency", [("Police", 7), ("School", 2), ("GP", 0)], suppress=True)
    html = rendered(chart)
    cells = [td.get_text(strip=True) for td in html.select("tbody td")]
    assert cells == ["7", SUPPRESSED, "0"]
    assert "School: 2" not in html.get_text() and f"School: {SUPPRESSED}" in html.svg.desc.get_text()
    assert [int(rect["width"]) for rect in html.select("rect")][1] == 0


def test_without_suppression_every_count_is_shown():
    chart = bar_chart("Reviews", [("Neglect", 1), ("Other", 4)])
    assert chart.rows == [("Neglect", 1), ("Other", 4)]
