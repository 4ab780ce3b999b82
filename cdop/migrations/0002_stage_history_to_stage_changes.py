"""Copy the child death cases' own stage log (`CaseStageLog`) into the one stage history (`partnership.StageChange`);
the next migration deletes the old model. Backwards, the old rows are made again from the history."""

from django.db import migrations
from django.utils import timezone

STAGE_LABELS = {
    "notified": "Notified",
    "gathering": "Gathering information",
    "review_meeting": "Review meeting",
    "panel": "With the panel",
    "closed": "Closed",
}


def _case_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="cdop", model="childdeathcase")[0]


def to_stage_changes(apps, schema_editor):
    CaseStageLog = apps.get_model("cdop", "CaseStageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    case_type = _case_type(apps)
    StageChange.objects.bulk_create(
        StageChange(
            content_type=case_type,
            object_id=entry.case_id,
            move="",
            description=STAGE_LABELS.get(entry.to_stage, entry.to_stage),
            from_stage=entry.from_stage,
            to_stage=entry.to_stage,
            on=timezone.localdate(entry.at),
            at=entry.at,
            by_id=entry.by_id,
        )
        for entry in CaseStageLog.objects.order_by("at", "pk")
    )


def to_case_stage_log(apps, schema_editor):
    CaseStageLog = apps.get_model("cdop", "CaseStageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    changes = StageChange.objects.filter(content_type=_case_type(apps)).order_by("on", "at", "pk")
    CaseStageLog.objects.bulk_create(
        CaseStageLog(
            case_id=change.object_id,
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
        ("cdop", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_stage_history_and_references"),
    ]

    operations = [migrations.RunPython(to_stage_changes, to_case_stage_log)]
