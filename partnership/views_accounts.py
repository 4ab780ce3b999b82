"""Sign-in, the second factor, invitations and sign-out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token

from partnership import services
from partnership.forms import AcceptInvitationForm, EnrolForm, SecondFactorForm, SignInForm
from partnership.middleware import second_factor_not_required
from partnership.models import User
from partnership.two_factor import (
    backup_codes_create,
    base32_secret,
    enrolment_confirm,
    enrolment_device,
    qr_code_svg,
    totp_device,
)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"heading": "Sign in"}


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
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", "The security code is not correct, or it has already been used. Try the newest code.")
    context = {"form": form, "next": _safe_next(request), "heading": "Enter your security code"}
    return render(request, "registration/two_factor.html", context)


@second_factor_not_required
def two_factor_setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a code, then keep the backup codes."""
    if totp_device(request.user) is not None:
        return redirect("two-factor")
    device = enrolment_device(request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        if enrolment_confirm(device=device, token=form.cleaned_data["token"].replace(" ", "")):
            otp_login(request, device)
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
