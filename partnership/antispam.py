"""Protection for public forms without third-party services: the visitor's address, rate limits counted per address
(or per any other key) in the cache, and a honeypot field."""

import hashlib
import ipaddress

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _valid_ip(value: str) -> str | None:
    """`value` as a normalised IP address (an IPv4-mapped IPv6 address as IPv4), or None if it is not one."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def client_address(request) -> str | None:
    """The visitor's IP address, as the trusted proxies in front of the app saw it.

    With `TRUSTED_PROXY_HOPS` = 0 (no proxy) it is REMOTE_ADDR. With N proxies, each appends the address it
    received the request from to X-Forwarded-For, so the Nth entry from the right was written by our outermost
    proxy and is the visitor; anything further left came from the visitor and is ignored. A header that is
    missing, shorter than N or not an address there falls back to REMOTE_ADDR (the nearest proxy), never to a
    value the visitor chose. None when there is no valid address at all.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= hops and (address := _valid_ip(forwarded[-hops])):
            return address
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def _cache_key(key: str) -> str:
    return f"ratelimit:{key}"


def _address_key(request, scope: str) -> str:
    return f"{scope}:{client_address(request) or 'unknown'}"


def hashed(value: str) -> str:
    """A key part for a personal value (an email address) that keeps the value itself out of the cache."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


def count_exceeded(key: str, *, limit: int, per_seconds: int) -> bool:
    """Count one attempt against `key`; True once there have been more than `limit` in the window.

    Uses the cache (Redis in production, so the count is shared by every app server).
    """
    key = _cache_key(key)
    cache.add(key, 0, timeout=per_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=per_seconds)
        count = 1
    return count > limit


def rate_limit_exceeded(request, *, scope: str, limit: int, per_seconds: int) -> bool:
    """Count one attempt at `scope` from this address; True once there have been more than `limit` in the window.

    Call it only for a submission that would be acted on (a valid form), so a person correcting mistakes is never
    told to wait.
    """
    return count_exceeded(_address_key(request, scope), limit=limit, per_seconds=per_seconds)


def rate_limit_reached(request, *, scope: str, limit: int) -> bool:
    """Whether this address has already made `limit` attempts at `scope` in the window, without counting one."""
    return (cache.get(_cache_key(_address_key(request, scope))) or 0) >= limit


RATE_LIMITED_MESSAGE = (
    "You have sent this form several times in a short time. Wait a few minutes and try again. "
    "If a child is in immediate danger please call 999."
)


class HoneypotForm(forms.Form):
    """Mixin for public forms: a field people never see or fill, which simple spam robots do.

    Render it with `{% include "components/honeypot.html" %}` inside the form.
    """

    website = forms.CharField(
        required=False, label="Leave this field empty", error_messages={"max_length": "This form could not be sent."}
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError("This form could not be sent.", code="spam")
        return ""
