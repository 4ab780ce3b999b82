import pytest
from django.core import mail
from django.test import RequestFactory

from partnership.antispam import HoneypotForm, rate_limit_exceeded
from partnership.notify import email_on_commit


def test_rate_limit_allows_the_limit_then_refuses_per_address():
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="192.0.2.1")
    other = factory.post("/", REMOTE_ADDR="192.0.2.2")
    results = [rate_limit_exceeded(first, scope="test", limit=3, per_seconds=60) for _ in range(4)]
    assert results == [False, False, False, True]
    assert rate_limit_exceeded(other, scope="test", limit=3, per_seconds=60) is False


def test_honeypot_filled_in_is_refused():
    assert HoneypotForm({"website": ""}).is_valid()
    form = HoneypotForm({"website": "http://spam.example"})
    assert not form.is_valid()


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_on_commit(
            to=["lead@agency.example", ""],
            subject="Hello",
            template="partnership/email/invitation.txt",
            context={"invitation": {"first_name": "Sam"}, "link": "https://portal.example/x"},
        )
    assert [message.to for message in mail.outbox] == [["lead@agency.example"]]
    assert "Hello Sam," in mail.outbox[0].body
