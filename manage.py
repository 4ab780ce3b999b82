#!/usr/bin/env python
"""Django's command-line utility for the BSCP portal.

The settings come from `DJANGO_ENV` (development unless it says production); see docs/decisions/0004.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main():
    from bscp_portal.environment import settings_module

    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module(default="development"))
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 (load the settings now, so a refusal is one clear line)
    except ImproperlyConfigured as error:
        sys.exit(f"manage.py: {error}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
