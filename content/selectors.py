"""Reads of the public website. Visitors see live items only; editors (EDIT_CONTENT) see drafts too."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import CharField, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone

from content.models import Alert, ContactMessage, Page, Publication
from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES
from partnership.models import Theme

SEARCH_MAX_CHARACTERS = 200


def _can_edit(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(EDIT_CONTENT))


def pages_live() -> QuerySet[Page]:
    return Page.objects.live().defer("search_vector")


def top_pages() -> list[Page]:
    """The top of the tree with each page's live children, for the home page and the menu (two queries)."""
    children = Prefetch("children", queryset=pages_live().only("title", "summary", "path", "parent_id", "position"))
    return list(pages_live().filter(parent=None).prefetch_related(children))


def page_for(user, path: str) -> Page | None:
    """The page at `path` with its ancestors (for breadcrumbs) and live children, or None."""
    pages = Page.objects.all() if _can_edit(user) else pages_live()
    page = pages.select_related("parent__parent__parent").filter(path=path).first()
    if page is None:
        return None
    page.live_children = list(pages_live().filter(parent=page).only("title", "summary", "path", "parent_id"))
    return page


def ancestors(page: Page) -> list[Page]:
    chain, parent = [], page.parent
    while parent is not None:
        chain.append(parent)
        parent = parent.parent
    return list(reversed(chain))


def publications_live() -> QuerySet[Publication]:
    return Publication.objects.live().defer("search_vector", "body").prefetch_related("themes")


def publications_filtered(*, kind: str = "", year: int | None = None, theme: str = "") -> QuerySet[Publication]:
    publications = publications_live()
    if kind:
        publications = publications.filter(kind=kind)
    if year:
        publications = publications.filter(published_on__year=year)
    if theme:
        publications = publications.filter(themes__slug=theme)
    return publications


def publication_years() -> list[int]:
    years = Publication.objects.live().annotate(year=ExtractYear("published_on")).values_list("year", flat=True)
    return list(years.order_by("-year").distinct())


def themes_in_use() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True, publications__in=Publication.objects.live()).distinct()


def publication_for(user, slug: str) -> Publication | None:
    publications = Publication.objects.all() if _can_edit(user) else Publication.objects.live()
    return publications.defer("search_vector").prefetch_related("themes").filter(slug=slug).first()


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    snippet: str
    rank: float


def search(query: str) -> list[SearchResult]:
    """Pages and publications matching `query`, best first, with the matching words highlighted.

    The snippet comes from PostgreSQL's ts_headline with <mark> around matches; the text it works on is
    escaped first by the template filter `search_snippet`, which keeps only the <mark> tags.
    """
    query = (query or "").strip()[:SEARCH_MAX_CHARACTERS]
    if not query:
        return []
    terms = SearchQuery(query, config="english", search_type="websearch")
    headline_options = {"start_sel": "[[mark]]", "stop_sel": "[[/mark]]", "max_words": 35, "min_words": 15}

    def ranked(queryset, kind_label):
        return (
            queryset.filter(search_vector=terms)
            .annotate(
                rank=SearchRank(F("search_vector"), terms, normalization=Value(0)),
                snippet=SearchHeadline("body_and_summary", terms, config="english", **headline_options),
                kind_label=kind_label,
            )
            .order_by("-rank", "title")
        )

    def text():
        from django.db.models.functions import Concat

        return Concat("summary", Value(" "), "body", output_field=CharField())

    pages = ranked(pages_live().annotate(body_and_summary=text()), Value("Page", output_field=CharField()))
    publications = ranked(
        Publication.objects.live().annotate(body_and_summary=text()), Value("Publication", output_field=CharField())
    )
    fields = ("title", "rank", "snippet", "kind_label")
    results = [
        SearchResult("Page", page["title"], "/" + page["path"] + "/", page["snippet"], page["rank"])
        for page in pages.values(*fields, "path")[:200]
    ] + [
        SearchResult("Publication", item["title"], f"/publications/{item['slug']}/", item["snippet"], item["rank"])
        for item in publications.values(*fields, "slug")[:200]
    ]
    return sorted(results, key=lambda result: (-result.rank, result.title))


def alerts_current() -> list[Alert]:
    now = timezone.now()
    return list(Alert.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now), starts_at__lte=now))


def alerts_for_editor() -> QuerySet[Alert]:
    return Alert.objects.all()[:50]


def due_for_review(user) -> dict:
    return {
        "pages": list(Page.objects.due_for_review().defer("search_vector", "body")),
        "publications": list(Publication.objects.due_for_review().defer("search_vector", "body")),
    }


def contact_messages_for(user) -> QuerySet[ContactMessage]:
    if not user.has_perm(READ_CONTACT_MESSAGES):
        return ContactMessage.objects.none()
    return ContactMessage.objects.select_related("handled_by")


def my_work_panel(user) -> dict | None:
    """'Pages due for review' on the staff home, for editors."""
    if not _can_edit(user):
        return None
    due = due_for_review(user)
    unread = contact_messages_for(user).filter(handled_at=None).count()
    return {"title": "Website", "template": "content/my_work_panel.html", "unread_messages": unread, **due}


def sitemap_entries() -> tuple[list[Page], list[Publication]]:
    return (
        list(pages_live().only("path", "updated_at")),
        list(Publication.objects.live().only("slug", "updated_at")),
    )


@dataclass(frozen=True)
class Change:
    at: object
    by: object
    what: str


def history_for(item) -> list[Change]:
    """Every saved change to a page or publication, newest first, with who made it (from pghistory's context)."""
    from partnership.models import User

    events = list(item.events.select_related("pgh_context").order_by("-pgh_created_at", "-pgh_id")[:50])
    user_ids = {(event.pgh_context.metadata or {}).get("user") for event in events if event.pgh_context}
    users = User.objects.in_bulk([pk for pk in user_ids if pk])
    changes, newer = [], None
    for event in reversed(events):
        what = "Created" if event.pgh_label == "insert" else _describe(newer, event)
        newer = event
        context = (event.pgh_context.metadata or {}) if event.pgh_context else {}
        changes.append(Change(event.pgh_created_at, users.get(context.get("user")), what))
    return list(reversed(changes))


def _describe(before, after) -> str:
    if before is None:
        return "Changed"
    if before.status != after.status:
        return "Published" if after.status == "published" else "Taken off the site"
    fields = [
        f
        for f in ("title", "summary", "body", "publish_at", "unpublish_at", "review_by")
        if getattr(before, f) != getattr(after, f)
    ]
    return "Changed " + ", ".join(f.replace("_", " ") for f in fields) if fields else "Saved"
