"""A clock always has a way to close (issue 13): read from the machines' declarations, for every deadline kind a
machine declares and every stage its records can reach with that clock open, some allowed move from there (at once
or after other moves) meets it (`stops`) or withdraws it (`cancels`); so no record can come to rest at a final
stage (one with no move out) with that clock still open, overdue on "My work" for good.

A clock a machine declares but no move starts is opened by a service on a record that belongs to the subject (the
Joint Agency Response of a child death); those are listed in `CLOSED_BY_A_SERVICE` with the step that closes them,
and a test here proves that step does.
"""

import ast
from collections import deque
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from partnership.workflow import Machine, machines

CLOSED_BY_A_SERVICE = {
    # Opened on the case's Joint Agency Response when triage says one is needed (`cdop.services.case_triage`); met
    # when the visit and the meeting are recorded, withdrawn if triage changes its mind, and when the case closes.
    "cdop.jar_home_visit": "cdop.services.case_close",
    "cdop.jar_meeting": "cdop.services.case_close",
}
# Clocks a service opens on a record that is not itself a machine's subject, or on a case for only some cases;
# each with the steps that close it (a test below, or the app's tests, proves each).
OPENED_BY_A_SERVICE = {
    # One per agency asked: met when its summary is recorded (at any stage up to publication), withdrawn by the
    # manager with a reason, and withdrawn when the case closes after the Panel.
    "reviews.agency_summary_due": (
        "reviews.services.agency_summary_receive",
        "reviews.services.agency_summary_withdraw",
        "reviews.services.review_decide",
    ),
    # A looked-after child's or care leaver's death: met when the notification to the Secretary of State and Ofsted
    # is recorded, which the case page offers at every stage after the notification, closed cases included.
    "reviews.secretary_of_state_due": ("reviews.services.notification_record_secretary_of_state",),
    # Set when the LCSPR's publication is planned: met when the copy is sent, which publishing requires.
    "reviews.prepublication_due": ("reviews.services.lcspr_update",),
    # An action's due date, moved by the manager: the action machine's own clock, met when it closes.
    "reviews.action_due": ("reviews.services.action_change",),
}


def started_by_a_move(machine: Machine, kind: str) -> bool:
    return any(kind in move.starts for move in machine.moves)


def clocks_started_by_moves():
    for machine in machines():
        for clock in machine.clocks:
            if started_by_a_move(machine, clock.kind):
                yield pytest.param(machine, clock.kind, id=f"{machine.model}:{clock.kind}")


def after(move, kind: str, is_open: bool) -> bool:
    """Whether the clock is open after `move`: `advance` meets and withdraws clocks before it starts new ones."""
    if kind in move.starts:
        return True
    return is_open and kind not in move.stops and kind not in move.cancels


def stages_open(machine: Machine, kind: str) -> set[str]:
    """Every stage a record can reach with the clock open, walking every allowed move from every first move."""
    seen = {(move.target, kind in move.starts) for move in machine.moves if not move.sources}
    queue = deque(seen)
    while queue:
        stage, is_open = queue.popleft()
        for move in machine.moves:
            if stage in move.sources:
                state = (move.target, after(move, kind, is_open))
                if state not in seen:
                    seen.add(state)
                    queue.append(state)
    return {stage for stage, is_open in seen if is_open}


def closes_from(machine: Machine, kind: str, stage: str) -> list[str] | None:
    """The shortest run of moves from `stage` (clock open) that closes the clock, or None if there is none."""
    queue, seen = deque([(stage, [])]), {stage}
    while queue:
        current, path = queue.popleft()
        for move in machine.moves:
            if current not in move.sources:
                continue
            if kind in move.stops or kind in move.cancels:
                return [*path, move.name]
            if kind in move.starts or move.target in seen:
                continue  # starting it again only moves its due date; a stage seen is walked already
            seen.add(move.target)
            queue.append((move.target, [*path, move.name]))
    return None


@pytest.mark.parametrize(("machine", "kind"), list(clocks_started_by_moves()))
def test_from_every_stage_with_the_clock_open_some_allowed_move_closes_it(machine, kind):
    stuck = {stage: "no move out" for stage in stages_open(machine, kind) if closes_from(machine, kind, stage) is None}
    for stage in stuck:
        if any(stage in move.sources for move in machine.moves):
            stuck[stage] = "no move out of it ever meets or withdraws the clock"
    assert not stuck, f"{machine.model}: {kind} can stay open for good at {stuck}"


@pytest.mark.parametrize(("machine", "kind"), list(clocks_started_by_moves()))
def test_no_final_stage_keeps_the_clock_open(machine, kind):
    final = {stage for stage in machine.stages.values if not any(stage in move.sources for move in machine.moves)}
    assert not final & stages_open(machine, kind), f"{machine.model}: a record rests at a final stage with {kind} open"


def test_every_clock_a_move_meets_or_withdraws_is_declared_on_its_machine():
    for machine in machines():
        kinds = {clock.kind for clock in machine.clocks}
        for move in machine.moves:
            assert set(move.stops) | set(move.cancels) <= kinds, f"{machine.model}.{move.name}: an unknown clock"


