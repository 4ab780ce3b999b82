import pytest
from django.core import mail
from django.test import RequestFactory

from partnership.antispam import HoneypotForm, client_address, rate_limit_exceeded, rate_limit_reached
from partnership.notify import email_on_commit


def test_rate_limit_allows_the_limit_then_refuses_per_address():
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="192.0.2.1")
    other = factory.post("/", REMOTE_ADDR="192.0.2.2")
    results = [rate_limit_exceeded(first, scope="test", limit=3, per_seconds=60) for _ in range(4)]
    assert results == [False, False, False, True]
    assert rate_limit_exceeded(other, scope="test", limit=3, per_seconds=60) is False


def test_checking_a_rate_limit_does_not_count_an_attempt():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        assert rate_limit_reached(request, scope="test", limit=2) is False
    rate_limit_exceeded(request, scope="test", limit=2, per_seconds=60)
    assert rate_limit_reached(request, scope="test", limit=2) is False
    rate_limit_exceeded(request, scope="test", limit=2, per_seconds=60)
    assert rate_limit_reached(request, scope="test", limit=2) is True


def through(forwarded_for: str | None, remote: str = "10.0.0.1"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("hops", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),  # no proxy configured: the header is the visitor's own invention
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # what the visitor put on the left is ignored
        (1, " 203.0.113.5 ", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 198.51.100.2", "203.0.113.5"),  # a CDN, then the load balancer
        (2, "198.51.100.2", "10.0.0.1"),  # shorter than the proxies: fall back to the connecting address
        (1, None, "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
        (1, "203.0.113.5:4711", "10.0.0.1"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
        (1, "::ffff:203.0.113.5", "203.0.113.5"),
    ],
)
def test_the_client_address_comes_from_the_trusted_proxy_hops(settings, hops, forwarded_for, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_address(through(forwarded_for)) == expected


def test_no_valid_address_at_all_is_none(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(through("junk", remote="")) is None


def test_visitors_behind_one_proxy_have_their_own_rate_limits(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    first, second = through("203.0.113.5"), through("203.0.113.6")
    assert [rate_limit_exceeded(first, scope="test", limit=1, per_seconds=60) for _ in range(2)] == [False, True]
    assert rate_limit_exceeded(second, scope="test", limit=1, per_seconds=60) is False


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
