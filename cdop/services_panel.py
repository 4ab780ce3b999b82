"""Panel meetings: planning them, their agenda, the invitations (with a calendar file) and the panel pack.

The case's `panel_meeting_on` is kept in step with its meetings: it is the date of the latest meeting, not
cancelled, with the case on its agenda (None when there is none), set here and nowhere else."""

from datetime import date, time

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cdop.emails import cdop_email
from cdop.ics import invitation_ics
from cdop.models import AGENDA_STAGES, ChildDeathCase, PanelAgendaItem, PanelMeeting
from cdop.selectors import panel_invitees
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.models import SiteSettings, User
from partnership.workflow import lock

Stage = ChildDeathCase.Stage


def _check_members(members) -> list[User]:
    members = list(members)
    allowed = set(panel_invitees().values_list("pk", flat=True))
    if any(member.pk not in allowed for member in members):
        raise Refusal("Only CDOP panel members and the coordinator can be invited to a panel meeting.")
    return members


def _not_cancelled(meeting: PanelMeeting, doing: str) -> None:
    if meeting.cancelled_at:
        raise Refusal(f"You cannot {doing}: the meeting is cancelled.")


def _sync_case(case: ChildDeathCase) -> None:
    latest = PanelMeeting.objects.filter(agenda__case=case, cancelled_at__isnull=True).aggregate(on=Max("meets_on"))[
        "on"
    ]
    case = lock(case)
    if case.stage == Stage.CLOSED or case.panel_meeting_on == latest:
        return
    case.panel_meeting_on = latest
    case.save(update_fields=["panel_meeting_on", "version"])


def _sync_agenda(meeting: PanelMeeting) -> None:
    for item in meeting.agenda.select_related("case"):
        _sync_case(item.case)


@transaction.atomic
def meeting_create(*, meets_on: date, starts_at: time, place: str, members, by: User) -> PanelMeeting:
    meeting = PanelMeeting(meets_on=meets_on, starts_at=starts_at, place=place, created_by=by)
    meeting.full_clean()
    members = _check_members(members)
    meeting.save()
    meeting.members.set(members)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: PanelMeeting, meets_on: date, starts_at: time, place: str, members, version: int | None, by: User
) -> PanelMeeting:
    """Date, time, place and who is invited. A changed date or time after the invitations went out is shown on
    the meeting's page with an offer to send the update (`update_due`)."""
    meeting = lock(meeting, version=version)
    _not_cancelled(meeting, "change the meeting")
    members = _check_members(members)
    meeting.meets_on, meeting.starts_at, meeting.place = meets_on, starts_at, place
    meeting.full_clean()
    meeting.save()
    meeting.members.set(members)
    _sync_agenda(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: PanelMeeting, by: User) -> PanelMeeting:
    """The meeting is off; when invitations went out, each invited person is told, with a calendar
    cancellation of the same event (the next SEQUENCE), so it leaves their calendar."""
    meeting = lock(meeting)
    _not_cancelled(meeting, "cancel the meeting")
    meeting.cancelled_at = timezone.now()
    if meeting.invitations_sent_at:
        meeting.invitation_sequence += 1
    meeting.save()
    _sync_agenda(meeting)
    if meeting.invitations_sent_at:
        organiser = SiteSettings.current().cdop_email
        for member in meeting.members.filter(is_active=True):
            cdop_email(
                to=[member.email],
                subject=f"Cancelled: Child Death Overview Panel meeting on {meeting.meets_on:%-d %B %Y}",
                template="cdop/email/panel_cancelled.txt",
                context={"meeting": meeting, "member": member},
                attachments=[
                    {
                        "filename": "panel-meeting.ics",
                        "content": invitation_ics(meeting, attendee=member.email, organiser=organiser, cancel=True),
                        "mimetype": "text/calendar",
                    }
                ],
            )
    return meeting


