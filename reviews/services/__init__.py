"""Every write and stage change of serious incidents. Each stage change names the stages it may come from."""

from reviews.services.actions import action_add, action_change, action_report_progress, recommendation_add
from reviews.services.cases import (
    case_for_consideration_decide,
    case_for_consideration_refer,
    child_identity_record,
    notification_record_secretary_of_state,
    notification_send,
)
from reviews.services.lcsprs import historic_review_record, lcspr_publish, lcspr_update
from reviews.services.rapid_reviews import (
    agency_summary_receive,
    agency_summary_request,
    rapid_review_panel_response,
    rapid_review_record,
    rapid_review_send,
    rapid_review_sign_off,
    review_decide,
)

__all__ = [
    "action_add",
    "action_change",
    "action_report_progress",
    "agency_summary_receive",
    "agency_summary_request",
    "case_for_consideration_decide",
    "case_for_consideration_refer",
    "child_identity_record",
    "historic_review_record",
    "lcspr_publish",
    "lcspr_update",
    "notification_record_secretary_of_state",
    "notification_send",
    "rapid_review_panel_response",
    "rapid_review_record",
    "rapid_review_send",
    "rapid_review_sign_off",
    "recommendation_add",
    "review_decide",
]
