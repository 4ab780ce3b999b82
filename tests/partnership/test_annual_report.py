"""The annual report's figures: known data for each figure (a SIN on the fifth working day is on time, on the sixth
late, over Christmas), the CSV and print versions, a chosen set published as a suppressed draft, who may see it,
hostile input, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audits import services as audit_services
from audits.models import Cycle
from content.models import Page
from partnership.annual_report import Period, figures
from partnership.calendar import add_working_days
from reviews import services
from tests.audits.factories import AuditReturnFactory, CycleFactory, fill
from tests.boards.factories import BoardFactory, MeetingPastFactory
from tests.cdop.factories import CaseClosedFactory
from tests.html import error_summary, page, text
from tests.queries import queries
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db
YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))  # over Christmas 2025 and its bank holidays
URL = reverse("annual-report") + YEAR.query


def sin(*, aware_on, sent_on, by):
    case = f.CaseFactory(referred_on=aware_on, by=by)
    case = services.case_for_consideration_decide(
        case=case, meeting_on=aware_on, decision="notify", rationale="The criteria are met.", abuse_or_neglect=True,
        death_or_serious_harm=True, in_area=True, aware_on=aware_on, by=by,
    )  # fmt: skip
    return services.notification_send(case=case, sent_on=sent_on, panel_reference="CSPRP-1", care_status="none", by=by)


def rows(key) -> list:
    return next(figure.rows for figure in figures(YEAR) if figure.key == key)


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(date(2026, 6, 30), tick=False):
        yield


def test_a_sin_on_the_fifth_working_day_over_christmas_is_on_time_and_on_the_sixth_late(manager):
    # Aware Monday 22 December 2025: 23, 24, 29, 30 and 31 December are the five working days (Christmas Day,
    # Boxing Day and the weekend skipped); 1 January is a bank holiday, so 2 January is the sixth.
    assert add_working_days(date(2025, 12, 22), 5) == date(2025, 12, 31)
    sin(aware_on=date(2025, 12, 22), sent_on=date(2025, 12, 31), by=manager)
    sin(aware_on=date(2025, 12, 22), sent_on=date(2026, 1, 2), by=manager)
    sin(aware_on=date(2026, 3, 30), sent_on=date(2026, 4, 1), by=manager)  # after the period: not counted
    assert rows("sins") == [("Within 5 working days", 1), ("Later", 1)]


def test_rapid_reviews_within_15_working_days(manager):
    f.partner_reps()
    f.WithPanelFactory(referred_on=date(2025, 12, 1), by=manager)  # sent 14 days after the referral: on time
    late = f.RapidReviewSignedOffFactory(referred_on=date(2026, 1, 5), by=manager)
    due = late.rapid_review.due_on
    services.rapid_review_send(case=late, sent_on=add_working_days(due, 1), by=manager)
    assert rows("rapid_reviews") == [("Within 15 working days", 1), ("Later", 1)]


def test_decisions_reviews_and_actions(manager, agency):
    f.partner_reps()
    case = f.LcsprFactory(referred_on=date(2025, 6, 2), by=manager)
    recommendation = services.recommendation_add(case=case, text="Learn.", by=manager)
    with time_machine.travel(date(2025, 7, 1), tick=False):  # set while both were still to come
        for due_on in (date(2026, 3, 1), date(2026, 5, 1)):  # overdue at the period's end; not yet due then
            services.action_add(
                recommendation=recommendation, organisation=agency, description="Train.", due_on=due_on, by=manager
            )
    assert ("Local review (LCSPR)", 1) in rows("decisions")
    assert rows("lcsprs") == [("Commissioned", 1), ("Published", 0)]
    assert rows("actions") == [("Completed", 0), ("Overdue at the end of the period", 1)]


def test_child_deaths_by_category_and_modifiable_factors_and_board_meetings(manager):
    closed = timezone.make_aware(timezone.datetime(2025, 12, 24, 12))
    CaseClosedFactory(closed_on=closed, date_of_death=date(2025, 5, 1))
    CaseClosedFactory(closed_on=closed + timedelta(days=400), date_of_death=date(2025, 5, 1))  # closed later
    assert rows("modifiable") == [("Modifiable factors", 1), ("No modifiable factors", 0)]
    assert sum(count for _, count in rows("deaths_reviewed")) == 1
    board = BoardFactory(name="Safeguarding Partnership Board")
    MeetingPastFactory(board=board, date=date(2025, 12, 23))
    MeetingPastFactory(board=board, date=date(2026, 4, 2))
    assert (board.name, 1) in rows("board_meetings")


def test_section_11_and_vcfs_returns_made_and_ratings_by_area(manager, agency_user, agency):
    cycle = CycleFactory(stage=Cycle.Stage.OPEN, year=2025, opens_on=date(2025, 7, 1), due_on=date(2025, 9, 30))
    made = AuditReturnFactory(cycle=cycle, organisation=agency)
    AuditReturnFactory(cycle=cycle)  # another organisation's, never made
    AuditReturnFactory(cycle=CycleFactory(stage=Cycle.Stage.OPEN, due_on=date(2026, 4, 30)))  # due after the period
    fill(made, by=agency_user, rating="green")
    audit_services.return_submit(audit_return=made, by=agency_user)
    kind = cycle.version.tool.kind
    assert rows(f"{kind}_returns") == [("Made", 1), ("Not made", 1)]
    assert rows(f"{kind}_ratings") == [
        ("Standard 1: Green", 1), ("Standard 1: Amber", 0), ("Standard 1: Red", 0),
        ("Standard 2: Green", 1), ("Standard 2: Amber", 0), ("Standard 2: Red", 0),
    ]  # fmt: skip


def test_the_page_csv_and_print_version(manager, sign_in):
    sin(aware_on=date(2025, 12, 22), sent_on=date(2025, 12, 31), by=manager)
    client = sign_in(manager)
    shown = page(client.get(URL))
    caption = shown.find("caption", string=lambda s: s and s.startswith("Serious incident notifications sent"))
    table = caption.find_parent("table")
    assert [row.get_text(" ", strip=True) for row in table.tbody.find_all("tr")] == [
        "Within 5 working days 1", "Later 0",
    ]  # fmt: skip
    assert shown.find("svg", attrs={"aria-labelledby": "chart-sins-title chart-sins-desc"})
    assert "Within 5 working days: 100% of 1" in text(client.get(URL))
    csv = client.get(reverse("annual-report-csv") + YEAR.query)
    assert csv["Content-Type"].startswith("text/csv")
    assert "Serious incidents,Serious incident notifications sent,Within 5 working days,1,2025-04-01,2026-03-31" in (
        csv.content.decode()
    )
    printed = client.get(reverse("annual-report-print") + YEAR.query)
    assert "Annual report figures, 1 April 2025 to 31 March 2026" in text(printed)


def test_a_chosen_set_becomes_a_draft_page_with_small_numbers_suppressed(manager, sign_in):
    sin(aware_on=date(2025, 12, 22), sent_on=date(2025, 12, 31), by=manager)
    client = sign_in(manager)
    data = {"from": "2025-04-01", "to": "2026-03-31", "figures": ["sins", "board_meetings"]}
    response = client.post(reverse("annual-report-publish"), data)
    draft = Page.objects.get()
    assert response.url == reverse("page-preview", args=[draft.pk])
    assert draft.status == "draft"
    assert "| Within 5 working days | fewer than 5 |" in draft.body
    assert "| Later | 0 |" in draft.body
    assert "100%" not in draft.body  # a share of a small number would give it away
    assert "Rapid reviews" not in draft.body  # not chosen
    preview = client.get(response.url)
    assert "fewer than 5" in text(preview)


def test_publishing_nothing_or_an_unknown_figure_is_refused(manager, sign_in):
    client = sign_in(manager)
    for chosen in ([], ["no-such-figure"]):
        response = client.post(reverse("annual-report-publish"), {"from": "2025-04-01", "to": "2026-03-31",
                                                                   "figures": chosen})  # fmt: skip
        assert response.status_code == 400
        assert error_summary(response)
    assert not Page.objects.exists()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2025-04-01&to=2026-04-01", "End date must be within a year of the start date: 31 March 2026"),
        ("?from=2026-03-31&to=2025-04-01", "End date must be the same as or after the start date"),
        ("?from=nonsense&to=2026-03-31", "Enter start date"),
        ("?from_0=31&from_1=2&from_2=2025&to=2026-01-01", "Start date must be a real date"),
        ("?from=" + "9" * 5000 + "&to=%00", "Enter start date"),
        ("?from=2025-04-01&from=2025-05-01&to=2026-01-01", "Enter start date"),
    ],
)
def test_hostile_periods_show_govuk_errors(manager, sign_in, query, message):
    client = sign_in(manager)
    for name in ("annual-report", "annual-report-csv", "annual-report-print"):
        response = client.get(reverse(name) + query)
        assert response.status_code == 200
        assert any(message in error for error in error_summary(response)), error_summary(response)


def test_only_the_partnership_manager_sees_the_figures(manager, agency_user, sign_in):
    home = page(sign_in(manager).get(reverse("staff-home")))
    assert home.find("a", href=reverse("annual-report"), string="The annual report's figures")
    client = sign_in(agency_user)
    assert "annual report" not in text(client.get(reverse("staff-home"))).lower()
    assert client.get(URL).status_code == 403
    assert client.post(reverse("annual-report-publish"), {"from": "2025-04-01", "to": "2026-03-31"}).status_code == 403


def test_the_page_takes_the_same_number_of_queries_at_two_sizes(manager, sign_in):
    client = sign_in(manager)
    closed = timezone.make_aware(timezone.datetime(2025, 12, 24, 12))
    sin(aware_on=date(2025, 12, 22), sent_on=date(2025, 12, 31), by=manager)
    CaseClosedFactory(closed_on=closed, date_of_death=date(2025, 5, 1))
    MeetingPastFactory(date=date(2025, 12, 23))
    few = queries(client, URL)
    for _ in range(4):
        sin(aware_on=date(2025, 12, 22), sent_on=date(2026, 1, 2), by=manager)
        CaseClosedFactory(closed_on=closed, date_of_death=date(2025, 5, 1))
        MeetingPastFactory(date=date(2025, 12, 23))
    assert queries(client, URL) == few
