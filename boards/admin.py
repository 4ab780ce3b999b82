from operator import attrgetter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm

from boards import services
from boards.models import (
    AgendaItem,
    Board,
    Meeting,
    Membership,
    Paper,
    RaisedItem,
    TermsOfReference,
)
from partnership.admin import NoDeleteAdmin, OnTheStaffPages, run_on_each

REFERENCE = attrgetter("reference")  # how an admin message names a raised item


class ReadOnlyInline(admin.TabularInline):
    """Shown for reference; changed on the staff pages, through the services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = Membership


@admin.register(Board)
class BoardAdmin(NoDeleteAdmin):
    list_display = ["name", "short_name", "chair", "reports_to", "order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name", "purpose"]
    list_select_related = ["reports_to"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(OnTheStaffPages):
    """Who sits on a board decides who sees its private papers: seats are added and ended on the board's members
    page (boards.services), never changed here."""

    list_display = ["role", "organisation", "board", "user", "is_chair", "ended_on"]
    list_filter = ["board", "is_chair", "ended_on"]
    search_fields = ["role", "organisation__name", "user__email"]
    list_select_related = ["board", "organisation", "user"]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(NoDeleteAdmin):
    """New versions through the service, so the version number is always the next one."""

    list_display = ["board", "version", "approved_on", "added_by"]
    list_filter = ["board"]
    date_hierarchy = "approved_on"
    list_select_related = ["board", "added_by"]
    fields = ["board", "version", "approved_on", "text", "file", "added_by"]
    readonly_fields = ["version", "added_by"]

    def has_change_permission(self, request, obj=None):
        """A version once added is a record of what was approved: corrected by withdrawing it on the staff page."""
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            form = type("TermsOfReferenceAddForm", (form,), {"clean": _terms_add_clean})
        return form

    def save_model(self, request, obj, form, change):
        created = services.terms_of_reference_add(
            board=obj.board, approved_on=obj.approved_on, text=obj.text, file=form.cleaned_data.get("file"),
            by=request.user,
        )  # fmt: skip
        obj.pk, obj.version = created.pk, created.version


def _terms_add_clean(form):
    """The service's date rules on the admin's add form, shown as the form's error rather than a failure."""
    cleaned = super(type(form), form).clean()
    if cleaned.get("board") and cleaned.get("approved_on"):
        services.terms_approval_date_check(cleaned["board"], cleaned["approved_on"])
    return cleaned


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem


class PaperInline(ReadOnlyInline):
    model = Paper
    fields = ["title", "file", "added_at"]


@admin.register(Meeting)
class MeetingAdmin(OnTheStaffPages):
    """Meetings, their agendas and papers are made and corrected on the staff pages (boards.services, with their
    versions and the cancelled state); here they are read-only, and published or made private by the actions."""

    staff_add_url = "boards-meeting-create"

    list_display = ["date", "board", "location", "published_at"]
    list_filter = ["board", "published_at"]
    search_fields = ["board__name", "location", "minutes"]
    date_hierarchy = "date"
    list_select_related = ["board"]
    readonly_fields = ["published_at", "published_by"]
    inlines = [AgendaItemInline, PaperInline]
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish agenda, papers and minutes of selected meetings")
    def publish(self, request, queryset):
        run_on_each(request, queryset, services.meeting_publish, record_as="meeting", done="meeting(s) published")

    @admin.action(description="Make selected meetings private")
    def unpublish(self, request, queryset):
        run_on_each(request, queryset, services.meeting_unpublish, record_as="meeting", done="meeting(s) made private")


@admin.register(AgendaItem)
class AgendaItemAdmin(OnTheStaffPages):
    list_display = ["title", "meeting", "order"]
    list_filter = ["meeting__board"]
    search_fields = ["title", "description"]
    list_select_related = ["meeting__board"]


@admin.register(Paper)
class PaperAdmin(OnTheStaffPages):
    list_display = ["title", "meeting", "added_at", "added_by"]
    list_filter = ["meeting__board"]
    search_fields = ["title"]
    date_hierarchy = "added_at"
    list_select_related = ["meeting__board", "added_by"]
    readonly_fields = ["added_at", "added_by"]


class RaisedItemActionForm(ActionForm):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.select_related("board"), required=False)
    reason = forms.CharField(required=False, max_length=2000, label="Reason for declining")


@admin.register(RaisedItem)
class RaisedItemAdmin(NoDeleteAdmin):
    """Stages change only through the actions (choose a meeting, or write a reason, beside the action)."""

    list_display = ["reference", "subject", "board", "stage", "received_at", "decided_at"]
    list_filter = ["stage", "board"]
    search_fields = ["reference", "subject", "name", "email"]
    date_hierarchy = "received_at"
    list_select_related = ["board"]
    readonly_fields = ["reference", "stage", "received_at", "decided_at", "decided_by", "decline_reason", "agenda_item"]
    action_form = RaisedItemActionForm
    actions = ["add_to_agenda", "decline"]

    def has_add_permission(self, request):
        return False  # items arrive through the public form

    @admin.action(description="Put selected items on the chosen meeting's agenda")
    def add_to_agenda(self, request, queryset):
        meeting = Meeting.objects.filter(pk=request.POST.get("meeting") or None).first()
        if meeting is None:
            messages.error(request, "Choose a meeting beside the action.")
            return
        step, done = services.raised_item_add_to_agenda, "item(s) put on the agenda"
        run_on_each(request, queryset, step, record_as="item", done=done, label=REFERENCE, meeting=meeting)

    @admin.action(description="Decline selected items with the reason given")
    def decline(self, request, queryset):
        reason = request.POST.get("reason", "")
        step = services.raised_item_decline
        run_on_each(request, queryset, step, record_as="item", done="item(s) declined", label=REFERENCE, reason=reason)
