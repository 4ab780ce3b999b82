from django.apps import AppConfig

from audits.permissions import COMPLETE_RETURN, MANAGE_AUDITS
from partnership.roles import Role


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Section 11 and VCFS audits"
    role_permissions = {Role.PARTNERSHIP_MANAGER: {MANAGE_AUDITS}, Role.AGENCY_USER: {COMPLETE_RETURN}}
    navigation = [("Audits", "audits:cycle-list", MANAGE_AUDITS), ("Our returns", "audits:my-returns", COMPLETE_RETURN)]
    annual_report_figures = "audits.annual_report.annual_report_figures"
    demo_loader = "audits.demo.load"
    my_work_panel = "audits.selectors.my_work_panel"
    theme_appearances = "audits.themes.appearances"
    scale_data_loader = "audits.scale.load"
