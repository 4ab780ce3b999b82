"""The old case stage log moves into the one stage history, and back again when the migration is reversed."""

from datetime import UTC, datetime

import pytest

from tests.migrations import migrate_to, migrate_to_latest

BEFORE = "0001_initial"
AFTER = "0003_delete_case_stage_log"


def _migrate(cdop_migration):
    return migrate_to([("cdop", cdop_migration)])


@pytest.mark.django_db(transaction=True)
def test_the_case_stage_log_becomes_stage_changes_and_comes_back():
    apps = _migrate(BEFORE)
    try:
        User = apps.get_model("partnership", "User")
        coordinator = User.objects.create(email="coordinator@nhs.example", first_name="Cora", last_name="Ordinator")
        case = apps.get_model("cdop", "ChildDeathCase").objects.create(
            reference="CDOP-2025-00001",
            pseudonym="Child AB123",
            borough="barnet",
            sex="female",
            ethnicity="white",
            age_band="28-364d",
            date_of_death=datetime(2025, 3, 1).date(),
            place_of_death="Home",
            post_mortem="yes",
            circumstances="Found unresponsive.",
            notifier_name="Nina",
            notifier_role="Nurse",
            notifier_organisation="Royal Free",
            notifier_email="nina@nhs.example",
            stage="gathering",
        )
        CaseStageLog = apps.get_model("cdop", "CaseStageLog")
        CaseStageLog.objects.create(case=case, to_stage="notified", at=datetime(2025, 3, 1, 23, 30, tzinfo=UTC))
        CaseStageLog.objects.create(
            case=case,
            from_stage="notified",
            to_stage="gathering",
            at=datetime(2025, 3, 2, 9, tzinfo=UTC),
            by=coordinator,
        )

        apps = _migrate(AFTER)
        changes = apps.get_model("partnership", "StageChange").objects.order_by("at")
        assert [(c.description, c.from_stage, c.to_stage, str(c.on), c.by_id) for c in changes] == [
            ("Notified", "", "notified", "2025-03-01", None),
            ("Gathering information", "notified", "gathering", "2025-03-02", coordinator.pk),
        ]
        assert {c.content_type.model for c in changes} == {"childdeathcase"}
        assert {c.object_id for c in changes} == {case.pk}

        apps = _migrate(BEFORE)
        old = apps.get_model("cdop", "CaseStageLog").objects.order_by("at")
        assert [(e.case_id, e.from_stage, e.to_stage, e.by_id) for e in old] == [
            (case.pk, "", "notified", None),
            (case.pk, "notified", "gathering", coordinator.pk),
        ]
        assert not apps.get_model("partnership", "StageChange").objects.exists()
    finally:
        migrate_to_latest()
