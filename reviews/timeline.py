"""The case's "What happened" list: its stage changes and the dated events that do not change the stage
(meetings, sign-offs, summaries received, the Panel's response, the LCSPR's reports), in date order.

The stage changes alone (`{% stage_history %}`) miss most of what a case's people do: who signed off the rapid
review and when, when the Panel replied. This list puts them on one timeline; the stage history stays as it is.
"""

from dataclasses import dataclass
from datetime import date

from partnership.selectors import stage_changes


@dataclass(frozen=True)
class Event:
    on: date
    what: str
    by: str = ""
    order: int = 1  # on the same day, a stage change (0) comes before the events recorded against it


def _dated(*pairs) -> list[Event]:
    return [Event(on, what) for on, what in pairs if on]


def _rapid_review_events(review) -> list[Event]:
    events = _dated(
        (review.meeting_on, "Rapid review meeting"),
        (review.panel_response_on, "The Panel's response received"),
    )
    for request in review.summary_requests.all():
        events += _dated(
            (request.requested_on, f"Agency summary requested from {request.organisation}"),
            (request.received_on, f"Agency summary received from {request.organisation}"),
            (request.withdrawn_on, f"Agency summary request to {request.organisation} withdrawn"),
        )
    events += [Event(sign_off.signed_on, str(sign_off), str(sign_off.signed_by)) for sign_off in review.sign_offs.all()]
    return events


def what_happened(case) -> list[Event]:
    """Everything dated on the case, oldest first."""
    events = [Event(change.on, change.description, str(change.by or ""), 0) for change in stage_changes(case)]
    events += _dated((case.meeting_on, "Statutory partners' meeting on the case for consideration"))
    if notification := getattr(case, "notification", None):
        events += _dated(
            (notification.secretary_of_state_notified_on, "The Secretary of State and Ofsted notified"),
        )
    if review := getattr(case, "rapid_review", None):
        events += _rapid_review_events(review)
    if lcspr := getattr(case, "lcspr", None):
        events += _dated(
            (lcspr.panel_notified_on, "The Panel told of the LCSPR and its reviewer"),
            (lcspr.draft_on, "Draft report received"),
            (lcspr.final_on, "Final report received"),
            (lcspr.prepublication_sent_on, "Pre-publication copy sent to the Panel and the Secretary of State"),
        )
    return sorted(events, key=lambda event: (event.on, event.order))
