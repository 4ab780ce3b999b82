from django.apps import AppConfig
from django.db.models.signals import post_migrate

from boards.permissions import MANAGE_BOARDS
from partnership.roles import Role


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards"
    # Board members are not a role: a `Membership` naming a person's account lets them see that board's private
    # papers (see boards.selectors.can_see_private_papers). The partnership manager runs every board.
    role_permissions = {Role.PARTNERSHIP_MANAGER: {MANAGE_BOARDS}}
    navigation = [("Boards", "boards", None)]
    my_work_panel = "boards.selectors.my_work_panel"
    demo_loader = "boards.demo.load"

    def ready(self):
        from partnership.services import roles_sync

        # The core syncs roles after its own migrations, before this app's permissions exist; sync again once
        # they do, so a fresh database grants them.
        post_migrate.connect(lambda **kwargs: roles_sync(), sender=self, weak=False, dispatch_uid="boards.roles")
