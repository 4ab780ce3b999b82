import pytest
from django.db import OperationalError, connection

from tests.html import page, text

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    assert client.get("/healthz").status_code == 503


def test_not_found_page_is_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text(response, "h1") == "Page not found"
    assert "If a child is in immediate danger please call 999" in response.content.decode()


def test_forbidden_page_is_in_the_site_layout(client, agency_user, sign_in):
    sign_in(agency_user)
    response = client.get("/staff/invitations/new/")
    assert response.status_code == 403
    assert text(response, "h1") == "You do not have access to this page"


def test_the_menu_shows_only_what_a_persons_roles_open(client, administrator, manager, sign_in):
    def menu():
        return [a.get_text(strip=True) for a in page(client.get("/")).select(".govuk-service-navigation__link")]

    sign_in(manager)
    assert {"My work", "Website", "Audits"} <= set(menu())
    sign_in(administrator)  # a superuser, but the administrator's role opens no casework pages
    assert "My work" in menu()
    assert not {"Website", "Audits"} & set(menu())


def test_every_page_has_the_skip_link_and_the_footer_links(client):
    for url in ("/", "/no-such-page/"):
        html = page(client.get(url))
        skip = html.select_one("a.govuk-skip-link")
        assert skip["href"] == "#main-content" and html.select_one("#main-content"), url
        footer = {a["href"]: a.get_text(strip=True) for a in html.select("footer a")}
        assert footer.get("/accessibility/") == "Accessibility statement", url
        assert "/privacy/" in footer, url
        assert any(href == "/contact/" or href.startswith("mailto:") for href in footer), url


def test_the_server_error_page_is_in_the_site_layout(client, monkeypatch):
    def broken():
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("content.selectors.top_pages", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert text(response, "h1") == "Sorry, there is a problem with the service"
    assert "If a child is in immediate danger please call 999" in response.content.decode()
    assert "the database fell over" not in response.content.decode()
