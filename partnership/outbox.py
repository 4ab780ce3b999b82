"""The outbox: every email the portal sends is an `OutgoingEmail` row first, then sent by a task.

An email is queued in the transaction of the step that sends it (`email_queue`, through
`partnership.notify.email_on_commit`) and its task is enqueued when that transaction commits, with the row's id
only: the task queue never holds an email's text. `email_attempt` sends it. When the mail server cannot be
reached or refuses, the email waits 1, 2, 4... minutes (`EMAIL_RETRY_FIRST_SECONDS`, doubled each time, at most
`EMAIL_RETRY_MAX_MINUTES`) and is tried again, `EMAIL_MAX_ATTEMPTS` times in all; then it is failed, shown on
the "Emails not delivered" page and reported to the administrators. Once sent, its text is emptied: it may
carry a working link. `housekeeping` is the safety net: it queues again an email whose task was lost and reports
failures the administrators were not yet told of.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mail_admins
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership.links import absolute_url
from partnership.models import OutgoingEmail, Reminder, User

logger = logging.getLogger(__name__)

# A waiting email whose attempt is this late has lost its task (a worker stopped, a database restored).
LOST_AFTER = timedelta(minutes=10)
REFUSED = (ValueError,)  # the message itself cannot be sent (a bad address or header): no server will take it


def email_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    template: str,
    cc: list[str] = (),
    reply_to: list[str] = (),
    attachments: list[dict] = (),
) -> OutgoingEmail:
    """Queue an email; its task is enqueued when the current transaction commits (never, if it rolls back).
    `attachments` are text files: dicts of filename, content and mimetype."""
    email = OutgoingEmail.objects.create(
        to=to,
        cc=list(cc),
        reply_to=list(reply_to),
        subject=subject,
        body=body,
        attachments=list(attachments),
        template=template,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue(email))
    return email


def _enqueue(email: OutgoingEmail) -> None:
    """Hand the email to the task queue for its next attempt. A backend that cannot hold a task until a given
    time (the tests' immediate backend) is given only what is due now: `emails_requeue_lost` sends the rest."""
    task = send_email
    if email.next_attempt_at > timezone.now():
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=email.next_attempt_at)
    task.enqueue(outgoing_email_id=email.pk)


@task
def send_email(*, outgoing_email_id: int) -> str:
    """One attempt at one email of the outbox (the task `manage.py db_worker` runs). Given the row's id only, so
    the task table never holds a body."""
    email = email_attempt(email_id=outgoing_email_id)
    return email.status if email else "nothing to do"


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4... minutes (from the first wait), capped."""
    wait = timedelta(seconds=settings.EMAIL_RETRY_FIRST_SECONDS * 2 ** (attempts - 1))
    return min(wait, timedelta(minutes=settings.EMAIL_RETRY_MAX_MINUTES))


def email_attempt(*, email_id: int) -> OutgoingEmail | None:
    """Try to send one email, if it is still waiting and due. The task calls this; so may anything else, any number
    of times: the row is locked while sending, so an email is sent once however many tasks ask.

    Returns the email, or None when there was nothing to do (sent, failed, not due, or being sent right now).
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=timezone.now())
            .first()
        )
        if email is None:
            return None
        try:
            _message(email).send()
        except Exception as error:  # noqa: BLE001 (every failure is an attempt: an email is never lost to a bug)
            _attempt_failed(email, error)
        else:
            _sent(email)
    if email.status == OutgoingEmail.Status.QUEUED:
        _enqueue(email)
    elif email.status == OutgoingEmail.Status.FAILED:
        logger.error(
            "Email %s (%s) not delivered after %s attempts: %s",
            email.pk,
            email.template,
            email.attempts,
            email.last_error,
        )
        emails_failed_report()
    return email


def _message(email: OutgoingEmail) -> EmailMessage:
    message = EmailMessage(email.subject, email.body, to=email.to, cc=email.cc, reply_to=email.reply_to)
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def _sent(email: OutgoingEmail) -> None:
    email.attempts += 1
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.body = ""
    email.attachments = []
    email.next_attempt_at = None
    email.save()
    Reminder.objects.filter(email=email).update(sent_at=email.sent_at)


