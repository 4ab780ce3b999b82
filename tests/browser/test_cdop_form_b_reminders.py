"""Form B in a real browser, from the coordinator's request to the professional's submission through the link in
the delivered email; then, for a request left unanswered, `send_reminders` with the clock moved sends exactly one
reminder per step to the address the request went to, copying the coordinator only once it is overdue."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from cdop.models import FormBReminder, FormBRequest
from partnership import directory
from partnership.roles import Role
from tests.browser.conftest import assert_accessible, choose_agency, sign_in_through_the_pages
from tests.cdop.factories import CaseGatheringFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"/cdop/form-b/\d+/link/\S+/")


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def link_in_email_to(address: str) -> str:
    email = next(message for message in reversed(mail.outbox) if address in message.to)
    return LINK.search(email.body).group(0)


def save_a_draft(page) -> None:
    """The least a professional writes before saving a draft: the first text box on the form. (The Form B fields
    are being restructured in parallel: adjust here only.)"""
    page.locator("main textarea, main input[type=text]").first.fill("Pat Example, practice nurse")
    page.get_by_role("button", name=re.compile("Save (a )?draft")).click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()


def submit(page) -> None:
    """Answer what is required with the least typing: every "not known" box ticked, the reporting contact given."""
    for box in page.locator("main input[type=checkbox][name*=not_known]").all():
        box.check()
    contact = page.locator("#id_contact_name")
    if contact.count():
        contact.fill("Pat Example, practice nurse")
    page.get_by_role("button", name="Submit Form B").click()
    expect(page.get_by_role("heading", name="Form B submitted")).to_be_visible()


def send_reminders_on(day) -> list:
    """Run `send_reminders` twice on `day` days after sending; the emails it delivered."""
    before = len(mail.outbox)
    with time_machine.travel(timezone.now() + timedelta(days=day), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    return mail.outbox[before:]


def test_form_b_from_the_directory_to_submission_then_one_reminder_per_step(page, browser, live_server):
    coordinator = UserFactory(roles=[Role.CDOP_COORDINATOR], email="coordinator@nhs.example")
    case = CaseGatheringFactory()
    surgery = directory.organisation_add(name="Demo Lane Surgery", type="gp_practice", area="Barnet", by=coordinator)
    directory.contact_add(
        organisation=surgery, name="Dr Kim Example", role="GP partner", email="kim@surgery.example", by=coordinator
    )

    # The coordinator asks the surgery's GP, chosen from the directory.
    sign_in_through_the_pages(page, coordinator)
    page.goto(f"/cdop/cases/{case.pk}/")
    page.get_by_role("link", name="Ask an agency for Form B").click()
    choose_agency(page, "Demo Lane Surgery")
    page.get_by_role("button", name="Show its people").click()
    page.get_by_label("Dr Kim Example, GP partner (kim@surgery.example)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Send and ask another agency").click()
    expect(page.get_by_text("Form B link sent to Dr Kim Example")).to_be_visible()

    # A hospital not in the directory: added with its professional in the same step.
    page.get_by_role("link", name="Add the agency and ask its professional").click()
    page.fill("#id_organisation_name", "Demo County Hospital")
    page.select_option("#id_organisation_type", "hospital")
    page.fill("#id_area", "Hertfordshire")
    page.fill("#id_professional_name", "Sam Nurse")
    page.fill("#id_professional_email", "sam@hospital.example")
    assert_accessible(page)
    page.get_by_role("button", name="Add and send").click()
    expect(page.get_by_text("Demo County Hospital is added to the directory")).to_be_visible()

    # The GP follows the link in the delivered email: a draft over one visit, the submission over another.
    gp = new_page(browser, live_server)
    gp.goto(link_in_email_to("kim@surgery.example"))
    save_a_draft(gp)
    gp.context.close()
    gp = new_page(browser, live_server)
    gp.goto(link_in_email_to("kim@surgery.example"))
    submit(gp)
    gp.context.close()
    assert FormBRequest.objects.get(professional_email="kim@surgery.example").stage == "submitted"

    # The hospital's request is left unanswered: one reminder per step, to Sam; the coordinator copied once overdue.
    unanswered = FormBRequest.objects.get(professional_email="sam@hospital.example")
    for day, step, copied in [(7, "7 days", []), (14, "due", []), (21, "overdue week 1", [coordinator.email])]:
        [reminder] = send_reminders_on(day)
        assert reminder.to == ["sam@hospital.example"] and reminder.cc == copied
        assert LINK.search(reminder.body)
        assert FormBReminder.objects.filter(request=unanswered).latest("at").step == step
    assert FormBReminder.objects.filter(request=unanswered).count() == 3
    assert not FormBReminder.objects.filter(request__professional_email="kim@surgery.example").exists()

    # The reminder's link works, and the coordinator sees every reminder on the request.
    hospital = new_page(browser, live_server)
    hospital.goto(link_in_email_to("sam@hospital.example"))
    expect(hospital.get_by_role("button", name="Submit Form B")).to_be_visible()
    hospital.context.close()
    page.goto(f"/cdop/form-b/{unanswered.pk}/")
    expect(page.get_by_role("heading", name="Reminders sent")).to_be_visible()
    assert_accessible(page)

    # The directory now holds the hospital, found by area, with Sam as its person.
    page.goto("/cdop/agencies/")
    page.get_by_label("Area").fill("hertford")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Demo County Hospital").click()
    expect(page.get_by_role("cell", name="sam@hospital.example")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a person").click()
    assert_accessible(page)
