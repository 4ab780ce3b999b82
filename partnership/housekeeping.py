"""Housekeeping: delete what has expired and is kept for nothing, and make sure no email is forgotten
(`manage.py housekeeping`, hourly or at least daily).

Each job is idempotent and returns one line saying what it removed. Add a job by writing a function that returns
that line and naming it in JOBS.
"""

from datetime import timedelta
from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from partnership import outbox


def expired_sessions() -> str:
    """Django's `clearsessions`, counted: the session rows whose expiry date has passed."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # a cache or cookie store expires sessions by itself
        return "Sessions: kept in a store that expires them itself"
    deleted, _ = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
    return f"Sessions: {deleted} expired session(s) removed"


def expired_lockouts() -> str:
    """Failed sign-in records older than the cool-off time: they no longer lock anyone out."""
    cool_off = get_cool_off()
    if cool_off is None:  # lockouts last until an administrator lifts them
        return "Sign-in lockouts: kept until an administrator lifts them"
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - cool_off).delete()
    return f"Sign-in lockouts: {deleted} expired record(s) removed"


def lost_emails() -> str:
    """The outbox's safety net: an email whose task was lost is queued again."""
    return f"Emails: {outbox.emails_requeue_lost()} email(s) whose sending was interrupted queued again"


def undelivered_emails_reported() -> str:
    """Failures the administrators could not be told of when they happened (the mail server was down)."""
    return f"Emails: {outbox.emails_failed_report()} undelivered email(s) reported to the administrators"


def email_texts() -> str:
    return f"Emails: {outbox.email_texts_purge()} email text(s) removed (sent, or undelivered too long)"


def finished_task_results() -> str:
    """The task queue's record of finished tasks, kept TASK_RESULTS_KEEP_DAYS for troubleshooting."""
    too_old = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=too_old).delete()
    return f"Tasks: {deleted} finished task result(s) removed"


JOBS = [
    expired_sessions,
    expired_lockouts,
    lost_emails,
    undelivered_emails_reported,
    email_texts,
    finished_task_results,
]


def housekeeping_run() -> list[str]:
    return [job() for job in JOBS]
