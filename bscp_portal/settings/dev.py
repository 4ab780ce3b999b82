"""Local development: `make run`. Debug on, console email, a throwaway secret key.

Refused against a `DATABASE_URL` unless `DJANGO_ENV=development` says so: with the variable of a live
server in the environment and nothing else, these settings would "send" its reminders to the console
(docs/decisions/0004).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DJANGO_ENV, database_settings, database_url_given, env

if DJANGO_ENV == "production":
    raise ImproperlyConfigured(
        "DJANGO_ENV is production but DJANGO_SETTINGS_MODULE names the development settings: unset "
        "DJANGO_SETTINGS_MODULE, or set it to bscp_portal.settings.production."
    )
if database_url_given() and DJANGO_ENV != "development":
    raise ImproperlyConfigured(
        "DATABASE_URL is set, so this may be a live database, but DJANGO_ENV does not say development. On a server, "
        "set DJANGO_ENV=production (with the rest of the production environment); to use the development settings "
        "with this database, set DJANGO_ENV=development."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
DEMO_DATA_ALLOWED = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

DATABASES = {"default": database_settings()}
