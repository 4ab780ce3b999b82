"""The second factor: a new session key once it is done, wrong codes limited per session (not per device), backup
codes as people type them, and Django's own session handling on password change and reset."""

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.roles import Role
from partnership.two_factor import CODES_PER_HOUR, WRONG_CODES_PER_SESSION, backup_codes_create
from tests.factories import PASSWORD, UserFactory
from tests.html import error_summary, text
from tests.partnership.test_sign_in import current_code, password_step

pytestmark = pytest.mark.django_db

WRONG = "000000"


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()  # the rate limits' counts
    with time_machine.travel("2026-11-23 09:00 +0000", tick=False):
        yield


def session_key(client) -> str:
    return client.cookies["sessionid"].value


def with_key(key) -> Client:
    other = Client()
    other.cookies["sessionid"] = key
    return other


def test_the_session_key_changes_when_the_code_is_accepted_and_the_old_key_is_dead(client, manager):
    password_step(client, manager)
    before = session_key(client)
    response = client.post(reverse("two-factor"), {"token": current_code(manager), "next": "/staff/"})
    assert response.url == "/staff/"
    assert session_key(client) != before
    assert not Session.objects.filter(session_key=before).exists()
    assert with_key(before).get("/staff/").url.startswith(reverse("login"))
    assert client.get("/staff/").status_code == 200


def test_the_session_key_changes_when_an_authenticator_app_is_enrolled(client, local_authority):
    user = UserFactory(organisation=local_authority, roles=[Role.AGENCY_USER], totp=False)
    password_step(client, user)
    client.get(reverse("two-factor-setup"))
    before = session_key(client)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("two-factor-setup"), {"token": f"{TOTP(device.bin_key).token():06d}"})
    assert session_key(client) != before
    assert with_key(before).get("/staff/").url.startswith(reverse("login"))
    assert client.get("/staff/").status_code == 200


def test_an_attacker_failing_codes_does_not_keep_the_real_person_out(client, manager):
    attacker = Client()
    password_step(attacker, manager)
    for _ in range(WRONG_CODES_PER_SESSION - 1):
        response = attacker.post(reverse("two-factor"), {"token": WRONG})
        assert "not correct" in error_summary(response)[0]
    response = attacker.post(reverse("two-factor"), {"token": WRONG}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "wrong 5 times. Sign in again with your password" in text(response)

    password_step(client, manager)  # the real person, in their own session, with the right code
    response = client.post(reverse("two-factor"), {"token": current_code(manager)})
    assert response.status_code == 302 and client.get("/staff/").status_code == 200

    response = attacker.post(reverse("two-factor"), {"token": WRONG})  # the sixth try
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert attacker.get("/staff/").url.startswith(reverse("login"))


def test_a_right_code_after_a_few_wrong_ones_signs_in(client, manager):
    password_step(client, manager)
    for _ in range(WRONG_CODES_PER_SESSION - 1):
        client.post(reverse("two-factor"), {"token": WRONG})
    assert client.post(reverse("two-factor"), {"token": current_code(manager)}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_codes_tried_for_one_account_from_one_address_are_limited_across_sessions(client, manager):
    for _ in range(CODES_PER_HOUR // WRONG_CODES_PER_SESSION):
        attacker = Client()
        password_step(attacker, manager)
        for _ in range(WRONG_CODES_PER_SESSION):
            attacker.post(reverse("two-factor"), {"token": WRONG})
    password_step(client, manager)
    response = client.post(reverse("two-factor"), {"token": current_code(manager)}, follow=True)
    assert "Wait an hour, then sign in again" in text(response)
    assert client.get("/staff/").url.startswith(reverse("login"))
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    password_step(other_address, manager)
    with time_machine.travel("2026-11-23 09:01 +0000", tick=False):  # a fresh code
        assert other_address.post(reverse("two-factor"), {"token": current_code(manager)}).status_code == 302


@pytest.mark.parametrize("typed", ["upper", "spaced", "hyphenated"])
def test_backup_codes_are_accepted_whatever_the_case_with_spaces_or_hyphens(client, manager, typed):
    code = backup_codes_create(manager)[0]
    typed_code = {
        "upper": code.upper(),
        "spaced": f" {code[:4]} {code[4:]} ",
        "hyphenated": f"{code[:4].upper()}-{code[4:]}",
    }[typed]
    password_step(client, manager)
    assert client.post(reverse("two-factor"), {"token": typed_code}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_changing_the_password_keeps_the_person_signed_in_under_a_new_session_key(client, administrator, sign_in):
    sign_in(administrator)
    before = session_key(client)
    new_password = "another-long-password-2026"
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert session_key(client) != before
    assert with_key(before).get("/staff/").url.startswith(reverse("login"))
    assert client.get("/admin/").status_code == 200  # both factors still verified


def test_resetting_the_password_signs_out_every_other_session(
    client, manager, sign_in, mailoutbox, django_capture_on_commit_callbacks
):
    signed_in = sign_in(manager, Client())
    assert signed_in.get("/staff/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends once the request commits
        client.post(reverse("password_reset"), {"email": manager.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    form_url = client.get(link.split("testserver", 1)[1], follow=True).redirect_chain[-1][0]
    new_password = "a-brand-new-long-password"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert signed_in.get("/staff/").url.startswith(reverse("login"))
