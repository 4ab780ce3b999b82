from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load the demo content, organisations, people and cases. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            loader = getattr(config, "demo_loader", None)
            if loader:
                self.stdout.write(f"{config.verbose_name}:")
                import_string(loader)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
