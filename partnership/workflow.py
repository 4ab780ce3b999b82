"""The one workflow mechanism: every stage machine in the portal is declared as data, and every stage change goes
through `advance` (or `start`, for a record's first stage).

An app declares its machine next to its model::

    RAISED_ITEM_STAGES = Machine(
        "boards.RaisedItem", RaisedItem.Stage, noun="the item",
        clocks=[Clock(TRIAGE, "Decide on item {subject.reference} raised for a board", audience=MANAGE_BOARDS)],
        moves=[
            Move("submit", "raise an item", (), "received", permission=None, starts=(TRIAGE,)),
            Move("decline", "decline the item", ("received",), "declined", MANAGE_BOARDS, stops=(TRIAGE,)),
        ],
    )

and its service makes a move inside its own transaction::

    with advance(item, "decline", by=by, version=version) as item:
        item.decline_reason = reason        # fields set on the locked row are saved with the move

`advance` locks the row, refuses a stale form, a move not allowed from the current stage and a person who may
not make it (each a `Refusal` in plain words), then saves, starts and stops the move's clocks and writes one
`StageChange`. Nothing else assigns a stage field outside this module and migrations: tests/partnership/
test_workflow_rules.py reads the code to prove it.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import models, transaction
from django.utils import timezone

from partnership.errors import Refusal
from partnership.locking import check_version

_MACHINES: dict[str, "Machine"] = {}


@dataclass(frozen=True)
class Clock:
    """A deadline a move may start: its kind (for example "reviews.sin_due"), the title people see on "My work"
    (formatted with `subject`), who sees it, and the attribute naming the organisation it belongs to, if any."""

    kind: str
    title: str
    audience: str
    organisation: str = ""


@dataclass(frozen=True)
class Move:
    """One allowed move: its name, what it does in words ("send the case to the panel"), the stages it may come
    from (none: the move that creates the record), the stage it goes to, the permission a person needs (None: made
    without signing in, through a public form or a signed link), a further rule on the person and the record, and
    the clocks it starts, meets and cancels, and what the history says happened ("Sent to the panel")."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str | None
    rule: Callable | None = None
    rule_words: str = ""
    starts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    cancels: tuple[str, ...] = ()
    done: str = ""

    @property
    def history_words(self) -> str:
        """What the history says happened: the move's `done` words, or its label."""
        return self.done or self.label[:1].upper() + self.label[1:]

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(str(source) for source in self.sources))
        object.__setattr__(self, "target", str(self.target))


@dataclass(frozen=True)
class Machine:
    """A model's stages and the moves between them; registered by the model's label ("reviews.Case")."""

    model: str
    stages: type[models.TextChoices]
    moves: list[Move]
    noun: str
    field: str = "stage"
    clocks: tuple[Clock, ...] = ()
    clean_exclude: tuple[str, ...] = ()

    def __post_init__(self):
        names = [move.name for move in self.moves]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.model}: two moves share a name")
        kinds = {clock.kind for clock in self.clocks}
        for move in self.moves:
            unknown = {move.target, *move.sources} - set(self.stages.values)
            if unknown:
                raise ValueError(f"{self.model}.{move.name}: unknown stages {sorted(unknown)}")
            if set(move.starts) - kinds:
                raise ValueError(f"{self.model}.{move.name}: starts a clock the machine does not declare")
        _MACHINES[self.model] = self

    def move(self, name: str) -> Move:
        for move in self.moves:
            if move.name == name:
                return move
        raise KeyError(f"{self.model} has no move {name!r}")

    def clock(self, kind: str) -> Clock:
        return next(clock for clock in self.clocks if clock.kind == kind)

    def label(self, stage: str) -> str:
        return self.stages(stage).label if stage in self.stages.values else stage

    @property
    def model_class(self) -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(self.model)


def machines() -> list[Machine]:
    """Every declared machine (they register when their models' modules load)."""
    return list(_MACHINES.values())


def machine_for(subject: models.Model | type[models.Model]) -> Machine:
    return _MACHINES[subject._meta.label]


def lock(subject: models.Model, *, version: int | None = None, stages: Iterable[str] = (), doing: str = ""):
    """The subject's row, locked for this transaction; a stale form is refused, and so is a change `doing` (in
    words) while the record is at a stage not in `stages` (when given). For edits that do not move the stage."""
    check_version(subject, version)
    locked = type(subject).objects.select_for_update().get(pk=subject.pk)
    stages = {str(stage) for stage in stages}
    if stages:
        machine = machine_for(subject)
        current = getattr(locked, machine.field)
        if current not in stages:
            raise Refusal(_at_stage_words(machine, doing, current), code="stage")
    return locked


