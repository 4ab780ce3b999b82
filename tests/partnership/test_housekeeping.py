"""`manage.py housekeeping`: expired sessions and lockout records go; live ones stay; running it twice is safe."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from partnership.housekeeping import JOBS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def housekeeping(capsys) -> list[str]:
    call_command("housekeeping")
    return capsys.readouterr().out.splitlines()


def failed_sign_in(email):
    Client().post("/accounts/login/", {"username": email, "password": "not-" + PASSWORD})


def test_expired_sessions_go_and_a_signed_in_person_stays_signed_in(client, manager, sign_in, capsys):
    start = timezone.now()
    with time_machine.travel(start - timedelta(hours=2), tick=False):
        abandoned = Client().session  # a visitor who left half-way through a form
        abandoned["answers"] = "half a form"
        abandoned.save()
    with time_machine.travel(start, tick=False):
        sign_in(manager)
        assert Session.objects.count() == 2
        assert housekeeping(capsys)[0] == "Sessions: 1 expired session(s) removed"
        assert client.get("/staff/").status_code == 200
        assert housekeeping(capsys)[0] == "Sessions: 0 expired session(s) removed"


def test_lockout_records_go_once_the_cool_off_has_passed(manager, settings, capsys):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        failed_sign_in("someone-else@example.org")
        traveller.move_to(start + settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
        failed_sign_in(manager.email)
        traveller.move_to(start + settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        lines = housekeeping(capsys)
    assert lines[1] == "Sign-in lockouts: 1 expired record(s) removed"
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [manager.email]
    assert housekeeping(capsys)[1] == "Sign-in lockouts: 0 expired record(s) removed"


def test_each_job_prints_one_line(capsys):
    assert len(housekeeping(capsys)) == len(JOBS)
