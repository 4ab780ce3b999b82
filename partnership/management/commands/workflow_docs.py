"""Write each app's generated stage diagrams and move tables into its docs page (docs/<app>.md)."""

from django.core.management.base import BaseCommand

from partnership.workflow_docs import apps_with_machines, docs_page, page_with_section


class Command(BaseCommand):
    help = "Write the stage machines' diagrams and tables into docs/<app>.md."

    def handle(self, *args, **options):
        for app_label in apps_with_machines():
            page = docs_page(app_label)
            page.write_text(page_with_section(app_label))
            self.stdout.write(f"Wrote {page.name}")
