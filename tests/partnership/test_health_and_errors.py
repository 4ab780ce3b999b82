import pytest
from django.db import OperationalError, connection

from tests.html import text

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
    from tests.html import page

    def menu():
        return [a.get_text(strip=True) for a in page(client.get("/")).select(".govuk-service-navigation__link")]

    sign_in(manager)
    assert {"My work", "Website", "Audits"} <= set(menu())
    sign_in(administrator)  # a superuser, but the administrator's role opens no casework pages
    assert "My work" in menu()
    assert not {"Website", "Audits"} & set(menu())
