"""The boards pages in a real browser: accessibility, keyboard only, and a 375 px wide screen."""

import pytest
from playwright.sync_api import expect

from boards import services
from boards.models import RaisedItem
from partnership.roles import Role
from tests.boards.factories import (
    AgendaItemFactory,
    BoardFactory,
    MeetingFactory,
    MeetingPublishedFactory,
    MembershipFactory,
    PaperFactory,
    RaisedItemFactory,
    TermsOfReferenceFactory,
    pdf,
)
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.factories import StatutoryPartnerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def boards():
    top = BoardFactory(name="Leadership Forum", slug="leadership-forum")
    ltrg = BoardFactory(
        name="Learning and Thematic Review Group", slug="ltrg", reports_to=top, chair="Independent chair"
    )
    BoardFactory(name="Voluntary, Community and Faith Sector Group", slug="vcfs", reports_to=top)
    MembershipFactory(board=ltrg, role="Designated Doctor for Safeguarding Children", is_chair=True)
    TermsOfReferenceFactory(board=ltrg, version=1, text="First terms")
    TermsOfReferenceFactory(board=ltrg, version=2, text="Current terms", file=pdf("terms.pdf"))
    meeting = MeetingPublishedFactory(board=ltrg)
    agenda_item = AgendaItemFactory(meeting=meeting, title="Rapid reviews completed")
    paper = PaperFactory(meeting=meeting, title="Rapid review summary")
    coming = MeetingFactory(board=ltrg)
    return {"ltrg": ltrg, "meeting": meeting, "coming": coming, "agenda_item": agenda_item, "paper": paper}


def no_sideways_scroll(page):
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def public_urls(boards):
    ltrg, meeting = boards["ltrg"], boards["meeting"]
    return [
        "/boards/",
        "/boards/governance/",
        ltrg.get_absolute_url(),
        meeting.get_absolute_url(),
        f"{ltrg.get_absolute_url()}terms-of-reference/1/",
        "/boards/raise-an-item/",
    ]


def test_public_boards_pages_are_accessible_and_fit_a_375_px_screen(page, boards):
    for url in public_urls(boards):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        assert_accessible(page)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(url)
        no_sideways_scroll(page)
        assert_accessible(page)


def test_the_form_with_errors_and_the_confirmation_are_accessible(page, boards):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/boards/raise-an-item/")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label("Subject").fill("Safer sleeping")
    page.get_by_label("What would you like the board to consider, and why?").fill("Reaching fathers")
    page.get_by_label("Your name").fill("Sam Visitor")
    page.get_by_label("Your email address").fill("sam@example.com")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Item sent")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)


def focused_name(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); }"
    )


def tab_to(page, label: str, limit: int = 60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_name(page) == label:
            return
    raise AssertionError(f"Tab never reached {label!r}")


def test_a_board_page_and_the_form_work_by_keyboard_alone(page, boards):
    ltrg = boards["ltrg"]
    page.goto("/boards/")
    tab_to(page, ltrg.name)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{ltrg.get_absolute_url()}")
    tab_to(page, "Download the terms of reference (version 2)")
    tab_to(page, f"Raise an item for the {ltrg.name}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/boards/raise-an-item/**")
    # A bad submission: only a subject, sent with Enter.
    tab_to(page, "Subject")
    page.keyboard.type("Safer sleeping")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your name")
    # Follow the summary's link to the field, fix everything by keyboard, send.
    tab_to(page, "Enter what you would like the board to consider")
    page.keyboard.press("Enter")
    expect(page.get_by_label("What would you like the board to consider, and why?")).to_be_focused()
    page.keyboard.type("Reaching fathers with the safer sleeping message")
    tab_to(page, "Your name")
    page.keyboard.type("Sam Visitor")
    tab_to(page, "Your email address")
    page.keyboard.type("sam@example.com")
    tab_to(page, "Send")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Item sent")).to_be_visible()
    item = RaisedItem.objects.get()
    assert item.board == ltrg
    expect(page.locator(".govuk-panel")).to_contain_text(item.reference)


def test_the_managers_pages_are_accessible(page, boards):
    manager = UserFactory(organisation=StatutoryPartnerFactory(), roles=[Role.PARTNERSHIP_MANAGER])
    item = RaisedItemFactory(board=boards["ltrg"])
    sign_in_through_the_pages(page, manager)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    assert_accessible(page)
    meeting = boards["meeting"]
    for url in [
        "/boards/manage/raised-items/",
        item.get_absolute_url(),
        "/boards/manage/meetings/",
        "/boards/manage/meetings/new/",
        f"/boards/manage/meetings/{meeting.pk}/",
        f"/boards/manage/{boards['ltrg'].slug}/terms-of-reference/new/",
        f"/boards/manage/{boards['ltrg'].slug}/terms-of-reference/2/withdraw/",
        f"/boards/manage/{boards['ltrg'].slug}/members/",
        f"/boards/manage/meetings/{boards['coming'].pk}/change/",
        f"/boards/manage/meetings/{boards['coming'].pk}/cancel/",
        f"/boards/manage/agenda-items/{boards['agenda_item'].pk}/",
        f"/boards/manage/papers/{boards['paper'].pk}/",
        meeting.get_absolute_url(),
    ]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        assert_accessible(page)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(url)
        no_sideways_scroll(page)
    page.goto(item.get_absolute_url())
    page.get_by_role("button", name="Decline item").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for declining the item")
    assert_accessible(page)
    page.get_by_label("Why is the item declined?").fill("A matter for the council")
    page.get_by_role("button", name="Decline item").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("declined")
    assert_accessible(page)


def test_an_item_decided_by_someone_else_since_the_page_opened_shows_the_refusal_in_the_error_summary(page, boards):
    manager = UserFactory(organisation=StatutoryPartnerFactory(), roles=[Role.PARTNERSHIP_MANAGER])
    item = RaisedItemFactory(board=boards["ltrg"])
    sign_in_through_the_pages(page, manager)
    page.goto(item.get_absolute_url())
    services.raised_item_decline(item=item, reason="Out of scope", by=manager)  # in another tab, say
    page.get_by_role("button", name="Add to agenda").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(
        "You cannot put the item on a meeting's agenda now: the item is at the stage “Declined”."
    )
    expect(summary).to_be_focused()
    expect(page.locator("#stage-history ~ div")).to_contain_text("Declined, with a reason")
    assert_accessible(page)
    assert RaisedItem.objects.get(pk=item.pk).agenda_item is None
