"""The panel pack: each case's anonymised summary and the agencies' submitted Form B information with the child's
identifiers removed; previewed and issued by the coordinator, read by the invited members, every view logged."""

import pytest
import time_machine

from cdop import services_panel
from partnership.models import AccessEvent
from tests.cdop.factories import CasePanelFactory, FormBRequestFactory, FormBSubmittedFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.html import page, text

pytestmark = pytest.mark.django_db
IDENTIFIERS = ["Secretname", "Hiddensurname", "9434765919", "943 476 5919", "01/03/2026", "Private Road"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


@pytest.fixture
def meeting(coordinator, panel_member):
    case = CasePanelFactory(panel_summary="Child T, an infant, died suddenly at home; Secretname was 8 months old.")
    FormBSubmittedFactory(
        case=case,
        involvement="Secretname Hiddensurname (NHS 943 476 5919, born 01/03/2026) attended weekly play sessions.",
        family_environment="Lived with both parents at 1 Private Road.",
    )
    FormBRequestFactory(case=case, involvement="A draft that is not submitted: Secretname was seen once.")
    return PanelMeetingFactory(members=[panel_member], cases=[case])


def test_the_coordinator_previews_the_pack_with_identifiers_removed_and_issues_it(
    client, sign_in, coordinator, meeting
):
    sign_in(coordinator)
    preview = client.get(f"/cdop/meetings/{meeting.pk}/pack/")
    shown = text(preview)
    case = meeting.agenda.get().case
    assert f"{case.pseudonym}, {case.reference}" in shown and "Preview: not issued yet" in shown
    assert "[removed] [removed] (NHS [removed], born [removed]) attended weekly play sessions." in shown
    assert "Lived with both parents at [removed]." in shown
    assert "[removed] was 8 months old" in shown
    assert "A draft that is not submitted" not in shown, "submitted Form Bs only"
    assert case.get_age_band_display() in shown
    for identifier in IDENTIFIERS:
        assert identifier not in preview.content.decode()
    version = page(preview).select_one("form[action$='/pack/issue/'] input[name=version]")["value"]
    response = client.post(f"/cdop/meetings/{meeting.pk}/pack/issue/", {"version": version}, follow=True)
    assert "The pack is issued" in text(response)
    meeting.refresh_from_db()
    assert meeting.pack_issued_at is not None and meeting.pack_issued_by == coordinator


def test_a_stale_or_garbled_issue_is_refused(client, sign_in, coordinator, meeting):
    sign_in(coordinator)
    for version in ["999", "not a number", "\x00"]:
        response = client.post(f"/cdop/meetings/{meeting.pk}/pack/issue/", {"version": version}, follow=True)
        assert response.status_code == 200 and "The pack is issued" not in text(response)
    meeting.refresh_from_db()
    assert meeting.pack_issued_at is None


def test_an_invited_member_reads_the_pack_once_issued_and_each_view_is_logged(
    client, sign_in, coordinator, panel_member, meeting
):
    sign_in(panel_member)
    response = client.get(f"/cdop/meetings/{meeting.pk}/pack/", follow=True)
    assert "has not issued the pack yet" in text(response)
    assert "Preview the panel pack" not in text(client.get(f"/cdop/meetings/{meeting.pk}/"))
    assert not AccessEvent.objects.filter(action="viewed panel pack").exists()
    services_panel.pack_issue(meeting=meeting, version=None, by=coordinator)
    meeting_page = page(client.get(f"/cdop/meetings/{meeting.pk}/"))
    assert meeting_page.select_one(f"a[href='/cdop/meetings/{meeting.pk}/pack/']").get_text() == "Read the panel pack"
    response = client.get(f"/cdop/meetings/{meeting.pk}/pack/")
    assert response.status_code == 200
    assert "attended weekly play sessions" in text(response) and "Secretname" not in response.content.decode()
    assert page(response).select("form[action$='/pack/issue/']") == []
    [event] = AccessEvent.objects.filter(action="viewed panel pack")
    assert (event.user, event.subject, event.path) == (panel_member, meeting, f"/cdop/meetings/{meeting.pk}/pack/")


def test_the_pack_prints_each_case_on_its_own_page_without_the_portal_around_it(client, sign_in, coordinator):
    meeting = PanelMeetingFactory(cases=[CasePanelFactory(), CasePanelFactory()])
    sign_in(coordinator)
    sections = page(client.get(f"/cdop/meetings/{meeting.pk}/pack/")).select("section.bscp-pack-case")
    assert len(sections) == 2
    assert "No agency has submitted Form B for this case yet." in sections[0].get_text(" ")
