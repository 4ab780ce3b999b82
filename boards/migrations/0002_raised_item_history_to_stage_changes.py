"""The raised items' own stage log moves into the one stage history (`partnership.StageChange`); the reverse
moves it back, so the migration can be undone (each direction moves the rows: none is copied twice)."""

from django.db import migrations
from django.utils import timezone

LABELS = {"received": "Awaiting triage", "on_agenda": "On an agenda", "declined": "Declined"}


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="boards", model="raiseditem")[0]


def to_stage_changes(apps, schema_editor):
    RaisedItemStageChange = apps.get_model("boards", "RaisedItemStageChange")
    StageChange = apps.get_model("partnership", "StageChange")
    content_type = _content_type(apps)
    rows = RaisedItemStageChange.objects.order_by("at", "pk")
    StageChange.objects.bulk_create(
        StageChange(
            content_type=content_type,
            object_id=row.item_id,
            move="",
            description=LABELS.get(row.to_stage, row.to_stage),
            from_stage=row.from_stage,
            to_stage=row.to_stage,
            on=timezone.localdate(row.at),
            at=row.at,
            by_id=row.by_id,
        )
        for row in rows
    )
    rows.delete()


def to_raised_item_log(apps, schema_editor):
    RaisedItemStageChange = apps.get_model("boards", "RaisedItemStageChange")
    StageChange = apps.get_model("partnership", "StageChange")
    changes = StageChange.objects.filter(content_type=_content_type(apps)).order_by("on", "at", "pk")
    RaisedItemStageChange.objects.bulk_create(
        RaisedItemStageChange(
            item_id=change.object_id, from_stage=change.from_stage, to_stage=change.to_stage, at=change.at,
            by_id=change.by_id,
        )
        for change in changes
    )  # fmt: skip
    changes.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_stage_history_and_references"),
    ]

    operations = [migrations.RunPython(to_stage_changes, to_raised_item_log)]
