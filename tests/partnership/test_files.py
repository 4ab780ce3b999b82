import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.files import DocumentValidator, safe_download_name
from partnership.middleware import REQUEST_BODY_MARGIN
from tests.boards.factories import MeetingPastFactory
from tests.html import text


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


def too_long(settings) -> str:
    return str(settings.UPLOAD_MAX_BYTES + REQUEST_BODY_MARGIN + 1)


@pytest.mark.django_db
def test_a_request_longer_than_the_upload_limit_is_refused_before_its_body_is_read(client, manager, sign_in, settings):
    from boards.models import Paper

    meeting = MeetingPastFactory()
    sign_in(manager)
    paper = SimpleUploadedFile("findings.pdf", PDF, content_type="application/pdf")
    # The test client's body is short: reading as far as the claimed length would fail the test.
    response = client.post(
        reverse("boards-meeting-manage", args=[meeting.pk]),
        {"action": "paper", "paper-title": "Findings", "paper-file": paper},
        CONTENT_LENGTH=too_long(settings),
    )
    assert response.status_code == 413
    assert text(response, "h1") == "The file is too big"
    assert "Files must be smaller than 20.0 MB" in text(response)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert not Paper.objects.exists()


@pytest.mark.django_db
def test_public_forms_refuse_an_oversized_body_too(client, settings):
    response = client.post("/cdop/notify/child/", {"first_name": "A"}, CONTENT_LENGTH=too_long(settings))
    assert response.status_code == 413 and text(response, "h1") == "The file is too big"
    assert "cdop_notification" not in client.session
