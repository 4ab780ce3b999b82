"""The learning themes pages: known data counted per domain and per year, ranked, small counts suppressed, the
filters (hostile input too), the CSV, who may see them, and a fixed number of queries."""

import csv
import io

import pytest

from partnership.roles import Role
from reviews.models import Action
from tests.content.factories import PublicationFactory, PublicationPublishedFactory
from tests.factories import OrganisationFactory, ThemeFactory, UserFactory
from tests.html import error_summary, page, text
from tests.partnership import themes_data as seen
from tests.queries import queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Metropolitan Police Service")


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Barnet Primary School")


@pytest.fixture
def known(police, school):
    """Neglect: 6 cases (2024, police), 2 cases (2025, school), 5 recommendations (2025, school), 7 panel
    findings (2024), 5 key actions (2025, police). Exploitation: 1 case (2025). Safer sleeping: never seen. A
    retired theme never seen is not listed."""
    neglect = ThemeFactory(name="Neglect", slug="neglect")
    exploitation = ThemeFactory(name="Exploitation", slug="exploitation")
    ThemeFactory(name="Safer sleeping", slug="safer-sleeping")
    ThemeFactory(name="Old theme", slug="old-theme", is_active=False)
    seen.cases(neglect, 2024, police, 6)
    seen.cases(neglect, 2025, school, 2)
    recommendations = seen.recommendations(neglect, 2025, school, 5)
    seen.findings(neglect, 2024, 7)
    seen.key_actions(neglect, 2025, police, 5)
    seen.cases(exploitation, 2025, police, 1)
    return {"neglect": neglect, "recommendations": recommendations}


@pytest.fixture
def reader(client, sign_in, local_authority):
    return sign_in(UserFactory(organisation=local_authority, roles=[Role.REVIEW_GROUP_MEMBER]))


def ranked(response) -> list[list[str]]:
    rows = page(response).select("main table tbody tr")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.select("th, td")] for row in rows]


def chart_tables(response) -> dict[str, list[list[str]]]:
    tables = {}
    for table in page(response).select("main table"):
        caption = " ".join(table.caption.get_text(" ").split())
        tables[caption] = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.tbody("tr")]
    return tables


def test_the_overview_ranks_themes_by_how_often_then_how_recently_they_appear(reader, known):
    response = reader.get("/staff/themes/")
    assert response.status_code == 200
    assert ranked(response) == [
        ["Neglect", "25", "2025", "4"],
        ["Exploitation", "fewer than 5", "2025", "1"],
        ["Safer sleeping", "0", "Not seen", "0"],
    ]
    navigation = page(response).select('nav a[href="/staff/themes/"]')
    assert [a.get_text(strip=True) for a in navigation] == ["Learning themes"]


def test_a_theme_is_counted_per_domain_per_year_with_small_counts_suppressed(reader, known):
    response = reader.get("/staff/themes/neglect/")
    assert response.status_code == 200
    assert chart_tables(response) == {
        "Child death panel findings": [["2024", "7"], ["2025", "0"]],
        "Rapid reviews and LCSPRs": [["2024", "6"], ["2025", "fewer than 5"]],
        "Review recommendations": [["2024", "0"], ["2025", "5"]],
        "Section 11 and VCFS key actions": [["2024", "0"], ["2025", "5"]],
    }
    assert "No open actions address this theme." in text(response)
    svg = page(response).select("main svg")
    assert len(svg) == 4 and all(chart.find("title") for chart in svg)
    assert "2025: fewer than 5" in svg[1].find("desc").get_text()
    assert len(svg[1].select("rect")) == 2 and svg[1].select("rect")[1]["width"] == "0"  # no bar says the number


def test_the_theme_page_links_its_open_actions_and_its_live_publications(reader, known, police):
    first, second = known["recommendations"][:2]
    open_one = seen.action(first, police, description="Train every health visitor in neglect.")
    seen.action(second, police, status=Action.Status.CLOSED, description="A closed action.")
    live = PublicationPublishedFactory(title="Neglect: a 7-minute briefing")
    live.themes.add(known["neglect"])
    PublicationFactory(title="A draft about neglect").themes.add(known["neglect"])
    response = reader.get("/staff/themes/neglect/")
    links = {a.get_text(strip=True): a["href"] for a in page(response).select("main a.govuk-link")}
    assert links["Train every health visitor in neglect."] == open_one.get_absolute_url()
    assert links["Neglect: a 7-minute briefing"] == live.get_absolute_url()
    assert "A closed action." not in text(response)
    assert "A draft about neglect" not in text(response)


