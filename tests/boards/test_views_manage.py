"""The partnership manager's pages: triage, meetings, terms of reference."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from boards.models import AgendaItem, Meeting, Paper, RaisedItem, TermsOfReference
from partnership.models import AccessEvent
from tests.boards.factories import (
    PDF,
    MeetingFactory,
    MeetingPastFactory,
    MeetingPublishedFactory,
    RaisedItemDeclinedFactory,
    RaisedItemFactory,
)
from tests.forms import date_data
from tests.html import error_summary, page, text
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def test_triage_lists_items_awaiting_a_decision_in_a_fixed_number_of_queries(signed_in_manager):
    counts = []
    for size in (1, 6):
        RaisedItemFactory.create_batch(size)
        RaisedItemDeclinedFactory.create_batch(size)
        count, response = queries_for(signed_in_manager, reverse("boards-triage"))
        counts.append(count)
    assert counts[0] == counts[1]
    assert len(page(response).select("main table")[0].select("tbody tr")) == 7


def test_the_manager_puts_an_item_on_an_agenda(signed_in_manager, django_capture_on_commit_callbacks, mailoutbox):
    item = RaisedItemFactory()
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_manager.post(
            item.get_absolute_url(), {"action": "agenda", "agenda-meeting": meeting.pk}, follow=True
        )
    assert f"Item {item.reference} added to the agenda" in text(response, ".govuk-notification-banner")
    item.refresh_from_db()
    assert item.stage == RaisedItem.Stage.ON_AGENDA and item.agenda_item.meeting == meeting
    assert mailoutbox[0].to == [item.email]


def test_viewing_an_item_is_recorded(signed_in_manager, manager):
    item = RaisedItemFactory()
    signed_in_manager.get(item.get_absolute_url())
    assert AccessEvent.objects.get(object_id=item.pk).user == manager


def test_only_coming_meetings_are_offered(signed_in_manager):
    item = RaisedItemFactory()
    coming, past = MeetingFactory(), MeetingPastFactory()
    options = [o["value"] for o in page(signed_in_manager.get(item.get_absolute_url())).select("select option")]
    assert str(coming.pk) in options and str(past.pk) not in options


def test_the_next_meeting_of_the_board_asked_for_is_suggested(signed_in_manager, board):
    MeetingFactory()
    suggested = MeetingFactory(board=board)
    item = RaisedItemFactory(board=board)
    html = page(signed_in_manager.get(item.get_absolute_url()))
    assert html.select_one("select option[selected]")["value"] == str(suggested.pk)


def test_declining_needs_a_reason(signed_in_manager):
    item = RaisedItemFactory()
    response = signed_in_manager.post(item.get_absolute_url(), {"action": "decline", "decline-reason": ""})
    assert error_summary(response) == ["Enter the reason for declining the item"]
    assert RaisedItem.objects.get(pk=item.pk).stage == RaisedItem.Stage.RECEIVED


def test_a_decided_item_cannot_be_decided_again_from_a_stale_page(signed_in_manager):
    item = RaisedItemDeclinedFactory()
    response = signed_in_manager.post(item.get_absolute_url(), {"action": "decline", "decline-reason": "Again"})
    assert error_summary(response) == ["You cannot decline the item now: the item is at the stage “Declined”."]
    assert RaisedItem.objects.get(pk=item.pk).decline_reason == "Not a matter for the boards."


def test_the_manager_adds_a_meeting(signed_in_manager, board):
    day = timezone.localdate() + timedelta(days=40)
    response = signed_in_manager.post(
        reverse("boards-meeting-create"), {"board": board.pk, **date_data("date", day), "location": ""}, follow=True
    )
    assert "Meeting of the" in text(response, ".govuk-notification-banner")
    assert Meeting.objects.get().date == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("31", "2", "2027"), "Date of the meeting must be a real date"),
        (("1", "3", "1" * 20), "Date of the meeting must include a year with 4 numbers"),
        (("1", "", ""), "Date of the meeting must include a month and year"),
        (("", "", ""), "Enter date of the meeting"),
    ],
)
def test_a_meeting_needs_a_real_date(signed_in_manager, board, typed, message):
    data = {"board": board.pk, "date_0": typed[0], "date_1": typed[1], "date_2": typed[2]}
    response = signed_in_manager.post(reverse("boards-meeting-create"), data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert not Meeting.objects.exists()


def test_agenda_item_paper_minutes_and_publishing(signed_in_manager):
    meeting = MeetingPastFactory(minutes="")
    url = reverse("boards-meeting-manage", args=[meeting.pk])
    signed_in_manager.post(url, {"action": "agenda", "agenda-title": "Section 11 findings"})
    paper = SimpleUploadedFile("findings.pdf", PDF, content_type="application/pdf")
    signed_in_manager.post(url, {"action": "paper", "paper-title": "Findings", "paper-file": paper})
    signed_in_manager.post(url, {"action": "minutes", "minutes-minutes": "Agreed."})
    response = signed_in_manager.post(url, {"action": "publish"}, follow=True)
    assert "Meeting published" in text(response)
    meeting.refresh_from_db()
    assert meeting.is_published and meeting.minutes == "Agreed."
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Section 11 findings"]
    assert meeting.papers.get().title == "Findings"


def test_publishing_twice_is_refused_with_a_message(signed_in_manager):
    meeting = MeetingPublishedFactory()
    published_at = meeting.published_at
    response = signed_in_manager.post(
        reverse("boards-meeting-manage", args=[meeting.pk]), {"action": "publish"}, follow=True
    )
    assert "already published" in text(response, ".govuk-notification-banner")
    assert Meeting.objects.get(pk=meeting.pk).published_at == published_at


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "The selected file must be a PDF, Word document (.docx)"),
        (SimpleUploadedFile("notes.txt", b"hello"), "The selected file must be a PDF, Word document (.docx)"),
        (SimpleUploadedFile("renamed.pdf", b"just some text"), "The selected file is not a real PDF"),
        (SimpleUploadedFile("empty.pdf", b""), "The submitted file is empty."),
    ],
)
def test_bad_papers_are_refused_and_nothing_is_saved(signed_in_manager, upload, message):
    meeting = MeetingPastFactory()
    response = signed_in_manager.post(
        reverse("boards-meeting-manage", args=[meeting.pk]),
        {"action": "paper", "paper-title": "Paper", "paper-file": upload},
    )
    assert any(line.startswith(message) for line in error_summary(response)), error_summary(response)
    assert not Paper.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agenda-title": ""}, "Enter the agenda item"),
        ({"agenda-title": "x" * 201}, "The agenda item must be 200 characters or fewer"),
        ({"agenda-title": "<script>alert(1)</script>"}, "Remove the HTML tags"),
    ],
)
def test_bad_agenda_items_are_refused(signed_in_manager, data, message):
    meeting = MeetingFactory()
    response = signed_in_manager.post(reverse("boards-meeting-manage", args=[meeting.pk]), {"action": "agenda", **data})
    assert any(line.startswith(message) for line in error_summary(response)), error_summary(response)
    assert not AgendaItem.objects.exists()
    assert "<script>alert(1)" not in response.content.decode()


def test_minutes_before_the_meeting_are_refused(signed_in_manager):
    meeting = MeetingFactory()
    response = signed_in_manager.post(
        reverse("boards-meeting-manage", args=[meeting.pk]), {"action": "minutes", "minutes-minutes": "Early"}
    )
    assert error_summary(response) == ["Minutes can be recorded only once the meeting has taken place"]
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_a_new_version_of_the_terms_of_reference(signed_in_manager, board):
    url = reverse("boards-terms-add", args=[board.slug])
    approved = date_data("approved_on", timezone.localdate() - timedelta(days=1))
    response = signed_in_manager.post(url, {**approved, "text": "", "file": ""})
    assert error_summary(response) == ["Enter the terms of reference or choose a document"]
    document = SimpleUploadedFile("terms.pdf", PDF)
    response = signed_in_manager.post(url, {**approved, "text": "New", "file": document}, follow=True)
    assert "New terms of reference" in text(response, ".govuk-notification-banner")
    assert TermsOfReference.objects.get(board=board).version == 1


def test_the_staff_home_shows_the_boards_panel_to_the_manager(signed_in_manager):
    RaisedItemFactory.create_batch(2)
    assert "2 awaiting your decision" in text(signed_in_manager.get(reverse("staff-home")))
