"""The case page offers only steps that could succeed (a link that can only end in a refusal is a trap), and
says what happened: stage changes, meetings, sign-offs and the Panel's response on one timeline."""

from datetime import datetime

import pytest
from django.urls import reverse

from reviews import services
from tests.html import page
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def offered(client, case) -> set[str]:
    """The headings of the steps the case page links to."""
    prefix = reverse("reviews:case-step", args=[case.pk, "x"]).removesuffix("x/")
    return {a.get_text(strip=True) for a in page(client.get(case.get_absolute_url())).select("main a[href]")
            if a["href"].startswith(prefix)}  # fmt: skip


def test_a_case_closed_as_do_not_notify_offers_no_panel_response(sign_in, reps):
    manager = f.a_manager()
    case = f.CaseFactory()
    case = services.case_for_consideration_decide(
        case=case, meeting_on=case.referred_on, decision="do_not_notify", rationale="Not met.", by=manager
    )
    assert "Record the Panel's response" not in offered(sign_in(manager), case)


def test_a_case_sent_to_the_panel_offers_the_panel_response(sign_in, reps):
    manager = f.a_manager()
    case = f.WithPanelFactory()
    assert "Record the Panel's response" in offered(sign_in(manager), case)


def test_a_partner_that_has_signed_off_is_not_offered_to_sign_again(sign_in, reps):
    case = f.RapidReviewRecordedFactory()
    first, second = reps[0], reps[1]
    assert "Sign off the rapid review" in offered(sign_in(first), case)
    services.rapid_review_sign_off(case=case, partner=first.organisation, by=first)
    case.refresh_from_db()
    assert "Sign off the rapid review" not in offered(sign_in(first), case)
    assert "Sign off the rapid review" in offered(sign_in(second), case)


def test_sign_off_waits_for_the_findings_and_the_findings_close_once_signed(sign_in, reps):
    manager = f.a_manager()
    case = f.RapidReviewFactory()
    assert "Sign off the rapid review" not in offered(sign_in(reps[0]), case)
    assert "Record the rapid review meeting and findings" in offered(sign_in(manager), case)
    case = f.RapidReviewRecordedFactory()
    services.rapid_review_sign_off(case=case, partner=reps[0].organisation, by=reps[0])
    case.refresh_from_db()
    assert "Record the rapid review meeting and findings" not in offered(sign_in(manager), case)


def test_the_rapid_review_is_offered_to_the_panel_only_with_all_three_sign_offs(sign_in, reps):
    manager = f.a_manager()
    assert "Send the rapid review to the Panel" not in offered(sign_in(manager), f.RapidReviewRecordedFactory())
    assert "Send the rapid review to the Panel" in offered(sign_in(manager), f.RapidReviewSignedOffFactory())


def test_a_summary_is_offered_as_received_only_while_one_is_outstanding(sign_in, reps):
    manager = f.a_manager()
    case = f.RapidReviewFactory()
    assert "Record an agency summary received" not in offered(sign_in(manager), case)
    services.agency_summary_request(
        case=case, organisation=reps[1].organisation, requested_on=f.today(), due_on=f.today(), by=manager
    )
    case.refresh_from_db()
    assert "Record an agency summary received" in offered(sign_in(manager), case)


def what_happened(client, case) -> list[str]:
    """The "What happened" table's rows, as "date: what (by)"."""
    table = page(client.get(case.get_absolute_url())).select_one("#what-happened + div table")
    return [" | ".join(cell.get_text(strip=True) for cell in row.select("td")) for row in table.select("tbody tr")]


def test_the_case_page_says_what_happened_with_sign_offs_meetings_and_the_panels_response(sign_in, reps):
    manager = f.a_manager()
    case = f.WithPanelFactory()
    review = case.rapid_review
    services.rapid_review_panel_response(case=case, response_on=f.today(), response="Agreed.", by=manager)
    rows = what_happened(sign_in(manager), case)
    day = "{:%-d %b %Y}".format
    assert f"{day(review.meeting_on)} | Rapid review meeting | –" in rows
    for rep in reps:
        signed_on = review.sign_offs.get(partner=rep.organisation).signed_on
        assert f"{day(signed_on)} | Signed off for {rep.organisation} | {rep}" in rows
    assert f"{day(f.today())} | The Panel's response received | –" in rows
    assert any("Rapid review sent to the Panel" in row for row in rows)
    dates = [row.split(" | ")[0] for row in rows]
    assert dates == sorted(dates, key=lambda d: datetime.strptime(d, "%d %b %Y"))
