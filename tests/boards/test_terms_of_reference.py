"""Terms of reference versions (issue 13, item 11): the approval date cannot be in the future nor before the
current version's, and the board's page shows as current the latest approved version that is not withdrawn."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boards import services
from boards.models import TermsOfReference
from tests.boards.factories import TermsOfReferenceFactory
from tests.forms import date_data
from tests.html import error_summary, text

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def test_an_approval_date_in_the_future_is_refused(board, manager):
    with pytest.raises(ValidationError, match="must be today or in the past"):
        services.terms_of_reference_add(board=board, approved_on=days_ago(-1), text="Tomorrow's", by=manager)
    assert not TermsOfReference.objects.exists()


def test_an_approval_date_before_the_current_versions_is_refused(board, manager):
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(10))
    with pytest.raises(ValidationError, match="must be on or after"):
        services.terms_of_reference_add(board=board, approved_on=days_ago(20), text="Older", by=manager)
    assert TermsOfReference.objects.filter(board=board).count() == 1


def test_a_withdrawn_version_does_not_hold_back_the_date(board, manager):
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(30))
    wrong = TermsOfReferenceFactory(board=board, version=2, approved_on=days_ago(1))
    services.terms_of_reference_withdraw(terms=wrong, reason="Added to the wrong board", by=manager)
    terms = services.terms_of_reference_add(board=board, approved_on=days_ago(5), text="Right", by=manager)
    assert terms.version == 3 and services.current_terms(board) == terms


@pytest.fixture
def admin_client(client, administrator, sign_in):
    return sign_in(administrator)


def test_the_admin_refuses_the_same_dates_with_a_message(admin_client, board):
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(10))
    for day in (days_ago(20), days_ago(-3)):
        response = admin_client.post(
            reverse("admin:boards_termsofreference_add"), {"board": board.pk, "approved_on": day, "text": "x"}
        )
        assert response.status_code == 200
        assert "The date the terms were approved must be" in response.content.decode()
    assert TermsOfReference.objects.filter(board=board).count() == 1


def test_the_managers_form_refuses_an_older_date(signed_in_manager, board):
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(10))
    response = signed_in_manager.post(
        reverse("boards-terms-add", args=[board.slug]), {**date_data("approved_on", days_ago(40)), "text": "Old"}
    )
    assert error_summary(response)[0].startswith("The date the terms were approved must be on or after")
    assert TermsOfReference.objects.filter(board=board).count() == 1


def test_the_page_shows_the_latest_approved_version_not_withdrawn_as_current(client, board, manager):
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(400), text="First terms.")
    TermsOfReferenceFactory(board=board, version=2, approved_on=days_ago(100), text="Second terms.")
    wrong = TermsOfReferenceFactory(board=board, version=3, approved_on=days_ago(5), text="Wrong board's terms.")
    services.terms_of_reference_withdraw(terms=wrong, reason="Added to the wrong board", by=manager)
    section = text(client.get(board.get_absolute_url()))
    assert "Version 2, approved" in section and "Second terms." in section
    assert "Wrong board's terms." not in section
    assert "(withdrawn: Added to the wrong board)" in section


def test_a_version_added_with_an_older_date_in_the_past_is_not_shown_as_current(client, board):
    """Data from before the rule: the higher number approved earlier is not current; the latest approved is."""
    TermsOfReferenceFactory(board=board, version=1, approved_on=days_ago(10), text="Latest approved.")
    TermsOfReferenceFactory(board=board, version=2, approved_on=days_ago(300), text="Old, added late.")
    assert "Latest approved." in text(client.get(board.get_absolute_url()))
