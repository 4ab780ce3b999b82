"""Issue 15: sessions are read from the shared cache and the site alerts too, so a signed-in request reads only the
person and their second factor; whatever ends a session still ends it (docs/decisions/0007-sessions-in-the-cache.md).
"""

import warnings
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import Alert
from tests.html import page

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAFF = "/staff/"


def tables(captured) -> list[str]:
    return [query["sql"].split(" FROM ", 1)[-1].split()[0] for query in captured]


def the_same_browser(client) -> Client:
    """Another browser holding `client`'s session cookie, as a stolen or kept cookie would be."""
    other = Client()
    other.cookies["sessionid"] = client.cookies["sessionid"].value
    return other


def signed_out(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.urls("bscp_portal.urls_bench")
def test_a_warm_signed_in_bare_request_reads_the_person_and_their_device_and_no_session(client, manager, sign_in):
    sign_in(manager)
    with time_machine.travel(START, tick=False):  # no session write due (once a minute) in the counted request
        assert client.get("/bench/bare/").status_code == 200  # the session is in the cache now
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/bench/bare/").status_code == 200
    read = tables(captured.captured_queries)
    assert len(read) <= 2 and '"django_session"' not in read, read


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(client, manager, sign_in):
    sign_in(manager)
    assert client.get(STAFF).status_code == 200  # the session is in the cache now
    kept = the_same_browser(client)
    assert kept.get(STAFF).status_code == 200
    client.post(reverse("logout"))
    assert signed_out(kept.get(STAFF))
    assert signed_out(client.get(STAFF))


def test_disabling_a_user_ends_a_session_read_from_the_cache(client, manager, administrator, sign_in):
    sign_in(manager)
    assert client.get(STAFF).status_code == 200
    admin = sign_in(administrator, Client())
    admin.post(
        reverse("admin:partnership_user_changelist"),
        {"action": "disable", "index": 0, "_selected_action": [manager.pk]},
    )
    manager.refresh_from_db()
    assert not manager.is_active
    assert signed_out(client.get(STAFF))


def test_a_new_password_ends_a_session_read_from_the_cache(client, manager, sign_in):
    sign_in(manager)
    assert client.get(STAFF).status_code == 200
    manager.set_password("a-brand-new-long-password")
    manager.save()
    assert signed_out(client.get(STAFF))


def test_an_idle_session_ends_on_time_and_clearsessions_removes_it(client, manager, sign_in):
    with time_machine.travel(START, tick=False) as traveller:
        sign_in(manager)
        assert client.get(STAFF).status_code == 200
        kept = the_same_browser(client)
        traveller.move_to(START + timedelta(minutes=31))
        assert signed_out(kept.get(STAFF))
        call_command("clearsessions")
        assert not Session.objects.exists()


@pytest.mark.parametrize(
    "cookie", ["x" * 5000, "abc\tdef\x7fghijkl", "../../etc/passwd", "a b c d e f g h i j", "é" * 32, "A" * 32]
)
def test_a_forged_session_cookie_is_a_visitor_without_a_session(client, cookie):
    """Never a warning about the cache key (`CacheKeyWarning`) nor an error: the value never reaches the cache."""
    client.cookies["sessionid"] = cookie
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", "No directory at")  # whitenoise, before collectstatic (pyproject.toml)
        response = client.get("/")
        assert response.status_code == 200
        assert signed_out(client.get(STAFF))
        assert client.post(reverse("logout")).status_code == 302


@pytest.fixture
def sessions_cache_down(settings):
    """The sessions' cache is a Redis server that does not answer (stopped, or unreachable)."""
    settings.CACHES = {
        **settings.CACHES,
        "sessions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        },
    }
    settings.SESSION_CACHE_ALIAS = "sessions"


def test_signing_out_while_the_cache_is_down_ends_the_session_in_the_database(
    client, manager, sign_in, sessions_cache_down
):
    sign_in(manager)
    assert client.get(STAFF).status_code == 200  # read from the database
    key = client.cookies["sessionid"].value
    kept = the_same_browser(client)
    response = client.post(reverse("logout"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert page(response).select_one("h1")
    assert not Session.objects.filter(session_key=key).exists()
    assert signed_out(kept.get(STAFF))
    assert signed_out(client.get(STAFF))


def banner(client) -> str:
    return " ".join(
        alert.get_text(" ", strip=True) for alert in page(client.get("/")).select(".govuk-notification-banner")
    )


def test_an_alert_added_or_ended_shows_or_goes_on_the_next_page(
    client, manager, sign_in, django_capture_on_commit_callbacks
):
    editor = sign_in(manager)
    visitor = Client()
    assert banner(visitor) == ""  # the cache now holds "no alerts"
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            "/editor/alerts/new/", {"message": "Office closed", "level": "important", "starts_at": "2020-01-01T09:00"}
        )
    assert "Office closed" in banner(visitor)
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/editor/alerts/{Alert.objects.get().pk}/end/")
    assert banner(visitor) == ""


def test_a_scheduled_alert_starts_and_ends_on_time_from_a_warm_cache(client):
    Alert.objects.create(
        message="Systems down", starts_at=START + timedelta(seconds=20), ends_at=START + timedelta(seconds=40)
    )
    with time_machine.travel(START, tick=False) as traveller:
        assert banner(client) == ""  # the cache now holds the scheduled alert, for a minute
        traveller.move_to(START + timedelta(seconds=20))
        assert "Systems down" in banner(client)
        traveller.move_to(START + timedelta(seconds=40))
        assert banner(client) == ""
