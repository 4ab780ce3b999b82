"""Child deaths at scale (issue 15): the synthetic loader, every list read through an index, and the pages making
the same number of queries with a few cases as with many."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cdop import scale, selectors
from cdop.models import FORM_B_DUE, OPEN_STAGES, ChildDeathCase, FormBReminder, FormBRequest, PanelMeeting
from partnership.directory import directory_search
from partnership.models import Contact, Deadline, Organisation
from partnership.roles import Role
from partnership.scaling import ScalePlan
from tests.cdop.factories import FormBRequestFactory
from tests.factories import UserFactory
from tests.html import page
from tests.plans import assert_read_by_index
from tests.queries import queries

pytestmark = pytest.mark.django_db

CASES, FORM_BS, MEETINGS = "cdop_childdeathcase", "cdop_formbrequest", "cdop_panelmeeting"


def load(scale_of: int) -> None:
    scale.load(ScalePlan.about(scale_of), io.StringIO())


def synthetic():
    return ChildDeathCase.objects.filter(reference__startswith=scale.PREFIX)


def test_the_loader_tops_up_and_runs_again_safely(coordinator):
    load(30)
    counts = (synthetic().count(), FormBRequest.objects.count(), PanelMeeting.objects.count())
    load(30)
    assert (synthetic().count(), FormBRequest.objects.count(), PanelMeeting.objects.count()) == counts
    assert counts[0] == 30 and 200 <= counts[1] <= 400
    load(60)
    assert synthetic().count() == 60


def test_the_data_is_as_the_services_leave_it(coordinator):
    load(200)
    stages = set(synthetic().values_list("stage", flat=True))
    assert {"closed", "panel", "gathering"} <= stages
    open_form_bs = FormBRequest.objects.filter(stage__in=OPEN_STAGES)
    assert open_form_bs.exists()
    assert FormBRequest.objects.filter(stage="submitted").count() > open_form_bs.count()
    # Each open Form B has its running clock, for its agency; the reminders went to the professional asked.
    clocks = Deadline.objects.open().filter(kind=FORM_B_DUE)
    assert set(clocks.values_list("object_id", flat=True)) == set(open_form_bs.values_list("pk", flat=True))
    assert not clocks.filter(organisation=None).exists()
    assert FormBReminder.objects.exists()
    reminder = FormBReminder.objects.select_related("request").first()
    assert reminder.sent_to == reminder.request.professional_email
    # Closed cases have a complete analysis; the history is written by the database.
    for case in synthetic().filter(stage="closed")[:5]:
        assert case.analysis.missing() == []
    assert ChildDeathCase.pgh_event_model.objects.filter(reference__startswith=scale.PREFIX).exists()
    # The directory's GP practices and hospitals have people to ask; references never meet the real sequence.
    assert Contact.objects.filter(organisation__type__in=scale.DIRECTORY_TYPES).exists()
    assert not synthetic().filter(reference__startswith="CDOP-").exists()


@pytest.fixture
def scaled(coordinator, panel_member):
    load(60)


def test_the_case_list_is_read_through_indexes(scaled, coordinator, panel_member):
    for person in (coordinator, panel_member):
        assert_read_by_index(selectors.cases_for(person)[:50], CASES, FORM_BS)
    assert_read_by_index(selectors.cases_for(coordinator, search="scale-cdop-00001")[:50], CASES, FORM_BS)


def test_the_form_b_list_is_read_through_indexes(scaled, coordinator):
    agency_user = UserFactory(
        organisation=Organisation.objects.filter(type__in=scale.DIRECTORY_TYPES).first(), roles=[Role.AGENCY_USER]
    )
    for person in (coordinator, agency_user):
        for show in selectors.FORM_B_VIEWS:
            assert_read_by_index(selectors.form_b_list(person, show=show)[:50], FORM_BS, CASES)
    assert_read_by_index(selectors.form_b_list(coordinator, show="all", search="SCALE-CDOP-0000")[:50], FORM_BS)


def test_the_meetings_list_and_the_directory_are_read_through_indexes(scaled, coordinator, panel_member):
    for person in (coordinator, panel_member):
        assert_read_by_index(selectors.meetings_for(person)[:50], MEETINGS, "cdop_panelagendaitem")
    tables = ("partnership_organisation", "partnership_contact")
    assert_read_by_index(directory_search()[:50], *tables)  # a name search reads every name (directory_search)


def test_page_queries_do_not_grow_with_the_data(coordinator, panel_member, sign_in, client):
    load(20)
    case = synthetic().filter(stage="closed", form_b_requests__isnull=False).order_by("pk").first()
    meeting = PanelMeeting.objects.filter(agenda__isnull=False, cancelled_at=None).order_by("pk").first()
    agency_user = UserFactory(
        organisation=Organisation.objects.filter(type__in=scale.DIRECTORY_TYPES).order_by("pk").first(),
        roles=[Role.AGENCY_USER],
    )
    meeting.members.add(panel_member)
    # Every list shows at least one row from the start (an empty list makes fewer queries, not more).
    for stage, due in [("sent", 1), ("draft", -1), ("submitted", 0), ("returned", 0), ("revoked", 0)]:
        FormBRequestFactory(
            case=case,
            organisation=agency_user.organisation,
            stage=stage,
            sent_by=coordinator,
            due_on=timezone.localdate() + timedelta(days=due),
        )
    lists = ["/cdop/", "/cdop/?q=SCALE-CDOP-00", "/cdop/meetings/", "/cdop/agencies/", "/cdop/agencies/?q=practice"]
    lists += [f"/cdop/form-b/?show={show}" for show in selectors.FORM_B_VIEWS] + ["/cdop/form-b/?q=SCALE"]
    pages = [case.get_absolute_url(), reverse("cdop-panel", args=[case.pk]), meeting.get_absolute_url()]
    pages += [reverse("cdop-meeting-pack", args=[meeting.pk]), "/cdop/figures/", "/cdop/export.csv"]
    pages += ["/cdop/export-form-b.csv", "/cdop/export.xlsx", reverse("cdop-meeting-agenda", args=[meeting.pk])]
    pages += [reverse("cdop-form-b-new", args=[case.pk]) + "?agency=practice"]
    people = {
        coordinator: lists + pages,
        panel_member: ["/cdop/", "/cdop/meetings/", reverse("cdop-panel", args=[case.pk])],
        agency_user: [f"/cdop/form-b/?show={show}" for show in selectors.FORM_B_VIEWS],
    }

    def measure():
        return {(person.email, url): queries(sign_in(person), url) for person, urls in people.items() for url in urls}

    measure()  # the first view of a kind of record caches its content type: count from the second
    small = measure()
    load(300)
    assert synthetic().count() == 300
    assert measure() == small


def test_the_lists_page_through_many_records(coordinator, sign_in, client):
    load(120)
    sign_in(coordinator)
    first = page(client.get("/cdop/"))
    assert len(first.select("tbody tr")) == 50 and first.select_one(".govuk-pagination")
    assert len(page(client.get("/cdop/?page=3")).select("tbody tr")) == 20
    every = page(client.get("/cdop/form-b/?show=all"))
    assert len(every.select("tbody tr")) == 50 and every.select_one(".govuk-pagination")
    for url in [
        "/cdop/?page=abc",
        "/cdop/?page=999999",
        "/cdop/form-b/?page=abc&show=nonsense",
        "/cdop/meetings/?page=-1",
    ]:
        assert client.get(url).status_code == 200, url


def test_the_form_b_list_shows_what_the_coordinator_asks_for(coordinator, sign_in, client):
    load(100)
    sign_in(coordinator)
    overdue = FormBRequest.objects.filter(stage__in=OPEN_STAGES, due_on__lt=timezone.localdate())
    listed = page(client.get("/cdop/form-b/?show=overdue")).select("tbody tr")
    assert len(listed) == min(overdue.count(), 50)
    submitted = FormBRequest.objects.filter(stage="submitted").order_by("-sent_at", "-pk").first()
    shown = page(client.get("/cdop/form-b/?show=submitted")).select_one("tbody tr a")["href"]
    assert shown == submitted.get_absolute_url()
    reference = submitted.case.reference
    found = page(client.get(f"/cdop/form-b/?show=all&q={reference.lower()}")).select("tbody tr")
    assert len(found) == submitted.case.form_b_requests.count()
