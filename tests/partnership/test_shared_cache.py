"""Production's cache is shared by every worker and server, so a rate limit holds across them and a published
change reaches every worker's next response: Redis from CACHE_URL, else the database, never one process's memory.

The Redis tests use the machine's Redis (127.0.0.1:6379, `TEST_REDIS_URL` to change it) under a key prefix of
their own, and delete their keys afterwards.
"""

import importlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import CacheHandler, cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory

from content.cache import _key
from content.services import PUBLIC_CACHE_VERSION_KEY, public_cache_clear
from partnership.antispam import rate_limit_exceeded

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "postgres://127.0.0.1/bscp",
    "EMAIL_HOST": "smtp.example",
    "SITE_URL": "https://portal.example",
}
CONTACT = {"scope": "contact", "limit": 5, "per_seconds": 600}


def production_settings(monkeypatch, **environment):
    """The production settings module as it loads with these environment variables."""
    for name, value in {**PRODUCTION, **environment}.items():
        monkeypatch.setenv(name, value)
    if "CACHE_URL" not in environment:
        monkeypatch.delenv("CACHE_URL", raising=False)
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production", raising=False)
    production = importlib.import_module("bscp_portal.settings.production")
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production")
    return production


def visitor():
    return RequestFactory().post("/contact/", REMOTE_ADDR="192.0.2.7")


def test_without_cache_url_production_uses_the_database(monkeypatch):
    cache_settings = production_settings(monkeypatch).CACHES["default"]
    assert cache_settings == {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}


@pytest.mark.parametrize("url", ["locmemcache://", "dummycache://"])
def test_production_refuses_a_cache_each_process_keeps_to_itself(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        production_settings(monkeypatch, CACHE_URL=url)


@pytest.mark.django_db
def test_the_database_cache_is_one_count_for_every_connection(monkeypatch, settings):
    settings.CACHES = production_settings(monkeypatch).CACHES
    call_command("createcachetable", verbosity=0)  # the release step
    results = [rate_limit_exceeded(visitor(), **CONTACT) for _ in range(5)]
    another_worker = CacheHandler(settings.CACHES)["default"]
    assert another_worker.get("ratelimit:contact:192.0.2.7") == 5
    assert results + [rate_limit_exceeded(visitor(), **CONTACT)] == [False] * 5 + [True]


@pytest.fixture
def redis_settings(monkeypatch, settings):
    """Production's cache settings for the machine's Redis, used by this process too; its keys removed after."""
    url = f"{REDIS}?key_prefix=bscp-test-{uuid.uuid4().hex}"
    production = production_settings(monkeypatch, CACHE_URL=url)
    settings.CACHES = production.CACHES
    yield {**PRODUCTION, "CACHE_URL": url}
    cache.delete_many(["ratelimit:contact:192.0.2.7", PUBLIC_CACHE_VERSION_KEY])


ANOTHER_WORKER = """
import django
django.setup()
from django.test import RequestFactory
from content.services import public_cache_clear
from partnership.antispam import rate_limit_exceeded
visitor = RequestFactory().post("/contact/", REMOTE_ADDR="192.0.2.7")
print([rate_limit_exceeded(visitor, scope="contact", limit=5, per_seconds=600) for _ in range(3)])
public_cache_clear()
"""


def test_redis_gives_every_worker_the_same_rate_limit_count_and_public_page_version(redis_settings, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    request = RequestFactory().get("/about/")
    before = _key(request)
    assert [rate_limit_exceeded(visitor(), **CONTACT) for _ in range(3)] == [False] * 3

    environment = {**os.environ, **redis_settings, "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.production"}
    worker = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", ANOTHER_WORKER], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert worker.returncode == 0, worker.stderr
    assert worker.stdout.strip() == "[False, False, True]", "the other process counts on from this one's three"
    assert rate_limit_exceeded(visitor(), **CONTACT) is True, "and this one from the other's"
    assert _key(request) != before, "the other process's publication reaches this one"


def test_a_key_prefix_in_cache_url_keeps_two_portals_apart_on_one_redis(monkeypatch, redis_settings):
    public_cache_clear()
    other = production_settings(monkeypatch, CACHE_URL=f"{REDIS}?key_prefix=bscp-test-{uuid.uuid4().hex}")
    assert CacheHandler(other.CACHES)["default"].get(PUBLIC_CACHE_VERSION_KEY) is None
    assert cache.get(PUBLIC_CACHE_VERSION_KEY) == 2
