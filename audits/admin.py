"""Section 11 and VCFS audits. A tool version or a cycle added here is made by the staff pages' service (the next
version number, its areas copied, the stage history begun); a cycle changes only while it is a draft (its dates are
the returns' clocks once open); returns and their answers are read-only here, linked to their staff pages."""

from django.contrib import admin

from audits import services
from audits.models import (
    Area,
    AreaResponse,
    AuditReturn,
    Criterion,
    CriterionResponse,
    Cycle,
    KeyAction,
    Tool,
    ToolVersion,
)
from partnership.admin import NoDeleteAdmin, OnTheStaffPages, ReadOnlyAdmin, ThroughTheService, run_on_each


class _AddedThroughTheService(ThroughTheService):
    """Adding goes through `add(request, data)` (the staff page's service); changing saves the form as it is."""

    add_fields: list[str] = []

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else super().get_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["fields"] = self.add_fields
            return super().get_form(request, obj, **kwargs)
        return super(ThroughTheService, self).get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def service(self, request, form):
        return self.add(request, form.cleaned_data)

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()

    def save_related(self, request, form, formsets, change):
        if change:
            NoDeleteAdmin.save_related(self, request, form, formsets, change)


class _DraftOnly(NoDeleteAdmin):
    """Areas and criteria of a published version are read-only: draft a new version instead."""

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj._version().is_published


@admin.register(Tool)
class ToolAdmin(NoDeleteAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    actions = ["draft_version"]

    @admin.action(description="Draft a new version from the latest one")
    def draft_version(self, request, queryset):
        run_on_each(request, queryset, services.tool_version_draft, record_as="tool", done="version(s) drafted")


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    fields = ["position", "title", "description"]
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    has_add_permission = has_change_permission

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ToolVersion)
class ToolVersionAdmin(_AddedThroughTheService):
    add_fields = ["tool", "notes"]
    list_display = ["tool", "number", "stage", "published_on"]
    list_filter = ["tool", "stage"]
    search_fields = ["tool__name", "notes"]
    readonly_fields = ["stage", "published_on", "published_by"]
    list_select_related = ["tool"]
    inlines = [AreaInline]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        return ["tool", "number", "notes", *self.readonly_fields] if obj and obj.is_published else self.readonly_fields

    def add(self, request, data):
        return services.tool_version_draft(tool=data["tool"], notes=data["notes"], by=request.user)

    @admin.action(description="Publish selected versions (they can no longer change)")
    def publish(self, request, queryset):
        run_on_each(request, queryset, services.tool_version_publish, record_as="version", done="version(s) published")


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    fields = ["position", "text", "guidance", "evidence_expected", "is_required"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.version.is_published

    has_add_permission = has_change_permission

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Area)
class AreaAdmin(_DraftOnly):
    list_display = ["title", "version", "position"]
    list_filter = ["version__tool", "version"]
    search_fields = ["title"]
    list_select_related = ["version__tool"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(_DraftOnly):
    list_display = ["text", "area", "position", "is_required"]
    list_filter = ["area__version__tool", "is_required"]
    search_fields = ["text", "guidance"]
    list_select_related = ["area__version__tool"]


@admin.register(Cycle)
class CycleAdmin(_AddedThroughTheService):
    add_fields = ["version", "year", "title", "opens_on", "due_on", "invited_types", "invited_organisations"]
    list_display = ["title", "year", "version", "opens_on", "due_on", "stage"]
    list_filter = ["stage", "year", "version__tool"]
    search_fields = ["title"]
    date_hierarchy = "due_on"
    readonly_fields = ["stage", "opened_on", "opened_by", "closed_on"]
    list_select_related = ["version__tool"]
    filter_horizontal = ["invited_organisations"]
    actions = ["open_cycles", "close_cycles"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.stage == Cycle.Stage.DRAFT

    def add(self, request, data):
        fields = {name: data[name] for name in self.add_fields if name != "invited_organisations"}
        return services.cycle_create(by=request.user, invited_organisations=data["invited_organisations"], **fields)

    @admin.action(description="Open selected cycles (emails the invited organisations)")
    def open_cycles(self, request, queryset):
        run_on_each(request, queryset, services.cycle_open, record_as="cycle", done="cycle(s) opened")

    @admin.action(description="Close selected cycles")
    def close_cycles(self, request, queryset):
        run_on_each(request, queryset, services.cycle_close, record_as="cycle", done="cycle(s) closed")


@admin.register(AuditReturn)
class AuditReturnAdmin(OnTheStaffPages):
    list_display = ["reference", "organisation", "cycle", "stage", "submitted_on", "reviewed_on"]
    list_filter = ["stage", "cycle", "organisation__type"]
    search_fields = ["reference", "organisation__name", "cycle__title"]
    date_hierarchy = "submitted_on"
    list_select_related = ["organisation", "cycle"]
    readonly_fields = ["reference", "cycle", "tool_version", "organisation", "stage", "submitted_on", "submitted_by",
                       "reviewed_on", "reviewed_by"]  # fmt: skip
    actions = ["submit", "send_back", "accept"]

    @admin.action(description="Submit selected returns (only when nothing required is missing)")
    def submit(self, request, queryset):
        run_on_each(request, queryset, services.return_submit, record_as="audit_return", done="return(s) submitted")

    @admin.action(description="Return selected returns for changes (emails the organisation)")
    def send_back(self, request, queryset):
        run_on_each(request, queryset, services.return_send_back, record_as="audit_return", done="return(s) sent back")

    @admin.action(description="Accept selected returns (emails the organisation)")
    def accept(self, request, queryset):
        run_on_each(request, queryset, services.return_accept, record_as="audit_return", done="return(s) accepted")


@admin.register(AreaResponse)
class AreaResponseAdmin(ReadOnlyAdmin):
    list_display = ["audit_return", "area", "rating", "moderated_rating"]
    list_filter = ["rating", "moderated_rating", "audit_return__cycle"]
    search_fields = ["audit_return__organisation__name", "area__title"]
    list_select_related = ["audit_return__organisation", "audit_return__cycle", "area"]


@admin.register(CriterionResponse)
class CriterionResponseAdmin(ReadOnlyAdmin):
    list_display = ["audit_return", "criterion", "evidence_link"]
    list_filter = ["audit_return__cycle"]
    search_fields = ["audit_return__organisation__name", "how_met"]
    list_select_related = ["audit_return__organisation", "audit_return__cycle", "criterion"]
    exclude = ["evidence_file"]  # served only through the access-checking view


@admin.register(KeyAction)
class KeyActionAdmin(OnTheStaffPages):
    list_display = ["action", "owner", "due_on", "area_response"]
    list_filter = ["themes"]
    search_fields = ["action", "owner"]
    date_hierarchy = "due_on"
    list_select_related = ["area_response__audit_return__organisation", "area_response__area"]
    filter_horizontal = ["themes"]
    readonly_fields = ["area_response"]
