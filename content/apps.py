from django.apps import AppConfig

from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES
from partnership.roles import Role


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Public website"
    role_permissions = {Role.PARTNERSHIP_MANAGER: {EDIT_CONTENT, READ_CONTACT_MESSAGES}}
    navigation = [
        ("Home", "home", None),
    ]
