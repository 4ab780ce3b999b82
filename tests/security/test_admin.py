"""The Django admin: every model of the project's apps is registered, and every list and form page opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = ["partnership", "content", "boards", "reviews", "cdop", "audits"]


def project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if hasattr(model, "pgh_obj") or model._meta.auto_created:
                continue  # history events are read through pghistory's Events admin
            yield model


def test_every_model_is_in_the_admin():
    missing = [model._meta.label for model in project_models() if model not in admin.site._registry]
    assert not missing, f"Register these in their app's admin.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(project_models()), ids=lambda model: model._meta.label)
def test_admin_list_and_add_pages_open(model, client, administrator, sign_in):
    sign_in(administrator)
    info = model._meta.app_label, model._meta.model_name
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(type("Request", (), {"user": administrator})()):
        assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
