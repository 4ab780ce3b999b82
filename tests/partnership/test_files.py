import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partnership.files import DocumentValidator, safe_download_name


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"


@pytest.mark.parametrize(("name", "content"), [("report.pdf", PDF), ("Report.PDF", PDF), ("form.docx", docx_bytes())])
def test_real_documents_are_accepted(name, content):
    DocumentValidator(["pdf", "docx"])(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "must be a PDF"),
        ("renamed.pdf", b"MZ\x90\x00binary", "not a real PDF"),
        ("renamed.pdf", b"<html><script>alert(1)</script></html>", "not a real PDF"),
        ("renamed.docx", PDF, "not a real Word document"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_wrong_or_disguised_files_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        DocumentValidator(["pdf", "docx"])(SimpleUploadedFile(name, content))
    assert message in error.value.messages[0]


def test_files_over_the_limit_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        DocumentValidator(["pdf"])(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert error.value.messages == ["The selected file must be smaller than 1.0\xa0KB"]


def test_download_names_lose_paths_and_odd_characters():
    assert safe_download_name("../../etc/pass wd.pdf") == "pass_wd.pdf"
    assert safe_download_name('x"; filename=evil.exe') == "x_filenameevil.exe"
