"""The public website: pages in a tree, publications, the site-wide alert banner and messages from visitors.

Editorial stage machines (`PAGE_STAGES`, `PUBLICATION_STAGES`, on `status`):
    (new) -> draft          `page_create` / `publication_create`
    draft -> published      `page_publish` / `publication_publish` (stamps published_at/by)
    published -> draft      `page_unpublish` / `publication_unpublish` (taken off the site, kept)
A published item is live only between `publish_at` (scheduled publish; empty means at once) and
`unpublish_at` (scheduled unpublish; empty means never), so scheduling needs no background job.
Two editors saving the same item: the second save is refused (`Versioned`).
Every item carries a `review_by` date (a year after it was created or last edited, by default); the staff
home lists what is due for review.
"""

from datetime import timedelta

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from content.models_search import SearchEntry, SearchWord  # noqa: F401 (Django finds the app's models here)
from content.permissions import EDIT_CONTENT
from partnership.files import DocumentValidator, private_storage
from partnership.locking import Versioned
from partnership.workflow import Machine, Move

# Top-level page slugs that would hide the site's own URLs.
RESERVED_SLUGS = {
    "accessibility",
    "admin",
    "accounts",
    "audits",
    "boards",
    "cdop",
    "contact",
    "cookies",
    "editor",
    "healthz",
    "privacy",
    "publications",
    "readyz",
    "reviews",
    "robots.txt",
    "search",
    "sitemap.xml",
    "staff",
    "static",
}


def a_year_from_today():
    return timezone.localdate() + timedelta(days=365)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class EditorialQuerySet(models.QuerySet):
    def live(self, now=None):
        """What visitors may see now: published, after its scheduled start, before its scheduled end."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Status.PUBLISHED,
        )

    def due_for_review(self, today=None):
        return self.filter(review_by__lte=today or timezone.localdate()).order_by("review_by", "pk")


class Editorial(Versioned):
    """What pages and publications share: a stage, a schedule, a review date and a search index."""

    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=600, help_text="One or two sentences, shown in lists and search results.")
    body = models.TextField(blank=True, help_text="Markdown: headings (##), lists (*), links [text](address).")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    publish_at = models.DateTimeField(
        "publish from", null=True, blank=True, help_text="Leave empty to publish at once."
    )
    unpublish_at = models.DateTimeField(
        "take down at", null=True, blank=True, help_text="Leave empty to keep it on the site."
    )
    review_by = models.DateField(default=a_year_from_today, help_text="When an editor should check it is still right.")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    lexicon_words = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        editable=False,
        help_text="The words it gives the search lexicon now (none unless published): `search_index.lexicon_follow`.",
    )

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": "The take-down time must be after the publish time"})

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def state_label(self) -> str:
        if self.status == Status.DRAFT:
            return "Draft"
        now = timezone.now()
        if self.publish_at and self.publish_at > now:
            return "Scheduled"
        if self.unpublish_at and self.unpublish_at <= now:
            return "Taken down"
        return "Published"


@pghistory.track(exclude=["search_vector", "lexicon_words"])
class Page(Editorial):
    """A page of the public site. Pages form a tree (`parent`); `path` is the page's address, kept by the
    services from the slugs of its ancestors."""

    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    slug = models.SlugField(max_length=80)
    path = models.CharField(max_length=400, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order among its sister pages.")

    class Meta:
        ordering = ["position", "title"]
        permissions = [("edit_content", "Can edit the public website")]
        constraints = [models.UniqueConstraint(fields=["parent", "slug"], name="page_slug_unique_in_parent")]
        indexes = [
            GinIndex(fields=["search_vector"], name="page_search"),
            models.Index(fields=["parent", "position", "title"], name="page_children_in_order"),
            models.Index(fields=["review_by", "id"], name="page_review_by"),
        ]

    def get_absolute_url(self):
        return reverse("page", args=[self.path])

    def clean(self):
        super().clean()
        if self.parent_id is None and self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "This address is used by the site itself: choose another"})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A page cannot be inside itself"})
            ancestor = ancestor.parent


@pghistory.track(exclude=["search_vector", "lexicon_words"])
class Publication(Editorial):
    """A document the partnership publishes: accessible HTML first (`body`), the PDF or Word file beside it."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", "Annual report"
        INDEPENDENT_SCRUTINY = "independent_scrutiny", "Independent scrutiny"
        BUSINESS_PLAN = "business_plan", "Business plan"
        MULTI_AGENCY_ARRANGEMENTS = "multi_agency_arrangements", "Multi-agency arrangements"
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
        CASE_REVIEW_REPORT = "case_review_report", "Case review report"
        SEVEN_MINUTE_BRIEFING = "seven_minute_briefing", "7-minute briefing"
        POLICY_OR_PROTOCOL = "policy_or_protocol", "Policy or protocol"
        LEAFLET = "leaflet", "Leaflet"
        AUDIT_TOOL = "audit_tool", "Audit tool"
        GUIDANCE = "guidance", "Guidance"

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField("type", max_length=40, choices=Kind.choices)
    published_on = models.DateField("date", help_text="The date the document carries.")
    themes = models.ManyToManyField("partnership.Theme", blank=True, related_name="publications", verbose_name="topics")
    file = models.FileField(
        upload_to="publications/%Y/",
        storage=private_storage,
        validators=[DocumentValidator(["pdf", "docx"])],
        blank=True,
        help_text="A PDF or Word (.docx) file, up to 20 MB.",
    )
    not_published_reason = models.TextField(
        "not published: reason",
        blank=True,
        help_text="For a document the partnership decided not to publish (to protect a family, for example): "
        "why. The public page says so in these words and never offers the document or a copy.",
    )

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="publication_search"),
            models.Index(fields=["-published_on", "title", "id"], name="publication_newest"),
            models.Index(fields=["review_by", "id"], name="publication_review_by"),
        ]

    def get_absolute_url(self):
        return reverse("publication", args=[self.slug])

    def clean(self):
        super().clean()
        if self.not_published_reason.strip() and self.file:
            raise ValidationError(
                {"file": "Remove the file: the document is recorded as not published, so it is not put online"}
            )

    @property
    def is_withheld(self) -> bool:
        """The partnership chose not to publish the document itself: only this record (and its reason) is public."""
        return bool(self.not_published_reason.strip())

    @property
    def file_extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""


