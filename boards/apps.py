from django.apps import AppConfig

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
    calendar_events = "boards.selectors.calendar_events"
    sitemap_urls = "boards.selectors.sitemap_urls"  # the public pages, for content's sitemap.xml
    search_entries = "boards.selectors.search_entries"
    annual_report_figures = "boards.annual_report.annual_report_figures"
    demo_loader = "boards.demo.load"
    scale_data_loader = "boards.scale.load"

    def ready(self):
        from boards import signals

        signals.connect()
