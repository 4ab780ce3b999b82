"""Issue 16: "My work" lists a clock only to those who may open the record it links to, by the rule the record's
own page applies (`AppConfig.openable_subjects`), not by the clock's audience alone: an administrator given the
coordinator's right by name still may not open a child death case, so its clocks stay off their list."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cdop.models import FormBRequest
from cdop.models.cases import JAR_HOME_VISIT, TRIAGE
from cdop.models.form_b import FORM_B_DUE
from cdop.permissions import MANAGE_CASES
from partnership.roles import Role
from partnership.services import deadline_open
from tests.cdop.factories import CaseGatheringFactory, FormBRequestFactory
from tests.factories import UserFactory
from tests.html import page

pytestmark = pytest.mark.django_db

TITLES = {
    "triage": "Make the immediate decisions on CDOP-2026-X1",
    "jar": "Joint Agency Response home visit for CDOP-2026-X1",
    "form_b": "Form B from Young Barnet Foundation for CDOP-2026-X1",
}


@pytest.fixture
def clocks(agency):
    case = CaseGatheringFactory(reference="CDOP-2026-X1")
    form_b = FormBRequestFactory(case=case, organisation=agency, stage=FormBRequest.Stage.SENT)
    due = timezone.localdate() + timedelta(days=3)
    for subject, kind, title, organisation in [
        (case, TRIAGE, TITLES["triage"], None),
        (case.jar, JAR_HOME_VISIT, TITLES["jar"], None),
        (form_b, FORM_B_DUE, TITLES["form_b"], agency),
    ]:
        deadline_open(
            subject=subject,
            kind=kind,
            title=title,
            due_on=due,
            audience_permission=MANAGE_CASES,
            organisation=organisation,
        )


def _clocks_listed(client) -> dict[str, str]:
    """The clocks on the person's My work: title to link."""
    rows = page(client.get(reverse("staff-home"))).select("main table a[href]")
    return {anchor.get_text(strip=True): anchor["href"] for anchor in rows}


def _given_by_name(user, permission: str):
    app_label, codename = permission.split(".")
    user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", {"triage", "jar", "form_b"}),
        ("agency_user", {"form_b"}),
        ("administrator", set()),
        ("panel_member", set()),
        ("other_agency_user", set()),
    ],
)
def test_my_work_lists_a_clock_only_to_those_who_may_open_its_record(
    request, clocks, sign_in, administrator, other_agency, who, expected
):
    people = {
        "coordinator": lambda: UserFactory(roles=[Role.CDOP_COORDINATOR]),
        "agency_user": lambda: request.getfixturevalue("agency_user"),
        # The coordinator's right given by name: the clocks' audience, but not a CDOP role, so no case page.
        "administrator": lambda: _given_by_name(administrator, MANAGE_CASES),
        "panel_member": lambda: UserFactory(roles=[Role.CDOP_PANEL_MEMBER]),
        "other_agency_user": lambda: UserFactory(organisation=other_agency, roles=[Role.AGENCY_USER]),
    }
    client = sign_in(people[who]())
    listed = _clocks_listed(client)
    assert {key for key, title in TITLES.items() if title in listed} == expected
    for title, href in listed.items():
        assert client.get(href).status_code == 200, title
