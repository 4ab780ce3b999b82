"""The printable case summary and the case list's CSV: what the partnership takes to meetings and reports, by
pseudonym only; a child's identifying details never leave the logged identities page."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from partnership.models import AccessEvent
from reviews import services
from tests.html import page, text
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def with_identity(case, manager):
    child = case.children.get()
    services.child_identity_record(
        child=child, full_name="Alex Realname", nhs_number="9434765919", address="1 Real Street", by=manager
    )
    return case


def test_the_case_summary_shows_the_case_by_pseudonym_without_identifying_details(manager, sign_in, reps):
    case = with_identity(f.WithPanelFactory(children=["Child Q"]), manager)
    client = sign_in(manager)
    assert reverse("reviews:case-summary", args=[case.pk]) in {
        a["href"] for a in page(client.get(case.get_absolute_url())).select("main a")
    }
    response = client.get(reverse("reviews:case-summary", args=[case.pk]))
    html = response.content.decode()
    assert "Child Q" in text(response)
    assert "Rapid review meeting" in text(response)
    for detail in ["Alex Realname", "9434765919", "943 476 5919", "1 Real Street"]:
        assert detail not in html
    assert reverse("reviews:case-identities", args=[case.pk]) not in html
    assert AccessEvent.objects.filter(action="viewed serious incident case summary").exists()


def test_the_print_styles_hide_the_site_around_the_summary():
    scss = (Path(settings.BASE_DIR) / "assets" / "bscp.scss").read_text()
    rules = scss[scss.index("@media print") :]
    for selector in [".bscp-masthead", ".govuk-service-navigation", ".govuk-footer", ".bscp-no-print"]:
        assert selector in rules


def test_the_case_list_downloads_as_csv_by_pseudonym_only(manager, sign_in, reps):
    published = with_identity(f.WithPanelFactory(children=["Child Q"]), manager)
    f.CaseFactory(children=["Child R"])
    client = sign_in(manager)
    link = page(client.get(reverse("reviews:case-list"))).select_one("main a[href$='.csv']")
    response = client.get(link["href"])
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()  # streamed, row by row
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Children"] for row in rows} == {"Child Q", "Child R"}
    row = next(row for row in rows if row["Reference"] == published.reference)
    assert row["Stage"] == "Rapid review with the Panel"
    assert row["Rapid review sent to the Panel"] == published.rapid_review.sent_on.isoformat()
    assert "Alex Realname" not in content


def test_the_csv_keeps_the_stage_filter(manager, sign_in, reps):
    f.WithPanelFactory(children=["Child Q"])
    f.CaseFactory(children=["Child R"])
    response = sign_in(manager).get(reverse("reviews:case-export") + "?stage=referred")
    content = b"".join(response.streaming_content).decode()
    assert [row["Children"] for row in csv.DictReader(io.StringIO(content))] == ["Child R"]
