from django.core.management.base import BaseCommand
from django.utils import timezone

from partnership.reminders import reminders_send


class Command(BaseCommand):
    help = "Email reminders about statutory clocks due soon, due today or overdue. Safe to run again."

    def handle(self, *args, **options):
        sent = reminders_send(today=timezone.localdate())
        if sent is None:
            self.stdout.write(self.style.WARNING("Another run is sending reminders; nothing done."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) queued to send."))
