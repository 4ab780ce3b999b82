"""Issue 15 for the public site and its editor: the home page and every list stay the same size and make the same
number of queries however many pages, publications and messages there are, are read through an index, and the
public pages (the child death notification's start included) are cached and go out compressed."""

import gzip

import pytest
from django.core.cache import cache
from django.urls import reverse

from content import selectors
from content.models import ContactMessage, Page, Publication, Status
from content.search import SEARCH_RESULTS_MAX, matches, search, with_snippets
from tests.content.factories import PagePublishedFactory
from tests.html import page
from tests.plans import assert_read_by_index
from tests.queries import queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()


def pages(count: int, *, parent=None, start: int = 0) -> None:
    """`count` live pages of titles and addresses of one length, under `parent` or at the top."""
    Page.objects.bulk_create(
        Page(
            parent=parent,
            slug=f"p{n:05d}",
            path=f"{parent.path}/p{n:05d}" if parent else f"p{n:05d}",
            title=f"Page {n:05d}",
            summary="The same length.",
            status=Status.PUBLISHED,
            position=1,
        )
        for n in range(start, start + count)
    )


def publications(count: int, start: int = 0) -> None:
    Publication.objects.bulk_create(
        Publication(
            slug=f"pub{n:05d}",
            title=f"Publication {n:05d}",
            kind=Publication.Kind.ANNUAL_REPORT,
            summary="The same length.",
            body="safeguarding neglect",
            published_on="2024-01-15",
            status=Status.PUBLISHED,
        )
        for n in range(start, start + count)
    )


def test_the_home_page_does_not_grow_with_the_site(client):
    pages(15)
    sections = list(Page.objects.filter(parent=None))
    for n, section in enumerate(sections):
        pages(8, parent=section, start=1000 + n * 10)
    before = client.get("/").content
    for n, section in enumerate(sections[:5]):
        pages(100, parent=section, start=10_000 + n * 1000)
    pages(100, start=90_000)  # and more sections
    after = client.get("/")
    assert len(after.content) == len(before)
    listed = page(after).select(".bscp-section")
    assert len(listed) == selectors.HOME_SECTIONS
    assert all(len(section.select("li")) == selectors.HOME_CHILDREN_PER_SECTION + 1 for section in listed)
    assert "More in" in after.content.decode()


def test_a_section_page_lists_its_children_a_page_at_a_time(client):
    pages(1)
    section = Page.objects.get(path="p00000")
    pages(120, parent=section, start=100)
    first = client.get(section.get_absolute_url())
    assert len(page(first).select("main li")) >= 50
    assert page(first).select_one(".govuk-pagination")
    third = client.get(section.get_absolute_url() + "?page=3")
    assert "Page 00219" in third.content.decode() and "Page 00100" not in third.content.decode()
    for hostile in ("abc", "999999"):
        assert client.get(section.get_absolute_url() + f"?page={hostile}").status_code == 200


EDITOR_URLS = ["/editor/", "/editor/?show=publications", "/editor/messages/", "/staff/"]


def messages(count: int, start: int = 0) -> None:
    ContactMessage.objects.bulk_create(
        ContactMessage(reference=f"BSCP-S{n:06d}", name="A", email="a@example.com", subject="S", message="M")
        for n in range(start, start + count)
    )


def test_the_editors_lists_make_the_same_queries_at_two_scales_and_are_paginated(client, manager, sign_in):
    sign_in(manager)
    pages(5)
    publications(5)
    messages(5)
    [client.get(url) for url in EDITOR_URLS]  # the session's minute starts
    small = [queries(client, url) for url in EDITOR_URLS]
    pages(300, start=1000)
    publications(300, start=1000)
    messages(300, start=1000)
    Page.objects.update(review_by="2020-01-01")  # all due for review: the My work panel shows the first few
    Publication.objects.update(review_by="2020-01-01")
    assert [queries(client, url) for url in EDITOR_URLS] == small
    assert len(page(client.get("/editor/")).select("tbody tr")) == 50
    assert len(page(client.get("/editor/?show=publications&page=2")).select("tbody tr")) == 50
    assert len(page(client.get("/editor/messages/")).select(".govuk-summary-card")) == 50
    staff = page(client.get("/staff/")).get_text()
    assert "More are due" in staff
    for hostile in ("abc", "999999"):
        assert client.get(f"/editor/?page={hostile}").status_code == 200
        assert client.get(f"/editor/messages/?page={hostile}").status_code == 200


def test_the_editors_lists_and_search_are_read_through_an_index(manager):
    pages(300)
    publications(300)
    messages(300)
    assert_read_by_index(selectors.pages_for_editor()[:50], "content_page")
    assert_read_by_index(selectors.publications_for_editor()[:50], "content_publication")
    assert_read_by_index(selectors.contact_messages_for(manager)[:50], "content_contactmessage")
    assert_read_by_index(Page.objects.due_for_review()[:11], "content_page")
    assert_read_by_index(Publication.objects.due_for_review()[:11], "content_publication")
    assert_read_by_index(selectors.publications_live()[:20], "content_publication")


def test_search_is_read_through_the_search_index():
    pages(300)
    publications(300)
    Page.objects.update(search_vector="safeguarding neglect")
    Publication.objects.update(search_vector="safeguarding neglect")
    assert_read_by_index(matches(selectors.pages_live(), "neglect")[:200], "content_page")
    assert_read_by_index(matches(Publication.objects.live(), "neglect")[:200], "content_publication")


def test_search_is_bounded_and_adds_snippets_to_the_shown_results_only(client):
    Publication.objects.bulk_create(
        Publication(
            slug=f"pub{n:05d}",
            title=f"Publication {n:05d}",
            kind=Publication.Kind.ANNUAL_REPORT,
            summary="On neglect.",
            body="neglect " * 20,
            published_on="2024-01-15",
            status=Status.PUBLISHED,
            search_vector="neglect",
        )
        for n in range(300)
    )
    found = search("neglect")
    assert len(found) == SEARCH_RESULTS_MAX
    assert not any(result.snippet for result in found)
    shown = with_snippets(found[:10], "neglect")
    assert all("[[mark]]" in result.snippet for result in shown)
    response = client.get("/search/?q=neglect&page=2")
    assert len(page(response).select("mark")) >= 10
    assert client.get("/search/?q=neglect&page=999999").status_code == 200


def test_the_cached_public_pages_are_compressed_for_clients_that_accept_it(client, caching):
    PagePublishedFactory(slug="about", title="About us")
    first = client.get("/about/", headers={"accept-encoding": "gzip"})
    again = client.get("/about/", headers={"accept-encoding": "gzip"})
    assert first["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert again["X-Cache"] == "hit"
    assert b"About us" in gzip.decompress(again.content)
    plain = client.get("/about/")
    assert plain["X-Cache"] == "hit" and b"About us" in plain.content  # the cache holds the page uncompressed


def test_the_child_death_notification_start_page_is_cached_and_the_walk_is_not(client, caching):
    start = reverse("cdop-notify")
    assert "X-Cache" not in client.get(start)
    response = client.get(start)
    assert response["X-Cache"] == "hit" and "Notify a child death" in response.content.decode()
    step = reverse("cdop-notify-step", args=["child"])
    client.get(step)
    assert "X-Cache" not in client.get(step)
