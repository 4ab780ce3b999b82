"""Case for consideration and the Serious Incident Notification."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from partnership.calendar import add_working_days
from partnership.links import absolute_url
from partnership.models import Organisation
from partnership.nhs import INVALID as INVALID_NHS_NUMBER
from partnership.nhs import nhs_number_is_valid, normalise
from partnership.notify import email_on_commit
from partnership.references import next_reference
from partnership.services import deadline_meet, deadline_open
from partnership.workflow import advance, lock, start
from reviews.models import Case, CaseForConsideration, Child, ChildIdentity, RapidReview, Stage
from reviews.models.cases import MAX_CHILDREN, RAPID_REVIEW_DUE, SIN_DUE, ConsiderationDecision
from reviews.models.steps import CareStatus, Notification
from reviews.permissions import MANAGE_CASE
from reviews.selectors import statutory_partners
from reviews.services.common import AUDIENCE, not_before, not_in_future, touch

SECRETARY_OF_STATE_DUE = "reviews.secretary_of_state_due"
# The notification to the Secretary of State and Ofsted may be recorded once the SIN has gone.
AFTER_NOTIFICATION = (Stage.RAPID_REVIEW, Stage.WITH_PANEL, Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED)


def _check_children(children: list[str]) -> list[str]:
    names = [name.strip() for name in children if name and name.strip()]
    if not names:
        raise ValidationError({"children": "Enter the pseudonym of at least one child, for example “Child A”"})
    if len(names) > MAX_CHILDREN:
        raise ValidationError(
            {"children": f"A case covers one incident and at most {MAX_CHILDREN} children: refer the others separately"}
        )
    if len({name.lower() for name in names}) != len(names):
        raise ValidationError({"children": "Give each child a different pseudonym"})
    return names


@transaction.atomic
def case_for_consideration_refer(
    *,
    referring_organisation: Organisation,
    referred_on: date,
    children: list[str],
    summary: str,
    by,
    abuse_or_neglect: bool = False,
    death_or_serious_harm: bool = False,
    in_area: bool = False,
) -> CaseForConsideration:
    """A partner refers an incident: the case starts in its first stage (case for consideration). The partnership
    manager refers from the case pages; the CDOP coordinator refers a child death (`cdop.services`).

    `children` are pseudonyms only (at most four); identifying details go in `child_identity_record`. The criteria
    the referrer already knows (abuse or neglect suspected, the child died, in Barnet) are carried over."""
    names = _check_children(children)
    not_in_future(referred_on, "referred_on", "The date referred")
    case = Case(
        reference=next_reference(Case, "SI", referred_on.year),
        referring_organisation=referring_organisation,
        referred_on=referred_on,
        summary=summary,
        created_by=by,
        abuse_or_neglect=abuse_or_neglect,
        death_or_serious_harm=death_or_serious_harm,
        in_area=in_area,
    )
    case.full_clean()
    case.save()
    for name in names:
        child = Child(case=case, pseudonym=name)
        child.full_clean(exclude=["case"])
        child.save()
    start(case, "refer" if by.has_perm(MANAGE_CASE) else "refer_child_death", by=by, on=referred_on)
    return case


@transaction.atomic
def child_identity_record(
    *, child: Child, by, full_name: str = "", date_of_birth: date | None = None, nhs_number: str = "", address: str = ""
) -> ChildIdentity:
    """Record a child's identifying details apart from the case."""
    not_in_future(date_of_birth, "date_of_birth", "The date of birth")
    identity = ChildIdentity.objects.filter(child=child).first() or ChildIdentity(child=child)
    identity.full_name, identity.date_of_birth = full_name, date_of_birth
    identity.nhs_number, identity.address = normalise(nhs_number), address
    if identity.nhs_number and not nhs_number_is_valid(identity.nhs_number):
        raise ValidationError({"nhs_number": INVALID_NHS_NUMBER})
    identity.full_clean()
    identity.save()
    touch(child.case)
    return identity


@transaction.atomic
def case_for_consideration_decide(
    *,
    case: Case,
    meeting_on: date,
    decision: str,
    rationale: str,
    by,
    abuse_or_neglect: bool = False,
    death_or_serious_harm: bool = False,
    in_area: bool = False,
    care_leaver_death: bool = False,
    aware_on: date | None = None,
    version: int | None = None,
) -> Case:
    """The statutory partners' meeting decides: notify the Panel (the SIN clock starts), do not notify, or
    other learning (both close the case). From: case for consideration.

    A care leaver's death (up to and including age 24) is notified whether or not abuse or neglect is suspected
    (DOMAIN); without abuse or neglect it needs no rapid review (`notification_send` closes the case)."""
    if decision != ConsiderationDecision.NOTIFY:
        note = ConsiderationDecision(decision).label
        with advance(case, "close_without_notifying", by=by, version=version, on=meeting_on, note=note) as case:
            _check_meeting(case, meeting_on, rationale)
            case.meeting_on, case.consideration_decision, case.consideration_rationale = meeting_on, decision, rationale
            case.abuse_or_neglect, case.death_or_serious_harm = abuse_or_neglect, death_or_serious_harm
            case.in_area, case.closed_on = in_area, meeting_on
        return case
    due_on = add_working_days(aware_on, settings.SIN_DUE_WORKING_DAYS) if aware_on else None
    with advance(case, "decide_to_notify", by=by, version=version, on=meeting_on, due={SIN_DUE: due_on}) as case:
        _check_meeting(case, meeting_on, rationale)
        if not aware_on:
            raise ValidationError({"aware_on": "Enter the date the local authority became aware of the incident"})
        not_in_future(aware_on, "aware_on", "The date the local authority became aware")
        if not (death_or_serious_harm and (abuse_or_neglect or care_leaver_death)):
            raise ValidationError(
                {
                    "abuse_or_neglect": "To notify the Panel, the child must have died or been seriously harmed and "
                    "abuse or neglect must be known or suspected, unless the child was a care leaver who died"
                }
            )
        case.meeting_on, case.consideration_decision, case.consideration_rationale = meeting_on, decision, rationale
        case.abuse_or_neglect, case.death_or_serious_harm, case.in_area = abuse_or_neglect, True, in_area
        notification = Notification(case=case, aware_on=aware_on, due_on=due_on)
        notification.full_clean()
        notification.save()
    return case


