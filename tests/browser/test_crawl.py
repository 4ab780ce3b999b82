"""Issue 17: every page each audience can reach passes axe (WCAG 2.2 AA) and does not scroll sideways on a 375 px
phone. The public site as a visitor; the staff pages as one demo person for each set of roles, signed in through
the pages; the admin as the administrator. Pages are found by following links (and, in the admin, from the
registered models), so a new page is covered without being listed here; see tests/browser/crawl.py."""

import io
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnership.demo import PEOPLE
from partnership.models import User
from tests.browser.conftest import sign_in_through_the_pages
from tests.browser.crawl import Crawl, admin_pages, is_public
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _one_person_per_set_of_roles() -> list[str]:
    people = {}
    for email, *_, roles in PEOPLE:
        people.setdefault(frozenset(roles), email)
    return list(people.values())


STAFF = _one_person_per_set_of_roles()
ADMINISTRATOR = "admin@bscp.example"


@pytest.fixture
def demo(db):
    """The demo data, its people given the tests' password (the demo's own is set only when DEBUG is on)."""
    call_command("load_demo", stdout=io.StringIO())
    for user in User.objects.filter(email__in=[email for email, *_ in PEOPLE]):
        user.set_password(PASSWORD)
        user.save()


def _audiences(administrator):
    """(name, who signs in or None, where the crawl starts, which paths it covers)."""
    staff = [(email, User.objects.get(email=email), [reverse("staff-home")], _staff_path) for email in STAFF]
    admin = ("admin", administrator, [reverse("admin:index"), *admin_pages(administrator)], _admin_path)
    return [("public", None, ["/"], is_public), *staff, admin]


def _staff_path(path: str) -> bool:
    return not is_public(path) and not path.startswith("/admin/")


def _admin_path(path: str) -> bool:
    return path.startswith("/admin/") and not is_public(path)


def test_every_page_each_audience_reaches_is_accessible_and_fits_a_phone(demo, browser, live_server):
    failures = []
    for name, user, starts, wanted in _audiences(User.objects.get(email=ADMINISTRATOR)):
        began = time.monotonic()
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if user:
            sign_in_through_the_pages(page, user)
            page.wait_for_url(f"**{reverse('staff-home')}")
        crawl = Crawl(page, name, wanted=wanted)
        crawl.run(starts)
        context.close()
        failures += crawl.failures
        print(f"\n{name}: {len(crawl.visited)} patterns in {time.monotonic() - began:.0f} s")  # shown with -s
        for key, url in sorted(crawl.visited.items()):
            print(f"  {key}: {url}")
        for url in crawl.not_pages:
            print(f"  not a page: {url}")
    assert not failures, "\n" + "\n".join(failures)
