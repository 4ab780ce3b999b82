"""Pickers that search, then offer at most 50 radios (issue 15): the Form B page's agency and the panel agenda's
case. The page never lists the whole table: its HTML and its queries are the same with 60 rows as with 600."""

import pytest

from cdop import selectors
from cdop.forms import SHOWN
from cdop.models import ChildDeathCase, FormBRequest
from partnership.models import Organisation
from tests.cdop.factories import CaseGatheringFactory, CaseNotifiedFactory, CasePanelFactory
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.html import error_summary, page, text
from tests.plans import assert_read_by_index
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

HOSTILE = ["a\x00b", "x" * 10_000, "<script>", "%", "_", "'; DROP TABLE x; --", "²"]
FORGED = ["99999999999999999999", "²", "1\x00", "-1", "abc", ""]


def agencies(first: int, last: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(name=f"Harbour Agency {n:04d}", type="other", is_member=False) for n in range(first, last)
    )


def cases_like(case, first: int, last: int) -> None:
    """Copies of a case at its stage, cheaply (the picker reads the case row only)."""
    copies = []
    for n in range(first, last):
        copy = ChildDeathCase.objects.get(pk=case.pk)
        copy.pk, copy.reference, copy.pseudonym = None, f"PICK-{n:05d}", f"Pick child {n:05d}"
        copies.append(copy)
    ChildDeathCase.objects.bulk_create(copies)


def radios(response, name: str) -> list[str]:
    return [label.get_text(strip=True) for label in page(response).select(f"input[name={name}] + label")]


@pytest.fixture
def signed_in(sign_in, coordinator):
    return sign_in(coordinator)


def test_the_agency_is_found_by_part_of_its_name(signed_in, case, agency):
    url = f"/cdop/cases/{case.pk}/form-b/new/"
    assert radios(signed_in.get(url), "organisation") == [], "nothing is listed before a search"
    assert radios(signed_in.get(url + "?agency=barnet found"), "organisation") == [agency.name]
    missing = signed_in.get(url + "?agency=nowhere")
    assert radios(missing, "organisation") == [] and "No agencies match “nowhere”." in text(missing)


def test_at_most_50_agencies_are_listed_and_the_page_is_the_same_with_ten_times_more(signed_in, case):
    url = f"/cdop/cases/{case.pk}/form-b/new/?agency=harbour"
    agencies(0, 60)
    small, response = queries_for(signed_in, url)
    listed = radios(response, "organisation")
    assert listed == [f"Harbour Agency {n:04d}" for n in range(SHOWN)]
    assert "More than 50 agencies match “harbour”" in text(response)
    agencies(60, 600)
    large, response = queries_for(signed_in, url)
    assert (large, radios(response, "organisation")) == (small, listed)
    assert_read_by_index(selectors.agencies_named("harbour")[: SHOWN + 1], "partnership_organisation")


def test_the_chosen_agency_stays_chosen_when_the_form_is_shown_with_errors(signed_in, case):
    agencies(0, 60)
    chosen = Organisation.objects.get(name="Harbour Agency 0055")  # beyond the 50 listed
    response = signed_in.post(f"/cdop/cases/{case.pk}/form-b/new/?agency=harbour", {"organisation": chosen.pk})
    assert error_summary(response) == ["Enter the name of the professional", "Enter their email address"]
    checked = page(response).select_one("input[name=organisation][checked]")
    assert checked["value"] == str(chosen.pk) and len(radios(response, "organisation")) == SHOWN + 1


