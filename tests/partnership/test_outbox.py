"""The outbox: an email the mail server does not take is tried again with growing waits and arrives, once, when
the server is back; a reminder counts as sent only then; after the last attempt staff see the email and the
administrators are told; no email's text (it may carry a working link) outlives its sending.

The mail server is Django's in-memory backend that refuses connections while `MailServer.down` is set
(`tests/mail.py`); time moves with time_machine; attempts run through the task or, where the tests' immediate
task backend cannot wait, by calling the attempt directly, as a worker would when the wait is over.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from partnership import services
from partnership.models import OutgoingEmail, Reminder, SiteSettings
from partnership.notify import email_on_commit
from partnership.outbox import email_attempt
from partnership.permissions import INVITE_USER
from partnership.reminders import reminders_send
from tests.html import page, text
from tests.mail import MailServer

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
ADMIN_ADDRESS = "Ann Admin <ann.admin@barnet.example>"
INVITATION_LINK = "/accounts/invitation/"


@pytest.fixture
def mail_server(settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail.MailServer"}}
    settings.ADMINS = [ADMIN_ADDRESS]
    MailServer.down = False
    yield MailServer
    MailServer.down = False


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks wait in the database until `db_worker` runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def invite(manager, agency, capture) -> OutgoingEmail:
    """A partnership manager invites someone: one email carrying a working invitation link."""
    with capture(execute=True):
        services.invitation_create(
            email="jo.lead@agency.example", first_name="Jo", last_name="Lead", organisation=agency, roles=[], by=manager
        )
    return OutgoingEmail.objects.get()


def attempt_when_due(email, clock) -> OutgoingEmail:
    email.refresh_from_db()
    clock.move_to(email.next_attempt_at)
    email_attempt(email_id=email.pk)
    email.refresh_from_db()
    return email


def housekeeping(capsys) -> list[str]:
    call_command("housekeeping")
    return capsys.readouterr().out.splitlines()


def test_an_email_sent_while_the_mail_server_is_down_arrives_once_it_is_back(
    mail_server, clock, manager, agency, django_capture_on_commit_callbacks, mailoutbox, capsys
):
    mail_server.down = True
    email = invite(manager, agency, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert (email.status, email.attempts, email.next_attempt_at) == ("queued", 1, START + timedelta(minutes=1))
    email = attempt_when_due(email, clock)
    assert (email.attempts, email.next_attempt_at) == (2, START + timedelta(minutes=1 + 2))

    mail_server.down = False
    email = attempt_when_due(email, clock)
    [sent] = mailoutbox
    assert sent.to == ["jo.lead@agency.example"] and INVITATION_LINK in sent.body
    assert (email.status, email.sent_at, email.body) == ("sent", START + timedelta(minutes=3), "")

    assert email_attempt(email_id=email.pk) is None  # a second task for it does nothing
    clock.shift(timedelta(hours=2))
    housekeeping(capsys)
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)  # the worker commits and reconnects as in production
def test_the_worker_tries_again_when_the_wait_is_over(
    mail_server, clock, database_tasks, manager, agency, django_capture_on_commit_callbacks, mailoutbox
):
    mail_server.down = True
    email = invite(manager, agency, django_capture_on_commit_callbacks)
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [], "kwargs": {"outgoing_email_id": email.pk}}  # never the text
    run_worker()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == START + timedelta(minutes=1)

    mail_server.down = False
    run_worker()
    assert mailoutbox == []  # not before the wait is over
    clock.shift(timedelta(minutes=1))
    run_worker()
    [sent] = mailoutbox
    assert INVITATION_LINK in sent.body
    assert OutgoingEmail.objects.get().body == ""
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_waits_double_up_to_the_longest_wait_then_the_email_fails(
    mail_server, clock, settings, manager, agency, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 6
    settings.EMAIL_RETRY_MAX_MINUTES = 4
    mail_server.down = True
    email = invite(manager, agency, django_capture_on_commit_callbacks)
    waits = []
    while email.status == "queued":
        waits.append(int((email.next_attempt_at - timezone.now()).total_seconds() // 60))
        email = attempt_when_due(email, clock)
    assert waits == [1, 2, 4, 4, 4]
    assert (email.status, email.attempts, email.next_attempt_at) == ("failed", 6, None)
    assert email.get_problem_display() == "The portal could not reach the mail server"


def test_after_the_last_attempt_staff_see_the_email_and_the_administrators_are_told(
    mail_server,
    clock,
    settings,
    client,
    sign_in,
    manager,
    agency,
    django_capture_on_commit_callbacks,
    mailoutbox,
    capsys,
):
    settings.EMAIL_MAX_ATTEMPTS = 2
    mail_server.down = True
    email = attempt_when_due(invite(manager, agency, django_capture_on_commit_callbacks), clock)
    assert email.status == "failed"
    assert mailoutbox == []  # the administrators could not be told either: the same server is down

    sign_in(manager)
    assert "1 not delivered" in text(client.get(reverse("staff-home")))
    shown = text(client.get(reverse("emails-undelivered")))
    assert "You have been invited to the BSCP portal" in shown
    assert "To jo.lead@agency.example" in shown
    assert "Not delivered after 2 attempts" in shown
    assert "The portal could not reach the mail server" in shown
    assert INVITATION_LINK not in client.get(reverse("emails-undelivered")).content.decode()

    mail_server.down = False
    assert "Emails: 1 undelivered email(s) reported to the administrators" in housekeeping(capsys)
    assert "Emails: 0 undelivered email(s) reported to the administrators" in housekeeping(capsys)
    [alert] = mailoutbox
    assert alert.to == [ADMIN_ADDRESS]
    assert alert.subject == "[BSCP portal] 1 email(s) not delivered"
    assert "You have been invited to the BSCP portal" in alert.body
    assert settings.SITE_URL + reverse("emails-undelivered") in alert.body
    assert INVITATION_LINK not in alert.body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("email-resend", args=[email.pk]), follow=True)
    assert "“You have been invited to the BSCP portal” will be sent again." in text(response)
    assert "Every email has been delivered." in text(response)
    assert mailoutbox[-1].to == ["jo.lead@agency.example"] and INVITATION_LINK in mailoutbox[-1].body
    assert "1 not delivered" not in text(client.get(reverse("staff-home")))


def test_a_reminder_is_marked_sent_only_once_its_email_is_delivered(
    mail_server, clock, manager, agency, django_capture_on_commit_callbacks
):
    services.deadline_open(
        subject=agency, kind="test.clock", title="Clock", due_on=START.date(), audience_permission=INVITE_USER
    )
    mail_server.down = True
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=START.date()) == 1
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None
    attempt_when_due(reminder.email, clock)
    reminder.refresh_from_db()
    assert reminder.sent_at is None

    mail_server.down = False
    attempt_when_due(reminder.email, clock)
    reminder.refresh_from_db()
    assert reminder.sent_at == START + timedelta(minutes=1 + 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=START.date()) == 0


def test_housekeeping_sends_an_email_whose_task_was_lost(
    mail_server, clock, manager, agency, django_capture_on_commit_callbacks, mailoutbox, capsys
):
    mail_server.down = True
    invite(manager, agency, django_capture_on_commit_callbacks)  # the retry task is lost
    mail_server.down = False
    clock.shift(timedelta(minutes=5))
    assert "Emails: 0 email(s) whose sending was interrupted queued again" in housekeeping(capsys)
    clock.shift(timedelta(minutes=10))
    assert "Emails: 1 email(s) whose sending was interrupted queued again" in housekeeping(capsys)
    assert [message.to for message in mailoutbox] == [["jo.lead@agency.example"]]


@pytest.mark.django_db(transaction=True)
def test_housekeeping_removes_old_task_results_and_the_text_of_long_undelivered_emails(
    mail_server, clock, settings, database_tasks, client, sign_in, manager, agency,
    django_capture_on_commit_callbacks, capsys,
):  # fmt: skip
    settings.EMAIL_MAX_ATTEMPTS = 1
    mail_server.down = True
    invite(manager, agency, django_capture_on_commit_callbacks)
    run_worker()
    email = OutgoingEmail.objects.get()
    assert email.status == "failed" and INVITATION_LINK in email.body  # kept, to send again

    clock.shift(timedelta(days=settings.TASK_RESULTS_KEEP_DAYS, minutes=1))
    assert "Tasks: 1 finished task result(s) removed" in housekeeping(capsys)
    assert "Emails: 0 email text(s) removed (sent, or undelivered too long)" in housekeeping(capsys)
    clock.shift(timedelta(days=settings.EMAIL_UNDELIVERED_KEEP_DAYS))
    assert "Emails: 1 email text(s) removed (sent, or undelivered too long)" in housekeeping(capsys)
    email.refresh_from_db()
    assert email.body == ""

    sign_in(manager)
    shown = text(client.get(reverse("emails-undelivered")))
    assert "Not possible: its text was removed 28 days after it failed" in shown
    response = client.post(reverse("email-resend", args=[email.pk]), follow=True)
    assert "This email cannot be sent again" in text(response)


def test_a_password_reset_link_is_not_kept_once_sent(
    mail_server, client, manager, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": manager.email})
    assert "/accounts/password-reset/" in mailoutbox[0].body
    email = OutgoingEmail.objects.get()
    assert (email.status, email.body, email.template) == ("sent", "", "registration/email/password_reset.txt")


def test_administrators_send_failed_emails_again_from_the_admin(
    mail_server, settings, client, sign_in, administrator, manager, agency, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    settings.EMAIL_MAX_ATTEMPTS = 1
    mail_server.down = True
    email = invite(manager, agency, django_capture_on_commit_callbacks)
    mail_server.down = False
    sign_in(administrator)
    changelist = reverse("admin:partnership_outgoingemail_changelist")
    listed = client.get(changelist, {"q": "jo.lead"})
    assert "You have been invited to the BSCP portal" in text(listed, "#result_list")
    assert (
        INVITATION_LINK
        not in client.get(reverse("admin:partnership_outgoingemail_change", args=[email.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {"action": "resend", "_selected_action": [email.pk]}, follow=True)
    assert "1 email(s) will be sent again." in text(response)
    assert mailoutbox[-1].to == ["jo.lead@agency.example"]
    assert OutgoingEmail.objects.get().status == "sent"


def test_an_email_carries_its_copies_reply_to_and_calendar_file_and_keeps_none_of_it_once_sent(
    mail_server, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        email_on_commit(
            to=["gp@practice.example"],
            cc=["coordinator@cdop.example", "gp@practice.example", ""],
            reply_to=["cdop@ncl.example", ""],
            subject="Panel meeting",
            template="partnership/email/reminder.txt",
            context={},
            attachments=[{"filename": "meeting.ics", "content": invitation, "mimetype": "text/calendar"}],
        )
    [sent] = mailoutbox
    assert (sent.to, sent.cc, sent.reply_to) == (
        ["gp@practice.example"],
        ["coordinator@cdop.example"],
        ["cdop@ncl.example"],
    )
    assert sent.attachments[0][:3] == ("meeting.ics", invitation, "text/calendar")
    email = OutgoingEmail.objects.get()
    assert (email.status, email.body, email.attachments) == ("sent", "", [])


def test_the_site_settings_are_one_row_the_administrator_edits(client, sign_in, administrator):
    admin_client = client
    sign_in(administrator)
    listing = page(admin_client.get(reverse("admin:partnership_sitesettings_changelist")))
    change_url = reverse("admin:partnership_sitesettings_change", args=[1])
    assert listing.select_one(f"a[href='{change_url}']").get_text(strip=True) == "Site settings"
    response = admin_client.post(change_url, {"cdop_email": "cdop@ncl.example", "contact_email": ""}, follow=True)
    assert response.status_code == 200
    assert SiteSettings.current().cdop_email == "cdop@ncl.example"
    assert SiteSettings.objects.count() == 1
    assert admin_client.get(reverse("admin:partnership_sitesettings_add")).status_code == 403
