"""The lists' filters used with the keyboard only (issue 15), each filtered page passing axe (WCAG 2.2 AA): the
Form B list's views and its reference search keep each other; the manager's returns filters (name, year, stage);
the heat map's second page; a board page's past meetings by year."""

from datetime import date

import pytest
from playwright.sync_api import expect

from audits.models import AuditReturn, Cycle
from partnership.roles import Role
from tests.audits.factories import AuditReturnFactory, CycleFactory, published_version
from tests.boards.factories import BoardFactory, MeetingPublishedFactory
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.cdop.factories import FormBRequestFactory, FormBSubmittedFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_filters_the_form_b_list_with_the_keyboard(page):
    coordinator = UserFactory(roles=[Role.CDOP_COORDINATOR])
    outstanding = FormBRequestFactory()
    submitted = FormBSubmittedFactory()
    sign_in_through_the_pages(page, coordinator)
    page.goto("/cdop/form-b/")
    table = page.locator("main table")
    expect(table).to_contain_text(outstanding.case.reference)
    expect(table).not_to_contain_text(submitted.case.reference)
    assert_accessible(page)

    page.get_by_role("link", name="Submitted", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Submitted", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Submitted", exact=True)).to_have_attribute("aria-current", "page")
    expect(table).to_contain_text(submitted.case.reference)
    expect(table).not_to_contain_text(outstanding.case.reference)
    assert_accessible(page)

    page.get_by_label("Find by case reference").focus()
    page.keyboard.type(submitted.case.reference)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Submitted: cases starting {submitted.case.reference}")).to_be_visible()
    expect(table).to_contain_text(submitted.case.reference)
    expect(page.get_by_label("Find by case reference")).to_have_value(submitted.case.reference)
    assert_accessible(page)

    page.get_by_role("link", name="All", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"All: cases starting {submitted.case.reference}")).to_be_visible()
    expect(table).not_to_contain_text(outstanding.case.reference)


def test_the_manager_filters_the_returns_with_the_keyboard(page, manager):
    harbour, meadow = OrganisationFactory(name="Harbour Youth Trust"), OrganisationFactory(name="Meadow Play Club")
    last_year = CycleFactory(year=2025, title="Safeguarding audit 2025", stage=Cycle.Stage.OPEN)
    this_year = CycleFactory(year=2026, title="Safeguarding audit 2026", stage=Cycle.Stage.OPEN)
    accepted = AuditReturnFactory(cycle=last_year, organisation=harbour, stage=AuditReturn.Stage.ACCEPTED)
    others = [
        AuditReturnFactory(cycle=this_year, organisation=harbour, stage=AuditReturn.Stage.ACCEPTED),
        AuditReturnFactory(cycle=last_year, organisation=meadow, stage=AuditReturn.Stage.ACCEPTED),
    ]
    sign_in_through_the_pages(page, manager)
    page.goto("/audits/returns/")
    table = page.locator("main table")
    for audit_return in (accepted, *others):
        expect(table).to_contain_text(audit_return.reference)
    assert_accessible(page)

    page.get_by_label("Organisation name contains").focus()
    page.keyboard.type("harbour")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Year")).to_be_focused()
    page.keyboard.type("2025")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Stage")).to_be_focused()
    page.keyboard.type("Accepted")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Filter")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/audits/returns/?*")
    expect(table).to_contain_text(accepted.reference)
    for audit_return in others:
        expect(table).not_to_contain_text(audit_return.reference)
    expect(page.get_by_label("Organisation name contains")).to_have_value("harbour")
    expect(page.get_by_label("Year")).to_have_value("2025")
    expect(page.get_by_label("Stage")).to_have_value(AuditReturn.Stage.ACCEPTED)
    assert_accessible(page)

    page.get_by_role("link", name="Clear the filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/audits/returns/")
    for audit_return in (accepted, *others):
        expect(table).to_contain_text(audit_return.reference)


def test_the_heat_maps_second_page_is_reached_with_the_keyboard_and_is_accessible(page, manager):
    cycle = CycleFactory(version=published_version(areas=3), title="Safeguarding audit 2026", stage=Cycle.Stage.OPEN)
    for n in range(55):
        AuditReturnFactory(cycle=cycle, organisation=OrganisationFactory(name=f"Agency {n:02d}"))
    sign_in_through_the_pages(page, manager)
    page.goto(f"/audits/cycles/{cycle.pk}/heat-map/")
    expect(page.get_by_role("heading", name="Organisation by organisation (1 to 50 of 55)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next page").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2*")
    expect(page.get_by_role("heading", name="Organisation by organisation (51 to 55 of 55)")).to_be_visible()
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    expect(page.locator("main")).to_contain_text("Agency 54")
    expect(page.locator("main")).not_to_contain_text("Agency 00")
    assert_accessible(page)


def test_the_board_pages_year_filter_works_with_the_keyboard(page):
    board = BoardFactory(name="Learning and Thematic Review Group", slug="ltrg")
    MeetingPublishedFactory(board=board, date=date(2024, 3, 12))
    MeetingPublishedFactory(board=board, date=date(2025, 3, 11))
    page.goto(board.get_absolute_url())
    past = page.locator("main")
    expect(past).to_contain_text("12 March 2024")
    expect(past).to_contain_text("11 March 2025")
    assert_accessible(page)
    years = page.get_by_role("navigation", name="Past meetings by year")
    years.get_by_role("link", name="2024", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**year=2024*")
    expect(page.get_by_role("heading", name="Past meetings in 2024")).to_be_visible()
    expect(years.get_by_role("link", name="2024", exact=True)).to_have_attribute("aria-current", "page")
    expect(past).to_contain_text("12 March 2024")
    expect(past).not_to_contain_text("11 March 2025")
    assert_accessible(page)
    years.get_by_role("link", name="All years").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Past meetings", exact=True)).to_be_visible()
    expect(past).to_contain_text("11 March 2025")
