"""The benchmark's bare view (bench/README.md): reached through every middleware, and only in the bench urlconf."""

import importlib
import sys

import pytest
from django.urls import Resolver404, resolve

from bscp_portal import urls, urls_bench
from tests.factories import UserFactory

BARE = "/bench/bare/"


@pytest.mark.urls("bscp_portal.urls_bench")
@pytest.mark.django_db
def test_the_bare_view_answers_anonymous_visitors_through_the_middleware(client):
    response = client.get(BARE)

    assert response.status_code == 200
    assert response.content == b"ok"
    # Headers that only the middleware adds: request id, clickjacking, content security policy, nosniff.
    assert response["X-Request-ID"]
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.urls("bscp_portal.urls_bench")
@pytest.mark.django_db
def test_the_bare_view_loads_a_signed_in_session_without_writing_it(sign_in, client):
    sign_in(UserFactory())

    response = client.get(BARE)

    assert response.status_code == 200
    assert "sessionid" not in response.cookies  # read, not written back: written at most once a minute
    assert "private" in response["Cache-Control"]  # the signed-in person's page is not cached


def settings_module(monkeypatch, name):
    for variable, value in {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "portal.example",
                            "DATABASE_URL": "postgres://localhost/bscp", "EMAIL_HOST": "smtp.example",
                            "SITE_URL": "https://portal.example"}.items():  # fmt: skip
        monkeypatch.setenv(variable, value)
    for module in ("bscp_portal.settings.production", name):
        monkeypatch.delitem(sys.modules, module, raising=False)
    loaded = importlib.import_module(name)
    for module in ("bscp_portal.settings.production", name):
        monkeypatch.delitem(sys.modules, module, raising=False)
    return loaded


def test_only_the_bench_settings_mount_the_bare_view(monkeypatch):
    bench = settings_module(monkeypatch, "bscp_portal.settings.bench")
    production = settings_module(monkeypatch, "bscp_portal.settings.production")
    assert bench.ROOT_URLCONF == "bscp_portal.urls_bench"
    assert production.ROOT_URLCONF == "bscp_portal.urls"
    assert resolve(BARE, urlconf="bscp_portal.urls_bench").func is urls_bench.bare
    try:
        match = resolve(BARE, urlconf="bscp_portal.urls")
    except Resolver404:
        match = None
    assert match is None or match.func is not urls_bench.bare
    assert all(getattr(pattern, "callback", None) is not urls_bench.bare for pattern in urls.urlpatterns)
