from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget, AutocompleteSelect
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from partnership import outbox, services
from partnership.errors import refusal_shown
from partnership.forms import TEXT_LIMIT, OneValuePerField, model_field_accepts
from partnership.models import (
    AccessEvent,
    CalendarFeed,
    Contact,
    Deadline,
    Invitation,
    Organisation,
    OutgoingEmail,
    ReferenceCounter,
    Reminder,
    SiteSettings,
    StageChange,
    Theme,
    User,
)


class LabelledFileWidget(AdminFileWidget):
    """Django draws a file field as a fieldset whose legend names no input, so the file input had no label (WCAG
    1.3.1, 4.1.2); drawn without the fieldset, the field's own `<label for>` names it ("Clear" keeps its own)."""

    use_fieldset = False


class NoDeleteAdmin(admin.ModelAdmin):
    """Records are disabled or closed, never deleted. Forms hold the portal's rules: a length limit on every
    free text (`TEXT_LIMIT`, or the admin's `text_limits[name]`), and one value for a one-value field."""

    text_limits: dict[str, int] = {}
    formfield_overrides = {models.FileField: {"widget": LabelledFileWidget}}

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (OneValuePerField, form), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.BooleanField) and db_field.null:
            return _yes_no_unknown(db_field)
        if isinstance(db_field, models.TextField) and db_field.max_length is None:
            kwargs.setdefault("max_length", self.text_limits.get(db_field.name, TEXT_LIMIT))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def _yes_no_unknown(db_field) -> forms.TypedChoiceField:
    """Django's yes/no/unknown select reads any other value as "unknown"; this one refuses it."""
    return forms.TypedChoiceField(
        label=capfirst(db_field.verbose_name), help_text=db_field.help_text, required=False, empty_value=None,
        choices=[("", "Unknown"), ("True", "Yes"), ("False", "No")], coerce=lambda value: value == "True",
    )  # fmt: skip


class MadeWithItsParentAdmin(NoDeleteAdmin):
    """A record that a service creates with the record it belongs to (a case, a return's area), which is
    read-only here: the admin corrects it, but cannot add one, which would belong to nothing."""

    def has_add_permission(self, request):
        return False


class KnownValuesAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the posted value up as it is, so text posted for a record was a
    server error when the form is shown again with its errors; values of the wrong type are left out."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk
        return super().optgroups(name, [v for v in value if model_field_accepts(key, v)], attr)


class KnownValuesAutocomplete:
    """Admin or inline mixin: `autocomplete_fields` use `KnownValuesAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownValuesAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyAdmin(NoDeleteAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OnTheStaffPages(ReadOnlyAdmin):
    """Casework the staff pages change through their services (which keep its references, deadlines and stage
    history): here it is read-only, with a link to the staff page, and "add" says where to add one instead of
    making a record that skipped those rules. `staff_add_url` names the staff page that adds one, if any."""

    staff_add_url = ""

    def add_view(self, request, form_url="", extra_context=None):
        noun = self.model._meta.verbose_name
        if self.staff_add_url:
            link = format_html('<a href="{}">the staff page</a>', reverse(self.staff_add_url))
            messages.error(request, format_html("Add a {} on {}, which keeps the portal's rules.", noun, link))
        else:
            messages.error(request, f"A {noun} is made by the step on the staff pages it belongs to, not here.")
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        url = getattr(record, "get_absolute_url", None) if record is not None else None
        if url is not None:
            link = format_html('<a href="{}">its staff page</a>', url())
            messages.info(request, format_html("Read-only here: change it on {}.", link))
        return super().change_view(request, object_id, form_url, extra_context)


class ThroughTheService(NoDeleteAdmin):
    """An admin form whose save is a service call: `service(request, form)` runs once the form is valid (after the
    model's own checks) and returns the record it made or changed; a refusal goes into the form's error summary
    and nothing is saved, exactly as on the staff page. The admin then only logs what the service did."""

    def service(self, request, form):
        raise NotImplementedError

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        model_admin = self

        def full_clean(self):
            form.full_clean(self)  # every check of the form and the model first, one value per field included
            if self.is_bound and not self._errors:
                with refusal_shown(self):
                    self.instance = model_admin.service(request, self)

        return type(form.__name__, (form,), {"full_clean": full_clean})

    def save_model(self, request, obj, form, change):
        """Saved by the service in the form's validation."""

    def save_related(self, request, form, formsets, change):
        """Saved by the service in the form's validation."""


def run_on_each(request, queryset, step, *, record_as: str, done: str, label=str, **kwargs):
    """An admin action's body: call `step(by=request.user, <record_as>=record, **kwargs)` for each selected record.

    A refused step becomes an error message naming the record (`label(record)`, through the one adapter,
    `refusal_shown`), never a silent change; the others go ahead and are counted in one success message,
    "<count> <done>."
    """
    moved = 0
    for record in queryset:
        with refusal_shown(request, about=label(record)):
            step(by=request.user, **{record_as: record}, **kwargs)
            moved += 1
    if moved:
        messages.success(request, f"{moved} {done}.")


@admin.register(Organisation)
class OrganisationAdmin(NoDeleteAdmin):
    list_display = ["name", "type", "area", "is_member", "is_statutory_partner", "is_active"]
    list_filter = ["type", "is_member", "is_statutory_partner", "is_active"]
    search_fields = ["name", "area"]
    actions = ["disable"]

    @admin.action(description="Disable selected organisations")
    def disable(self, request, queryset):
        for organisation in queryset:
            services.organisation_disable(organisation=organisation, by=request.user)
        messages.success(request, f"{queryset.count()} organisation(s) disabled.")


@admin.register(Contact)
class ContactAdmin(NoDeleteAdmin):
    """People in the agency directory (the CDOP coordinator keeps them under /cdop/agencies/)."""

    list_display = ["name", "role", "organisation", "email", "is_active"]
    list_filter = ["is_active", "organisation__type"]
    search_fields = ["name", "email", "organisation__name"]
    list_select_related = ["organisation"]


class UserCreationForm(AdminUserCreationForm):
    """ "Add user": people sign in with their email address, which is all the form asks for besides a password."""

    class Meta:
        model = User
        fields = ["email"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()


@admin.register(User)
class PortalUserAdmin(NoDeleteAdmin, UserAdmin):
    list_display = ["email", "first_name", "last_name", "organisation", "is_active", "last_login"]
    list_filter = ["is_active", "groups", "organisation__type", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    ordering = ["email"]
    add_form = UserCreationForm
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]})]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["first_name", "last_name"]}),
        *UserAdmin.fieldsets[2:],
        ("Organisation", {"fields": ["organisation"]}),
    ]
    actions = ["disable"]

    @admin.action(description="Disable selected users (ends their sessions)")
    def disable(self, request, queryset):
        for user in queryset:
            services.user_disable(user=user, by=request.user)
        messages.success(request, f"{queryset.count()} user(s) disabled.")


