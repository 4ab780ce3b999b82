"""The staff lists' filters used with the keyboard only (issue 15): the Form B list's views and its reference
search keep each other, and the filtered page passes axe (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import expect

from partnership.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.cdop.factories import FormBRequestFactory, FormBSubmittedFactory
from tests.factories import UserFactory

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
