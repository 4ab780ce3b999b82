"""WSGI entry point for gunicorn: `gunicorn bscp_portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bscp_portal.settings.production")

application = get_wsgi_application()
