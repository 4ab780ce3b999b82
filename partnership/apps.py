from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

from partnership.permissions import (
    ACT_FOR_ORGANISATION,
    INVITE_USER,
    RESEND_EMAIL,
    VIEW_ANNUAL_REPORT,
    VIEW_MY_WORK,
    VIEW_THEMES,
)
from partnership.roles import Role

STAFF = [role for role in Role if role is not Role.ADMINISTRATOR]


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership: organisations, people and deadlines"
    role_permissions = {
        **{role: {VIEW_MY_WORK} for role in STAFF},
        Role.PARTNERSHIP_MANAGER: {VIEW_MY_WORK, INVITE_USER, RESEND_EMAIL, VIEW_ANNUAL_REPORT, VIEW_THEMES},
        Role.REVIEW_GROUP_MEMBER: {VIEW_MY_WORK, VIEW_THEMES},
        Role.AGENCY_USER: {VIEW_MY_WORK, ACT_FOR_ORGANISATION},
        Role.ADMINISTRATOR: {VIEW_MY_WORK, RESEND_EMAIL},
    }
    navigation = [("My work", "staff-home", VIEW_MY_WORK), ("Learning themes", "themes", VIEW_THEMES)]
    my_work_panel = "partnership.selectors.my_work_panel"
    demo_loader = "partnership.demo.load"
    scale_data_loader = "partnership.scale.load"

    def ready(self):
        post_migrate.connect(sync_roles_after_the_last_app, weak=False)


def sync_roles_after_the_last_app(sender, **kwargs):
    """Roles are reference data every database needs, demo or not. Permissions are created app by app after
    `migrate`, so the groups are synced once the last app's permissions exist."""
    from partnership.services import roles_sync

    if sender is list(apps.get_app_configs())[-1]:
        roles_sync()
