"""Sign-in rules that apply to every request."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

SIGNED_IN_AT = "signed_in_at"
TOUCHED_AT = "touched_at"
TOUCH_EVERY_SECONDS = 60
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


class SessionIdleMiddleware:
    """Keeps a session alive while it is used, writing it at most once a minute instead of on every request.

    Saving a session moves its expiry (`SESSION_COOKIE_AGE`, the idle timeout) forward, so the session is saved
    when its last save is a minute old or more (`TOUCHED_AT`); a request within the minute writes nothing. An idle
    session therefore ends between `SESSION_IDLE_TIMEOUT` less a minute and `SESSION_IDLE_TIMEOUT` after the last
    request: the database no longer returns it, and this middleware also ends one whose last save is older than
    the timeout, whatever the session backend. Empty sessions (visitors who never signed in or started a form)
    are left alone, so no session is created for them. A request that saves the session anyway (signing in, a
    form's answers kept) notes the time too, so the next minute's requests write nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if not session.is_empty() and session.keys():
            now = timezone.now().timestamp()
            touched_at = session.get(TOUCHED_AT, now)
            if now - touched_at > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                session.flush()
                request.user = _anonymous()
            elif TOUCHED_AT not in session or now - touched_at >= TOUCH_EVERY_SECONDS:
                session[TOUCHED_AT] = now  # marks the session modified: saved, with a new expiry
        response = self.get_response(request)
        if session.modified and session.keys():  # saved anyway (signing in, a form's answers): note when
            session[TOUCHED_AT] = timezone.now().timestamp()
        return response


def _anonymous() -> AnonymousUser:
    user = AnonymousUser()
    user.otp_device = None
    user.is_verified = lambda: False
    return user


def _signed_in_or_anonymous(user):
    return user if user.is_authenticated and user.is_verified() else _anonymous()


def password_only_user(request):
    """The person who has given their password but not yet their second factor, or None."""
    user = getattr(request, "_user_before_second_factor", None)
    if user is not None and user.is_authenticated and not user.is_verified():
        return user
    return None


def redirect_to_sign_in(request):
    """Where a view sends someone who must sign in first: the second-factor step if they are half way."""
    step = "two-factor" if password_only_user(request) is not None else settings.LOGIN_URL
    return redirect_to_login(request.get_full_path(), step)


class SignInRequiredMiddleware(LoginRequiredMiddleware):
    """The one rule for "signed in": a session counts as signed in only once its second factor is verified.

    Until then `request.user` is anonymous for every view, so no selector, template or permission check anywhere
    can show a password-only session anything private; every page behind sign-in sends such a person to the
    second-factor step (and everyone else to sign in). Only the views marked `second_factor_not_required` (the
    code step, enrolment and sign-out) see the person. Replaces Django's LoginRequiredMiddleware; install after
    django-otp's OTPMiddleware.
    """

    def __call__(self, request):
        request._user_before_second_factor = request.user
        request.user = SimpleLazyObject(partial(_signed_in_or_anonymous, request.user))
        return super().__call__(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "second_factor_required", True) is False:
            request.user = request._user_before_second_factor
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        return redirect_to_sign_in(request)


class PrivatePagesNotCachedMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request._user_before_second_factor.is_authenticated:
            add_never_cache_headers(response)
        return response


def second_factor_not_required(view):
    """Mark a view that a password-only session may use: it sees the person in `request.user`."""
    view.second_factor_required = False
    return view
