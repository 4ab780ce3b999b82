"""A child death from notification to closing, in a real browser, with 0 axe violations on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cdop.models import ChildDeathCase
from partnership.roles import Role
from tests.browser.conftest import assert_accessible, choose_agency, sign_in_through_the_pages
from tests.cdop.factories_panel import PanelMeetingFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def fill(page, values: dict):
    for selector, value in values.items():
        page.fill(selector, value)


def notify(page):
    page.goto("/cdop/notify/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    fill(
        page,
        {
            "#id_first_name": "Alfie",
            "#id_last_name": "Testchild",
            "#id_date_of_birth_0": "1",
            "#id_date_of_birth_1": "2",
            "#id_date_of_birth_2": "2025",
            "#id_nhs_number": "943 476 5919",
            "#id_address": "2 Fictional Way, London",
            "#id_postcode": "n3 1zz",
            "#id_parental_responsibility": "Mother",
        },
    )
    for name, value in [("sex", "male"), ("ethnicity", "white"), ("borough", "barnet")]:
        page.check(f"input[name={name}][value='{value}']")
    assert_accessible(page)
    continue_(page)
    fill(page, {"#id_date_of_death_0": "1", "#id_date_of_death_1": "9", "#id_date_of_death_2": "2035"})
    page.fill("#id_place_of_death", "Home")
    page.check("input[name=death_expected][value=no]")
    page.check("input[name=post_mortem][value=yes]")
    continue_(page)
    expect(page.get_by_text("Date of death must be today or in the past").first).to_be_visible()
    assert_accessible(page)
    page.fill("#id_date_of_death_2", "2025")
    continue_(page)
    page.fill("#id_circumstances", "Found unresponsive in the cot.")
    assert_accessible(page)
    continue_(page)
    page.fill("#id_professionals_in_life", "Health visitor; nursery")
    continue_(page)
    fill(
        page,
        {
            "#id_notifier_name": "Nia Nurse",
            "#id_notifier_role": "Nurse",
            "#id_notifier_organisation": "Royal Free",
            "#id_notifier_email": "nia@nhs.example",
        },
    )
    continue_(page)
    expect(page.get_by_role("heading", name="Check your answers before sending the notification")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send notification").click()
    expect(page.get_by_role("heading", name="Notification sent")).to_be_visible()
    assert_accessible(page)
    assert "Testchild" not in page.content()


def test_a_death_from_notification_to_closing(page, browser, live_server):
    agency = OrganisationFactory(name="Young Barnet Foundation")
    school = OrganisationFactory(name="Whitefield Academy Trust", type="education")
    coordinator = UserFactory(roles=[Role.CDOP_COORDINATOR], email="coordinator@nhs.example")
    panel_member = UserFactory(roles=[Role.CDOP_PANEL_MEMBER])

    notify(page)
    case = ChildDeathCase.objects.get()
    expect(page.get_by_text(case.reference)).to_be_visible()

    # The coordinator triages and sends two Form B links.
    sign_in_through_the_pages(page, coordinator)
    page.goto("/cdop/")
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()
    assert_accessible(page)
    page.get_by_role("link", name="Make the immediate decisions").click()
    page.check("input[name=death_expected][value=no]")
    page.check("input[name=jar_triggers][value=sudden]")
    page.check("input[name=abuse_suspected][value=no]")
    page.check("input[name=coroner_involved][value=yes]")
    assert_accessible(page)
    page.get_by_role("button", name="Save decisions").click()
    expect(page.get_by_text("Decisions saved.")).to_be_visible()
    page.get_by_role("link", name="Record the Joint Agency Response").click()
    assert_accessible(page)
    page.fill("#id_attended", "Police; paediatrician; social worker")
    page.get_by_role("button", name="Save").click()
    for organisation, name, email in [
        (agency, "Pat Youth", "pat@ybf.example"),
        (school, "Sol Teacher", "sol@wat.example"),
    ]:
        page.get_by_role("link", name="Ask an agency for Form B").click() if "form-b/new" not in page.url else None
        choose_agency(page, organisation.name)
        page.fill("#id_professional_name", name)
        page.fill("#id_professional_email", email)
        assert_accessible(page)
        page.get_by_role("button", name="Send and ask another agency").click()
        expect(page.get_by_text(f"Form B link sent to {name}")).to_be_visible()
    page.goto(f"/cdop/cases/{case.pk}/")
    assert_accessible(page)
    email = next(message for message in mail.outbox if "pat@ybf.example" in message.to)
    link = re.search(r"/cdop/form-b/\d+/link/\S+/", email.body).group(0)

    # The practitioner completes the form by link over two visits.
    practitioner = new_page(browser, live_server)
    practitioner.goto(link)
    assert_accessible(practitioner)
    practitioner.fill("#id_contact_name", "Pat Youth, youth worker")
    practitioner.fill("#id_involvement", "Weekly play sessions since spring.")
    practitioner.get_by_role("button", name="Save draft").click()
    expect(practitioner.get_by_text("Your draft is saved")).to_be_visible()
    practitioner.context.close()
    practitioner = new_page(browser, live_server)
    practitioner.goto(link)
    expect(practitioner.locator("#id_involvement")).to_have_value("Weekly play sessions since spring.")
    for box in practitioner.locator("input[name=not_known]:not([value=background])").all():
        box.check()  # the agency knows its involvement only
    practitioner.get_by_role("button", name="Submit Form B").click()
    expect(practitioner.get_by_role("heading", name="Form B submitted")).to_be_visible()
    assert_accessible(practitioner)
    practitioner.context.close()

    # The death details the national data set needs.
    page.goto(f"/cdop/cases/{case.pk}/death-details/")
    page.check("input[name=mode_of_death][value=found_dead]")
    page.select_option("#id_deprivation_decile", "4")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Death details saved.")).to_be_visible()

    # Meetings, the anonymised summary, and the panel.
    page.goto(f"/cdop/cases/{case.pk}/meetings/")
    fill(page, {"#id_review_meeting_on_0": "1", "#id_review_meeting_on_1": "3", "#id_review_meeting_on_2": "2026"})
    page.fill("#id_panel_summary", f"{case.pseudonym}, aged 28 to 364 days, died suddenly at home.")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Send to the panel").click()
    expect(page.get_by_text("is with the panel")).to_be_visible()
    PanelMeetingFactory(members=[panel_member], cases=[case])  # the panel reads the cases on its meetings' agendas

    panel = new_page(browser, live_server)
    sign_in_through_the_pages(panel, panel_member)
    panel.goto(f"/cdop/panel/{case.pk}/")
    assert_accessible(panel)
    assert "Testchild" not in panel.content()
    panel.get_by_role("link", name="Record the analysis").click()
    panel.select_option("#id_category", "10")
    for name, value in [
        ("child_factors", "0"),
        ("family_factors", "1"),
        ("parenting_factors", "1"),
        ("service_factors", "0"),
        ("modifiable", "yes"),
    ]:
        panel.check(f"input[name={name}][value='{value}']")
    panel.fill("#id_modifiable_reasons", "Unsafe sleeping arrangement.")
    panel.fill("#id_learning", "Safer sleeping advice at every contact.")
    assert_accessible(panel)
    panel.get_by_role("button", name="Save analysis").click()
    expect(panel.get_by_text("The panel's analysis is saved.")).to_be_visible()
    assert_accessible(panel)

    # The case closes; the figures count it.
    page.goto(f"/cdop/cases/{case.pk}/")
    page.get_by_role("button", name="Close the case").click()
    expect(page.get_by_text(f"{case.reference} is closed.")).to_be_visible()
    assert_accessible(page)
    page.goto("/cdop/figures/?year=2025")
    assert_accessible(page)
    assert ChildDeathCase.objects.get().stage == "closed"


def test_a_stale_form_on_the_case_page_shows_the_refusal_in_the_error_summary(page):
    from cdop import services
    from tests.cdop.factories import CaseGatheringFactory

    coordinator = UserFactory(roles=[Role.CDOP_COORDINATOR], email="coordinator@nhs.example")
    colleague = UserFactory(roles=[Role.CDOP_COORDINATOR])
    case = CaseGatheringFactory(panel_summary="An infant died suddenly at home.")
    sign_in_through_the_pages(page, coordinator)
    page.goto(f"/cdop/cases/{case.pk}/")
    page.get_by_role("link", name="Change the decisions").click()
    page.check("input[name=coroner_involved][value=no]")

    # A colleague sends the case to the panel while the form is open.
    services.case_send_to_panel(case=case, by=colleague)
    page.get_by_role("button", name="Save decisions").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else saved this record after you opened it.")
    assert_accessible(page)

    # Opened afresh, the form is refused for the stage the case is at, in words.
    page.goto(f"/cdop/cases/{case.pk}/decisions/")
    page.get_by_role("button", name="Save decisions").click()
    expect(summary).to_contain_text(
        "You cannot change the immediate decisions now: the case is at the stage “With the panel”."
    )
    for debris in ["[", "{", "ValidationError"]:
        assert debris not in summary.inner_text()
    assert ChildDeathCase.objects.get().coroner_involved is True