def test_hostile_searches_and_forged_agencies_get_a_govuk_error(signed_in, case, agency):
    url = f"/cdop/cases/{case.pk}/form-b/new/"
    for words in HOSTILE:
        response = signed_in.get(url, {"agency": words})
        assert response.status_code == 200, repr(words[:20])
    assert error_summary(signed_in.get(url, {"agency": "x" * 10_000}))
    assert error_summary(signed_in.get(url, {"agency": "a\x00b"}))
    disabled = Organisation.objects.create(name="Closed Agency", type="other", is_member=False, is_active=False)
    for forged in [*FORGED, str(disabled.pk)]:
        posted = {"organisation": forged, "professional_name": "Pat", "professional_email": "pat@a.example"}
        response = signed_in.post(url + "?agency=agency", posted)
        assert response.status_code == 200, repr(forged)
        assert error_summary(response), repr(forged)
    for junk in ["1\x00", "\x00", "\x00" * 50, f"{agency.pk}\x00", "1\x001"]:
        posted = {"organisation": junk, "professional_name": "Pat", "professional_email": "pat@a.example"}
        response = signed_in.post(url + "?agency=agency", posted)
        assert response.status_code == 200, repr(junk)
        assert error_summary(response) == ["Choose an agency from the list"], repr(junk)  # the form's, not Django's
    assert not FormBRequest.objects.exists()


def test_the_agenda_lists_what_is_on_it_apart_and_offers_only_cases_that_can_join(signed_in, coordinator):
    meeting = PanelMeetingFactory()
    on_it, gathering, notified = CasePanelFactory(), CaseGatheringFactory(), CaseNotifiedFactory()
    signed_in.post(f"/cdop/meetings/{meeting.pk}/agenda/", {"case": on_it.pk})
    response = signed_in.get(f"/cdop/meetings/{meeting.pk}/agenda/")
    assert [li.get_text(strip=True) for li in page(response).select("#agenda li")][0].startswith(on_it.reference)
    offered = " ".join(radios(response, "case"))
    assert gathering.reference in offered and on_it.reference not in offered and notified.reference not in offered
    found = signed_in.get(f"/cdop/meetings/{meeting.pk}/agenda/", {"reference": gathering.reference.lower()})
    assert [label.split(",")[0] for label in radios(found, "case")] == [gathering.reference]
    missing = signed_in.get(f"/cdop/meetings/{meeting.pk}/agenda/", {"reference": "NOPE-"})
    assert radios(missing, "case") == [] and "No cases that can go on the agenda match “NOPE-”." in text(missing)


def test_at_most_50_cases_are_offered_and_the_page_is_the_same_with_ten_times_more(signed_in):
    meeting = PanelMeetingFactory()
    cases_like(CaseGatheringFactory(reference="PICK-AAAAA"), 0, 60)
    urls = [f"/cdop/meetings/{meeting.pk}/agenda/", f"/cdop/meetings/{meeting.pk}/agenda/?reference=pick-0"]

    def measure():
        return {
            url: (lambda counted: (counted[0], radios(counted[1], "case")))(queries_for(signed_in, url)) for url in urls
        }

    small = measure()
    for _count, listed in small.values():
        assert len(listed) == SHOWN
    assert "More than 50 cases match “pick-0”" in text(signed_in.get(urls[1]))
    cases_like(ChildDeathCase.objects.get(reference="PICK-AAAAA"), 60, 600)
    assert measure() == small
    assert_read_by_index(selectors.agenda_candidates(meeting)[: SHOWN + 1], "cdop_childdeathcase")
    assert_read_by_index(selectors.agenda_candidates(meeting, "pick-00")[: SHOWN + 1], "cdop_childdeathcase")


def test_hostile_case_searches_and_forged_cases_get_a_govuk_error(signed_in):
    meeting = PanelMeetingFactory()
    closed_or_notified = CaseNotifiedFactory()
    url = f"/cdop/meetings/{meeting.pk}/agenda/"
    for words in HOSTILE:
        assert signed_in.get(url, {"reference": words}).status_code == 200, repr(words[:20])
    assert error_summary(signed_in.get(url, {"reference": "x" * 10_000}))
    for forged in [*FORGED, str(closed_or_notified.pk)]:
        response = signed_in.post(url, {"case": forged})
        assert response.status_code == 200, repr(forged)
        assert error_summary(response), repr(forged)
    assert not meeting.agenda.exists()
