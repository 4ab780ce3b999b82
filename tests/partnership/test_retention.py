from datetime import date

import pytest
from django.core.management import call_command

from tests.factories import DeadlineFactory

pytestmark = pytest.mark.django_db


def test_records_past_retention_are_reported_not_deleted(settings, capsys):
    settings.RECORD_RETENTION_YEARS_BY_TYPE = {"partnership.deadline": 10}
    old = DeadlineFactory(due_on=date(2010, 1, 1))
    DeadlineFactory(due_on=date(2020, 1, 1))
    call_command("retention_report")
    out = capsys.readouterr().out
    assert "partnership.deadline: 1 record(s) older than 10 years" in out
    old.refresh_from_db()  # still there