def _attempt_failed(email: OutgoingEmail, error: Exception) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    email.problem = problem_of(error)
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS or isinstance(error, REFUSED):
        email.status = OutgoingEmail.Status.FAILED
        email.failed_at = timezone.now()
        email.next_attempt_at = None
    else:
        email.next_attempt_at = timezone.now() + retry_wait(email.attempts)
    email.save()
    logger.warning("Email %s: attempt %s failed: %s", email.pk, email.attempts, email.last_error)


def problem_of(error: Exception) -> str:
    """What went wrong, in words staff understand. smtplib's errors are OSErrors too, so its own come first."""
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected):
        return OutgoingEmail.Problem.CONNECTION
    if isinstance(error, smtplib.SMTPException | ValueError):
        return OutgoingEmail.Problem.REFUSED
    if isinstance(error, OSError):  # refused, reset, timed out, no route, name not known
        return OutgoingEmail.Problem.CONNECTION
    return OutgoingEmail.Problem.OTHER


def emails_failed_report() -> int:
    """Tell the administrators (ADMINS) about every failed email they have not been told of, in one email.
    When that fails too (the mail server is still down), the next `housekeeping` run tries again."""
    with transaction.atomic():
        failed = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingEmail.Status.FAILED, admins_told_at=None)
            .order_by("failed_at")
        )
        if not failed:
            return 0
        context = {"emails": failed, "link": absolute_url(reverse("emails-undelivered"))}
        try:
            mail_admins(
                f"{len(failed)} email(s) not delivered",
                render_to_string("partnership/email/emails_failed_report.txt", context),
            )
        except Exception:  # noqa: BLE001 (the failures stay untold: housekeeping tries again)
            logger.warning(
                "Could not tell the administrators about %s undelivered email(s)", len(failed), exc_info=True
            )
            return 0
        OutgoingEmail.objects.filter(pk__in=[email.pk for email in failed]).update(admins_told_at=timezone.now())
    return len(failed)


@transaction.atomic
def email_resend(*, email: OutgoingEmail, by: User) -> OutgoingEmail:
    """Send an undelivered email again, with a fresh set of attempts (after the mail server was fixed)."""
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    if email.status == OutgoingEmail.Status.SENT:
        raise ValidationError("This email has already been sent.")
    if not email.body:
        raise ValidationError(
            f"This email cannot be sent again: its text is removed {settings.EMAIL_UNDELIVERED_KEEP_DAYS} days "
            "after it failed. Repeat the step that sent it."
        )
    email.status = OutgoingEmail.Status.QUEUED
    email.attempts = 0
    email.next_attempt_at = timezone.now()
    email.failed_at = email.admins_told_at = None
    email.save()
    logger.info("Email %s queued again by user %s", email.pk, by.pk)
    transaction.on_commit(lambda: _enqueue(email))
    return email


def emails_requeue_lost() -> int:
    """Enqueue again every waiting email whose attempt is long overdue: its task was lost. Safe to run at any
    time: an email already being sent, or sent, is left alone by `email_attempt`."""
    lost = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=timezone.now() - LOST_AFTER
    )
    count = 0
    for email in lost.only("pk", "next_attempt_at"):
        _enqueue(email)
        count += 1
    return count


def email_texts_purge() -> int:
    """Empty the text of sent emails (normally done on sending) and of emails undelivered for longer than
    `EMAIL_UNDELIVERED_KEEP_DAYS`: a Form B or password link must not outlive its use in the database."""
    too_old = timezone.now() - timedelta(days=settings.EMAIL_UNDELIVERED_KEEP_DAYS)
    emptied = Q(body="") & Q(attachments=[])
    sent = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).exclude(emptied)
    failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED, failed_at__lt=too_old).exclude(emptied)
    return sent.update(body="", attachments=[]) + failed.update(body="", attachments=[])
