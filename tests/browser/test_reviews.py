"""One serious incident walked from referral to a published LCSPR and a closed action, as the real roles would:
the partnership manager, the three statutory partners' representatives and the agency that owns the action; and
a stale form refused in the error summary."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from content.models import Publication
from partnership.locking import STALE_MESSAGE
from partnership.selectors import stage_changes
from reviews import services
from reviews.models import Action, Case, Stage
from tests.browser.conftest import assert_accessible, fill_date, sign_in_through_the_pages
from tests.reviews.factories import PDF, CaseFactory, partner_reps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def step(page, link: str, button: str = "Save", fill=None) -> None:
    """Follow a next step from the case page, fill its form, submit, and land back on the case page."""
    page.get_by_role("link", name=link).click()
    assert_accessible(page)
    if fill:
        fill(page)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", name="Success")).to_be_visible()
    assert_accessible(page)


def as_user(page, user, case_url: str) -> None:
    page.context.clear_cookies()
    sign_in_through_the_pages(page, user)
    page.goto(case_url)
    assert_accessible(page)


def test_a_case_from_referral_to_a_published_lcspr_and_a_closed_action(page, manager, agency_user, tmp_path):
    reps = partner_reps()
    sign_in_through_the_pages(page, manager)
    page.get_by_role("link", name="Serious incidents").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Refer a case for consideration").click()
    assert_accessible(page)
    page.get_by_label("Referring organisation").select_option(label="London Borough of Barnet")
    fill_date(page, "Date referred", ago(60))
    page.get_by_label("The children, by pseudonym").fill("Child K")
    page.get_by_label("Summary").fill("A baby was admitted to hospital with a head injury.")
    page.get_by_role("button", name="Refer the case").click()
    expect(page.get_by_role("heading", name="Child K")).to_be_visible()
    assert_accessible(page)
    case_url = page.url

    def decide(page):
        fill_date(page, "Date of the statutory partners' meeting", ago(59))
        page.get_by_label("Abuse or neglect of a child is known or suspected").check()
        page.get_by_label("The child has died or been seriously harmed").check()
        page.get_by_label("Notify the Panel").check()
        page.get_by_label("Rationale").fill("The criteria for a notification are met.")
        fill_date(page, "Date the local authority became aware", ago(60))

    step(page, "Record the decision on the case for consideration", fill=decide)

    def notify(page):
        fill_date(page, "Date the notification was sent", ago(57))
        page.get_by_label("The Panel's reference").fill("CSPRP-2026-0042")

    step(page, "Record the Serious Incident Notification", fill=notify)

    def request_summary(page):
        page.get_by_label("Organisation").select_option(label="Young Barnet Foundation")
        fill_date(page, "Date requested", ago(57))
        fill_date(page, "Date due", ago(52))

    step(page, "Request an agency summary", "Send request", request_summary)

    def rapid_review(page):
        fill_date(page, "Date of the rapid review meeting", ago(50))
        page.get_by_label("Facts").fill("The baby was seen by three agencies in the month before.")
        page.get_by_label("Learning").fill("Share concerns about bruising in non-mobile babies at once.")

    step(page, "Record the rapid review meeting and findings", fill=rapid_review)

    def sign_off(page):
        expect(page.get_by_text("Share concerns about bruising in non-mobile babies at once.")).to_be_visible()
        page.get_by_label("Yes, we sign it off").check()
        fill_date(page, "Date", ago(48))

    for rep in reps:
        as_user(page, rep, case_url)
        step(page, "Sign off the rapid review", "Record the answer", sign_off)

    as_user(page, manager, case_url)
    step(page, "Send the rapid review to the Panel", fill=lambda p: fill_date(p, "Date sent to the Panel", ago(45)))

    def decide_review(page):
        page.get_by_label("Local review (LCSPR)").check()
        page.get_by_label("Rationale").fill("Agencies did not work well together.")
        fill_date(page, "Date of the decision", ago(44))

    step(page, "Record the decision after the rapid review", fill=decide_review)

    def lcspr(page):
        page.get_by_label("Independent reviewer").fill("Dr Jane Example")
        for legend, days in [
            ("Date the Panel was told", 43), ("Date Ofsted was told", 43), ("Date DfE was told", 43),
            ("Date of the draft report", 30), ("Date of the final report", 20),
            ("Date the pre-publication copy was sent", 15),
        ]:  # fmt: skip
            fill_date(page, legend, ago(days))

    step(page, "Update the LCSPR", fill=lcspr)
    step(page, "Add a recommendation", fill=lambda p: p.get_by_label("Recommendation").fill("Train on bruising."))

    def action(page):
        page.get_by_label("Recommendation").select_option(index=1)
        page.get_by_label("Owned by").select_option(label="Young Barnet Foundation")
        page.get_by_label("Action").fill("Train every family worker on the bruising protocol.")
        fill_date(page, "Date due", timezone.localdate() + timedelta(days=30))

    step(page, "Add an action", fill=action)

    def publish(page):
        for label, name in [("The report (PDF)", "report.pdf"), ("The 7-minute briefing (PDF)", "briefing.pdf")]:
            document = tmp_path / name
            document.write_bytes(PDF)
            page.get_by_label(label).set_input_files(str(document))
        page.get_by_label("Summary").fill("What partners learned from Child K's review.")
        fill_date(page, "Publication date", timezone.localdate())

    step(page, "Publish the LCSPR", "Publish", publish)
    assert Case.objects.get().stage == "published"
    assert Publication.objects.filter(title__startswith="Child K").exists()

    page.context.clear_cookies()
    sign_in_through_the_pages(page, agency_user)
    page.get_by_role("link", name="Actions").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Train every family worker on the bruising protocol.").click()
    assert_accessible(page)
    expect(page.get_by_text("A baby was admitted")).to_have_count(0)
    page.get_by_label("Progress").fill("Every family worker has been trained.")
    page.get_by_label("The action is complete: close it").check()
    page.get_by_label("Green").check()
    page.get_by_role("button", name="Report progress").click()
    expect(page.get_by_text("An action closes only with evidence of its impact").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Evidence of impact").fill("An audit of 20 cases found the protocol followed in all.")
    page.get_by_role("button", name="Report progress").click()
    expect(page.get_by_role("heading", name="Success")).to_be_visible()
    assert_accessible(page)
    assert Action.objects.get().closed_on == timezone.localdate()


def test_a_stale_decision_form_shows_the_refusal_in_the_error_summary_and_changes_nothing(page, manager):
    """The manager opens the decision on a case for consideration; before they submit, a colleague saves the
    case (a child's identifying details). Their decision is refused in the error summary, not saved."""
    case = CaseFactory(by=manager)
    sign_in_through_the_pages(page, manager)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Record the decision on the case for consideration").click()
    fill_date(page, "Date of the statutory partners' meeting", ago(1))
    page.get_by_label("Do not notify").check()
    page.get_by_label("Rationale").fill("The criteria are not met.")

    services.child_identity_record(child=case.children.get(), by=manager, full_name="A Name")

    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(STALE_MESSAGE)
    assert_accessible(page)
    case.refresh_from_db()
    assert case.stage == Stage.REFERRED
    assert [change.to_stage for change in stage_changes(case)] == [Stage.REFERRED]
