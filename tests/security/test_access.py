"""Every URL, every kind of person: the response matches the expected-access table, and the table is complete."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import access
from tests.security.access import LOGIN, REDIRECT

ROWS = {row.url_name: row for row in access.rows()}


def url_names() -> tuple[set[str], list[str]]:
    """Every named URL in the project (the admin counted once, by its index), and any pattern with no name."""
    named, unnamed = set(), []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    named.add("admin:index")
                    continue
                walk(pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    named.add(prefix + pattern.name)
                else:
                    unnamed.append(str(pattern.pattern))

    walk(get_resolver().url_patterns)
    return named, unnamed


def test_every_url_has_a_row_in_the_expected_access_table():
    named, unnamed = url_names()
    assert not unnamed, f"URL patterns without a name: {unnamed}"
    missing = sorted(named - ROWS.keys())
    assert not missing, f"Add these URLs to tests/security/access/<app>.py: {missing}"
    stale = sorted(ROWS.keys() - named)
    assert not stale, f"These rows name URLs that no longer exist: {stale}"
    for row in ROWS.values():
        assert set(row.expect) == set(access.PEOPLE), f"{row.url_name} must say what every person gets"


def test_docs_access_table_matches_the_expected_access_data():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "access.md").read_text()
    table = access.render_markdown()
    assert table in doc, "docs/access.md is out of date: run `make access-doc`"


@pytest.fixture
def people(db):
    return access.make_people()


def outcome(response):
    """The status a person ends on; a redirect chain counts as "sign in" or "redirect" by where it ends."""
    if response.redirect_chain and response.status_code == 200:
        return LOGIN if response.request["PATH_INFO"] == reverse("login") else REDIRECT
    return response.status_code


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_each_person_gets_what_the_table_says(url_name, people, sign_in):
    kwargs = access.world_kwargs(people)
    url = reverse(url_name, kwargs=kwargs.get(url_name))
    got = {}
    for person, user in people.items():
        client = Client()
        if user:
            sign_in(user, client)
        got[person] = outcome(client.get(url, follow=True))
    assert got == ROWS[url_name].expect, f"{url_name} ({url})"
