"""Sign-in: password, then a TOTP code; lockout; nothing behind sign-in without the second factor."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
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


PROXY = "10.0.0.1"


def visitor(address: str) -> Client:
    """A browser at `address`, reaching the app through one load balancer (which appends it to X-Forwarded-For)."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.9, {address}")


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_HOPS = 1


def test_behind_a_proxy_failures_from_six_visitors_lock_out_no_one_else(manager, behind_a_proxy):
    addresses = [f"203.0.113.{n}" for n in range(1, 7)]
    for address in addresses:
        assert password_step(visitor(address), manager, password="wrong").status_code == 200
    seventh = visitor("203.0.113.7")
    assert password_step(seventh, manager).status_code == 302
    assert seventh.session["_auth_user_id"] == str(manager.pk)
    # The sign-in records hold each visitor's own address, not the proxy's.
    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == addresses
    assert AccessLog.objects.get().ip_address == "203.0.113.7"


def test_failures_lock_the_account_from_that_address_only(manager, behind_a_proxy, settings):
    attacker = visitor("203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(attacker, manager, password="wrong")
    response = password_step(attacker, manager)
    assert response.status_code == 429 and "Your account is locked" in text(response, "h1")
    elsewhere = visitor("192.0.2.10")
    assert password_step(elsewhere, manager).status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(manager.pk)


def test_many_failures_to_different_accounts_from_one_address_pause_sign_in_there(
    manager, local_authority, behind_a_proxy, settings
):
    settings.SIGN_IN_FAILURES_PER_IP = 6
    sprayer = visitor("203.0.113.66")
    sprayed = UserFactory.create_batch(3, organisation=local_authority)
    for user in sprayed:  # two guesses each: below the per-account limit
        for _ in range(2):
            password_step(sprayer, user, password="Summer2026!")
    response = password_step(sprayer, manager)  # even the right password, for an account not guessed at
    assert response.status_code == 429
    assert "Sign-in is paused" in text(response, "h1")
    assert "_auth_user_id" not in sprayer.session
    assert password_step(visitor("192.0.2.10"), manager).status_code == 302


def test_a_form_sent_without_a_password_is_not_counted_as_a_failure(manager, settings):
    settings.SIGN_IN_FAILURES_PER_IP = 1
    client = Client()
    client.post(reverse("login"), {"username": manager.email, "password": ""})
    assert password_step(client, manager).status_code == 302


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
    client, manager, mailoutbox, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": manager.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.removeprefix(settings.SITE_URL)
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


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_answers_the_same_way_whether_or_not_the_account_exists(
    client, manager, known, mailoutbox, django_capture_on_commit_callbacks
):
    email = manager.email if known else "nobody@agency.example"
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    # The request only queues the work: the address is looked up, and the email sent, by the task worker.
    assert not [query for query in queries if "partnership_user" in query["sql"]]
    assert len(queued) == 1 and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()
    assert [message.to for message in mailoutbox] == ([[manager.email]] if known else [])


def reset_from(address: str, email: str):
    return Client(REMOTE_ADDR=address).post(reverse("password_reset"), {"email": email})


def test_password_reset_is_limited_per_email_address(manager):
    for n in range(3):
        assert reset_from(f"192.0.2.{n}", manager.email).status_code == 302
    response = reset_from("192.0.2.99", manager.email.upper())
    assert response.status_code == 429
    assert error_summary(response) == [
        "You have asked for a new password several times in a short time. Wait an hour and try again."
    ]
    assert reset_from("192.0.2.99", "someone.else@agency.example").status_code == 302


def test_password_reset_is_limited_per_address_and_mistakes_do_not_count():
    for _ in range(20):
        assert reset_from("192.0.2.1", "not-an-email").status_code == 200
    for n in range(10):
        assert reset_from("192.0.2.1", f"person{n}@agency.example").status_code == 302
    assert reset_from("192.0.2.1", "person10@agency.example").status_code == 429
    assert reset_from("192.0.2.2", "person10@agency.example").status_code == 302
