"""Error reports reach a Sentry-compatible service when SENTRY_DSN is set, without local variables or working
links, and nothing at all leaves the portal when it is not set.

The service is a small HTTP server in this test; the portal runs in a separate process (as the worker would),
so that starting the reporting there does not change this process.
"""

import gzip
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import sentry_sdk

from bscp_portal.error_reporting import scrub

ROOT = Path(__file__).resolve().parents[2]
PORTAL = """
import logging, django, sentry_sdk
django.setup()
logging.getLogger("partnership.outbox").error("Email 7 (cdop/email/form_b_send.txt) not delivered after 10 attempts")
def send(link):
    raise ConnectionRefusedError(111, "Connection refused")
try:
    send("https://portal.example/cdop/form-b/1/link/a-working-token/")
except OSError:
    logging.getLogger("partnership.outbox").exception("Email 8 not delivered")
sentry_sdk.flush(timeout=10)
"""


def decompress(body: bytes, headers) -> bytes:
    """Sentry's client compresses with brotli when the package is installed, with gzip otherwise."""
    encoding = headers.get("Content-Encoding")
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return gzip.decompress(body) if encoding == "gzip" else body


@pytest.fixture
def error_service():
    """Records the body of every request it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            received.append(decompress(self.rfile.read(int(self.headers["Content-Length"])), self.headers))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], received
    server.shutdown()


def run_portal(**environment):
    env = {
        **{name: value for name, value in os.environ.items() if name != "SENTRY_DSN"},
        "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/unused",  # never connected to
        **environment,
    }
    subprocess.run([sys.executable, "-c", PORTAL], env=env, cwd=ROOT, check=True, timeout=120)  # noqa: S603


def test_with_a_dsn_errors_are_reported_without_local_variables(error_service):
    port, received = error_service
    run_portal(SENTRY_DSN=f"http://public@127.0.0.1:{port}/1")
    reports = b"\n".join(received).decode()
    assert "not delivered after 10 attempts" in reports
    assert "ConnectionRefusedError" in reports and "Email 8 not delivered" in reports
    assert "a-working-token" not in reports  # the argument, a local variable, stays here


def test_without_a_dsn_nothing_is_sent(error_service, settings):
    port, received = error_service
    run_portal()
    assert received == []
    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()


def test_a_report_keeps_only_the_method_and_the_pattern_of_the_page_address():
    request = {
        "method": "POST",
        "url": "https://portal.example/cdop/form-b/5/link/a-working-token/",
        "query_string": "a=1",
        "data": {"child_name": "Secretname"},
        "cookies": {"__Host-sessionid": "abc"},
        "headers": {"Cookie": "abc"},
    }
    event = scrub({"request": request, "message": "boom"}, {})
    assert event == {"request": {"method": "POST", "url": "/cdop/form-b/<int:pk>/link/<str:token>/"}, "message": "boom"}
