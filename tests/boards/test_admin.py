"""Every boards model is in the admin; stage changes there go through the services."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import (
    AgendaItem,
    Board,
    Meeting,
    Membership,
    Paper,
    RaisedItem,
    TermsOfReference,
)
from partnership.selectors import stage_changes
from tests.boards.factories import MeetingFactory, MeetingPastFactory, RaisedItemFactory, TermsOfReferenceFactory

pytestmark = pytest.mark.django_db
MODELS = [Board, Membership, TermsOfReference, Meeting, AgendaItem, Paper, RaisedItem]


@pytest.fixture
def admin_client(client, administrator, sign_in):
    return sign_in(administrator)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_has_a_changelist_and_nothing_can_be_deleted(admin_client, model):
    url = reverse(f"admin:boards_{model._meta.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b'value="delete_selected"' not in response.content


def _changelist(model):
    return reverse(f"admin:boards_{model._meta.model_name}_changelist")


def test_the_decline_action_uses_the_reason_given(admin_client):
    item = RaisedItemFactory()
    admin_client.post(
        _changelist(RaisedItem),
        {"action": "decline", "_selected_action": [item.pk], "reason": "Out of scope", "index": 0},
    )
    item.refresh_from_db()
    assert item.stage == RaisedItem.Stage.DECLINED and item.decline_reason == "Out of scope"
    assert stage_changes(item).filter(to_stage=RaisedItem.Stage.DECLINED).exists()


def test_the_decline_action_without_a_reason_changes_nothing(admin_client):
    item = RaisedItemFactory()
    response = admin_client.post(
        _changelist(RaisedItem), {"action": "decline", "_selected_action": [item.pk], "reason": ""}, follow=True
    )
    assert b"Enter the reason for declining the item" in response.content
    assert RaisedItem.objects.get(pk=item.pk).stage == RaisedItem.Stage.RECEIVED


def test_the_agenda_action_uses_the_meeting_chosen(admin_client):
    item, meeting = RaisedItemFactory(), MeetingFactory()
    admin_client.post(
        _changelist(RaisedItem), {"action": "add_to_agenda", "_selected_action": [item.pk], "meeting": meeting.pk}
    )
    assert RaisedItem.objects.get(pk=item.pk).agenda_item.meeting == meeting


def test_the_publish_action(admin_client):
    meeting = MeetingPastFactory()
    admin_client.post(_changelist(Meeting), {"action": "publish", "_selected_action": [meeting.pk]})
    assert Meeting.objects.get(pk=meeting.pk).is_published


def test_the_stage_cannot_be_edited_in_the_form(admin_client):
    item = RaisedItemFactory()
    response = admin_client.get(reverse("admin:boards_raiseditem_change", args=[item.pk]))
    assert b'name="stage"' not in response.content


def test_adding_terms_of_reference_in_the_admin_takes_the_next_version(admin_client, board):
    TermsOfReferenceFactory(board=board, version=1, approved_on=timezone.localdate() - timedelta(days=60))
    response = admin_client.post(
        reverse("admin:boards_termsofreference_add"),
        {"board": board.pk, "approved_on": timezone.localdate() - timedelta(days=30), "text": "Revised terms"},
    )
    assert response.status_code == 302
    assert TermsOfReference.objects.get(board=board, version=2).text == "Revised terms"


@pytest.mark.parametrize("model", [Membership, Meeting, AgendaItem, Paper], ids=lambda model: model.__name__)
def test_seats_meetings_agendas_and_papers_are_added_on_the_staff_pages_not_in_the_admin(admin_client, model):
    before = model.objects.count()
    response = admin_client.post(reverse(f"admin:boards_{model._meta.model_name}_add"), {}, follow=True)
    assert response.status_code == 200
    assert "staff page" in response.content.decode()
    assert model.objects.count() == before


def test_a_meeting_cannot_be_changed_in_the_admin(admin_client):
    meeting = MeetingFactory(location="Hendon")
    url = reverse("admin:boards_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, {"board": meeting.board_id, "date": meeting.date, "location": "Elsewhere"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.location == "Hendon"


def test_a_terms_of_reference_version_cannot_be_changed_in_the_admin(admin_client, board):
    terms = TermsOfReferenceFactory(board=board, version=1, approved_on=timezone.localdate() - timedelta(days=60))
    url = reverse("admin:boards_termsofreference_change", args=[terms.pk])
    response = admin_client.post(url, {"approved_on": timezone.localdate() + timedelta(days=30), "text": "Changed"})
    assert response.status_code == 403
    terms.refresh_from_db()
    assert terms.text != "Changed"
