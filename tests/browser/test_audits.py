"""A Section 11 cycle end to end in a real browser: open, fill over two sessions, return, resubmit, accept; and a
stale area form refused in the error summary."""

import re
from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from audits import services
from audits.models import AuditReturn
from tests.audits.factories import CycleFactory, published_version
from tests.browser.conftest import assert_accessible, fill_date, sign_in_through_the_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in_as(page, user):
    if page.get_by_role("button", name="Sign out").count():
        page.get_by_role("button", name="Sign out").click()
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # a code may be used once: let the next one through
    sign_in_through_the_pages(page, user)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()


def open_return(page):
    page.get_by_role("link", name="Our returns").click()
    assert_accessible(page)
    page.get_by_role("link", name="Safeguarding audit 2026").click()


def test_a_return_from_opening_to_acceptance(page, manager, agency_user, tmp_path):
    CycleFactory(title="Safeguarding audit 2026", version=published_version(areas=2, criteria=1))

    # The manager opens the cycle.
    sign_in_as(page, manager)
    page.get_by_role("link", name="Audits").click()
    assert_accessible(page)
    page.get_by_role("link", name="Safeguarding audit 2026").click()
    assert_accessible(page)
    page.get_by_role("button", name="Open the cycle and email the organisations").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is open")
    assert_accessible(page)

    # The agency fills the first area, uploads evidence and comes back later.
    sign_in_as(page, agency_user)
    expect(page.get_by_role("link", name=re.compile("Safeguarding audit 2026"))).to_be_visible()  # on "My work"
    open_return(page)
    assert_accessible(page)
    page.get_by_role("link", name="Standard 1").click()
    assert_accessible(page)
    page.get_by_label("How your organisation meets this").fill("Our board approves the policy every year.")
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Upload evidence").set_input_files(str(evidence))
    page.get_by_label("Green: met, with evidence of impact").check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("#progress")).to_have_text("1 of 2 areas complete")

    # A second session: the rest of the return, then submission.
    sign_in_as(page, agency_user)
    open_return(page)
    expect(page.locator("#progress")).to_have_text("1 of 2 areas complete")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a rating for “Standard 2”")
    assert_accessible(page)
    page.get_by_role("link", name="Standard 2", exact=True).first.click()
    page.get_by_label("How your organisation meets this").fill("Staff are trained; supervision is patchy.")
    page.get_by_label("Or link to evidence").fill("https://example.org/training")
    page.get_by_label("Amber: partly met, action with an owner and date").check()
    page.get_by_label("Action 1", exact=True).fill("Roll out supervision to every team")
    page.get_by_label("Who owns action 1").fill("Head of safeguarding")
    fill_date(page, "Date action 1 is due by", date(2027, 3, 31))
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#progress")).to_have_text("2 of 2 areas complete")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Return submitted")
    assert_accessible(page)

    # The manager returns it with feedback.
    sign_in_as(page, manager)
    page.goto(AuditReturn.objects.get().get_absolute_url())
    expect(page.get_by_role("link", name="Download policy.pdf")).to_be_visible()
    page.get_by_role("link", name="Review this return").click()
    assert_accessible(page)
    page.get_by_label("Feedback on “Standard 2”").fill("Say how supervision will be checked.")
    page.get_by_label("Areas to develop").fill("Evidence of supervision")
    page.get_by_role("button", name="Return for changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("sent back for changes")

    # The agency sees the feedback, changes the area and resubmits.
    sign_in_as(page, agency_user)
    open_return(page)
    expect(page.locator("main")).to_contain_text("Say how supervision will be checked.")
    page.get_by_role("link", name="Standard 2", exact=True).first.click()
    page.get_by_label("How your organisation meets this").fill("Supervision is now audited every quarter.")
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("button", name="Submit the return").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Return submitted")

    # The manager accepts it, moderating one rating, and the heat map shows it.
    sign_in_as(page, manager)
    page.goto(AuditReturn.objects.get().get_absolute_url())
    page.get_by_role("link", name="Review this return").click()
    page.get_by_label("Partnership's rating for “Standard 1”").select_option("amber")
    page.get_by_label("Strengths").fill("Strong leadership")
    page.get_by_role("button", name="Accept the return").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Return accepted")
    page.goto(AuditReturn.objects.get().cycle.get_absolute_url())
    page.get_by_role("link", name="Heat map of ratings").click()
    table = page.locator("table", has=page.locator("caption", has_text="Ratings by organisation"))
    expect(table).to_contain_text("Young Barnet Foundation")
    expect(page.locator("svg rect")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("Green")
    expect(table.locator("tbody tr").first).to_contain_text("Amber")
    assert_accessible(page)
    page.get_by_role("link", name="Show the partnership's moderated ratings").click()
    expect(table.locator("tbody tr").first).not_to_contain_text("Green")
    assert_accessible(page)


def test_a_stale_area_form_shows_the_refusal_in_the_error_summary(page, manager, agency, agency_user):
    cycle = CycleFactory(title="Safeguarding audit 2026", version=published_version(areas=1, criteria=1))
    services.cycle_open(cycle=cycle, by=manager)
    audit_return = AuditReturn.objects.get(organisation=agency)

    sign_in_as(page, agency_user)
    page.goto(audit_return.get_absolute_url())
    expect(page.locator("#reference")).to_have_text(audit_return.reference)
    page.get_by_role("link", name="Standard 1").click()
    page.get_by_label("How your organisation meets this").fill("My answer, typed while a colleague saved theirs.")

    # A colleague saves the same return in the meantime.
    area = audit_return.tool_version.areas.get()
    criteria = {criterion: {"how_met": "A colleague's answer"} for criterion in area.criteria.all()}
    services.area_save(
        audit_return=audit_return, area=area, by=agency_user, rating="green", criteria=criteria, actions=[]
    )

    page.get_by_role("button", name="Save and come back later").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else saved this record after you opened it.")
    expect(summary).not_to_contain_text("['")
    expect(page.get_by_label("How your organisation meets this")).to_have_value(
        "My answer, typed while a colleague saved theirs."
    )
    assert_accessible(page)
    audit_return.refresh_from_db()
    assert audit_return.criterion_responses.get().how_met == "A colleague's answer"


def test_the_cycle_form_and_its_refusal_of_an_unknown_organisation_are_accessible(page, manager):
    sign_in_as(page, manager)
    page.goto("/audits/cycles/new/")
    assert_accessible(page)
    page.get_by_label("And these organisations").fill("No Such Agency Ltd")
    page.get_by_role("button", name="Create cycle").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("And these organisations")).to_have_value("No Such Agency Ltd")
    assert_accessible(page)
