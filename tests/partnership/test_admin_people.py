"""Administrators manage organisations and users in the Django admin by disabling them, never by deleting."""

import pytest
from django.urls import reverse

from partnership.models import Organisation, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Organisation, User], ids=lambda model: model.__name__)
def test_organisations_and_users_cannot_be_deleted_in_the_admin(client, sign_in, administrator, agency_user, model):
    record = agency_user.organisation if model is Organisation else agency_user
    name = f"admin:partnership_{model._meta.model_name}"
    sign_in(administrator)
    assert client.get(reverse(f"{name}_delete", args=[record.pk])).status_code == 403
    assert client.post(reverse(f"{name}_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    changelist = client.get(reverse(f"{name}_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("model", [Organisation, User], ids=lambda model: model.__name__)
def test_the_disable_action_keeps_the_record_and_marks_it_inactive(client, sign_in, administrator, agency_user, model):
    record = agency_user.organisation if model is Organisation else agency_user
    sign_in(administrator)
    response = client.post(
        reverse(f"admin:partnership_{model._meta.model_name}_changelist"),
        {"action": "disable", "_selected_action": [record.pk]},
        follow=True,
    )
    assert "disabled." in response.content.decode()
    record.refresh_from_db()
    assert record.is_active is False


def test_a_disabled_user_can_no_longer_sign_in(client, sign_in, administrator, agency_user):
    sign_in(administrator)
    client.post(
        reverse("admin:partnership_user_changelist"), {"action": "disable", "_selected_action": [agency_user.pk]}
    )
    client.logout()
    response = client.post(reverse("login"), {"username": agency_user.email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
