"""Issue 13: each role's "My work" shows what waits on that person, including sign-offs, and every link on it
opens. Loads the demo data, signs in as each demo person and follows every link in the page's main part (the
deadlines, every page of them, and each app's panel)."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnership.demo import PEOPLE
from partnership.models import User
from tests.html import page, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def _my_work_links(client) -> set[str]:
    """Every same-site link in "My work", across all its pages."""
    links, pages, seen = set(), [reverse("staff-home")], set()
    while pages:
        url = pages.pop()
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        for anchor in page(response).select("main a[href]"):
            href = anchor["href"]
            if href.startswith("#") or urlsplit(href).netloc:
                continue
            if urlsplit(href).path == reverse("staff-home"):
                full = reverse("staff-home") + (f"?{urlsplit(href).query}" if urlsplit(href).query else "")
                if full not in seen:
                    pages.append(full)
                continue
            links.add(href)
    return links


def test_every_link_on_each_demo_persons_my_work_opens_for_them(demo, sign_in):
    broken = []
    for email, *_ in PEOPLE:
        user = User.objects.get(email=email)
        client = sign_in(user)
        for href in sorted(_my_work_links(client)):
            status = client.get(href).status_code
            if status != 200:
                broken.append(f"{email}: {href} answered {status}")
        client.logout()
    assert broken == []


def test_each_statutory_partner_representative_sees_the_demo_rapid_review_waiting_for_sign_off(demo, sign_in):
    from reviews.models import Case

    waiting = Case.objects.get(summary="Demo case: rapid_review")
    for email in ["la.rep@bscp.example", "police.rep@bscp.example", "health.rep@bscp.example"]:
        client = sign_in(User.objects.get(email=email))
        home = client.get(reverse("staff-home"))
        assert f"{waiting.reference}: Child R" in text(home), email
        sign_off = reverse("reviews:case-step", args=[waiting.pk, "sign-off"])
        assert sign_off in {a["href"] for a in page(home).select("main a")}, email
        client.logout()
