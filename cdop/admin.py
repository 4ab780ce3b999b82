"""Child death casework is read-only here, linked to its staff pages (whose services keep references, clocks and
the stage history); stage changes are actions that call those services."""

from django.contrib import admin

from cdop import services, services_form_b
from cdop.models import (
    ChildDeathCase,
    ChildIdentity,
    FormBAttachment,
    FormBReminder,
    FormBRequest,
    JointAgencyResponse,
    PanelAgendaItem,
    PanelAnalysis,
    PanelMeeting,
)
from partnership.admin import OnTheStaffPages, ReadOnlyAdmin, run_on_each
from partnership.services import access_record_for


@admin.register(ChildDeathCase)
class ChildDeathCaseAdmin(OnTheStaffPages):
    staff_add_url = "cdop-notify"
    list_display = ["reference", "pseudonym", "borough", "stage", "death_expected", "notified_at"]
    list_filter = ["stage", "borough", "death_expected", "jar_needed", "abuse_suspected"]
    search_fields = ["reference", "pseudonym"]
    date_hierarchy = "notified_at"
    readonly_fields = ["stage", "reference", "pseudonym", "triaged_on", "triaged_by", "closed_on", "closed_by"]
    list_select_related = ["triaged_by"]
    actions = ["send_to_panel", "close"]

    @admin.action(description="Send selected cases to the panel")
    def send_to_panel(self, request, queryset):
        run_on_each(request, queryset, services.case_send_to_panel, record_as="case", done="case(s) sent to the panel")

    @admin.action(description="Close selected cases (analysis complete)")
    def close(self, request, queryset):
        run_on_each(request, queryset, services.case_close, record_as="case", done="case(s) closed")


@admin.register(ChildIdentity)
class ChildIdentityAdmin(OnTheStaffPages):
    list_display = ["case", "last_name", "first_name", "date_of_birth"]
    search_fields = ["case__reference", "last_name", "nhs_number"]
    list_select_related = ["case"]
    readonly_fields = ["case"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        identity = self.get_object(request, object_id)
        if identity is not None:
            access_record_for(request, subject=identity, action="viewed identifying details")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(JointAgencyResponse)
class JointAgencyResponseAdmin(OnTheStaffPages):
    list_display = ["case", "home_visit_at", "first_meeting_at"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    readonly_fields = ["case"]


@admin.register(FormBRequest)
class FormBRequestAdmin(OnTheStaffPages):
    list_display = ["case", "organisation", "professional_name", "stage", "sent_at", "due_on"]
    list_filter = ["stage", "organisation"]
    search_fields = ["case__reference", "professional_name", "professional_email"]
    date_hierarchy = "sent_at"
    list_select_related = ["case", "organisation"]
    readonly_fields = ["stage", "case", "sent_at", "sent_by", "revoked_at", "submitted_at"]
    actions = ["resend", "revoke"]

    @admin.action(description="Send a new link (older links stop working)")
    def resend(self, request, queryset):
        run_on_each(request, queryset, services_form_b.form_b_resend, record_as="form_b", done="link(s) sent again")

    @admin.action(description="Withdraw selected requests")
    def revoke(self, request, queryset):
        run_on_each(request, queryset, services_form_b.form_b_revoke, record_as="form_b", done="request(s) withdrawn")


@admin.register(FormBAttachment)
class FormBAttachmentAdmin(OnTheStaffPages):
    """Listed only: the file itself is served by the Form B page's download, which checks access and logs it."""

    list_display = ["form_b", "kind", "file_name", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["form_b__case__reference"]
    list_select_related = ["form_b__case", "form_b__organisation"]
    fields = ["form_b", "kind", "file_name", "uploaded_at", "uploaded_by"]
    readonly_fields = fields


@admin.register(PanelAnalysis)
class PanelAnalysisAdmin(OnTheStaffPages):
    list_display = ["case", "category", "modifiable", "recorded_at"]
    list_filter = ["category", "modifiable"]
    search_fields = ["case__reference", "case__pseudonym"]
    list_select_related = ["case"]
    readonly_fields = ["case", "recorded_at", "recorded_by"]
    filter_horizontal = ["themes"]


@admin.register(FormBReminder)
class FormBReminderAdmin(ReadOnlyAdmin):
    """Written only by `send_reminders`; shown on the Form B page too."""

    list_display = ["request", "step", "sent_to", "at"]
    list_filter = ["step"]
    search_fields = ["sent_to", "request__case__reference"]
    list_select_related = ["request__case", "request__organisation"]


@admin.register(PanelMeeting)
class PanelMeetingAdmin(OnTheStaffPages):
    staff_add_url = "cdop-meeting-new"
    list_display = ["meets_on", "starts_at", "place", "invitations_sent_at", "pack_issued_at", "cancelled_at"]
    list_filter = ["meets_on"]
    date_hierarchy = "meets_on"
    filter_horizontal = ["members"]


@admin.register(PanelAgendaItem)
class PanelAgendaItemAdmin(OnTheStaffPages):
    list_display = ["meeting", "order", "case"]
    search_fields = ["case__reference", "case__pseudonym"]
    list_select_related = ["meeting", "case"]
