"""Protection for public forms without third-party services: a rate limit per address and a honeypot field."""

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError


def client_address(request) -> str:
    """The visitor's address as the app server sees it (the proxy is trusted to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit_exceeded(request, *, scope: str, limit: int, per_seconds: int) -> bool:
    """Count one attempt at `scope` from this address; True once there have been more than `limit` in the window.

    Uses the cache (Redis in production, so the count is shared by every app server).
    """
    key = f"ratelimit:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=per_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=per_seconds)
        count = 1
    return count > limit


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
