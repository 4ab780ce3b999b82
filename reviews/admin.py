"""Every model of serious incidents. Stages are read-only; stage changes are actions that call the services."""

from django.contrib import admin
from django.utils import timezone

from partnership.admin import MadeWithItsParentAdmin, NoDeleteAdmin, ReadOnlyAdmin, run_on_each
from reviews import services
from reviews.models import (
    Action,
    ActionUpdate,
    AgencySummaryRequest,
    Case,
    Child,
    ChildIdentity,
    Lcspr,
    Notification,
    RapidReview,
    Recommendation,
    SignOff,
)


class ChildInline(admin.TabularInline):
    model = Child
    extra = 0
    fields = ["pseudonym"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(NoDeleteAdmin):
    list_display = ["reference", "stage", "referring_organisation", "referred_on", "decision", "is_historic"]
    list_filter = ["stage", "consideration_decision", "decision", "is_historic", "referring_organisation"]
    search_fields = ["reference", "children__pseudonym", "summary"]
    date_hierarchy = "referred_on"
    list_select_related = ["referring_organisation"]
    readonly_fields = [
        "stage", "reference", "version", "meeting_on", "consideration_decision", "consideration_rationale",
        "decision", "decision_rationale", "decided_on", "closed_on", "is_historic", "created_at", "created_by",
    ]  # fmt: skip
    filter_horizontal = ["themes"]
    inlines = [ChildInline]
    actions = ["send_rapid_review_today"]

    @admin.action(description="Send the signed-off rapid review to the Panel today")
    def send_rapid_review_today(self, request, queryset):
        run_on_each(
            request, queryset, services.rapid_review_send, record_as="case", done="case(s) updated",
            label=lambda case: case.reference, sent_on=timezone.localdate(),
        )  # fmt: skip


@admin.register(Child)
class ChildAdmin(MadeWithItsParentAdmin):
    list_display = ["pseudonym", "case"]
    search_fields = ["pseudonym", "case__reference"]
    list_select_related = ["case"]
    readonly_fields = ["case"]


@admin.register(ChildIdentity)
class ChildIdentityAdmin(NoDeleteAdmin):
    list_display = ["child", "date_of_birth"]
    search_fields = ["child__pseudonym", "child__case__reference"]
    list_select_related = ["child__case"]
    raw_id_fields = ["child"]


@admin.register(Notification)
class NotificationAdmin(MadeWithItsParentAdmin):
    list_display = ["case", "aware_on", "due_on", "sent_on", "panel_reference", "care_status"]
    list_filter = ["care_status"]
    search_fields = ["case__reference", "panel_reference"]
    date_hierarchy = "aware_on"
    list_select_related = ["case"]
    readonly_fields = ["case", "due_on", "sent_on", "sent_by"]


@admin.register(RapidReview)
class RapidReviewAdmin(MadeWithItsParentAdmin):
    list_display = ["case", "opened_on", "due_on", "meeting_on", "sent_on", "panel_response_on"]
    search_fields = ["case__reference"]
    date_hierarchy = "opened_on"
    list_select_related = ["case"]
    readonly_fields = ["case", "opened_on", "due_on", "sent_on", "sent_by"]


@admin.register(AgencySummaryRequest)
class AgencySummaryRequestAdmin(NoDeleteAdmin):
    list_display = ["rapid_review", "organisation", "requested_on", "due_on", "received_on"]
    list_filter = ["organisation"]
    search_fields = ["rapid_review__case__reference", "organisation__name"]
    date_hierarchy = "due_on"
    list_select_related = ["rapid_review__case", "organisation"]
    actions = ["received_today"]

    @admin.action(description="Record the selected summaries as received today")
    def received_today(self, request, queryset):
        run_on_each(
            request, queryset.filter(received_on=None), services.agency_summary_receive, record_as="request",
            done="summary request(s) recorded as received", received_on=timezone.localdate(),
        )  # fmt: skip


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    list_display = ["rapid_review", "partner", "signed_by", "signed_on"]
    list_filter = ["partner"]
    search_fields = ["rapid_review__case__reference"]
    list_select_related = ["rapid_review__case", "partner", "signed_by"]


@admin.register(Lcspr)
class LcsprAdmin(MadeWithItsParentAdmin):
    list_display = ["case", "reviewer", "decided_on", "target_completion_on", "published_on", "joint_with"]
    search_fields = ["case__reference", "reviewer", "title"]
    date_hierarchy = "decided_on"
    list_select_related = ["case"]
    readonly_fields = [
        "case", "decided_on", "target_completion_on", "prepublication_due_on", "published_on",
        "report_publication_id", "briefing_publication_id", "report_kept_unpublished",
    ]  # fmt: skip


@admin.register(Recommendation)
class RecommendationAdmin(NoDeleteAdmin):
    list_display = ["case", "number", "text"]
    search_fields = ["case__reference", "text"]
    list_select_related = ["case"]
    filter_horizontal = ["themes"]


@admin.register(Action)
class ActionAdmin(NoDeleteAdmin):
    list_display = ["description", "organisation", "due_on", "rag", "status", "closed_on"]
    list_filter = ["status", "rag", "organisation"]
    search_fields = ["description", "recommendation__case__reference"]
    date_hierarchy = "due_on"
    list_select_related = ["organisation", "recommendation__case"]
    readonly_fields = ["status", "closed_on", "closed_by", "version"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ReadOnlyAdmin):
    list_display = ["action", "on", "by", "rag"]
    list_filter = ["rag"]
    date_hierarchy = "on"
    list_select_related = ["action", "by"]
