import pytest
from django.urls import reverse

from audits.models import AuditReturn, Criterion, ToolVersion
from partnership.selectors import stage_changes
from tests.audits.factories import DraftVersionFactory, ToolFactory, fill
from tests.html import text

pytestmark = pytest.mark.django_db
MODELS = ["tool", "toolversion", "area", "criterion", "cycle", "auditreturn", "arearesponse", "criterionresponse",
          "keyaction"]  # fmt: skip


@pytest.mark.parametrize("model", MODELS)
def test_every_model_is_in_the_admin(client, sign_in, administrator, audit_return, agency_user, model):
    fill(audit_return, by=agency_user, rating="amber")
    sign_in(administrator)
    assert client.get(reverse(f"admin:audits_{model}_changelist")).status_code == 200


def test_stage_changes_in_the_admin_go_through_the_services(client, sign_in, administrator, audit_return, agency_user):
    sign_in(administrator)
    url = reverse("admin:audits_auditreturn_changelist")
    response = client.post(url, {"action": "accept", "_selected_action": [audit_return.pk]}, follow=True)
    assert "You cannot accept the return now: the return is at the stage “Not started”." in text(response)
    audit_return.refresh_from_db()
    assert audit_return.stage == AuditReturn.Stage.NOT_STARTED
    fill(audit_return, by=agency_user)
    client.post(url, {"action": "submit", "_selected_action": [audit_return.pk]})
    client.post(url, {"action": "accept", "_selected_action": [audit_return.pk]})
    audit_return.refresh_from_db()
    assert audit_return.stage == AuditReturn.Stage.ACCEPTED
    assert list(stage_changes(audit_return).values_list("to_stage", flat=True)) == [
        "not_started", "in_progress", "submitted", "accepted"
    ]  # fmt: skip


def test_a_published_versions_criteria_are_read_only_in_the_admin(client, sign_in, administrator, cycle):
    sign_in(administrator)
    criterion = Criterion.objects.filter(area__version=cycle.version).first()
    url = reverse("admin:audits_criterion_change", args=[criterion.pk])
    client.post(url, {"text": "Changed", "position": 1, "area": criterion.area_id, "is_required": "on"})
    criterion.refresh_from_db()
    assert criterion.text != "Changed"


def test_the_manager_drafts_and_publishes_a_version(client, sign_in, manager, cycle):
    sign_in(manager)
    response = client.post(reverse("audits:version-draft", args=[cycle.version.tool_id]), follow=True)
    assert "drafted from the last version" in text(response)
    draft = ToolVersion.objects.get(stage=ToolVersion.Stage.DRAFT)
    response = client.post(reverse("audits:version-publish", args=[draft.pk]), follow=True)
    assert "published" in text(response, ".govuk-notification-banner")
    empty = DraftVersionFactory()
    response = client.post(reverse("audits:version-publish", args=[empty.pk]), follow=True)
    assert "Add at least one area with criteria" in text(response)


def test_a_version_added_in_the_admin_begins_its_stage_history(client, sign_in, administrator):
    tool = ToolFactory()
    sign_in(administrator)
    data = {"tool": tool.pk, "number": 1, "notes": "", "areas-TOTAL_FORMS": 0, "areas-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:audits_toolversion_add"), data)
    assert response.status_code == 302
    version = ToolVersion.objects.get(tool=tool)
    assert list(stage_changes(version).values_list("move", "to_stage")) == [("draft", "draft")]
