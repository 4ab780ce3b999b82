"""Documents an agency attaches to its Form B (a post-mortem report, anything else the panel should read)."""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from cdop.models.form_b import FormBRequest
from partnership.files import DocumentValidator, private_storage, safe_download_name

# What an agency may attach: documents and scans or photographs of them.
ATTACHMENT_KINDS = ("pdf", "docx", "png", "jpg")


def attachment_path(instance, filename: str) -> str:
    """A folder of its own per upload, so the file keeps the name the agency gave it."""
    return f"cdop/form_b/{uuid.uuid4().hex}/{safe_download_name(filename)}"


@pghistory.track()
class FormBAttachment(models.Model):
    """One document attached to a Form B: kept in private storage and served only through a view that checks
    who asks (the coordinator, the agency's users, the link holder while the link works) and records it."""

    retention_from = "form_b__case__closed_on"

    class Kind(models.TextChoices):
        POST_MORTEM = "post_mortem", "Post-mortem report"
        OTHER = "other", "Other document"

    form_b = models.ForeignKey(FormBRequest, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("type of document", max_length=20, choices=Kind.choices)
    file = models.FileField(
        storage=private_storage,
        upload_to=attachment_path,
        max_length=300,
        validators=[DocumentValidator(ATTACHMENT_KINDS)],
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""
