"""The service definitions an operator installs (deploy/, Procfile) run commands that exist, and gunicorn with
deploy/gunicorn.conf.py serves the portal with the workers the environment asks for and a JSON access log that
carries the request id and no secret link."""

import http.client
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psutil
import pytest
from django.core.management import get_commands
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"


def commands() -> dict[str, str]:
    """Each process's command: the Procfile's lines and each systemd unit's ExecStart, by name."""
    found = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        found[f"Procfile {name}"] = command.strip()
    for unit in sorted(SYSTEMD.glob("*.service")):
        (command,) = re.findall(r"^ExecStart=(.+)$", unit.read_text(), re.MULTILINE)
        found[unit.name] = command
    return found


def test_every_process_runs_a_command_that_exists():
    found = commands()
    assert set(found) == {
        "Procfile web",
        "Procfile worker",
        "bscp-web.service",
        "bscp-worker@.service",
        "bscp-send-reminders.service",
        "bscp-housekeeping.service",
    }
    for process, command in found.items():
        words = shlex.split(command)
        if "manage.py" in words:
            assert words[words.index("manage.py") + 1] in get_commands(), process
        else:
            assert Path(words[0]).name == "gunicorn", process
            assert (ROOT / words[words.index("--config") + 1]).is_file(), process
            assert words[-1] == "bscp_portal.wsgi", process


@pytest.mark.parametrize("job", ["send-reminders", "housekeeping"])
def test_each_scheduled_command_has_a_timer(job):
    timer = (SYSTEMD / f"bscp-{job}.timer").read_text()
    assert re.search(r"^OnCalendar=.+ Europe/London$", timer, re.MULTILINE)
    assert "Persistent=true" in timer
    assert "Type=oneshot" in (SYSTEMD / f"bscp-{job}.service").read_text()


def test_every_unit_runs_the_production_settings_as_the_portals_own_user():
    for unit in SYSTEMD.glob("*.service"):
        text = unit.read_text()
        assert "Environment=DJANGO_SETTINGS_MODULE=bscp_portal.settings.production" in text, unit.name
        assert "EnvironmentFile=/etc/bscp/bscp.env" in text and "User=bscp" in text, unit.name


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over the unix socket gunicorn listens on in these tests (no port to find or to collide)."""

    def __init__(self, path):
        super().__init__("localhost", timeout=30)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.socket_path))


def database_url() -> str:
    """The test database as a DATABASE_URL for a process started from a test; connection details as parameters,
    which django-environ passes on as they are (the embedded server's host is a folder)."""
    db = connection.settings_dict
    params = {key: db[key.upper()] for key in ("host", "port", "user", "password") if db[key.upper()]}
    return f"postgres:///{db['NAME']}?{urlencode(params)}"


def wait_for(condition, what: str, log: Path, seconds: int = 60):
    """Poll until condition() is true; fail saying what did not happen. A bound, not a measured time."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gunicorn did not {what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.2)


def answers(path: Path) -> bool:
    """True once gunicorn answers HTTP on the socket, whatever the status."""
    try:
        conn = UnixHTTPConnection(path)
        conn.request("GET", "/static/none")
        conn.getresponse().read()
        return True
    except OSError:
        return False


@pytest.mark.django_db
def test_gunicorn_runs_the_workers_asked_for_and_logs_each_request_with_its_id_and_no_token(tmp_path):
    bind = tmp_path / "web.sock"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.test",
        "DATABASE_URL": database_url(),
        "GUNICORN_BIND": f"unix:{bind}",
        "WEB_CONCURRENCY": "2",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [gunicorn, "--config", "deploy/gunicorn.conf.py", "bscp_portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: answers(bind), "answer on its socket", log)
        wait_for(lambda: len(psutil.Process(server.pid).children()) == 2, "start two workers", log)
        conn = UnixHTTPConnection(bind)
        conn.request(
            "GET",
            "/cdop/form-b/1/link/SECRET-FROM-THE-PATH/",
            headers={
                "X-Request-ID": "req-4f1c",
                "X-Forwarded-For": "203.0.113.9",
                "Referer": "https://portal.example/cdop/form-b/1/link/SECRET-FROM-THE-REFERER/",
            },
        )
        response = conn.getresponse()
        assert response.status == 400  # the link is not valid: the page says so
        response.read()
    finally:
        server.terminate()
        server.wait(timeout=60)

    out = log.read_text()
    (line,) = [json.loads(line) for line in out.splitlines() if '"gunicorn.access"' in line and "req-4f1c" in line]
    assert line["request_id"] == "req-4f1c"
    assert '"GET /cdop/form-b/1/link/[token]/ HTTP/1.1" 400' in line["message"]  # from a unix socket: no address
    assert 'referer="https://portal.example/cdop/form-b/1/link/[token]/"' in line["message"]
    assert line["message"].endswith('forwarded_for="203.0.113.9"')
    assert "SECRET" not in out  # neither gunicorn's lines nor the portal's own
