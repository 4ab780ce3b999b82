"""The agency directory in the coordinator's pages, and asking an agency from it (or one not in it) for Form B."""

import pytest
from django.core import mail

from cdop.models import FormBRequest
from partnership import directory
from partnership.models import Contact, Organisation
from tests.html import error_summary, page, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def surgery(coordinator):
    gp = directory.organisation_add(name="Demo Road Surgery", type="gp_practice", area="Barnet", by=coordinator)
    directory.contact_add(
        organisation=gp, name="Dr Kim Example", role="GP partner", email="kim@surgery.example", by=coordinator
    )
    return gp


@pytest.fixture
def signed_in(sign_in, coordinator):
    return sign_in(coordinator)


def test_the_list_searches_by_name_area_and_type_and_pages(signed_in, surgery):
    for n in range(55):
        Organisation.objects.create(name=f"Camden Hospital {n:02d}", type="hospital", area="Camden", is_member=False)
    listed = text(signed_in.get("/cdop/agencies/?q=kim"))
    assert "Demo Road Surgery" in listed and "Camden Hospital" not in listed
    assert "Demo Road Surgery" in text(signed_in.get("/cdop/agencies/?type=gp_practice&area=barn"))
    first = signed_in.get("/cdop/agencies/?area=Camden")
    assert "55 organisations" in text(first) and "Camden Hospital 49" in text(first)
    assert "Camden Hospital 50" in text(signed_in.get("/cdop/agencies/?area=Camden&page=2"))


def test_the_coordinator_adds_an_organisation_and_a_person(signed_in):
    response = signed_in.post(
        "/cdop/agencies/new/", {"name": "Enfield Demo Practice", "type": "gp_practice", "area": "Enfield"}
    )
    added = Organisation.objects.get(name="Enfield Demo Practice")
    assert response.url == f"/cdop/agencies/{added.pk}/" and not added.is_member
    signed_in.post(
        f"/cdop/agencies/{added.pk}/people/new/",
        {"name": "Dr Ade Example", "email": "ade@practice.example", "phone": "020 7946 0000"},
    )
    assert "Dr Ade Example" in text(signed_in.get(f"/cdop/agencies/{added.pk}/"))


def test_a_duplicate_or_a_bad_phone_number_is_refused_in_plain_words(signed_in, surgery):
    response = signed_in.post("/cdop/agencies/new/", {"name": "demo road surgery", "type": "gp_practice"})
    assert error_summary(response) == [
        "Demo Road Surgery is already in the directory: choose it instead of adding it again."
    ]
    response = signed_in.post(
        f"/cdop/agencies/{surgery.pk}/people/new/", {"name": "Dr X", "email": "x@surgery.example", "phone": "call me"}
    )
    assert error_summary(response) == ["Enter a telephone number in digits, like 020 7946 0000 or +44 20 7946 0000"]
    assert surgery.contacts.count() == 1


def test_disabling_keeps_the_record_and_takes_it_off_the_form_b_list(signed_in, surgery, case):
    signed_in.post(f"/cdop/agencies/{surgery.pk}/active/", {"active": "no"})
    surgery.refresh_from_db()
    assert not surgery.is_active
    found = signed_in.get(f"/cdop/cases/{case.pk}/form-b/new/?agency=demo road")
    assert not page(found).select("input[name=organisation]") and "No agencies match “demo road”." in text(found)
    signed_in.post(f"/cdop/agencies/{surgery.pk}/active/", {"active": "yes"})
    surgery.refresh_from_db()
    assert surgery.is_active


def test_a_member_agency_cannot_be_disabled_or_renamed_by_the_coordinator(signed_in, agency):
    assert signed_in.post(f"/cdop/agencies/{agency.pk}/active/", {"active": "no"}).status_code == 404
    signed_in.post(f"/cdop/agencies/{agency.pk}/edit/", {"name": "Renamed", "type": "other", "area": "Barnet"})
    agency.refresh_from_db()
    assert agency.name == "Young Barnet Foundation" and agency.area == "Barnet" and agency.is_active


