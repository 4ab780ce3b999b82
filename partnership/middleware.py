"""Sign-in rules that apply to every request."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

SIGNED_IN_AT = "signed_in_at"
REQUEST_BODY_MARGIN = 1024 * 1024  # the form's other fields and the multipart framing around the file


class RequestTooLargeMiddleware:
    """Refuses a request larger than the largest upload (`UPLOAD_MAX_BYTES`) before its body is read, so nobody
    can fill the server's disk or memory by sending a huge body; `partnership.files` still checks each file.

    It answers in `process_view`, which runs before any middleware or view reads the body (CSRF reads it in its
    own `process_view`, later in the list), so the page goes out through every middleware: headers, the person's
    menu and the CSP nonce as on any page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:  # Django then reads no body at all
            return None
        if length <= settings.UPLOAD_MAX_BYTES + REQUEST_BODY_MARGIN:
            return None
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        return render(request, "413.html", {"limit": limit}, status=413)


class SessionLifetimeMiddleware:
    """Ends a session a fixed time after sign-in, however active it has been (the idle timeout is the cookie's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, timezone.now().timestamp())
            if timezone.now().timestamp() - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, "For your security you have been signed out. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """A signed-in person reaches nothing behind sign-in until they have verified their second factor.

    Views that must work between the password and the code (the code page itself, enrolment, sign-out) are
    marked with `second_factor_not_required`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if (
            not getattr(view_func, "login_required", True)
            or getattr(view_func, "second_factor_required", True) is False
        ):
            return None
        return redirect(f"{reverse('two-factor')}?{urlencode({'next': request.get_full_path()})}")


class PrivatePagesNotCachedMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


def second_factor_not_required(view):
    view.second_factor_required = False
    return view
