import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client

from content import services
from content.models import ContactMessage
from tests.content.factories import (
    AlertFactory,
    PageFactory,
    PagePublishedFactory,
    PublicationFactory,
    PublicationPublishedFactory,
)
from tests.factories import ThemeFactory
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def test_a_live_page_shows_with_breadcrumbs_and_children(client):
    parent = PagePublishedFactory(slug="about", path="about", title="About")
    PagePublishedFactory(parent=parent, slug="vision", title="Our vision")
    PageFactory(parent=parent, slug="draft", title="Draft child")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "Our vision" in text(response)
    assert "Draft child" not in text(response)
    child = client.get("/about/vision/")
    assert [a.get_text() for a in page(child).select(".govuk-breadcrumbs a")] == ["Home", "About"]


@pytest.mark.parametrize("factory_kwargs", [{}, {"status": "published", "publish_at": "2099-01-01T00:00Z"}])
def test_drafts_and_scheduled_pages_are_not_shown_to_visitors(client, factory_kwargs):
    PageFactory(slug="hidden", **factory_kwargs)
    assert client.get("/hidden/").status_code == 404


def test_a_page_is_taken_down_at_its_unpublish_time(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC))
    PagePublishedFactory(slug="notice", unpublish_at=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC))
    assert client.get("/notice/").status_code == 200
    time_machine.move_to(datetime.datetime(2026, 1, 3, tzinfo=datetime.UTC))
    assert client.get("/notice/").status_code == 404


def test_page_text_is_sanitised_markdown(client):
    PagePublishedFactory(slug="x", body=f"## Heading\n\n{SCRIPT} [bad](javascript:alert(1))")
    response = client.get("/x/")
    body = page(response).select_one("main")
    assert body.select_one("h2.govuk-heading-m").get_text() == "Heading"
    assert not body.select("script")
    assert not body.select("a[href^=javascript]")
    assert "alert('x')" not in body.get_text()


def test_html_bodies_from_other_apps_are_kept_but_sanitised(client):
    PagePublishedFactory(
        slug="x", body='<h2 onclick="evil()">Learning</h2><p style="x">Be curious.</p><iframe></iframe>'
    )
    body = page(client.get("/x/")).select_one("main")
    heading = body.select_one("h2.govuk-heading-m")
    assert heading.get_text() == "Learning" and not heading.has_attr("onclick")
    assert not body.select("iframe, [style]")


def test_publications_filter_by_type_year_and_topic(client):
    neglect = ThemeFactory(name="Neglect", slug="neglect")
    PublicationPublishedFactory(title="Report 2023", kind="annual_report", published_on=datetime.date(2023, 9, 1))
    briefing = PublicationPublishedFactory(
        title="Briefing 2024", kind="seven_minute_briefing", published_on=datetime.date(2024, 2, 1)
    )
    briefing.themes.add(neglect)
    PublicationFactory(title="Draft report", kind="annual_report")
    titles = lambda response: [a.get_text() for a in page(response).select(".bscp-results h2 a")]  # noqa: E731
    assert titles(client.get("/publications/")) == ["Briefing 2024", "Report 2023"]
    assert titles(client.get("/publications/", {"type": "annual_report"})) == ["Report 2023"]
    assert titles(client.get("/publications/", {"year": "2024"})) == ["Briefing 2024"]
    assert titles(client.get("/publications/", {"topic": "neglect"})) == ["Briefing 2024"]
    nothing = client.get("/publications/", {"type": "leaflet"})
    assert "No publications match" in text(nothing)
    assert client.get("/publications/", {"type": "<script>", "year": "abcd", "page": "x" * 50}).status_code == 200


