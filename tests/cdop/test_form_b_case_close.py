"""Closing a case withdraws its open Form B requests: their links then say the form is no longer needed and who
to contact, never show the form, and the requests leave My work."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cdop import selectors, services, services_form_b
from cdop.models import FORM_B_DUE, FormBRequest
from partnership.errors import Refusal
from partnership.models import Deadline, SiteSettings
from partnership.selectors import stage_history
from partnership.workflow import start
from tests.cdop.factories import AnalysisCompleteFactory, FormBRequestFactory, FormBSubmittedFactory
from tests.cdop.form_b_answers import complete, link
from tests.html import text

pytestmark = pytest.mark.django_db
NO_LONGER = "This Form B is no longer needed: the case has closed"


@pytest.fixture
def open_request(coordinator, agency):
    case = AnalysisCompleteFactory().case
    form_b = FormBRequestFactory(case=case, organisation=agency, sent_by=coordinator)
    start(form_b, "send", by=coordinator, due={FORM_B_DUE: form_b.due_on})
    return form_b


def test_closing_withdraws_each_open_request_through_its_machine(open_request, coordinator):
    done = FormBSubmittedFactory(case=open_request.case, sent_by=coordinator)
    services.case_close(case=open_request.case, by=coordinator)
    open_request.refresh_from_db()
    assert open_request.stage == "revoked" and open_request.revoked_at
    [*_, withdrawn] = stage_history(open_request)
    assert (withdrawn.change.move, withdrawn.change.note) == ("withdraw", "The case closed")
    assert Deadline.objects.get(kind=FORM_B_DUE).cancelled_on == timezone.localdate()
    assert FormBRequest.objects.get(pk=done.pk).stage == "submitted"


def test_the_link_then_says_the_form_is_no_longer_needed_with_the_coordinators_contact(
    client, open_request, coordinator
):
    url = link(open_request)
    SiteSettings.objects.update_or_create(pk=1, defaults={"cdop_email": "cdop@ncl.example"})
    services.case_close(case=open_request.case, by=coordinator)
    response = client.get(url)
    assert response.status_code == 410
    shown = text(response)
    assert NO_LONGER in shown and "cdop@ncl.example" in shown and "Pat Practitioner" not in shown
    assert 'name="involvement"' not in response.content.decode()
    posted = client.post(url, {**complete(), "submit": ""})
    assert posted.status_code == 410 and FormBRequest.objects.get().involvement == ""


def test_without_a_cdop_mailbox_the_page_says_to_contact_the_coordinator_who_sent_it(client, open_request, coordinator):
    services.case_close(case=open_request.case, by=coordinator)
    assert "contact the CDOP coordinator who sent it" in text(client.get(link(open_request)))


def test_a_forged_link_to_a_closed_cases_request_is_still_just_invalid(client, open_request, coordinator):
    token = services_form_b.form_b_token(open_request)
    services.case_close(case=open_request.case, by=coordinator)
    response = client.get(link(open_request, token[:-2] + ("AA" if token[-2:] != "AA" else "BB")))
    assert response.status_code == 400 and NO_LONGER not in response.content.decode()


def test_withdrawn_requests_leave_my_work(client, sign_in, open_request, coordinator, agency_user):
    sign_in(agency_user)
    assert open_request.case.reference in text(client.get(reverse("staff-home")))
    services.case_close(case=open_request.case, by=coordinator)
    assert not selectors.outstanding_form_b(agency_user).exists()
    assert not selectors.outstanding_form_b(coordinator).exists()
    assert open_request.case.reference not in text(client.get(reverse("staff-home")))


def test_a_closed_cases_request_cannot_be_sent_again(open_request, coordinator):
    services.case_close(case=open_request.case, by=coordinator)
    with pytest.raises(Refusal, match="The case is closed"):
        services_form_b.form_b_resend(form_b=FormBRequest.objects.get(), by=coordinator)
