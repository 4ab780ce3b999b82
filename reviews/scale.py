"""Synthetic serious incidents at scale for the benchmark (`manage.py make_scale_data`, through the app's
`scale_data_loader`). Never used by the demo; the query-count tests use `make`.

Each case is left as the services would have left it: its stage history (`StageChange`, one row per move of
`CASE_STAGES`), its steps (notification, rapid review, LCSPR) with their dates, its clocks (`Deadline` rows: met
for the steps done, open for the stage it is at), and, once reviewed, recommendations and their actions (open
ones with their clock, closed ones with the day they closed). Most cases are closed or published; a few per cent
are open, referred recently. Dates are spread over ten years. Written with COPY (`partnership.copying`) in
batches, no per-row query; the pghistory triggers stay on. References are `SCALE-0000001`, ...: counted to top
up, never doubled.
"""

import random
import time
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnership.copying import copy_objects, copy_stage_changes
from partnership.models import Deadline, Organisation
from reviews.models import Action, Case, Child, Lcspr, Notification, RapidReview, Recommendation, Stage
from reviews.models.actions import ACTION_DUE, ACTION_STAGES
from reviews.models.cases import CASE_STAGES, LCSPR_COMPLETION, RAPID_REVIEW_DUE, SIN_DUE, ReviewDecision

BATCH = 5000
PREFIX = "SCALE-"
YEARS = 10

# The stage each synthetic case ends at, by share: most closed or published, a few per cent open.
SPREAD = [
    ("closed_unnotified", 0.47),
    ("closed_care_leaver", 0.03),
    ("closed_after_panel", 0.30),
    (Stage.PUBLISHED, 0.12),
    (Stage.LCSPR, 0.03),
    (Stage.WITH_PANEL, 0.015),
    (Stage.RAPID_REVIEW, 0.01),
    (Stage.NOTIFICATION, 0.005),
    (Stage.REFERRED, 0.02),
]
# How long ago an open case at each stage was referred (days): a case moves on within weeks, an LCSPR within months.
RECENT = {
    Stage.REFERRED: 20,
    Stage.NOTIFICATION: 4,
    Stage.RAPID_REVIEW: 18,
    Stage.WITH_PANEL: 55,
    Stage.LCSPR: 230,
}
# The moves each outcome makes, in order, and the days after the referral each is made.
PATHS = {
    Stage.REFERRED: [("refer", 0)],
    Stage.NOTIFICATION: [("refer", 0), ("decide_to_notify", 2)],
    Stage.RAPID_REVIEW: [("refer", 0), ("decide_to_notify", 2), ("send_notification", 5)],
    Stage.WITH_PANEL: [("refer", 0), ("decide_to_notify", 2), ("send_notification", 5), ("send_rapid_review", 25)],
    Stage.LCSPR: [
        ("refer", 0),
        ("decide_to_notify", 2),
        ("send_notification", 5),
        ("send_rapid_review", 25),
        ("commission_lcspr", 60),
    ],
    Stage.PUBLISHED: [
        ("refer", 0),
        ("decide_to_notify", 2),
        ("send_notification", 5),
        ("send_rapid_review", 25),
        ("commission_lcspr", 60),
        ("publish_lcspr", 300),
    ],
    "closed_unnotified": [("refer", 0), ("close_without_notifying", 12)],
    "closed_care_leaver": [("refer", 0), ("decide_to_notify", 2), ("close_care_leaver_notified", 5)],
    "closed_after_panel": [
        ("refer", 0),
        ("decide_to_notify", 2),
        ("send_notification", 5),
        ("send_rapid_review", 25),
        ("close_after_the_panel", 60),
    ],
}
# When each clock a move starts falls due, in days after the move.
CLOCK_DAYS = {SIN_DUE: 7, RAPID_REVIEW_DUE: 21, LCSPR_COMPLETION: 182}


def load(plan, stdout) -> None:
    """Top the synthetic cases up to the plan's `cases`: safe to run again."""
    started = time.monotonic()
    existing = Case.objects.filter(reference__startswith=PREFIX).count()
    made = make(max(plan.cases - existing, 0))
    stdout.write(
        f"  {made} serious incident cases added ({existing + made} in all) in {time.monotonic() - started:.1f} s"
    )


