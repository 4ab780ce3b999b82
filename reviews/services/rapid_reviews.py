"""The rapid review: agency summaries, meeting and findings, sign-off by the three statutory partners, the
Panel, and the decision that follows."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnership.errors import Refusal
from partnership.models import Organisation
from partnership.services import deadline_cancel, deadline_meet, deadline_open
from partnership.workflow import advance, lock
from reviews.models import AgencySummaryRequest, Case, Lcspr, SignOff, Stage
from reviews.models.cases import LCSPR_COMPLETION, ReviewDecision
from reviews.permissions import SIGN_OFF_RAPID_REVIEW
from reviews.selectors import statutory_partners
from reviews.services.common import AUDIENCE, not_before, not_in_future, touch

AGENCY_SUMMARY_DUE = "reviews.agency_summary_due"
# Edits of the rapid review (summaries, the meeting, sign-offs) while it is open; the Panel's reply may come
# after the decision.
RAPID_REVIEW_OPEN = (Stage.RAPID_REVIEW,)
# An agency summary asked for during the rapid review may arrive (or be withdrawn) after it went to the Panel:
# its clock must always have a way to close. A closed case's outstanding summaries are withdrawn on closing.
SUMMARY_OUTSTANDING = (Stage.RAPID_REVIEW, Stage.WITH_PANEL, Stage.LCSPR, Stage.PUBLISHED)
AFTER_THE_PANEL = (Stage.WITH_PANEL, Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED)


@transaction.atomic
def agency_summary_request(
    *, case: Case, organisation: Organisation, requested_on: date, due_on: date, by, version: int | None = None
) -> AgencySummaryRequest:
    """Ask one organisation for its individual agency summary, with its own clock (the partnership manager's:
    agency users see only the actions their organisation owns). From: rapid review."""
    case = lock(case, version=version, stages=RAPID_REVIEW_OPEN, doing="request an agency summary")
    not_in_future(requested_on, "requested_on", "The date requested")
    not_before(
        requested_on, case.rapid_review.opened_on, "requested_on", "The date requested", "the rapid review opened"
    )
    not_before(due_on, requested_on, "due_on", "The due date", "the date requested")
    if case.rapid_review.summary_requests.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation} has already been asked for a summary"})
    request = AgencySummaryRequest(
        rapid_review=case.rapid_review, organisation=organisation, requested_on=requested_on, due_on=due_on
    )
    request.full_clean()
    request.save()
    deadline_open(
        subject=request,
        kind=AGENCY_SUMMARY_DUE,
        title=f"Agency summary from {organisation} for {case.reference}",
        due_on=due_on,
        audience_permission=AUDIENCE,
        opened_on=requested_on,
    )
    touch(case)
    return request


def _outstanding(request: AgencySummaryRequest, version, doing: str) -> tuple[Case, AgencySummaryRequest]:
    case = lock(request.rapid_review.case, version=version, stages=SUMMARY_OUTSTANDING, doing=doing)
    request = AgencySummaryRequest.objects.select_related("organisation").get(pk=request.pk)
    if not request.is_outstanding:
        raise Refusal(f"The summary from {request.organisation} has already been received or withdrawn", code="done")
    return case, request


@transaction.atomic
def agency_summary_receive(
    *, request: AgencySummaryRequest, received_on: date, by, version: int | None = None
) -> AgencySummaryRequest:
    """A summary arrived; its clock is met. From: the rapid review until publication (a late summary still
    counts)."""
    case, request = _outstanding(request, version, "record a summary")
    not_in_future(received_on, "received_on", "The date received")
    not_before(received_on, request.requested_on, "received_on", "The date received", "the date requested")
    request.received_on = received_on
    request.save(update_fields=["received_on"])
    deadline_meet(subject=request, kind=AGENCY_SUMMARY_DUE, by=by, on=received_on)
    touch(case)
    return request


@transaction.atomic
def agency_summary_withdraw(
    *, request: AgencySummaryRequest, reason: str, by, withdrawn_on: date | None = None, version: int | None = None
) -> AgencySummaryRequest:
    """The partnership manager withdraws a request that will not be answered, with the reason; its clock is
    cancelled. From: the rapid review until publication."""
    case, request = _outstanding(request, version, "withdraw a summary request")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for withdrawing the request"})
    withdrawn_on = withdrawn_on or timezone.localdate()
    not_in_future(withdrawn_on, "withdrawn_on", "The date withdrawn")
    not_before(withdrawn_on, request.requested_on, "withdrawn_on", "The date withdrawn", "the date requested")
    request.withdrawn_on, request.withdrawal_reason = withdrawn_on, reason.strip()
    request.full_clean()
    request.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    deadline_cancel(subject=request, kind=AGENCY_SUMMARY_DUE)
    touch(case)
    return request


def _withdraw_outstanding_summaries(case: Case, on: date) -> None:
    """Closing the case: a summary not yet received will not be needed; its request is withdrawn (so the page
    says why) and its clock cancelled. Received summaries' clocks were met when they arrived."""
    review = getattr(case, "rapid_review", None)
    if review is None:
        return
    for request in review.summary_requests.filter(received_on=None, withdrawn_on=None):
        request.withdrawn_on, request.withdrawal_reason = on, "The case closed before the summary was received"
        request.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        deadline_cancel(subject=request, kind=AGENCY_SUMMARY_DUE)


