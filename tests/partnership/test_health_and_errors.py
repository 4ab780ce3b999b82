from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import OperationalError, connection

from partnership.outbox import send_email
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


ALL_OK = b"database: ok\ncache: ok\ntask queue: ok\n"
QUEUED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_readyz_answers_200_when_the_database_cache_and_task_queue_work(client):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, ALL_OK)
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (
        503,
        b"database: failing\ncache: failing\ntask queue: failing\n",
    )


def test_readyz_answers_503_when_the_cache_cannot_be_reached_and_says_no_more(client, settings):
    secret_url = "redis://:a-secret-password@127.0.0.1:1/0"  # nothing listens on port 1
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": secret_url}}
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"database: ok\ncache: failing\ntask queue: ok\n")


@pytest.fixture
def queued_email(settings):
    """An email waiting in the database queue since QUEUED_AT, as the task worker would find it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_QUEUE_MAX_AGE = timedelta(minutes=10)

    def queue(**options):
        with time_machine.travel(QUEUED_AT, tick=False):
            return send_email.using(**options).enqueue(subject="Reminder", body="Due", to=["lead@agency.example"])

    return queue


@pytest.mark.parametrize(("waited", "status"), [(timedelta(minutes=9), 200), (timedelta(minutes=11), 503)])
def test_readyz_fails_once_a_task_has_waited_longer_than_the_limit(client, queued_email, waited, status):
    queued_email()
    with time_machine.travel(QUEUED_AT + waited, tick=False):
        response = client.get("/readyz")
    assert response.status_code == status
    assert response.content.endswith(b"task queue: ok\n" if status == 200 else b"task queue: failing\n")


def test_a_task_put_off_until_later_waits_only_from_then(client, queued_email):
    queued_email(run_after=QUEUED_AT + timedelta(hours=1))
    for later, status in ((timedelta(minutes=30), 200), (timedelta(minutes=65), 200), (timedelta(minutes=75), 503)):
        with time_machine.travel(QUEUED_AT + later, tick=False):
            assert client.get("/readyz").status_code == status, later


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
