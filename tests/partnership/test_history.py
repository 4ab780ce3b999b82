"""Every change is recorded by database triggers with who made it; administrators can read the history and the
access log, and cannot change either."""

import pytest
from django.db import connection
from django.urls import reverse

from partnership.models import AccessEvent, Organisation
from partnership.services import access_record
from tests.html import page

pytestmark = pytest.mark.django_db


def events_for(organisation):
    return list(Organisation.pgh_event_model.objects.filter(pgh_obj=organisation).order_by("pgh_id"))


def test_an_edit_through_the_admin_is_recorded_with_the_acting_user(client, administrator, agency, sign_in):
    sign_in(administrator)
    url = reverse("admin:partnership_organisation_change", args=[agency.pk])
    response = client.post(url, {"name": "Young Barnet Foundation (renamed)", "type": "vcf", "is_active": "on"})
    assert response.status_code == 302
    last = events_for(agency)[-1]
    assert last.name == "Young Barnet Foundation (renamed)"
    assert last.pgh_label == "update"
    assert last.pgh_context.metadata["user"] == administrator.pk
    assert last.pgh_context.metadata["url"] == url


def test_bulk_updates_and_raw_sql_are_recorded_too(agency):
    Organisation.objects.filter(pk=agency.pk).update(name="Bulk name")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE partnership_organisation SET name = 'Raw name' WHERE id = %s", [agency.pk])
    assert [event.name for event in events_for(agency)] == ["Young Barnet Foundation", "Bulk name", "Raw name"]


def test_administrators_read_the_history_and_access_log_but_cannot_change_them(
    client, administrator, manager, agency, sign_in
):
    access_record(by=manager, subject=agency, action="viewed identifying details", path="/somewhere/")
    sign_in(administrator)
    log = client.get(reverse("admin:partnership_accessevent_changelist"))
    assert "viewed identifying details" in page(log).get_text()
    event = AccessEvent.objects.get()
    assert client.post(reverse("admin:partnership_accessevent_change", args=[event.pk]), {}).status_code == 403
    assert client.get(reverse("admin:partnership_accessevent_delete", args=[event.pk])).status_code == 403
    assert client.get(reverse("admin:pghistory_events_changelist")).status_code == 200
