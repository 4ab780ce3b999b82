"""Form B reminders reach the professional asked: 7 days after sending, on the due date, then weekly (copying the
coordinators), once per step, with a working link; never after the request is submitted, withdrawn or closed."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cdop import services_form_b
from cdop.models import FORM_B_SECTIONS, ChildDeathCase, FormBReminder
from partnership.models import Reminder, SiteSettings
from partnership.reminders import reminders_send
from partnership.roles import Role
from tests.factories import UserFactory
from tests.html import text

pytestmark = pytest.mark.django_db
SENT = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.get_default_timezone())  # a Monday


@pytest.fixture
def sent(coordinator, agency, case, django_capture_on_commit_callbacks):
    with time_machine.travel(SENT, tick=False), django_capture_on_commit_callbacks(execute=True):
        form_b = services_form_b.form_b_send(
            case=case,
            organisation=agency,
            professional_name="Pat Practitioner",
            professional_email="pat@agency.example",
            by=coordinator,
        )
    mail.outbox.clear()
    return form_b


def run_on(day_offset, capture, times=2):
    with time_machine.travel(SENT + timedelta(days=day_offset), tick=False), capture(execute=True):
        for _ in range(times):
            reminders_send(today=timezone.localdate())


@pytest.mark.parametrize(
    ("day", "step", "copied"),
    [(6, None, False), (7, "7 days", False), (14, "due", False), (20, "due", False), (21, "overdue week 1", True)],
)
def test_each_step_is_sent_once_to_the_professional(
    sent, coordinator, agency, day, step, copied, django_capture_on_commit_callbacks
):
    UserFactory(organisation=agency, roles=[Role.AGENCY_USER], email="lead@agency.example")
    run_on(day, django_capture_on_commit_callbacks)
    assert list(FormBReminder.objects.values_list("step", flat=True)) == ([step] if step else [])
    assert len(mail.outbox) == (1 if step else 0)
    if step:
        [email] = mail.outbox
        assert email.to == ["pat@agency.example"]
        assert email.cc == ([coordinator.email] if copied else [])
        assert f"/cdop/form-b/{sent.pk}/link/" in email.body
    assert not Reminder.objects.exists()  # the generic clock reminder leaves Form B to this one


def test_the_whole_schedule_sends_one_reminder_per_step(sent, django_capture_on_commit_callbacks):
    for day in (7, 8, 14, 15, 21, 22, 28):
        run_on(day, django_capture_on_commit_callbacks)
    assert list(FormBReminder.objects.values_list("step", flat=True)) == [
        "7 days",
        "due",
        "overdue week 1",
        "overdue week 2",
    ]
    assert len(mail.outbox) == 4


def test_the_link_in_a_reminder_opens_the_form_and_older_links_still_work(
    sent, client, django_capture_on_commit_callbacks
):
    SiteSettings.objects.update_or_create(pk=1, defaults={"cdop_email": "cdop@ncl.example"})
    older = services_form_b.form_b_link(sent)
    run_on(7, django_capture_on_commit_callbacks, times=1)
    [email] = mail.outbox
    assert email.reply_to == ["cdop@ncl.example"] and "cdop@ncl.example" in email.body
    link = next(line for line in email.body.splitlines() if "/link/" in line)
    with time_machine.travel(SENT + timedelta(days=7), tick=False):
        assert client.get(link).status_code == 200
        assert client.get(older).status_code == 200


@pytest.mark.parametrize("how", ["submitted", "withdrawn", "case closed"])
def test_reminders_stop(how, sent, coordinator, django_capture_on_commit_callbacks):
    if how == "withdrawn":
        services_form_b.form_b_revoke(form_b=sent, by=coordinator)
    elif how == "submitted":
        answers = {"contact_name": "Pat", "not_known": [name for name, _ in FORM_B_SECTIONS]}
        services_form_b.form_b_save(form_b=sent, answers=answers, submit=True, version=None, by=None)
    else:
        ChildDeathCase.objects.filter(pk=sent.case_id).update(stage=ChildDeathCase.Stage.CLOSED)
    run_on(21, django_capture_on_commit_callbacks)
    assert not FormBReminder.objects.exists() and not mail.outbox


def test_the_reminders_show_on_the_form_b_page(sent, coordinator, sign_in, django_capture_on_commit_callbacks):
    run_on(7, django_capture_on_commit_callbacks)
    run_on(21, django_capture_on_commit_callbacks)
    page = text(sign_in(coordinator).get(f"/cdop/form-b/{sent.pk}/"))
    assert "Reminders sent" in page
    assert "7 days" in page and "Overdue week 1" in page and coordinator.email in page


def test_the_command_runs_the_form_b_reminders(sent, capsys, django_capture_on_commit_callbacks):
    with time_machine.travel(SENT + timedelta(days=7), tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
        call_command("send_reminders")
    assert capsys.readouterr().out.splitlines() == ["1 reminder(s) queued to send.", "0 reminder(s) queued to send."]
    assert [email.to for email in mail.outbox] == [["pat@agency.example"]]
