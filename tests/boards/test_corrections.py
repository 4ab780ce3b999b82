"""The partnership manager's corrections (issue 13, item 10): memberships, a meeting's date or cancellation, an
agenda item, a paper, and the withdrawal of a wrong terms of reference version."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards import services
from boards.models import Meeting, Membership, TermsOfReference
from tests.boards.factories import (
    PDF,
    AgendaItemFactory,
    MeetingFactory,
    MeetingPastFactory,
    MembershipFactory,
    PaperFactory,
    RaisedItemFactory,
    TermsOfReferenceFactory,
)
from tests.factories import UserFactory
from tests.forms import date_data
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


def banner(response) -> str:
    return text(response, ".govuk-notification-banner")


def test_the_manager_adds_a_member_who_then_sees_private_papers(signed_in_manager, board, agency, sign_in):
    person = UserFactory(organisation=agency)
    meeting = MeetingPastFactory(board=board)
    paper = PaperFactory(meeting=meeting)
    data = {"action": "add", "add-organisation": agency.pk, "add-role": "Head of safeguarding", "add-user": person.pk}
    response = signed_in_manager.post(reverse("boards-members", args=[board.slug]), data, follow=True)
    assert "Head of safeguarding" in banner(response) and "added to the" in banner(response)
    assert sign_in(person).get(reverse("board-paper-file", args=[paper.pk])).status_code == 200


def test_ending_a_seat_keeps_it_on_record_and_takes_away_the_papers(signed_in_manager, board, member, sign_in):
    seat = Membership.objects.get(user=member)
    paper = PaperFactory(meeting=MeetingPastFactory(board=board))
    url = reverse("boards-members", args=[board.slug])
    response = signed_in_manager.post(url, {"action": "end", "end-membership": seat.pk}, follow=True)
    assert "is no longer a member" in banner(response)
    assert f"Ended {timezone.localdate():%-d %B %Y}" in text(response)
    seat.refresh_from_db()
    assert seat.ended_on == timezone.localdate()
    again = signed_in_manager.post(url, {"action": "end", "end-membership": seat.pk})
    assert error_summary(again) == [f"The seat “{seat.role}” has already ended"]
    assert sign_in(member).get(reverse("board-paper-file", args=[paper.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"add-organisation": "", "add-role": "Chair"}, "Choose the member organisation"),
        ({"add-role": ""}, "Enter the role"),
        ({"add-role": "<b>Chair</b>"}, "Remove the HTML tags"),
        ({"add-organisation": "999999", "add-role": "Chair"}, "Choose one of the options given"),
    ],
)
def test_bad_memberships_are_refused_and_nothing_is_saved(signed_in_manager, board, agency, data, message):
    post = {"action": "add", "add-organisation": agency.pk, **data}
    response = signed_in_manager.post(reverse("boards-members", args=[board.slug]), post)
    assert any(line.startswith(message) for line in error_summary(response)), error_summary(response)
    assert not Membership.objects.filter(board=board).exists()


def test_the_same_seat_twice_and_someone_from_elsewhere_are_refused(signed_in_manager, board, agency, other_agency):
    MembershipFactory(board=board, organisation=agency, role="Chair", user=None)
    url = reverse("boards-members", args=[board.slug])
    twice = signed_in_manager.post(url, {"action": "add", "add-organisation": agency.pk, "add-role": "chair"})
    assert "already holds the seat" in error_summary(twice)[0]
    stranger = UserFactory(organisation=other_agency)
    data = {"action": "add", "add-organisation": agency.pk, "add-role": "Member", "add-user": stranger.pk}
    assert "Choose a person who works for" in error_summary(signed_in_manager.post(url, data))[0]
    assert Membership.objects.filter(board=board).count() == 1


def test_the_manager_moves_a_meeting(signed_in_manager):
    meeting = MeetingFactory(location="Hendon")
    new_date = timezone.localdate() + timedelta(days=40)
    data = {**date_data("date", new_date), "location": "Colindale", "version": meeting.version}
    response = signed_in_manager.post(reverse("boards-meeting-edit", args=[meeting.pk]), data, follow=True)
    assert "changed" in banner(response)
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location) == (new_date, "Colindale")


def test_a_stale_or_versionless_meeting_form_is_refused(signed_in_manager):
    meeting = MeetingFactory(location="Hendon")
    url = reverse("boards-meeting-edit", args=[meeting.pk])
    data = {**date_data("date", meeting.date), "location": "Colindale"}
    assert "sent without the version" in error_summary(signed_in_manager.post(url, data))[0]
    stale = signed_in_manager.post(url, {**data, "version": meeting.version - 1 or 99})
    assert error_summary(stale)[0].startswith("Someone else saved this record")
    assert Meeting.objects.get(pk=meeting.pk).location == "Hendon"


def test_a_cancelled_meeting_shows_as_cancelled_and_is_no_longer_coming(signed_in_manager, board):
    meeting = MeetingFactory(board=board)
    url = reverse("boards-meeting-cancel", args=[meeting.pk])
    empty = signed_in_manager.post(url, {"reason": "", "version": meeting.version})
    assert error_summary(empty) == ["Enter why the meeting is cancelled"]
    response = signed_in_manager.post(url, {"reason": "Not quorate", "version": meeting.version}, follow=True)
    assert "cancelled" in banner(response)
    listing = text(Client().get(board.get_absolute_url()))
    assert "(cancelled)" in listing and "(coming)" not in listing
    assert "This meeting is cancelled: Not quorate" in text(Client().get(meeting.get_absolute_url()))
    raised = page(signed_in_manager.get(reverse("boards-meeting-create")))  # the page still opens
    assert raised.select("form")
    again = signed_in_manager.post(url, {"reason": "Again", "version": Meeting.objects.get(pk=meeting.pk).version})
    assert error_summary(again) == ["This meeting is already cancelled"]


def test_a_cancelled_meeting_is_not_offered_for_a_raised_item(signed_in_manager, manager):
    meeting = MeetingFactory(cancelled_at=timezone.now(), cancellation_reason="Not quorate")
    item = RaisedItemFactory()
    options = [o["value"] for o in page(signed_in_manager.get(item.get_absolute_url())).select("select option")]
    assert str(meeting.pk) not in options
    with pytest.raises(ValidationError, match="This meeting is cancelled"):
        services.raised_item_add_to_agenda(item=item, meeting=meeting, by=manager)


def test_a_meeting_that_has_taken_place_cannot_be_cancelled(signed_in_manager):
    meeting = MeetingPastFactory()
    response = signed_in_manager.post(
        reverse("boards-meeting-cancel", args=[meeting.pk]), {"reason": "Oops", "version": meeting.version}
    )
    assert error_summary(response) == ["This meeting has already taken place, so it cannot be cancelled"]
    assert not Meeting.objects.get(pk=meeting.pk).is_cancelled


def test_the_manager_corrects_an_agenda_item(signed_in_manager):
    item = AgendaItemFactory(title="Sectoin 11")
    url = reverse("boards-agenda-item-edit", args=[item.pk])
    bad = signed_in_manager.post(url, {"title": "<script>x</script>", "version": item.version})
    assert error_summary(bad)[0].startswith("Remove the HTML tags")
    data = {"title": "Section 11", "description": "Findings", "version": item.version}
    response = signed_in_manager.post(url, data, follow=True)
    assert "Agenda item “Section 11” changed" in banner(response)
    item.refresh_from_db()
    assert (item.title, item.description) == ("Section 11", "Findings")


def test_the_manager_renames_a_paper_and_replaces_its_document(signed_in_manager):
    paper = PaperFactory(title="Wrong paper")
    old_name = paper.file.name
    url = reverse("boards-paper-edit", args=[paper.pk])
    bad = signed_in_manager.post(
        url, {"title": "Right", "file": SimpleUploadedFile("virus.exe", b"MZ"), "version": paper.version}
    )
    assert error_summary(bad)[0].startswith("The selected file must be a PDF")
    document = SimpleUploadedFile("right.pdf", PDF, content_type="application/pdf")
    response = signed_in_manager.post(url, {"title": "Right paper", "file": document, "version": paper.version},
                                      follow=True)  # fmt: skip
    assert "Paper “Right paper” changed" in banner(response), error_summary(response)
    paper.refresh_from_db()
    assert paper.title == "Right paper" and paper.file.name != old_name


def test_the_manager_withdraws_a_wrong_version(signed_in_manager, board):
    TermsOfReferenceFactory(board=board, version=1, approved_on=timezone.localdate() - timedelta(days=50))
    wrong = TermsOfReferenceFactory(board=board, version=2, text="The wrong board's terms.")
    url = reverse("boards-terms-withdraw", args=[board.slug, 2])
    assert error_summary(signed_in_manager.post(url, {"reason": ""})) == ["Enter why the version is withdrawn"]
    response = signed_in_manager.post(url, {"reason": "Added to the wrong board"}, follow=True)
    assert "Version 2 of the terms of reference withdrawn" in banner(response)
    public = text(Client().get(board.get_absolute_url()))
    assert "Version 1, approved" in public and "The wrong board's terms." not in public
    assert "withdrawn on" in text(Client().get(reverse("board-terms", args=[board.slug, 2])))
    again = signed_in_manager.post(url, {"reason": "Again"})
    assert error_summary(again) == ["Version 2 of the terms of reference is already withdrawn"]
    assert TermsOfReference.objects.get(pk=wrong.pk).withdrawal_reason == "Added to the wrong board"
