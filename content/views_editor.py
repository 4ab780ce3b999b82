"""Editing the public website: partnership managers only (EDIT_CONTENT). Every change goes through a service,
so it is in the history and clears the public page cache."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from content import revisions, selectors, services, views_revisions
from content.forms import AlertForm, PageForm, PublicationForm
from content.models import Alert, Page, Publication, Revision
from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES
from partnership.errors import refusal_shown
from partnership.pagination import Paginator

editor_only = permission_required(EDIT_CONTENT, raise_exception=True)
MESSAGES_PAGE_SIZE = 50


def _form_page(request, form, heading, button, cancel):
    context = {"form": form, "heading": heading, "button": button, "cancel": cancel}
    return render(request, "content/editor/form.html", context)


def _data(form) -> dict:
    """The form's data for its service: the version the editor opened goes as `expected_version`, so the service
    refuses to overwrite a newer save (shown in the form's error summary by `refusal_shown`)."""
    data = dict(form.cleaned_data)
    data.pop("version", None)
    if form.instance.pk:
        data["expected_version"] = form.cleaned_data.get("version")
    return data


def _noun(item) -> str:
    return "page" if isinstance(item, Page) else "publication"


def _with_draft(item):
    """What the edit form starts from: the draft revision when there is one, else the item."""
    draft = revisions.draft_of(item)
    return revisions.item_with(item, draft.data) if draft else copy.copy(item)  # the form changes what it is given


def _save_button(item) -> str:
    return "Save as draft" if item.status == "published" else "Save changes"


def _saved(request, revision, item) -> None:
    if revision.state == Revision.State.DRAFT:
        messages.success(
            request,
            f"Your changes to “{item.title}” are saved as a draft. The {_noun(item)} on the site has not changed: "
            "preview the draft below, then publish it.",
        )
    else:
        messages.success(request, f"Changes to “{item.title}” saved.")


@editor_only
def editor_home(request):
    """The alerts, then the pages or (`?show=publications`) the publications, a page of each at a time."""
    show = "publications" if request.GET.get("show") == "publications" else "pages"
    items = selectors.publications_for_editor() if show == "publications" else selectors.pages_for_editor()
    listing = Paginator(items, selectors.EDITOR_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "show": show,
        "listing": listing,
        "alerts": selectors.alerts_for_editor(),
        "now": timezone.now(),
    }
    return render(request, "content/editor/home.html", context)


@editor_only
def page_create(request):
    form = PageForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            page = services.page_create(**_data(form), by=request.user)
            messages.success(request, f"Page “{page.title}” saved as a draft. Preview it, then publish it.")
            return redirect("page-preview", page.pk)
    return _form_page(request, form, "Add a page", "Save as draft", "editor-home")


@editor_only
def page_edit(request, pk):
    page = get_object_or_404(Page, pk=pk)
    form = PageForm(request.POST or None, instance=_with_draft(page), record=page)
    if form.is_valid():
        with refusal_shown(form):
            _saved(request, revisions.edit_save(page, **_data(form), by=request.user), page)
            return redirect("page-preview", page.pk)
    return _form_page(request, form, f"Edit “{page.title}”", _save_button(page), "editor-home")


@editor_only
def page_preview(request, pk):
    return views_revisions.preview(request, get_object_or_404(Page.objects.select_related("parent"), pk=pk))


@editor_only
@require_POST
def page_publish(request, pk):
    return views_revisions.publish(request, get_object_or_404(Page, pk=pk))


@editor_only
@require_http_methods(["GET", "POST"])
def page_unpublish(request, pk):
    return views_revisions.take_off(request, get_object_or_404(Page, pk=pk))


@editor_only
def page_versions(request, pk):
    return views_revisions.versions(request, get_object_or_404(Page, pk=pk))


@editor_only
def publication_create(request):
    form = PublicationForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        with refusal_shown(form):
            publication = services.publication_create(**_data(form), by=request.user)
            messages.success(request, f"“{publication.title}” saved as a draft. Preview it, then publish it.")
            return redirect("publication-preview", publication.pk)
    return _form_page(request, form, "Add a publication", "Save as draft", "editor-home")


@editor_only
def publication_edit(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    form = PublicationForm(
        request.POST or None, request.FILES or None, instance=_with_draft(publication), record=publication
    )
    if form.is_valid():
        with refusal_shown(form):
            _saved(request, revisions.edit_save(publication, **_data(form), by=request.user), publication)
            return redirect("publication-preview", publication.pk)
    return _form_page(request, form, f"Edit “{publication.title}”", _save_button(publication), "editor-home")


@editor_only
def publication_preview(request, pk):
    return views_revisions.preview(request, get_object_or_404(Publication, pk=pk))


@editor_only
@require_POST
def publication_publish(request, pk):
    return views_revisions.publish(request, get_object_or_404(Publication, pk=pk))


@editor_only
@require_http_methods(["GET", "POST"])
def publication_unpublish(request, pk):
    return views_revisions.take_off(request, get_object_or_404(Publication, pk=pk))


@editor_only
def publication_versions(request, pk):
    return views_revisions.versions(request, get_object_or_404(Publication, pk=pk))


@editor_only
def alert_create(request):
    form = AlertForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            services.alert_create(**_data(form), by=request.user)
            messages.success(request, "Alert saved. It shows on every page from its start until its end.")
            return redirect("editor-home")
    return _form_page(request, form, "Add a site-wide alert", "Save alert", "editor-home")


@editor_only
@require_POST
def alert_end(request, pk):
    alert = get_object_or_404(Alert, pk=pk)
    with refusal_shown(request):
        services.alert_end(alert=alert, by=request.user)
        messages.success(request, "Alert ended.")
    return redirect("editor-home")


@permission_required(READ_CONTACT_MESSAGES, raise_exception=True)
def contact_messages(request):
    received = Paginator(selectors.contact_messages_for(request.user), MESSAGES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "content/editor/contact_messages.html", {"received": received})


@permission_required(READ_CONTACT_MESSAGES, raise_exception=True)
@require_POST
def contact_message_handle(request, pk):
    received = get_object_or_404(selectors.contact_messages_for(request.user), pk=pk)
    with refusal_shown(request):
        services.contact_message_handle(contact_message=received, by=request.user)
        messages.success(request, f"Message {received.reference} marked as dealt with.")
    return redirect("contact-messages")
