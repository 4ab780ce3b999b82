"""Form B by signed link: good for one request, expiring, revocable, re-sendable, locked once submitted."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cdop import services_form_b
from cdop.models import FormBRequest
from partnership.models import Deadline, SiteSettings
from partnership.selectors import stage_history
from tests.cdop.factories import FormBRequestFactory, FormBSubmittedFactory
from tests.cdop.form_b_answers import SECTIONS, complete, link
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db
INVALID = "This Form B link cannot be used"


def refused(response):
    body = response.content.decode()
    return response.status_code == 400 and INVALID in body and "Pat Practitioner" not in body


def test_sending_emails_a_link_and_starts_a_clock_the_agency_sees(
    case, coordinator, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        form_b = services_form_b.form_b_send(
            case=case,
            organisation=agency,
            professional_name="Pat",
            professional_email="Pat@Agency.example",
            by=coordinator,
        )
    [email] = mail.outbox
    assert email.to == ["pat@agency.example"] and f"/cdop/form-b/{form_b.pk}/link/" in email.body
    assert "Secretname" not in email.body
    deadline = Deadline.objects.get(kind="cdop.form_b_due")
    assert deadline.organisation == agency
    assert deadline.due_on == timezone.localdate() + timedelta(days=14)


def test_the_professional_can_reply_to_the_cdop_mailbox_once_it_is_set(
    case, coordinator, agency, django_capture_on_commit_callbacks
):
    def send():
        with django_capture_on_commit_callbacks(execute=True):
            services_form_b.form_b_send(
                case=case,
                organisation=agency,
                professional_name="Pat",
                professional_email="pat@a.example",
                by=coordinator,
            )
        return mail.outbox[-1]

    assert send().reply_to == []
    SiteSettings.objects.update_or_create(pk=1, defaults={"cdop_email": "cdop@ncl.example"})
    email = send()
    assert email.reply_to == ["cdop@ncl.example"]
    assert "write to the CDOP team at cdop@ncl.example" in email.body


def test_a_good_link_shows_the_form_and_not_the_childs_identity(client, form_b):
    response = client.get(link(form_b))
    assert response.status_code == 200
    body = response.content.decode()
    assert form_b.case.pseudonym in body and "Secretname" not in body and "9434765919" not in body
    version = page(response).select_one("form input[type=hidden][name=version]")
    assert version["value"] == str(form_b.version), "the form carries its version, so a stale second tab is refused"


def test_an_expired_link_is_refused(client, form_b):
    token = services_form_b.form_b_token(form_b)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert refused(client.get(link(form_b, token)))


def test_a_tampered_link_is_refused(client, form_b):
    token = services_form_b.form_b_token(form_b)
    assert refused(client.get(link(form_b, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))))


def test_a_revoked_link_is_refused(client, form_b, coordinator):
    token = services_form_b.form_b_token(form_b)
    services_form_b.form_b_revoke(form_b=form_b, by=coordinator)
    assert refused(client.get(link(form_b, token)))
    assert refused(client.post(link(form_b, token), complete()))


def test_a_link_for_another_request_is_refused(client, form_b, coordinator):
    other = FormBRequestFactory(sent_by=coordinator, case=form_b.case)
    assert refused(client.get(f"/cdop/form-b/{other.pk}/link/{services_form_b.form_b_token(form_b)}/"))


def test_a_link_is_refused_once_the_form_is_submitted(client, form_b):
    url = link(form_b)
    response = client.post(url, {**complete(), "submit": "", "version": form_b.version})
    assert response.url == "/cdop/form-b/done/"
    assert refused(client.get(url))
    assert refused(client.post(url, {**complete(involvement="Changed"), "submit": ""}))
    assert FormBRequest.objects.get().involvement == "Known facts."


def test_sending_again_replaces_the_old_link(client, form_b, coordinator):
    old = link(form_b)
    services_form_b.form_b_resend(form_b=form_b, by=coordinator)
    assert refused(client.get(old))
    assert client.get(link(FormBRequest.objects.get())).status_code == 200


def test_a_practitioner_saves_a_draft_and_submits_on_a_second_visit(client, form_b):
    url = link(form_b)
    client.post(url, {"involvement": "Weekly sessions", "draft": "", "version": form_b.version})
    form_b.refresh_from_db()
    assert form_b.stage == "draft"
    second = client.get(url)
    assert "Weekly sessions" in second.content.decode()
    response = client.post(
        url,
        {
            "contact_name": "Pat, youth worker",
            "involvement": "Weekly sessions",
            "not_known": SECTIONS[1:],
            "submit": "",
            "version": form_b.version,
        },
    )
    form_b.refresh_from_db()
    assert response.status_code == 302 and form_b.stage == "submitted"
    assert ("The child's health", "Not known") in form_b.answers()
    assert Deadline.objects.get(kind="cdop.form_b_due").met_on == timezone.localdate()
    history = stage_history(form_b)
    assert [row.change.move for row in history] == ["send", "save_draft", "submit"]


def test_the_form_b_page_shows_the_requests_history(client, sign_in, coordinator, form_b):
    services_form_b.form_b_revoke(form_b=form_b, by=coordinator)
    sign_in(coordinator)
    history = text(client.get(f"/cdop/form-b/{form_b.pk}/"), "#stage-history + div")
    assert "Sent to the professional" in history and "Withdrawn" in history


def test_submitting_an_incomplete_form_says_what_is_missing_and_keeps_it_open(client, form_b):
    response = client.post(link(form_b), {"involvement": "Some", "submit": "", "version": form_b.version})
    assert "Still to do" in " ".join(error_summary(response))
    assert FormBRequest.objects.get().stage == "sent"


def test_script_and_oversized_text_are_refused_and_nothing_saved(client, form_b):
    response = client.post(
        link(form_b), {**complete(involvement="<script>x</script>", deprivation="y" * 5001), "draft": ""}
    )
    errors = " ".join(error_summary(response))
    assert "plain text only" in errors and "5,000" in errors
    assert "<script>x" not in response.content.decode()
    assert FormBRequest.objects.get().involvement == ""


def test_agency_users_see_their_organisations_requests_only(client, sign_in, form_b, agency_user, other_agency):
    FormBRequestFactory(
        sent_by=form_b.sent_by, case=form_b.case, organisation=other_agency, professional_name="Someone Else"
    )
    sign_in(agency_user)
    listing = text(client.get("/cdop/form-b/"))
    assert "Young Barnet Foundation" in listing and "Barnet Mencap" not in listing
    response = client.post(f"/cdop/form-b/{form_b.pk}/edit/", {**complete(), "submit": "", "version": form_b.version})
    assert response.status_code == 302 and FormBRequest.objects.get(pk=form_b.pk).stage == "submitted"


def test_a_submitted_form_cannot_be_sent_again_or_withdrawn(coordinator):
    submitted = FormBSubmittedFactory(sent_by=coordinator)
    with pytest.raises(Exception, match="“Submitted”"):
        services_form_b.form_b_resend(form_b=submitted, by=coordinator)
    with pytest.raises(Exception, match="“Submitted”"):
        services_form_b.form_b_revoke(form_b=submitted, by=coordinator)


def test_the_coordinator_sees_what_is_outstanding(client, sign_in, coordinator, form_b):
    done = FormBSubmittedFactory(sent_by=coordinator, case=form_b.case, organisation=form_b.organisation)
    sign_in(coordinator)
    response = client.get("/cdop/form-b/")
    outstanding = text(response, "table")
    assert f"/cdop/form-b/{form_b.pk}/" in str(response.content) and form_b.case.reference in outstanding
    assert "Sent" in outstanding and "Submitted" not in outstanding
    assert f"/cdop/form-b/{done.pk}/" not in response.content.decode()
    submitted = client.get("/cdop/form-b/?show=submitted")
    assert f"/cdop/form-b/{done.pk}/" in submitted.content.decode()
    assert f"/cdop/form-b/{form_b.pk}/" not in submitted.content.decode()
