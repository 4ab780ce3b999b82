"""`manage.py createadmin`: the first administrator (docs/operations.md, "The first administrator")."""

import getpass
import sys
from pathlib import Path

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from partnership import services
from partnership.links import absolute_url
from partnership.models import Organisation, User

TYPES = ", ".join(Organisation.Type.values)


class Command(BaseCommand):
    help = (
        "Create an administrator: staff, superuser and the Administrator role in an organisation (chosen or "
        "created). Asks for what is missing; with --no-input, give everything, the password in --password-file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="their email address: they sign in with it")
        parser.add_argument("--first-name")
        parser.add_argument("--last-name")
        parser.add_argument("--organisation", help="the name of an existing organisation, or of one to create")
        parser.add_argument("--organisation-type", choices=Organisation.Type.values, help="to create the organisation")
        parser.add_argument("--statutory-partner", action="store_true", help="the new organisation is one")
        parser.add_argument(
            "--password-file", help="a file whose first line is the password; - reads it from standard input"
        )
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args, interactive, **options):
        self.interactive = interactive
        email = self.value(options["email"], "Email address", "--email").lower()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with the email address {email} already exists. Nothing was changed.")
        first_name = self.value(options["first_name"], "First name", "--first-name")
        last_name = self.value(options["last_name"], "Last name", "--last-name")
        organisation = self.organisation(options)
        person = User(email=email, first_name=first_name, last_name=last_name)
        password = self.password(options["password_file"], person)
        try:
            user = services.administrator_create(
                email=email, first_name=first_name, last_name=last_name, organisation=organisation, password=password
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was changed.") from error
        who = f"{user.get_full_name()} <{user.email}>, {organisation}"
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {who}."))
        self.stdout.write(
            f"They sign in at {absolute_url(reverse('login'))} with this email address and password. At that "
            "first sign-in they must set up an authenticator app (the second factor) before anything else: have "
            "the phone ready, and keep the backup codes it shows."
        )

    def value(self, given: str | None, label: str, option: str) -> str:
        if given and given.strip():
            return given.strip()
        if not self.interactive:
            raise CommandError(f"Give {option} (or leave out --no-input to be asked).")
        while not (answer := input(f"{label}: ").strip()):
            self.stderr.write(f"Enter the {label.lower()}.")
        return answer

    def organisation(self, options) -> Organisation:
        """An existing organisation by name, or a new (unsaved) one when a type is given or, interactively, chosen."""
        if not options["organisation"] and self.interactive:
            names = Organisation.objects.members().filter(is_active=True).values_list("name", flat=True)
            self.stdout.write("Organisations: " + ("; ".join(names) or "none yet"))
        name = self.value(options["organisation"], "Organisation (one listed, or a new name)", "--organisation")
        existing = Organisation.objects.filter(name__iexact=name).first()
        if existing:
            return existing
        kind = options["organisation_type"]
        if not kind and not self.interactive:
            raise CommandError(f"There is no organisation called {name}. To create it, add --organisation-type "
                               f"(one of {TYPES}).")  # fmt: skip
        while kind not in Organisation.Type.values:
            kind = input(f"New organisation {name}: its type ({TYPES}): ").strip()
        statutory = options["statutory_partner"] or (
            self.interactive and input("Is it a statutory safeguarding partner? [y/N]: ").strip().lower() == "y"
        )
        return Organisation(name=name, type=kind, is_statutory_partner=statutory)  # created with the administrator

    def password(self, path: str | None, person: User) -> str:
        """From the file (never from the command line, where other users and the shell history would see it)."""
        if path:
            try:
                text = sys.stdin.read() if path == "-" else Path(path).read_text()
            except OSError as error:
                raise CommandError(f"The password file cannot be read: {error.strerror}.") from error
            return text.splitlines()[0] if text.strip() else ""
        if not self.interactive:
            raise CommandError("Give --password-file (a file, or - for standard input).")
        while True:
            password = getpass.getpass("Password (12 characters or more): ")
            if password != getpass.getpass("The same password again: "):
                self.stderr.write("The passwords did not match. Try again.")
                continue
            try:
                validate_password(password, person)
                return password
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
