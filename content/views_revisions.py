"""Safe editing in the website editor: the preview of a draft, publishing it (now or scheduled), its versions
compared with the live one, restoring a version, and taking an item off the site after a confirmation page.
Every write goes through `content.revisions` or `content.services`; editors only (EDIT_CONTENT)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from content import revisions, selectors, services
from content.forms import PublishForm, VersionOnlyForm
from content.models import Page, Publication, Revision
from content.permissions import EDIT_CONTENT
from partnership.errors import refusal_shown
from partnership.locking import NO_VERSION_MESSAGE
from partnership.pagination import Paginator

editor_only = permission_required(EDIT_CONTENT, raise_exception=True)

KINDS = {
    "page": (Page, "page", "content/page.html"),
    "publication": (Publication, "publication", "content/publication.html"),
}


def _problem(form) -> str:
    """A refused button in words: the hidden fields' own errors would mean nothing to the editor."""
    shown = [e for name, errors in form.errors.items() if name not in {"version", "revision"} for e in errors]
    return " ".join(shown) or NO_VERSION_MESSAGE


def _noun(item) -> str:
    return "page" if isinstance(item, Page) else "publication"


def _preview_url(item):
    return ("page-preview" if isinstance(item, Page) else "publication-preview"), item.pk


def preview(request, item):
    """The item as the public will see it: its draft revision's fields when it has one. Never cached."""
    draft = revisions.draft_of(item)
    shown = revisions.item_with(item, draft.data) if draft else item
    noun = _noun(item)
    context = {noun: shown, "preview": True, "draft": draft, "record": item, "history": selectors.history_for(item)}
    if noun == "page":
        children = selectors.children_of(item)
        context["children"] = Paginator(children, selectors.CHILDREN_PAGE_SIZE).get_page(request.GET.get("page"))
        context["ancestors"] = selectors.ancestors(shown)
    response = render(request, KINDS[noun][2], context)
    add_never_cache_headers(response)
    return response


def publish(request, item):
    """Publish the draft shown (or the draft item itself), now or at the time given."""
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _problem(form))
        return redirect(*_preview_url(item))
    data = form.cleaned_data
    with refusal_shown(request):
        if data["revision"]:
            revision = get_object_or_404(Revision, pk=data["revision"], **{_noun(item): item})
            revision = revisions.revision_publish(
                revision=revision, by=request.user, version=data["version"], publish_at=data["publish_at"]
            )
            if revision.state == Revision.State.DRAFT:
                when = timezone.localtime(revision.publish_at)
                messages.success(request, f"The changes to “{item.title}” will be published at {when:%-d %B %Y %H:%M}.")
            else:
                messages.success(request, f"The changes to “{item.title}” are published: visitors see them now.")
        elif _noun(item) == "page":
            services.page_publish(page=item, by=request.user, version=data["version"])
            messages.success(request, f"“{item.title}” published.")
        else:
            services.publication_publish(publication=item, by=request.user, version=data["version"])
            messages.success(request, f"“{item.title}” published.")
    return redirect(*_preview_url(item))


def take_off(request, item):
    """GET: what taking it off the site will do, and a button; POST: do it."""
    noun = _noun(item)
    if request.method == "POST":
        form = VersionOnlyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _problem(form))
            return redirect(*_preview_url(item))
        with refusal_shown(request):
            if noun == "page":
                services.page_unpublish(page=item, by=request.user, version=form.cleaned_data["version"])
            else:
                services.publication_unpublish(publication=item, by=request.user, version=form.cleaned_data["version"])
            messages.success(request, f"“{item.title}” taken off the site. It is kept as a draft.")
        return redirect(*_preview_url(item))
    context = {"item": item, "noun": noun, "effects": selectors.take_off_effects(item), "back": _preview_url(item)}
    return render(request, "content/editor/take_off.html", context)


def versions(request, item):
    context = {
        "item": item,
        "noun": _noun(item),
        "versions": selectors.revisions_of(item),
        "back": _preview_url(item),
    }
    return render(request, "content/editor/versions.html", context)


@editor_only
@never_cache
def version(request, pk):
    revision = get_object_or_404(Revision.objects.select_related("created_by", "published_by"), pk=pk)
    item = revision.item
    context = {
        "revision": revision,
        "item": item,
        "noun": _noun(item),
        "changes": selectors.revision_changes(item, revision),
        "back": _preview_url(item),
    }
    return render(request, "content/editor/version.html", context)


@editor_only
@require_http_methods(["GET", "POST"])
def version_restore(request, pk):
    """GET: what restoring will do, and a button; POST: the version becomes the draft (or is saved)."""
    revision = get_object_or_404(Revision, pk=pk)
    item = revision.item
    if request.method == "POST":
        form = VersionOnlyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _problem(form))
            return redirect("content-version", revision.pk)
        with refusal_shown(request):
            restored = revisions.revision_restore(
                revision=revision, by=request.user, version=form.cleaned_data["version"]
            )
            if restored.state == Revision.State.DRAFT:
                messages.success(
                    request,
                    f"The earlier version of “{item.title}” is now the draft. The site has not changed: "
                    "preview it, then publish it.",
                )
            else:
                messages.success(request, f"The earlier version of “{item.title}” is restored.")
            return redirect(*_preview_url(item))
        return redirect("content-version", revision.pk)
    context = {"revision": revision, "item": item, "noun": _noun(item), "live": item.status == "published"}
    return render(request, "content/editor/restore.html", context)


@editor_only
@require_POST
def version_unschedule(request, pk):
    revision = get_object_or_404(Revision, pk=pk)
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _problem(form))
    else:
        with refusal_shown(request):
            revisions.revision_unschedule(revision=revision, by=request.user, version=form.cleaned_data["version"])
            messages.success(request, "The schedule is cancelled. The draft waits until you publish it.")
    return redirect(*_preview_url(revision.item))
