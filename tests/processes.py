"""Run `manage.py` (or any Python snippet) as its own process, with only the environment a test gives it: how
an operator's shell, a cron line or a service unit runs the portal."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The least a production process needs; each test adds or removes what it is about.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-for-these-tests-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/bscp_no_such_database",
    "EMAIL_HOST": "smtp.example",
    "SITE_URL": "https://portal.example",
    "TRUSTED_PROXY_HOPS": "1",
}


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python <args>` in the project folder with `env` and nothing else from this process's environment."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}  # noqa: S108
    return subprocess.run(  # noqa: S603 (the test's own arguments)
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, input=stdin, capture_output=True, text=True
    )


def manage(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], env, stdin)
