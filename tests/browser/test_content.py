"""The public website in a real browser: no axe violations on any page type, search and the contact form by
keyboard alone, nothing scrolling sideways at 375 px."""

import io

import pytest
from playwright.sync_api import expect

from content import demo as content_demo
from content import services
from content.models import Page, Publication
from partnership import demo as partnership_demo
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.browser.test_layout import tab_to
from tests.content.factories import AlertFactory, PageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/case-reviews/conducting-reviews/",
    "/publications/",
    "/publications/?type=annual_report",
    "/publications/annual-report-2022-23/",
    "/search/?q=rapid+review",
    "/search/?q=zebra",
    "/search/?q=safegaurding+chcklist",
    "/contact/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
]


@pytest.fixture
def demo_site():
    partnership_demo.load(io.StringIO())
    content_demo.load(io.StringIO())
    AlertFactory(message="The office is closed on Friday.")


def test_every_public_page_type_is_accessible_and_fits_375px(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    for url in PUBLIC_PAGES:
        page.goto(url)
        assert_accessible(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def test_search_works_by_keyboard_alone(page, demo_site):
    page.goto("/search/")
    tab_to(page, "Search pages and publications")
    page.keyboard.type("child death")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=child+death")
    expect(page.locator(".bscp-results a").first).to_have_text("Child Death Overview Panel (CDOP)")
    assert_accessible(page)


def test_the_contact_form_works_by_keyboard_alone_and_shows_the_error_summary(page, demo_site):
    page.goto("/contact/")
    tab_to(page, "Your name")
    page.keyboard.type("A parent")
    tab_to(page, "Send message")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter your email address")
    expect(summary).to_be_focused()
    assert_accessible(page)
    tab_to(page, "Enter your email address")
    page.keyboard.press("Enter")
    page.keyboard.type("parent@example.com")
    tab_to(page, "Subject")
    page.keyboard.type("Annual report")
    tab_to(page, "Your message")
    page.keyboard.type("Where can I find it?")
    tab_to(page, "Send message")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Message sent")).to_be_visible()
    expect(page.locator(".govuk-panel__body")).to_contain_text("BSCP-")
    assert_accessible(page)


def test_editor_pages_are_accessible(page, manager, demo_site):
    sign_in_through_the_pages(page, manager)
    publication = Publication.objects.first()
    for url in [
        "/editor/",
        "/editor/pages/new/",
        f"/editor/publications/{publication.pk}/",
        "/editor/alerts/new/",
        "/editor/messages/",
        "/staff/",
    ]:
        page.goto(url)
        assert_accessible(page)


def test_a_stale_editor_form_shows_the_refusal_in_the_error_summary(page, manager):
    draft = PageFactory(title="Early help", slug="early-help")
    sign_in_through_the_pages(page, manager)
    page.goto(f"/editor/pages/{draft.pk}/edit/")
    services.page_update(page=Page.objects.get(pk=draft.pk), title="Early help in Barnet", by=manager)  # another tab
    page.get_by_label("Title").fill("Mine")
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else saved this record after you opened it.")
    expect(summary).to_be_focused()
    assert "[" not in summary.inner_text()
    assert_accessible(page)
    assert Page.objects.get(pk=draft.pk).title == "Early help in Barnet"
