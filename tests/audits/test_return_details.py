"""What the manager and the organisation see of a return and a cycle: due dates, feedback, exports, order."""

import csv
import io
from datetime import date, datetime

import pytest
from django.urls import reverse

from audits import services
from audits.models import AreaResponse, CriterionResponse
from partnership.locking import NO_VERSION_MESSAGE
from tests.audits.factories import CycleFactory, fill, published_version
from tests.audits.test_views import area_post, area_url
from tests.forms import date_data
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


def _submitted(audit_return, agency_user):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    audit_return.refresh_from_db()
    return audit_return


def test_the_return_page_shows_the_due_date_after_it_is_sent_back(
    client, sign_in, audit_return, agency_user, manager, frozen_time
):
    frozen_time.move_to(datetime(2026, 6, 25, 10, 0))
    _submitted(audit_return, agency_user)
    services.return_send_back(audit_return=audit_return, by=manager)
    sign_in(agency_user)
    assert text(client.get(audit_return.get_absolute_url()), "#due-on") == "16 July 2026"  # 15 working days on
    assert "16 July 2026" in text(client.get(reverse("audits:my-returns")), "table")
    assert "30 June 2026" not in text(client.get(reverse("audits:my-returns")), "table")


def test_area_feedback_is_hidden_from_the_organisation_until_the_decision(
    client, sign_in, audit_return, agency_user, manager
):
    _submitted(audit_return, agency_user)
    response = audit_return.area_responses.first()
    services.review_save(audit_return=audit_return, by=manager, version=audit_return.version, areas={
        response.pk: {"moderated_rating": "red", "feedback": "Draft: evidence thin"}})  # fmt: skip
    sign_in(agency_user)
    detail = text(client.get(audit_return.get_absolute_url()))
    assert "Draft: evidence thin" not in detail and "Partnership's rating" not in detail
    history = text(client.get(reverse("audits:organisation-history", args=[audit_return.organisation_id])))
    assert "Partnership: Red" not in history
    sign_in(manager)
    assert "Draft: evidence thin" in text(client.get(audit_return.get_absolute_url()))
    services.return_send_back(audit_return=audit_return, by=manager)
    sign_in(agency_user)
    detail = text(client.get(audit_return.get_absolute_url()))
    assert "Draft: evidence thin" in detail and "Partnership's rating" in detail


def test_the_cycle_exports_as_csv_and_the_workbook_has_area_feedback(
    client, sign_in, audit_return, agency_user, manager
):
    from openpyxl import load_workbook

    _submitted(audit_return, agency_user)
    response = audit_return.area_responses.first()
    services.review_save(audit_return=audit_return, by=manager, version=audit_return.version, areas={
        response.pk: {"moderated_rating": "amber", "feedback": "Show the impact"}})  # fmt: skip
    sign_in(manager)
    cycle_page = page(client.get(audit_return.cycle.get_absolute_url()))
    link = cycle_page.find("a", string="Download the summary as CSV")
    download = client.get(link["href"])
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Organisation", "Stage"]
    assert [audit_return.reference, "Young Barnet Foundation", "Submitted"] in [row[:3] for row in rows]
    book = load_workbook(io.BytesIO(client.get(reverse("audits:cycle-export", args=[audit_return.cycle_id])).content))
    feedback = list(book["Area feedback"].values)
    assert ("Young Barnet Foundation", "Standard 1", "Green", "Amber", "Show the impact") in feedback


def test_the_audits_page_lists_cycles_newest_first(client, sign_in, manager):
    version = published_version()
    CycleFactory(version=version, title="Last year", year=2025, opens_on=date(2025, 4, 1), due_on=date(2025, 6, 30))
    other = published_version()
    CycleFactory(version=other, title="A spring cycle", year=2026, opens_on=date(2026, 3, 1))
    CycleFactory(version=version, title="Z summer cycle", year=2026, opens_on=date(2026, 5, 1))
    sign_in(manager)
    rows = [
        a.get_text() for a in page(client.get(reverse("audits:cycle-list"))).select("table tbody tr td:first-child a")
    ]
    assert rows == ["Z summer cycle", "A spring cycle", "Last year"]


def test_a_cycle_cannot_be_created_past_due_nor_twice_for_a_tool_and_year(client, sign_in, manager):
    version = published_version()
    sign_in(manager)
    data = {"title": "Late", "year": 2026, "version": version.pk, **date_data("opens_on", "2026-03-01"),
            **date_data("due_on", "2026-04-14"), "invited_types": ["vcf"]}  # fmt: skip
    assert "The due date must be today or in the future" in error_summary(
        client.post(reverse("audits:cycle-create"), data)
    )
    data.update(title="Section 11 2026", **date_data("due_on", "2026-07-01"))
    client.post(reverse("audits:cycle-create"), data)
    data.update(title="Again")
    response = client.post(reverse("audits:cycle-create"), data)
    assert f"There is already a cycle of {version.tool} for 2026: Section 11 2026" in error_summary(response)
    assert version.cycles.count() == 1


def test_an_area_form_without_its_version_is_refused(client, sign_in, audit_return, agency_user):
    sign_in(agency_user)
    data = area_post(audit_return)
    del data["version"]
    response = client.post(area_url(audit_return), data)
    assert NO_VERSION_MESSAGE in error_summary(response)
    assert not AreaResponse.objects.exists() and not CriterionResponse.objects.exists()


def test_colleagues_editing_different_areas_are_not_refused(client, sign_in, audit_return, agency_user):
    from tests.audits.test_views import area_version

    sign_in(agency_user)
    first = page(client.get(area_url(audit_return, 0))).select_one("input[name=version]")["value"]
    second = page(client.get(area_url(audit_return, 1))).select_one("input[name=version]")["value"]
    client.post(area_url(audit_return, 0), area_post(audit_return, version=first))
    response = client.post(area_url(audit_return, 1), area_post(audit_return, version=second), follow=True)
    assert error_summary(response) == []
    assert text(response, "#progress") == "2 of 2 areas complete"
    stale = area_post(audit_return, version=first, **{"c0-how_met": "A second, stale edit"})
    assert any("Someone else saved this record" in e for e in error_summary(client.post(area_url(audit_return), stale)))
    assert area_version(audit_return, 0) != int(first)
