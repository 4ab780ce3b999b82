import time

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string

from partnership.scaling import NATIONAL, ScalePlan


class Command(BaseCommand):
    help = (
        "Add synthetic records for the benchmark: about --scale of each kind, or --national (every partnership in "
        "England for ten years). Each app adds its own; safe to run again (numbers are topped up, not doubled)."
    )

    def add_arguments(self, parser):
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--scale", type=int, default=1000, help="roughly how many records of each kind")
        size.add_argument("--national", action="store_true", help="the national ten-year figures (partnership.scaling)")

    def handle(self, *args, scale, national, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Synthetic data is for the benchmark only: DEMO_DATA_ALLOWED is off, as in production.")
        plan = NATIONAL if national else ScalePlan.about(scale)
        self.stdout.write(f"Building: {plan.describe()}")
        started = time.monotonic()
        for config in apps.get_app_configs():
            loader = getattr(config, "scale_data_loader", None)
            if loader:
                self.stdout.write(f"{config.verbose_name}:")
                section_started = time.monotonic()
                with transaction.atomic(), pghistory.context(source="make_scale_data", app=config.label):
                    _check_each_batch_as_it_goes()
                    import_string(loader)(plan, self.stdout)
                self.stdout.write(f"  ({time.monotonic() - section_started:.0f} s)")
        self.stdout.write(self.style.SUCCESS(f"Scale data loaded in {time.monotonic() - started:.0f} s."))


def _check_each_batch_as_it_goes() -> None:
    """Foreign keys are deferred to commit, and a long load's queue of deferred checks is walked again at every
    statement: checked at once, each batch costs the same as the first. (The history context set around the loader
    also spares each pghistory trigger its search for one, and says where those history rows came from.)"""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
