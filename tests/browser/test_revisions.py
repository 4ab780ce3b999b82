"""Safe editing in a real browser: a live page edited, previewed, published and restored, the public page
unchanged until each publication; axe on the editor's pages and the preview."""

import pytest
from playwright.sync_api import expect

from content.models import Page
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.content.factories import PagePublishedFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_heading(browser, base_url) -> str:
    """The page's heading as an anonymous visitor sees it (a separate browser context: no session)."""
    context = browser.new_context(base_url=base_url)
    visitor = context.new_page()
    visitor.goto("/early-help/")
    heading = visitor.get_by_role("heading", level=1).inner_text()
    context.close()
    return heading


def test_a_live_page_is_edited_previewed_published_and_restored(page, browser, live_server, manager):
    live = PagePublishedFactory(title="Early help", slug="early-help", body="Help comes early in Barnet.")
    sign_in_through_the_pages(page, manager)

    page.goto(f"/editor/pages/{live.pk}/edit/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Early help in Barnet")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Early help in Barnet")
    expect(page.get_by_role("region", name="Preview for editors")).to_contain_text("Visitors still see")
    assert_accessible(page)  # the preview
    assert public_heading(browser, live_server.url) == "Early help"

    page.get_by_role("link", name="Compare the draft with the page on the site").click()
    expect(page.locator("td ins").first).to_contain_text("in Barnet")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the preview").click()

    page.get_by_role("button", name="Publish the changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("visitors see them now")
    assert public_heading(browser, live_server.url) == "Early help in Barnet"

    page.get_by_role("link", name="All versions of the page").click()
    assert_accessible(page)
    page.get_by_role("row", name="As it was before").get_by_role("link").click()
    page.get_by_role("link", name="Restore this version").click()
    expect(page.locator("main")).to_contain_text("The site does not change")
    assert_accessible(page)
    page.get_by_role("button", name="Restore as the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Early help")
    assert public_heading(browser, live_server.url) == "Early help in Barnet"
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("visitors see them now")
    assert public_heading(browser, live_server.url) == "Early help"

    page.get_by_role("link", name="Take the page off the site").click()
    expect(page.locator("main")).to_contain_text("What will happen")
    assert_accessible(page)
    page.get_by_role("button", name="Take the page off the site").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("taken off the site")
    assert Page.objects.get(pk=live.pk).status == "draft"
