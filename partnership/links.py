"""Absolute links to the portal, for emails, the sitemap and robots.txt.

Always built from the configured `SITE_URL`, never from the request: a request's Host header is chosen by
whoever sends it, so a link built from it (a password reset link above all) could point at an attacker's site.
"""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def absolute_url(path: str = "/") -> str:
    """`path` (as `reverse()` or `get_absolute_url()` give it) on the portal's own address."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_host() -> str:
    """The portal's own host name (for calendar event UIDs and the like)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def pk_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a URL whose one argument is a primary key, reversed once per URL name rather
    than once per row: in a list of 50 rows, reverse() cost as much as rendering the rest of the rows."""
    before, after = _pk_url_parts(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{before}{int(pk)}{after}"


_PLACEHOLDER = 918273645546372819  # a number no URL's fixed part contains


@cache
def _pk_url_parts(name: str, prefix: str, urlconf: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[_PLACEHOLDER], urlconf=urlconf).partition(str(_PLACEHOLDER))
    return before, after
