"""Every model of serious incidents. The admin writes only through the staff pages' services (a case is referred,
an action's owner or due date changed, moving its clock); the rest is read-only here, linked to its staff page,
since changing it by hand would skip the rules that page keeps (rapid review findings are fixed once signed off).
Stage changes are actions that call the services."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from partnership.admin import OnTheStaffPages, ReadOnlyAdmin, ThroughTheService, run_on_each
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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CaseReferForm(forms.ModelForm):
    children = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=400, label="Children",
        help_text="The pseudonym of each child, one a line (at most four), for example “Child A”.",
    )  # fmt: skip

    class Meta:
        model = Case
        fields = ["referring_organisation", "referred_on", "summary"]


@admin.register(Case)
class CaseAdmin(ThroughTheService):
    """Adding a case refers it (`case_for_consideration_refer`: its reference, first stage and history); a case
    changes only through its staff page and the actions below."""

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
    add_fieldsets = [(None, {"fields": ["referring_organisation", "referred_on", "summary", "children"]})]

    def has_change_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs.update(form=CaseReferForm, fields=None)
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def service(self, request, form):
        data = form.cleaned_data
        return services.case_for_consideration_refer(
            referring_organisation=data["referring_organisation"], referred_on=data["referred_on"],
            summary=data["summary"], children=data["children"].splitlines(), by=request.user,
        )  # fmt: skip

    @admin.action(description="Send the signed-off rapid review to the Panel today")
    def send_rapid_review_today(self, request, queryset):
        run_on_each(
            request, queryset, services.rapid_review_send, record_as="case", done="case(s) updated",
            label=lambda case: case.reference, sent_on=timezone.localdate(),
        )  # fmt: skip


@admin.register(Child)
class ChildAdmin(OnTheStaffPages):
    list_display = ["pseudonym", "case"]
    search_fields = ["pseudonym", "case__reference"]
    list_select_related = ["case"]
    readonly_fields = ["case"]


@admin.register(ChildIdentity)
class ChildIdentityAdmin(OnTheStaffPages):
    list_display = ["child", "date_of_birth"]
    search_fields = ["child__pseudonym", "child__case__reference"]
    list_select_related = ["child__case"]
    raw_id_fields = ["child"]


@admin.register(Notification)
class NotificationAdmin(OnTheStaffPages):
    list_display = ["case", "aware_on", "due_on", "sent_on", "panel_reference", "care_status"]
    list_filter = ["care_status"]
    search_fields = ["case__reference", "panel_reference"]
    date_hierarchy = "aware_on"
    list_select_related = ["case"]
    readonly_fields = ["case", "due_on", "sent_on", "sent_by"]


@admin.register(RapidReview)
class RapidReviewAdmin(OnTheStaffPages):
    list_display = ["case", "opened_on", "due_on", "meeting_on", "sent_on", "panel_response_on"]
    search_fields = ["case__reference"]
    date_hierarchy = "opened_on"
    list_select_related = ["case"]
    readonly_fields = ["case", "opened_on", "due_on", "sent_on", "sent_by"]


@admin.register(AgencySummaryRequest)
class AgencySummaryRequestAdmin(OnTheStaffPages):
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
class LcsprAdmin(OnTheStaffPages):
    list_display = ["case", "reviewer", "decided_on", "target_completion_on", "published_on", "joint_with"]
    search_fields = ["case__reference", "reviewer", "title"]
    date_hierarchy = "decided_on"
    list_select_related = ["case"]
    readonly_fields = [
        "case", "decided_on", "target_completion_on", "prepublication_due_on", "published_on",
        "report_publication_id", "briefing_publication_id",
    ]  # fmt: skip


@admin.register(Recommendation)
class RecommendationAdmin(OnTheStaffPages):
    list_display = ["case", "number", "text"]
    search_fields = ["case__reference", "text"]
    list_select_related = ["case"]
    filter_horizontal = ["themes"]


@admin.register(Action)
class ActionAdmin(ThroughTheService):
    """Actions are added on the case's page; here the administrator corrects an open action's owner, wording or
    due date through `action_change`, which moves its clock to the new owner and date."""

    list_display = ["description", "organisation", "due_on", "rag", "status", "closed_on"]
    list_filter = ["status", "rag", "organisation"]
    search_fields = ["description", "recommendation__case__reference"]
    date_hierarchy = "due_on"
    list_select_related = ["organisation", "recommendation__case"]
    fields = ["recommendation", "organisation", "description", "due_on", "rag", "status", "closed_on", "closed_by"]
    readonly_fields = ["recommendation", "rag", "status", "closed_on", "closed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.is_open

    def service(self, request, form):
        data = form.cleaned_data
        return services.action_change(
            action=form.instance, organisation=data["organisation"], description=data["description"],
            due_on=data["due_on"], by=request.user,
        )  # fmt: skip


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ReadOnlyAdmin):
    list_display = ["action", "on", "by", "rag"]
    list_filter = ["rag"]
    date_hierarchy = "on"
    list_select_related = ["action", "by"]
