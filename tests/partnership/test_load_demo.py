"""`load_demo` loads every app's demo data, and a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from partnership.models import Organisation, User
from partnership.roles import Role
from tests.processes import PRODUCTION_ENV, manage

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


@pytest.mark.parametrize("debug", [True, False])
def test_demo_sign_ins_are_printed_and_usable_only_when_debug_is_on(settings, debug):
    from partnership.demo import DEMO_PASSWORD, load

    settings.DEBUG = debug
    out = io.StringIO()
    load(out)
    printed = out.getvalue()
    people = User.objects.exclude(groups=None)
    assert people.count() >= len(Role)
    assert Organisation.objects.filter(is_statutory_partner=False).count() >= 12  # health, schools, VCF groups
    assert (DEMO_PASSWORD in printed) is debug
    assert all((person.email in printed) is debug for person in people)
    assert all(person.check_password(DEMO_PASSWORD) is debug for person in people)


def test_load_demo_refuses_where_demo_data_is_not_allowed_and_creates_nothing(settings):
    settings.DEMO_DATA_ALLOWED = False
    before = row_counts()
    with pytest.raises(CommandError, match="Nothing was created"):
        call_command("load_demo", stdout=io.StringIO())
    assert row_counts() == before
    assert not User.objects.filter(email="admin@bscp.example").exists()


def test_load_demo_under_the_production_settings_exits_non_zero_with_a_clear_error():
    result = manage("load_demo", env=PRODUCTION_ENV)
    assert result.returncode == 1
    assert "CommandError: The demo cannot be loaded with these settings" in result.stderr
    assert "manage.py createadmin" in result.stderr and "Traceback" not in result.stderr


def test_make_scale_data_refuses_too_where_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="for the benchmark only"):
        call_command("make_scale_data", "--scale", "1", stdout=io.StringIO())
    assert not User.objects.exists()