def test_a_declared_clock_no_move_starts_names_the_step_that_closes_it():
    for machine in machines():
        for clock in machine.clocks:
            if not started_by_a_move(machine, clock.kind):
                assert clock.kind in CLOSED_BY_A_SERVICE, f"{machine.model}: who closes {clock.kind}?"


def test_the_walk_finds_a_clock_left_open():
    """The walk itself: a machine whose only way on from a stage leaves the clock open is caught."""
    from partnership.workflow import _MACHINES, Clock, Move
    from reviews.models import Stage

    broken = Machine(
        "tests.Broken",
        Stage,
        noun="the case",
        clocks=(Clock("tests.due", "Due", audience=""),),
        moves=[
            Move("refer", "refer", (), Stage.REFERRED, None, starts=("tests.due",)),
            Move("close", "close", (Stage.REFERRED,), Stage.CLOSED, None),
        ],
    )
    _MACHINES.pop("tests.Broken")
    assert stages_open(broken, "tests.due") == {"referred", "closed"}
    assert closes_from(broken, "tests.due", "referred") is None


@pytest.mark.django_db
def test_closing_a_child_death_case_withdraws_its_joint_agency_response_clocks():
    from cdop import services
    from cdop.services import _jar_clocks
    from partnership.models import Deadline
    from partnership.roles import Role
    from tests.cdop.factories import AnalysisCompleteFactory, CasePanelFactory
    from tests.factories import UserFactory

    case = CasePanelFactory(analysis=None)
    AnalysisCompleteFactory(case=case)
    _jar_clocks(case, case.jar)
    assert Deadline.objects.open().filter(kind__in=CLOSED_BY_A_SERVICE).count() == 2
    services.case_close(case=case, by=UserFactory(roles=[Role.CDOP_COORDINATOR]))
    assert not Deadline.objects.open().filter(kind__in=CLOSED_BY_A_SERVICE).exists()


def kinds_opened_in_the_code() -> set[str]:
    """Every deadline kind the product code opens directly (`deadline_open(kind=...)`), its constant resolved (a
    loop over a literal list of kinds is followed)."""
    kinds = set()
    root = Path(settings.BASE_DIR)
    for app in ["reviews", "cdop", "audits", "boards", "content", "partnership"]:
        for path in (root / app).rglob("*.py"):
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            if "migrations" in path.parts or module == "partnership.workflow":  # it opens declared clocks only
                continue
            tree = ast.parse(path.read_text())
            loops = {}  # a loop variable -> the expressions it takes
            for node in ast.walk(tree):
                if isinstance(node, ast.For) and isinstance(node.iter, ast.List | ast.Tuple):
                    first = node.target.elts[0] if isinstance(node.target, ast.Tuple) else node.target
                    items = [item.elts[0] if isinstance(item, ast.Tuple) else item for item in node.iter.elts]
                    loops[getattr(first, "id", "")] = items
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "deadline_open"):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "kind":
                        continue
                    for value in loops.get(getattr(keyword.value, "id", None), [keyword.value]):
                        name = value.value if isinstance(value, ast.Constant) else f"{module}.{value.id}"
                        kinds.add(name if isinstance(value, ast.Constant) else import_string(name))
    return kinds


def test_every_deadline_kind_opened_anywhere_has_a_way_to_close():
    declared = {kind for machine in machines() for clock in machine.clocks for kind in [clock.kind]}
    opened = kinds_opened_in_the_code()
    assert {"reviews.agency_summary_due", "reviews.secretary_of_state_due", "cdop.jar_meeting"} <= opened
    unknown = opened - declared - set(OPENED_BY_A_SERVICE) - set(CLOSED_BY_A_SERVICE)
    assert not unknown, f"say which steps close {sorted(unknown)} (OPENED_BY_A_SERVICE) and test them"
    for kind, steps in OPENED_BY_A_SERVICE.items():
        for step in steps:
            assert callable(import_string(step)), f"{kind}: {step} does not exist"


@pytest.mark.django_db
def test_the_secretary_of_states_clock_can_be_met_after_the_case_has_closed():
    from partnership.models import Deadline
    from reviews import services
    from reviews.models import Stage
    from reviews.services.cases import SECRETARY_OF_STATE_DUE
    from tests.reviews import factories as f

    case = f.NotificationDueFactory()
    services.notification_send(
        case=case, sent_on=case.notification.aware_on, panel_reference="P-1", care_status="care_leaver",
        abuse_or_neglect_suspected=False, by=f.a_manager(),
    )  # fmt: skip
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert Deadline.objects.open().filter(kind=SECRETARY_OF_STATE_DUE, object_id=case.pk).exists()
    services.notification_record_secretary_of_state(case=case, notified_on=case.notification.aware_on, by=f.a_manager())
    assert not Deadline.objects.open().filter(kind=SECRETARY_OF_STATE_DUE, object_id=case.pk).exists()
