"""Emails: every link is built from SITE_URL (never from the request's Host header), a subject always fits in a
header, and a plain-text body is not HTML-escaped."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from partnership.links import absolute_url
from partnership.notify import SUBJECT_MAX_LENGTH, email_body, email_on_commit, email_subject

ROOT = Path(__file__).resolve().parents[2]
APPS = ["partnership", "content", "boards", "reviews", "cdop", "audits", "bscp_portal"]
LINK_FROM_THE_REQUEST = (
    r"\{\{\s*(protocol|domain|site_url)\b"  # Django's own password reset context
    r"|request\.(get_host|build_absolute_uri|scheme|META)"
    r"|\{%\s*url\b"  # a bare path: the link must be absolute, from SITE_URL
)


@pytest.mark.parametrize("site_url", ["https://portal.bscp.example", "https://portal.bscp.example/"])
def test_absolute_links_come_from_the_site_url(settings, site_url):
    settings.SITE_URL = site_url
    assert absolute_url("/staff/") == "https://portal.bscp.example/staff/"
    assert absolute_url() == "https://portal.bscp.example/"


def test_no_code_builds_a_link_from_the_request_and_only_one_helper_reads_the_site_url():
    offending = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            source = path.read_text()
            relative = str(path.relative_to(ROOT))
            if "build_absolute_uri" in source or "get_current_site" in source:
                offending.append(f"{relative} builds a link from the request")
            if "settings.SITE_URL" in source and relative != "partnership/links.py":
                offending.append(f"{relative} reads SITE_URL instead of calling partnership.links.absolute_url")
    assert offending == []


def test_no_email_template_builds_a_link_from_the_request():
    templates = sorted((ROOT / "templates").glob("**/email/*.txt"))
    assert len(templates) >= 10  # the scan finds them
    offending = [
        str(path.relative_to(ROOT)) for path in templates if re.search(LINK_FROM_THE_REQUEST, path.read_text())
    ]
    assert offending == [], "build links with partnership.links.absolute_url and pass them as {{ link }}"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Annual report", "Annual report"),
        ("Annual\r\nreport", "Annual report"),
        ("Annual\nBcc: everyone@example.com", "Annual Bcc: everyone@example.com"),
        ("Tab\there\x00and\x07bell\u2028line", "Tab here and bell line"),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_a_subject_becomes_one_clean_line(subject, expected):
    assert email_subject(subject) == expected


def test_a_long_subject_is_cut_to_fit():
    cut = email_subject("word " * 100)
    assert len(cut) == SUBJECT_MAX_LENGTH and cut.endswith("…")


@pytest.mark.django_db(transaction=True)
def test_an_email_with_a_newline_in_its_subject_is_still_sent():
    email_on_commit(
        to=["lead@agency.example"],
        subject="Hello\r\nBcc: someone@example.com",
        template="partnership/email/invitation.txt",
        context={"invitation": {"first_name": "Sam"}, "link": "https://portal.example/x"},
    )
    assert [message.subject for message in mail.outbox] == ["Hello Bcc: someone@example.com"]
    assert mail.outbox[0].bcc == []


def test_a_plain_text_body_is_not_html_escaped():
    body = email_body("partnership/email/invitation.txt", {"invitation": {"first_name": "Siobhán O'Brien <Sam>"}})
    assert "Hello Siobhán O'Brien <Sam>," in body


@pytest.mark.django_db
def test_the_password_reset_link_comes_from_the_site_url_whatever_the_host_header(
    manager, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://portal.bscp.example"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password-reset/", {"email": manager.email}, HTTP_HOST="attacker.example")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert re.search(r"^https://portal\.bscp\.example/accounts/password-reset/\S+/\S+/$", message.body, re.MULTILINE)
    assert "attacker" not in message.body
