from django.apps import AppConfig
from django.db.models.signals import post_migrate

from audits.permissions import COMPLETE_RETURN, MANAGE_AUDITS
from partnership.roles import Role


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Section 11 and VCFS audits"
    role_permissions = {Role.PARTNERSHIP_MANAGER: {MANAGE_AUDITS}, Role.AGENCY_USER: {COMPLETE_RETURN}}
    navigation = [("Audits", "audits:cycle-list", MANAGE_AUDITS), ("Our returns", "audits:my-returns", COMPLETE_RETURN)]
    demo_loader = "audits.demo.load"
    my_work_panel = "audits.selectors.my_work_panel"

    def ready(self):
        from partnership.services import roles_sync

        # The core syncs roles after its own migrations, before this app's permissions exist: sync again here.
        post_migrate.connect(lambda **kwargs: roles_sync(), sender=self, weak=False)
