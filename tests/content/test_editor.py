import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from content.models import Alert, Page, Publication, Status
from partnership.selectors import my_work_panels
from tests.content.factories import PageFactory, PagePublishedFactory, PublicationFactory
from tests.forms import date_data
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
PAGE = {
    "title": "Early help",
    "slug": "early-help",
    "position": "0",
    "summary": "Help early.",
    "body": "## Why",
    **date_data("review_by", "2027-01-01"),
}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def publication_data(**changes):
    return {
        "title": "Annual Report 2024-25",
        "kind": "annual_report",
        **date_data("published_on", "2025-09-01"),
        "summary": "Our year.",
        "body": "",
        **date_data("review_by", "2026-09-01"),
        **changes,
    }


def test_a_manager_adds_a_page_previews_it_and_publishes_it(manager, sign_in):
    client = sign_in(manager)
    response = client.post("/editor/pages/new/", PAGE, follow=True)
    created = Page.objects.get(slug="early-help")
    assert created.status == Status.DRAFT
    assert "saved as a draft" in text(response, ".govuk-notification-banner")
    assert "Preview" in text(response)
    assert Client().get("/early-help/").status_code == 404
    client.post(f"/editor/pages/{created.pk}/publish/", {"version": Page.objects.get(pk=created.pk).version})
    assert Client().get("/early-help/").status_code == 200
    assert list(created.events.order_by("pgh_id").values_list("pgh_label", flat=True)) == ["insert", "update"]


def test_a_new_page_is_due_for_review_in_a_year_by_default(manager, sign_in, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC))
    response = sign_in(manager).get("/editor/pages/new/")
    form = page(response)
    assert [form.select_one(f"input[name=review_by_{part}]")["value"] for part in range(3)] == ["1", "5", "2027"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Enter the title"),
        ({"title": "x" * 201}, "Title must be 200 characters or fewer"),
        ({"summary": "x" * 601}, "Summary must be 600 characters or fewer"),
        ({"body": "x" * 3_000_000}, "Body must be 200,000 characters or fewer"),
        ({"review_by_2": "1" * 20}, "Review by must include a year with 4 numbers"),
        ({"review_by_0": "31", "review_by_1": "2"}, "Review by must be a real date"),
        ({"review_by_2": "1066"}, "Review by must be the same as or after 1 January 1900"),
        ({"slug": "search"}, "This address is used by the site itself: choose another"),
        ({"slug": "<b>bad</b>"}, "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
        (
            {"publish_at": "2026-05-02T10:00", "unpublish_at": "2026-05-01T10:00"},
            "The take-down time must be after the publish time",
        ),
    ],
)
def test_a_bad_page_is_refused_with_a_message_and_nothing_saved(manager, sign_in, change, message):
    response = sign_in(manager).post("/editor/pages/new/", {**PAGE, **change})
    assert message in error_summary(response)
    assert not Page.objects.exists()


def test_html_typed_into_a_page_is_never_rendered(manager, sign_in):
    client = sign_in(manager)
    client.post("/editor/pages/new/", {**PAGE, "title": SCRIPT, "summary": SCRIPT, "body": SCRIPT})
    created = Page.objects.get()
    for url in (f"/editor/pages/{created.pk}/", "/editor/"):
        assert SCRIPT not in client.get(url).content.decode()


def test_a_manager_uploads_a_pdf_and_a_docx(manager, sign_in):
    client = sign_in(manager)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    client.post("/editor/publications/new/", publication_data(file=pdf))
    docx = SimpleUploadedFile("plan.docx", docx_bytes())
    client.post("/editor/publications/new/", publication_data(title="Business plan", file=docx))
    assert sorted(p.file_extension for p in Publication.objects.all()) == ["DOCX", "PDF"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("report.exe", b"MZ\x90\x00"), "The selected file must be a PDF, Word document (.docx)"),
        (
            SimpleUploadedFile("report.pdf", b"just some text pretending"),
            "The selected file is not a real PDF: its contents do not match its name. "
            "Upload a PDF, Word document (.docx)",
        ),
        (SimpleUploadedFile("report.pdf", b""), "The submitted file is empty."),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_saved(manager, sign_in, upload, message):
    response = sign_in(manager).post("/editor/publications/new/", publication_data(file=upload))
    assert message in error_summary(response)
    assert not Publication.objects.exists()


def test_an_oversized_upload_is_refused(manager, sign_in, settings):
    settings.UPLOAD_MAX_BYTES = 10
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%xxxxxxxxxx\n")
    response = sign_in(manager).post("/editor/publications/new/", publication_data(file=upload))
    assert any(message.startswith("The selected file must be smaller than") for message in error_summary(response))
    assert not Publication.objects.exists()


