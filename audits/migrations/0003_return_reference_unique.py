"""A return's reference is unique, once every return has one (a migration of its own: the backfill's pending
checks must be done before the table is altered)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0002_return_reference"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditreturn",
            name="reference",
            field=models.CharField(editable=False, max_length=30, unique=True),
        ),
        migrations.AlterField(
            model_name="auditreturnevent",
            name="reference",
            field=models.CharField(editable=False, max_length=30),
        ),
    ]
