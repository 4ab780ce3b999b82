"""Issue 15 in the shared core: a signed-in request writes its session at most once a minute and reads the person
and their second factor once; pages go out compressed; "My work" and the emails not delivered are paginated, read
through an index and make the same number of queries however many rows there are; the scale loader tops up."""

import gzip
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AuditReturn
from cdop.models import ChildDeathCase, FormBRequest
from content.models import Alert
from partnership import scale, selectors
from partnership.models import Deadline, Organisation, OutgoingEmail, User
from partnership.permissions import ACT_FOR_ORGANISATION, INVITE_USER
from partnership.roles import Role
from partnership.scaling import ScalePlan
from reviews.models import Case
from tests.factories import OutgoingEmailFailedFactory, UserFactory
from tests.html import page, text
from tests.plans import add_directory_organisations, assert_read_by_index, whole_table_reads
from tests.queries import queries

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MINIMAL_PAGE = "/staff/emails/not-delivered/"


def session_writes(captured) -> int:
    return sum(1 for query in captured.captured_queries if query["sql"].startswith('UPDATE "django_session"'))


def test_a_session_is_written_at_most_once_a_minute(client, manager, sign_in):
    with time_machine.travel(START, tick=False) as traveller:
        sign_in(manager)
        assert client.get(MINIMAL_PAGE).status_code == 200  # the first request notes when it touched the session
        traveller.move_to(START + timedelta(seconds=30))
        with CaptureQueriesContext(connection) as within_a_minute:
            assert client.get(MINIMAL_PAGE).status_code == 200
        traveller.move_to(START + timedelta(seconds=61))
        with CaptureQueriesContext(connection) as after_a_minute:
            assert client.get(MINIMAL_PAGE).status_code == 200
    assert session_writes(within_a_minute) == 0
    assert session_writes(after_a_minute) == 1


def test_signing_in_leaves_a_fresh_session_that_the_next_requests_do_not_write(client, manager):
    from tests.factories import PASSWORD
    from tests.partnership.test_sign_in import current_code

    with time_machine.travel(START, tick=False) as traveller:
        client.post(reverse("login"), {"username": manager.email, "password": PASSWORD})
        client.post(reverse("two-factor"), {"token": current_code(manager)})
        traveller.move_to(START + timedelta(seconds=20))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MINIMAL_PAGE).status_code == 200
    assert session_writes(captured) == 0