def test_scheduled_publishing_needs_no_job(manager, sign_in, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    client = sign_in(manager)
    client.post("/editor/publications/new/", publication_data(publish_at="2026-06-02T09:00"))
    publication = Publication.objects.get()
    client.post(f"/editor/publications/{publication.pk}/publish/", {"version": publication.version})
    assert Client().get(f"/publications/{publication.slug}/").status_code == 404
    time_machine.move_to(datetime.datetime(2026, 6, 2, 10, tzinfo=datetime.UTC))
    assert Client().get(f"/publications/{publication.slug}/").status_code == 200


def test_publishing_twice_is_refused_in_words_without_brackets(manager, sign_in):
    published = PagePublishedFactory()
    response = sign_in(manager).post(
        f"/editor/pages/{published.pk}/publish/", {"version": published.version}, follow=True
    )
    shown = text(response, ".govuk-error-summary, .govuk-notification-banner")
    assert "You cannot publish the page now: the page is at the stage “Published”." in shown
    assert not {"[", "]", "'"} & set(shown)


def test_the_preview_shows_the_stage_history(manager, sign_in):
    client = sign_in(manager)
    client.post("/editor/pages/new/", PAGE)
    created = Page.objects.get()
    client.post(f"/editor/pages/{created.pk}/publish/", {"version": Page.objects.get(pk=created.pk).version})
    history = page(client.get(f"/editor/pages/{created.pk}/")).select("#stage-history ~ div table tbody tr")
    steps = [[cell.get_text(strip=True) for cell in row.select("td")][1:4] for row in history]
    assert steps == [["Added as a draft", "Draft", str(manager)], ["Published", "Published", str(manager)]]


def test_an_alert_is_added_and_ended(manager, sign_in):
    client = sign_in(manager)
    client.post(
        "/editor/alerts/new/", {"message": "Office closed", "level": "important", "starts_at": "2020-01-01T09:00"}
    )
    alert = Alert.objects.get()
    assert "Office closed" in text(Client().get("/"), ".govuk-notification-banner")
    client.post(f"/editor/alerts/{alert.pk}/end/")
    assert not page(Client().get("/")).select(".govuk-notification-banner")


def test_pages_due_for_review_are_on_the_staff_home(manager, sign_in, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    PageFactory(title="Old page", review_by=datetime.date(2026, 5, 1))
    PageFactory(title="Fresh page", review_by=datetime.date(2027, 5, 1))
    PublicationFactory(title="Old leaflet", review_by=datetime.date(2026, 1, 1))
    response = sign_in(manager).get("/staff/")
    panel = text(response)
    assert "Old page" in panel and "Old leaflet" in panel
    assert "Fresh page" not in panel


def test_only_editors_get_the_website_panel(agency_user):
    assert not [panel for panel in my_work_panels(agency_user) if panel["title"] == "Website"]


def test_a_manager_marks_a_message_dealt_with(manager, sign_in, client):
    client.post("/contact/", {"name": "A", "email": "a@example.com", "subject": "S", "message": "M"})
    staff = sign_in(manager, Client())
    received = staff.get("/editor/messages/")
    reference = page(received).select_one(".govuk-summary-card__title").get_text()
    pk = page(received).select_one("form[action*=handled]")["action"].split("/")[-3]
    response = staff.post(f"/editor/messages/{pk}/handled/", follow=True)
    assert "marked as dealt with" in text(response, ".govuk-notification-banner")
    assert reference.split(":")[0] in text(response)


def test_the_second_of_two_editors_saving_a_page_is_refused(manager, sign_in):
    draft = PageFactory(slug="early-help", title="Early help")
    first, second = sign_in(manager, Client()), sign_in(manager, Client())
    version = page(first.get(f"/editor/pages/{draft.pk}/edit/")).select_one("input[name=version]")["value"]
    first.post(f"/editor/pages/{draft.pk}/edit/", {**PAGE, "title": "Early help in Barnet", "version": version})
    response = second.post(f"/editor/pages/{draft.pk}/edit/", {**PAGE, "title": "Mine", "version": version})
    assert any("Someone else saved this record" in message for message in error_summary(response))
    assert Page.objects.get().title == "Early help in Barnet"


def test_every_edit_is_in_the_history_with_who_made_it(manager, sign_in):
    client = sign_in(manager)
    client.post("/editor/pages/new/", PAGE)
    created = Page.objects.get()
    client.post(f"/editor/pages/{created.pk}/edit/", {**PAGE, "title": "Early help in Barnet", "version": "1"})
    client.post(f"/editor/pages/{created.pk}/publish/", {"version": Page.objects.get(pk=created.pk).version})
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td")[1:]]
        for row in page(client.get(f"/editor/pages/{created.pk}/")).select("main table")[0].select("tbody tr")
    ]
    who = str(manager)
    assert rows == [[who, "Published"], [who, "Changed title"], [who, "Created"]]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999-01-01T00:00", "Publish from must be a real date and time"),
        ("2026-02-31T10:00", "Publish from must be a real date and time"),
        ("\x00", "Publish from must be a real date and time"),
        ("0001-01-01T00:00", "Publish from must be the same as or after 1 January 1900"),
        ("9999-12-31T23:59", "Publish from must be the same as or before 1 May 2036"),
    ],
)
def test_a_publishing_time_out_of_range_is_refused(manager, sign_in, time_machine, value, message):
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC))
    response = sign_in(manager).post("/editor/pages/new/", {**PAGE, "publish_at": value})
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not Page.objects.exists()
