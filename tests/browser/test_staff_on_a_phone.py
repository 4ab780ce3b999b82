"""The staff pages on a phone (375 px wide) and a desk (1280 px): each demo person signs in and opens the pages of
their work; no page scrolls sideways (WCAG 1.4.10 reflow). A wide table scrolls inside its own box instead
(`{% table_region %}`).

The targeted check of the pages people use most; a generic crawler covers every link."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from audits.models import AuditReturn, Cycle
from boards.models import Board, Meeting
from cdop.models import ChildDeathCase, FormBRequest, PanelMeeting
from partnership.models import User
from reviews.models import Case
from tests.browser.conftest import sign_in_through_the_pages
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
DESK = {"width": 1280, "height": 800}
# One person for each kind of work (the administrator and the other partner representatives see the same pages).
PEOPLE_AT_WORK = [
    "manager@bscp.example",
    "reviewer@bscp.example",
    "la.rep@bscp.example",
    "cdop@bscp.example",
    "panel@bscp.example",
    "agency@bscp.example",
]
WIDER_THAN_THE_SCREEN = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def staff_pages() -> list[str]:
    """The main staff pages, with one of each kind of record from the demo."""
    audit_return = AuditReturn.objects.order_by("pk").first()
    cycle = Cycle.objects.order_by("pk").first()
    return [
        reverse("staff-home"),
        reverse("reviews:case-list"),
        Case.objects.order_by("pk").first().get_absolute_url(),
        reverse("reviews:action-list"),
        reverse("reviews:annual-figures"),
        reverse("cdop-case-list"),
        ChildDeathCase.objects.order_by("pk").first().get_absolute_url(),
        reverse("cdop-form-b-list"),
        FormBRequest.objects.order_by("pk").first().get_absolute_url(),
        reverse("cdop-agency-list"),
        reverse("cdop-agency", args=[audit_return.organisation_id]),
        reverse("cdop-meetings"),
        PanelMeeting.objects.order_by("pk").first().get_absolute_url(),
        reverse("cdop-figures"),
        reverse("audits:cycle-list"),
        cycle.get_absolute_url(),
        reverse("audits:heat-map", args=[cycle.pk]),
        reverse("audits:my-returns"),
        audit_return.get_absolute_url(),
        reverse("audits:organisation-history", args=[audit_return.organisation_id]),
        reverse("boards"),
        reverse("boards-governance"),
        Board.objects.order_by("pk").first().get_absolute_url(),
        reverse("boards-triage"),
        reverse("boards-meetings"),
        reverse("boards-meeting-manage", args=[Meeting.objects.order_by("pk").first().pk]),
        reverse("editor-home"),
        reverse("emails-undelivered"),
    ]


def test_no_staff_page_scrolls_sideways_on_a_phone(browser, live_server):
    call_command("load_demo", stdout=io.StringIO())
    pages = staff_pages()
    too_wide, opened = [], set()
    for email in PEOPLE_AT_WORK:
        person = User.objects.get(email=email)
        person.set_password(PASSWORD)  # the demo's own password works only with DEBUG on
        person.save()
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in_through_the_pages(page, person)
        page.wait_for_url("**/staff/")
        for url in pages:
            if page.goto(url).status != 200:
                continue  # not this person's work
            opened.add(url)
            for screen in (PHONE, DESK):  # a desk's screen too: the page laid out again, not fetched again
                page.set_viewport_size(screen)
                width, inner = page.evaluate(WIDER_THAN_THE_SCREEN)
                if width > inner:
                    too_wide.append(f"{email} {url}: {width} px on a {inner} px screen")
        context.close()
    assert opened == set(pages), f"no demo person could open {sorted(set(pages) - opened)}"
    assert not too_wide, "pages wider than the screen:\n" + "\n".join(too_wide)
