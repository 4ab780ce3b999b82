"""The annual report's figures page and its print version, opened by the partnership manager: axe (WCAG 2.2 AA)
finds nothing, charts and their tables included."""

from datetime import date

import pytest
from django.urls import reverse

from partnership.roles import Role
from tests.boards.factories import MeetingPastFactory
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_annual_report_pages_are_accessible(page, browser, live_server):
    manager = UserFactory(roles=[Role.PARTNERSHIP_MANAGER])
    MeetingPastFactory(date=date(2025, 12, 23))
    sign_in_through_the_pages(page, manager)
    query = "?from=2025-04-01&to=2026-03-31"
    for url in [reverse("annual-report") + query, reverse("annual-report-print") + query, reverse("annual-report")]:
        page.goto(url)
        assert_accessible(page)
    page.goto(reverse("annual-report") + "?from=2026-03-31&to=2025-04-01")
    assert_accessible(page)