@transaction.atomic
def rapid_review_record(
    *,
    case: Case,
    meeting_on: date,
    by,
    facts: str = "",
    immediate_actions: str = "",
    learning: str = "",
    good_practice: str = "",
    local_review_criteria_met: bool | None = None,
    local_review_reason: str = "",
    national_review_to_consider: bool = False,
    themes=None,
    version: int | None = None,
) -> Case:
    """The meeting and its findings, until a statutory partner signs them off. From: rapid review. `themes` (the
    learning themes the findings raise) are the case's, kept as they are when not given."""
    case = lock(case, version=version, stages=RAPID_REVIEW_OPEN, doing="record the rapid review")
    review = case.rapid_review
    if review.sign_offs.filter(agrees=True).exists():
        raise Refusal(
            "The findings have been signed off by at least one statutory partner and cannot change", code="signed"
        )
    not_in_future(meeting_on, "meeting_on", "The meeting date")
    not_before(meeting_on, review.opened_on, "meeting_on", "The meeting date", "the rapid review opened")
    review.meeting_on, review.facts, review.immediate_actions = meeting_on, facts, immediate_actions
    review.learning, review.good_practice = learning, good_practice
    review.local_review_criteria_met, review.local_review_reason = local_review_criteria_met, local_review_reason
    review.national_review_to_consider = national_review_to_consider
    review.full_clean()
    review.save()
    if themes is not None:
        case.themes.set(themes)
    touch(case)
    return case


@transaction.atomic
def rapid_review_sign_off(
    *,
    case: Case,
    partner: Organisation,
    by,
    signed_on: date | None = None,
    agrees: bool = True,
    reasons: str = "",
    version: int | None = None,
) -> SignOff:
    """One statutory partner answers, by a user of that partner holding the sign-off right: it agrees (signs
    off) or disagrees with its reasons (the resolution protocol; the review cannot go to the Panel meanwhile).
    A partner that disagreed may agree later, once resolved. From: rapid review."""
    case = lock(case, version=version, stages=RAPID_REVIEW_OPEN, doing="sign off the rapid review")
    if not partner.is_statutory_partner:
        raise Refusal(f"{partner} is not one of the three statutory partners", code="partner")
    if by.organisation_id != partner.pk or not by.has_perm(SIGN_OFF_RAPID_REVIEW):
        raise Refusal(
            f"Only a statutory partner representative of {partner} can sign off for {partner}", code="partner"
        )
    review = case.rapid_review
    if not review.meeting_on:
        raise Refusal("Record the rapid review meeting and its findings before signing off", code="order")
    sign_off = review.sign_offs.filter(partner=partner).first()
    if sign_off and sign_off.agrees:
        raise Refusal(f"{partner} has already signed off this rapid review", code="twice")
    if sign_off and not agrees:
        raise Refusal(f"{partner} has already recorded a disagreement with this rapid review", code="twice")
    if not agrees and not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the disagreement"})
    signed_on = signed_on or timezone.localdate()
    not_in_future(signed_on, "signed_on", "The date signed off")
    not_before(signed_on, review.meeting_on, "signed_on", "The date signed off", "the rapid review meeting")
    sign_off = sign_off or SignOff(rapid_review=review, partner=partner)
    sign_off.signed_by, sign_off.signed_on, sign_off.agrees = by, signed_on, agrees
    sign_off.reasons = reasons.strip() if not agrees else sign_off.reasons
    sign_off.full_clean()
    sign_off.save()
    touch(case)
    return sign_off


