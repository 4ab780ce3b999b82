"""How the core asks the apps without importing them.

An app names, on its `AppConfig`, a dotted path to a function for each hook it answers (`my_work_panel`,
`openable_subjects`, `search_entries`, `calendar_events`, `theme_appearances`, `annual_report_figures`, ...:
docs/architecture.md lists them); the core calls every app's, in the order of `INSTALLED_APPS`.
"""

from collections.abc import Callable, Iterator

from django.apps import apps
from django.utils.module_loading import import_string


def app_hooks(name: str) -> Iterator[Callable]:
    """The function each app names for the hook `name`; apps that name none are passed over."""
    for config in apps.get_app_configs():
        if path := getattr(config, name, None):
            yield import_string(path)
