"""`load_demo` loads every app's demo data, and a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from partnership.models import Organisation, User
from partnership.roles import Role

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_load_demo_gives_one_person_per_role_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    first = row_counts()
    call_command("load_demo", stdout=io.StringIO())
    second = row_counts()
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert not {label for label in changed if not label.endswith("Event") and "pghistory" not in label}, changed
    assert Organisation.objects.filter(is_statutory_partner=True).count() == 3
    for role in Role:
        assert User.objects.filter(groups__name=role.label).exists(), role
