"""Which settings `manage.py` and gunicorn run with (docs/decisions/0004): a cron line that forgot its settings
stops with one clear line instead of "sending" a live database's reminders to the console."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bscp_portal.environment import settings_module
from tests.processes import PRODUCTION_ENV, manage, run

LIVE_DATABASE = {"DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]}
SHOW = "from django.conf import settings as s; print(s.SETTINGS_MODULE, s.DEBUG, s.MAILERS['default']['BACKEND'])"


def shown(env):
    result = manage("shell", "--no-imports", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-3:]


def test_the_cron_mistake_stops_before_the_command_runs():
    """The live environment file without DJANGO_ENV: no development settings against the live database."""
    result = manage("send_reminders", env=LIVE_DATABASE)
    assert result.returncode == 1
    assert "DATABASE_URL is set" in result.stderr and "DJANGO_ENV=production" in result.stderr
    assert "Traceback" not in result.stderr and "send" not in result.stdout.lower()


def test_naming_the_development_settings_by_hand_is_refused_too():
    result = manage("check", env={**LIVE_DATABASE, "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.dev"})
    assert result.returncode == 1 and "DJANGO_ENV does not say development" in result.stderr


def test_django_env_production_gives_the_production_settings_with_smtp():
    production = ["bscp_portal.settings.production", "False", "django.core.mail.backends.smtp.EmailBackend"]
    assert shown(PRODUCTION_ENV) == production


def test_the_settings_option_is_read_before_the_development_settings_refuse(tmp_path):
    """The release step as Django documents it: `--settings` names production, with no DJANGO_ENV."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_ENV"}
    env["STATIC_ROOT"] = str(tmp_path)
    result = manage("collectstatic", "--no-input", "--settings=bscp_portal.settings.production", env=env)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.glob("css/bscp.*.css.br"))


def test_development_settings_take_a_database_url_when_told():
    env = {**LIVE_DATABASE, "DJANGO_ENV": "development"}
    assert shown(env) == ["bscp_portal.settings.dev", "True", "django.core.mail.backends.console.EmailBackend"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV is 'prod': set it to 'production' or 'development'."),
        ({"DJANGO_SETTINGS_MODULE": "bscp_portal.settings.dev"}, "DJANGO_ENV is production but"),
        ({"DJANGO_SECRET_KEY": ""}, "Set the DJANGO_SECRET_KEY environment variable"),
    ],
)
def test_a_contradictory_or_incomplete_environment_is_one_line_and_status_1(extra, message):
    env = {key: value for key, value in {**PRODUCTION_ENV, **extra}.items() if value}
    result = manage("check", env=env)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1
    assert lines[0].startswith("manage.py: ") and message in lines[0]


def test_gunicorn_gets_the_production_settings_unless_told_otherwise():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_ENV"}
    code = "import bscp_portal.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)"
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "bscp_portal.settings.production"


def test_without_django_env_manage_py_keeps_the_newcomers_development_settings(monkeypatch):
    """`make run` sets nothing: development settings on the embedded database, as before."""
    monkeypatch.delenv("DJANGO_ENV", raising=False)
    assert settings_module(default="development") == "bscp_portal.settings.dev"
    assert settings_module(default="production") == "bscp_portal.settings.production"
    monkeypatch.setenv("DJANGO_ENV", "Production")
    with pytest.raises(ImproperlyConfigured):
        settings_module(default="development")
