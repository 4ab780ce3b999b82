"""The roles of DESIGN.md, as groups. Each app declares what its roles may do (`AppConfig.role_permissions`),
so the core never imports a case app and a new app adds its rights in its own code."""

from django.apps import apps
from django.db import models


class Role(models.TextChoices):
    PARTNERSHIP_MANAGER = "partnership_manager", "Partnership manager"
    REVIEW_GROUP_MEMBER = "review_group_member", "Review group member"
    STATUTORY_PARTNER_REPRESENTATIVE = "statutory_partner_representative", "Statutory partner representative"
    CDOP_COORDINATOR = "cdop_coordinator", "CDOP coordinator"
    CDOP_PANEL_MEMBER = "cdop_panel_member", "CDOP panel member"
    AGENCY_USER = "agency_user", "Agency user"
    ADMINISTRATOR = "administrator", "Administrator"


def role_permissions() -> dict[str, set[str]]:
    """Every role's permissions ("app_label.codename"), gathered from the installed apps."""
    granted: dict[str, set[str]] = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        for role, permissions in getattr(config, "role_permissions", {}).items():
            granted[role].update(permissions)
    return granted
