"""The public notification: multi-page, check your answers, a reference and nothing else back."""

import pytest
from django.core import mail

from cdop.models import ChildDeathCase, ChildIdentity
from partnership.models import Deadline, StageChange
from tests.cdop.factories import NOTIFICATION_ANSWERS as ANSWERS
from tests.cdop.factories import answer_everything
from tests.html import error_summary, page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notification_day")]


def test_each_page_leads_to_the_next_and_then_to_check_your_answers(client):
    response = client.post("/cdop/notify/child/", ANSWERS["child"])
    assert response.url == "/cdop/notify/death/"
    response = answer_everything(client)
    assert response.url == "/cdop/notify/check/"
    check = client.get("/cdop/notify/check/")
    assert "Hiddensurname" in check.content.decode()
    assert page(check).select_one("a[href^='/cdop/notify/child/']").get_text(strip=True).startswith("Change")


def test_sending_creates_the_case_shows_only_the_reference_and_emails_the_coordinator_without_answers(
    client, coordinator, django_capture_on_commit_callbacks
):
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cdop/notify/check/", follow=True)
    case = ChildDeathCase.objects.get()
    body = response.content.decode()
    assert case.reference in body
    for answer in ["Secretname", "Hiddensurname", "Private Road", "9434765919", "Found unresponsive", "Nina"]:
        assert answer not in body
    assert case.identity.nhs_number == "9434765919"
    assert case.age_band == "28-364d" and case.stage == "notified"
    assert case.reference == "CDOP-2026-001", "the year's first reference, from the one reference scheme"
    [change] = StageChange.objects.all()
    assert (change.subject, change.move, change.to_stage, change.by) == (case, "notify", "notified", None)
    email, confirmation = mail.outbox
    assert email.to == [coordinator.email] and case.reference in email.body
    assert confirmation.to == ["nina@nhs.example"] and case.reference in confirmation.body
    for sent in [email, confirmation]:
        for answer in ["Secretname", "Hiddensurname", "Private Road", "9434765919", "Found unresponsive", "Home"]:
            assert answer not in sent.body and answer not in sent.subject
    assert Deadline.objects.get(kind="cdop.triage").due_on.isoformat() == "2026-11-12"
    assert client.get("/cdop/notify/sent/").status_code == 302, "the reference is shown once"
    assert client.get("/cdop/notify/check/").url == "/cdop/notify/child/", "the answers left the session"


def test_an_error_keeps_every_answer_already_given(client):
    answer_everything(client)
    response = client.post("/cdop/notify/death/", {**ANSWERS["death"], "place_of_death": ""})
    assert "Enter place of death" in " ".join(error_summary(response))
    check = client.get("/cdop/notify/check/")
    assert check.status_code == 200 and "Hiddensurname" in check.content.decode()


