"""The machine walk, generated from the declarations: every declared move succeeds for a permitted person from each
stage it may come from and writes exactly one history row; every other stage refuses it; a person without the
right is refused. A stage or move added to a declaration is walked without new test code.

Concurrency: two people making the same move on the same record at once; one succeeds, the other is refused, and
there is one history row."""

import threading
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import close_old_connections, connection
from django.utils import timezone

from partnership.errors import Refusal
from partnership.models import StageChange
from partnership.workflow import advance, machines, start
from tests.factories import UserFactory
from tests.workflow_subjects import subjects

SUBJECTS = subjects()


def _cases(kind):
    for machine in sorted(machines(), key=lambda machine: machine.model):
        for move in machine.moves:
            if kind == "create" and not move.sources:
                yield pytest.param(machine, move, None, id=f"{machine.model}:{move.name}")
            for stage in machine.stages.values:
                guarded = move.permission is not None or move.rule is not None
                if kind == "guarded" and guarded and stage in move.sources:
                    yield pytest.param(machine, move, stage, id=f"{machine.model}:{move.name}:from-{stage}")
                if kind == "allowed" and stage in move.sources:
                    yield pytest.param(machine, move, stage, id=f"{machine.model}:{move.name}:from-{stage}")
                if kind == "refused" and move.sources and stage not in move.sources:
                    yield pytest.param(machine, move, stage, id=f"{machine.model}:{move.name}:from-{stage}")


def _due(move):
    return {kind: timezone.localdate() + timedelta(days=20) for kind in move.starts}


def _history(subject):
    content_type = ContentType.objects.get_for_model(subject)
    return StageChange.objects.filter(content_type=content_type, object_id=subject.pk)


def _subject(machine, stage):
    assert machine.model in SUBJECTS, f"declare how to make a {machine.model} in tests/<app>/workflow_subjects.py"
    return SUBJECTS[machine.model].make(stage)


def test_every_app_with_a_stage_field_declares_its_machine():
    declared = {machine.model for machine in machines()}
    assert declared >= {
        "reviews.Case",
        "reviews.Action",
        "cdop.ChildDeathCase",
        "cdop.FormBRequest",
        "audits.AuditReturn",
        "audits.Cycle",
        "audits.ToolVersion",
        "boards.RaisedItem",
        "content.Page",
        "content.Publication",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("machine", "move", "stage"), list(_cases("allowed")))
def test_an_allowed_move_succeeds_for_a_permitted_person_and_writes_one_history_row(machine, move, stage):
    subject = _subject(machine, stage)
    person = SUBJECTS[machine.model].person(move, subject)
    before = _history(subject).count()
    with advance(subject, move.name, by=person, due=_due(move)) as subject:
        pass
    subject.refresh_from_db()
    assert getattr(subject, machine.field) == move.target
    assert _history(subject).count() == before + 1
    change = _history(subject).last()
    assert (change.move, change.from_stage, change.to_stage) == (move.name, stage, move.target)


@pytest.mark.django_db
@pytest.mark.parametrize(("machine", "move", "stage"), list(_cases("refused")))
def test_a_move_not_declared_from_a_stage_is_refused_in_words_and_changes_nothing(machine, move, stage):
    subject = _subject(machine, stage)
    person = SUBJECTS[machine.model].person(move, subject)
    before = _history(subject).count()
    with pytest.raises(Refusal) as refusal, advance(subject, move.name, by=person, due=_due(move)):
        pass
    assert refusal.value.code == "stage"
    assert refusal.value.messages[0].startswith(f"You cannot {move.label} now: ")
    subject.refresh_from_db()
    assert getattr(subject, machine.field) == stage
    assert _history(subject).count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("machine", "move", "stage"), list(_cases("guarded")))
def test_a_person_without_the_right_is_refused(machine, move, stage):
    subject = _subject(machine, stage)
    with pytest.raises(Refusal) as refusal, advance(subject, move.name, by=UserFactory(), due=_due(move)):
        pass
    assert refusal.value.code == "permission"
    assert _history(subject).count() == 0 or _history(subject).last().to_stage == stage


@pytest.mark.django_db
@pytest.mark.parametrize(("machine", "move", "stage"), list(_cases("create")))
def test_a_new_record_starts_at_its_first_stage_with_one_history_row(machine, move, stage):
    subject = _subject(machine, move.target)
    person = SUBJECTS[machine.model].person(move, subject)
    _history(subject).delete()
    start(subject, move.name, by=person, due=_due(move))
    assert list(_history(subject).values_list("from_stage", "to_stage")) == [("", move.target)]


def _first_moves():
    for machine in sorted(machines(), key=lambda machine: machine.model):
        move = next(move for move in machine.moves if move.sources and move.target not in move.sources)
        yield pytest.param(machine, move, id=f"{machine.model}:{move.name}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("machine", "move"), list(_first_moves()))
def test_two_people_making_the_same_move_at_once_one_succeeds_and_one_is_refused(machine, move):
    assert move.target not in move.sources, f"{machine.model}.{move.name} may be made twice in a row"
    stage = move.sources[0]
    subject = _subject(machine, stage)
    people = [SUBJECTS[machine.model].person(move, subject) for _ in range(2)]
    before = _history(subject).count()
    outcomes, barrier = [], threading.Barrier(2)

    def act(person):
        try:
            barrier.wait()
            with advance(type(subject).objects.get(pk=subject.pk), move.name, by=person, due=_due(move)):
                pass
            outcomes.append("moved")
        except Refusal:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=act, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["moved", "refused"]
    assert _history(subject).count() == before + 1
