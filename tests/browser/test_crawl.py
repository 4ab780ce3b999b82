"""Issue 17: every page each audience can reach passes axe (WCAG 2.2 AA) and does not scroll sideways on a 375 px
phone. The public site as a visitor; the staff pages as one demo person for each set of roles, signed in through
the pages; the admin as the administrator. Pages are found by following links (and, in the admin, from the
registered models), so a new page is covered without being listed here; see tests/browser/crawl.py."""

import io
import time
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnership.demo import PEOPLE
from partnership.models import User
from tests.browser.conftest import sign_in_through_the_pages
from tests.browser.crawl import Claims, Job, admin_pages, crawl_in_parallel, is_public, pattern
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


WORKERS = 3  # Chromiums side by side: the machine has 2 cores, and a page waits on the server part of the time
ADMIN_SHARES = 4  # the admin's enumerated pages, split so that no one worker is left with them all


def _staff_path(path: str) -> bool:
    return not is_public(path) and not path.startswith("/admin/")


def _admin_path(path: str) -> bool:
    return path.startswith("/admin/") and not is_public(path)


def _signed_in(browser, base_url: str, user) -> dict:
    """Sign in through the pages; the session's cookies, for the crawl's own browser."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    sign_in_through_the_pages(page, user)
    page.wait_for_url(f"**{reverse('staff-home')}")
    session = context.storage_state()
    context.close()
    return session


def _jobs(browser, base_url: str) -> list[Job]:
    """The admin's shares first (the longest), then each staff role, then the public site. The admin's shares
    follow links too, sharing one set of patterns taken."""
    sessions = {email: _signed_in(browser, base_url, User.objects.get(email=email)) for email in STAFF}
    administrator = User.objects.get(email=ADMINISTRATOR)
    enumerated = admin_pages(administrator)
    shares = [enumerated[i::ADMIN_SHARES] for i in range(ADMIN_SHARES)]
    claims = Claims(pattern(urlsplit(url).path) for url in enumerated)  # each share follows links to the rest
    shares[0].insert(0, reverse("admin:index"))
    admin = [Job("admin", sessions[ADMINISTRATOR], share, _admin_path, claims) for share in shares]
    staff = [Job(email, sessions[email], [reverse("staff-home")], _staff_path) for email in STAFF]
    return [*admin, *staff, Job("public", None, ["/"], is_public)]


def test_every_page_each_audience_reaches_is_accessible_and_fits_a_phone(demo, browser, live_server):
    began = time.monotonic()
    crawls = crawl_in_parallel(_jobs(browser, live_server.url), live_server.url, WORKERS)
    failures = [failure for crawl in crawls for failure in crawl.failures]
    print(f"\nCrawled in {time.monotonic() - began:.0f} s")  # shown with -s, for the record
    for crawl in sorted(crawls, key=lambda crawl: crawl.audience):
        print(f"{crawl.audience}: {len(crawl.visited)} patterns")
        for key, url in sorted(crawl.visited.items()):
            print(f"  {key}: {url}")
        for url in crawl.not_pages:
            print(f"  not a page: {url}")
    assert not failures, "\n" + "\n".join(sorted(failures))
