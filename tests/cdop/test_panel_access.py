"""A panel member sees only the cases on the agenda of a meeting they are invited to (not cancelled); the
coordinator sees every case; My work shows the member their meetings and those cases."""

import pytest
import time_machine
from django.urls import reverse

from cdop import services_panel
from partnership.roles import Role
from tests.cdop.factories import CasePanelFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import UserFactory
from tests.html import page, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield


@pytest.fixture
def cases():
    return {"mine": CasePanelFactory(), "other meeting": CasePanelFactory(), "no meeting": CasePanelFactory()}


@pytest.fixture
def meetings(panel_member, cases):
    colleague = UserFactory(roles=[Role.CDOP_PANEL_MEMBER])
    return {
        "mine": PanelMeetingFactory(members=[panel_member], cases=[cases["mine"]]),
        "other": PanelMeetingFactory(members=[colleague], cases=[cases["other meeting"]]),
    }


def test_a_panel_member_opens_only_their_meetings_cases(client, sign_in, panel_member, cases, meetings):
    sign_in(panel_member)
    assert client.get(f"/cdop/panel/{cases['mine'].pk}/").status_code == 200
    assert client.get(f"/cdop/panel/{cases['mine'].pk}/analysis/").status_code == 200
    for name in ["other meeting", "no meeting"]:
        assert client.get(f"/cdop/panel/{cases[name].pk}/").status_code == 404
        assert client.get(f"/cdop/panel/{cases[name].pk}/analysis/").status_code == 404
    listed = [a.get_text() for a in page(client.get("/cdop/")).select("main table a")]
    assert listed == [cases["mine"].reference]
    assert client.get(f"/cdop/meetings/{meetings['mine'].pk}/").status_code == 200
    assert client.get(f"/cdop/meetings/{meetings['other'].pk}/").status_code == 404
    assert client.get(f"/cdop/meetings/{meetings['other'].pk}/pack/").status_code == 404
    assert [a["href"] for a in page(client.get("/cdop/meetings/")).select("main table a")] == [
        f"/cdop/meetings/{meetings['mine'].pk}/"
    ]


def test_a_cancelled_meeting_no_longer_opens_its_cases(client, sign_in, coordinator, panel_member, cases, meetings):
    services_panel.meeting_cancel(meeting=meetings["mine"], by=coordinator)
    sign_in(panel_member)
    assert client.get(f"/cdop/panel/{cases['mine'].pk}/").status_code == 404
    assert client.get(f"/cdop/meetings/{meetings['mine'].pk}/").status_code == 404


def test_a_panel_member_cannot_plan_or_change_meetings(client, sign_in, panel_member, cases, meetings):
    sign_in(panel_member)
    mine = meetings["mine"].pk
    for url in ["/cdop/meetings/new/", f"/cdop/meetings/{mine}/edit/", f"/cdop/meetings/{mine}/agenda/"]:
        assert client.get(url).status_code == 404
    for url in [
        f"/cdop/meetings/{mine}/invite/",
        f"/cdop/meetings/{mine}/cancel/",
        f"/cdop/meetings/{mine}/pack/issue/",
    ]:
        assert client.post(url).status_code == 404
    meeting_page = page(client.get(f"/cdop/meetings/{mine}/"))
    assert meeting_page.select("main form") == [], "no buttons of the coordinator's"


def test_the_coordinator_sees_every_case_and_meeting(client, sign_in, coordinator, cases, meetings):
    sign_in(coordinator)
    for case in cases.values():
        assert client.get(f"/cdop/panel/{case.pk}/").status_code == 200
    assert len(page(client.get("/cdop/")).select("main table tbody tr")) == 3
    assert len(page(client.get("/cdop/meetings/")).select("main table tbody tr")) == 2


def test_my_work_shows_the_panel_member_their_meetings_and_cases(client, sign_in, panel_member, cases, meetings):
    sign_in(panel_member)
    response = client.get(reverse("staff-home"))
    shown = text(response)
    assert "Panel meeting on 17 December 2026 at 14:00" in shown
    assert cases["mine"].reference in shown and cases["other meeting"].reference not in shown
    hrefs = {a["href"] for a in page(response).select("main a")}
    assert f"/cdop/meetings/{meetings['mine'].pk}/" in hrefs and f"/cdop/panel/{cases['mine'].pk}/" in hrefs
