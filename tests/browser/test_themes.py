"""The learning themes pages in the browser, for a member of the learning group: the overview and a theme's page
(its charts included) pass axe (WCAG 2.2 AA), and the filters show a bad year as a GOV.UK error."""

import pytest

from partnership.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.factories import OrganisationFactory, ThemeFactory, UserFactory
from tests.partnership import themes_data as seen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_themes_pages_are_accessible_with_their_charts(page):
    member = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    police = OrganisationFactory(name="Metropolitan Police Service")
    neglect = ThemeFactory(name="Neglect", slug="neglect")
    seen.cases(neglect, 2024, police, 6)
    seen.cases(neglect, 2025, police, 2)
    seen.findings(neglect, 2025, 5)
    sign_in_through_the_pages(page, member)
    assert page.goto("/staff/themes/").status == 200
    assert_accessible(page)
    page.get_by_role("link", name="Neglect").click()
    page.get_by_role("heading", name="Neglect", level=1).wait_for()
    assert page.locator("main svg").count() == 2
    assert_accessible(page)
    page.get_by_label("Year").fill("99999999999999999999")
    page.get_by_role("button", name="Show the figures").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Year must be between 1900 and" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
