"""The public website: every view here is open to everyone (`login_not_required`) and shows live content only,
except to editors, who also see drafts."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from content import selectors, services
from content.cache import cached_public_page
from content.forms import ContactForm, SearchForm
from content.models import Publication
from content.search import find, with_snippets
from partnership.antispam import RATE_LIMITED_MESSAGE, rate_limit_exceeded
from partnership.files import private_file_response
from partnership.links import absolute_url

PUBLICATIONS_PER_PAGE = 20
RESULTS_PER_PAGE = 10


def _querystring(**values) -> str:
    """The filters to keep in pagination links, ending with "&" when there are any."""
    chosen = {name: value for name, value in values.items() if value}
    return urlencode(chosen) + "&" if chosen else ""


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and 0 < len(value) < 6 else 1


@login_not_required
@cached_public_page
def home(request):
    context = {"sections": selectors.top_pages(), "latest": list(selectors.publications_live()[:4])}
    return render(request, "content/home.html", context)


@login_not_required
@cached_public_page(query=("page",))
def page(request, path):
    found = selectors.page_for(request.user, path) if "\x00" not in path else None
    if found is None:
        raise Http404
    children = Paginator(selectors.children_of(found), selectors.CHILDREN_PAGE_SIZE).get_page(_page_number(request))
    context = {"page": found, "ancestors": selectors.ancestors(found), "children": children}
    return render(request, "content/page.html", context)


@login_not_required
@cached_public_page(query=("type", "year", "topic", "page"))
def publications(request):
    kinds = dict(Publication.Kind.choices)
    kind = request.GET.get("type", "")
    kind = kind if kind in kinds else ""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else None
    themes = list(selectors.themes_in_use())
    theme = request.GET.get("topic", "")
    theme = theme if theme in {t.slug for t in themes} else ""
    found = selectors.publications_filtered(kind=kind, year=year, theme=theme)
    listing = Paginator(found, PUBLICATIONS_PER_PAGE).get_page(_page_number(request))
    context = {
        "listing": listing,
        "kinds": kinds,
        "years": selectors.publication_years(),
        "themes": themes,
        "chosen": {"type": kind, "year": year, "topic": theme},
        "filtered": bool(kind or year or theme),
        "querystring_base": _querystring(type=kind, year=year or "", topic=theme),
    }
    return render(request, "content/publications.html", context)


@login_not_required
@cached_public_page
def publication(request, slug):
    found = selectors.publication_for(request.user, slug)
    if found is None:
        raise Http404
    return render(request, "content/publication.html", {"publication": found})


@login_not_required
def publication_download(request, slug):
    found = selectors.publication_for(request.user, slug)
    if found is None or not found.file:
        raise Http404
    name = f"{found.slug}.{found.file_extension.lower()}"
    return private_file_response(request, found.file, subject=found, download_name=name)


@login_not_required
@cached_public_page(query=("q", "page"))
def search(request):
    form = SearchForm(request.GET)
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
    found = find(query)
    results = Paginator(found.results, RESULTS_PER_PAGE).get_page(_page_number(request))
    results.object_list = with_snippets(results.object_list, found.searched)
    context = {
        "form": form,
        "query": query,
        "suggestion": found.suggestion,
        "results": results,
        "searched": bool(query),
        "listing": results,
        "querystring_base": _querystring(q=query),
    }
    return render(request, "content/search.html", context)


@login_not_required
def contact(request):
    form = ContactForm(request.POST or None)
    limited = False
    if form.is_valid():
        limited = rate_limit_exceeded(request, scope="contact", limit=5, per_seconds=600)
        if limited:
            form.add_error(None, RATE_LIMITED_MESSAGE)
        else:
            fields = {name: form.cleaned_data[name] for name in ("name", "email", "subject", "message")}
            received = services.contact_message_receive(**fields)
            request.session["contact_reference"] = received.reference
            return redirect("contact-sent")
    context = {"form": form, "heading": "Contact the partnership", "button": "Send message"}
    return render(request, "content/contact.html", context, status=429 if limited else 200)


@login_not_required
def contact_sent(request):
    reference = request.session.get("contact_reference")
    if not reference:
        return redirect("contact")
    return render(request, "content/contact_sent.html", {"reference": reference})


@login_not_required
@cached_public_page
def accessibility(request):
    return render(request, "content/accessibility.html")


@login_not_required
@cached_public_page
def privacy(request):
    return render(request, "content/privacy.html")


@login_not_required
@cached_public_page
def cookies(request):
    return render(request, "content/cookies.html", {"session_days": settings.SESSION_COOKIE_AGE // 86400 or 1})


@login_not_required
@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /editor/",
        "Disallow: /reviews/",
        "Disallow: /cdop/",
        "Disallow: /audits/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@login_not_required
@cached_public_page
def sitemap(request):
    pages, publications_, others = selectors.sitemap_entries()
    fixed = [
        reverse(name) for name in ("home", "publications", "search", "contact", "accessibility", "privacy", "cookies")
    ] + others
    context = {"site": absolute_url().removesuffix("/"), "pages": pages, "publications": publications_, "fixed": fixed}
    return render(request, "content/sitemap.xml", context, content_type="application/xml")
