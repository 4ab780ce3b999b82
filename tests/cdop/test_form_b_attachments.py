"""Documents attached to a Form B: checked as every upload is (type by content, size), kept privately, served
only to the coordinator, the agency's users and the link holder while the link works, each download recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cdop import services_form_b
from cdop.models import FormBAttachment
from partnership.models import AccessEvent
from partnership.roles import Role
from tests.cdop.form_b_answers import complete, link
from tests.factories import UserFactory
from tests.html import error_summary, page

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def attach(client, form_b, name="post-mortem.pdf", content=PDF, kind="post_mortem", **extra):
    posted = {"attachment_kind": kind, "attachment": SimpleUploadedFile(name, content), "draft": "", **extra}
    return client.post(link(form_b), {**posted, "version": form_b.version})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_professional_attaches_a_post_mortem_report_and_downloads_it(client, form_b):
    assert attach(client, form_b).status_code == 302
    document = FormBAttachment.objects.get()
    assert document.kind == "post_mortem" and document.file_name == "post-mortem.pdf"
    html = page(client.get(link(form_b)))
    [anchor] = html.select("#documents a")
    assert anchor.get_text() == "post-mortem.pdf"
    download = client.get(anchor["href"])
    assert download.status_code == 200 and body(download) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    event = AccessEvent.objects.get(action="downloaded a document")
    assert event.user is None and event.path == anchor["href"]


def test_the_coordinator_and_the_agency_download_others_cannot(client, sign_in, form_b, coordinator, agency_user):
    attach(client, form_b, name="scan.png", content=PNG, kind="other")
    document = FormBAttachment.objects.get()
    url = f"/cdop/form-b/{form_b.pk}/documents/{document.pk}/"
    for person in (coordinator, agency_user):
        sign_in(person)
        assert body(client.get(url)) == PNG
    assert AccessEvent.objects.filter(action="downloaded a document", user=coordinator).exists()
    for role in (Role.CDOP_PANEL_MEMBER, Role.AGENCY_USER):
        sign_in(UserFactory(roles=[role]))
        assert client.get(url).status_code == 404


def test_the_coordinator_sees_the_documents_on_the_form_b_page(client, sign_in, form_b, coordinator):
    attach(client, form_b)
    sign_in(coordinator)
    html = page(client.get(f"/cdop/form-b/{form_b.pk}/"))
    assert [a.get_text() for a in html.select("#documents a")] == ["post-mortem.pdf"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 not a pdf", "not a real PDF"),
        ("report.pdf", PNG, "not a real PDF"),
        ("photo.png", PDF, "not a real PNG"),
        ("tool.exe", b"MZ\x90\x00", "must be a PDF"),
        ("notes.txt", b"plain words", "must be a PDF"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_forged_or_unwanted_files_are_refused_and_nothing_saved(client, form_b, name, content, message):
    response = attach(client, form_b, name=name, content=content, involvement="Kept?")
    assert response.status_code == 200 and message in " ".join(error_summary(response))
    assert not FormBAttachment.objects.exists()
    form_b.refresh_from_db()
    assert form_b.involvement == "" and form_b.stage == "sent"


def test_an_oversized_file_is_refused(client, form_b, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = attach(client, form_b, content=PDF + b"0" * 2048)
    assert "must be smaller than" in " ".join(error_summary(response))
    assert not FormBAttachment.objects.exists()


def test_a_file_needs_its_type(client, form_b):
    response = attach(client, form_b, kind="")
    assert "Choose the type of document you are attaching" in error_summary(response)


def test_a_document_is_removed_while_the_form_is_open_and_its_link_stops(client, form_b):
    attach(client, form_b)
    document = FormBAttachment.objects.get()
    download = f"{link(form_b)}documents/{document.pk}/"
    form_b.refresh_from_db()
    response = client.post(link(form_b), {"remove_attachments": [document.pk], "draft": "", "version": form_b.version})
    assert response.status_code == 302 and not FormBAttachment.objects.exists()
    assert client.get(download).status_code == 404


def test_after_submitting_the_documents_cannot_change_nor_be_fetched_by_link(client, form_b):
    attach(client, form_b)
    form_b.refresh_from_db()
    document = FormBAttachment.objects.get()
    download = f"{link(form_b)}documents/{document.pk}/"
    client.post(link(form_b), {**complete(), "submit": "", "version": form_b.version})
    assert client.get(download).status_code == 400
    assert client.post(link(form_b), {"remove_attachments": [document.pk], "draft": ""}).status_code == 400
    assert FormBAttachment.objects.count() == 1


def test_a_document_of_another_request_is_not_served_through_this_link(client, form_b, coordinator, agency):
    other = services_form_b.form_b_send(
        case=form_b.case, organisation=agency, professional_name="Sam", professional_email="s@a.example", by=coordinator
    )
    attach(client, other)
    document = FormBAttachment.objects.get()
    assert client.get(f"{link(form_b)}documents/{document.pk}/").status_code == 404
