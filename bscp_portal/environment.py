"""Which settings a process runs with, chosen by `DJANGO_ENV` before Django starts (docs/decisions/0004).

`manage.py` defaults to the development settings and `wsgi.py` to the production ones; `DJANGO_ENV=production`
or `development` settles it for both, and `DJANGO_SETTINGS_MODULE`, when set, still wins. The development
settings refuse a `DATABASE_URL` unless `DJANGO_ENV=development` says so, so a scheduled command that forgot
its settings stops instead of "sending" email to the console from a live database.
"""

import os

from django.core.exceptions import ImproperlyConfigured

SETTINGS_MODULES = {
    "development": "bscp_portal.settings.dev",
    "production": "bscp_portal.settings.production",
}


def settings_module(*, default: str) -> str:
    """The settings module for `DJANGO_ENV`, or for `default` when it is unset. A misspelt value is refused,
    never taken for development."""
    name = os.environ.get("DJANGO_ENV") or default
    if name not in SETTINGS_MODULES:
        raise ImproperlyConfigured(f"DJANGO_ENV is {name!r}: set it to 'production' or 'development'.")
    return SETTINGS_MODULES[name]
