"""The child death pages added for eCDOP's depth, opened in the browser by the people who use them: each passes
axe (WCAG 2.2 AA)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from partnership.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_through_the_pages
from tests.cdop.factories import CaseGatheringFactory, CaseNotifiedFactory, CasePanelFactory, FormBSubmittedFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinators_and_the_panels_new_pages_are_accessible(page, browser, live_server):
    coordinator = UserFactory(roles=[Role.CDOP_COORDINATOR])
    member = UserFactory(roles=[Role.CDOP_PANEL_MEMBER])
    case = CasePanelFactory()
    meeting = PanelMeetingFactory(created_by=coordinator, members=[member], cases=[case], pack_issued_at=timezone.now())
    gathering = CaseGatheringFactory()
    duplicate = CaseNotifiedFactory(possible_duplicate_of=gathering)
    submitted = FormBSubmittedFactory(case=gathering)
    sign_in_through_the_pages(page, coordinator)
    for url in [
        reverse("cdop-meetings"),
        reverse("cdop-meeting-new"),
        reverse("cdop-meeting", args=[meeting.pk]),
        reverse("cdop-meeting-edit", args=[meeting.pk]),
        reverse("cdop-meeting-agenda", args=[meeting.pk]),
        reverse("cdop-meeting-pack", args=[meeting.pk]),
        reverse("cdop-case", args=[duplicate.pk]),
        reverse("cdop-case-merge", args=[duplicate.pk]),
        reverse("cdop-case-death", args=[gathering.pk]),
        reverse("cdop-case-death-details", args=[gathering.pk]),
        reverse("cdop-form-b-new", args=[gathering.pk]) + "?agency=a",
        reverse("cdop-form-b-new-agency", args=[gathering.pk]),
        reverse("cdop-form-b", args=[submitted.pk]),
        reverse("cdop-form-b-return", args=[submitted.pk]),
        reverse("cdop-figures"),
    ]:
        assert page.goto(url).status == 200, url
        assert_accessible(page)
    context = browser.new_context(base_url=live_server.url)
    panel = context.new_page()
    sign_in_through_the_pages(panel, member)
    for url in [
        reverse("cdop-meetings"),
        reverse("cdop-meeting", args=[meeting.pk]),
        reverse("cdop-meeting-pack", args=[meeting.pk]),
    ]:
        assert panel.goto(url).status == 200, url
        assert_accessible(panel)
    context.close()
