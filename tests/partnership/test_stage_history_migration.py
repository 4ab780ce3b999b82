"""The four stage logs the apps kept before (reviews', child deaths', audits' and boards') moved into the one
stage history without losing a row: on the demo data, migrating back recreates each old log with as many rows as
the history holds for its records, and migrating forward again gives the same history (who, when, from, to)."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from partnership.models import StageChange
from tests.migrations import migrate_to, migrate_to_latest

CORE = ("partnership", "0005_stage_history_and_references")
# What each old log could hold (reviews' kept the day of the step and its deadline; the others only the time).
KEPT = {"reviews": ("on", "due_on")}
# app: (old log model, the record it logged)
OLD_LOGS = {
    "reviews": ("StageLog", "Case"),
    "cdop": ("CaseStageLog", "ChildDeathCase"),
    "audits": ("StageLog", "AuditReturn"),
    "boards": ("RaisedItemStageChange", "RaisedItem"),
}


def before_the_move(app: str) -> tuple[str, str]:
    """The app's last migration before its log was copied into the one history."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for (label, _name), migration in loader.disk_migrations.items():
        if label == app and CORE in migration.dependencies:
            return next(dependency for dependency in migration.dependencies if dependency[0] == app)
    raise AssertionError(f"{app} has no migration that moves its log into {CORE}")


def history(app: str) -> list[tuple]:
    content_type = ContentType.objects.get_by_natural_key(app, OLD_LOGS[app][1].lower())
    rows = StageChange.objects.filter(content_type=content_type)
    return sorted(rows.values_list("object_id", "from_stage", "to_stage", "at", "by_id", *KEPT.get(app, ())))


@pytest.mark.django_db(transaction=True)
def test_history_survives_the_move_into_one_model_on_the_demo_data(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    before = {app: history(app) for app in OLD_LOGS}
    assert all(before.values()), {app: len(rows) for app, rows in before.items()}

    try:
        old = migrate_to([before_the_move(app) for app in OLD_LOGS])
        counts = {app: old.get_model(app, model).objects.count() for app, (model, _subject) in OLD_LOGS.items()}
        assert counts == {app: len(rows) for app, rows in before.items()}
    finally:
        migrate_to_latest()
    assert {app: history(app) for app in OLD_LOGS} == before
