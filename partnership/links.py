"""Absolute links to the portal, for emails, the sitemap and robots.txt.

Always built from the configured `SITE_URL`, never from the request: a request's Host header is chosen by
whoever sends it, so a link built from it (a password reset link above all) could point at an attacker's site.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str = "/") -> str:
    """`path` (as `reverse()` or `get_absolute_url()` give it) on the portal's own address."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_host() -> str:
    """The portal's own host name (for calendar event UIDs and the like)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
