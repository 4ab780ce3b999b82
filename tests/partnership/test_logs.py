"""Every log line of a request carries its id, the response tells the same id, no line carries a token from a path,
and production writes JSON lines an operator can search: Django's own lines and gunicorn's access line alike."""

import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from partnership.logs import JsonFormatter, RequestIdFilter, redact_tokens
from tests.partnership.test_shared_cache import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def django_request_log():
    """What the `django.request` logger writes, through the production handler's filter and formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_the_proxys_request_id_is_on_the_log_line_and_the_response(client, django_request_log):
    response = client.get("/no-such-page/", headers={"X-Request-ID": "7f3c9a4e-proxy-0001"})
    assert response.status_code == 404 and response["X-Request-ID"] == "7f3c9a4e-proxy-0001"
    [line] = django_request_log()
    assert line["request_id"] == "7f3c9a4e-proxy-0001"
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "django.request",
        "Not Found: /no-such-page/",
    )
    assert line["time"].endswith("+00:00")


@pytest.mark.django_db
@pytest.mark.parametrize("given", [None, "", "short", "has spaces in it", "line\\nbreak-injected", "x" * 129])
def test_without_a_sensible_id_the_portal_makes_one(client, django_request_log, given):
    headers = {"X-Request-ID": given} if given is not None else {}
    response = client.get("/no-such-page/", headers=headers)
    made = response["X-Request-ID"]
    assert made != given and len(made) == 32
    assert [line["request_id"] for line in django_request_log()] == [made]


@pytest.mark.django_db
def test_each_request_gets_its_own_id_and_lines_outside_a_request_get_none(client, django_request_log):
    first, second = (client.get("/no-such-page/")["X-Request-ID"] for _ in range(2))
    logging.getLogger("django.request").warning("outside any request")
    assert first != second
    assert [line["request_id"] for line in django_request_log()] == [first, second, "-"]


@pytest.mark.django_db
def test_djangos_line_about_a_bad_form_b_link_leaves_the_token_out(client, django_request_log):
    response = client.get("/cdop/form-b/1/link/SECRET-TOKEN/")
    assert response.status_code == 400
    [line] = django_request_log()
    assert line["message"] == "Bad Request: /cdop/form-b/1/link/[token]/"


@pytest.mark.parametrize(
    ("logged", "written"),
    [
        ("/cdop/form-b/12/link/abc.DEF-123/", "/cdop/form-b/12/link/[token]/"),
        ("/accounts/invitation/abc123/?next=/", "/accounts/invitation/[token]/?next=/"),
        ("/accounts/password-reset/MQ/c4x-9a1b/", "/accounts/password-reset/MQ/[token]/"),
        ("/accounts/password-reset/MQ/set-password/", "/accounts/password-reset/MQ/set-password/"),
        ("/cdop/cases/12/", "/cdop/cases/12/"),
    ],
)
def test_tokens_in_paths_are_replaced_and_other_paths_kept(logged, written):
    assert redact_tokens(logged) == written


def test_a_traceback_stays_inside_its_json_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "it failed", None, sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["exception"].endswith("ValueError: broken")


def test_gunicorn_under_production_settings_writes_only_json_lines_sharing_the_request_id(tmp_path):
    """A real gunicorn serving the portal: its own lines, Python's warnings, Django's line about the failed request
    and the access line, all JSON; the last two carry the request's id."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    environment = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.production",
                   "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing-listens-here",
                   "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "false"}  # fmt: skip
    environment.pop("CACHE_URL", None)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 (this venv's gunicorn, fixed arguments)
            [Path(sys.executable).parent / "gunicorn", "--config", "deploy/gunicorn.conf.py",
             "--bind", f"fd://{listener.fileno()}", "--workers", "1", "--no-control-socket", "bscp_portal.wsgi"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT, pass_fds=[listener.fileno()],
        )  # fmt: skip
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "req-0042-abcd"}
            )
            with pytest.raises(urllib.error.HTTPError) as answer:  # the database is unreachable: 503
                urllib.request.urlopen(request, timeout=60)  # noqa: S310 (this test's own server)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            listener.close()
    assert answer.value.code == 503 and answer.value.headers["X-Request-ID"] == "req-0042-abcd"
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message", "request_id"} <= set(line) for line in lines)
    ours = {line["logger"]: line for line in lines if line["request_id"] == "req-0042-abcd"}
    assert ours["django.request"]["message"] == "Service Unavailable: /healthz"
    assert ours["gunicorn.access"]["message"].startswith('127.0.0.1 "GET /healthz HTTP/1.1" 503')
    assert "gunicorn.error" in {line["logger"] for line in lines}, "gunicorn's own lines are JSON too"
