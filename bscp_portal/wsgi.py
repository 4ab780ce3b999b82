"""WSGI entry point for gunicorn: `gunicorn bscp_portal.wsgi`. Production settings unless `DJANGO_ENV` or
`DJANGO_SETTINGS_MODULE` says otherwise (docs/decisions/0004)."""

import os

from django.core.wsgi import get_wsgi_application

from bscp_portal.environment import settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module(default="production"))

application = get_wsgi_application()
