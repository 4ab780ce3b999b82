"""Form B reminders to the professional asked, the person whose email holds the link (most have no account).

Steps: `CDOP_FORM_B_FIRST_REMINDER_DAYS` (7) after sending, on the due date, then every
`CDOP_FORM_B_OVERDUE_REMINDER_DAYS` (7) once overdue; the overdue ones are escalations and copy the coordinators.
Only the step a request stands at today is sent (a missed run does not send a stale "7 days" for a request now
overdue). Each is a `FormBReminder` row, unique per request and step, so running again sends nothing twice; the
run shares `partnership.reminders`' advisory lock (it is called from inside `reminders_send`).

The generic clock reminders leave the Form B clock to this job (`CdopConfig.own_reminder_kinds`): the agency's
account holders are not emailed about it, and the coordinators see it on My work and are copied here once it is
overdue, so everyone gets one email per step.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from cdop.emails import cdop_email
from cdop.models import OPEN_STAGES, ChildDeathCase, FormBReminder, FormBRequest
from cdop.permissions import MANAGE_CASES
from cdop.services_form_b import form_b_link
from partnership.models import User

BACKEND = "django.contrib.auth.backends.ModelBackend"
DUE = "due"


def reminder_step(form_b: FormBRequest, today: date) -> str | None:
    """Which reminder step the request stands at today, or None before the first."""
    if today > form_b.due_on:
        weeks = (today - form_b.due_on).days // settings.CDOP_FORM_B_OVERDUE_REMINDER_DAYS
        return f"overdue week {weeks}" if weeks else DUE
    if today == form_b.due_on:
        return DUE
    first = timezone.localdate(form_b.sent_at) + timedelta(days=settings.CDOP_FORM_B_FIRST_REMINDER_DAYS)
    if first <= today:
        return f"{settings.CDOP_FORM_B_FIRST_REMINDER_DAYS} days"
    return None


def coordinators() -> list[str]:
    people = User.objects.with_perm(MANAGE_CASES, include_superusers=False, backend=BACKEND)
    return sorted(people.values_list("email", flat=True))


def reminders_due():
    """Open requests (returned ones too) of open cases: submitted, withdrawn and closed-case requests are never
    chased."""
    return (
        FormBRequest.objects.filter(stage__in=OPEN_STAGES)
        .exclude(case__stage=ChildDeathCase.Stage.CLOSED)
        .select_related("case", "organisation")
        .order_by("pk")
    )


def form_b_reminders_send(*, today: date) -> int:
    """Queue each Form B reminder due today; returns how many. Runs inside `reminders_send`'s transaction."""
    queued = 0
    for form_b in reminders_due():
        step = reminder_step(form_b, today)
        if step is None or FormBReminder.objects.filter(request=form_b, step=step).exists():
            continue
        overdue = step.startswith("overdue")
        cc = coordinators() if overdue else []
        email = cdop_email(
            to=[form_b.professional_email],
            cc=cc,
            subject=_subject(form_b, step),
            template="cdop/email/form_b_reminder.txt",
            context={
                "form_b": form_b,
                "step": step,
                "overdue": overdue,
                "due": step == DUE,
                "link": form_b_link(form_b),
                "link_days": settings.CDOP_FORM_B_LINK_DAYS,
            },
        )
        FormBReminder.objects.create(request=form_b, step=step, sent_to=form_b.professional_email, cc=cc, email=email)
        queued += 1
    return queued


def _subject(form_b: FormBRequest, step: str) -> str:
    if step.startswith("overdue"):
        return f"Overdue: Form B for child death review {form_b.case.reference}"
    if step == DUE:
        return f"Due today: Form B for child death review {form_b.case.reference}"
    return f"Reminder: Form B for child death review {form_b.case.reference}"
