"""Reminder emails about statutory clocks: before a clock falls due, on the day, and once it is overdue.

`reminders_send` is idempotent (one `Reminder` row per clock and stage) and takes a PostgreSQL advisory lock,
so two scheduler runs at once never send twice. An app with reminders of its own names them on its AppConfig:
`reminders` (a dotted path to a function called with `today=` under the same lock, returning how many it queued)
and `own_reminder_kinds` (the clock kinds those replace, which the generic reminders then leave alone).
"""

from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse

from partnership.calendar import add_working_days
from partnership.hooks import app_hooks
from partnership.links import absolute_url
from partnership.models import Deadline, Reminder, User
from partnership.notify import email_on_commit
from partnership.permissions import ACT_FOR_ORGANISATION

ADVISORY_LOCK_KEY = 7_311_001  # any constant unique to this job
BACKEND = "django.contrib.auth.backends.ModelBackend"


def reminder_stage(deadline: Deadline, today: date) -> str | None:
    """Which reminder, if any, a clock is due today. Only the current stage is sent: a run missed last week
    does not send a stale "due soon" for a clock now overdue."""
    if today > deadline.due_on:
        return Reminder.Stage.OVERDUE
    if today == deadline.due_on:
        return Reminder.Stage.DUE
    if today >= add_working_days(deadline.due_on, -settings.REMINDER_WORKING_DAYS_BEFORE):
        return Reminder.Stage.BEFORE
    return None


def recipients(deadline: Deadline) -> list[str]:
    """Everyone the clock is shown to on 'My work': holders of its permission, and its organisation's agency users."""
    people = User.objects.with_perm(deadline.audience_permission, include_superusers=False, backend=BACKEND)
    emails = set(people.values_list("email", flat=True))
    if deadline.organisation_id:
        agency = User.objects.with_perm(ACT_FOR_ORGANISATION, include_superusers=False, backend=BACKEND).filter(
            organisation_id=deadline.organisation_id
        )
        emails |= set(agency.values_list("email", flat=True))
    return sorted(emails)


@transaction.atomic
def reminders_send(*, today: date) -> int | None:
    """Queue every reminder due today; returns how many, or None when another run holds the lock. Each is marked
    sent when its email is delivered (`partnership.outbox`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        if not cursor.fetchone()[0]:
            return None
    horizon = add_working_days(today, settings.REMINDER_WORKING_DAYS_BEFORE)
    queued = 0
    reminded_elsewhere = [
        kind for config in apps.get_app_configs() for kind in getattr(config, "own_reminder_kinds", ())
    ]
    clocks = Deadline.objects.open().filter(due_on__lte=horizon).exclude(kind__in=reminded_elsewhere)
    for deadline in clocks.select_related("organisation"):
        stage = reminder_stage(deadline, today)
        if stage is None or Reminder.objects.filter(deadline=deadline, stage=stage).exists():
            continue
        to = recipients(deadline)
        email = email_on_commit(
            to=to,
            subject=f"{Reminder.Stage(stage).label}: {deadline.title}",
            template="partnership/email/reminder.txt",
            context={"deadline": deadline, "stage": stage, "today": today, "link": absolute_url(reverse("staff-home"))},
        )
        Reminder.objects.create(deadline=deadline, stage=stage, recipients="\n".join(to), email=email)
        queued += 1
    for send in app_hooks("reminders"):
        queued += send(today=today)
    return queued
