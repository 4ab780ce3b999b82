"""The layout every page shares, sign-in and the staff home, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NEUTRAL_SITE, assert_accessible, current_code, sign_in_through_the_pages
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_carries_the_999_banner_and_has_no_accessibility_violations(page):
    page.goto("/")
    expect(page.get_by_text("If a child is in immediate danger please call 999").first).to_be_visible()
    assert_accessible(page)


def test_exit_this_page_leaves_on_click(page):
    page.goto("/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(re.compile(re.escape(NEUTRAL_SITE)))


def test_exit_this_page_leaves_when_shift_is_pressed_three_times(page):
    page.goto("/")
    page.locator("body").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(re.compile(re.escape(NEUTRAL_SITE)))


def test_sign_in_and_staff_home_are_accessible(page, manager):
    sign_in_through_the_pages(page, manager, check=assert_accessible)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    assert_accessible(page)


def tab_to(page, label: str, limit: int = 40):
    """Press Tab until the focused element is named `label` (its text, or its label for a form field)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); }"
        )
        if name == label:
            return
    raise AssertionError(f"Tab never reached {label!r}")


def test_keyboard_alone_reaches_sign_in_and_the_staff_home(page, manager):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, "Sign in")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    tab_to(page, "Email address")
    page.keyboard.type(manager.email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/two-factor/**")
    tab_to(page, "Security code")
    page.keyboard.type(current_code(manager))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
