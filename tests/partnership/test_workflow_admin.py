"""The admin cannot bypass the workflow: on every admin page for a record with a stage machine, adding or
changing, the stage field is read-only (moves are the admin's actions, which call the same services)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from partnership.workflow import machines
from tests.factories import UserFactory

REGISTERED = [machine for machine in machines() if machine.model_class in admin.site._registry]


def test_every_machine_with_records_the_administrator_sees_is_in_the_admin():
    assert {machine.model for machine in REGISTERED} >= {"cdop.ChildDeathCase", "reviews.Case", "boards.RaisedItem"}


@pytest.mark.django_db
@pytest.mark.parametrize("machine", REGISTERED, ids=lambda machine: machine.model)
def test_the_stage_field_is_read_only_in_the_admin(machine):
    model_admin = admin.site._registry[machine.model_class]
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    record = machine.model_class()
    for obj in (None, record):
        form = model_admin.get_form(request, obj, change=obj is not None)
        assert machine.field not in form.base_fields, f"{machine.model}: the admin form lets a person set the stage"
