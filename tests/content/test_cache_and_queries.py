"""Public pages are cached for anonymous visitors and cleared when content changes; each public page makes the
same number of queries however many pages and publications there are."""

import datetime

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.shortcuts import render
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.csp import LazyNonce

from content import services
from content.cache import cached_public_page
from content.models import Publication
from partnership.models import SiteSettings
from tests.content.factories import AlertFactory, PagePublishedFactory, PublicationPublishedFactory
from tests.factories import ThemeFactory
from tests.html import page, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()


def test_an_anonymous_visitor_gets_the_cached_page_until_content_changes(
    client, manager, caching, django_capture_on_commit_callbacks
):
    about = PagePublishedFactory(slug="about", title="About us")
    assert "About us" in text(client.get("/about/"))
    assert client.get("/about/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.page_update(page=about, title="About the partnership", by=manager)
    response = client.get("/about/")
    assert "X-Cache" not in response
    assert "About the partnership" in text(response)


def test_a_cached_page_carries_the_visitors_own_csp_nonce(client, caching):
    PagePublishedFactory(slug="about")
    client.get("/about/")
    response = client.get("/about/")
    header_nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{header_nonce}"' in response.content.decode()


def test_signed_in_people_are_never_served_from_the_cache(manager, sign_in, caching):
    PagePublishedFactory(slug="about")
    Client().get("/about/")
    response = sign_in(manager).get("/about/")
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_the_contact_form_is_never_cached(client, caching):
    client.get("/contact/")
    assert "X-Cache" not in client.get("/contact/")


def test_unknown_query_parameters_share_one_entry_instead_of_filling_the_cache(client, caching):
    PagePublishedFactory(slug="about")
    client.get("/about/")
    for n in range(50):
        assert client.get(f"/about/?a={n}")["X-Cache"] == "hit"
    client.get("/publications/?type=annual_report")
    assert client.get("/publications/?type=annual_report&utm_source=x")["X-Cache"] == "hit"


def test_declared_parameters_are_normalised_and_each_value_is_its_own_page(client, caching):
    client.get("/search/?q=safer&page=1")
    assert client.get("/search/?page=1&q=safer")["X-Cache"] == "hit"  # order does not matter
    assert client.get("/search/?q=unsafe&q=safer&page=1")["X-Cache"] == "hit"  # the view reads the last value
    assert "X-Cache" not in client.get("/search/?q=other")
    client.get("/search/")
    assert client.get("/search/?q=")["X-Cache"] == "hit"  # an empty value is no value


def test_a_cached_page_never_carries_what_a_visitor_added_to_the_address(client, caching):
    PublicationPublishedFactory.create_batch(21)
    first = client.get("/publications/?type=annual_report&planted=INJECTED")
    assert "INJECTED" not in first.content.decode()
    assert page(first).select_one(".govuk-pagination__next a")["href"] == "?type=annual_report&page=2"
    later = client.get("/publications/?type=annual_report")
    assert later["X-Cache"] == "hit" and "INJECTED" not in later.content.decode()


def build(size: int):
    theme = ThemeFactory()
    top = [PagePublishedFactory() for _ in range(size)]
    for parent in top:
        PagePublishedFactory(parent=parent)
    parent = top[0]
    for n in range(size):
        publication = PublicationPublishedFactory(published_on=datetime.date(2020 + n % 5, 1, 1))
        publication.themes.add(theme)
    AlertFactory()
    return parent


URLS = [
    lambda parent: "/",
    lambda parent: parent.get_absolute_url(),
    lambda parent: "/publications/",
    lambda parent: "/publications/?type=annual_report&year=2021",
    lambda parent: "/search/?q=page",
    lambda parent: "/sitemap.xml",
    lambda parent: "/accessibility/",
    lambda parent: "/contact/",
    lambda parent: Publication.objects.order_by("pk").first().get_absolute_url(),
    lambda parent: "/privacy/",
    lambda parent: "/cookies/",
    lambda parent: "/robots.txt",
]


@pytest.mark.parametrize("url", URLS)
def test_public_pages_make_a_fixed_number_of_queries(client, url):
    parent = build(2)
    SiteSettings.cached()  # the site-wide details are read from the cache, warm after the site's first page
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(parent)).status_code == 200
    build(15)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(parent)).status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(small) <= 8


def visitor_request(rf, message=None):
    request = rf.get("/privacy/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._csp_nonce = LazyNonce()
    if message:
        messages.success(request, message)
    return request


def test_a_page_showing_a_flash_message_is_neither_served_from_nor_kept_in_the_cache(rf, caching):
    view = cached_public_page(lambda request: render(request, "content/privacy.html"))
    view(visitor_request(rf))  # cached
    with_message = view(visitor_request(rf, "You have signed out"))
    assert "You have signed out" in with_message.content.decode()
    assert not with_message.has_header("X-Cache")
    cache.clear()
    view(visitor_request(rf, "You have signed out"))  # rendered with the message: not kept
    assert "You have signed out" not in view(visitor_request(rf)).content.decode()
