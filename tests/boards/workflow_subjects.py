"""How the machine walk makes a raised item at each stage (tests/partnership/test_workflow_machines.py)."""

from tests.boards.factories import RaisedItemDeclinedFactory, RaisedItemFactory, RaisedItemOnAgendaFactory
from tests.workflow_subjects import Subject

FACTORIES = {
    "received": RaisedItemFactory,
    "on_agenda": RaisedItemOnAgendaFactory,
    "declined": RaisedItemDeclinedFactory,
}

SUBJECTS = {"boards.RaisedItem": Subject(make=lambda stage: FACTORIES[stage]())}
