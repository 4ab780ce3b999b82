"""The audits machines in use: references in the one scheme, the organisation's rule, the one stage history, and
the migration that moved the old stage log into it (and back)."""

import pytest
from django.db import connection
from django.urls import reverse

from audits import services
from audits.models import AuditReturn, Tool
from partnership.errors import Refusal
from partnership.models import StageChange
from partnership.roles import Role
from partnership.selectors import stage_changes
from tests.audits.factories import CycleFactory, fill, published_version
from tests.factories import UserFactory
from tests.html import text
from tests.migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db


def test_each_return_gets_a_reference_by_its_tools_kind_and_the_cycles_year(cycle, manager, agency, other_agency):
    assert sorted(cycle.returns.values_list("reference", flat=True)) == ["S11-2026-001", "S11-2026-002"]
    checklist = CycleFactory(version=published_version(tool=Tool.objects.create(name="VCFS", kind=Tool.Kind.VCFS)))
    services.cycle_open(cycle=checklist, by=manager)
    assert sorted(checklist.returns.values_list("reference", flat=True)) == ["VCFS-2026-001", "VCFS-2026-002"]
    later = CycleFactory(version=cycle.version, year=2027, invited_types=[])
    later.invited_organisations.set([agency])
    services.cycle_open(cycle=later, by=manager)
    assert later.returns.get().reference == "S11-2027-001"


def test_only_a_user_of_the_returns_organisation_may_start_or_submit_it(audit_return, other_agency, agency_user):
    stranger = UserFactory(organisation=other_agency, roles=[Role.AGENCY_USER])
    with pytest.raises(Refusal) as refusal:
        fill(audit_return, by=stranger)
    assert str(refusal.value.messages[0]) == (
        "You cannot start the return: only a user of the return's own organisation may do this."
    )
    fill(audit_return, by=agency_user)
    with pytest.raises(Refusal, match="only a user of the return's own organisation"):
        services.return_submit(audit_return=audit_return, by=stranger)


def test_every_move_is_one_row_of_the_stage_history_shown_on_the_return(
    client, sign_in, audit_return, agency_user, manager
):
    fill(audit_return, by=agency_user)
    services.return_submit(audit_return=audit_return, by=agency_user)
    services.return_accept(audit_return=audit_return, by=manager)
    moves = list(stage_changes(audit_return).values_list("move", "to_stage"))
    assert moves == [("open", "not_started"), ("begin", "in_progress"), ("submit", "submitted"), ("accept", "accepted")]
    sign_in(agency_user)
    page = text(client.get(audit_return.get_absolute_url()))
    assert audit_return.reference in page
    assert "Stage history" in page and "Submitted" in page and "Accepted" in page
    assert audit_return.reference in text(client.get(reverse("audits:my-returns")))


@pytest.mark.django_db(transaction=True)
def test_the_old_stage_log_moves_into_the_one_history_and_back(manager, agency, agency_user):
    cycle = CycleFactory(invited_types=[])
    cycle.invited_organisations.set([agency])
    services.cycle_open(cycle=cycle, by=manager)
    audit_return = AuditReturn.objects.get(cycle=cycle)
    fill(audit_return, by=agency_user)
    before = list(stage_changes(audit_return).values_list("from_stage", "to_stage", "at", "by"))
    try:
        migrate_to([("audits", "0003_return_reference_unique")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT from_stage, to_stage, at, by_id FROM audits_stagelog ORDER BY at, id")
            assert [tuple(row) for row in cursor.fetchall()] == before
        assert not StageChange.objects.filter(object_id=audit_return.pk, to_stage="in_progress").exists()
    finally:
        migrate_to_latest()
    after = list(stage_changes(audit_return).values_list("from_stage", "to_stage", "at", "by", "description"))
    assert [row[:4] for row in after] == before
    assert [row[4] for row in after] == ["Not started", "In progress"]  # the old log's stage words
