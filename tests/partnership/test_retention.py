import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from cdop.models import ChildDeathCase
from partnership.models import AccessEvent, StageChange
from partnership.retention import past_retention
from tests.cdop.factories import CaseClosedFactory, CaseNotifiedFactory
from tests.factories import DeadlineFactory, OutgoingEmailFailedFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
LONG_AGO = timezone.make_aware(datetime(1990, 3, 1))


def test_records_past_retention_are_reported_not_deleted(settings, capsys):
    settings.RECORD_RETENTION_YEARS_BY_TYPE = {"partnership.deadline": 10}
    old = DeadlineFactory(due_on=date(2010, 1, 1))
    DeadlineFactory(due_on=date(2020, 1, 1))
    call_command("retention_report")
    out = capsys.readouterr().out
    assert "partnership.deadline: 1 record(s) older than 10 years" in out
    assert "partnership.reminder: 0 record(s) older than 10 years" in out  # kept with its deadline, for its period
    old.refresh_from_db()  # still there


def documented_types() -> set[str]:
    """Every record type in the table of docs/operations.md, "Retention"."""
    text = (Path(__file__).resolve().parents[2] / "docs/operations.md").read_text()
    section = text.split("## Retention", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("| `"))
    return set(re.findall(r"`([a-z]+\.[a-z]+)`", table))


def small_fixture():
    """A case closed in 1990 (past 30 years), one closed now, one still open; history and views of each."""
    old, recent = CaseClosedFactory(closed_on=LONG_AGO), CaseClosedFactory()
    CaseNotifiedFactory()
    kind = ContentType.objects.get_for_model(ChildDeathCase)
    for case in (old, old, recent):
        StageChange.objects.create(content_type=kind, object_id=case.pk, description="Closed", to_stage="closed")
    AccessEvent.objects.create(content_type=kind, object_id=old.pk, action="viewed the identity", at=LONG_AGO)
    AccessEvent.objects.create(content_type=kind, object_id=recent.pk, action="viewed the identity")
    OutgoingEmailFailedFactory(created_at=LONG_AGO)
    OutgoingEmailFailedFactory()
    return old


def counts(lines) -> dict[str, int]:
    return {line.label + (f" with {line.kept_with}" if line.kept_with else ""): line.count for line in lines}


def test_every_record_type_the_docs_name_is_in_the_report():
    small_fixture()
    reported = {line.label for line in past_retention(today=TODAY)}
    assert documented_types() - reported == set()
    assert {"cdop.childidentityevent", "reviews.caseevent", "partnership.invitationevent"} <= reported  # copies


def test_the_report_counts_each_kind_and_what_belongs_to_it_on_a_small_fixture(settings):
    old = small_fixture()
    found = counts(past_retention(today=TODAY))
    assert found["cdop.childdeathcase"] == 1
    assert found["cdop.childidentity with cdop.childdeathcase"] == 1
    assert found["cdop.panelanalysis with cdop.childdeathcase"] == 1
    assert found["partnership.stagechange with cdop.childdeathcase"] == 2
    assert found["partnership.accessevent"] == 1 and found["partnership.outgoingemail"] == 1
    assert found["cdop.childdeathcaseevent with cdop.childdeathcase"] == old.events.count() > 0
    assert found["reviews.case"] == 0 and found["audits.auditreturn"] == 0

    settings.RECORD_RETENTION_YEARS_BY_TYPE = {"cdop.childdeathcase": 40}  # what belongs to a case follows it
    lines = [line for line in past_retention(today=TODAY) if line.kept_with == "cdop.childdeathcase"]
    assert lines and all(line.years == 40 and line.count == 0 for line in lines)
    assert counts(past_retention(today=TODAY))["partnership.accessevent"] == 1  # its own date and period
