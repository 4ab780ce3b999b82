"""Moving the test database between migrations, for the tests of data migrations. A test that goes back must end
with `migrate_to_latest()` (in a `finally`), so every later test finds every app's latest schema."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]):
    """The database at `targets` ((app, migration) pairs); returns the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
