"""The issue's own reproductions: a password without the second factor opens nothing private on public URLs."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from partnership.roles import Role
from tests.boards.factories import BoardFactory, MeetingPastFactory, MembershipFactory, PaperFactory
from tests.content.factories import PageFactory, PublicationFactory
from tests.factories import UserFactory
from tests.html import text

pytestmark = pytest.mark.django_db


def test_a_board_member_with_a_password_only_is_sent_to_the_second_factor_for_private_papers(client, sign_in):
    member = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    board = BoardFactory()
    MembershipFactory(board=board, organisation=member.organisation, user=member)
    paper = PaperFactory(meeting=MeetingPastFactory(board=board))
    url = reverse("board-paper-file", kwargs={"pk": paper.pk})

    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('two-factor')}?next={url}"

    sign_in(member)
    assert client.get(url).status_code == 200


def test_an_editor_with_a_password_only_sees_no_draft_page_or_unpublished_file(client, sign_in, manager):
    draft = PageFactory(title="Draft: not yet agreed")
    publication = PublicationFactory(file=ContentFile(b"%PDF-1.4\n%draft\n", name="draft.pdf"))
    page_url = reverse("page", kwargs={"path": draft.path})
    file_url = reverse("publication-download", kwargs={"slug": publication.slug})

    client.force_login(manager)
    assert client.get(page_url).status_code == 404
    assert client.get(file_url).status_code == 404

    sign_in(manager)
    assert client.get(page_url).status_code == 200


def test_the_second_factor_step_shows_the_public_menu_only(client, manager):
    client.force_login(manager)
    response = client.get(reverse("two-factor"))
    assert response.status_code == 200
    menu = text(response, ".govuk-service-navigation__list")
    assert "My work" not in menu and "Sign out" in menu
