"""Removes the old stage log of returns, now kept in the one stage history (partnership.StageChange)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0004_stage_history"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="stagelog",
            name="audit_return",
        ),
        migrations.RemoveField(
            model_name="stagelog",
            name="by",
        ),
        migrations.DeleteModel(
            name="StageLog",
        ),
    ]
