"""Every return gets a reference in the one scheme ("S11-2026-003", "VCFS-2026-014"): the prefix by the kind of
its tool, the year of its cycle, numbered in the order the returns were made. The counters continue from there."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

PREFIXES = {"section_11": "S11", "vcfs": "VCFS"}


def give_references(apps, schema_editor):
    AuditReturn = apps.get_model("audits", "AuditReturn")
    ReferenceCounter = apps.get_model("partnership", "ReferenceCounter")
    returns = AuditReturn.objects.filter(reference="").select_related("cycle__version__tool").order_by("pk")
    for audit_return in returns:
        cycle = audit_return.cycle
        prefix = PREFIXES[cycle.version.tool.kind]
        counter, _ = ReferenceCounter.objects.get_or_create(prefix=prefix, year=cycle.year, defaults={"last": 0})
        counter.last += 1
        counter.save(update_fields=["last"])
        audit_return.reference = f"{prefix}-{cycle.year}-{counter.last:03d}"
        audit_return.save(update_fields=["reference"])


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0001_initial"),
        ("partnership", "0005_stage_history_and_references"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="auditreturn",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="auditreturn",
            name="update_update",
        ),
        migrations.AddField(
            model_name="auditreturn",
            name="reference",
            field=models.CharField(default="", editable=False, max_length=30),
        ),
        migrations.AddField(
            model_name="auditreturnevent",
            name="reference",
            field=models.CharField(default="", editable=False, max_length=30),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="auditreturn",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "audits_auditreturnevent" ("areas_to_develop", "cycle_id", "good_practice", "id", "organisation_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reference", "reviewed_by_id", "reviewed_on", "stage", "strengths", "submitted_by_id", "submitted_on", "tool_version_id", "version") VALUES (NEW."areas_to_develop", NEW."cycle_id", NEW."good_practice", NEW."id", NEW."organisation_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reference", NEW."reviewed_by_id", NEW."reviewed_on", NEW."stage", NEW."strengths", NEW."submitted_by_id", NEW."submitted_on", NEW."tool_version_id", NEW."version"); RETURN NULL;',
                    hash="7f36a786871cc1bf4b29cc9f4720ba05603f7d38",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_b7cce",
                    table="audits_auditreturn",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="auditreturn",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "audits_auditreturnevent" ("areas_to_develop", "cycle_id", "good_practice", "id", "organisation_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reference", "reviewed_by_id", "reviewed_on", "stage", "strengths", "submitted_by_id", "submitted_on", "tool_version_id", "version") VALUES (NEW."areas_to_develop", NEW."cycle_id", NEW."good_practice", NEW."id", NEW."organisation_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reference", NEW."reviewed_by_id", NEW."reviewed_on", NEW."stage", NEW."strengths", NEW."submitted_by_id", NEW."submitted_on", NEW."tool_version_id", NEW."version"); RETURN NULL;',
                    hash="518b5e1daa464d7eb1b414bccaaba8a0b8cf2e67",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_9a527",
                    table="audits_auditreturn",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
    ]