@pytest.mark.parametrize(
    ("step", "changes", "message"),
    [
        ("child", {"nhs_number": "943 476 5918"}, "Enter a valid NHS number"),
        ("child", {"nhs_number": "12345"}, "Enter a valid NHS number"),
        ("child", {"nhs_number": ""}, "Enter the NHS number, or tick that it is not available"),
        ("child", {"nhs_number_not_available": "on"}, "not both"),
        ("death", {"date_of_death_0": "13"}, "Date of death must be today or in the past"),
        ("death", {"date_of_death_1": "2"}, "Date of death must be the same as or after the date of birth"),
        ("child", {"date_of_birth_2": "1" * 20}, "Date of birth must include a year with 4 numbers"),
        ("child", {"date_of_birth_2": "26"}, "Date of birth must include a year with 4 numbers"),
        ("child", {"date_of_birth_1": "\x00"}, "Date of birth must be a real date"),
        ("death", {"date_of_death_0": "31", "date_of_death_1": "2"}, "Date of death must be a real date"),
        ("death", {"date_of_death_2": "99999"}, "Date of death must include a year with 4 numbers"),
        ("death", {"date_of_death_2": "-1"}, "Date of death must be a real date"),
        ("circumstances", {"circumstances": "x" * 3_000_000}, "What happened must be 5,000 characters or fewer"),
        ("circumstances", {"circumstances": "x" * 5001}, "must be 5,000 characters or fewer"),
        ("child", {"first_name": "<script>alert(1)</script>"}, "write plain text only"),
        ("notifier", {"notifier_email": "not an email"}, "Enter a valid email address"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(client, step, changes, message):
    response = answer_everything(client, **{step: changes})
    assert response.status_code == 200
    assert message in " ".join(error_summary(response))
    assert "<script>alert" not in response.content.decode()
    assert client.post("/cdop/notify/check/").status_code == 302
    assert not ChildDeathCase.objects.exists() and not ChildIdentity.objects.exists()


def test_not_available_is_accepted_for_the_nhs_number(client):
    answer_everything(client, child={"nhs_number": "", "nhs_number_not_available": "on"})
    client.post("/cdop/notify/check/")
    assert ChildIdentity.objects.get().nhs_number == ""


def test_the_honeypot_refuses_robots_and_saves_nothing(client):
    answer_everything(client)
    response = client.post("/cdop/notify/check/", {"website": "http://spam.example"})
    assert "could not be sent" in " ".join(error_summary(response))
    assert not ChildDeathCase.objects.exists()


def test_sending_is_rate_limited_per_address(client):
    for _ in range(5):
        answer_everything(client)
        assert client.post("/cdop/notify/check/").status_code == 302
    answer_everything(client)
    response = client.post("/cdop/notify/check/")
    assert "several times in a short time" in " ".join(error_summary(response))
    assert ChildDeathCase.objects.count() == 5


def test_refused_sends_never_count_against_the_limit(client):
    answer_everything(client)
    for _ in range(10):
        client.post("/cdop/notify/check/", {"website": "http://spam.example"})
    assert client.post("/cdop/notify/check/").status_code == 302
    assert ChildDeathCase.objects.count() == 1


def test_an_unknown_step_is_not_found(client):
    assert client.get("/cdop/notify/nothing/").status_code == 404


def stored_session_size(client) -> int:
    from django.contrib.sessions.models import Session

    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def test_the_session_keeps_only_each_pages_own_answers_however_much_is_posted(client):
    junk = {f"extra_{number}": "j" * 10_000 for number in range(400)}  # 4 MB of fields no page has
    for step, data in ANSWERS.items():
        first = next(iter(data))
        twice = client.post(f"/cdop/notify/{step}/", {**junk, **data, first: ["x" * 1_000_000, data[first]]})
        assert twice.status_code == 200 and error_summary(twice), "two values for one answer are refused"
        assert client.post(f"/cdop/notify/{step}/", {**junk, **data}).status_code == 302
    assert stored_session_size(client) < 5_000
    stored = client.session["cdop_notification"]
    assert set(stored["child"]) == set(ANSWERS["child"])
    assert stored["death"]["date_of_death_0"] == ["10"]
    check = client.get("/cdop/notify/check/")
    assert check.status_code == 200 and "jjjj" not in check.content.decode()


def test_a_huge_answer_gets_a_clear_message_and_is_not_kept(client):
    answer_everything(client)
    before = stored_session_size(client)
    response = client.post("/cdop/notify/child/", {**ANSWERS["child"], "first_name": "x" * 4_000_000})
    assert response.status_code == 200
    assert error_summary(response) == ["First name must be 100 characters or fewer"]
    assert len(response.content) < 100_000, "the page does not echo the whole value back"
    assert stored_session_size(client) == before
    assert client.session["cdop_notification"]["child"]["first_name"] == ["Secretname"]


def test_the_pages_are_rate_limited_per_address(client):
    from cdop.views import STEP_LIMIT_PER_HOUR

    for _ in range(STEP_LIMIT_PER_HOUR):
        assert client.post("/cdop/notify/child/", ANSWERS["child"]).status_code == 302
    response = client.post("/cdop/notify/child/", {**ANSWERS["child"], "first_name": "Changed"})
    assert "several times in a short time" in " ".join(error_summary(response))
    assert client.session["cdop_notification"]["child"]["first_name"] == ["Secretname"]
