"""Every write and stage change of the audits app: each stage change is a move of the machines declared in
audits.models (`advance`, or `start` for a new record); edits that do not move the stage `lock` the row."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format

from audits.models import (
    OWN_ONLY,
    RETURN_DUE,
    Area,
    AreaResponse,
    AuditReturn,
    Chase,
    Criterion,
    CriterionResponse,
    Cycle,
    KeyAction,
    Tool,
    ToolVersion,
    of_its_organisation,
)
from audits.permissions import MANAGE_AUDITS
from audits.required import missing_items
from audits.selectors import cycle_invited
from partnership.calendar import add_working_days
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import StaleEdit, check_version
from partnership.models import Deadline, Organisation, User
from partnership.notify import email_on_commit
from partnership.references import next_reference
from partnership.services import deadline_cancel
from partnership.workflow import advance, lock, start


class ReturnIncomplete(Refusal):
    """Submission refused: `messages` lists everything still missing."""


RESUBMIT_WORKING_DAYS = 15
Stage = AuditReturn.Stage


# Tools ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def tool_version_draft(*, tool: Tool, by: User, notes: str = "") -> ToolVersion:
    """Start the next version of a tool as a copy of its latest one (areas and criteria), to edit before use."""
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.versions.filter(stage=ToolVersion.Stage.DRAFT).exists():
        raise Refusal("This tool already has a draft version: edit or publish that one first.")
    last = tool.versions.order_by("-number").first()
    version = ToolVersion(tool=tool, number=(last.number + 1) if last else 1, notes=notes)
    version.full_clean()
    version.save()
    start(version, "draft", by=by)
    if last:
        for area in last.areas.prefetch_related("criteria"):
            copy = Area.objects.create(
                version=version, position=area.position, title=area.title, description=area.description
            )
            Criterion.objects.bulk_create(
                Criterion(
                    area=copy,
                    position=c.position,
                    text=c.text,
                    guidance=c.guidance,
                    evidence_expected=c.evidence_expected,
                    is_required=c.is_required,
                )  # fmt: skip
                for c in area.criteria.all()
            )
    return version


def tool_version_publish(*, version: ToolVersion, by: User) -> ToolVersion:
    """Draft -> published. From then on its areas and criteria never change."""
    with advance(version, "publish", by=by) as version:
        if not Criterion.objects.filter(area__version=version).exists():
            raise Refusal("Add at least one area with criteria before publishing.")
        version.published_on = timezone.localdate()
        version.published_by = by
    return version


# Cycles --------------------------------------------------------------------------------------------------------


@transaction.atomic
def cycle_create(*, by: User, invited_organisations=(), **fields) -> Cycle:
    cycle = Cycle(**fields)
    cycle.full_clean()
    cycle.save()
    cycle.invited_organisations.set(invited_organisations)
    start(cycle, "create", by=by)
    return cycle


def cycle_open(*, cycle: Cycle, by: User) -> Cycle:
    """Draft -> open: one return per invited organisation, each with its reference and deadline, each emailed."""
    with advance(cycle, "open", by=by) as cycle:
        organisations = list(cycle_invited(cycle).prefetch_related("users"))
        if not organisations:
            raise Refusal("Invite at least one organisation before opening the cycle.")
        cycle.opened_on = timezone.localdate()
        cycle.opened_by = by
        returns = [_return_open(cycle, organisation, by) for organisation in organisations]
    for audit_return in returns:
        organisation = audit_return.organisation
        email_on_commit(
            to=[organisation.email, *(user.email for user in organisation.users.all() if user.is_active)],
            subject=f"{cycle.title}: your organisation's return is open",
            template="audits/email/cycle_open.txt",
            context={"cycle": cycle, "audit_return": audit_return, "link": _link(audit_return)},
        )
    return cycle


def _return_open(cycle: Cycle, organisation: Organisation, by: User) -> AuditReturn:
    """One organisation's return, numbered in the series of its tool's kind and the cycle's year."""
    prefix = cycle.version.tool.reference_prefix
    audit_return = AuditReturn.objects.create(
        reference=next_reference(AuditReturn, prefix, cycle.year),
        cycle=cycle,
        tool_version=cycle.version,
        organisation=organisation,
    )
    start(audit_return, "open", by=by, due={RETURN_DUE: cycle.due_on})
    return audit_return


