"""Reads of the public website. Visitors see live items only; editors (EDIT_CONTENT) see drafts too."""

import difflib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.models import Alert, ContactMessage, Page, Publication, Revision
from content.permissions import EDIT_CONTENT, READ_CONTACT_MESSAGES
from content.revisions import fields_of, snapshot
from partnership.hooks import app_hooks
from partnership.models import Theme


def _can_edit(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(EDIT_CONTENT))


def pages_live() -> QuerySet[Page]:
    return Page.objects.live().defer("search_vector")


HOME_SECTIONS = 12
HOME_CHILDREN_PER_SECTION = 6
EDITOR_PAGE_SIZE = 50
CHILDREN_PAGE_SIZE = 50
DUE_FOR_REVIEW_SHOWN = 10


def top_pages() -> list[Page]:
    """The home page's sections: the first `HOME_SECTIONS` top-level pages, each with its first
    `HOME_CHILDREN_PER_SECTION` live children (`home_children`) and whether it has more (`more_children`), so the
    home page stays the same size however many pages the site has (two queries: the children's slice is a window
    in the database)."""
    fields = ("title", "summary", "path", "parent_id", "position")
    children = Prefetch(
        "children",
        queryset=pages_live().only(*fields)[: HOME_CHILDREN_PER_SECTION + 1],
        to_attr="first_children",
    )
    sections = list(pages_live().filter(parent=None).prefetch_related(children)[:HOME_SECTIONS])
    for section in sections:
        section.home_children = section.first_children[:HOME_CHILDREN_PER_SECTION]
        section.more_children = len(section.first_children) > HOME_CHILDREN_PER_SECTION
    return sections


def page_for(user, path: str) -> Page | None:
    """The page at `path` with its ancestors (for breadcrumbs), or None; its children come from `children_of`."""
    pages = Page.objects.all() if _can_edit(user) else pages_live()
    return pages.select_related("parent__parent__parent").filter(path=path).first()


def children_of(page: Page) -> QuerySet[Page]:
    """A page's live children in their order, for "In this section" (paginated by the view)."""
    return (
        pages_live()
        .filter(parent=page)
        .only("title", "summary", "path", "parent_id")
        .order_by("position", "title", "pk")
    )


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


# The alerts not yet ended (a handful), in the shared cache: every page shows the banner, and a warm page reads no
# alert from the database. Cleared when an alert is saved or deleted (content.signals); the entry holds scheduled
# alerts too and each page picks those showing now, so an alert starts and ends on time however old the entry. The
# timeout only bounds a stale entry: one refilled, from before the commit, by a request that read as it committed.
ALERTS_CACHE_KEY = "content:alerts"
ALERTS_CACHE_SECONDS = 60


def alerts_current() -> list[Alert]:
    now = timezone.now()
    alerts = cache.get(ALERTS_CACHE_KEY)
    if alerts is None:
        alerts = list(Alert.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now)))
        cache.set(ALERTS_CACHE_KEY, alerts, timeout=ALERTS_CACHE_SECONDS)
    return [alert for alert in alerts if alert.starts_at <= now and (alert.ends_at is None or alert.ends_at > now)]


def alerts_cache_clear() -> None:
    cache.delete(ALERTS_CACHE_KEY)


def alerts_for_editor() -> QuerySet[Alert]:
    """The newest alerts (a handful a year): the editor ends a current one here."""
    return Alert.objects.order_by("-starts_at", "-pk")[:20]


def pages_for_editor() -> QuerySet[Page]:
    """Every page, drafts included, in the order of their addresses (paginated by the editor's home)."""
    return Page.objects.defer("body", "search_vector").order_by("path")


def publications_for_editor() -> QuerySet[Publication]:
    """Every publication, drafts included, newest first (paginated by the editor's home)."""
    return Publication.objects.defer("body", "search_vector").order_by("-published_on", "title", "pk")


def due_for_review(user) -> dict:
    """The pages and publications whose review date has come, soonest first: the first `DUE_FOR_REVIEW_SHOWN` of
    each, and whether there are more (the editor's lists show them all)."""
    pages = list(Page.objects.due_for_review().defer("search_vector", "body")[: DUE_FOR_REVIEW_SHOWN + 1])
    publications = list(Publication.objects.due_for_review().defer("search_vector", "body")[: DUE_FOR_REVIEW_SHOWN + 1])
    return {
        "pages": pages[:DUE_FOR_REVIEW_SHOWN],
        "publications": publications[:DUE_FOR_REVIEW_SHOWN],
        "more_due": len(pages) > DUE_FOR_REVIEW_SHOWN or len(publications) > DUE_FOR_REVIEW_SHOWN,
    }


