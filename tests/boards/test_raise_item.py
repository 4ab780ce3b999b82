"""The public "Raise an item for a board" form: validation, spam protection, confirmation, email."""

import pytest
from django.urls import reverse

from boards.models import RaisedItem
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
URL = reverse("boards-raise-item")


@pytest.fixture
def good(board):
    return {
        "board": board.pk,
        "subject": "Safer sleeping messages for fathers",
        "details": "Fathers are not always reached by the safer sleeping campaign.",
        "name": "Sam Visitor",
        "email": "sam@example.com",
        "organisation": "",
        "website": "",
    }


def test_an_item_is_sent_with_a_reference_and_the_manager_is_emailed(
    client, good, django_capture_on_commit_callbacks, mailoutbox, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, good, follow=True)
    item = RaisedItem.objects.get()
    assert response.redirect_chain[-1][0] == reverse("boards-raise-item-sent")
    assert item.reference in text(response, ".govuk-panel")
    assert item.stage == RaisedItem.Stage.RECEIVED and item.board_id == good["board"]
    assert [m.to for m in mailoutbox] == [[settings.PARTNERSHIP_EMAIL]]
    # The confirmation is shown once; coming back leads to a fresh form.
    assert client.get(reverse("boards-raise-item-sent")).url == URL


def test_not_sure_which_board_is_allowed(client, good):
    client.post(URL, {**good, "board": ""})
    assert RaisedItem.objects.get().board is None


def test_the_board_page_link_chooses_its_board(client, board):
    html = page(client.get(f"{URL}?board={board.slug}"))
    assert html.select_one("select[name=board] option[selected]")["value"] == str(board.pk)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"subject": ""}, "Enter a subject"),
        ({"details": "  "}, "Enter what you would like the board to consider"),
        ({"name": ""}, "Enter your name"),
        ({"email": ""}, "Enter your email address"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format, like name@example.com"),
        ({"subject": "x" * 201}, "A subject must be 200 characters or fewer"),
        ({"details": "x" * 5001}, "What you would like the board to consider must be 5000 characters or fewer"),
        ({"organisation": "x" * 201}, "Your organisation must be 200 characters or fewer"),
        ({"subject": "<script>alert('x')</script>"}, "Remove the HTML tags"),
        ({"details": 'Look <img src=x onerror="alert(1)">'}, "Remove the HTML tags"),
        ({"board": "999999"}, "Choose one of the options given for “Which board should consider it?”"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(client, good, changes, message, mailoutbox):
    response = client.post(URL, {**good, **changes})
    assert response.status_code == 200
    assert any(line.startswith(message) for line in error_summary(response)), error_summary(response)
    assert text(response, "title").startswith("Error:")
    assert not RaisedItem.objects.exists() and mailoutbox == []
    content = response.content.decode()
    assert "<script>alert" not in content and "<img src=x" not in content


def test_a_filled_honeypot_is_refused(client, good):
    response = client.post(URL, {**good, "website": "http://spam.example"})
    assert "This form could not be sent." in error_summary(response)
    assert not RaisedItem.objects.exists()


def test_too_many_submissions_from_one_address_are_refused(client, good):
    for _ in range(5):
        client.post(URL, good)
    response = client.post(URL, good)
    assert any("several times in a short time" in line for line in error_summary(response))
    assert RaisedItem.objects.count() == 5


def test_correcting_mistakes_never_counts_against_the_limit(client, good):
    for _ in range(10):
        assert error_summary(client.post(URL, {**good, "name": ""})) == ["Enter your name"]
    assert client.post(URL, good).status_code == 302
    assert RaisedItem.objects.count() == 1


def test_the_honeypot_is_not_rendered_as_a_visible_field(client):
    html = page(client.get(URL))
    assert len(html.select("input[name=website]")) == 1
    assert html.select_one("input[name=website]").find_parent(attrs={"aria-hidden": "true"})
