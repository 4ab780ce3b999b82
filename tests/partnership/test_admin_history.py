"""The admin: the stage history and the reference counters are there to read, never to edit; an action's refusals
reach the administrator through the one adapter."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from partnership.admin import run_on_each
from partnership.errors import Refusal
from partnership.models import Organisation, ReferenceCounter, StageChange

pytestmark = pytest.mark.django_db


def test_the_stage_history_and_the_counters_are_read_only_in_the_admin(client, sign_in, administrator):
    organisation = Organisation.objects.create(name="Barnet Council", type="local_authority")
    kind = ContentType.objects.get_for_model(Organisation)
    StageChange.objects.create(content_type=kind, object_id=organisation.pk, description="Sent to the Panel",
                               to_stage="panel", move="send_to_panel")  # fmt: skip
    StageChange.objects.create(content_type=kind, object_id=organisation.pk, description="Closed", to_stage="closed")
    ReferenceCounter.objects.create(prefix="SI", year=2026, last=5)
    request = type("Request", (), {"user": administrator})()
    for model in (StageChange, ReferenceCounter):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request) and not model_admin.has_delete_permission(request)
    assert admin.site._registry[StageChange].list_filter == ["content_type", "move"]
    sign_in(administrator)
    changelist = reverse("admin:partnership_stagechange_changelist")
    found = client.get(changelist, {"q": "Panel"}).content.decode()
    assert "Sent to the Panel" in found and "Closed" not in found
    assert "Closed" in client.get(changelist, {"move": ""}).content.decode()
    counters = client.get(reverse("admin:partnership_referencecounter_changelist")).content.decode()
    assert "SI" in counters and "2026" in counters


def test_an_admin_action_shows_each_refusal_naming_its_record_and_counts_the_rest():
    request = RequestFactory().post("/")
    request.session, request.user = {}, None
    request._messages = FallbackStorage(request)

    def step(*, by, record):
        if record == "BRD-2026-002":
            raise Refusal("You cannot publish the meeting now: it is already published.")

    run_on_each(request, ["BRD-2026-001", "BRD-2026-002"], step, record_as="record", done="meeting(s) published")
    assert [str(message) for message in get_messages(request)] == [
        "BRD-2026-002: You cannot publish the meeting now: it is already published.",
        "1 meeting(s) published.",
    ]