def cycle_close(*, cycle: Cycle, by: User) -> Cycle:
    """Open -> closed: no more changes; the clocks of returns never submitted stop."""
    with advance(cycle, "close", by=by) as cycle:
        cycle.closed_on = timezone.localdate()
        for audit_return in cycle.returns.all():
            deadline_cancel(subject=audit_return, kind=RETURN_DUE)
    return cycle


def _link(audit_return: AuditReturn) -> str:
    return absolute_url(audit_return.get_absolute_url())


# Returns -------------------------------------------------------------------------------------------------------


@transaction.atomic
def area_save(
    *, audit_return: AuditReturn, area: Area, by: User, version=None, rating="", not_applicable_reason="",
    criteria: dict, actions: list[dict],
) -> AreaResponse:  # fmt: skip
    """Save one area of a return: descriptions and evidence per criterion, the rating and the key actions.

    `criteria` maps a Criterion to {how_met, evidence_link, evidence_file (an upload, or None to keep),
    remove_file}; `actions` lists {pk (or None), action, owner, due_on}; a listed pk with no action removes it.
    """
    audit_return = lock(audit_return, stages=AuditReturn.EDITABLE, doing="change this return")
    if area.version_id != audit_return.tool_version_id:
        raise Refusal("This area is not part of the tool this return was made on.")
    if audit_return.stage == Stage.NOT_STARTED:  # the first save starts the return (the move's rule: its users)
        with advance(audit_return, "begin", by=by) as audit_return:
            response = _area_save(audit_return, area, version, rating, not_applicable_reason, criteria, actions)
        return response
    if not of_its_organisation(by, audit_return):  # the self-assessment is the organisation's own words
        raise Refusal(f"You cannot change the return: {OWN_ONLY}.", code="permission")
    return _area_save(audit_return, area, version, rating, not_applicable_reason, criteria, actions)


def _area_save(audit_return, area, version, rating, not_applicable_reason, criteria, actions) -> AreaResponse:
    """`version` is the area's as the form showed it (0: not saved yet; None: a service call, not checked)."""
    response, created = AreaResponse.objects.get_or_create(audit_return=audit_return, area=area)
    if version == 0 and not created:  # opened unsaved, and a colleague saved it since (the return row is locked)
        raise StaleEdit()
    if version and not created:
        check_version(response, version)
    response.rating = rating
    response.not_applicable_reason = not_applicable_reason if rating == "na" else ""
    response.full_clean()
    response.save()
    for criterion, answer in criteria.items():
        _criterion_save(audit_return, criterion, answer)
    for item in actions:
        _action_save(response, item)
    return response


def _criterion_save(audit_return, criterion, answer: dict) -> None:
    response, _ = CriterionResponse.objects.get_or_create(audit_return=audit_return, criterion=criterion)
    response.how_met = answer.get("how_met", "")
    response.evidence_link = answer.get("evidence_link", "")
    if answer.get("remove_file"):
        response.evidence_file = ""
    if answer.get("evidence_file"):
        response.evidence_file = answer["evidence_file"]
    response.full_clean()
    response.save()


def _action_save(response: AreaResponse, item: dict) -> None:
    if item.get("pk"):
        action = response.actions.get(pk=item["pk"])
        if not item.get("action"):
            action.themes.clear()
            action.delete()  # an action the organisation cleared before submitting: not a record yet
            return
    elif not item.get("action"):
        return
    else:
        action = KeyAction(area_response=response)
    action.action, action.owner, action.due_on = item["action"], item["owner"], item["due_on"]
    action.full_clean()
    action.save()
    if "themes" in item:
        action.themes.set(item["themes"])


def return_submit(*, audit_return: AuditReturn, by: User) -> AuditReturn:
    """In progress or returned for changes -> submitted, once nothing required is missing."""
    from audits.selectors import return_page  # the one way a return is assembled

    with advance(audit_return, "submit", by=by) as audit_return:
        missing = missing_items(return_page(audit_return))
        if missing:
            raise ReturnIncomplete([item.message for item in missing])
        audit_return.submitted_on = timezone.localdate()
        audit_return.submitted_by = by
    return audit_return


