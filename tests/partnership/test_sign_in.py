"""Sign-in: password, then a TOTP code; lockout; nothing behind sign-in without the second factor."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def password_step(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.email, "password": password})


def test_password_then_code_reaches_the_staff_home(client, manager):
    response = password_step(client, manager)
    assert response.status_code == 302
    response = client.get(reverse("staff-home"))
    assert response.status_code == 302 and response.url.startswith(reverse("two-factor"))

    response = client.post(reverse("two-factor"), {"token": current_code(manager), "next": "/staff/"})
    assert response.status_code == 302 and response.url == "/staff/"
    assert "My work" in text(client.get("/staff/"), "h1")


def test_wrong_password_shows_a_clear_error_and_signs_nobody_in(client, manager):
    response = password_step(client, manager, password="not-the-password")
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a correct email address and password. Both are case-sensitive."]
    assert "_auth_user_id" not in client.session


def test_wrong_code_is_refused(client, manager):
    password_step(client, manager)
    response = client.post(reverse("two-factor"), {"token": "000000"})
    assert response.status_code == 200
    assert "not correct" in error_summary(response)[0]
    assert client.get("/staff/").status_code == 302


def test_a_code_cannot_be_used_twice(manager):
    first, second = Client(), Client()
    code = current_code(manager)
    password_step(first, manager)
    assert first.post(reverse("two-factor"), {"token": code}).status_code == 302
    password_step(second, manager)
    response = second.post(reverse("two-factor"), {"token": code})
    assert response.status_code == 200
    assert "already been used" in error_summary(response)[0]


def test_a_backup_code_works_once(client, manager):
    from partnership.two_factor import backup_codes_create

    code = backup_codes_create(manager)[0]
    password_step(client, manager)
    assert client.post(reverse("two-factor"), {"token": code}).status_code == 302
    assert not StaticToken.objects.filter(token=code).exists()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, manager, password="wrong")
    response = password_step(client, manager)
    assert response.status_code == 429
    assert "Your account is locked" in text(response, "h1")
    assert "_auth_user_id" not in client.session


def test_without_a_device_sign_in_leads_to_enrolment_with_a_qr_code(client, local_authority):
    user = UserFactory(organisation=local_authority, roles=[Role.AGENCY_USER], totp=False)
    password_step(client, user)
    response = client.get(reverse("two-factor"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor-setup"))
    assert "<svg" in response.content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post(reverse("two-factor-setup"), {"token": code}, follow=True)
    assert "Your backup codes" in text(response)
    assert len(response.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_the_admin_needs_the_second_factor_too(client, administrator, sign_in):
    password_step(client, administrator)
    assert client.get("/admin/").status_code == 302
    sign_in(administrator)
    assert client.get("/admin/").status_code == 200


def test_password_reset_does_not_bypass_the_second_factor(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends once the request commits
        client.post(reverse("password_reset"), {"email": manager.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new_password = "a-brand-new-long-password"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password}, follow=True)
    assert "Your password has been changed" in text(response, "h1")
    assert client.get("/staff/").status_code == 302  # not signed in
    password_step(client, manager, password=new_password)
    assert client.get("/staff/").url.startswith(reverse("two-factor"))


def test_a_tampered_session_cookie_is_treated_as_signed_out(client, manager, sign_in):
    sign_in(manager)
    client.cookies["sessionid"] = client.cookies["sessionid"].value[:-4] + "abcd"
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_missing_csrf_token_is_refused(manager):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": manager.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_disabling_a_user_ends_their_session(client, manager, administrator, sign_in):
    from partnership.services import user_disable

    sign_in(manager)
    assert client.get("/staff/").status_code == 200
    user_disable(user=manager, by=administrator)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_active_session_still_ends_after_the_absolute_lifetime(client, manager, sign_in):
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        sign_in(manager)
        for minutes in range(0, 12 * 60, 25):  # active every 25 minutes, so never idle
            traveller.move_to(start + timedelta(minutes=minutes))
            assert client.get("/staff/").status_code == 200
        traveller.move_to(start + timedelta(hours=12, minutes=5))
        response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_idle_session_ends_after_the_idle_timeout(client, manager, sign_in):
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        sign_in(manager)
        assert client.get("/staff/").status_code == 200
        traveller.move_to(start + timedelta(minutes=29))
        assert client.get("/staff/").status_code == 200
        traveller.move_to(start + timedelta(minutes=29 + 31))
        response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_staff_pages_are_never_cached_and_public_pages_carry_security_headers(client, manager, sign_in):
    public = client.get("/")
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "strict-origin-when-cross-origin"
    sign_in(manager)
    assert "no-store" in client.get("/staff/")["Cache-Control"]


def form_token(response) -> str:
    return page(response).select_one("input[name=csrfmiddlewaretoken]")["value"]


def test_a_tampered_csrf_token_is_refused_and_the_second_factor_stays_unverified(manager):
    client = Client(enforce_csrf_checks=True)
    token = form_token(client.get(reverse("login")))
    response = client.post(
        reverse("login"), {"username": manager.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    token = form_token(client.get(reverse("two-factor")))
    tampered = token[:-4] + ("abcd" if token[-4:] != "abcd" else "wxyz")
    response = client.post(reverse("two-factor"), {"token": current_code(manager), "csrfmiddlewaretoken": tampered})
    assert response.status_code == 403
    assert client.get("/staff/").url.startswith(reverse("two-factor"))  # nothing changed
    response = client.post(reverse("two-factor"), {"token": current_code(manager), "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and client.get("/staff/").status_code == 200


def test_a_wrong_code_during_enrolment_is_refused_and_the_app_stays_unconfirmed(client, local_authority):
    user = UserFactory(organisation=local_authority, roles=[Role.AGENCY_USER], totp=False)
    password_step(client, user)
    client.get(reverse("two-factor-setup"))
    response = client.post(reverse("two-factor-setup"), {"token": "000000"})
    assert response.status_code == 200
    assert "The security code is not correct" in error_summary(response)[0]
    assert not TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/staff/").status_code == 302