def test_a_publication_file_is_served_with_a_safe_name(client):
    publication = PublicationPublishedFactory(
        slug="annual-report", file=ContentFile(b"%PDF-1.4\n%x\n", name='Annual report; "final".pdf')
    )
    response = client.get(f"/publications/{publication.slug}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="annual-report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_publication_without_a_file_says_how_to_ask_for_it(client):
    PublicationPublishedFactory(slug="awaiting", body="")
    assert "not online yet" in text(client.get("/publications/awaiting/"))
    assert client.get("/publications/awaiting/download/").status_code == 404


def test_search_ranks_highlights_and_paginates(client, manager):
    for n in range(12):
        services.page_publish(
            page=services.page_create(title=f"Neglect {n}", slug=f"n{n}", summary="About neglect.", by=manager),
            by=manager,
        )
    response = client.get("/search/", {"q": "neglect"})
    assert "12 results" in text(response)
    assert len(page(response).select(".bscp-results > li")) == 10
    assert page(response).select_one(".bscp-results mark").get_text().lower() == "neglect"
    assert len(page(client.get("/search/", {"q": "neglect", "page": "2"})).select(".bscp-results > li")) == 2


def test_search_with_no_results_helps(client):
    response = client.get("/search/", {"q": "zebra crossing"})
    assert "No results for “zebra crossing”" in text(response)
    assert "check the spelling" in text(response)


def test_a_10000_character_search_gets_a_clear_message(client):
    response = client.get("/search/", {"q": "safeguarding " * 770})
    assert response.status_code == 200
    assert error_summary(response) == ["Search terms must be 200 characters or fewer"]
    assert page(response).title.get_text().startswith("Error:")


def test_search_terms_are_escaped(client):
    response = client.get("/search/", {"q": SCRIPT})
    assert SCRIPT not in response.content.decode()


def test_the_alert_banner_shows_between_its_start_and_end(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    AlertFactory(
        message=f"Office closed {SCRIPT}",
        starts_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
    )
    response = client.get("/")
    assert "Office closed" in text(response, ".govuk-notification-banner")
    assert SCRIPT not in response.content.decode()
    time_machine.move_to(datetime.datetime(2026, 3, 3, tzinfo=datetime.UTC))
    assert not page(client.get("/")).select(".govuk-notification-banner")


CONTACT = {"name": "A parent", "email": "parent@example.com", "subject": "Annual report", "message": "Where is it?"}


def test_the_contact_form_stores_the_message_emails_the_manager_and_confirms_with_a_reference(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", CONTACT, follow=True)
    received = ContactMessage.objects.get()
    assert received.reference in text(response, ".govuk-panel")
    assert mail.outbox[0].to == [settings.PARTNERSHIP_EMAIL]
    assert received.reference in mail.outbox[0].subject


def test_a_newline_in_the_subject_never_stops_the_message_reaching_the_partnership(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", {**CONTACT, "subject": "Annual\r\nreport\nBcc: everyone@example.com"})
    assert response.status_code == 302
    received = ContactMessage.objects.get()
    (alert,) = mail.outbox
    assert alert.to == [settings.PARTNERSHIP_EMAIL] and alert.bcc == []
    assert alert.subject == f"Website message {received.reference}: Annual report Bcc: everyone@example.com"
    assert f"{settings.SITE_URL}/editor/messages/" in alert.body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "Enter your name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format, like name@example.com"),
        ({"message": "x" * 5001}, "Your message must be 5,000 characters or fewer"),
        ({"subject": "x" * 151}, "Subject must be 150 characters or fewer"),
        ({"website": "http://spam.example"}, "This form could not be sent."),
    ],
)
def test_a_bad_contact_message_shows_the_error_summary_and_saves_nothing(client, change, message):
    response = client.post("/contact/", {**CONTACT, **change})
    assert message in error_summary(response)
    assert page(response).title.get_text().startswith("Error:")
    assert not ContactMessage.objects.exists()


def test_html_in_a_contact_message_is_never_rendered(client, manager, sign_in):
    client.post("/contact/", {**CONTACT, "subject": SCRIPT, "message": SCRIPT})
    response = sign_in(manager).get("/editor/messages/")
    assert SCRIPT not in response.content.decode()
    assert "alert(" in text(response)


def test_the_contact_form_is_rate_limited(client):
    for _ in range(5):
        assert Client().post("/contact/", CONTACT).status_code == 302
    response = Client().post("/contact/", CONTACT)
    assert response.status_code == 429
    assert any("several times" in message for message in error_summary(response))
    assert ContactMessage.objects.count() == 5


def test_correcting_mistakes_in_the_contact_form_never_counts_against_the_limit(client):
    for _ in range(10):
        assert error_summary(client.post("/contact/", {**CONTACT, "email": "not-an-email"})) == [
            "Enter an email address in the correct format, like name@example.com"
        ]
    assert client.post("/contact/", CONTACT).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_robots_and_sitemap(client):
    PagePublishedFactory(slug="about")
    PageFactory(slug="secret-draft")
    assert "Disallow: /staff/" in client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/about/" in sitemap
    assert "secret-draft" not in sitemap


@pytest.mark.parametrize("query", ["'", "\\", "a & b | !c", "(((", "the", "*:*", "<>"])
def test_odd_searches_are_handled(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_a_null_character_is_refused_cleanly(client):
    response = client.get("/search/", {"q": "abc\x00def"})
    assert error_summary(response) == ["Search terms contain a character that is not allowed"]
    assert client.get("/about%00/").status_code == 404
