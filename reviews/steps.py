"""The steps a case page offers: each a form, the service it calls, and who may take it at which stages.

A step that moves the case names its moves in the case's machine (`reviews.models.cases.CASE_STAGES`), which
say where it may come from and who may make it; a step that edits without moving names the stages its service
allows (the same constant the service locks with)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from partnership import workflow
from reviews import forms, selectors, services
from reviews.models import Stage
from reviews.models.cases import CASE_STAGES
from reviews.permissions import MANAGE_CASE, SIGN_OFF_RAPID_REVIEW, VIEW_CHILD_IDENTITY
from reviews.services.actions import WITH_RECOMMENDATIONS
from reviews.services.cases import AFTER_NOTIFICATION
from reviews.services.lcsprs import LCSPR_OPEN
from reviews.services.rapid_reviews import AFTER_THE_PANEL, RAPID_REVIEW_OPEN, SUMMARY_OUTSTANDING


@dataclass(frozen=True)
class Step:
    heading: str
    form: type
    run: Callable
    message: str
    permission: str = MANAGE_CASE
    moves: tuple[str, ...] = ()
    edits_at: tuple[str, ...] = ()
    initial: Callable = field(default=lambda case: {})
    # Whether the step could succeed for this person on this case (its service would refuse it otherwise):
    # a step that can only fail is not offered.
    applies: Callable = field(default=lambda case, user: True)
    # A template shown above the form: what the person is agreeing to (the sign-off shows the findings).
    shows: str = ""

    @property
    def stages(self) -> set[str]:
        """The stages the step may be taken at: its moves' sources, or the stages its edit is allowed at."""
        if self.moves:
            return {source for name in self.moves for source in CASE_STAGES.move(name).sources}
        return set(self.edits_at)

    @property
    def doing(self) -> str:
        """What the step does, in words, for a refusal ("You cannot <doing> now: ...")."""
        if self.moves:
            return CASE_STAGES.move(self.moves[0]).label
        return self.heading[:1].lower() + self.heading[1:]

    def open_to(self, case, user) -> bool:
        """Whether `user` may take this step on `case` now."""
        if not (user.has_perm(self.permission) and self.applies(case, user)):
            return False
        if self.moves:
            return any(move.name in self.moves for move in workflow.offered(case, user))
        return case.stage in self.edits_at

    @property
    def button(self) -> str:
        return {"Sign": "Record the answer", "Publish": "Publish", "Request": "Send request"}.get(
            self.heading.split(" ")[0], "Save"
        )


def _lcspr_initial(case):
    lcspr = getattr(case, "lcspr", None)
    return {name: getattr(lcspr, name) for name in forms.LcsprForm.base_fields if name != "version"} if lcspr else {}


def _rapid_review_initial(case):
    review = getattr(case, "rapid_review", None)
    if not review:
        return {}
    names = [name for name in forms.RapidReviewForm.base_fields if name not in ("version", "themes")]
    initial = {name: getattr(review, name) for name in names}
    initial["themes"] = list(case.themes.all())
    met = review.local_review_criteria_met
    initial["local_review_criteria_met"] = None if met is None else ("yes" if met else "no")
    return initial


def _notification_initial(case):
    """A case decided without abuse or neglect can only be a care leaver's death (the decision allows no other)."""
    if case.abuse_or_neglect:
        return {}
    return {"care_status": "care_leaver", "abuse_or_neglect_suspected": False}


def _secretary_of_state_due(case, user):
    notification = getattr(case, "notification", None)
    return bool(notification and notification.care_status != "none" and not notification.secretary_of_state_notified_on)


def _review(case):
    return getattr(case, "rapid_review", None)


def _with_the_panel(case, user):
    """The Panel's response needs a rapid review sent to it: not on a case closed without notifying."""
    review = _review(case)
    return bool(review and review.sent_on)


def _findings_open(case, user):
    """The findings cannot change once a partner has agreed them (a disagreement leaves them open to correct)."""
    review = _review(case)
    return bool(review and not review.sign_offs.filter(agrees=True).exists())


def _summary_outstanding(case, user):
    review = _review(case)
    return bool(review and any(request.is_outstanding for request in review.summary_requests.all()))


def _may_sign_off(case, user):
    """Only a statutory partner that has not signed yet, once the meeting and findings are recorded."""
    review, organisation = _review(case), user.organisation
    if not (review and review.meeting_on and organisation and organisation.is_statutory_partner):
        return False
    return not review.sign_offs.filter(partner=organisation, agrees=True).exists()


def _all_signed_off(case, user):
    """The rapid review goes to the Panel only with all three statutory partners' sign-offs."""
    return bool(_review(case)) and not selectors.missing_sign_offs(case)


