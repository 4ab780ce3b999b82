"""Form B as the national sections: typed answers where the national data set has them, read back in plain
words, the SUDI supplement for infants, drafts that accept anything valid and a submission that needs each
section answered or marked not known."""

from datetime import date

import pytest

from cdop import services_form_b
from cdop.models import FormBRequest
from tests.cdop.factories import CaseGatheringFactory, FormBSubmittedFactory
from tests.cdop.form_b_answers import SECTIONS, complete, link
from tests.html import error_summary, page

pytestmark = pytest.mark.django_db


def send(case, coordinator, agency, **extra):
    return services_form_b.form_b_send(
        case=case, organisation=agency, professional_name="Pat", professional_email="pat@a.example", by=coordinator,
        **extra,
    )  # fmt: skip


def test_typed_answers_read_in_plain_words_section_by_section():
    form_b = FormBSubmittedFactory(
        first_contact_on=date(2026, 3, 1),
        birth_weight_grams=3200,
        gestation_weeks=39,
        child_protection_plan="yes",
        sleep_position="back",
        sudi_needed=True,
        not_known=["bereavement"],
    )
    sections = dict(form_b.sections())
    background = dict(sections["Background: the agency's involvement"])
    assert background["Date of the agency's first contact with the child"] == "1 March 2026"
    assert background["Nature of the agency's involvement"] == "Weekly play sessions."
    assert background["Date of the agency's last contact with the child"] == "Not answered"
    health = dict(sections["The child's health"])
    assert health["Birth weight in grams"] == "3,200 grams" and health["Gestation at birth in weeks"] == "39 weeks"
    assert dict(sections["Care and safeguarding"])["Subject to a child protection plan"] == "Yes"
    sudi = dict(sections["Sudden unexpected death in infancy (SUDI) supplement"])
    assert sudi["Position the infant was placed to sleep"] == "On the back"
    assert sections["Bereavement support"] == [("The whole section", "Not known")]
    answers = dict(form_b.answers())
    assert answers["Care and safeguarding: Subject to a child protection plan"] == "Yes"
    assert answers["Bereavement support"] == "Not known"


def test_the_supplement_is_not_asked_for_an_older_child_and_answers_say_so(coordinator, agency):
    form_b = send(CaseGatheringFactory(age_band="5-9y"), coordinator, agency)
    assert not form_b.sudi_needed
    assert "Sudden unexpected death in infancy (SUDI) supplement" not in dict(form_b.sections())
    assert dict(form_b.answers())["Sudden unexpected death in infancy (SUDI) supplement"] == "Not asked"


def test_the_supplement_is_asked_for_an_infant_or_when_the_coordinator_ticks_it(client, coordinator, agency):
    infant = send(CaseGatheringFactory(age_band="28-364d"), coordinator, agency)
    toddler = send(CaseGatheringFactory(age_band="1-4y"), coordinator, agency, sudi_needed=True)
    older = send(CaseGatheringFactory(age_band="10-14y"), coordinator, agency)
    legends = {}
    for form_b in (infant, toddler, older):
        html = page(client.get(link(form_b)))
        legends[form_b.pk] = [legend.get_text(" ", strip=True) for legend in html.select("legend")]
    supplement = "Sudden unexpected death in infancy (SUDI) supplement"
    assert supplement in legends[infant.pk] and supplement in legends[toddler.pk]
    assert supplement not in legends[older.pk]
    assert "Care and safeguarding" in legends[older.pk] and "Family and environment" in legends[older.pk]


def test_yes_no_questions_are_radios_with_not_known(client, form_b):
    html = page(client.get(link(form_b)))
    values = [radio["value"] for radio in html.select("input[name=domestic_abuse]")]
    assert values == ["yes", "no", "not_known"] and html.select_one("input[name=birth_weight_grams][type=number]")


def test_a_draft_keeps_any_valid_partial_answer(client, form_b):
    response = client.post(
        link(form_b),
        {"birth_weight_grams": "3200", "sleep_place": "sofa", "first_contact_on_0": "1", "first_contact_on_1": "3",
         "first_contact_on_2": "2026", "draft": "", "version": form_b.version},
    )  # fmt: skip
    assert response.status_code == 302
    form_b.refresh_from_db()
    assert (form_b.stage, form_b.birth_weight_grams, form_b.sleep_place) == ("draft", 3200, "sofa")
    assert form_b.first_contact_on == date(2026, 3, 1)


