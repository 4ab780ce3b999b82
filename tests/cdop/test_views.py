"""The coordinator's and the panel's pages: who sees what, the access log, fixed query counts, exports."""

from datetime import date

import pytest

from cdop.models import ChildDeathCase
from partnership.models import AccessEvent
from partnership.roles import Role
from tests.cdop.factories import CaseClosedFactory, CaseNotifiedFactory, CasePanelFactory, JarFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import UserFactory
from tests.html import error_summary, text

pytestmark = pytest.mark.django_db
IDENTIFYING = ["Secretname", "Hiddensurname", "Private Road", "9434765919"]


def test_identifying_details_are_shown_to_the_coordinator_and_each_view_is_logged(
    client, sign_in, coordinator, case, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    sign_in(coordinator)
    response = client.get(f"/cdop/cases/{case.pk}/identity/", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert all(value in response.content.decode() for value in IDENTIFYING)
    event = AccessEvent.objects.get(action="viewed identifying details")
    assert event.user == coordinator and event.subject == case.identity
    assert event.address == "203.0.113.5"  # the person's own address, not the load balancer's


@pytest.mark.parametrize("url", ["/cdop/", "/cdop/panel/{pk}/", "/cdop/cases/{pk}/"])
def test_lists_and_case_pages_show_the_pseudonym_never_the_identity(client, sign_in, coordinator, panel_member, url):
    case = CasePanelFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])  # a panel member sees their meetings' cases only
    sign_in(coordinator if "cases" in url else panel_member)
    body = client.get(url.format(pk=case.pk)).content.decode()
    assert case.pseudonym in body
    assert not any(value in body for value in IDENTIFYING)


@pytest.mark.parametrize("role", [Role.PARTNERSHIP_MANAGER, Role.REVIEW_GROUP_MEMBER, Role.AGENCY_USER])
def test_nobody_else_sees_cdop_data(client, sign_in, role):
    case = CasePanelFactory()
    sign_in(UserFactory(roles=[role]))
    for url in ["/cdop/", f"/cdop/cases/{case.pk}/", f"/cdop/panel/{case.pk}/", "/cdop/figures/", "/cdop/export.csv"]:
        assert client.get(url).status_code == 404, url


def test_panel_members_cannot_open_the_coordinators_pages(client, sign_in, panel_member, case):
    sign_in(panel_member)
    assert client.get(f"/cdop/cases/{case.pk}/identity/").status_code == 404
    assert client.get(f"/cdop/cases/{case.pk}/").status_code == 404


def bulk_cases(count: int, start: int = 0):
    ChildDeathCase.objects.bulk_create(
        ChildDeathCase(
            reference=f"CDOP-2026-B{n:06d}", pseudonym=f"Child B{n:06d}", borough="enfield", sex="male",
            ethnicity="not_known", age_band="1-4y", date_of_death=date(2026, 1, 1), place_of_death="Home",
            post_mortem="no", circumstances="Bulk", notifier_name="N", notifier_role="R", notifier_organisation="O",
            notifier_email="n@example.org", stage="gathering",
        )
        for n in range(start, start + count)
    )  # fmt: skip


@pytest.mark.parametrize("count", [10, 10_000])
def test_the_case_list_makes_the_same_number_of_queries_for_10_and_10000_cases(
    client, sign_in, coordinator, django_assert_num_queries, count
):
    bulk_cases(count)
    sign_in(coordinator)
    client.get("/cdop/")
    # The page's Form Bs outstanding in one grouped query; the session and the alert banner come from the cache
    with django_assert_num_queries(7):
        response = client.get("/cdop/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 10_000])
def test_the_panel_view_makes_the_same_number_of_queries_for_10_and_10000_cases(
    client, sign_in, panel_member, django_assert_num_queries, count
):
    bulk_cases(count)
    case = CaseClosedFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])
    sign_in(panel_member)
    client.get(f"/cdop/panel/{case.pk}/")
    with django_assert_num_queries(6):
        assert client.get(f"/cdop/panel/{case.pk}/").status_code == 200


def test_the_coordinator_triages_through_the_page(client, sign_in, coordinator):
    case = CaseNotifiedFactory()
    sign_in(coordinator)
    data = {
        "borough": "haringey", "death_expected": "no", "jar_triggers": ["external"], "abuse_suspected": "no",
        "coroner_involved": "yes", "post_mortem": "yes", "version": case.version,
    }  # fmt: skip
    response = client.post(f"/cdop/cases/{case.pk}/decisions/", data, follow=True)
    assert "Decisions saved." in text(response)
    case.refresh_from_db()
    assert case.stage == "gathering" and case.jar_needed and case.borough == "haringey"
    history = text(response, "#stage-history + div")
    assert "Immediate decisions made" in history and "Gathering information" in history


