"""The raised items' old stage log moves into the one stage history, and back again when the migration is undone."""

import datetime

import pytest

from partnership.models import StageChange
from tests.migrations import migrate_to, migrate_to_latest

BEFORE, COPIED = ("boards", "0001_initial"), ("boards", "0002_raised_item_history_to_stage_changes")
AT = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)  # 2 March in London (GMT)


def _migrate(target):
    return migrate_to([target])


@pytest.mark.django_db(transaction=True)
def test_the_stage_log_is_copied_into_the_stage_history_and_back():
    try:
        apps = _migrate(BEFORE)
        item = apps.get_model("boards", "RaisedItem").objects.create(
            reference="BRD-2026-00007", subject="S", details="D", name="N", email="n@example.com", stage="declined"
        )
        log = apps.get_model("boards", "RaisedItemStageChange").objects
        log.create(item=item, from_stage="", to_stage="received", at=AT)
        log.create(item=item, from_stage="received", to_stage="declined", at=AT + datetime.timedelta(days=1))

        apps = _migrate(COPIED)
        changes = apps.get_model("partnership", "StageChange").objects.filter(object_id=item.pk).order_by("at")
        assert list(changes.values_list("from_stage", "to_stage", "description", "on", "move")) == [
            ("", "received", "Awaiting triage", datetime.date(2026, 3, 2), ""),
            ("received", "declined", "Declined", datetime.date(2026, 3, 3), ""),
        ]

        apps = _migrate(BEFORE)
        log = apps.get_model("boards", "RaisedItemStageChange").objects.order_by("at")
        assert list(log.values_list("item_id", "from_stage", "to_stage", "at")) == [
            (item.pk, "", "received", AT),
            (item.pk, "received", "declined", AT + datetime.timedelta(days=1)),
        ]
        assert not StageChange.objects.exists()
    finally:
        migrate_to_latest()
