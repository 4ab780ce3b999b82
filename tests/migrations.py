"""Moving the test database between migrations, for the tests of data migrations. A test that goes back must end
with `migrate_to_latest()` (in a `finally`), so every later test finds every app's latest schema."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]):
    """The apps named at `targets` ((app, migration) pairs), every other app at its latest; returns the models as
    they are then."""
    executor = MigrationExecutor(connection)
    named = {app for app, _migration in targets}
    targets = [*targets, *(node for node in executor.loader.graph.leaf_nodes() if node[0] not in named)]
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
