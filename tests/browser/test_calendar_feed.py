"""'Your calendar' in a real browser: accessible before and after the address is made, and the reset confirmed
through its own page; the address shown works and the old one stops."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from partnership import services
from partnership.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.factories import OrganisationFactory, StatutoryPartnerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_your_calendar_is_accessible_and_a_reset_stops_the_old_address(page):
    manager = UserFactory(organisation=StatutoryPartnerFactory(), roles=[Role.PARTNERSHIP_MANAGER])
    services.deadline_open(
        subject=OrganisationFactory(),
        kind="test.clock",
        title="A clock",
        due_on=timezone.localdate() + timedelta(days=3),
        audience_permission="partnership.invite_user",
    )
    sign_in_through_the_pages(page, manager)
    page.get_by_role("link", name="See your deadlines in your own calendar").click()
    expect(page.get_by_role("heading", name="Your calendar", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Make my calendar address").click()
    first = page.get_by_label("Copy this address now").input_value()
    assert_accessible(page)
    assert Client().get(urlsplit(first).path).status_code == 200

    page.get_by_role("link", name="Reset your calendar address").click()
    expect(page.get_by_role("heading", name="Reset your calendar address?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Reset the address").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The old address no longer works")
    second = page.get_by_label("Copy this address now").input_value()
    assert_accessible(page)
    assert Client().get(urlsplit(first).path).status_code == 404
    assert Client().get(urlsplit(second).path).status_code == 200

    page.reload()
    expect(page.get_by_label("Copy this address now")).to_have_count(0)
    assert_accessible(page)
