"""The first administrator: `manage.py createadmin` (docs/operations.md), then a real sign-in through the pages,
password then authenticator enrolment; and `createsuperuser` and the admin's "Add user" make accounts whose
sign-in name is their email address."""

import io
import re
import shlex
from base64 import b32encode
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import Organisation, User
from partnership.roles import Role
from tests.html import page, text

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unguessable passphrase"  # noqa: S105


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text(PASSWORD + "\n")
    return str(path)


def createadmin(password_file, **options):
    """`createadmin --no-input` with the options an operator would type; None leaves one out."""
    given = {
        "email": "Alex.Morgan@Barnet.gov.uk",
        "first_name": "Alex",
        "last_name": "Morgan",
        "organisation": "London Borough of Barnet",
        "organisation_type": "local_authority",
        "statutory_partner": True,
        "password_file": password_file,
        "interactive": False,
        **options,
    }
    out = io.StringIO()
    call_command("createadmin", stdout=out, **{name: value for name, value in given.items() if value is not None})
    return out.getvalue()


def enrol_with_the_key_on_the_page(client):
    """What a person does with their phone: read the key the setup page shows, and type the code it gives."""
    setup = client.get(reverse("two-factor-setup"))
    key = TOTPDevice.objects.get(confirmed=False).bin_key
    assert text(setup, "code") == b32encode(key).decode()
    return client.post(reverse("two-factor-setup"), {"token": f"{TOTP(key).token():06d}"})


def test_createadmin_then_sign_in_with_the_password_then_enrol_an_authenticator(client, password_file):
    printed = createadmin(password_file)
    admin = User.objects.get()
    assert admin.email == admin.username == "alex.morgan@barnet.gov.uk" and admin.get_full_name() == "Alex Morgan"
    assert admin.is_staff and admin.is_superuser and admin.has_role(Role.ADMINISTRATOR)
    assert admin.organisation == Organisation.objects.get(name="London Borough of Barnet", is_statutory_partner=True)
    assert "must set up an authenticator app" in printed and "http://127.0.0.1:8000/accounts/login/" in printed
    assert PASSWORD not in printed

    response = client.post(reverse("login"), {"username": "alex.morgan@barnet.gov.uk", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor-setup"))
    assert text(response, "h1") == "Set up your second factor"

    response = enrol_with_the_key_on_the_page(client)
    assert response.status_code == 302 and response.url.startswith(reverse("backup-codes"))
    assert len(page(client.get(response.url)).select("main li")) == 10
    admin_index = client.get("/admin/")
    assert admin_index.status_code == 200 and text(admin_index, "h1") == "Administration"


def test_an_existing_organisation_is_chosen_by_name(password_file, local_authority):
    createadmin(password_file, organisation=local_authority.name.upper(), organisation_type=None)
    assert User.objects.get().organisation == local_authority
    assert Organisation.objects.count() == 1


def test_an_existing_email_is_refused_the_same_way_every_time_and_changes_nothing(password_file, manager):
    for _ in range(2):
        with pytest.raises(CommandError, match=f"email address {manager.email} already exists. Nothing was changed"):
            createadmin(password_file, email=manager.email.upper())
    manager.refresh_from_db()
    assert not manager.is_superuser and User.objects.count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"organisation_type": None}, "There is no organisation called London Borough of Barnet. To create it, add"),
        ({"last_name": ""}, "Give --last-name (or leave out --no-input to be asked)."),
        ({"password_file": None}, "Give --password-file (a file, or - for standard input)."),
        ({"password_file": "/no/such/file"}, "The password file cannot be read: No such file or directory."),
        ({"email": "not an email"}, "Enter a valid email address."),
    ],
)
def test_what_is_missing_or_wrong_is_named_and_nothing_is_created(password_file, options, message):
    with pytest.raises(CommandError) as refused:
        createadmin(**{"password_file": password_file, **options})
    assert message in str(refused.value)
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_a_weak_password_is_refused_and_the_new_organisation_is_not_kept(tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("password\n")
    with pytest.raises(CommandError, match="This password is too short.*Nothing was changed"):
        createadmin(str(weak))
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_the_password_can_come_from_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    createadmin("-")
    assert User.objects.get().check_password(PASSWORD)


def test_createsuperuser_asks_for_the_email_only_and_that_account_can_sign_in(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", email="Root@Barnet.gov.uk", interactive=False, stdout=io.StringIO())
    user = User.objects.get()
    assert user.username == user.email == "root@barnet.gov.uk"
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor-setup"))


def test_the_admins_add_user_form_asks_for_the_email_as_the_sign_in_name(client, sign_in, administrator):
    sign_in(administrator)
    form = page(client.get(reverse("admin:partnership_user_add")))
    assert form.select_one("input[name=email]") and not form.select_one("input[name=username]")
    client.post(
        reverse("admin:partnership_user_add"),
        {"email": "New.Person@Agency.example", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD},
    )
    user = User.objects.get(email="new.person@agency.example")
    assert user.username == user.email and user.check_password(PASSWORD)


def test_the_username_follows_a_changed_email_address(manager):
    manager.email = "moved@barnet.gov.uk"
    manager.save(update_fields=["email"])
    manager.refresh_from_db()
    assert manager.username == "moved@barnet.gov.uk"


def test_failed_sign_ins_are_counted_against_the_email_address_typed(client, manager):
    client.post(reverse("login"), {"username": manager.email, "password": "not the password"})
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [manager.email]


def test_the_command_in_the_operations_runbook_works_as_written(password_file):
    runbook = (Path(__file__).resolve().parents[2] / "docs/operations.md").read_text()
    written = re.search(r"manage\.py (createadmin --no-input .*?)\n(?!\s)", runbook.replace("\\\n", " "), re.DOTALL)
    args = shlex.split(written.group(1))
    args[args.index("--password-file") + 1] = password_file
    call_command(*args, stdout=io.StringIO())
    admin = User.objects.get(email="alex.morgan@barnet.gov.uk")
    assert admin.has_role(Role.ADMINISTRATOR) and admin.organisation.is_statutory_partner


def test_asked_at_a_terminal_with_the_password_hidden_and_asked_again_until_it_will_do(monkeypatch, capsys):
    """The terminal is the edge: what the operator types is fed to input() and getpass()."""
    answers = iter(["sam.levy@nclicb.example", "Sam", "", "Levy", "NCL Integrated Care Board", "nhs", "health", "y"])
    passwords = iter([PASSWORD, "a typo", "short", "short", PASSWORD, PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))
    call_command("createadmin")
    admin = User.objects.get()
    assert admin.get_full_name() == "Sam Levy" and admin.check_password(PASSWORD)
    assert (admin.organisation.type, admin.organisation.is_statutory_partner) == ("health", True)
    told = capsys.readouterr().err
    assert "Enter the last name." in told and "The passwords did not match." in told
    assert "This password is too short" in told
