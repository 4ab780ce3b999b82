"""Copies the returns' stage log (audits.StageLog) into the one stage history (partnership.StageChange), keeping who
and when; the history says the stage reached, as the old log did. Back again: the rows are made into log rows."""

from django.db import migrations
from django.utils import timezone

STAGES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "submitted": "Submitted",
    "returned": "Returned for changes",
    "accepted": "Accepted",
}


def _return_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="audits", model="auditreturn")[0]


def to_stage_history(apps, schema_editor):
    StageLog = apps.get_model("audits", "StageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    content_type = _return_type(apps)
    StageChange.objects.bulk_create(
        StageChange(
            content_type=content_type,
            object_id=entry.audit_return_id,
            move="",
            description=STAGES.get(entry.to_stage, entry.to_stage),
            from_stage=entry.from_stage,
            to_stage=entry.to_stage,
            on=timezone.localtime(entry.at).date(),
            at=entry.at,
            by_id=entry.by_id,
        )
        for entry in StageLog.objects.order_by("at", "pk")
    )
    StageLog.objects.all().delete()


def to_stage_log(apps, schema_editor):
    StageLog = apps.get_model("audits", "StageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    changes = StageChange.objects.filter(content_type=_return_type(apps)).order_by("on", "at", "pk")
    StageLog.objects.bulk_create(
        StageLog(
            audit_return_id=change.object_id,
            from_stage=change.from_stage,
            to_stage=change.to_stage,
            at=change.at,
            by_id=change.by_id,
        )
        for change in changes
    )
    changes.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0003_return_reference_unique"),
        ("partnership", "0005_stage_history_and_references"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(to_stage_history, to_stage_log),
    ]
