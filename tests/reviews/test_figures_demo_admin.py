"""The stage history and annual report figures, the staff home panel, the demo loader and the admin."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from content.models import Publication
from partnership.demo import load as load_partnership
from partnership.selectors import stage_history
from reviews import demo, selectors
from reviews.models import Case, Stage
from tests.html import error_summary, page, text
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 6, 30), tick=False)
def test_the_stage_history_counts_working_days_against_each_clock(manager, sign_in, reps):
    case = f.WithPanelFactory(referred_on=date(2026, 5, 1))
    rows = stage_history(case)
    assert [row.change.description for row in rows] == [
        "Referred", "Decided to notify the Panel", "Notification sent", "Rapid review sent to the Panel",
    ]  # fmt: skip
    # Aware Friday 1 May; SIN due Monday 11 May (the May bank holiday on the 4th); sent on 4 May.
    assert rows[2].change.due_on == date(2026, 5, 11)
    assert rows[2].against_clock == "5 working days early"
    page = text(sign_in(manager).get(case.get_absolute_url()))
    assert "5 working days early" in page


@time_machine.travel(date(2026, 12, 31), tick=False)
def test_the_annual_figures(manager, sign_in, reps):
    f.WithPanelFactory(referred_on=date(2026, 3, 2))
    f.LcsprFactory(referred_on=date(2026, 4, 1))
    f.CaseFactory(referred_on=date(2026, 5, 1))
    figures = selectors.annual_figures(2026)
    assert (figures["referrals"], figures["sins"], figures["rapid_reviews"], figures["lcsprs"]) == (3, 2, 2, 1)
    assert figures["rapid_reviews_on_time"] == 2
    assert {label for label, _, _ in figures["days_per_stage"]} >= {"Case for consideration", "Rapid review"}
    response = sign_in(manager).get(reverse("reviews:annual-figures") + "?year=2026")
    assert "Rapid reviews on time 2 of 2" in text(response)


@time_machine.travel(date(2026, 12, 31), tick=False)
@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("99999", "Year must be between 1900 and 2026"),
        ("-1", "Year must be between 1900 and 2026"),
        ("0", "Year must be between 1900 and 2026"),
        ("1" * 5000, "Year must be a number"),
        ("2026.5", "Year must be a number"),
        ("twenty", "Year must be a number"),
        ("%00", "Year must be a number"),
    ],
)
def test_a_year_out_of_range_shows_an_error_and_the_latest_figures(manager, sign_in, year, message):
    response = sign_in(manager).get(reverse("reviews:annual-figures") + f"?year={year}")
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert page(response).select_one(".govuk-error-summary__list a")["href"] == "#id_year"
    assert page(response).select_one("#id_year") is not None
    assert text(response, "h1") == "Annual report figures 2026"


@pytest.mark.parametrize("query", ["", "?year=", "?year=1900", "?year=2026", "?other=1"])
def test_a_valid_or_missing_year_shows_no_error(manager, sign_in, query):
    response = sign_in(manager).get(reverse("reviews:annual-figures") + query)
    assert response.status_code == 200 and not error_summary(response)


def test_the_staff_home_panel(manager, agency_user, sign_in, reps):
    f.CaseFactory()
    assert "Case for consideration: 1" in text(sign_in(manager).get(reverse("staff-home")))
    assert "0 open actions your organisation owns" in text(sign_in(agency_user).get(reverse("staff-home")))


def test_the_demo_has_every_stage_and_the_published_reviews_and_loads_again_unchanged():
    load_partnership(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert set(Case.objects.values_list("stage", flat=True)) == set(Stage.values)
    historic = Case.objects.filter(is_historic=True)
    assert historic.count() == 7
    assert historic.get(reference="HIST-2023-L").lcspr.joint_with == "Brent Safeguarding Children Partnership"
    # Only the documents the partnership's website names: seven reports (Child A's of 2023 recorded as not
    # published, never offered) and two 7-minute briefings (Child A 2023, Child L); none made up.
    assert Publication.objects.filter(kind="case_review_report").count() == 7
    assert list(Publication.objects.exclude(not_published_reason="").values_list("title", flat=True)) == [
        "Child A CSPR"
    ]
    assert sorted(Publication.objects.filter(kind="seven_minute_briefing").values_list("title", flat=True)) == [
        "7-minute briefing: Child A CSPR",
        "7-minute briefing: Child L local CSPR",
    ]


def test_every_model_has_an_admin_page_and_the_send_action_goes_through_the_service(administrator, sign_in, reps):
    case = f.RapidReviewSignedOffFactory()
    client = sign_in(administrator)
    for model in ["case", "child", "childidentity", "notification", "rapidreview", "agencysummaryrequest", "signoff",
                  "lcspr", "recommendation", "action", "actionupdate"]:  # fmt: skip
        assert client.get(reverse(f"admin:reviews_{model}_changelist")).status_code == 200, model
    assert client.get(reverse("admin:reviews_case_change", args=[case.pk])).status_code == 200
    client.post(
        reverse("admin:reviews_case_changelist"),
        {"action": "send_rapid_review_today", "_selected_action": [case.pk]},
    )
    assert Case.objects.get(pk=case.pk).stage == Stage.WITH_PANEL