@transaction.atomic
def agenda_add(*, meeting: PanelMeeting, case: ChildDeathCase, by: User) -> PanelAgendaItem:
    meeting = lock(meeting)
    _not_cancelled(meeting, "change the agenda")
    case = lock(case, stages=AGENDA_STAGES, doing="put the case on a panel agenda")
    if meeting.agenda.filter(case=case).exists():
        raise Refusal(f"{case.reference} is already on this meeting's agenda.")
    order = (meeting.agenda.aggregate(last=Max("order"))["last"] or 0) + 1
    item = PanelAgendaItem.objects.create(meeting=meeting, case=case, order=order)
    meeting.save()  # a new version: a pack or invitation form opened before the change is stale
    _sync_case(case)
    return item


@transaction.atomic
def agenda_remove(*, meeting: PanelMeeting, case: ChildDeathCase, by: User) -> None:
    meeting = lock(meeting)
    _not_cancelled(meeting, "change the agenda")
    deleted, _ = meeting.agenda.filter(case=case).delete()
    if not deleted:
        raise Refusal(f"{case.reference} is not on this meeting's agenda.")
    meeting.save()
    _sync_case(case)


@transaction.atomic
def invitations_send(*, meeting: PanelMeeting, urgent: bool, by: User) -> PanelMeeting:
    """Each invited person gets an email with the agenda (reference and pseudonym only), a link to the meeting
    page and a calendar file. Invitations go out at least `CDOP_PANEL_INVITATION_DAYS` ahead (DOMAIN.md), sooner
    only when the coordinator says it is urgent. Sent again after the date or time changed, they are an update:
    the same calendar UID with the next SEQUENCE, so calendars move the event rather than add another."""
    meeting = lock(meeting)
    _not_cancelled(meeting, "send invitations")
    today = timezone.localdate()
    if meeting.meets_on < today:
        raise Refusal("The meeting date has passed: change the date before sending invitations.")
    members = list(meeting.members.filter(is_active=True).order_by("last_name", "first_name"))
    if not members:
        raise Refusal("Invite at least one panel member before sending invitations.")
    agenda = list(meeting.agenda.select_related("case"))
    if not agenda:
        raise Refusal("Put at least one case on the agenda before sending invitations.")
    ahead = (meeting.meets_on - today).days
    notice = settings.CDOP_PANEL_INVITATION_DAYS
    if ahead < notice and not urgent:
        raise Refusal(
            f"The meeting is {ahead} days away: invitations go out at least {notice} days ahead. "
            "Tick “send anyway: urgent” to send them now."
        )
    update = meeting.invitations_sent_at is not None
    if meeting.update_due:
        meeting.invitation_sequence += 1
    meeting.invitations_sent_at = timezone.now()
    meeting.invited_for_on, meeting.invited_for_at = meeting.meets_on, meeting.starts_at
    meeting.save()
    organiser = SiteSettings.current().cdop_email
    subject = "Updated: " if update else ""
    subject += f"Child Death Overview Panel meeting on {meeting.meets_on:%-d %B %Y}"
    for member in members:
        cdop_email(
            to=[member.email],
            subject=subject,
            template="cdop/email/panel_invitation.txt",
            context={
                "meeting": meeting,
                "member": member,
                "agenda": agenda,
                "update": update,
                "link": absolute_url(meeting.get_absolute_url()),
            },
            attachments=[
                {
                    "filename": "panel-meeting.ics",
                    "content": invitation_ics(meeting, attendee=member.email, organiser=organiser),
                    "mimetype": "text/calendar",
                }
            ],
        )
    return meeting


@transaction.atomic
def pack_issue(*, meeting: PanelMeeting, version: int | None, by: User) -> PanelMeeting:
    """The coordinator has read the pack (the preview they issue from) and gives it to the invited members."""
    meeting = lock(meeting, version=version)
    _not_cancelled(meeting, "issue the pack")
    if not meeting.agenda.exists():
        raise Refusal("Put at least one case on the agenda before issuing the pack.")
    meeting.pack_issued_at, meeting.pack_issued_by = timezone.now(), by
    meeting.save()
    return meeting
