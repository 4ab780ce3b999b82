"""TOTP devices and backup codes (django-otp), and the second step of sign-in.

django-otp's per-device throttling is off (`OTP_*_THROTTLE_FACTOR = 0`): it let anyone who knew a password keep
the real person out by failing codes. Wrong codes are limited per session instead (then the password again, which
django-axes counts), and per account and address, so guessing stays slow.
"""

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.middleware.csrf import rotate_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.antispam import rate_limit_exceeded

BACKUP_CODE_COUNT = 10
WRONG_CODES_PER_SESSION = 5
CODES_PER_HOUR = 20  # tries at one account's codes from one address, whichever session they come from
WRONG_CODES_KEY = "second_factor_wrong_codes"


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same one across page loads so the QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def enrolment_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a new authenticator app with a code it shows; until then it cannot be used to sign in."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def backup_codes_create(user) -> list[str]:
    """Replace the person's backup codes with fresh single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def base32_secret(key: bytes) -> str:
    """The key as authenticator apps take it when typed in."""
    return b32encode(key).decode()


def token_normalise(typed: str) -> str:
    """A code as people type it: backup codes in any case, with spaces or hyphens."""
    return re.sub(r"[\s-]", "", typed).lower()


def second_factor_login(request, device) -> None:
    """Mark the session verified by `device` under a new session key and CSRF token, as Django does at sign-in:
    a key someone saw or set before this privilege change is worth nothing after it."""
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)
    request.session.pop(WRONG_CODES_KEY, None)


def code_tries_exceeded(request) -> bool:
    """Count one try at this account's code from this address; True once there have been too many this hour."""
    scope = f"second-factor-{request.user.pk}"
    return rate_limit_exceeded(request, scope=scope, limit=CODES_PER_HOUR, per_seconds=3600)


def wrong_code_record(request) -> bool:
    """Count a wrong code in this session; True when it was the last one allowed (the session must sign out)."""
    wrong = request.session.get(WRONG_CODES_KEY, 0) + 1
    request.session[WRONG_CODES_KEY] = wrong
    return wrong >= WRONG_CODES_PER_SESSION
