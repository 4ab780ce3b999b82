from django.core.files.base import ContentFile

from content.models import Revision
from tests.content.factories import (
    AlertFactory,
    ContactMessageFactory,
    PageFactory,
    PagePublishedFactory,
    PublicationFactory,
    PublicationPublishedFactory,
)
from tests.security.access import ADMIN, MANAGER, NOT_ALLOWED, PEOPLE, REDIRECT, Row, public, staff_only

EDITOR_PAGES = [
    "editor-home",
    "page-create",
    "page-preview",
    "page-edit",
    "publication-create",
    "publication-preview",
    "publication-edit",
    "alert-create",
    "contact-messages",
    "page-unpublish",
    "publication-unpublish",
    "page-versions",
    "publication-versions",
    "content-version",
    "content-version-restore",
]
EDITOR_STEPS = [
    "page-publish",
    "publication-publish",
    "content-version-unschedule",
    "alert-end",
    "contact-message-handle",
]

ROWS = [
    public("privacy"),
    public("cookies"),
    public("contact", note="the form; a POST is rate-limited"),
    Row("contact-sent", dict.fromkeys(PEOPLE, REDIRECT), note="without a message just sent, back to the form"),
    public("search"),
    public("publications"),
    public("publication", note="live publications only; editors also see drafts"),
    public("publication-download", note="the file of a live publication, with a safe name"),
    public("page", note="live pages only; editors also see drafts"),
    public("robots-txt"),
    public("sitemap"),
    *[staff_only(name, allowed=[MANAGER, ADMIN]) for name in EDITOR_PAGES],
    *[
        staff_only(name, allowed=[MANAGER, ADMIN], allowed_status=NOT_ALLOWED, note="POST only")
        for name in EDITOR_STEPS
    ],
]


def world(people):
    page = PagePublishedFactory(slug="about")
    draft = PageFactory()
    publication = PublicationPublishedFactory(file=ContentFile(b"%PDF-1.4\n%test\n", name="report.pdf"))
    draft_publication = PublicationFactory()
    alert = AlertFactory()
    received = ContactMessageFactory()
    revision = Revision.objects.create(page=page, data={"title": "About"}, created_by=people[MANAGER])
    return {
        "page": {"path": page.path},
        "publication": {"slug": publication.slug},
        "publication-download": {"slug": publication.slug},
        "page-preview": {"pk": draft.pk},
        "page-edit": {"pk": draft.pk},
        "page-publish": {"pk": draft.pk},
        "page-unpublish": {"pk": page.pk},
        "publication-preview": {"pk": draft_publication.pk},
        "publication-edit": {"pk": draft_publication.pk},
        "publication-publish": {"pk": draft_publication.pk},
        "publication-unpublish": {"pk": publication.pk},
        "page-versions": {"pk": page.pk},
        "publication-versions": {"pk": publication.pk},
        "content-version": {"pk": revision.pk},
        "content-version-restore": {"pk": revision.pk},
        "content-version-unschedule": {"pk": revision.pk},
        "alert-end": {"pk": alert.pk},
        "contact-message-handle": {"pk": received.pk},
    }
