"""Every URL, every kind of person: the response matches the expected-access table, and the table is complete."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import access
from tests.security.access import LOGIN, REDIRECT, SECOND_FACTOR

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
    if response.request["PATH_INFO"] == reverse("two-factor") and response.status_code == 200:
        return SECOND_FACTOR
    if response.redirect_chain and response.status_code == 200:
        return LOGIN if response.request["PATH_INFO"] == reverse("login") else REDIRECT
    return response.status_code


def without_per_request_tokens(response) -> str:
    """The page as any visitor sees it: CSRF tokens, CSP nonces and a calendar's DTSTAMP (the second the file was
    made) differ on every request."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode(errors="replace")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', body)
    body = re.sub(r"DTSTAMP:\S+", "DTSTAMP", body)
    return re.sub(r'nonce="[^"]*"', "nonce", body)


def url_for(url_name, people):
    return reverse(url_name, kwargs=access.world_kwargs(people).get(url_name))


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_each_person_gets_what_the_table_says(url_name, people, sign_in):
    url = url_for(url_name, people)
    got = {}
    for person, user in people.items():
        client = Client()
        if user:
            sign_in(user, client)
        got[person] = outcome(client.get(url, follow=True))
    assert got == ROWS[url_name].expect, f"{url_name} ({url})"


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_a_password_only_session_sees_nothing_an_anonymous_visitor_cannot(url_name, people):
    """Every person, signed in with their password but not their second factor: each page behind sign-in sends
    them to the second-factor step, and every other page is exactly what an anonymous visitor gets."""
    url = url_for(url_name, people)
    anonymous = without_per_request_tokens(Client().get(url, follow=True))
    expected = access.password_only_expectation(ROWS[url_name])
    for person, user in people.items():
        if user is None:
            continue
        client = Client()
        client.force_login(user)  # the password step only
        response = client.get(url, follow=True)
        assert outcome(response) == expected, f"{url_name} ({url}) as {person} with a password only"
        if expected == ROWS[url_name].expect[access.ANONYMOUS]:
            assert without_per_request_tokens(response) == anonymous, (
                f"{url_name} ({url}) shows {person} with a password only something an anonymous visitor cannot see"
            )
