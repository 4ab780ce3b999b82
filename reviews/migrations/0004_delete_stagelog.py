from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reviews", "0003_stage_history")]

    operations = [migrations.DeleteModel(name="StageLog")]
