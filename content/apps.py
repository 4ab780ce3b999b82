from django.apps import AppConfig

from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES
from partnership.roles import Role


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Public website"
    role_permissions = {Role.PARTNERSHIP_MANAGER: {EDIT_CONTENT, READ_CONTACT_MESSAGES}}
    navigation = [
        ("Home", "home", None),
        ("Publications", "publications", None),
        ("Search", "search", None),
        ("Website", "editor-home", EDIT_CONTENT),
    ]
    footer_links = [
        ("Contact us", "contact", None),
        ("Privacy notice", "privacy", None),
        ("Cookies", "cookies", None),
    ]
    my_work_panel = "content.selectors.my_work_panel"
    annual_report_publisher = "content.services.annual_report_draft"
    theme_publications = "content.themes.publications"
    demo_loader = "content.demo.load"
    scale_data_loader = "content.scale.load"

    def ready(self):
        from django.db.models.signals import post_migrate

        from content import signals
        from content.search_index import search_entries_after_migrate

        signals.connect()
        post_migrate.connect(search_entries_after_migrate, sender=self, dispatch_uid="content-search-entries")