def test_a_session_used_every_few_minutes_lives_on_and_an_idle_one_ends(client, manager, sign_in):
    with time_machine.travel(START, tick=False) as traveller:
        sign_in(manager)
        for minutes in range(0, 120, 7):  # active, with requests inside and outside the minute
            traveller.move_to(START + timedelta(minutes=minutes, seconds=minutes % 50))
            assert client.get(MINIMAL_PAGE).status_code == 200
            traveller.move_to(START + timedelta(minutes=minutes, seconds=minutes % 50 + 20))
            assert client.get(MINIMAL_PAGE).status_code == 200
        last = START + timedelta(minutes=125)
        traveller.move_to(last)
        assert client.get(MINIMAL_PAGE).status_code == 200
        traveller.move_to(last + timedelta(minutes=30, seconds=1))
        response = client.get(MINIMAL_PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_idle_session_is_ended_by_the_portal_whatever_the_session_store_keeps(client, manager, sign_in):
    from partnership.middleware import TOUCHED_AT

    with time_machine.travel(START, tick=False) as traveller:
        sign_in(manager)
        assert client.get(MINIMAL_PAGE).status_code == 200
        session = client.session
        session[TOUCHED_AT] = (START - timedelta(minutes=31)).timestamp()  # as if the store had kept it longer
        session.save()
        traveller.move_to(START + timedelta(seconds=5))
        response = client.get(MINIMAL_PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_visitor_without_a_session_is_given_none(client):
    client.get("/")
    client.get("/privacy/")
    assert "sessionid" not in client.cookies


# A signed-in request to a minimal staff page, once its session is fresh and cached: the person, their second factor,
# their permissions (given directly, through roles), then the page's count and rows; the session and the site alerts
# come from the shared cache.
MINIMAL_PAGE_QUERIES = 6


def test_a_signed_in_request_reads_the_person_and_their_device_once(client, manager, sign_in):
    OutgoingEmailFailedFactory()
    Alert.objects.create(message="Office closed on Friday")
    sign_in(manager)
    client.get(MINIMAL_PAGE)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(MINIMAL_PAGE)
    assert "Office closed on Friday" in text(response, ".govuk-notification-banner")
    tables = [query["sql"].split(" FROM ", 1)[-1].split()[0] for query in captured.captured_queries]
    assert tables.count('"partnership_user"') == 1, tables
    assert tables.count('"otp_totp_totpdevice"') == 1, tables
    assert tables.count('"django_session"') == 0, tables  # read from the cache
    assert len(captured) == MINIMAL_PAGE_QUERIES, [query["sql"][:100] for query in captured.captured_queries]


def test_pages_go_out_compressed_to_clients_that_accept_it(client, manager, sign_in):
    response = client.get("/privacy/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Privacy" in gzip.decompress(response.content)
    assert "Content-Encoding" not in client.get("/privacy/")  # a client that does not ask gets plain HTML
    staff = sign_in(manager).get("/staff/", headers={"accept-encoding": "gzip"})
    assert staff["Content-Encoding"] == "gzip" and b"My work" in gzip.decompress(staff.content)


def clocks(count: int, **fields) -> None:
    content_type = ContentType.objects.get_for_model(Organisation)
    start = Deadline.objects.count()
    base = {"audience_permission": INVITE_USER, **fields}
    Deadline.objects.bulk_create(
        Deadline(
            content_type=content_type,
            object_id=n,
            kind="test.scale",
            title=f"Clock {n}",
            due_on=START.date() + timedelta(days=n % 30),
            **base,
        )
        for n in range(start, start + count)
    )


def emails(count: int) -> None:
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(to=["a@example.com"], subject=f"Email {n}", template="t", status="failed", attempts=10)
        for n in range(count)
    )


def test_my_work_and_the_emails_not_delivered_make_the_same_queries_at_two_scales(client, manager, sign_in):
    sign_in(manager)
    urls = [reverse("staff-home"), reverse("emails-undelivered")]
    clocks(5)
    emails(5)
    [client.get(url) for url in urls]  # the session's minute starts
    small = [queries(client, url) for url in urls]
    clocks(600)
    emails(600)
    assert [queries(client, url) for url in urls] == small


def test_my_work_pages_through_many_clocks(client, manager, agency_user, sign_in):
    clocks(120)
    clocks(60, audience_permission=ACT_FOR_ORGANISATION, organisation=agency_user.organisation)
    first = sign_in(manager).get(reverse("staff-home"))
    assert len(page(first).select("tbody tr")) >= 50  # 50 clocks (and any app panel's rows)
    assert page(first).select_one(".govuk-pagination")
    for hostile in ("abc", "999999", "-1"):
        assert client.get(reverse("staff-home") + f"?page={hostile}").status_code == 200
    assert selectors.deadlines_for(agency_user).count() == 60


def test_the_emails_not_delivered_are_paginated(client, manager, sign_in):
    emails(120)
    client = sign_in(manager)
    assert len(page(client.get(reverse("emails-undelivered"))).select(".govuk-summary-card")) == 50
    third = client.get(reverse("emails-undelivered") + "?page=3")
    assert len(page(third).select(".govuk-summary-card")) == 20
    assert client.get(reverse("emails-undelivered") + "?page=abc").status_code == 200


def test_my_work_is_read_through_an_index_for_the_manager_and_an_agency_user(manager, agency_user):
    clocks(300)
    clocks(300, audience_permission=ACT_FOR_ORGANISATION, organisation=agency_user.organisation)
    for user in (manager, agency_user):
        user = User.objects.get(pk=user.pk)
        assert_read_by_index(selectors.deadlines_for(user), "partnership_deadline")
        assert_read_by_index(selectors.deadlines_for(user)[:50], "partnership_deadline")


def test_my_work_never_reads_the_whole_organisation_table(client, sign_in, manager, agency_user):
    """At national scale (12,000 organisations) the clocks' organisations were joined, and read whole by a
    sequential scan, on the CDOP coordinator's and the agency user's My work; the page never shows them."""
    coordinator = UserFactory(organisation=manager.organisation, roles=[Role.CDOP_COORDINATOR])
    clocks(5)
    clocks(5, audience_permission=ACT_FOR_ORGANISATION, organisation=agency_user.organisation)
    clocks(5, audience_permission="cdop.manage_cases", organisation=agency_user.organisation)
    add_directory_organisations(12000)
    for user in (manager, agency_user, coordinator):
        sign_in(user)
        assert whole_table_reads(client, reverse("staff-home"), "partnership_organisation") == {}, user


def test_the_emails_not_delivered_are_read_through_an_index(manager):
    emails(300)
    assert_read_by_index(selectors.emails_undelivered(manager)[:50], "partnership_outgoingemail")


def test_the_scale_loader_tops_up_and_runs_again_safely():
    plan = ScalePlan.about(300)
    scale.load(ScalePlan.about(150), io.StringIO())
    scale.load(plan, io.StringIO())
    scale.load(plan, io.StringIO())
    organisations = Organisation.objects.filter(name__startswith=scale.PREFIX)
    assert organisations.count() == plan.organisations
    assert organisations.values("type").distinct().count() > 3
    people = User.objects.filter(email__endswith=f"@{scale.EMAIL_DOMAIN}")
    assert people.count() == plan.users
    assert all(person.groups.exists() for person in people)
    assert len({person.password for person in people}) == 2  # one hash for each run that added people
    assert Deadline.objects.filter(kind="scale.clock").count() == plan.organisations
    assert Deadline.objects.open().filter(kind="scale.clock").exists()


def test_make_scale_data_builds_every_apps_records_and_tops_up_on_a_second_run():
    call_command("make_scale_data", "--scale", "4", stdout=io.StringIO())
    first = [model.objects.count() for model in (Case, ChildDeathCase, FormBRequest, AuditReturn)]
    output = io.StringIO()
    call_command("make_scale_data", "--scale", "4", stdout=output)

    assert all(first), first
    assert [model.objects.count() for model in (Case, ChildDeathCase, FormBRequest, AuditReturn)] == first
    for app in ("Serious incidents", "Child deaths", "Boards", "Public website", "Section 11 and VCFS audits"):
        assert app in output.getvalue()
