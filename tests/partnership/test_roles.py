import pytest
from django.contrib.auth.models import Group

from partnership.roles import Role, role_permissions

pytestmark = pytest.mark.django_db


def test_after_migrate_every_role_is_a_group_holding_exactly_what_the_apps_grant():
    for role, granted in role_permissions().items():
        group = Group.objects.get(name=Role(role).label)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == granted, role
