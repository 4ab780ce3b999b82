"""What the machine walk (tests/partnership/test_workflow_machines.py) needs from each app: how to make a record
of a machine at a given stage, and a person permitted to make a move on it.

Each app's tests declare `SUBJECTS` in `tests/<app>/workflow_subjects.py`::

    SUBJECTS = {"boards.RaisedItem": Subject(make=lambda stage: RaisedItemFactory(stage=stage))}

`person(move, subject)` returns a user who may make `move` on `subject`; by default, a user holding the move's
permission (enough unless the move has a rule, such as "a user of the return's own organisation").
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.contrib.auth.models import Permission

from tests.factories import UserFactory

APPS = ["reviews", "cdop", "audits", "boards", "content"]


def permitted_user(move, subject=None, **fields):
    user = UserFactory(**fields)
    if move.permission:
        app_label, codename = move.permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return type(user).objects.get(pk=user.pk)  # without the permission cache


@dataclass(frozen=True)
class Subject:
    make: Callable
    person: Callable = permitted_user


def subjects() -> dict[str, Subject]:
    found = {}
    for app in APPS:
        try:
            module = import_module(f"tests.{app}.workflow_subjects")
        except ModuleNotFoundError:
            continue
        found.update(module.SUBJECTS)
    return found
