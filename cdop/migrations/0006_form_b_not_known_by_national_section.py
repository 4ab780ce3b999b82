"""Form B's "not known" sections move from the eight old text sections to the national Form B's sections; the
old texts stay where they were (each is now a free-text part of its section). An infant's open request gets the
SUDI supplement it now asks. Reversible: a national section marked not known marks each old section in it."""

from django.db import migrations

OLD_TO_NEW = {
    "involvement": "background",
    "death_circumstances": "background",
    "health_development": "health",
    "family_environment": "family",
    "parenting_capacity": "family",
    "deprivation": "family",
    "services": "services",
    "bereavement_support": "bereavement",
}
NEW_TO_OLD = {new: [old for old, to in OLD_TO_NEW.items() if to == new] for new in set(OLD_TO_NEW.values())}
INFANTS = ("0-27d", "28-364d")


def _is_old_answered(request, old):
    return old not in request.not_known and bool(getattr(request, old).strip())


def forwards(apps, schema_editor):
    """A national section is not known when an old section in it was, and none of its old sections is answered."""
    FormBRequest = apps.get_model("cdop", "FormBRequest")
    for request in FormBRequest.objects.select_related("case"):
        marked = []
        for new, olds in NEW_TO_OLD.items():
            if any(old in request.not_known for old in olds) and not any(_is_old_answered(request, o) for o in olds):
                marked.append(new)
        request.not_known = sorted(marked)
        request.sudi_needed = request.case.age_band in INFANTS
        request.save(update_fields=["not_known", "sudi_needed"])


def backwards(apps, schema_editor):
    FormBRequest = apps.get_model("cdop", "FormBRequest")
    for request in FormBRequest.objects.all():
        marked = [old for new in request.not_known for old in NEW_TO_OLD.get(new, [])]
        request.not_known = [old for old in OLD_TO_NEW if old in marked]
        request.save(update_fields=["not_known"])


class Migration(migrations.Migration):
    dependencies = [("cdop", "0005_form_b_structured_sections_attachments_and_return")]

    operations = [migrations.RunPython(forwards, backwards)]
