from tests.factories import OutgoingEmailFailedFactory
from tests.security.access import (
    ADMIN,
    ANONYMOUS,
    BAD_LINK,
    LOGIN,
    MANAGER,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PARTNER_REP,
    PEOPLE,
    REDIRECT,
    REVIEW_GROUP,
    SIGNED_IN,
    Row,
    public,
    staff_only,
)

LEARNING = [MANAGER, REVIEW_GROUP, PARTNER_REP, ADMIN]  # partner representatives sit on the group

ROWS = [
    public("home"),
    public("accessibility"),
    public("healthz"),
    public("readyz"),
    Row(
        "login", {**dict.fromkeys(SIGNED_IN, REDIRECT), ANONYMOUS: OK}, note="signed-in people go on to the staff home"
    ),
    public("password_reset"),
    public("password_reset_done"),
    public("password_reset_complete"),
    Row("password_reset_confirm", dict.fromkeys(PEOPLE, OK), note="a bad link shows 'This link cannot be used'"),
    Row(
        "accept-invitation",
        dict.fromkeys(PEOPLE, BAD_LINK),
        note="a bad link shows 'This invitation link cannot be used'",
    ),
    staff_only("staff-home", allowed=SIGNED_IN),
    staff_only("invitation-create", allowed=[MANAGER, ADMIN]),
    staff_only("emails-undelivered", allowed=[MANAGER, ADMIN]),
    staff_only("email-resend", allowed=[MANAGER, ADMIN], allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("annual-report", allowed=[MANAGER, ADMIN]),
    staff_only("annual-report-csv", allowed=[MANAGER, ADMIN]),
    staff_only("annual-report-print", allowed=[MANAGER, ADMIN]),
    staff_only("annual-report-publish", allowed=[MANAGER, ADMIN], allowed_status=NOT_ALLOWED, note="POST only"),
    Row("logout", {**dict.fromkeys(SIGNED_IN, NOT_ALLOWED), ANONYMOUS: LOGIN}, note="POST signs out; GET is refused"),
    Row("two-factor", {**dict.fromkeys(SIGNED_IN, REDIRECT), ANONYMOUS: LOGIN}, note="verified people move on"),
    Row("two-factor-setup", {**dict.fromkeys(SIGNED_IN, REDIRECT), ANONYMOUS: LOGIN}, note="enrolled people move on"),
    Row("backup-codes", {**dict.fromkeys(SIGNED_IN, REDIRECT), ANONYMOUS: LOGIN}, note="shown once after enrolment"),
    staff_only("admin:index", allowed=[ADMIN]),
    staff_only("calendar", allowed=SIGNED_IN, note="the address is shown once, when it is made"),
    staff_only(
        "calendar-reset",
        allowed=SIGNED_IN,
        allowed_status=REDIRECT,
        note="asks to confirm once an address exists (before, back to Your calendar); POST makes a new address",
    ),
    Row(
        "calendar-feed",
        dict.fromkeys(PEOPLE, NOT_FOUND),
        note="no session: the secret token is the key; an unknown or reset token, or a disabled account, is 404",
    ),
    staff_only("themes", allowed=LEARNING, note="the manager and the learning group; small counts suppressed"),
    staff_only("theme-detail", allowed=LEARNING),
    staff_only("themes-export", allowed=LEARNING, note="CSV, small counts suppressed"),
]


def world(people):
    from partnership.models import SiteSettings
    from tests.factories import ThemeFactory

    SiteSettings.current()  # its admin change page is walked too
    return {
        "email-resend": {"pk": OutgoingEmailFailedFactory().pk},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "accept-invitation": {"token": "not-a-real-token"},
        "calendar-feed": {"token": "not-a-real-token"},
        "theme-detail": {"slug": ThemeFactory().slug},
    }
