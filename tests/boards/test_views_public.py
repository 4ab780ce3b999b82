"""The public boards pages: what each person sees, escaping, and a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from partnership.models import AccessEvent
from tests.boards.factories import (
    AgendaItemFactory,
    BoardFactory,
    MeetingFactory,
    MeetingPastFactory,
    MeetingPublishedFactory,
    MembershipFactory,
    PaperFactory,
    TermsOfReferenceFactory,
    pdf,
)
from tests.factories import UserFactory
from tests.html import page, text
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def test_index_lists_the_boards_with_the_governance_diagram_and_its_text_alternative(client):
    top = BoardFactory(name="Leadership Forum")
    BoardFactory(name="Learning and Thematic Review Group", reports_to=top)
    response = client.get(reverse("boards"))
    html = page(response)
    svg = html.select_one("main svg[role=img]")
    assert svg.select_one("title").get_text() and svg.select_one("desc").get_text()
    assert len(svg.select("rect")) == 2 and len(svg.select("path[marker-end]")) == 1
    assert "Learning and Thematic Review Group reports to the Leadership Forum" in text(response, "figcaption")


def test_names_are_escaped_in_the_pages_and_the_diagram(client):
    board = BoardFactory(name="<script>alert(1)</script> Board", purpose="<b>bold</b>")
    for url in (reverse("boards"), board.get_absolute_url()):
        content = client.get(url).content.decode()
        assert "<script>alert(1)" not in content and "<b>bold" not in content
        assert "&lt;script&gt;alert(1)" in content


def test_board_page_shows_members_by_role_the_current_terms_and_earlier_versions(client, board):
    MembershipFactory(board=board, role="Designated Doctor", organisation__name="NCL ICB", is_chair=True)
    MembershipFactory(board=board, role="Former member", ended_on=date(2024, 1, 1))
    TermsOfReferenceFactory(board=board, version=1, approved_on=date(2019, 9, 27), text="Old terms")
    TermsOfReferenceFactory(board=board, version=2, approved_on=date(2024, 9, 1), text="New terms", file=pdf())
    response = client.get(board.get_absolute_url())
    main = text(response)
    assert "Designated Doctor Chair NCL ICB" in main
    assert "Former member" not in main
    assert "Version 2, approved 1 September 2024" in main and "New terms" in main
    assert "Version 1 , approved 27 September 2019" in main and "Old terms" not in main
    assert page(response).select_one(f'a[href="{reverse("board-terms-file", args=[board.slug, 2])}"]')
    earlier = client.get(reverse("board-terms", args=[board.slug, 1]))
    assert "Old terms" in text(earlier) and "Approved 27 September 2019" in text(earlier)


def _populate(boards: int, per_board: int):
    for _ in range(boards):
        board = BoardFactory(reports_to=BoardFactory())
        for version in range(1, per_board + 1):
            TermsOfReferenceFactory(board=board, version=version)
            MembershipFactory(board=board)
            meeting = MeetingPublishedFactory(board=board)
            AgendaItemFactory(meeting=meeting)
            PaperFactory(meeting=meeting)
    return board, meeting


def test_the_visual_guide_has_the_diagram_and_its_words(client):
    BoardFactory(name="Leadership Forum")
    response = client.get(reverse("boards-governance"))
    assert page(response).select_one("main svg[role=img] rect")
    assert "Leadership Forum oversees all of the partnership's work" in text(response, "figcaption")


@pytest.mark.parametrize("url_name", ["boards", "boards-governance", "board-detail", "board-meeting"])
def test_public_pages_take_the_same_number_of_queries_however_much_data(url_name, client):
    counts = []
    for size in (1, 5):
        board, meeting = _populate(size, size)
        kwargs = {"boards": {}, "boards-governance": {}, "board-detail": {"slug": board.slug}}.get(
            url_name, {"slug": board.slug, "pk": meeting.pk}
        )
        counts.append(queries_for(client, reverse(url_name, kwargs=kwargs))[0])
    assert counts[0] == counts[1]


def test_a_private_meeting_shows_its_date_but_not_its_papers_to_the_public(client, board, member, sign_in):
    meeting = MeetingPastFactory(board=board, minutes="Secret minutes")
    AgendaItemFactory(meeting=meeting, title="Private agenda item")
    outsider = UserFactory()
    for who in (None, outsider):
        if who:
            sign_in(who)
        main = text(client.get(meeting.get_absolute_url()))
        assert "Meeting on" in main and "Private agenda item" not in main and "Secret minutes" not in main
    sign_in(member)
    main = text(client.get(meeting.get_absolute_url()))
    assert "Private agenda item" in main and "Secret minutes" in main


def test_a_published_meetings_papers_are_public(client, board):
    paper = PaperFactory(meeting=MeetingPublishedFactory(board=board), title="Annual report: LADO")
    main = text(client.get(paper.meeting.get_absolute_url()))
    assert "Annual report: LADO" in main
    response = client.get(reverse("board-paper-file", args=[paper.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Annual_report_LADO.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessEvent.objects.filter(object_id=paper.pk, action="downloaded a document").exists()


def test_a_private_paper_is_for_members_and_the_manager(client, board, member, manager, sign_in):
    paper = PaperFactory(meeting=MeetingPastFactory(board=board))
    url = reverse("board-paper-file", args=[paper.pk])
    assert client.get(url).url.startswith(reverse("login"))
    sign_in(UserFactory())
    assert client.get(url).status_code == 404
    for person in (member, manager):
        sign_in(person)
        assert client.get(url).status_code == 200


def test_a_member_of_another_board_cannot_see_this_boards_private_papers(client, member, sign_in):
    paper = PaperFactory(meeting=MeetingPastFactory(board=BoardFactory()))
    sign_in(member)
    assert client.get(reverse("board-paper-file", args=[paper.pk])).status_code == 404


def test_an_ended_membership_no_longer_opens_private_papers(client, board, member, sign_in):
    member.board_memberships.update(ended_on=date(2025, 1, 1))
    paper = PaperFactory(meeting=MeetingPastFactory(board=board))
    sign_in(member)
    assert client.get(reverse("board-paper-file", args=[paper.pk])).status_code == 404


def test_meeting_with_no_minutes_document_has_no_download(client, board):
    meeting = MeetingPublishedFactory(board=board)
    assert client.get(reverse("board-minutes-file", args=[meeting.pk])).status_code == 404


def test_coming_meetings_are_listed_on_the_board_page(client, board):
    meeting = MeetingFactory(board=board)
    assert f"{meeting.date:%-d %B %Y} (coming)" in text(client.get(board.get_absolute_url()))


def test_an_unknown_board_is_not_found(client):
    assert client.get(reverse("board-detail", args=["no-such-board"])).status_code == 404


def test_text_becomes_escaped_govuk_paragraphs():
    from boards.templatetags.boards import paragraphs

    assert (
        paragraphs("One <b>\nline\n\nTwo")
        == '<p class="govuk-body">One &lt;b&gt;<br>line</p>\n<p class="govuk-body">Two</p>'
    )
