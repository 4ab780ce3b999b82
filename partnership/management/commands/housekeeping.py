from django.core.management.base import BaseCommand

from partnership.housekeeping import housekeeping_run


class Command(BaseCommand):
    help = (
        "Delete expired sessions, lockout records, finished task results and sent emails' text; queue again lost "
        "emails (see partnership/housekeeping.py). Safe to run again."
    )

    def handle(self, *args, **options):
        for line in housekeeping_run():
            self.stdout.write(line)