def _outcomes(count: int, rng: random.Random) -> list:
    names, weights = zip(*SPREAD, strict=True)
    return rng.choices(names, weights=weights, k=count)


def make(count: int, stdout=None) -> int:
    """Bulk-create `count` cases spread over every stage, with their history, steps, clocks and actions."""
    organisations = list(Organisation.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:50])
    if not organisations or count <= 0:
        return 0
    start = Case.objects.filter(reference__startswith=PREFIX).count()
    for offset in range(0, count, BATCH):
        _batch(start + offset, min(BATCH, count - offset), organisations)
    if stdout:
        stdout.write(f"  {count} serious incident cases")
    return count


def _referred_on(outcome, today: date, rng: random.Random) -> date:
    if outcome in RECENT:
        return today - timedelta(days=rng.randrange(RECENT[outcome]))
    # Closed and published cases over ten years; a published one took about a year to get there.
    earliest = 400 if outcome == Stage.PUBLISHED else 90
    return today - timedelta(days=rng.randrange(earliest, 365 * YEARS))


def _batch(first: int, size: int, organisations: list[int]) -> None:
    rng = random.Random(first)  # noqa: S311 (synthetic data, not secrets)
    today = timezone.localdate()
    outcomes = _outcomes(size, rng)
    cases = []
    for n, outcome in enumerate(outcomes):
        referred_on = _referred_on(outcome, today, rng)
        last_move, last_day = PATHS[outcome][-1]
        stage = CASE_STAGES.move(last_move).target
        closed = stage == Stage.CLOSED
        decision = {
            "closed_after_panel": ReviewDecision.OTHER_LEARNING if n % 3 else ReviewDecision.NO_FURTHER_ACTION,
        }.get(outcome, ReviewDecision.LCSPR if outcome in (Stage.LCSPR, Stage.PUBLISHED) else "")
        case = Case(
            reference=f"{PREFIX}{first + n:07d}",
            stage=stage,
            referring_organisation_id=organisations[n % len(organisations)],
            referred_on=referred_on,
            summary="Synthetic case for the benchmark.",
            abuse_or_neglect=True,
            death_or_serious_harm=True,
            in_area=True,
            meeting_on=referred_on + timedelta(days=2) if len(PATHS[outcome]) > 1 else None,
            consideration_decision="do_not_notify"
            if outcome == "closed_unnotified"
            else ("notify" if len(PATHS[outcome]) > 1 else ""),
            decision=decision,
            decided_on=referred_on + timedelta(days=60) if decision else None,
            closed_on=referred_on + timedelta(days=last_day) if closed else None,
        )
        case.outcome = outcome
        cases.append(case)
    cases = copy_objects(Case, cases)
    children = []
    for n, case in enumerate(cases):
        case.child_pseudonyms = [f"Child {chr(65 + (n + k) % 26)}" for k in range(1 + (n % 7 == 0))]
        children += [Child(case=case, pseudonym=name) for name in case.child_pseudonyms]
    copy_objects(Child, children)
    _steps(cases)
    _history(cases)
    _recommendations_and_actions(cases, organisations, today, rng)


def _on(case: Case, move: str) -> date | None:
    return next((case.referred_on + timedelta(days=day) for name, day in PATHS[case.outcome] if name == move), None)


