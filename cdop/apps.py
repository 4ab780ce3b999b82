from django.apps import AppConfig

from cdop.permissions import COMPLETE_FORM_B, MANAGE_CASES, RECORD_ANALYSIS, VIEW_PANEL
from partnership.roles import Role


class CdopConfig(AppConfig):
    name = "cdop"
    verbose_name = "Child deaths (CDOP)"
    role_permissions = {
        Role.CDOP_COORDINATOR: {MANAGE_CASES, VIEW_PANEL, RECORD_ANALYSIS},
        Role.CDOP_PANEL_MEMBER: {VIEW_PANEL, RECORD_ANALYSIS},
        Role.AGENCY_USER: {COMPLETE_FORM_B},
    }
    navigation = [
        ("Child deaths", "cdop-case-list", VIEW_PANEL),
        ("Form B requests", "cdop-form-b-list", COMPLETE_FORM_B),
    ]
    footer_links = [("Notify a child death", "cdop-notify", None)]
    my_work_panel = "cdop.selectors_my_work.my_work_panel"
    calendar_events = "cdop.ics.feed_events"
    openable_subjects = "cdop.selectors_my_work.openable_subjects"
    search_entries = "cdop.selectors_my_work.search_entries"
    annual_report_figures = "cdop.annual_report.annual_report_figures"
    theme_appearances = "cdop.themes.appearances"
    demo_loader = "cdop.demo.load"
    scale_data_loader = "cdop.scale.load"
    # Form B reminders go to the professional asked (`cdop.services_reminders`), in place of the generic ones.
    reminders = "cdop.services_reminders.form_b_reminders_send"
    own_reminder_kinds = ("cdop.form_b_due",)