def _has_recommendations(case, user):
    return case.recommendations.exists()


STEPS = {
    "identity": Step(
        "Record a child's identifying details",
        forms.IdentityForm,
        lambda case, by, version, **data: services.child_identity_record(by=by, **data),
        "Identifying details saved",
        VIEW_CHILD_IDENTITY,
        edits_at=tuple(Stage),
    ),
    "decide": Step(
        "Record the decision on the case for consideration",
        forms.ConsiderationDecisionForm,
        services.case_for_consideration_decide,
        "Decision recorded",
        moves=("decide_to_notify", "close_without_notifying"),
    ),
    "notify": Step(
        "Record the Serious Incident Notification",
        forms.NotificationForm,
        services.notification_send,
        "Notification recorded",
        moves=("send_notification", "close_care_leaver_notified"),
        initial=_notification_initial,
    ),
    "secretary-of-state": Step(
        "Record the notification to the Secretary of State and Ofsted",
        forms.SecretaryOfStateForm,
        services.notification_record_secretary_of_state,
        "Notification to the Secretary of State and Ofsted recorded",
        edits_at=AFTER_NOTIFICATION,
        applies=_secretary_of_state_due,
    ),
    "request-summary": Step(
        "Request an agency summary",
        forms.SummaryRequestForm,
        services.agency_summary_request,
        "Agency summary requested",
        edits_at=RAPID_REVIEW_OPEN,
    ),
    "summary-received": Step(
        "Record an agency summary received",
        forms.SummaryReceivedForm,
        lambda case, **data: services.agency_summary_receive(**data),
        "Agency summary recorded as received",
        edits_at=SUMMARY_OUTSTANDING,
        applies=_summary_outstanding,
    ),
    "withdraw-summary": Step(
        "Withdraw an agency summary request",
        forms.SummaryWithdrawForm,
        lambda case, **data: services.agency_summary_withdraw(**data),
        "Agency summary request withdrawn",
        edits_at=SUMMARY_OUTSTANDING,
        applies=_summary_outstanding,
    ),
    "rapid-review": Step(
        "Record the rapid review meeting and findings",
        forms.RapidReviewForm,
        services.rapid_review_record,
        "Rapid review saved",
        edits_at=RAPID_REVIEW_OPEN,
        initial=_rapid_review_initial,
        applies=_findings_open,
    ),
    "sign-off": Step(
        "Sign off the rapid review",
        forms.SignOffForm,
        lambda case, by, version, **data: services.rapid_review_sign_off(
            case=case, partner=by.organisation, by=by, version=version, **data
        ),
        "Rapid review answer recorded",
        SIGN_OFF_RAPID_REVIEW,
        edits_at=RAPID_REVIEW_OPEN,
        applies=_may_sign_off,
        shows="reviews/_sign_off_findings.html",
    ),
    "send": Step(
        "Send the rapid review to the Panel",
        forms.SendForm,
        services.rapid_review_send,
        "Rapid review recorded as sent to the Panel",
        moves=("send_rapid_review",),
        applies=_all_signed_off,
    ),
    "panel-response": Step(
        "Record the Panel's response",
        forms.PanelResponseForm,
        services.rapid_review_panel_response,
        "Panel's response recorded",
        edits_at=AFTER_THE_PANEL,
        applies=_with_the_panel,
    ),
    "review-decision": Step(
        "Record the decision after the rapid review",
        forms.DecisionForm,
        services.review_decide,
        "Decision recorded",
        moves=("commission_lcspr", "close_after_the_panel"),
    ),
    "lcspr": Step(
        "Update the LCSPR",
        forms.LcsprForm,
        services.lcspr_update,
        "LCSPR saved",
        edits_at=LCSPR_OPEN,
        initial=_lcspr_initial,
    ),
    "publish": Step(
        "Publish the LCSPR", forms.PublishForm, services.lcspr_publish, "LCSPR published", moves=("publish_lcspr",)
    ),
    "recommendation": Step(
        "Add a recommendation",
        forms.RecommendationForm,
        services.recommendation_add,
        "Recommendation added",
        edits_at=WITH_RECOMMENDATIONS,
    ),
    "action": Step(
        "Add an action",
        forms.ActionForm,
        lambda case, version, **data: services.action_add(**data),
        "Action added",
        edits_at=WITH_RECOMMENDATIONS,
        applies=_has_recommendations,
    ),
}


def offered(case, user) -> list[tuple[str, Step]]:
    """The steps this person may take on this case now."""
    return [(slug, step) for slug, step in STEPS.items() if slug != "identity" and step.open_to(case, user)]