def _editorial_machine(model: str, noun: str) -> Machine:
    """Pages and publications move alike: added as a draft, published, taken off the site (kept as a draft)."""
    return Machine(
        model,
        Status,
        noun=f"the {noun}",
        field="status",
        clean_exclude=("path", "search_vector"),
        moves=[
            Move("add", f"add a {noun}", (), Status.DRAFT, EDIT_CONTENT, done="Added as a draft"),
            Move("publish", f"publish the {noun}", (Status.DRAFT,), Status.PUBLISHED, EDIT_CONTENT, done="Published"),
            Move(
                "take_off", f"take the {noun} off the site", (Status.PUBLISHED,), Status.DRAFT, EDIT_CONTENT,
                done="Taken off the site (kept as a draft)",
            ),
        ],
    )  # fmt: skip


PAGE_STAGES = _editorial_machine("content.Page", "page")
PUBLICATION_STAGES = _editorial_machine("content.Publication", "publication")


@pghistory.track()
class Alert(models.Model):
    """A site-wide notice shown on every page between `starts_at` and `ends_at`."""

    class Level(models.TextChoices):
        INFORMATION = "information", "Information"
        IMPORTANT = "important", "Important"
        URGENT = "urgent", "Urgent"

    message = models.CharField(max_length=300)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INFORMATION)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Leave empty to show it until it is ended.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty for alerts added before the creator was recorded: such an alert can still be ended.",
    )  # fmt: skip

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return self.message

    def clean(self):
        if self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start"})


@pghistory.track()
class ContactMessage(models.Model):
    """A message a visitor sent through the contact form, kept for the partnership manager."""

    retention_from = "received_at"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    subject = models.CharField(max_length=150)
    message = models.TextField(max_length=5000)
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        permissions = [("read_contact_messages", "Can read messages sent through the contact form")]
        indexes = [models.Index(fields=["-received_at", "-id"], name="contact_message_newest")]

    def __str__(self):
        return f"{self.reference}: {self.subject}"


@pghistory.track()
class Revision(models.Model):
    """One saved version of a page's or publication's editable fields (`data`), with who saved it and when.

    Editing a published item saves a draft revision and leaves the item (what visitors see) alone until an editor
    publishes the revision (`content.revisions`). Editing a draft item saves onto the item at once and keeps the
    revision as a record. Nothing is ever deleted: every revision stays for comparison and "Restore"."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft, not published yet"
        REPLACED = "replaced", "Replaced by a later draft"
        APPLIED = "applied", "Saved to the draft"
        PUBLISHED = "published", "Published"

    page = models.ForeignKey(Page, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions")
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    data = models.JSONField(encoder=DjangoJSONEncoder)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    note = models.CharField(max_length=200, blank=True)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When a scheduled draft goes live; empty when published at once."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, publication__isnull=True)
                | Q(page__isnull=True, publication__isnull=False),
                name="revision_of_one_item",
            ),
            models.UniqueConstraint(fields=["page"], condition=Q(state="draft"), name="revision_one_draft_per_page"),
            models.UniqueConstraint(
                fields=["publication"], condition=Q(state="draft"), name="revision_one_draft_per_publication"
            ),
        ]
        indexes = [
            models.Index(fields=["page", "-created_at"], name="revision_page_newest"),
            models.Index(fields=["publication", "-created_at"], name="revision_publication_newest"),
            models.Index(fields=["publish_at"], condition=Q(state="draft"), name="revision_scheduled"),
        ]

    def __str__(self):
        return f"{self.item} ({self.created_at:%d %b %Y %H:%M})"

    @property
    def item(self):
        return self.page or self.publication
