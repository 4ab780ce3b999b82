"""`make prod-check`: the portal in its production shape, then a smoke test of what must hold across workers.

Against the machine's PostgreSQL (a scratch database, dropped afterwards) and Redis: migrate, collectstatic and
`check --deploy` under the production settings, then gunicorn with three workers, the task worker and a local
SMTP sink, reached as the reverse proxy reaches them (`X-Forwarded-Proto`, `X-Forwarded-For`). Each check
prints one line; the first failure stops the run with exit status 1.

Environment: PRODCHECK_POSTGRES (default postgres://postgres@127.0.0.1:5432), PRODCHECK_REDIS (default
redis://127.0.0.1:6379/14).
"""

import os
import re
import secrets
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from serving import PYTHON, ROOT, Processes, free_port, gunicorn_command, wait_until

HOST = "portal.prodcheck.example"
SITE_URL = f"https://{HOST}"
POSTGRES = os.environ.get("PRODCHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("PRODCHECK_REDIS", "redis://127.0.0.1:6379/14")
PASSWORD = secrets.token_urlsafe(18)
ADMIN_EMAIL = "first.admin@prodcheck.example"
# A child death being gathered, a coordinator and an agency: what a Form B request needs (the production settings
# refuse the demo data, so the smoke test makes its own records).
CHILD_DEATH_CASE = """
from partnership.roles import Role
from tests.cdop.factories import CaseGatheringFactory
from tests.factories import OrganisationFactory, UserFactory
CaseGatheringFactory()
UserFactory(email="coordinator@prodcheck.example", roles=[Role.CDOP_COORDINATOR])
OrganisationFactory(name="Prodcheck GP practice")
"""
WORKERS = 3


class Failed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(what)
    print(f"  ok  {what}", flush=True)


# The mail server: a minimal SMTP sink that can be switched off and on again on the same port.


class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 prodcheck SMTP sink\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 prodcheck\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                self.server.messages.append(b"".join(lines).decode(errors="replace"))
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.wfile.write(b"250 ok\r\n")


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self.messages: list[str] = []
        self.server = None

    def start(self):
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), _SmtpHandler)
        self.server.daemon_threads = True
        self.server.messages = self.messages
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# The browser: one visitor, their cookies and their address as the proxy reports it.


class Visitor:
    def __init__(self, port: int, address: str = "198.51.100.7"):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)  # a new connection: any worker may answer
        body = urlencode(data) if data is not None else None
        sent = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            **(headers or {}),
        }
        if body is not None:
            sent |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE_URL}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, content

    def get(self, path: str, **headers):
        response, content = self.request("GET", path, headers=headers)
        return response, content.decode(errors="replace") if not response.headers.get("Content-Encoding") else content

    def post_form(self, path: str, data: dict):
        """Open the form first (for its CSRF token), then send it."""
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise Failed(f"{path} has no CSRF token")
        response, content = self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **data})
        return response, content.decode(errors="replace")


# The portal's processes.


