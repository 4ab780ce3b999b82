#!/usr/bin/env python
"""Django's command-line utility for the BSCP portal.

The settings come from `--settings`, then `DJANGO_SETTINGS_MODULE`, then `DJANGO_ENV` (development unless it
says production); see docs/decisions/0004.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main():
    from django.core.management import execute_from_command_line
    from django.core.management.base import CommandParser, handle_default_options

    from bscp_portal.environment import settings_module

    # `--settings` as Django reads it, before the settings load below (Django would read it only afterwards).
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    options, _ = parser.parse_known_args(sys.argv[2:])
    handle_default_options(options)
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module(default="development"))
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 (load the settings now, so a refusal is one clear line)
    except ImproperlyConfigured as error:
        sys.exit(f"manage.py: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
