"""Safe editing: a published page or publication changes only when its draft is published; every version kept,
compared with the live one and restorable; taking an item off the site asks first; a stale tab is refused."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from content import revisions, services
from content.models import Page, Publication, Revision, Status
from tests.content.factories import PageFactory, PagePublishedFactory, PublicationPublishedFactory
from tests.forms import date_data
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def page_form(item, **changes):
    return {
        "title": item.title,
        "slug": item.slug,
        "position": "0",
        "summary": item.summary,
        "body": item.body,
        **date_data("review_by", "2027-01-01"),
        "version": str(Page.objects.get(pk=item.pk).version),
        **changes,
    }


def publication_form(item, **changes):
    return {
        "title": item.title,
        "kind": item.kind,
        **date_data("published_on", "2024-01-15"),
        "summary": item.summary,
        "body": item.body,
        **date_data("review_by", "2027-01-01"),
        "version": str(Publication.objects.get(pk=item.pk).version),
        **changes,
    }


def banners(response) -> str:
    """Every message shown (and the preview's own banner)."""
    return " ".join(banner.get_text(" ", strip=True) for banner in page(response).select(".govuk-notification-banner"))


def row(response, label: str):
    """The comparison's row for a field."""
    return next(
        tr for tr in page(response).select("main tbody tr") if tr.th.get_text(" ", strip=True).startswith(label)
    )


def version_of(item) -> int:
    return type(item).objects.get(pk=item.pk).version


def public_title(address: str) -> str:
    return text(Client().get(address), "h1")


@pytest.fixture
def live():
    return PagePublishedFactory(title="Early help", slug="early-help", body="Help comes early in Barnet.")


def test_editing_a_live_page_saves_a_draft_and_the_site_is_unchanged_until_published(manager, sign_in, live):
    client = sign_in(manager)
    response = client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help in Barnet"), follow=True)
    assert "saved as a draft" in banners(response)
    assert "Preview for editors" in text(response)
    assert text(response, "h1") == "Early help in Barnet"  # the preview shows the draft
    assert public_title("/early-help/") == "Early help"  # visitors still see the live page
    assert Page.objects.get(pk=live.pk).title == "Early help"
    draft = Revision.objects.get(page=live, state=Revision.State.DRAFT)
    assert (draft.created_by, draft.data["title"]) == (manager, "Early help in Barnet")
    before = Revision.objects.get(page=live, state=Revision.State.PUBLISHED)  # the page as it was, kept first
    assert before.data["title"] == "Early help"

    response = client.post(
        f"/editor/pages/{live.pk}/publish/", {"version": version_of(live), "revision": draft.pk}, follow=True
    )
    assert "visitors see them now" in banners(response)
    assert public_title("/early-help/") == "Early help in Barnet"
    assert Revision.objects.get(pk=draft.pk).state == Revision.State.PUBLISHED


def test_the_preview_is_for_editors_only_never_cached_nor_indexed(manager, agency_user, sign_in, live):
    client = sign_in(manager)
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help in Barnet"))
    response = client.get(f"/editor/pages/{live.pk}/")
    assert page(response).select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert sign_in(agency_user, Client()).get(f"/editor/pages/{live.pk}/").status_code == 403
    assert Client().get(f"/editor/pages/{live.pk}/").status_code == 302
    assert 'name="robots"' not in Client().get("/early-help/").content.decode()


def test_a_draft_scheduled_goes_live_at_its_time(manager, sign_in, live, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    client = sign_in(manager)
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help in Barnet"))
    draft = Revision.objects.get(page=live, state="draft")
    response = client.post(
        f"/editor/pages/{live.pk}/publish/",
        {"version": version_of(live), "revision": draft.pk, "publish_at": "2026-06-02T09:00"},
        follow=True,
    )
    assert "will be published at 2 June 2026 09:00" in banners(response), banners(response)
    assert revisions.revisions_publish_due() == 0
    assert public_title("/early-help/") == "Early help"
    time_machine.move_to(datetime.datetime(2026, 6, 2, 8, 1, tzinfo=datetime.UTC))
    assert revisions.revisions_publish_due() == 1
    assert public_title("/early-help/") == "Early help in Barnet"
    assert Revision.objects.get(pk=draft.pk).published_by == manager


def test_a_bad_publishing_time_is_refused_in_words_and_nothing_changes(manager, sign_in, live):
    client = sign_in(manager)
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help in Barnet"))
    draft = Revision.objects.get(page=live, state="draft")
    response = client.post(
        f"/editor/pages/{live.pk}/publish/",
        {"version": version_of(live), "revision": draft.pk, "publish_at": "2026-02-31T10:00"},
        follow=True,
    )
    assert "Publish at must be a real date and time" in banners(response)
    assert Revision.objects.get(pk=draft.pk).state == Revision.State.DRAFT
    assert public_title("/early-help/") == "Early help"


def test_the_comparison_shows_words_removed_and_added_escaped(manager, sign_in, live):
    client = sign_in(manager)
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, body=f"Help comes quickly in Barnet. {SCRIPT}"))
    draft = Revision.objects.get(page=live, state="draft")
    response = client.get(f"/editor/versions/{draft.pk}/")
    body = row(response, "Body")
    assert [d.get_text() for d in body.select("del")] == ["early"]
    assert [i.get_text() for i in body.select("ins")] == ["quickly", f" {SCRIPT}"]
    assert not page(response).select("main script")
    title = row(response, "Title")
    assert "No change" in title.get_text()


