"""Every CDOP model is in the admin; stage changes there go through the services."""

import pytest

from cdop.models import ChildDeathCase, FormBRequest
from partnership.models import AccessEvent, StageChange
from tests.cdop.factories import AnalysisCompleteFactory, CasePanelFactory, FormBRequestFactory

pytestmark = pytest.mark.django_db
MODELS = ["childdeathcase", "childidentity", "jointagencyresponse", "formbrequest", "panelanalysis"]


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_a_working_admin_list(client, sign_in, administrator, model):
    CasePanelFactory()
    sign_in(administrator)
    assert client.get(f"/admin/cdop/{model}/").status_code == 200


def test_closing_in_the_admin_uses_the_service(client, sign_in, administrator):
    complete = CasePanelFactory(analysis=None)
    AnalysisCompleteFactory(case=complete)
    incomplete = CasePanelFactory()
    sign_in(administrator)
    response = client.post(
        "/admin/cdop/childdeathcase/",
        {"action": "close", "_selected_action": [complete.pk, incomplete.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert f"{incomplete}: The analysis is not complete. Still needed: category of death" in " ".join(shown)
    assert "1 case(s) closed." in shown and not any("[" in message for message in shown)
    assert ChildDeathCase.objects.get(pk=complete.pk).stage == "closed"
    assert ChildDeathCase.objects.get(pk=incomplete.pk).stage == "panel"
    assert StageChange.objects.get().to_stage == "closed"


def test_withdrawing_in_the_admin_uses_the_service(client, sign_in, administrator):
    form_b = FormBRequestFactory()
    sign_in(administrator)
    client.post("/admin/cdop/formbrequest/", {"action": "revoke", "_selected_action": [form_b.pk]}, follow=True)
    assert FormBRequest.objects.get().stage == "revoked"


def test_opening_identifying_details_in_the_admin_is_logged(client, sign_in, administrator):
    case = CasePanelFactory()
    sign_in(administrator)
    assert client.get(f"/admin/cdop/childidentity/{case.identity.pk}/change/").status_code == 200
    assert AccessEvent.objects.filter(action="viewed identifying details", user=administrator).exists()


def test_the_staff_home_lists_outstanding_form_b_for_the_agency(client, sign_in, agency_user):
    form_b = FormBRequestFactory(organisation=agency_user.organisation)
    sign_in(agency_user)
    body = client.get("/staff/").content.decode()
    assert "Form B requests outstanding" in body and form_b.case.reference in body