@pytest.mark.parametrize(
    "summary",
    [
        "Secretname died at home.",
        "NHS number 9434765919 on the referral.",
        "NHS number 943 476 5919 on the referral.",
        "NHS number 943-476-5919 on the referral.",
        "NHS number 943 - 476 - 5919 on the referral.",
        "NHS number 943.476.5919 on the referral.",
    ],
)
def test_the_panel_summary_may_not_name_the_child_or_give_their_nhs_number(client, sign_in, coordinator, case, summary):
    sign_in(coordinator)
    data = {"panel_summary": summary, "version": case.version}
    response = client.post(f"/cdop/cases/{case.pk}/meetings/", data)
    assert "must not name the child or give their NHS number" in " ".join(error_summary(response))
    assert ChildDeathCase.objects.get(pk=case.pk).panel_summary == ""


def test_other_numbers_in_the_panel_summary_are_fine(client, sign_in, coordinator, case):
    sign_in(coordinator)
    summary = "Seen 943 times; ward 476, bed 5919; call 020 8359 4066."
    response = client.post(f"/cdop/cases/{case.pk}/meetings/", {"panel_summary": summary, "version": case.version})
    assert error_summary(response) == []
    assert ChildDeathCase.objects.get(pk=case.pk).panel_summary == summary


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1" * 20, "Date of the home or scene visit must include a year with 4 numbers"),
        ("99999", "Date of the home or scene visit must include a year with 4 numbers"),
        ("2999", "Date of the home or scene visit must be today or in the past"),
    ],
)
def test_a_hostile_joint_agency_response_date_is_refused_and_nothing_saved(client, sign_in, coordinator, year, message):
    jar = JarFactory()
    sign_in(coordinator)
    data = {"version": jar.version, "home_visit_on_0": "1", "home_visit_on_1": "1", "home_visit_on_2": year,
            "attended": "Police, paediatrician"}  # fmt: skip
    response = client.post(f"/cdop/cases/{jar.case.pk}/jar/", data)
    assert response.status_code == 200
    assert error_summary(response) == [message]
    jar.refresh_from_db()
    assert jar.home_visit_at is None and jar.attended == ""


def test_the_panel_records_its_analysis(client, sign_in, panel_member):
    case = CasePanelFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])
    sign_in(panel_member)
    data = {
        "category": "8", "child_factors": "1", "family_factors": "0", "parenting_factors": "0", "service_factors": "2",
        "modifiable": "yes", "modifiable_reasons": "Delay in transfer", "learning": "Transfer protocols",
        "version": case.analysis.version,
    }  # fmt: skip
    response = client.post(f"/cdop/panel/{case.pk}/analysis/", data, follow=True)
    assert "analysis is saved" in text(response)
    case.analysis.refresh_from_db()
    assert case.analysis.category == 8 and case.analysis.modifiable and case.analysis.missing() == []


def test_the_coordinator_refers_suspected_abuse_from_the_case_page(client, sign_in, coordinator):
    case = CaseNotifiedFactory(stage="gathering", abuse_suspected=True)
    sign_in(coordinator)
    page = client.get(f"/cdop/cases/{case.pk}/")
    assert "Refer as a serious incident case for consideration" in text(page)
    response = client.post(f"/cdop/cases/{case.pk}/refer/", follow=True)
    case.refresh_from_db()
    assert case.referral_reference.startswith("SI-") and case.referral_reference in text(response)


def test_the_panels_list_and_analysis_pages_make_the_same_number_of_queries_for_10_and_10000_cases(
    client, sign_in, panel_member
):
    from tests.queries import queries_for

    case = CasePanelFactory()
    PanelMeetingFactory(members=[panel_member], cases=[case])
    sign_in(panel_member)
    urls = {"/cdop/": "Cases, most recent first", f"/cdop/panel/{case.pk}/analysis/": case.pseudonym}

    def queries():
        counts = []
        for url, expected in urls.items():
            count, response = queries_for(client, url)
            assert expected in text(response), url
            counts.append(count)
        return counts

    bulk_cases(9)
    small = queries()
    bulk_cases(9_990, start=9)
    assert ChildDeathCase.objects.count() == 10_000
    assert queries() == small