def test_restoring_an_earlier_version_makes_it_the_draft_after_a_confirmation(manager, sign_in, live):
    client = sign_in(manager)
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help in Barnet"))
    first = Revision.objects.get(page=live, state="draft")
    client.post(f"/editor/pages/{live.pk}/publish/", {"version": version_of(live), "revision": first.pk})
    client.post(f"/editor/pages/{live.pk}/edit/", page_form(live, title="Early help for families"))
    client.post(
        f"/editor/pages/{live.pk}/publish/",
        {"version": version_of(live), "revision": Revision.objects.get(state="draft").pk},
    )
    assert public_title("/early-help/") == "Early help for families"

    confirm = client.get(f"/editor/versions/{first.pk}/restore/")
    assert "The site does not change" in text(confirm)
    response = client.post(f"/editor/versions/{first.pk}/restore/", {"version": version_of(live)}, follow=True)
    assert "is now the draft" in banners(response)
    assert public_title("/early-help/") == "Early help for families"
    restored = Revision.objects.get(page=live, state=Revision.State.DRAFT)
    assert restored.data["title"] == "Early help in Barnet" and restored.note.startswith("Restored from")
    rows = page(client.get(f"/editor/pages/{live.pk}/versions/")).select("main tbody tr")
    assert len(rows) == 4  # the page as it was, two published drafts, the restored draft


def test_restoring_a_version_of_a_draft_page_saves_it(manager, sign_in):
    draft = PageFactory(title="Early help", slug="early-help")
    client = sign_in(manager)
    client.post(f"/editor/pages/{draft.pk}/edit/", page_form(draft, title="Early help in Barnet"))
    client.post(f"/editor/pages/{draft.pk}/edit/", page_form(draft, title="Early help now"))
    first = Revision.objects.get(page=draft, data__title="Early help in Barnet")
    assert "saved as the page now" in text(client.get(f"/editor/versions/{first.pk}/restore/"))
    client.post(f"/editor/versions/{first.pk}/restore/", {"version": version_of(draft)})
    assert Page.objects.get(pk=draft.pk).title == "Early help in Barnet"


def test_taking_a_page_off_asks_first_and_says_what_happens(manager, sign_in, live):
    PagePublishedFactory(parent=live, slug="child")
    client = sign_in(manager)
    confirm = client.get(f"/editor/pages/{live.pk}/unpublish/")
    assert "Take “Early help” off the site?" in text(confirm, "h1")
    assert "The 1 published page inside it stay on the site" in text(confirm)
    assert Page.objects.get(pk=live.pk).status == Status.PUBLISHED  # asking changed nothing
    response = client.post(f"/editor/pages/{live.pk}/unpublish/", {"version": version_of(live)}, follow=True)
    assert "taken off the site" in banners(response)
    assert Client().get("/early-help/").status_code == 404


