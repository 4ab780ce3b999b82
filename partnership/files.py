"""Private files: checked on the way in (type by content, size), stored privately, served only through views
that check access and record the download.

Use `validate_document` as a model or form field validator, store with `storage=private_storage`, and serve
with `private_file_response` from a view that has already checked the person may see the record.
"""

import mimetypes
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.text import get_valid_filename

from partnership.services import access_record_for


class PrivateStorage(LazyObject):
    """The `private` storage of `STORAGES` (a folder, or an S3-compatible bucket), looked up at first use and
    again whenever `STORAGES` changes, as Django does for `default_storage`."""

    def _setup(self):
        self._wrapped = storages["private"]


private = PrivateStorage()


@receiver(setting_changed)
def _forget_the_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


def private_storage():
    """For FileField(storage=private_storage): files kept outside every public URL; a callable keeps the
    storage's backend and location out of migrations."""
    return private


# What each kind of document really is, judged from its first bytes (and, for Office files, the zip inside).
KINDS = {
    "pdf": "PDF",
    "docx": "Word document (.docx)",
    "xlsx": "Excel spreadsheet (.xlsx)",
    "pptx": "PowerPoint presentation (.pptx)",
    "odt": "OpenDocument text (.odt)",
    "png": "PNG image",
    "jpg": "JPEG image",
    "csv": "CSV file",
    "txt": "text file",
}
EXTENSION_KIND = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "png": "png",
                  "jpg": "jpg", "jpeg": "jpg", "csv": "csv", "txt": "txt"}  # fmt: skip
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def sniff(file) -> str | None:
    """The kind of document the bytes show, or None when they are none of the kinds we accept."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(file)
    sample = file.read(64 * 1024)
    file.seek(0)
    if b"\x00" in sample:
        return None
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


def _sniff_zip(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype") == b"application/vnd.oasis.opendocument.text":
                return "odt"
    except zipfile.BadZipFile:
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" in names:
        for kind, folder in OFFICE_FOLDERS.items():
            if any(name.startswith(folder) for name in names):
                return kind
    return None


@deconstructible
class DocumentValidator:
    """Accept a file only when its name, its content and its size all agree with the kinds allowed."""

    def __init__(self, kinds=("pdf", "docx")):
        self.kinds = tuple(kinds)

    def __call__(self, file):
        allowed = ", ".join(KINDS[kind] for kind in self.kinds)
        if file.size > settings.UPLOAD_MAX_BYTES:
            limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
            raise ValidationError(f"The selected file must be smaller than {limit}", code="file_too_large")
        if file.size == 0:
            raise ValidationError("The selected file is empty", code="file_empty")
        claimed = EXTENSION_KIND.get(PurePath(file.name).suffix.lower().lstrip("."))
        if claimed not in self.kinds:
            raise ValidationError(f"The selected file must be a {allowed}", code="file_type")
        actual = sniff(file)
        if actual != claimed and not (actual == "text" and claimed in ("csv", "txt")):
            raise ValidationError(
                f"The selected file is not a real {KINDS[claimed]}: its contents do not match its name. "
                f"Upload a {allowed}",
                code="file_content",
            )

    def __eq__(self, other):
        return isinstance(other, DocumentValidator) and self.kinds == other.kinds


validate_document = DocumentValidator()


def safe_download_name(name: str) -> str:
    """A filename safe to offer in Content-Disposition: no path, no odd characters."""
    return get_valid_filename(PurePath(name).name) or "document"


def private_file_response(request, file_field, *, subject, download_name: str | None = None) -> FileResponse:
    """Serve a private file to someone already allowed to see `subject`, recording the download."""
    access_record_for(request, subject=subject, action="downloaded a document")
    name = safe_download_name(download_name or file_field.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
