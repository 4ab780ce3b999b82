"""Figures by the reporting year (April to March) or a calendar year: deaths by date of death, reviews completed
by the date the case closed, merged duplicates never counted, a bad year a GOV.UK error."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from cdop import periods, selectors
from tests.cdop.factories import CaseClosedFactory, CaseNotifiedFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


def closed(on: date, **fields):
    return CaseClosedFactory(closed_on=timezone.make_aware(datetime(on.year, on.month, on.day, 12)), **fields)


def table(response, caption: str) -> dict[str, int]:
    for element in page(response).select("table"):
        if element.caption.get_text(strip=True).startswith(caption):
            return {row.th.get_text(strip=True): int(row.td.get_text(strip=True)) for row in element.tbody("tr")}
    raise AssertionError(caption)


@pytest.mark.parametrize(
    ("today", "year"), [("2026-04-01", 2026), ("2026-03-31", 2025), ("2026-11-12", 2026), ("2027-01-05", 2026)]
)
def test_the_reporting_year_runs_april_to_march(today, year):
    current = periods.current(today=date.fromisoformat(today))
    assert current == periods.Period("reporting", year)
    assert (current.first_day, current.last_day) == (date(year, 4, 1), date(year + 1, 3, 31))
    assert current.label == f"{year} to {year + 1}"


def test_by_default_the_page_shows_this_reporting_year_by_date_of_death_and_by_date_closed(
    client, sign_in, panel_member
):
    CaseNotifiedFactory(borough="camden", date_of_death=date(2026, 4, 1))  # first day in
    CaseNotifiedFactory(borough="camden", date_of_death=date(2026, 3, 31))  # last year's
    closed(date(2026, 5, 2), borough="enfield", date_of_death=date(2025, 12, 1))  # died last year, reviewed this
    CaseNotifiedFactory(borough="camden", date_of_death=date(2026, 6, 1), stage="merged")  # a merged duplicate
    sign_in(panel_member)
    response = client.get("/cdop/figures/")
    assert "Child deaths in 2026 to 2027" in text(response, "h1")
    assert "1 April 2026 to 31 March 2027" in text(response)
    deaths = table(response, "Deaths by borough")
    assert deaths["Camden"] == 1 and deaths["Enfield"] == 0
    categories = table(response, "Reviews completed by category of death")
    assert categories["10. Sudden unexpected, unexplained death"] == 1
    assert table(response, "Reviews completed with modifiable factors")["Modifiable factors"] == 1
    assert page(response).select_one("a[aria-current='page']").get_text(strip=True) == "2026 to 2027"


def test_last_reporting_year_and_a_calendar_year_on_request(client, sign_in, panel_member):
    CaseNotifiedFactory(borough="camden", date_of_death=date(2026, 3, 31))
    CaseNotifiedFactory(borough="barnet", date_of_death=date(2026, 4, 1))
    closed(date(2026, 2, 1), borough="enfield", date_of_death=date(2025, 10, 1))
    sign_in(panel_member)
    last = client.get("/cdop/figures/?year=2025")
    assert "Child deaths in 2025 to 2026" in text(last, "h1")
    assert table(last, "Deaths by borough")["Camden"] == 1 and table(last, "Deaths by borough")["Barnet"] == 0
    assert sum(table(last, "Reviews completed by category").values()) == 1
    calendar = client.get("/cdop/figures/?year=2026&period=calendar")
    assert "Child deaths in 2026" in text(calendar, "h1") and "Calendar year" in text(calendar)
    deaths = table(calendar, "Deaths by borough")
    assert deaths["Camden"] == 1 and deaths["Barnet"] == 1
    assert sum(table(calendar, "Reviews completed by category").values()) == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?year=" + "1" * 20, "Year must be between 2019 and 2026"),
        ("?year=2027", "Year must be between 2019 and 2026"),
        ("?year=2018", "Year must be between 2019 and 2026"),
        ("?year=junk", "Year must be a number, for example 2025"),
        ("?year=%00", "Year must be a number"),
        ("?year=2025&period=fortnight", "Choose the reporting year (April to March) or the calendar year"),
        ("?year=2025&period=" + "x" * 100_000, "Choose the reporting year"),
    ],
)
def test_a_bad_year_gives_a_govuk_error_never_a_500(client, sign_in, panel_member, query, message):
    sign_in(panel_member)
    response = client.get("/cdop/figures/" + query)
    assert response.status_code == 200
    assert message in " ".join(error_summary(response))
    assert "Child deaths in 2026 to 2027" in text(response, "h1")
    assert text(response, "title").startswith("Error:")


def test_figures_are_counted_by_the_database_in_a_fixed_number_of_queries(client, sign_in, panel_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            selectors.annual_figures(panel_member, periods.current())
        return len(captured)

    closed(date(2026, 5, 1))
    queries()  # the person's permissions, cached after the first
    small = queries()
    for _ in range(10):
        closed(date(2026, 6, 1))
    assert queries() == small
    assert selectors.annual_figures(panel_member, periods.current())["closed"] == 11


def test_the_charts_keep_their_text_alternatives(client, sign_in, panel_member):
    CaseNotifiedFactory(borough="camden", date_of_death=date(2026, 5, 1))
    sign_in(panel_member)
    body = client.get("/cdop/figures/").content.decode()
    assert body.count('<svg role="img"') == 4 and "Camden: 1." in body