def test_taking_a_publication_off_names_the_pages_that_link_to_it(manager, sign_in):
    publication = PublicationPublishedFactory(title="Annual report", slug="annual-report")
    PagePublishedFactory(title="About us", body="Read [the report](/publications/annual-report/).")
    confirm = sign_in(manager).get(f"/editor/publications/{publication.pk}/unpublish/")
    assert "will show a broken link: About us." in text(confirm)


def test_a_stale_tab_cannot_save_or_publish_over_a_newer_draft(manager, sign_in, live):
    first, second = sign_in(manager, Client()), sign_in(manager, Client())
    form = page_form(live)
    first.post(f"/editor/pages/{live.pk}/edit/", {**form, "title": "Early help in Barnet"})
    response = second.post(f"/editor/pages/{live.pk}/edit/", {**form, "title": "Mine"})
    assert any("Someone else saved this record" in message for message in error_summary(response))
    draft = Revision.objects.get(page=live, state=Revision.State.DRAFT)
    assert draft.data["title"] == "Early help in Barnet"
    response = second.post(
        f"/editor/pages/{live.pk}/publish/", {"version": form["version"], "revision": draft.pk}, follow=True
    )
    assert "Someone else saved this record" in banners(response)
    assert public_title("/early-help/") == "Early help"


def test_editing_a_live_publication_keeps_it_until_published(manager, sign_in):
    publication = PublicationPublishedFactory(title="Annual report 2024", slug="annual-report-2024")
    client = sign_in(manager)
    client.post(
        f"/editor/publications/{publication.pk}/edit/", publication_form(publication, title="Annual report 2024-25")
    )
    assert public_title("/publications/annual-report-2024/") == "Annual report 2024"
    preview = client.get(f"/editor/publications/{publication.pk}/")
    assert text(preview, "h1") == "Annual report 2024-25"
    draft = Revision.objects.get(publication=publication, state="draft")
    client.post(
        f"/editor/publications/{publication.pk}/publish/", {"version": version_of(publication), "revision": draft.pk}
    )
    assert public_title("/publications/annual-report-2024/") == "Annual report 2024-25"


def test_only_editors_see_versions(agency_user, sign_in, live, manager):
    revision = revisions.edit_save(live, by=manager, expected_version=live.version, title="New")
    staff = sign_in(agency_user)
    for address in (f"/editor/versions/{revision.pk}/", f"/editor/pages/{live.pk}/versions/"):
        assert staff.get(address).status_code == 403
    assert staff.post(f"/editor/versions/{revision.pk}/restore/", {"version": "1"}).status_code == 403


def test_a_service_edit_of_a_live_page_leaves_search_alone(manager, live):
    services.page_update(page=live, by=manager)  # indexed as it is
    revisions.edit_save(live, by=manager, expected_version=None, body="Nothing about zebras.")
    assert Page.objects.filter(search_vector="zebras").count() == 0


def test_a_file_uploaded_to_a_live_publication_waits_for_its_draft(manager, sign_in):
    publication = PublicationPublishedFactory(title="Annual report", slug="annual-report")
    client = sign_in(manager)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    client.post(f"/editor/publications/{publication.pk}/edit/", publication_form(publication, file=pdf))
    assert not Publication.objects.get(pk=publication.pk).file
    assert Client().get("/publications/annual-report/download/").status_code == 404
    draft = Revision.objects.get(publication=publication, state="draft")
    preview = client.get(f"/editor/publications/{publication.pk}/")
    assert "(PDF," in text(preview)
    client.post(
        f"/editor/publications/{publication.pk}/publish/", {"version": version_of(publication), "revision": draft.pk}
    )
    assert Client().get("/publications/annual-report/download/").status_code == 200


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"version": "x"},
        {"version": "1", "revision": "99999999999999"},
        {"version": "1", "revision": "\x00"},
        {"version": "1", "publish_at": "9999-12-31T23:59"},
    ],
)
def test_a_garbled_publish_is_refused_in_words(manager, sign_in, live, posted):
    revisions.edit_save(live, by=manager, expected_version=live.version, title="New")
    response = sign_in(manager).post(f"/editor/pages/{live.pk}/publish/", posted, follow=True)
    assert response.status_code == 200
    assert "There is a problem" in banners(response)
    assert public_title("/early-help/") == "Early help"
