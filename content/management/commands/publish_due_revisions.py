from django.core.management.base import BaseCommand

from content.revisions import revisions_publish_due


class Command(BaseCommand):
    help = "Publish the scheduled drafts of pages and publications whose time has come. Safe to run again."

    def handle(self, *args, **options):
        self.stdout.write(f"Content: {revisions_publish_due()} scheduled draft(s) published")