@admin.register(Theme)
class ThemeAdmin(NoDeleteAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "due_on", "met_on", "cancelled_on", "organisation"]
    list_filter = ["kind", "met_on", "cancelled_on"]
    search_fields = ["title"]
    date_hierarchy = "due_on"
    list_select_related = ["organisation"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["deadline", "stage", "sent_at", "email__status"]
    list_filter = ["stage", "email__status"]
    list_select_related = ["deadline", "email"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """The outbox. The text is never shown: it may hold a working link meant for its recipient alone."""

    list_display = ["created_at", "subject", "recipients", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "problem", "template"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    exclude = ["body", "attachments"]
    actions = ["resend"]

    @admin.display(description="To")
    def recipients(self, email):
        return ", ".join(email.to)

    @admin.action(description="Send selected emails again")
    def resend(self, request, queryset):
        run_on_each(request, queryset, outbox.email_resend, record_as="email", done="email(s) will be sent again")


@admin.register(SiteSettings)
class SiteSettingsAdmin(NoDeleteAdmin):
    """One row: made when the list is first opened; it is never added twice or deleted."""

    def has_add_permission(self, request):
        return False

    list_display = ["__str__", "cdop_email", "contact_email", "mash_phone", "cdop_web_page"]

    def changelist_view(self, request, extra_context=None):
        SiteSettings.current()
        return super().changelist_view(request, extra_context)


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action", "content_type", "object_id", "path", "address"]
    list_filter = ["action", "content_type"]
    search_fields = ["user__email", "path", "address"]
    date_hierarchy = "at"
    list_select_related = ["user", "content_type"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin):
    """Who has a calendar feed address and since when; the address itself is never kept, only its hash."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    exclude = ["token_hash"]


@admin.register(StageChange)
class StageChangeAdmin(ReadOnlyAdmin):
    """The one stage history, to read: written only by `partnership.workflow` as records move."""

    list_display = ["on", "content_type", "object_id", "description", "move", "from_stage", "to_stage", "by"]
    list_filter = ["content_type", "move"]
    search_fields = ["description"]
    date_hierarchy = "on"
    list_select_related = ["content_type", "by"]


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(ReadOnlyAdmin):
    """The last number given per kind of reference and year (`partnership.references`); changing one by hand
    would give a number twice."""

    list_display = ["prefix", "year", "last"]
    list_filter = ["prefix", "year"]


@admin.register(Invitation)
class InvitationAdmin(NoDeleteAdmin):
    list_display = ["email", "organisation", "invited_by", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["organisation", "accepted_at", "revoked_at"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["accepted_at", "revoked_at", "user", "invited_by", "created_at"]
    list_select_related = ["organisation", "invited_by"]
    actions = ["revoke"]

    @admin.action(description="Withdraw selected invitations")
    def revoke(self, request, queryset):
        for invitation in queryset.filter(accepted_at=None, revoked_at=None):
            services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(request, "Invitations withdrawn.")
