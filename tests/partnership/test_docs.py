"""The documents an operator or a new engineer relies on say what the code does: the architecture's dependency
rules hold in every app's imports, and the deployment guide lists every environment variable the settings read."""

import ast
import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
APPS = ["partnership", "content", "boards", "reviews", "cdop", "audits"]


def may_import() -> dict[str, set[str]]:
    """The "May import" column of the app table in docs/architecture.md, as module names per app."""
    rules = {}
    for line in (ROOT / "docs/architecture.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].strip("`") in APPS:
            rules[cells[0].strip("`")] = set(re.findall(r"`([a-z_.]+)`", cells[2]))
    return rules


def imported_modules(app: str):
    """(file, dotted name) for every absolute import in the app's code that names another app."""
    for path in sorted((ROOT / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in APPS and name.split(".")[0] != app:
                    yield path.relative_to(ROOT), name


def test_the_architecture_table_names_every_app():
    assert sorted(may_import()) == sorted(APPS)
    assert may_import()["partnership"] == set()


def test_every_app_imports_only_what_the_architecture_allows():
    rules = may_import()
    broken = [
        f"{path} imports {name}"
        for app in APPS
        for path, name in imported_modules(app)
        if not any(name == allowed or name.startswith(f"{allowed}.") for allowed in rules[app])
    ]
    assert broken == [], "docs/architecture.md does not allow: " + "; ".join(broken)


def environment_variables() -> set[str]:
    """Every variable the settings read through django-environ (env("X"), env.int("X"), env.db("X")...) and
    gunicorn's configuration reads (os.environ.get("X"))."""
    found = set()
    for path in (ROOT / "bscp_portal/settings").glob("*.py"):
        found |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z0-9_]+)\"", path.read_text()))
    found |= set(re.findall(r"os\.environ\.get\(\"([A-Z0-9_]+)\"", (ROOT / "deploy/gunicorn.conf.py").read_text()))
    return found


def test_the_deployment_guide_lists_every_environment_variable():
    variables = environment_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "SESSION_IDLE_MINUTES"} <= variables  # the scan finds them
    guide = (ROOT / "docs/deployment.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", guide))
    assert sorted(variables - documented) == []


def test_the_example_environment_file_lists_every_variable_and_no_other():
    """.env.example is what an operator copies: a variable missing there is one nobody sets."""
    variables = environment_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY"} <= variables  # the scan finds them
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert sorted(variables - listed) == [], "missing from .env.example"
    assert sorted(listed - variables) == [], "read by nothing"


def test_the_example_environment_runs_production_behind_the_sample_proxy():
    """Copied as it is, every process gets the production settings and the visitor's address behind one nginx."""
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^DJANGO_ENV=production$", example, re.MULTILINE)
    assert re.search(r"^TRUSTED_PROXY_HOPS=1$", example, re.MULTILINE)
    for path in ("deploy/nginx/bscp.conf", "deploy/systemd/bscp-web.service", "docs/deployment.md"):
        assert "TRUSTED_PROXY_HOPS" in (ROOT / path).read_text(), path


def test_the_deployment_guide_names_the_processes_to_run():
    guide = (ROOT / "docs/deployment.md").read_text()
    for needed in ("gunicorn", "db_worker", "send_reminders", "migrate"):
        assert needed in guide


def test_make_help_lists_the_targets():
    listed = subprocess.run([shutil.which("make"), "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S603 (fixed arguments)
    for target in ("run", "test", "check"):
        assert re.search(rf"^\s*make {target}\s+\S", listed, re.MULTILINE), listed


def test_production_settings_turn_on_hsts_and_secure_cookies(monkeypatch):
    for name, value in {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "portal.example",
                        "DATABASE_URL": "postgres://localhost/bscp", "EMAIL_HOST": "smtp.example",
                        "SITE_URL": "https://portal.example"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production", raising=False)
    production = importlib.import_module("bscp_portal.settings.production")
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production")
    assert production.DEBUG is False
    assert production.SECURE_HSTS_SECONDS >= 31_536_000 and production.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert production.SECURE_SSL_REDIRECT
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE


def test_production_settings_require_the_site_url(monkeypatch):
    """Links in emails are built from SITE_URL: production must say it, never fall back to a default."""
    for name, value in {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "portal.example",
                        "DATABASE_URL": "postgres://localhost/bscp", "EMAIL_HOST": "smtp.example"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        importlib.import_module("bscp_portal.settings.production")
    monkeypatch.delitem(sys.modules, "bscp_portal.settings.production", raising=False)
