"""Issue 13 items 5 to 7: an agency summary's clock always has a way to close; each statutory partner sees the
rapid reviews waiting for it, reads what it signs, and may record a disagreement that holds the review back;
a care leaver's death is notified whether or not abuse or neglect is suspected."""

from datetime import timedelta

import pytest
from django.urls import reverse

from partnership.errors import Refusal
from partnership.models import Deadline
from partnership.selectors import deadlines_for
from reviews import services
from reviews.models import Case, SignOff
from tests.factories import OrganisationFactory
from tests.forms import date_data
from tests.html import error_summary, page, text
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db
SUMMARY_DUE = "reviews.agency_summary_due"


def _request_summary(case):
    agency = OrganisationFactory(name="Young Barnet Foundation")
    return services.agency_summary_request(
        case=case, organisation=agency, requested_on=case.rapid_review.opened_on,
        due_on=case.rapid_review.opened_on + timedelta(days=3), by=f.a_manager(),
    )  # fmt: skip


def _summary_case(reps):
    """A case whose summary was asked for during the rapid review and never came, then taken on."""
    manager = f.a_manager()
    case = f.RapidReviewFactory()
    request = _request_summary(case)
    services.rapid_review_record(case=case, meeting_on=case.referred_on + timedelta(days=10), facts="F.", by=manager)
    for rep in reps:
        services.rapid_review_sign_off(case=case, partner=rep.organisation, by=rep)
    case = services.rapid_review_send(case=Case.objects.get(pk=case.pk), sent_on=f.today(), by=manager)
    return case, request, manager


def test_a_summary_arriving_after_the_review_went_to_the_panel_is_recorded_on_the_page(reps, sign_in):
    case, request, manager = _summary_case(reps)
    assert case.stage == "with_panel"
    client = sign_in(manager)
    url = reverse("reviews:case-step", args=[case.pk, "summary-received"])
    assert url in {a["href"] for a in page(client.get(case.get_absolute_url())).select("main a")}
    version = Case.objects.get(pk=case.pk).version
    data = {"version": version, "request": request.pk, **date_data("received_on", f.today())}
    assert client.post(url, data).status_code == 302
    assert Deadline.objects.get(object_id=request.pk, kind=SUMMARY_DUE).met_on == f.today()
    assert not [d for d in deadlines_for(manager) if d.kind == SUMMARY_DUE]


def test_the_manager_withdraws_a_summary_that_will_not_come_with_a_reason(reps, sign_in):
    case, request, manager = _summary_case(reps)
    client = sign_in(manager)
    url = reverse("reviews:case-step", args=[case.pk, "withdraw-summary"])
    version = Case.objects.get(pk=case.pk).version
    response = client.post(url, {"version": version, "request": request.pk, "reason": " "})
    assert error_summary(response) == ["Give the reason for withdrawing the request"]
    assert Deadline.objects.get(object_id=request.pk, kind=SUMMARY_DUE).is_open
    data = {"version": version, "request": request.pk, "reason": "The agency had no contact with the family."}
    assert client.post(url, data).status_code == 302
    assert Deadline.objects.get(object_id=request.pk, kind=SUMMARY_DUE).cancelled_on == f.today()
    assert "Withdrawn" in text(client.get(case.get_absolute_url()))
    assert "The agency had no contact with the family." in text(client.get(case.get_absolute_url()))
    with pytest.raises(Refusal, match="already been received or withdrawn"):
        services.agency_summary_receive(request=request, received_on=f.today(), by=manager)


def test_closing_the_case_withdraws_its_outstanding_summaries_and_cancels_their_clocks(reps):
    case, request, manager = _summary_case(reps)
    services.review_decide(case=case, decision="no_further_action", rationale="None.", decided_on=f.today(), by=manager)
    assert not Deadline.objects.open().filter(kind=SUMMARY_DUE).exists()
    request.refresh_from_db()
    assert request.withdrawal_reason == "The case closed before the summary was received"


def test_the_demo_leaves_no_agency_summary_clock_open_past_the_rapid_review():
    import io

    from partnership.demo import load as load_partnership
    from reviews import demo

    load_partnership(io.StringIO())
    demo.load(io.StringIO())
    for deadline in Deadline.objects.open().filter(kind=SUMMARY_DUE):
        assert deadline.subject.rapid_review.case.stage == "rapid_review", deadline.title