@transaction.atomic
def review_save(
    *, audit_return: AuditReturn, by: User, version=None, areas: dict, strengths="", areas_to_develop="",
    good_practice="",
) -> AuditReturn:  # fmt: skip
    """The partnership's feedback: per area {AreaResponse pk: {moderated_rating, feedback}} and overall."""
    audit_return = lock(audit_return, version=version, stages=[Stage.SUBMITTED], doing="give feedback on this return")
    for response in audit_return.area_responses.filter(pk__in=areas):
        response.moderated_rating = areas[response.pk].get("moderated_rating", "")
        response.feedback = areas[response.pk].get("feedback", "")
        response.full_clean()
        response.save()
    audit_return.strengths, audit_return.areas_to_develop = strengths, areas_to_develop
    audit_return.good_practice = good_practice
    audit_return.full_clean()
    audit_return.save()
    return audit_return


def return_send_back(*, audit_return: AuditReturn, by: User) -> AuditReturn:
    """Submitted -> returned for changes; the organisation is emailed and its clock starts again."""
    cycle = Cycle.objects.get(pk=audit_return.cycle_id)
    due_on = max(cycle.due_on, add_working_days(timezone.localdate(), RESUBMIT_WORKING_DAYS))
    with advance(audit_return, "send_back", by=by, due={RETURN_DUE: due_on}) as audit_return:
        _stamp_review(audit_return, by)
    _email_organisation(audit_return, "returned for changes", "audits/email/return_send_back.txt")
    return audit_return


def return_accept(*, audit_return: AuditReturn, by: User) -> AuditReturn:
    """Submitted -> accepted; the organisation is emailed."""
    with advance(audit_return, "accept", by=by) as audit_return:
        _stamp_review(audit_return, by)
    _email_organisation(audit_return, "accepted", "audits/email/return_accept.txt")
    return audit_return


def _stamp_review(audit_return: AuditReturn, by: User) -> None:
    audit_return.reviewed_on = timezone.localdate()
    audit_return.reviewed_by = by


def _email_organisation(audit_return: AuditReturn, what: str, template: str) -> None:
    organisation = audit_return.organisation
    users = organisation.users.filter(is_active=True).values_list("email", flat=True)
    email_on_commit(
        to=[organisation.email, *users],
        subject=f"{audit_return.cycle.title}: your return has been {what}",
        template=template,
        context={"audit_return": audit_return, "link": _link(audit_return)},
    )


@transaction.atomic
def return_chase(*, audit_return: AuditReturn, by: User) -> Chase:
    """Email the organisation a reminder that its return is still to come in, and record who sent it and when.

    Only while the organisation has something to do (not started, in progress, returned for changes) in an open
    cycle: a reminder about a submitted return would only confuse."""
    if not by.has_perm(MANAGE_AUDITS):
        raise Refusal("You cannot send a reminder: only the partnership's managers may do this.", code="permission")
    audit_return = lock(audit_return, stages=AuditReturn.EDITABLE, doing="send a reminder about this return")
    if audit_return.cycle.stage != Cycle.Stage.OPEN:
        raise Refusal("You cannot send a reminder now: the cycle is not open.", code="stage")
    organisation = audit_return.organisation
    users = organisation.users.filter(is_active=True).values_list("email", flat=True)
    recipients = sorted({address for address in [organisation.email, *users] if address})
    if not recipients:
        raise Refusal(f"{organisation} has no email address and no active users: add one before sending a reminder.")
    due_on = return_due_on(audit_return)
    email = email_on_commit(
        to=recipients,
        subject=f"{audit_return.cycle.title}: reminder, your return is due on {date_format(due_on, 'j F Y')}",
        template="audits/email/return_chase.txt",
        context={"audit_return": audit_return, "due_on": due_on, "link": _link(audit_return)},
    )
    return Chase.objects.create(audit_return=audit_return, sent_by=by, recipients="\n".join(recipients), email=email)


def return_due_on(audit_return: AuditReturn):
    """When the return is due now: its clock's date (moved on when it was sent back), else the cycle's."""
    deadline = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(AuditReturn), object_id=audit_return.pk, kind=RETURN_DUE
    ).first()
    return deadline.due_on if deadline else audit_return.cycle.due_on
