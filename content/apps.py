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
    demo_loader = "content.demo.load"
    scale_data_loader = "content.scale.load"

    def ready(self):
        from content import signals

        signals.connect()
