"""Synthetic data at scale for the benchmark (`manage.py make_scale_data`). Never used by the demo or tests."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnership.models import Deadline, Organisation
from partnership.permissions import INVITE_USER

PREFIX = "Scale organisation"


def load(plan, stdout) -> None:
    """The plan's organisations, each with a few open clocks for the partnership manager's 'My work'."""
    existing = Organisation.objects.filter(name__startswith=PREFIX).count()
    Organisation.objects.bulk_create(
        Organisation(name=f"{PREFIX} {n:06d}", type=Organisation.Type.VCF) for n in range(existing, plan.organisations)
    )
    organisations = list(Organisation.objects.filter(name__startswith=PREFIX).values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(Organisation)
    today = timezone.localdate()
    Deadline.objects.bulk_create(
        [
            Deadline(
                content_type=content_type,
                object_id=pk,
                kind="scale.clock",
                title=f"Synthetic clock {pk}",
                due_on=today + timedelta(days=(pk % 40) - 20),
                audience_permission=INVITE_USER,
            )
            for pk in organisations
        ],
        ignore_conflicts=True,
    )
    stdout.write(f"  {len(organisations)} organisations with a clock each")