@transaction.atomic
def rapid_review_send(*, case: Case, sent_on: date, by, version: int | None = None) -> Case:
    """The signed-off rapid review goes to the Panel; its clock is met. From: rapid review."""
    due_on = review.due_on if (review := getattr(case, "rapid_review", None)) else None
    with advance(case, "send_rapid_review", by=by, version=version, on=sent_on, due_on=due_on) as case:
        review = case.rapid_review
        disagree = [sign_off.partner.name for sign_off in review.sign_offs.filter(agrees=False)]
        if disagree:
            raise Refusal(
                f"The rapid review cannot go to the Panel while {' and '.join(disagree)} disagrees: resolve the "
                "disagreement first (the resolution protocol)"
            )
        signed = set(review.sign_offs.values_list("partner_id", flat=True))
        missing = [partner.name for partner in statutory_partners() if partner.pk not in signed]
        if missing or len(signed) < 3:
            waiting = ", ".join(missing) or "the three statutory partners"
            raise Refusal(f"The rapid review cannot go to the Panel before it is signed off by {waiting}")
        not_in_future(sent_on, "sent_on", "The date sent")
        last_signed = max(review.sign_offs.values_list("signed_on", flat=True))
        not_before(sent_on, last_signed, "sent_on", "The date sent", "the last sign-off")
        review.sent_on, review.sent_by = sent_on, by
        review.save(update_fields=["sent_on", "sent_by"])
    return case


@transaction.atomic
def rapid_review_panel_response(
    *, case: Case, response_on: date, response: str, by, version: int | None = None
) -> Case:
    """The Panel's reply. From: with the Panel, LCSPR, published or closed (it can arrive after the decision)."""
    case = lock(case, version=version, stages=AFTER_THE_PANEL, doing="record the Panel's response")
    review = getattr(case, "rapid_review", None)
    if review is None or review.sent_on is None:
        raise Refusal("This case has no rapid review sent to the Panel")
    not_in_future(response_on, "response_on", "The date of the response")
    not_before(response_on, review.sent_on, "response_on", "The date of the response", "the date sent to the Panel")
    if not response.strip():
        raise ValidationError({"response": "Enter the Panel's response"})
    review.panel_response_on, review.panel_response = response_on, response
    review.save(update_fields=["panel_response_on", "panel_response"])
    touch(case)
    return case


@transaction.atomic
def review_decide(
    *, case: Case, decision: str, rationale: str, decided_on: date, by, version: int | None = None
) -> Case:
    """National review recommended, LCSPR (commissioned: its completion clock starts), other learning or no
    further action (these close the case). From: with the Panel."""
    if decision != ReviewDecision.LCSPR:
        note = ReviewDecision(decision).label
        with advance(case, "close_after_the_panel", by=by, version=version, on=decided_on, note=note) as case:
            _record_decision(case, decision, rationale, decided_on)
            case.closed_on = decided_on
            _withdraw_outstanding_summaries(case, decided_on)
        return case
    completion = decided_on + relativedelta(months=settings.LCSPR_COMPLETION_MONTHS)
    due = {LCSPR_COMPLETION: completion}
    with advance(case, "commission_lcspr", by=by, version=version, on=decided_on, due=due) as case:
        _record_decision(case, decision, rationale, decided_on)
        lcspr = Lcspr(case=case, decided_on=decided_on, target_completion_on=completion)
        lcspr.full_clean()
        lcspr.save()
    return case


def _record_decision(case: Case, decision: str, rationale: str, decided_on: date) -> None:
    not_in_future(decided_on, "decided_on", "The date of the decision")
    not_before(
        decided_on, case.rapid_review.opened_on, "decided_on", "The date of the decision", "the rapid review opened"
    )
    if not rationale.strip():
        raise ValidationError({"rationale": "Give the reasons for the decision"})
    case.decision, case.decision_rationale, case.decided_on = decision, rationale, decided_on