def test_choosing_an_agency_offers_its_people_and_sends_to_the_one_chosen(
    signed_in, surgery, case, django_capture_on_commit_callbacks
):
    url = f"/cdop/cases/{case.pk}/form-b/new/"
    shown = signed_in.post(url, {"organisation": surgery.pk, "choose": ""})
    assert not error_summary(shown)
    assert "Dr Kim Example, GP partner (kim@surgery.example)" in text(shown)
    kim = Contact.objects.get(name="Dr Kim Example")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(url, {"organisation": surgery.pk, "contact": kim.pk, "finish": ""})
    sent = FormBRequest.objects.get()
    assert (sent.organisation, sent.professional_name, sent.professional_email) == (
        surgery,
        "Dr Kim Example",
        "kim@surgery.example",
    )
    assert mail.outbox[0].to == ["kim@surgery.example"]


def test_someone_else_at_the_agency_needs_a_name_and_an_email(signed_in, surgery, case):
    response = signed_in.post(f"/cdop/cases/{case.pk}/form-b/new/", {"organisation": surgery.pk, "finish": ""})
    assert error_summary(response) == ["Enter the name of the professional", "Enter their email address"]
    assert not FormBRequest.objects.exists()


def test_a_contact_of_another_agency_is_refused(signed_in, surgery, agency, case):
    kim = Contact.objects.get(name="Dr Kim Example")
    response = signed_in.post(
        f"/cdop/cases/{case.pk}/form-b/new/", {"organisation": agency.pk, "contact": kim.pk, "finish": ""}
    )
    assert error_summary(response) == ["Choose one of the agency's people, or give someone else's details"]
    assert not FormBRequest.objects.exists()


def test_an_agency_not_in_the_list_is_added_with_its_professional_and_asked(
    signed_in, case, django_capture_on_commit_callbacks
):
    answers = {
        "organisation_name": "Hertfordshire Demo Hospital",
        "organisation_type": "hospital",
        "area": "Hertfordshire",
        "professional_name": "Sam Nurse",
        "professional_role": "Named nurse",
        "professional_email": "Sam@Hospital.example",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(f"/cdop/cases/{case.pk}/form-b/new-agency/", answers)
    assert response.status_code == 302
    hospital = Organisation.objects.get(name="Hertfordshire Demo Hospital")
    assert not hospital.is_member and hospital.area == "Hertfordshire"
    assert hospital.contacts.get().email == "sam@hospital.example"
    assert FormBRequest.objects.get().organisation == hospital
    assert mail.outbox[0].to == ["sam@hospital.example"]


def test_an_agency_already_in_the_list_is_not_added_twice(signed_in, surgery, case):
    answers = {
        "organisation_name": "Demo Road Surgery",
        "organisation_type": "gp_practice",
        "professional_name": "Dr Lee",
        "professional_email": "lee@surgery.example",
    }
    response = signed_in.post(f"/cdop/cases/{case.pk}/form-b/new-agency/", answers)
    assert "already in the directory" in error_summary(response)[0]
    assert Organisation.objects.filter(name="Demo Road Surgery").count() == 1 and not FormBRequest.objects.exists()


def test_the_demo_directory_is_fictional_and_loads_once(settings):
    import io

    from cdop import demo
    from partnership import demo as partnership_demo

    settings.DEBUG = False
    partnership_demo.load(io.StringIO())
    demo._directory()
    demo._directory()
    entries = Organisation.objects.filter(is_member=False)
    assert entries.count() == len(demo.DIRECTORY) == Contact.objects.count()
    assert {"gp_practice", "hospital"} == set(entries.values_list("type", flat=True))
    assert all(email.endswith(".example") for email in Contact.objects.values_list("email", flat=True))
    assert not Contact.objects.exclude(phone="").exists()
