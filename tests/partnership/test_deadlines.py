"""Statutory clocks: opened and met by services, listed on 'My work' for the people who answer for them,
and reminded about once per stage."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnership import services
from partnership.models import Deadline, Reminder
from partnership.permissions import INVITE_USER
from partnership.reminders import reminders_send
from partnership.roles import Role
from tests.factories import OrganisationFactory, UserFactory
from tests.html import page

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


def clock(subject, due_on, kind="test.clock", **kwargs):
    kwargs.setdefault("audience_permission", INVITE_USER)  # held by partnership managers
    return services.deadline_open(subject=subject, kind=kind, title=f"Clock for {subject}", due_on=due_on, **kwargs)


def test_opening_the_same_clock_again_moves_it_rather_than_adding_another(agency):
    clock(agency, date(2026, 12, 1))
    clock(agency, date(2026, 12, 4))
    assert list(Deadline.objects.values_list("due_on", flat=True)) == [date(2026, 12, 4)]


def test_moving_a_clock_moves_an_open_one_only(agency, manager):
    clock(agency, date(2026, 12, 1))
    clock(agency, date(2026, 12, 1), kind="test.met")
    services.deadline_meet(subject=agency, kind="test.met", by=manager, on=date(2026, 11, 30))
    assert services.deadline_move(subject=agency, kind="test.clock", due_on=date(2026, 12, 8)) == 1
    assert services.deadline_move(subject=agency, kind="test.met", due_on=date(2026, 12, 8)) == 0
    due = dict(Deadline.objects.values_list("kind", "due_on"))
    assert due == {"test.clock": date(2026, 12, 8), "test.met": date(2026, 12, 1)}


def test_remeeting_a_clock_moves_its_met_date_and_clearing_it_reopens_it(agency, manager):
    clock(agency, date(2026, 12, 1))
    services.deadline_remeet(subject=agency, kind="test.clock", by=manager, on=date(2026, 11, 20))
    assert Deadline.objects.get().met_on == date(2026, 11, 20)
    services.deadline_remeet(subject=agency, kind="test.clock", by=manager, on=date(2026, 11, 22))
    assert Deadline.objects.get().met_on == date(2026, 11, 22)
    services.deadline_remeet(subject=agency, kind="test.clock", by=manager, on=None)
    reopened = Deadline.objects.get()
    assert (reopened.met_on, reopened.met_by) == (None, None) and Deadline.objects.open().count() == 1
    services.deadline_cancel(subject=agency)
    services.deadline_remeet(subject=agency, kind="test.clock", by=manager, on=date(2026, 11, 22))
    assert Deadline.objects.get().met_on is None, "a withdrawn clock stays withdrawn"


def test_meeting_a_clock_takes_it_off_my_work(client, manager, agency, sign_in):
    clock(agency, date(2026, 12, 1))
    services.deadline_meet(subject=agency, kind="test.clock", by=manager, on=date(2026, 11, 30))
    deadline = Deadline.objects.get()
    assert (deadline.met_on, deadline.met_by) == (date(2026, 11, 30), manager)
    sign_in(manager)
    main = page(client.get("/staff/")).select_one("main").get_text()
    assert "No statutory clock is running on work you answer for" in main


@time_machine.travel(MONDAY, tick=False)
def test_my_work_lists_overdue_first_with_days_left_or_working_days_over(client, manager, sign_in):
    first, second, third = OrganisationFactory.create_batch(3)
    clock(first, date(2026, 11, 30), kind="a")
    clock(second, date(2026, 11, 20), kind="b")
    clock(third, MONDAY, kind="c")
    sign_in(manager)
    rows = page(client.get("/staff/")).select("main table tbody tr")
    cells = [[" ".join(td.get_text().split()) for td in row.select("td")] for row in rows]
    assert cells == [
        [f"Clock for {second}", "20 November 2026", "1 working day overdue"],
        [f"Clock for {third}", "23 November 2026", "Due today"],
        [f"Clock for {first}", "30 November 2026", "7 days left"],
    ]


@time_machine.travel(date(2026, 12, 29), tick=False)
def test_days_overdue_are_working_days_like_the_stage_history(client, manager, sign_in):
    """Due on Christmas Eve, overdue on the 29th: Christmas Day and Boxing Day (moved to the 28th) and the weekend
    are not counted."""
    clock(OrganisationFactory(), date(2026, 12, 24))
    sign_in(manager)
    cells = [td.get_text(strip=True) for td in page(client.get("/staff/")).select("main table tbody tr td")]
    assert cells[-1] == "1 working day overdue"


def test_agency_users_see_their_own_organisations_clocks_only(client, agency, other_agency, sign_in):
    mine = UserFactory(organisation=agency, roles=[Role.AGENCY_USER])
    clock(agency, date(2026, 12, 1), audience_permission="audits.none", organisation=agency, kind="ours")
    clock(other_agency, date(2026, 12, 1), audience_permission="audits.none", organisation=other_agency, kind="x")
    sign_in(mine)
    titles = [a.get_text() for a in page(client.get("/staff/")).select("main table a")]
    assert titles == [f"Clock for {agency}"]


def test_my_work_takes_the_same_number_of_queries_however_many_clocks(client, manager, sign_in):
    sign_in(manager)
    for org in OrganisationFactory.create_batch(2):
        clock(org, date(2026, 12, 1))
    client.get("/staff/")
    with CaptureQueriesContext(connection) as small:
        client.get("/staff/")
    for org in OrganisationFactory.create_batch(30):
        clock(org, date(2026, 12, 1))
    with CaptureQueriesContext(connection) as large:
        response = client.get("/staff/")
    assert len(page(response).select("main table tbody tr")) == 32
    assert len(large) == len(small) <= 30  # the apps' panels add a few each


def test_my_work_pages_long_lists_fifty_at_a_time(client, manager, sign_in):
    for org in OrganisationFactory.create_batch(55):
        clock(org, date(2026, 12, 1))
    sign_in(manager)
    first = page(client.get("/staff/"))
    assert len(first.select("main table tbody tr")) == 50
    assert "55 in all, page 1 of 2" in first.select_one("caption").get_text()
    second = page(client.get("/staff/" + first.select_one("a[rel=next]")["href"]))
    assert len(second.select("main table tbody tr")) == 5


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (date(2026, 11, 18), None),  # three working days before
        (date(2026, 11, 19), "before"),  # two working days before
        (date(2026, 11, 23), "due"),
        (date(2026, 11, 24), "overdue"),
    ],
)
def test_reminders_go_before_on_and_after_the_due_date_once_each(
    today, stage, manager, agency, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://portal.bscp.example"
    clock(agency, MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=today)
        reminders_send(today=today)
    assert list(Reminder.objects.values_list("stage", flat=True)) == ([stage] if stage else [])
    assert len(mail.outbox) == (1 if stage else 0)
    if stage:
        assert mail.outbox[0].to == [manager.email]
        assert "Clock for" in mail.outbox[0].body
        assert "See it on My work: https://portal.bscp.example/staff/" in mail.outbox[0].body


def test_met_clocks_are_not_reminded(manager, agency):
    clock(agency, MONDAY)
    services.deadline_meet(subject=agency, kind="test.clock", by=manager)
    assert reminders_send(today=date(2026, 11, 24)) == 0


def test_send_reminders_command_reports_what_it_queued(manager, agency, capsys):
    clock(agency, MONDAY)
    with time_machine.travel(date(2026, 11, 24), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    assert capsys.readouterr().out.splitlines() == ["1 reminder(s) queued to send.", "0 reminder(s) queued to send."]
