"""Editing the public website: partnership managers only (EDIT_CONTENT). Every change goes through a service,
so it is in the history and clears the public page cache."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from content import selectors, services
from content.forms import AlertForm, PageForm, PublicationForm
from content.models import Alert, Page, Publication
from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES

editor_only = permission_required(EDIT_CONTENT, raise_exception=True)


def _form_page(request, form, heading, button, cancel):
    context = {"form": form, "heading": heading, "button": button, "cancel": cancel}
    return render(request, "content/editor/form.html", context)


def _save(form, action):
    """Call a service with the form's data; a rule the service enforces (or a stale edit) becomes a form error,
    and nothing is saved."""
    data = dict(form.cleaned_data)
    data.pop("version", None)
    if form.instance.pk:
        data["expected_version"] = form.cleaned_data.get("version")
    try:
        return action(data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


@editor_only
def editor_home(request):
    context = {
        "pages": Page.objects.defer("body", "search_vector").order_by("path"),
        "publications": Publication.objects.defer("body", "search_vector")[:200],
        "alerts": selectors.alerts_for_editor(),
        "now": timezone.now(),
        "due": selectors.due_for_review(request.user),
    }
    return render(request, "content/editor/home.html", context)


@editor_only
def page_create(request):
    form = PageForm(request.POST or None)
    if form.is_valid() and (page := _save(form, lambda data: services.page_create(**data, by=request.user))):
        messages.success(request, f"Page “{page.title}” saved as a draft. Preview it, then publish it.")
        return redirect("page-preview", page.pk)
    return _form_page(request, form, "Add a page", "Save as draft", "editor-home")


@editor_only
def page_edit(request, pk):
    page = get_object_or_404(Page, pk=pk)
    form = PageForm(request.POST or None, instance=page, record=page)
    if form.is_valid() and _save(form, lambda data: services.page_update(page=page, **data, by=request.user)):
        messages.success(request, f"Changes to “{page.title}” saved.")
        return redirect("page-preview", page.pk)
    return _form_page(request, form, f"Edit “{page.title}”", "Save changes", "editor-home")


@editor_only
def page_preview(request, pk):
    page = get_object_or_404(Page.objects.select_related("parent__parent__parent"), pk=pk)
    page.live_children = list(selectors.pages_live().filter(parent=page))
    context = {"page": page, "ancestors": selectors.ancestors(page), "preview": True}
    context["history"] = selectors.history_for(page)
    return render(request, "content/page.html", context)


@editor_only
@require_POST
def page_publish(request, pk):
    page = get_object_or_404(Page, pk=pk)
    _transition(request, lambda: services.page_publish(page=page, by=request.user), f"“{page.title}” published.")
    return redirect("page-preview", page.pk)


@editor_only
@require_POST
def page_unpublish(request, pk):
    page = get_object_or_404(Page, pk=pk)
    message = f"“{page.title}” taken off the site. It is kept as a draft."
    _transition(request, lambda: services.page_unpublish(page=page, by=request.user), message)
    return redirect("page-preview", page.pk)


def _transition(request, action, message):
    try:
        action()
    except ValidationError as error:  # a step not allowed now, or a record the service finds invalid
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)


@editor_only
def publication_create(request):
    form = PublicationForm(request.POST or None, request.FILES or None)
    if form.is_valid() and (
        publication := _save(form, lambda data: services.publication_create(**data, by=request.user))
    ):
        messages.success(request, f"“{publication.title}” saved as a draft. Preview it, then publish it.")
        return redirect("publication-preview", publication.pk)
    return _form_page(request, form, "Add a publication", "Save as draft", "editor-home")


@editor_only
def publication_edit(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication, record=publication)
    if form.is_valid() and _save(
        form, lambda data: services.publication_update(publication=publication, **data, by=request.user)
    ):
        messages.success(request, f"Changes to “{publication.title}” saved.")
        return redirect("publication-preview", publication.pk)
    return _form_page(request, form, f"Edit “{publication.title}”", "Save changes", "editor-home")


@editor_only
def publication_preview(request, pk):
    publication = get_object_or_404(Publication.objects.prefetch_related("themes"), pk=pk)
    context = {"publication": publication, "preview": True, "history": selectors.history_for(publication)}
    return render(request, "content/publication.html", context)


@editor_only
@require_POST
def publication_publish(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    action = lambda: services.publication_release(publication=publication, by=request.user)  # noqa: E731
    _transition(request, action, f"“{publication.title}” published.")
    return redirect("publication-preview", publication.pk)


@editor_only
@require_POST
def publication_unpublish(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    action = lambda: services.publication_unpublish(publication=publication, by=request.user)  # noqa: E731
    _transition(request, action, f"“{publication.title}” taken off the site. It is kept as a draft.")
    return redirect("publication-preview", publication.pk)


@editor_only
def alert_create(request):
    form = AlertForm(request.POST or None)
    if form.is_valid() and _save(form, lambda data: services.alert_create(**data, by=request.user)):
        messages.success(request, "Alert saved. It shows on every page from its start until its end.")
        return redirect("editor-home")
    return _form_page(request, form, "Add a site-wide alert", "Save alert", "editor-home")


@editor_only
@require_POST
def alert_end(request, pk):
    alert = get_object_or_404(Alert, pk=pk)
    _transition(request, lambda: services.alert_end(alert=alert, by=request.user), "Alert ended.")
    return redirect("editor-home")


@permission_required(READ_CONTACT_MESSAGES, raise_exception=True)
def contact_messages(request):
    received = selectors.contact_messages_for(request.user)[:200]
    return render(request, "content/editor/contact_messages.html", {"received": received})


@permission_required(READ_CONTACT_MESSAGES, raise_exception=True)
@require_POST
def contact_message_handle(request, pk):
    received = get_object_or_404(selectors.contact_messages_for(request.user), pk=pk)
    action = lambda: services.contact_message_handle(contact_message=received, by=request.user)  # noqa: E731
    _transition(request, action, f"Message {received.reference} marked as dealt with.")
    return redirect("contact-messages")
