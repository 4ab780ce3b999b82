"""The public website in the Django admin. Stage changes are actions that call the services; records are never
deleted (take a page off the site instead)."""

from django.contrib import admin

from content import services
from content.forms import BODY_LIMIT
from content.models import Alert, ContactMessage, Page, Publication, Revision, SearchEntry, SearchWord
from partnership.admin import NoDeleteAdmin, ReadOnlyAdmin, run_on_each

EDITORIAL_READ_ONLY = ["status", "published_at", "published_by", "updated_at"]


@admin.register(Page)
class PageAdmin(NoDeleteAdmin):
    text_limits = BODY_LIMIT
    list_display = ["title", "path", "status", "publish_at", "unpublish_at", "review_by"]
    list_filter = ["status", "review_by"]
    search_fields = ["title", "path", "summary"]
    date_hierarchy = "review_by"
    list_select_related = ["parent"]
    readonly_fields = ["path", *EDITORIAL_READ_ONLY]
    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            services.page_update(page=obj, by=request.user, **data)
        else:
            created = services.page_create(**form.cleaned_data, by=request.user)
            obj.pk = created.pk

    @admin.action(description="Publish selected pages")
    def publish(self, request, queryset):
        run_on_each(request, queryset, services.page_publish, record_as="page", done="page(s) published")

    @admin.action(description="Take selected pages off the site")
    def unpublish(self, request, queryset):
        run_on_each(request, queryset, services.page_unpublish, record_as="page", done="page(s) taken off the site")


@admin.register(Publication)
class PublicationAdmin(NoDeleteAdmin):
    text_limits = BODY_LIMIT
    list_display = ["title", "kind", "published_on", "status", "review_by"]
    list_filter = ["kind", "status", "themes"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"
    readonly_fields = ["slug", *EDITORIAL_READ_ONLY]
    filter_horizontal = ["themes"]
    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data if name != "themes"}
        if change:
            services.publication_update(publication=obj, by=request.user, **data)
        else:
            fields = {name: value for name, value in form.cleaned_data.items() if name != "themes"}
            created = services.publication_create(**fields, by=request.user)
            obj.pk = created.pk

    @admin.action(description="Publish selected publications")
    def publish(self, request, queryset):
        step = services.publication_publish
        run_on_each(request, queryset, step, record_as="publication", done="publication(s) published")

    @admin.action(description="Take selected publications off the site")
    def unpublish(self, request, queryset):
        step, done = services.publication_unpublish, "publication(s) taken off the site"
        run_on_each(request, queryset, step, record_as="publication", done=done)


@admin.register(Alert)
class AlertAdmin(NoDeleteAdmin):
    list_display = ["message", "level", "starts_at", "ends_at"]
    list_filter = ["level"]
    search_fields = ["message"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_by"]
    actions = ["end"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        services.public_cache_clear()

    @admin.action(description="End selected alerts now")
    def end(self, request, queryset):
        run_on_each(request, queryset, services.alert_end, record_as="alert", done="alert(s) ended")


@admin.register(ContactMessage)
class ContactMessageAdmin(ReadOnlyAdmin):
    list_display = ["reference", "subject", "name", "received_at", "handled_at"]
    list_filter = ["handled_at"]
    search_fields = ["reference", "subject", "name", "email"]
    date_hierarchy = "received_at"
    list_select_related = ["handled_by"]


@admin.register(SearchEntry)
class SearchEntryAdmin(ReadOnlyAdmin):
    """Written only by `content.search_index.entries_sync`, from what the apps offer (boards, the notification)."""

    list_display = ["title", "url", "key"]
    search_fields = ["title", "url", "keywords"]


@admin.register(SearchWord)
class SearchWordAdmin(ReadOnlyAdmin):
    """The lexicon behind "Did you mean", following every content change (decision 0009)."""

    list_display = ["word", "documents"]
    search_fields = ["word"]


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    """Saved versions of pages and publications: read here, published or restored in the website editor."""

    list_display = ["__str__", "state", "created_by", "created_at", "publish_at", "published_at"]
    list_filter = ["state"]
    date_hierarchy = "created_at"
    list_select_related = ["page", "publication", "created_by"]