def _check_meeting(case: Case, meeting_on: date, rationale: str) -> None:
    not_in_future(meeting_on, "meeting_on", "The meeting date")
    not_before(meeting_on, case.referred_on, "meeting_on", "The meeting date", "the date referred")
    if not rationale.strip():
        raise ValidationError({"rationale": "Give the reasons for the decision"})


@transaction.atomic
def notification_send(
    *,
    case: Case,
    sent_on: date,
    panel_reference: str,
    care_status: str,
    by,
    abuse_or_neglect_suspected: bool = True,
    secretary_of_state_notified_on: date | None = None,
    version: int | None = None,
) -> Case:
    """The SIN went to the Panel. The rapid review opens (its clock starts), unless this is a care leaver's
    death alone, which closes the case. From: notification due."""
    care_leaver_alone = care_status == CareStatus.CARE_LEAVER and not abuse_or_neglect_suspected
    move = "close_care_leaver_notified" if care_leaver_alone else "send_notification"
    review_due_on = add_working_days(sent_on, settings.RAPID_REVIEW_DUE_WORKING_DAYS)
    due = {} if care_leaver_alone else {RAPID_REVIEW_DUE: review_due_on}
    due_on = notification.due_on if (notification := getattr(case, "notification", None)) else None
    with advance(case, move, by=by, version=version, on=sent_on, due=due, due_on=due_on) as case:
        notification = case.notification
        not_in_future(sent_on, "sent_on", "The date sent")
        not_before(
            sent_on, notification.aware_on, "sent_on", "The date sent", "the date the local authority became aware"
        )
        notification.sent_on, notification.sent_by, notification.panel_reference = sent_on, by, panel_reference
        notification.care_status, notification.abuse_or_neglect_suspected = care_status, abuse_or_neglect_suspected
        notification.full_clean()
        notification.save()
        if care_status != CareStatus.NONE:
            deadline_open(
                subject=case,
                kind=SECRETARY_OF_STATE_DUE,
                title=f"Notify the Secretary of State and Ofsted about {case.reference}",
                due_on=notification.due_on,
                audience_permission=AUDIENCE,
            )
            _record_secretary_of_state(case, notification, secretary_of_state_notified_on, by)
        review = None
        if notification.needs_rapid_review:
            review = RapidReview(case=case, opened_on=sent_on, due_on=review_due_on)
            review.full_clean()
            review.save()
        else:
            case.closed_on = sent_on
        _tell_the_partners(case, notification, review)
    return case


def _tell_the_partners(case, notification, review) -> None:
    """The local authority tells the local partners (the statutory partners' addresses) about the notification."""
    email_on_commit(
        to=[partner.email for partner in statutory_partners()],
        subject=f"Serious Incident Notification {case.reference}",
        template="reviews/email/notification_send.txt",
        context={
            "case": case,
            "notification": notification,
            "review": review,
            "link": absolute_url(case.get_absolute_url()),
        },
    )


def _record_secretary_of_state(case, notification, notified_on, by) -> None:
    if not notified_on:
        return
    not_in_future(notified_on, "secretary_of_state_notified_on", "The date the Secretary of State was notified")
    not_before(
        notified_on,
        notification.aware_on,
        "secretary_of_state_notified_on",
        "The date the Secretary of State was notified",
        "the date the local authority became aware",
    )
    notification.secretary_of_state_notified_on = notified_on
    notification.save(update_fields=["secretary_of_state_notified_on"])
    deadline_meet(subject=case, kind=SECRETARY_OF_STATE_DUE, by=by, on=notified_on)


@transaction.atomic
def notification_record_secretary_of_state(*, case: Case, notified_on: date, by, version: int | None = None) -> Case:
    """A looked-after child's or care leaver's death was notified to the Secretary of State and Ofsted."""
    case = lock(
        case, version=version, stages=AFTER_NOTIFICATION, doing="record the notification to the Secretary of State"
    )
    notification = case.notification
    if notification.care_status == CareStatus.NONE:
        raise ValidationError(
            {"notified_on": "Only a looked-after child's or care leaver's death is notified to the Secretary of State"}
        )
    _record_secretary_of_state(case, notification, notified_on, by)
    touch(case)
    return case
