"""Issue 15: the boards' public pages are cached for anonymous visitors and cleared by any change; a board's page
and the manager's lists stay bounded however many meetings and items there are (pagination, indexes, the same
queries at two scales); the benchmark's loader tops up and runs again safely."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards import scale, selectors, services
from boards.models import Meeting, RaisedItem
from partnership.scaling import ScalePlan
from tests.boards.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MeetingPastFactory,
    MeetingPublishedFactory,
    RaisedItemDeclinedFactory,
    TermsOfReferenceFactory,
)
from tests.html import page, text
from tests.plans import assert_read_by_index
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()


def _public_urls(board, meeting, terms):
    return [
        reverse("boards"),
        reverse("boards-governance"),
        board.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("board-terms", args=[board.slug, terms.version]),
    ]


def test_the_public_pages_are_cached_for_anonymous_visitors(client, board, caching):
    meeting = MeetingPublishedFactory(board=board)
    terms = TermsOfReferenceFactory(board=board, version=1)
    for url in _public_urls(board, meeting, terms):
        first = client.get(url)
        assert first.status_code == 200 and "X-Cache" not in first
        assert client.get(url)["X-Cache"] == "hit", url


def test_the_board_page_reads_only_its_own_query_parameters(client, board, caching):
    MeetingPastFactory(board=board)
    client.get(board.get_absolute_url() + "?page=1")
    assert client.get(board.get_absolute_url() + "?page=1&utm_source=x")["X-Cache"] == "hit"
    assert "X-Cache" not in client.get(board.get_absolute_url() + "?page=2")


def test_a_change_through_the_services_shows_at_once(
    client, board, manager, caching, django_capture_on_commit_callbacks
):
    meeting = MeetingPublishedFactory(board=board)
    client.get(meeting.get_absolute_url())
    client.get(board.get_absolute_url())
    assert client.get(meeting.get_absolute_url())["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_add(meeting=meeting, title="Neglect strategy refresh", by=manager)
    response = client.get(meeting.get_absolute_url())
    assert "X-Cache" not in response and "Neglect strategy refresh" in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_create(board=board, date=timezone.localdate() + timedelta(days=90), location="", by=manager)
    coming = timezone.localdate() + timedelta(days=90)
    assert f"{coming:%-d %B %Y} (coming)" in text(client.get(board.get_absolute_url()))
    with django_capture_on_commit_callbacks(execute=True):
        services.terms_of_reference_add(board=board, approved_on=timezone.localdate(), text="New terms", by=manager)
    assert "New terms" in text(client.get(board.get_absolute_url()))


def test_signed_in_people_are_not_served_the_cached_page(client, board, member, sign_in, caching):
    MeetingPastFactory(board=board)
    Client().get(board.get_absolute_url())
    response = sign_in(member).get(board.get_absolute_url())
    assert "X-Cache" not in response and "(private to members)" in text(response)


def _past_meetings(board, count, start_days=10):
    Meeting.objects.bulk_create(
        Meeting(board=board, date=timezone.localdate() - timedelta(days=start_days + 7 * n)) for n in range(count)
    )


def test_the_board_page_shows_coming_meetings_and_pages_through_past_ones(client, board):
    MeetingFactory(board=board)
    _past_meetings(board, 45)
    response = client.get(board.get_absolute_url())
    assert "(coming)" in text(response)
    past = page(response).select("#past-meetings ~ ul.govuk-list li")
    assert len(past) == 20
    assert page(response).select_one(".govuk-pagination")
    assert len(page(client.get(board.get_absolute_url() + "?page=3")).select("#past-meetings ~ ul.govuk-list li")) == 5
    for hostile in ("abc", "999999", "-1"):
        assert client.get(board.get_absolute_url() + f"?page={hostile}").status_code == 200
    assert client.get(board.get_absolute_url() + "?year=abc").status_code == 200


def test_the_board_page_filters_past_meetings_by_year(client, board):
    year = timezone.localdate().year - 2
    Meeting.objects.create(board=board, date=timezone.localdate().replace(year=year, month=3, day=14))
    _past_meetings(board, 30, start_days=30)
    response = client.get(board.get_absolute_url() + f"?year={year}")
    listed = [item.get_text(" ", strip=True) for item in page(response).select("#past-meetings ~ ul.govuk-list li")]
    assert listed and all(str(year) in line for line in listed)
    assert f"14 March {year}" in " ".join(listed)


def test_the_public_pages_take_the_same_queries_with_many_meetings(client, board):
    meeting = MeetingPublishedFactory(board=board)
    AgendaItemFactory(meeting=meeting)
    terms = TermsOfReferenceFactory(board=board, version=1)
    urls = _public_urls(board, meeting, terms)
    _past_meetings(board, 5)
    small = [queries_for(client, url)[0] for url in urls]
    _past_meetings(board, 500, start_days=100)
    assert [queries_for(client, url)[0] for url in urls] == small
    links = len(page(client.get(board.get_absolute_url())).select("main a"))
    _past_meetings(board, 500, start_days=103)  # as many again over the same years: the page holds as much
    assert len(page(client.get(board.get_absolute_url())).select("main a")) == links


def test_the_managers_lists_page_through_at_fifty_in_the_same_queries(signed_in_manager, board):
    urls = [reverse("boards-meetings"), reverse("boards-triage")]
    _past_meetings(board, 10)
    RaisedItemDeclinedFactory.create_batch(3)
    scale.make_raised_items(10, [board.pk], first=0)
    RaisedItem.objects.filter(reference__startswith=scale.PREFIX).update(stage=RaisedItem.Stage.RECEIVED)
    small = [queries_for(signed_in_manager, url)[0] for url in urls]
    _past_meetings(board, 200, start_days=2000)
    scale.make_raised_items(200, [board.pk], first=10)
    RaisedItem.objects.filter(reference__startswith=scale.PREFIX).update(stage=RaisedItem.Stage.RECEIVED)
    count, response = queries_for(signed_in_manager, reverse("boards-meetings"))
    assert len(page(response).select("main table tbody tr")) == 50 and page(response).select_one(".govuk-pagination")
    count_triage, triage = queries_for(signed_in_manager, reverse("boards-triage"))
    assert len(page(triage).select("main table")[0].select("tbody tr")) == 50
    assert [count, count_triage] == small
    for hostile in ("abc", "999999"):
        for url in urls:
            assert signed_in_manager.get(url + f"?page={hostile}").status_code == 200


def test_the_meeting_lists_are_read_through_their_indexes(board):
    _past_meetings(board, 300)
    scale.make_raised_items(200, [board.pk])
    assert_read_by_index(selectors.meetings_to_manage(), "boards_meeting")
    assert_read_by_index(selectors.board_past_meetings(board), "boards_meeting")
    assert_read_by_index(selectors.board_past_meetings(board, timezone.localdate().year - 1), "boards_meeting")
    assert_read_by_index(selectors.upcoming_meetings(), "boards_meeting")
    assert_read_by_index(selectors.raised_items(), "boards_raiseditem")
    assert_read_by_index(selectors.raised_items_decided()[:20], "boards_raiseditem")


def test_the_scale_loader_tops_up_and_runs_again_safely(board):
    scale.load(ScalePlan.about(400), io.StringIO())  # 40 meetings, two raised items
    scale.load(ScalePlan.about(400), io.StringIO())
    assert Meeting.objects.filter(location=scale.LOCATION).count() == 40
    assert RaisedItem.objects.filter(reference__startswith=scale.PREFIX).count() == 2
    scale.load(ScalePlan.about(600), io.StringIO())
    assert Meeting.objects.filter(location=scale.LOCATION).count() == 60
    meeting = Meeting.objects.filter(location=scale.LOCATION).first()
    assert meeting.agenda_items.count() == len(scale.AGENDA)
