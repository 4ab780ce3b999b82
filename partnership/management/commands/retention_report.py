from django.core.management.base import BaseCommand
from django.utils import timezone

from partnership.retention import past_retention


class Command(BaseCommand):
    help = "Report how many records of each type are past their retention period. Deletes nothing."

    def handle(self, *args, **options):
        lines = past_retention(today=timezone.localdate())
        if not lines:
            self.stdout.write("No record type declares a retention period.")
        for line in lines:
            kept_with = f", kept with its {line.kept_with}" if line.kept_with else ""
            self.stdout.write(
                f"{line.label}: {line.count} record(s) older than {line.years} years "
                f"(before {line.cutoff:%d %B %Y}){kept_with}"
            )