def _at_stage_words(machine: Machine, doing: str, stage: str) -> str:
    return f"You cannot {doing} now: {machine.noun} is at the stage “{machine.label(stage)}”."


def may_make(move: Move, by, subject: models.Model) -> bool:
    """Whether `by` may make `move` on `subject` (the stage aside): the declared permission and rule."""
    if move.permission is not None and (by is None or not by.has_perm(move.permission)):
        return False
    return move.rule is None or bool(move.rule(by, subject))


def offered(subject: models.Model, by) -> list[Move]:
    """The moves `by` may make on `subject` at its current stage: what a page offers as buttons or steps."""
    machine = machine_for(subject)
    current = getattr(subject, machine.field)
    return [move for move in machine.moves if current in move.sources and may_make(move, by, subject)]


def _refuse_unless_allowed(machine: Machine, move: Move, subject: models.Model, by) -> None:
    current = getattr(subject, machine.field)
    if current not in move.sources:
        raise Refusal(_at_stage_words(machine, move.label, current), code="stage")
    if not may_make(move, by, subject):
        why = move.rule_words or "you do not have permission to do this"
        raise Refusal(f"You cannot {move.label}: {why}.", code="permission")


@contextmanager
def advance(
    subject: models.Model,
    move_name: str,
    *,
    by,
    version: int | None = None,
    on: date | None = None,
    due: dict[str, date] | None = None,
    note: str = "",
    due_on: date | None = None,
):
    """Make one move on `subject`, in one transaction; yields the locked row for the service to change.

    `on` is the day the step happened (today by default); `due` gives the due date of each clock the move starts;
    `due_on` records the deadline the step was measured against, for the history and the figures."""
    machine = machine_for(subject)
    move = machine.move(move_name)
    with transaction.atomic():
        locked = lock(subject, version=version)
        _refuse_unless_allowed(machine, move, locked, by)
        from_stage = getattr(locked, machine.field)
        yield locked
        setattr(locked, machine.field, move.target)
        _save(machine, locked)
        _record(machine, move, locked, from_stage, by=by, on=on, due=due, note=note, due_on=due_on)


def start(
    subject: models.Model,
    move_name: str,
    *,
    by,
    on: date | None = None,
    due: dict[str, date] | None = None,
    note: str = "",
):
    """Record a new record's first stage (a move from no stage), once it is saved, and start its clocks."""
    machine = machine_for(subject)
    move = machine.move(move_name)
    if move.sources:
        raise ValueError(f"{machine.model}.{move.name} is not a move that creates a record")
    if move.permission is not None and not may_make(move, by, subject):
        raise Refusal(f"You cannot {move.label}: {move.rule_words or 'you do not have permission to do this'}.")
    with transaction.atomic():
        if getattr(subject, machine.field) != move.target:
            type(subject).objects.filter(pk=subject.pk).update(**{machine.field: move.target})
            subject.refresh_from_db(fields=[machine.field])
        _record(machine, move, subject, "", by=by, on=on, due=due, note=note, due_on=None)


def _save(machine: Machine, subject: models.Model) -> None:
    subject.full_clean(exclude=list(machine.clean_exclude))
    subject.save()


def _record(machine, move, subject, from_stage, *, by, on, due, note, due_on) -> None:
    from partnership.models import StageChange
    from partnership.services import deadline_cancel, deadline_meet, deadline_open

    on = on or timezone.localdate()
    due = due or {}
    for kind in move.stops:
        deadline_meet(subject=subject, kind=kind, by=by, on=on)
    for kind in move.cancels:
        deadline_cancel(subject=subject, kind=kind)
    for kind in move.starts:
        if kind not in due:
            raise ValueError(f"{machine.model}.{move.name} starts {kind}: give its due date")
        clock = machine.clock(kind)
        deadline_open(
            subject=subject,
            kind=kind,
            title=clock.title.format(subject=subject),
            due_on=due[kind],
            audience_permission=clock.audience,
            organisation=getattr(subject, clock.organisation) if clock.organisation else None,
            opened_on=on,
        )
    StageChange.objects.create(
        subject=subject,
        move=move.name,
        description=move.history_words,
        from_stage=from_stage,
        to_stage=move.target,
        on=on,
        by=by if getattr(by, "pk", None) else None,
        due_on=due_on,
        note=note,
    )
