from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Add synthetic records at a chosen scale for the benchmark (each app adds its own). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1000, help="roughly how many records of each kind")

    @transaction.atomic
    def handle(self, *args, scale, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Synthetic data is for the benchmark only: DEMO_DATA_ALLOWED is off, as in production.")
        for config in apps.get_app_configs():
            loader = getattr(config, "scale_data_loader", None)
            if loader:
                self.stdout.write(f"{config.verbose_name}:")
                import_string(loader)(scale, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Scale data loaded (scale {scale})."))
