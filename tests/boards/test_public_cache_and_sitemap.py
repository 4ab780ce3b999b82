"""Issue 16: the boards' public pages are in the sitemap, on the portal's own address; a cached board page costs no
query at all, and an edit to a board, its meetings or its papers shows at once."""

from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.boards.factories import BoardFactory, MeetingPublishedFactory, PaperFactory
from tests.html import text
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

SITE = "https://portal.bscp.example"


@pytest.fixture
def caching(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()


def _locations(response) -> list[str]:
    sitemap = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap, not untrusted data)
    locations = sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [loc.text for loc in locations]


def test_the_sitemap_lists_the_boards_public_pages_on_the_site_address(client, settings, board):
    settings.SITE_URL = SITE
    BoardFactory(name="Closed board", slug="closed-board", is_active=False)
    locations = _locations(client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000"))
    for path in (reverse("boards"), reverse("boards-governance"), board.get_absolute_url()):
        assert SITE + path in locations
    assert not [url for url in locations if "closed-board" in url]
    assert all(url.startswith(SITE + "/") for url in locations)


def test_a_cached_board_page_makes_no_query(client, board, caching):
    meeting = MeetingPublishedFactory(board=board)
    for url in (reverse("boards"), board.get_absolute_url(), meeting.get_absolute_url(), "/sitemap.xml"):
        count, response = queries_for(client, url)
        assert response["X-Cache"] == "hit", url
        assert count == 0, url


def test_an_edit_to_a_board_its_meetings_or_papers_shows_at_once(
    client, board, caching, django_capture_on_commit_callbacks
):
    meeting = MeetingPublishedFactory(board=board)
    urls = (reverse("boards"), board.get_absolute_url(), meeting.get_absolute_url(), "/sitemap.xml")
    for url in urls:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        board.name = "Safeguarding Practice Review Group"
        board.save()
    assert "Safeguarding Practice Review Group" in text(client.get(reverse("boards")))
    assert "Safeguarding Practice Review Group" in text(client.get(board.get_absolute_url()))
    client.get(meeting.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        PaperFactory(meeting=meeting, title="Neglect strategy paper")
    assert "Neglect strategy paper" in text(client.get(meeting.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        BoardFactory(name="Child Death Overview Panel", slug="child-death-overview-panel")
    assert any(url.endswith("/boards/child-death-overview-panel/") for url in _locations(client.get("/sitemap.xml")))


def test_robots_txt_points_to_the_sitemap_on_the_site_address(client, settings):
    settings.SITE_URL = SITE
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()
    assert "127.0.0.1" not in robots