def _steps(cases: list[Case]) -> None:
    notifications, reviews, lcsprs = [], [], []
    for case in cases:
        if decided := _on(case, "decide_to_notify"):
            notifications.append(
                Notification(
                    case=case,
                    aware_on=case.referred_on,
                    due_on=decided + timedelta(days=CLOCK_DAYS[SIN_DUE]),
                    sent_on=_on(case, "send_notification") or _on(case, "close_care_leaver_notified"),
                    care_status="care_leaver" if case.outcome == "closed_care_leaver" else "none",
                    abuse_or_neglect_suspected=case.outcome != "closed_care_leaver",
                )
            )
        if opened := _on(case, "send_notification"):
            sent = _on(case, "send_rapid_review")
            reviews.append(
                RapidReview(
                    case=case,
                    opened_on=opened,
                    due_on=opened + timedelta(days=CLOCK_DAYS[RAPID_REVIEW_DUE]),
                    meeting_on=opened + timedelta(days=12) if sent else None,
                    sent_on=sent,
                    panel_response_on=sent + timedelta(days=20) if sent and case.stage != Stage.WITH_PANEL else None,
                    local_review_criteria_met=case.outcome in (Stage.LCSPR, Stage.PUBLISHED) if sent else None,
                )
            )
        if commissioned := _on(case, "commission_lcspr"):
            published = _on(case, "publish_lcspr")
            lcsprs.append(
                Lcspr(
                    case=case,
                    decided_on=commissioned,
                    reviewer="Independent reviewer",
                    panel_notified_on=commissioned + timedelta(days=5),
                    target_completion_on=commissioned + timedelta(days=CLOCK_DAYS[LCSPR_COMPLETION]),
                    final_on=published - timedelta(days=30) if published else None,
                    published_on=published,
                    title=f"Learning from {case.reference}" if published else "",
                )
            )
    copy_objects(Notification, notifications)
    copy_objects(RapidReview, reviews)
    copy_objects(Lcspr, lcsprs)


def _history(cases: list[Case]) -> None:
    """Each case's stage changes and clocks, as `partnership.workflow` records its moves."""
    case_type = ContentType.objects.get_for_model(Case)
    changes, clocks = [], {}
    for case in cases:
        for name, day in PATHS[case.outcome]:
            move = CASE_STAGES.move(name)
            on = case.referred_on + timedelta(days=day)
            for kind in move.stops:
                clocks[kind, case.pk].met_on = on
            for kind in move.starts:
                clocks[kind, case.pk] = Deadline(
                    content_type=case_type,
                    object_id=case.pk,
                    kind=kind,
                    title=CASE_STAGES.clock(kind).title.format(subject=case),
                    due_on=on + timedelta(days=CLOCK_DAYS[kind]),
                    opened_on=on,
                    audience_permission=CASE_STAGES.clock(kind).audience,
                )
            changes.append((case, name, on))
    copy_stage_changes(changes)
    copy_objects(Deadline, clocks.values())


def _recommendations_and_actions(cases, organisations, today: date, rng: random.Random) -> None:
    """Three recommendations for a local review, one for other learning; two actions each, due within a year of
    the decision: closed a few months after, except the recent ones, still open (some overdue)."""
    reviewed = [case for case in cases if case.decision in (ReviewDecision.LCSPR, ReviewDecision.OTHER_LEARNING)]
    recommendations = copy_objects(
        Recommendation,
        (
            Recommendation(case=case, number=number, text=f"Synthetic recommendation {number}.")
            for case in reviewed
            for number in range(1, (4 if case.decision == ReviewDecision.LCSPR else 2))
        ),
    )
    actions = []
    for n, recommendation in enumerate(recommendations):
        case = recommendation.case
        for k in range(2):
            due_on = case.decided_on + timedelta(days=90 + rng.randrange(270))
            closed_on = due_on + timedelta(days=rng.randrange(-60, 60)) if due_on < today - timedelta(days=60) else None
            action = Action(
                recommendation=recommendation,
                organisation_id=organisations[(n + k) % len(organisations)],
                description=f"Synthetic action {k + 1} on recommendation {recommendation.number}.",
                due_on=due_on,
                rag="green" if closed_on else ("red" if due_on < today else "amber"),
                status=Action.Status.CLOSED if closed_on else Action.Status.OPEN,
                closed_on=closed_on,
            )
            action.opened_on = case.decided_on
            actions.append(action)
    actions = copy_objects(Action, actions)
    action_type = ContentType.objects.get_for_model(Action)
    clock = ACTION_STAGES.clock(ACTION_DUE)
    copy_objects(
        Deadline,
        (
            Deadline(
                content_type=action_type,
                object_id=action.pk,
                kind=ACTION_DUE,
                title=clock.title.format(subject=action)[:250],
                due_on=action.due_on,
                opened_on=action.opened_on,
                audience_permission=clock.audience,
                organisation_id=action.organisation_id,
                met_on=action.closed_on,
            )
            for action in actions
        ),
    )
    copy_stage_changes(
        (action, name, on)
        for action in actions
        for name, on in [("add", action.opened_on), ("close", action.closed_on)]
    )
