"""The steps a case page offers: each a form, the service it calls, who may take it and from which stages."""

from collections.abc import Callable
from dataclasses import dataclass, field

from reviews import forms, services
from reviews.models import Stage
from reviews.permissions import MANAGE_CASE, SIGN_OFF_RAPID_REVIEW, VIEW_CHILD_IDENTITY

AFTER_NOTIFICATION = {Stage.RAPID_REVIEW, Stage.WITH_PANEL, Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED}


@dataclass(frozen=True)
class Step:
    heading: str
    form: type
    run: Callable
    stages: set
    message: str
    permission: str = MANAGE_CASE
    initial: Callable = field(default=lambda case: {})

    @property
    def button(self) -> str:
        return {"Record": "Save", "Update": "Save"}.get(self.heading.split(" ")[0], self.heading.split(" ")[0])


def _lcspr_initial(case):
    lcspr = getattr(case, "lcspr", None)
    return {name: getattr(lcspr, name) for name in forms.LcsprForm.base_fields if name != "version"} if lcspr else {}


def _rapid_review_initial(case):
    review = getattr(case, "rapid_review", None)
    if not review:
        return {}
    names = [name for name in forms.RapidReviewForm.base_fields if name != "version"]
    initial = {name: getattr(review, name) for name in names}
    met = review.local_review_criteria_met
    initial["local_review_criteria_met"] = None if met is None else ("yes" if met else "no")
    return initial


STEPS = {
    "identity": Step(
        "Record a child's identifying details",
        forms.IdentityForm,
        lambda case, by, version, **data: services.child_identity_record(by=by, **data),
        set(Stage),
        "Identifying details saved",
        VIEW_CHILD_IDENTITY,
    ),
    "decide": Step(
        "Record the decision on the case for consideration",
        forms.ConsiderationDecisionForm,
        services.case_for_consideration_decide,
        {Stage.REFERRED},
        "Decision recorded",
    ),
    "notify": Step(
        "Record the Serious Incident Notification",
        forms.NotificationForm,
        services.notification_send,
        {Stage.NOTIFICATION},
        "Notification recorded",
    ),
    "secretary-of-state": Step(
        "Record the notification to the Secretary of State and Ofsted",
        forms.SecretaryOfStateForm,
        services.notification_record_secretary_of_state,
        AFTER_NOTIFICATION,
        "Notification to the Secretary of State and Ofsted recorded",
    ),
    "request-summary": Step(
        "Request an agency summary",
        forms.SummaryRequestForm,
        services.agency_summary_request,
        {Stage.RAPID_REVIEW},
        "Agency summary requested",
    ),
    "summary-received": Step(
        "Record an agency summary received",
        forms.SummaryReceivedForm,
        lambda case, **data: services.agency_summary_receive(**data),
        {Stage.RAPID_REVIEW},
        "Agency summary recorded as received",
    ),
    "rapid-review": Step(
        "Record the rapid review meeting and findings",
        forms.RapidReviewForm,
        services.rapid_review_record,
        {Stage.RAPID_REVIEW},
        "Rapid review saved",
        initial=_rapid_review_initial,
    ),
    "sign-off": Step(
        "Sign off the rapid review",
        forms.SignOffForm,
        lambda case, by, version: services.rapid_review_sign_off(
            case=case, partner=by.organisation, by=by, version=version
        ),
        {Stage.RAPID_REVIEW},
        "Rapid review signed off",
        SIGN_OFF_RAPID_REVIEW,
    ),
    "send": Step(
        "Send the rapid review to the Panel",
        forms.SendForm,
        services.rapid_review_send,
        {Stage.RAPID_REVIEW},
        "Rapid review recorded as sent to the Panel",
    ),
    "panel-response": Step(
        "Record the Panel's response",
        forms.PanelResponseForm,
        services.rapid_review_panel_response,
        {Stage.WITH_PANEL, Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED},
        "Panel's response recorded",
    ),
    "review-decision": Step(
        "Record the decision after the rapid review",
        forms.DecisionForm,
        services.review_decide,
        {Stage.WITH_PANEL},
        "Decision recorded",
    ),
    "lcspr": Step(
        "Update the LCSPR", forms.LcsprForm, services.lcspr_update, {Stage.LCSPR}, "LCSPR saved", initial=_lcspr_initial
    ),
    "publish": Step("Publish the LCSPR", forms.PublishForm, services.lcspr_publish, {Stage.LCSPR}, "LCSPR published"),
    "recommendation": Step(
        "Add a recommendation",
        forms.RecommendationForm,
        services.recommendation_add,
        {Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED},
        "Recommendation added",
    ),
    "action": Step(
        "Add an action",
        forms.ActionForm,
        lambda case, version, **data: services.action_add(**data),
        {Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED},
        "Action added",
    ),
}


def offered(case, user) -> list[tuple[str, Step]]:
    """The steps this person may take on this case now."""
    return [
        (slug, step)
        for slug, step in STEPS.items()
        if case.stage in step.stages and user.has_perm(step.permission) and slug != "identity"
    ]
