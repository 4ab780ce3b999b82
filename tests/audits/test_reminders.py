"""Chasing a return still to come in: the manager's reminder, recorded and shown, beside the clock's own ones."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from audits import services
from audits.models import Chase
from partnership.errors import Refusal
from partnership.models import Deadline, Reminder
from tests.audits.factories import fill
from tests.html import page, text

pytestmark = pytest.mark.django_db


def test_the_manager_chases_an_overdue_return_from_the_cycle_page(
    client, sign_in, audit_return, agency_user, manager, frozen_time, django_capture_on_commit_callbacks, mailoutbox
):
    frozen_time.move_to(datetime(2026, 7, 3, 9, 30))  # three days after the cycle's due date
    audit_return.organisation.email = "safeguarding@ybf.example"
    audit_return.organisation.save()
    sign_in(manager)
    cycle_page = page(client.get(audit_return.cycle.get_absolute_url()))
    chase = reverse("audits:return-chase", args=[audit_return.pk])
    assert cycle_page.select_one(f'form[action="{chase}"]') is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(chase, {"from": "cycle"}, follow=True)
    assert response.request["PATH_INFO"] == audit_return.cycle.get_absolute_url()
    assert "Reminder sent to Young Barnet Foundation" in text(response, ".govuk-notification-banner")
    assert f"Reminder sent on 3 July 2026 by {manager}" in text(response, "table")
    email = mailoutbox[-1]
    assert sorted(email.to) == sorted([agency_user.email, "safeguarding@ybf.example"])
    assert "due on 30 June 2026" in email.subject and audit_return.reference in email.body
    recorded = Chase.objects.get(audit_return=audit_return)
    assert recorded.sent_by == manager and agency_user.email in recorded.recipients


def test_the_return_page_shows_every_reminder_sent(client, sign_in, audit_return, manager, frozen_time):
    deadline = Deadline.objects.get(object_id=audit_return.pk, kind="audits.return_due")
    Reminder.objects.create(deadline=deadline, stage=Reminder.Stage.BEFORE, recipients="a@example.org",
                            sent_at=datetime(2026, 6, 23, 7, 0).astimezone())  # fmt: skip
    frozen_time.move_to(datetime(2026, 7, 1, 11, 0))
    sign_in(manager)
    client.post(reverse("audits:return-chase", args=[audit_return.pk]))
    reminders = [" ".join(li.get_text(" ").split()) for li in page(client.get(audit_return.get_absolute_url()))
                 .select("#reminder-list li")]  # fmt: skip
    assert reminders[0].startswith("Reminder sent on 1 July 2026") and reminders[0].endswith(f"by {manager}")
    assert reminders[1].startswith("Automatic reminder (Due soon) sent on 23 June 2026")


def test_no_reminder_about_a_submitted_return_nor_by_the_organisation(
    client, sign_in, audit_return, agency_user, manager
):
    sign_in(agency_user)
    assert "Reminders" not in text(client.get(audit_return.get_absolute_url()))
    assert client.post(reverse("audits:return-chase", args=[audit_return.pk])).status_code == 403
    with pytest.raises(Refusal, match="only the partnership's managers"):
        services.return_chase(audit_return=audit_return, by=agency_user)
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    sign_in(manager)
    detail = page(client.get(audit_return.get_absolute_url()))
    assert "Send a reminder" not in detail.get_text()
    response = client.post(reverse("audits:return-chase", args=[audit_return.pk]), follow=True)
    assert "You cannot send a reminder about this return now" in text(response)
    assert not Chase.objects.exists()
    assert date(2026, 6, 30) == services.return_due_on(audit_return)
