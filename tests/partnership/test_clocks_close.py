"""A clock always has a way to close (issue 13): read from the machines' declarations, for every deadline kind a
machine declares and every stage its records can reach with that clock open, some allowed move from there (at once
or after other moves) meets it (`stops`) or withdraws it (`cancels`); so no record can come to rest at a final
stage (one with no move out) with that clock still open, overdue on "My work" for good.

A clock a machine declares but no move starts is opened by a service on a record that belongs to the subject (the
Joint Agency Response of a child death); those are listed in `CLOSED_BY_A_SERVICE` with the step that closes them,
and a test here proves that step does.
"""

from collections import deque

import pytest

from partnership.workflow import Machine, machines

CLOSED_BY_A_SERVICE = {
    # Opened on the case's Joint Agency Response when triage says one is needed (`cdop.services.case_triage`); met
    # when the visit and the meeting are recorded, withdrawn if triage changes its mind, and when the case closes.
    "cdop.jar_home_visit": "cdop.services.case_close",
    "cdop.jar_meeting": "cdop.services.case_close",
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
