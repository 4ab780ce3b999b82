from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

REFUSED = (
    "The demo cannot be loaded with these settings (DEMO_DATA_ALLOWED is off, as in production): it creates an "
    "administrator whose authenticator key is published in the code. Nothing was created. To create the first "
    "administrator, use manage.py createadmin (docs/operations.md)."
)


class Command(BaseCommand):
    help = "Load the demo content, organisations, people and cases. Safe to run again. Development only."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(REFUSED)
        self.load()

    @transaction.atomic
    def load(self):
        for config in apps.get_app_configs():
            loader = getattr(config, "demo_loader", None)
            if loader:
                self.stdout.write(f"{config.verbose_name}:")
                import_string(loader)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