def test_the_year_filter_counts_that_year_only(reader, known):
    assert ranked(reader.get("/staff/themes/?year=2024"))[0] == ["Neglect", "13", "2024", "2"]
    response = reader.get("/staff/themes/neglect/?year=2024")
    assert chart_tables(response)["Rapid reviews and LCSPRs"] == [["2024", "6"]]
    assert "Review recommendations" not in chart_tables(response)


def test_the_agency_filter_counts_that_agencys_work_and_leaves_out_child_deaths(reader, known, police):
    response = reader.get(f"/staff/themes/?agency={police.pk}")
    assert ranked(response)[0] == ["Neglect", "11", "2025", "2"]
    assert "Child death panel findings record no agency" in text(response)
    detail = chart_tables(reader.get(f"/staff/themes/neglect/?agency={police.pk}"))
    assert "Child death panel findings" not in detail
    assert detail["Section 11 and VCFS key actions"] == [["2024", "0"], ["2025", "5"]]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("year=99999999999999999999", "Year must be between 1900 and"),
        ("year=20%0024", "Year must be a number"),
        ("year=next", "Year must be a number"),
        ("agency=%00", "Choose one of the agencies listed"),
        ("agency=99999999999999999999", "Choose one of the agencies listed"),
        ("agency=police", "Choose one of the agencies listed"),
    ],
)
def test_a_bad_filter_shows_an_error_and_every_figure(reader, known, query, error):
    for url in ("/staff/themes/", "/staff/themes/neglect/"):
        response = reader.get(f"{url}?{query}")
        assert response.status_code == 200
        assert any(message.startswith(error) for message in error_summary(response)), error_summary(response)
    assert ranked(reader.get(f"/staff/themes/?{query}"))[0] == ["Neglect", "25", "2025", "4"]
    export = reader.get(f"/staff/themes/export.csv?{query}")
    assert export.status_code == 200


def test_the_csv_has_every_theme_domain_and_year_suppressed_like_the_pages(reader, known, police):
    response = reader.get("/staff/themes/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Theme", "Domain", "Year", "Times attached"],
        ["Exploitation", "Rapid reviews and LCSPRs", "2025", "fewer than 5"],
        ["Neglect", "Child death panel findings", "2024", "7"],
        ["Neglect", "Rapid reviews and LCSPRs", "2024", "6"],
        ["Neglect", "Rapid reviews and LCSPRs", "2025", "fewer than 5"],
        ["Neglect", "Review recommendations", "2025", "5"],
        ["Neglect", "Section 11 and VCFS key actions", "2025", "5"],
    ]
    filtered = reader.get(f"/staff/themes/export.csv?year=2024&agency={police.pk}")
    assert list(csv.reader(io.StringIO(filtered.content.decode())))[1:] == [
        ["Neglect", "Rapid reviews and LCSPRs", "2024", "6"]
    ]


@pytest.mark.parametrize("url", ["/staff/themes/", "/staff/themes/neglect/", "/staff/themes/export.csv"])
def test_only_the_manager_and_the_learning_group_see_the_themes(client, sign_in, known, manager, agency_user, url):
    assert client.get(url).status_code == 302  # to sign in
    assert sign_in(agency_user).get(url).status_code == 403
    cdop = UserFactory(organisation=agency_user.organisation, roles=[Role.CDOP_COORDINATOR])
    assert sign_in(cdop).get(url).status_code == 403
    assert sign_in(manager).get(url).status_code == 200


def test_an_unknown_theme_is_not_found(reader, known):
    assert reader.get("/staff/themes/no-such-theme/").status_code == 404


def test_the_pages_take_a_fixed_number_of_queries_whatever_the_data(reader, known, police, school):
    urls = ["/staff/themes/", "/staff/themes/neglect/", "/staff/themes/export.csv"]
    small = [queries(reader, url) for url in urls]
    more = ThemeFactory(name="Domestic abuse", slug="domestic-abuse")
    seen.cases(more, 2023, school, 3)
    seen.cases(known["neglect"], 2022, police, 2)
    seen.recommendations(known["neglect"], 2023, police, 4)
    seen.findings(more, 2025, 2)
    seen.key_actions(known["neglect"], 2024, school, 3)
    for recommendation in known["recommendations"]:
        seen.action(recommendation, police)
    PublicationPublishedFactory().themes.add(known["neglect"])
    assert [queries(reader, url) for url in urls] == small
