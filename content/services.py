"""Every write to the public website. Each clears the public page cache, because what visitors see changed."""

import secrets
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from content.models import Alert, ContactMessage, Page, Publication, a_year_from_today
from content.search_index import index, lexicon_follow
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import check_version
from partnership.notify import email_on_commit
from partnership.workflow import advance, start

PUBLIC_CACHE_VERSION_KEY = "content:public-cache-version"


def public_cache_clear() -> None:
    """Invalidate every cached public page at once (a new version number makes old keys unreachable)."""
    try:
        cache.incr(PUBLIC_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(PUBLIC_CACHE_VERSION_KEY, 2, timeout=None)


def _on_change(item: Page | Publication | None = None) -> None:
    """What visitors see changed: the lexicon follows the saved page or publication now, the cached pages are
    cleared once it commits."""
    if item is not None:
        lexicon_follow(item)
    transaction.on_commit(public_cache_clear)


def _index(instance) -> None:
    index(instance)


def _unique_slug(title: str, taken) -> str:
    base = slugify(title)[:100] or "publication"
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _path(page: Page) -> str:
    return f"{page.parent.path}/{page.slug}" if page.parent_id else page.slug


def _save_page(page: Page) -> Page:
    page.full_clean(exclude=["path"])
    page.path = _path(page)
    page.save()
    for child in page.children.all():  # keep the addresses of the pages below in step
        _save_page(child)
    _index(page)
    return page


@transaction.atomic
def page_create(
    *,
    title: str,
    slug: str,
    summary: str,
    body: str = "",
    parent: Page | None = None,
    position: int = 0,
    publish_at=None,
    unpublish_at=None,
    review_by=None,
    by,
) -> Page:
    """A new page, in draft until published."""
    page = Page(
        title=title,
        slug=slug,
        summary=summary,
        body=body,
        parent=parent,
        position=position,
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        review_by=review_by or a_year_from_today(),
    )
    _save_page(page)
    start(page, "add", by=by)
    _on_change(page)
    return page


def annual_report_draft(*, title: str, summary: str, body: str, by) -> Page:
    """The annual report's chosen figures as a new draft page at the top level, under an address of its own: an
    editor previews, places and publishes it like any other page (`partnership.annual_report.publish`)."""
    slug = _unique_slug(title, lambda slug: Page.objects.filter(parent=None, slug=slug).exists())
    return page_create(title=title, slug=slug, summary=summary, body=body, by=by)


@transaction.atomic
def page_update(*, page: Page, by, expected_version: int | None = None, **fields) -> Page:
    """Change a page's text, place or schedule. Editing it resets its review date unless one is given.
    Refused (StaleEdit) when someone else saved it since `expected_version` was shown."""
    check_version(page, expected_version)
    fields.setdefault("review_by", a_year_from_today())
    for name, value in fields.items():
        setattr(page, name, value)
    _save_page(page)
    _on_change(page)
    return page


def _publish(item, *, by, version: int | None = None):
    with advance(item, "publish", by=by, version=version) as item:
        item.published_at, item.published_by = timezone.now(), by
    _on_change(item)
    return item


def _take_off(item, *, by, version: int | None = None):
    with advance(item, "take_off", by=by, version=version) as item:
        pass
    _on_change(item)
    return item


@transaction.atomic
def page_publish(*, page: Page, by, version: int | None = None) -> Page:
    """draft -> published. It shows on the site from `publish_at` (at once when empty)."""
    return _publish(page, by=by, version=version)


@transaction.atomic
def page_unpublish(*, page: Page, by, version: int | None = None) -> Page:
    """published -> draft: taken off the site, kept for editing."""
    return _take_off(page, by=by, version=version)


@transaction.atomic
def publication_create(
    *,
    title: str,
    kind: str,
    summary: str,
    body: str = "",
    published_on: date,
    themes=(),
    file=None,
    publish_at=None,
    unpublish_at=None,
    review_by=None,
    not_published_reason: str = "",
    by,
) -> Publication:
    """A new publication, in draft until published. With `not_published_reason` it records a document the
    partnership chose not to publish: it may then have no file."""
    publication = Publication(
        title=title,
        kind=kind,
        summary=summary,
        body=body,
        published_on=published_on,
        file=file or "",
        publish_at=publish_at,
        unpublish_at=unpublish_at,
        review_by=review_by or a_year_from_today(),
        not_published_reason=not_published_reason,
        slug=_unique_slug(title, lambda s: Publication.objects.filter(slug=s).exists()),
    )
    publication.full_clean()
    publication.save()
    publication.themes.set(themes)
    _index(publication)
    start(publication, "add", by=by)
    _on_change(publication)
    return publication


@transaction.atomic
def publication_add(
    *,
    title: str,
    kind: str,
    summary: str,
    body: str = "",
    published_on: date,
    themes=(),
    file=None,
    not_published_reason: str = "",
    by,
) -> Publication:
    """Add a publication and publish it at once, with its document (`file`, checked and stored privately like
    the editor's uploads, served by `publication_download` while published). Other apps (a finished case
    review) publish through this."""
    publication = publication_create(
        title=title,
        kind=kind,
        summary=summary,
        body=body,
        published_on=published_on,
        themes=themes,
        file=file,
        not_published_reason=not_published_reason,
        by=by,
    )
    return _publish(publication, by=by)


@transaction.atomic
def publication_update(
    *, publication: Publication, by, themes=None, expected_version: int | None = None, **fields
) -> Publication:
    """Change a publication; a new file replaces the old one. Editing resets its review date unless given.
    Refused (StaleEdit) when someone else saved it since `expected_version` was shown."""
    check_version(publication, expected_version)
    fields.setdefault("review_by", a_year_from_today())
    if fields.get("file") is False:  # "remove the file" ticked on the form
        fields["file"] = ""
    for name, value in fields.items():
        setattr(publication, name, value)
    publication.full_clean()
    publication.save()
    if themes is not None:
        publication.themes.set(themes)
    _index(publication)
    _on_change(publication)
    return publication


@transaction.atomic
def publication_publish(*, publication: Publication, by, version: int | None = None) -> Publication:
    """draft -> published, for a publication already written."""
    return _publish(publication, by=by, version=version)


@transaction.atomic
def publication_unpublish(*, publication: Publication, by, version: int | None = None) -> Publication:
    """published -> draft: taken off the site, kept for editing."""
    return _take_off(publication, by=by, version=version)


@transaction.atomic
def alert_create(*, message: str, level: str, starts_at=None, ends_at=None, by) -> Alert:
    alert = Alert(message=message, level=level, starts_at=starts_at or timezone.now(), ends_at=ends_at, created_by=by)
    alert.full_clean()
    alert.save()
    _on_change()
    return alert


@transaction.atomic
def alert_end(*, alert: Alert, by) -> Alert:
    """Stop showing an alert now."""
    now = timezone.now()
    if alert.ends_at and alert.ends_at <= now:
        raise Refusal("This alert has already ended")
    alert.ends_at = max(now, alert.starts_at + timezone.timedelta(seconds=1))
    alert.full_clean()
    alert.save()
    _on_change()
    return alert


def _reference() -> str:
    return "BSCP-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))


@transaction.atomic
def contact_message_receive(*, name: str, email: str, subject: str, message: str) -> ContactMessage:
    """Store a visitor's message with a reference number and email the partnership's business unit."""
    received = ContactMessage(name=name, email=email, subject=subject, message=message, reference=_reference())
    received.full_clean(exclude=["reference"])
    received.save()
    email_on_commit(
        to=[settings.PARTNERSHIP_EMAIL],
        subject=f"Website message {received.reference}: {subject}",
        template="content/email/contact_message_receive.txt",
        context={"received": received, "link": absolute_url(reverse("contact-messages"))},
    )
    return received


@transaction.atomic
def contact_message_handle(*, contact_message: ContactMessage, by) -> ContactMessage:
    if contact_message.handled_at:
        raise Refusal("This message has already been dealt with")
    contact_message.handled_at = timezone.now()
    contact_message.handled_by = by
    contact_message.save()
    return contact_message
