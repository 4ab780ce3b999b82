"""Serious incidents: readers are the partnership manager and the review group (statutory partner
representatives included); agency users see only their own organisation's actions; anyone else gets 404."""

from datetime import timedelta

from django.utils import timezone

from tests.security.access import (
    ADMIN,
    AGENCY,
    ANONYMOUS,
    FORBIDDEN,
    LOGIN,
    MANAGER,
    NOT_FOUND,
    OK,
    OTHER_AGENCY,
    PARTNER_REP,
    REVIEW_GROUP,
    SIGNED_IN,
    Row,
    staff_only,
)

READERS = [MANAGER, REVIEW_GROUP, PARTNER_REP, ADMIN]


def _readers_act(url_name, may_act, note=""):
    """Readers who may not take the step get 403; people who may not read the case get 404."""
    expect = dict.fromkeys(SIGNED_IN, NOT_FOUND)
    expect.update(dict.fromkeys(READERS, FORBIDDEN))
    expect.update(dict.fromkeys(may_act, OK))
    return Row(url_name, {ANONYMOUS: LOGIN, **expect}, note)


ROWS = [
    staff_only("reviews:case-list", allowed=READERS, denied=NOT_FOUND),
    staff_only("reviews:annual-figures", allowed=READERS, denied=NOT_FOUND),
    staff_only("reviews:case-export", allowed=READERS, denied=NOT_FOUND, note="CSV, no identifying details"),
    staff_only("reviews:case-summary", allowed=READERS, denied=NOT_FOUND, note="printable, no identifying details"),
    staff_only("reviews:case-detail", allowed=READERS, denied=NOT_FOUND, note="an agency user guessing it gets 404"),
    staff_only(
        "reviews:case-identities", allowed=[MANAGER, ADMIN], denied=NOT_FOUND, note="viewing is logged (access_record)"
    ),
    _readers_act("reviews:case-refer", [MANAGER, ADMIN]),
    _readers_act(
        "reviews:case-step", [MANAGER, ADMIN], note="each step checks its own permission (sign-off: partners)"
    ),
    staff_only(
        "reviews:action-list", allowed=[*READERS, AGENCY, OTHER_AGENCY], denied=NOT_FOUND, note="agency: own only"
    ),
    staff_only(
        "reviews:action-detail",
        allowed=[*READERS, AGENCY],
        denied=NOT_FOUND,
        note="owned by the agency user's organisation; another organisation's user gets 404",
    ),
]


def world(people):
    from reviews import services

    manager = people[MANAGER]
    agency = people[AGENCY].organisation
    today = timezone.localdate()
    case = services.case_for_consideration_refer(
        referring_organisation=manager.organisation,
        referred_on=today - timedelta(days=5),
        children=["Child A"],
        summary="A referral.",
        by=manager,
    )
    closed = services.case_for_consideration_refer(
        referring_organisation=manager.organisation, referred_on=today, children=["Child B"], summary="x", by=manager
    )
    services.case_for_consideration_decide(
        case=closed, meeting_on=today, decision="other_learning", rationale="Single-agency learning.", by=manager
    )
    recommendation = services.recommendation_add(case=closed, text="Learn.", by=manager)
    action = services.action_add(
        recommendation=recommendation, organisation=agency, description="Train staff.", due_on=today, by=manager
    )
    return {
        "reviews:case-detail": {"pk": case.pk},
        "reviews:case-identities": {"pk": case.pk},
        "reviews:case-summary": {"pk": case.pk},
        "reviews:case-step": {"pk": case.pk, "step": "decide"},
        "reviews:action-detail": {"pk": action.pk},
    }