def test_a_representative_reads_the_findings_and_records_a_disagreement_the_manager_sees(reps, sign_in):
    case = f.RapidReviewRecordedFactory()
    police_rep = reps[1]
    client = sign_in(police_rep)
    home = client.get(reverse("staff-home"))
    url = reverse("reviews:case-step", args=[case.pk, "sign-off"])
    assert url in {a["href"] for a in page(home).select("main a")}
    form_page = text(client.get(url))
    assert "What you are signing off" in form_page and "Facts." in form_page
    version = Case.objects.get(pk=case.pk).version
    response = client.post(url, {"version": version, "agrees": "no", "reasons": ""})
    assert error_summary(response) == ["Give the reasons for the disagreement"]
    assert not SignOff.objects.exists()
    reasons = "The facts leave out the police contact in March."
    assert client.post(url, {"version": version, "agrees": "no", "reasons": reasons}).status_code == 302
    manager = f.a_manager()
    assert reasons in text(sign_in(manager).get(case.get_absolute_url()))
    assert "Rapid reviews a statutory partner disagrees with" in text(sign_in(manager).get(reverse("staff-home")))
    services.rapid_review_sign_off(case=case, partner=reps[0].organisation, by=reps[0])  # another partner agrees
    assert "you recorded a disagreement" in text(sign_in(police_rep).get(reverse("staff-home")))
    assert case.reference not in text(sign_in(reps[0]).get(reverse("staff-home")))


def test_the_review_cannot_go_to_the_panel_while_a_partner_disagrees_until_it_signs_off(reps):
    case = f.RapidReviewRecordedFactory()
    la_rep, police_rep, health_rep = reps
    services.rapid_review_sign_off(case=case, partner=la_rep.organisation, by=la_rep)
    services.rapid_review_sign_off(case=case, partner=health_rep.organisation, by=health_rep)
    services.rapid_review_sign_off(
        case=case, partner=police_rep.organisation, by=police_rep, agrees=False, reasons="Facts incomplete."
    )
    with pytest.raises(Refusal, match="while Metropolitan Police Service disagrees"):
        services.rapid_review_send(case=Case.objects.get(pk=case.pk), sent_on=f.today(), by=f.a_manager())
    assert Case.objects.get(pk=case.pk).stage == "rapid_review"
    # Resolved under the protocol: the partner signs off; its earlier reasons stay on record.
    services.rapid_review_sign_off(case=case, partner=police_rep.organisation, by=police_rep)
    sign_off = SignOff.objects.get(partner=police_rep.organisation)
    assert (sign_off.agrees, sign_off.reasons) == (True, "Facts incomplete.")
    case = services.rapid_review_send(case=Case.objects.get(pk=case.pk), sent_on=f.today(), by=f.a_manager())
    assert case.stage == "with_panel"


def test_a_care_leavers_death_is_notified_without_abuse_or_neglect_ticked(manager, sign_in, reps):
    case = f.CaseFactory()
    client = sign_in(manager)
    data = {
        "version": case.version, **date_data("meeting_on", f.today()), "death_or_serious_harm": "on",
        "care_leaver_death": "on", "decision": "notify", "rationale": "A care leaver aged 20 died.",
        **date_data("aware_on", f.today()),
    }  # fmt: skip
    response = client.post(reverse("reviews:case-step", args=[case.pk, "decide"]), data)
    assert response.status_code == 302, error_summary(response)
    case = Case.objects.get(pk=case.pk)
    assert (case.stage, case.abuse_or_neglect) == ("notification", False)
    url = reverse("reviews:case-step", args=[case.pk, "notify"])
    checked = page(client.get(url)).select_one("input[name=care_status][checked]")
    assert checked["value"] == "care_leaver"
    data = {"version": case.version, **date_data("sent_on", f.today()), "care_status": "care_leaver"}
    assert client.post(url, data).status_code == 302
    case = Case.objects.get(pk=case.pk)
    assert case.stage == "closed"
    assert case.notification.abuse_or_neglect_suspected is False


def test_without_abuse_or_neglect_only_a_care_leavers_death_is_notified(manager, reps):
    case = f.CaseFactory()
    with pytest.raises(Exception, match="unless the child was a care leaver"):
        services.case_for_consideration_decide(
            case=case, meeting_on=f.today(), decision="notify", rationale="R.", death_or_serious_harm=True,
            aware_on=f.today(), by=manager,
        )  # fmt: skip
    assert Case.objects.get(pk=case.pk).stage == "referred"