class Portal:
    def __init__(self, workdir: Path, smtp_port: int):
        self.database = f"bscp_prodcheck_{os.getpid()}"
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DATABASE_URL": f"{POSTGRES}/{self.database}",
            # A prefix of this run's own: counters left in Redis by an earlier or concurrent run (the contact form's
            # limit lasts an hour) must not refuse this run's first message.
            "CACHE_URL": f"{REDIS}{'&' if '?' in REDIS else '?'}key_prefix=prodcheck-{self.database}",
            "SITE_URL": SITE_URL,
            "TRUSTED_PROXY_HOPS": "1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT_SECONDS": "5",
            "EMAIL_RETRY_FIRST_SECONDS": "2",
            "STATIC_ROOT": str(workdir / "static"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "WEB_CONCURRENCY": str(WORKERS),
            "LOG_LEVEL": "WARNING",
        }
        self.processes = Processes(self.env, workdir)

    def manage(self, *args: str, **extra_env) -> str:
        result = subprocess.run(  # noqa: S603 (our own commands)
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env | extra_env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if result.returncode:
            raise Failed(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def django(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def postgres(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def release(self) -> None:
        self.postgres(f'DROP DATABASE IF EXISTS "{self.database}"')
        self.postgres(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--no-input")
        self.manage("createcachetable")
        check(True, "migrate on a new database")
        self.manage("collectstatic", "--no-input")
        check(any(Path(self.env["STATIC_ROOT"]).rglob("bscp.*.css.br")), "collectstatic: hashed, brotli-compressed CSS")
        self.manage("check", "--deploy", "--fail-level", "WARNING")
        check(True, "check --deploy under the production settings")
        password_file = Path(self.env["STATIC_ROOT"]).parent / "password"
        password_file.write_text(PASSWORD + "\n")
        self.manage(
            "createadmin", "--no-input", "--email", ADMIN_EMAIL, "--first-name", "Prod", "--last-name", "Check",
            "--organisation", "London Borough of Barnet", "--organisation-type", "local_authority",
            "--statutory-partner", "--password-file", str(password_file),
        )  # fmt: skip
        check(True, "createadmin makes the first administrator")
        self.django(CHILD_DEATH_CASE)

    def start(self) -> None:
        self.processes.spawn("gunicorn", gunicorn_command(self.port, WORKERS))
        self.processes.spawn("db_worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"])
        up = wait_until(lambda: self._answers("/healthz"), 60)
        check(up, f"gunicorn with {WORKERS} workers and the task worker are up (/healthz answers 200)")

    def _answers(self, path: str) -> bool:
        try:
            response, _ = Visitor(self.port).get(path)
        except OSError:
            return False
        return response.status == 200

    def stop(self) -> None:
        self.processes.stop()
        self.postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


# The smoke test.


def alert_shows_on_every_worker(portal: Portal) -> None:
    for _ in range(WORKERS * 4):  # every worker has served (and cached) the home page before the alert
        Visitor(portal.port).get("/")
    message = f"Prod-check alert {secrets.token_hex(4)}"
    portal.django(
        "from content import services\nfrom partnership.models import User\n"
        f"services.alert_create(message={message!r}, level='important', by=User.objects.get(email={ADMIN_EMAIL!r}))"
    )
    pages = [Visitor(portal.port).get("/")[1] for _ in range(WORKERS * 4)]
    check(all(message in page for page in pages), f"a new alert shows on all of {len(pages)} next responses")


def failed_sign_ins_lock_out_no_one_else(portal: Portal) -> None:
    for n in range(6):
        response, page = Visitor(portal.port, f"203.0.113.{n + 1}").post_form(
            "/accounts/login/", {"username": ADMIN_EMAIL, "password": "not-the-password"}
        )
        if response.status != 200 or "Enter a correct email address and password" not in page:
            raise Failed(f"failed sign-in {n + 1} was not refused as expected ({response.status})")
    seventh = Visitor(portal.port, "203.0.113.7")
    response, _ = seventh.post_form("/accounts/login/", {"username": ADMIN_EMAIL, "password": PASSWORD})
    if response.status == 302:  # signed in with the password: the next page asks for the second factor
        response, _ = seventh.get(response.headers["Location"])
    location = response.headers.get("Location", "")
    check(
        response.status == 302 and "/accounts/two-factor/" in location,
        "six failed sign-ins from six addresses do not lock out a seventh (on to the second factor)",
    )


def contact_limit_holds_across_workers(portal: Portal) -> None:
    visitor = Visitor(portal.port, "192.0.2.55")
    data = {"name": "A parent", "email": "parent@example.org", "subject": "A question", "message": "Hello."}
    answers = [visitor.post_form("/contact/", data) for _ in range(6)]
    accepted = sum(response.status == 302 for response, _ in answers)
    limited = "several times in a short time" in answers[-1][1]
    check(accepted == 5 and limited, "the contact form's limit of 5 holds across workers (the 6th is refused)")


def static_files_compressed_and_cached(portal: Portal) -> None:
    _, home = Visitor(portal.port).get("/")
    css = re.search(r'href="(/static/css/bscp\.[0-9a-f]+\.css)"', home)
    if css is None:
        raise Failed("the home page links no hashed stylesheet")
    response, _ = Visitor(portal.port).get(css.group(1), **{"Accept-Encoding": "br, gzip"})
    encoding = response.headers.get("Content-Encoding")
    cache_control = response.headers.get("Cache-Control", "")
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1)) if "max-age" in cache_control else 0
    check(
        encoding in ("br", "gzip") and max_age >= 365 * 24 * 3600 and "immutable" in cache_control,
        f"static CSS comes {encoding}-encoded with {cache_control!r}",
    )


SEND_FORM_B = """
from cdop import services_form_b
from cdop.models import ChildDeathCase
from partnership.models import Organisation, User
case = ChildDeathCase.objects.get()
coordinator = User.objects.get(email="coordinator@prodcheck.example")
organisation = Organisation.objects.get(name="Prodcheck GP practice")
request = services_form_b.form_b_send(case=case, organisation=organisation, professional_name="Dr Prodcheck",
                                      professional_email="{email}", by=coordinator)
print(request.pk)
"""


def form_b_email_carries_the_site_url(portal: Portal, smtp: SmtpSink) -> None:
    portal.django(SEND_FORM_B.format(email="gp.one@prodcheck.example"))
    arrived = wait_until(lambda: any("gp.one@prodcheck.example" in m for m in smtp.messages), 60)
    message = next((m for m in smtp.messages if "gp.one@prodcheck.example" in m), "")
    check(arrived and f"{SITE_URL}/" in message, f"a Form B email reached the SMTP server with a link to {SITE_URL}")


def email_sent_while_smtp_is_down_arrives_later(portal: Portal, smtp: SmtpSink) -> None:
    smtp.stop()
    portal.django(SEND_FORM_B.format(email="gp.two@prodcheck.example"))
    time.sleep(5)  # the first attempt fails while the server is away
    check(not any("gp.two@prodcheck.example" in m for m in smtp.messages), "with SMTP down, the email waits")
    smtp.start()
    arrived = wait_until(lambda: any("gp.two@prodcheck.example" in m for m in smtp.messages), 90)
    check(arrived, "once SMTP is back, the email that failed arrives")


def main() -> int:
    smtp = SmtpSink()
    smtp.start()
    with tempfile.TemporaryDirectory(prefix="bscp-prodcheck-") as workdir:
        portal = Portal(Path(workdir), smtp.port)
        try:
            print("==> release (production settings)", flush=True)
            portal.release()
            print("==> serving", flush=True)
            portal.start()
            print("==> smoke test", flush=True)
            alert_shows_on_every_worker(portal)
            failed_sign_ins_lock_out_no_one_else(portal)
            contact_limit_holds_across_workers(portal)
            static_files_compressed_and_cached(portal)
            form_b_email_carries_the_site_url(portal, smtp)
            email_sent_while_smtp_is_down_arrives_later(portal, smtp)
        except Failed as failure:
            print(f"FAIL {failure}", file=sys.stderr)
            print(portal.processes.logs(), file=sys.stderr)
            return 1
        finally:
            portal.stop()
            smtp.stop()
    print("prod-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