def test_submitting_names_each_section_still_to_answer(client, form_b):
    answers = {**complete(), "child_protection_plan": "", "sleep_position": ""}
    response = client.post(link(form_b), {**answers, "submit": "", "version": form_b.version})
    [message] = error_summary(response)
    assert "Care and safeguarding" in message and "SUDI" in message and "The child's health" not in message
    assert FormBRequest.objects.get().stage == "sent"


def test_a_section_marked_not_known_needs_no_answers(client, form_b):
    answers = {**complete(), "child_protection_plan": "", "looked_after": "", "not_known": ["care"]}
    response = client.post(link(form_b), {**answers, "submit": "", "version": form_b.version})
    assert response.status_code == 302
    assert FormBRequest.objects.get().stage == "submitted"


def test_every_section_can_be_marked_not_known(client, form_b):
    answers = {"contact_name": "Pat", "not_known": SECTIONS, "submit": "", "version": form_b.version}
    assert client.post(link(form_b), answers).status_code == 302
    assert all(answer == "Not known" for _title, answer in FormBRequest.objects.get().answers())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_weight_grams", "99999999999999999999999", "Birth weight must be between 200 and 7,000 grams"),
        ("birth_weight_grams", "150", "Birth weight must be between 200 and 7,000 grams"),
        ("birth_weight_grams", "3kg", "Enter the birth weight in grams"),
        ("birth_weight_grams", "32\x0000", "Enter the birth weight in grams"),
        ("gestation_weeks", "45", "Gestation at birth must be between 22 and 44 weeks"),
        ("gestation_weeks", "-3", "Gestation at birth must be between 22 and 44 weeks"),
        ("domestic_abuse", "maybe", "Choose one of the options"),
        ("sleep_position", "\x00", "Choose one of the options"),
        ("care_notes", "x" * 3_000_000, "5,000 characters or fewer"),
        ("care_notes", "a\x00b", "not allowed"),
    ],
)
def test_hostile_answers_get_a_plain_error_and_nothing_is_saved(client, form_b, field, value, message):
    response = client.post(link(form_b), {field: value, "draft": "", "version": form_b.version})
    assert response.status_code == 200
    assert message in " ".join(error_summary(response))
    assert FormBRequest.objects.get().stage == "sent"


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [("31", "2", "2026", "real date"), ("1", "1", "20262026202620262026", "year"), ("1", "1", "2999", "past")],
)
def test_impossible_contact_dates_are_refused(client, form_b, day, month, year, message):
    posted = {"first_contact_on_0": day, "first_contact_on_1": month, "first_contact_on_2": year}
    response = client.post(link(form_b), {**posted, "draft": "", "version": form_b.version})
    assert response.status_code == 200 and error_summary(response)
    assert FormBRequest.objects.get().first_contact_on is None


def test_the_last_contact_cannot_come_before_the_first(client, form_b):
    posted = {"first_contact_on_0": "5", "first_contact_on_1": "3", "first_contact_on_2": "2026",
              "last_contact_on_0": "1", "last_contact_on_1": "3", "last_contact_on_2": "2026"}  # fmt: skip
    response = client.post(link(form_b), {**posted, "draft": "", "version": form_b.version})
    assert "The last contact must be the same as or after the first contact" in error_summary(response)


def test_the_detail_page_shows_each_section_with_its_answers(client, sign_in, coordinator):
    form_b = FormBSubmittedFactory(sent_by=coordinator, birth_weight_grams=2500, housing_problems="not_known")
    sign_in(coordinator)
    html = page(client.get(f"/cdop/form-b/{form_b.pk}/"))
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    assert "The child's health" in headings and "Family and environment" in headings
    main = html.select_one("main").get_text(" ", strip=True)
    assert "2,500 grams" in main and "Housing problems Not known" in main


def test_the_coordinator_ticks_the_supplement_for_an_older_child_when_sending(client, sign_in, coordinator, agency):
    case = CaseGatheringFactory(age_band="1-4y")
    sign_in(coordinator)
    posted = {"organisation": agency.pk, "professional_name": "Pat", "professional_email": "pat@a.example"}
    client.post(f"/cdop/cases/{case.pk}/form-b/new/", {**posted, "sudi_needed": "on", "finish": ""})
    client.post(f"/cdop/cases/{case.pk}/form-b/new/", {**posted, "finish": ""})
    assert list(FormBRequest.objects.order_by("pk").values_list("sudi_needed", flat=True)) == [True, False]


def test_each_section_says_what_submitting_needs(client, form_b):
    hints = [
        hint.get_text(" ", strip=True) for hint in page(client.get(link(form_b))).select("fieldset > p.govuk-hint")
    ]
    assert (
        "To submit, answer “subject to a child protection plan”, “looked after by a local authority”, “a child in"
        in (" ".join(hints))
    )