def contact_messages_for(user) -> QuerySet[ContactMessage]:
    if not user.has_perm(READ_CONTACT_MESSAGES):
        return ContactMessage.objects.none()
    return ContactMessage.objects.select_related("handled_by").order_by("-received_at", "-pk")


def my_work_panel(user) -> dict | None:
    """'Pages due for review' on the staff home, for editors."""
    if not _can_edit(user):
        return None
    due = due_for_review(user)
    unread = contact_messages_for(user).filter(handled_at=None).count()
    return {"title": "Website", "template": "content/my_work_panel.html", "unread_messages": unread, **due}


def sitemap_entries() -> tuple[list[Page], list[Publication], list[str]]:
    """The live pages, the live publications, and the other apps' public pages (each app's
    `AppConfig.sitemap_urls`, a dotted path to a function giving their addresses, such as the boards')."""
    others = [url for urls_of in app_hooks("sitemap_urls") for url in urls_of()]
    return (
        list(pages_live().only("path", "updated_at")),
        list(Publication.objects.live().only("slug", "updated_at")),
        others,
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
    if fields:
        return "Changed " + ", ".join(f.replace("_", " ") for f in fields)
    return "Draft changed (not on the site yet: see its versions)" if before.version != after.version else "Saved"


REVISIONS_SHOWN = 100
TEXT_FIELDS = ("title", "summary", "body", "slug")


def revisions_of(item) -> QuerySet:
    """Every saved version of a page or publication, newest first, with who saved and who published it."""
    of = {"page": item} if isinstance(item, Page) else {"publication": item}
    return Revision.objects.filter(**of).select_related("created_by", "published_by")[:REVISIONS_SHOWN]


@dataclass(frozen=True)
class FieldChange:
    label: str
    live: str
    revision: str
    words: str  # escaped HTML: the revision's text with <del>removed</del> and <ins>added</ins> words

    @property
    def changed(self) -> bool:
        return self.live != self.revision


def revision_changes(item, revision) -> list[FieldChange]:
    """The revision beside the live version, field by field; text fields show the words removed and added."""
    live, theirs = snapshot(item), revision.data
    changes = []
    for name in fields_of(item):
        label = str(type(item)._meta.get_field(name).verbose_name).capitalize()
        before, after = _shown(name, live.get(name)), _shown(name, theirs.get(name))
        words = _word_diff(before, after) if name in TEXT_FIELDS else ""
        changes.append(FieldChange(label, before, after, words))
    return changes


def _shown(name: str, value) -> str:
    """A stored value in words (a page's title for `parent`, topic names for `themes`)."""
    if value in (None, "", []):
        return "" if name in TEXT_FIELDS else "(none)"
    if name == "parent":
        page = Page.objects.filter(pk=value).only("title", "path").first()
        return f"{page.title} (/{page.path}/)" if page else "(a page no longer there)"
    if name == "themes":
        return ", ".join(Theme.objects.filter(pk__in=value).order_by("name").values_list("name", flat=True))
    if name == "kind":
        return str(dict(Publication.Kind.choices).get(value, value))
    if name == "file":
        return str(value).rsplit("/", 1)[-1]
    if name in ("publish_at", "unpublish_at"):
        return f"{timezone.localtime(parse_datetime(value)):%-d %B %Y %H:%M}"
    if name in ("review_by", "published_on"):
        return f"{parse_date(value):%-d %B %Y}"
    return str(value)


def _word_diff(before: str, after: str) -> str:
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(new[b1:b2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def take_off_effects(item) -> list[str]:
    """What taking a page or publication off the site does, in words, for its confirmation page."""
    if isinstance(item, Page):
        effects = [f"Visitors will no longer see /{item.path}/: the address answers “Page not found”."]
        children = children_of(item).count()
        if children:
            effects.append(
                f"The {children} published page{'s' if children != 1 else ''} inside it stay on the site at their own "
                "addresses, but are no longer listed here: take them off one by one if they should go too."
            )
    else:
        effects = [
            f"Visitors will no longer see /publications/{item.slug}/ or download its document, "
            "and it leaves the publications list and search."
        ]
        address = f"/publications/{item.slug}/"
        linking = list(pages_live().filter(body__contains=address).values_list("title", flat=True)[:20])
        if linking:
            effects.append(f"These published pages link to it and will show a broken link: {', '.join(linking)}.")
    effects.append("It is kept as a draft with all its versions: you can publish it again.")
    return effects
