"""Sign-in, the second factor, invitations and sign-out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import match_token

from partnership import services
from partnership.antispam import count_exceeded, hashed, rate_limit_exceeded, rate_limit_reached
from partnership.forms import AcceptInvitationForm, EnrolForm, ResetPasswordForm, SecondFactorForm, SignInForm
from partnership.middleware import password_only_user, second_factor_not_required
from partnership.models import User
from partnership.two_factor import (
    WRONG_CODES_PER_SESSION,
    backup_codes_create,
    base32_secret,
    code_tries_exceeded,
    enrolment_confirm,
    enrolment_device,
    qr_code_svg,
    second_factor_login,
    token_normalise,
    totp_device,
    wrong_code_record,
)

TOO_MANY_WRONG_CODES = f"The security code was wrong {WRONG_CODES_PER_SESSION} times. Sign in again with your password."
TOO_MANY_TRIES = "Too many security codes were tried for this account. Wait an hour, then sign in again."
SIGN_IN_FAILURES = {"scope": "sign-in-failures", "per_seconds": 3600}


class SignInView(auth_views.LoginView):
    """django-axes locks an account from one address after a few failures; this view adds the wider limit:
    `SIGN_IN_FAILURES_PER_IP` failed sign-ins to any accounts from one address in an hour pause sign-in there."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"heading": "Sign in"}

    @method_decorator(login_not_required)
    def dispatch(self, request, *args, **kwargs):
        """Someone who has given their password goes on to the second-factor step, wherever they were sent from."""
        if password_only_user(request) is not None:
            return redirect(f"{reverse_lazy('two-factor')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if rate_limit_reached(request, scope=SIGN_IN_FAILURES["scope"], limit=settings.SIGN_IN_FAILURES_PER_IP):
            return render(request, "registration/locked_out.html", {"address_limited": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):  # a password was checked and was wrong: count it
            rate_limit_exceeded(self.request, limit=settings.SIGN_IN_FAILURES_PER_IP, **SIGN_IN_FAILURES)
        return super().form_invalid(form)


RESET_LIMITED_MESSAGE = "You have asked for a new password several times in a short time. Wait an hour and try again."


class ResetPasswordView(auth_views.PasswordResetView):
    """Ask for a link to choose a new password. Limited to 10 requests an hour from one address and 3 for one email
    address (against floods of email), counted only when the email address is well formed."""

    form_class = ResetPasswordForm
    extra_context = {"heading": "Reset your password", "button": "Send link"}

    def _limited(self, email: str) -> bool:
        return rate_limit_exceeded(self.request, scope="password-reset", limit=10, per_seconds=3600) or count_exceeded(
            f"password-reset-email:{hashed(email)}", limit=3, per_seconds=3600
        )

    def form_valid(self, form):
        if self._limited(form.cleaned_data["email"]):
            form.add_error(None, RESET_LIMITED_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def _safe_next(request, default="staff-home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse_lazy(default)


@second_factor_not_required
def two_factor(request):
    """The second step of sign-in: a code from the person's authenticator app, or a backup code."""
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if totp_device(request.user) is None:
        return redirect(f"{reverse_lazy('two-factor-setup')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        if code_tries_exceeded(request):
            return _start_again(request, TOO_MANY_TRIES)
        device = match_token(request.user, token_normalise(form.cleaned_data["token"]))
        if device is not None:
            second_factor_login(request, device)
            return redirect(_safe_next(request))
        if wrong_code_record(request):
            return _start_again(request, TOO_MANY_WRONG_CODES)
        form.add_error("token", "The security code is not correct, or it has already been used. Try the newest code.")
    context = {"form": form, "next": _safe_next(request), "heading": "Enter your security code"}
    return render(request, "registration/two_factor.html", context)


def _start_again(request, message: str):
    """Sign the half-signed-in session out: the person starts again with their password."""
    target = _safe_next(request)
    logout(request)
    messages.error(request, message)
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


@second_factor_not_required
def two_factor_setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a code, then keep the backup codes."""
    if totp_device(request.user) is not None:
        return redirect("two-factor")
    device = enrolment_device(request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        if enrolment_confirm(device=device, token=token_normalise(form.cleaned_data["token"])):
            second_factor_login(request, device)
            request.session["backup_codes"] = backup_codes_create(request.user)
            return redirect(f"{reverse_lazy('backup-codes')}?next={_safe_next(request)}")
        form.add_error(
            "token", "The security code is not correct. Check the time on your phone and try the newest code."
        )
    context = {
        "form": form,
        "qr_code": qr_code_svg(device),
        "secret": base32_secret(device.bin_key),
        "next": _safe_next(request),
        "heading": "Set up your second factor",
        "button": "Confirm",
    }
    return render(request, "registration/two_factor_setup.html", context)


def backup_codes(request):
    """Shown once, straight after enrolment."""
    codes = request.session.pop("backup_codes", None)
    if not codes:
        return redirect("staff-home")
    return render(request, "registration/backup_codes.html", {"codes": codes, "next": _safe_next(request)})


def _invitation_refused(request, refusal: Exception):
    exists = isinstance(refusal, services.InvitationAccountExists)
    return render(request, "registration/invitation_invalid.html", {"account_exists": exists}, status=400)


@login_not_required
def accept_invitation(request, token):
    try:
        invitation = services.invitation_from_token(token, max_age=settings.INVITATION_MAX_AGE)
    except services.InvitationInvalid as refusal:
        return _invitation_refused(request, refusal)
    preview = User(email=invitation.email, first_name=invitation.first_name, last_name=invitation.last_name)
    form = AcceptInvitationForm(preview, request.POST or None)
    if form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except services.InvitationInvalid as refusal:
            return _invitation_refused(request, refusal)
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set. Now set up your second factor.")
        return redirect("two-factor-setup")
    context = {"form": form, "invitation": invitation, "heading": "Set your password"}
    return render(request, "registration/accept_invitation.html", context)


sign_out = second_factor_not_required(auth_views.LogoutView.as_view())
