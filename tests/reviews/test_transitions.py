"""Every step, from every stage: the allowed moves succeed, the refused ones raise and save nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from partnership.errors import Refusal
from partnership.models import Deadline
from partnership.selectors import stage_changes
from reviews import services
from reviews.models import Case, Stage
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def closed_case(**kwargs):
    case = f.CaseFactory(**kwargs)
    return services.case_for_consideration_decide(
        case=case,
        meeting_on=case.referred_on,
        decision="do_not_notify",
        rationale="Criteria not met.",
        by=f.a_manager(),
    )


def published_case(**kwargs):
    case = f.LcsprReadyFactory(**kwargs)
    return services.lcspr_publish(
        case=case, published_on=f.today(), summary="What we learned.", by=f.a_manager(), **f.documents()
    )


AT_STAGE = {
    Stage.REFERRED: f.CaseFactory,
    Stage.NOTIFICATION: f.NotificationDueFactory,
    Stage.RAPID_REVIEW: f.RapidReviewSignedOffFactory,
    Stage.WITH_PANEL: f.WithPanelFactory,
    Stage.LCSPR: f.LcsprReadyFactory,
    Stage.PUBLISHED: published_case,
    Stage.CLOSED: closed_case,
}


def day(case, n):
    return case.referred_on + timedelta(days=n)


def _decide(decision):
    def step(case, by):
        return services.case_for_consideration_decide(
            case=case, meeting_on=day(case, 1), decision=decision, rationale="Because.", abuse_or_neglect=True,
            death_or_serious_harm=True, aware_on=case.referred_on, by=by,
        )  # fmt: skip

    return step


def _review_decide(decision):
    def step(case, by):
        return services.review_decide(
            case=case, decision=decision, rationale="Because.", decided_on=day(case, 30), by=by
        )

    return step


def _sign_off(case, by):
    la_rep = f.partner_reps()[0]
    return services.rapid_review_sign_off(case=case, partner=la_rep.organisation, by=la_rep)


# step name: (the call, the stage it moves to (None: stays), the stages it may come from)
STEPS = {
    "decide to notify": (_decide("notify"), Stage.NOTIFICATION, {Stage.REFERRED}),
    "decide not to notify": (_decide("do_not_notify"), Stage.CLOSED, {Stage.REFERRED}),
    "send the notification": (
        lambda case, by: services.notification_send(
            case=case, sent_on=day(case, 2), panel_reference="P1", care_status="none", by=by
        ),
        Stage.RAPID_REVIEW,
        {Stage.NOTIFICATION},
    ),
    "record the rapid review": (
        lambda case, by: services.rapid_review_record(case=case, meeting_on=day(case, 11), facts="F", by=by),
        None,
        {Stage.RAPID_REVIEW},
    ),
    "sign off": (_sign_off, None, {Stage.RAPID_REVIEW}),
    "send the rapid review": (
        lambda case, by: services.rapid_review_send(case=case, sent_on=day(case, 20), by=by),
        Stage.WITH_PANEL,
        {Stage.RAPID_REVIEW},
    ),
    "decide on an LCSPR": (_review_decide("lcspr"), Stage.LCSPR, {Stage.WITH_PANEL}),
    "decide no further action": (_review_decide("no_further_action"), Stage.CLOSED, {Stage.WITH_PANEL}),
    "update the LCSPR": (
        lambda case, by: services.lcspr_update(case=case, reviewer="A Reviewer", by=by),
        None,
        {Stage.LCSPR},
    ),
    "publish": (
        lambda case, by: services.lcspr_publish(
            case=case, published_on=f.today(), summary="Learning.", by=by, **f.documents()
        ),
        Stage.PUBLISHED,
        {Stage.LCSPR},
    ),
}

# Within the rapid review, recording and signing off come before the sign-offs are complete.
BEFORE_SIGN_OFF = {"record the rapid review", "sign off"}

MOVES = [(name, stage, stage in STEPS[name][2]) for name in STEPS for stage in AT_STAGE]


def snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (
        case.stage, case.version, stage_changes(case).count(), Deadline.objects.count(),
        hasattr(case, "rapid_review") and case.rapid_review.sign_offs.count(),
    )  # fmt: skip


@pytest.mark.parametrize(("step", "stage", "allowed"), MOVES, ids=[f"{s} from {st}" for s, st, _ in MOVES])
def test_every_step_from_every_stage(step, stage, allowed, reps):
    manager = f.a_manager()
    make = f.RapidReviewRecordedFactory if stage == Stage.RAPID_REVIEW and step in BEFORE_SIGN_OFF else AT_STAGE[stage]
    case = make()
    call, to, _ = STEPS[step]
    if allowed:
        call(case, manager)
        case.refresh_from_db()
        assert case.stage == (to or stage)
        if to:
            assert stage_changes(case).last().to_stage == to
    else:
        before = snapshot(case)
        with pytest.raises((Refusal, ValidationError)):
            call(case, manager)
        assert snapshot(case) == before


def test_a_step_that_fails_half_way_saves_nothing(reps):
    """A notify decision without the date of awareness is refused after the case fields were set in memory."""
    case = f.CaseFactory()
    before = snapshot(case)
    with pytest.raises(ValidationError, match="became aware"):
        services.case_for_consideration_decide(
            case=case, meeting_on=day(case, 1), decision="notify", rationale="x", abuse_or_neglect=True,
            death_or_serious_harm=True, by=f.a_manager(),
        )  # fmt: skip
    assert snapshot(case) == before
    assert Case.objects.get(pk=case.pk).consideration_decision == ""
