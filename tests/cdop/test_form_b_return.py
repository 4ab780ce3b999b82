"""The coordinator returns a submitted Form B for changes: a reason, a fresh link by email, the clock again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cdop import services_form_b
from cdop.models import FormBRequest
from partnership.errors import Refusal
from partnership.models import Deadline
from partnership.selectors import stage_history
from tests.cdop.form_b_answers import complete, link
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
REASON = "Please add the dates of the health visitor's contacts."


@pytest.fixture
def submitted(client, form_b):
    client.post(link(form_b), {**complete(), "submit": "", "version": form_b.version})
    form_b.refresh_from_db()
    assert form_b.stage == "submitted"
    return form_b


def test_returning_emails_a_fresh_link_with_the_reason_and_starts_the_clock_again(
    client, submitted, coordinator, django_capture_on_commit_callbacks
):
    old = link(submitted)
    with django_capture_on_commit_callbacks(execute=True):
        returned = services_form_b.form_b_return(form_b=submitted, reason=REASON, by=coordinator)
    assert returned.stage == "returned" and returned.get_stage_display() == "Returned for changes"
    due = timezone.localdate() + timedelta(days=7)
    assert returned.due_on == due
    deadline = Deadline.objects.get(kind="cdop.form_b_due")
    assert deadline.due_on == due and deadline.met_on is None
    [email] = mail.outbox
    assert email.to == ["pat@agency.example"] and "returned for changes" in email.subject
    assert REASON in email.body and link(returned) in email.body and old not in email.body
    assert client.get(old).status_code == 400
    form = client.get(link(returned))
    assert REASON in text(form, "#return-reason") and "Weekly sessions." in form.content.decode()


def test_the_return_days_are_a_setting(submitted, coordinator, settings):
    settings.CDOP_FORM_B_RETURN_DAYS = 3
    returned = services_form_b.form_b_return(form_b=submitted, reason=REASON, by=coordinator)
    assert returned.due_on == timezone.localdate() + timedelta(days=3)


def test_the_professional_saves_and_submits_again(client, submitted, coordinator):
    returned = services_form_b.form_b_return(form_b=submitted, reason=REASON, by=coordinator)
    url = link(returned)
    client.post(url, {**complete(involvement="Contacts on 1 and 8 March."), "draft": "", "version": returned.version})
    returned.refresh_from_db()
    assert returned.stage == "returned" and returned.involvement == "Contacts on 1 and 8 March."
    again = {**complete(involvement="Contacts on 1 and 8 March."), "submit": "", "version": returned.version}
    response = client.post(url, again)
    assert response.status_code == 302
    returned.refresh_from_db()
    assert returned.stage == "submitted"
    assert Deadline.objects.get(kind="cdop.form_b_due").met_on == timezone.localdate()
    moves = [row.change.move for row in stage_history(returned)]
    assert moves == ["send", "submit", "return_for_changes", "submit"]
    assert [row.change.note for row in stage_history(returned)][2] == REASON


def test_the_coordinator_returns_it_from_the_form_b_page_and_must_give_a_reason(
    client, sign_in, submitted, coordinator
):
    sign_in(coordinator)
    detail = page(client.get(f"/cdop/form-b/{submitted.pk}/"))
    url = detail.find("a", string="Return for changes")["href"]
    assert url == f"/cdop/form-b/{submitted.pk}/return/"
    response = client.post(url, {"reason": "  "})
    assert error_summary(response) == ["Say why the Form B is returned"]
    assert FormBRequest.objects.get().stage == "submitted"
    response = client.post(url, {"reason": REASON})
    assert response.url == f"/cdop/form-b/{submitted.pk}/"
    shown = text(client.get(response.url))
    assert "Returned for changes" in shown and REASON in shown


def test_only_a_submitted_form_is_returned(form_b, coordinator):
    with pytest.raises(Refusal, match="“Sent”"):
        services_form_b.form_b_return(form_b=form_b, reason=REASON, by=coordinator)


def test_the_agency_cannot_return_a_form(client, sign_in, submitted, agency_user):
    sign_in(agency_user)
    assert client.post(f"/cdop/form-b/{submitted.pk}/return/", {"reason": REASON}).status_code == 404
    assert FormBRequest.objects.get().stage == "submitted"


def test_a_returned_form_is_outstanding_again(client, sign_in, submitted, coordinator):
    services_form_b.form_b_return(form_b=submitted, reason=REASON, by=coordinator)
    sign_in(coordinator)
    assert "Returned for changes" in text(client.get("/cdop/form-b/"), "table")
