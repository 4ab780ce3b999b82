"""The stage log of serious incident cases becomes the one stage history (`partnership.StageChange`).

Each log row becomes one change: from the stage of the case's row before it (or none, for its first), to the
row's stage, described by the row's step words; its date, time, person and the clock it was measured against are
kept. Backwards, the log rows are made again from the changes."""

from django.db import migrations

STAGE_LABELS = {
    "referred": "Case for consideration",
    "notification": "Notification due",
    "rapid_review": "Rapid review",
    "with_panel": "Rapid review with the Panel",
    "lcspr": "Local review (LCSPR)",
    "published": "Published",
    "closed": "Closed",
}


def _case_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="reviews", model="case")[0]


def log_to_history(apps, schema_editor):
    StageLog = apps.get_model("reviews", "StageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    content_type = _case_type(apps)
    changes, previous = [], {}
    for row in StageLog.objects.order_by("case_id", "on", "at", "pk").iterator():
        changes.append(
            StageChange(
                content_type=content_type,
                object_id=row.case_id,
                move="",
                description=row.step or STAGE_LABELS.get(row.stage, row.stage),
                from_stage=previous.get(row.case_id, ""),
                to_stage=row.stage,
                on=row.on,
                at=row.at,
                by_id=row.by_id,
                due_on=row.due_on,
            )
        )
        previous[row.case_id] = row.stage
    StageChange.objects.bulk_create(changes, batch_size=1000)


def history_to_log(apps, schema_editor):
    StageLog = apps.get_model("reviews", "StageLog")
    StageChange = apps.get_model("partnership", "StageChange")
    changes = StageChange.objects.filter(content_type=_case_type(apps)).order_by("object_id", "on", "at", "pk")
    StageLog.objects.bulk_create(
        [
            StageLog(
                case_id=change.object_id,
                stage=change.to_stage,
                step=change.description[:100],
                on=change.on,
                at=change.at,
                by_id=change.by_id,
                due_on=change.due_on,
            )
            for change in changes.iterator()
        ],
        batch_size=1000,
    )
    changes.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("partnership", "0005_stage_history_and_references"),
        ("reviews", "0002_action_status"),
    ]

    operations = [migrations.RunPython(log_to_history, history_to_log)]
