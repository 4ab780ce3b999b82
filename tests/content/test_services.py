import datetime

import pytest
from django.core.exceptions import ValidationError

from content import services
from content.models import Page, Publication, Status
from partnership.errors import Refusal
from partnership.selectors import stage_changes
from tests.content.factories import PageFactory, PagePublishedFactory, PublicationPublishedFactory
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_publication_add_creates_a_live_publication_with_themes(manager):
    theme = ThemeFactory(name="Neglect")
    publication = services.publication_add(
        title="Child Z: learning review",
        kind=Publication.Kind.CASE_REVIEW_REPORT,
        summary="What we learned.",
        body="## Learning\n\nBe curious.",
        published_on=datetime.date(2024, 3, 1),
        themes=[theme],
        by=manager,
    )
    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED
    assert publication.published_by == manager
    assert publication.is_live()
    assert list(publication.themes.all()) == [theme]
    assert publication.slug == "child-z-learning-review"
    assert not publication.file
    assert Publication.objects.live().filter(search_vector="curious").exists()
    assert list(stage_changes(publication).values_list("move", "to_stage", "by")) == [
        ("add", Status.DRAFT, manager.pk),
        ("publish", Status.PUBLISHED, manager.pk),
    ]


def test_publication_add_refuses_an_empty_title_and_saves_nothing(manager):
    with pytest.raises(ValidationError):
        services.publication_add(
            title="", kind="case_review_report", summary="x", published_on=datetime.date(2024, 1, 1), by=manager
        )
    assert not Publication.objects.exists()


def test_page_create_keeps_the_path_of_its_children_in_step(manager):
    parent = services.page_create(title="About", slug="about", summary="About us", by=manager)
    child = services.page_create(title="Vision", slug="vision", summary="Our vision", parent=parent, by=manager)
    assert child.path == "about/vision"
    services.page_update(page=parent, slug="about-us", by=manager)
    child.refresh_from_db()
    assert child.path == "about-us/vision"


def test_a_reserved_top_level_slug_is_refused(manager):
    with pytest.raises(ValidationError):
        services.page_create(title="Search", slug="search", summary="x", by=manager)
    assert not Page.objects.exists()


@pytest.mark.parametrize(
    ("factory", "move", "allowed"),
    [
        (PageFactory, services.page_publish, True),
        (PagePublishedFactory, services.page_publish, False),
        (PagePublishedFactory, services.page_unpublish, True),
        (PageFactory, services.page_unpublish, False),
    ],
)
def test_page_stage_moves(manager, factory, move, allowed):
    page = factory()
    before = page.status
    if allowed:
        move(page=page, by=manager)
        assert Page.objects.get(pk=page.pk).status != before
    else:
        with pytest.raises(Refusal, match=f"now: the page is at the stage “{before.label}”"):
            move(page=page, by=manager)
        assert Page.objects.get(pk=page.pk).status == before


def test_publishing_from_a_stale_page_is_refused(manager):
    page = PageFactory()
    services.page_update(page=Page.objects.get(pk=page.pk), title="Changed", by=manager)
    with pytest.raises(Refusal, match="Someone else saved this record"):
        services.page_publish(page=page, by=manager, version=page.version)
    assert Page.objects.get(pk=page.pk).status == Status.DRAFT


def test_a_person_who_may_not_edit_the_website_cannot_publish(agency_user):
    page = PageFactory()
    with pytest.raises(Refusal, match="You cannot publish the page: you do not have permission"):
        services.page_publish(page=page, by=agency_user)


def test_unpublishing_a_publication_takes_it_off_the_site(manager):
    publication = PublicationPublishedFactory()
    services.publication_unpublish(publication=publication, by=manager)
    assert not Publication.objects.live().exists()
