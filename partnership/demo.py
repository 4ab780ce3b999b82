"""Demo organisations, people and themes. Safe to load again: everything is matched by name."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import Organisation, Theme, User
from partnership.roles import Role
from partnership.two_factor import base32_secret

Type = Organisation.Type

ORGANISATIONS = [
    ("London Borough of Barnet", Type.LOCAL_AUTHORITY, True),
    ("Metropolitan Police Service, North West Basic Command Unit", Type.POLICE, True),
    ("North Central London Integrated Care Board", Type.HEALTH, True),
    ("Royal Free London NHS Foundation Trust", Type.HEALTH, False),
    ("Central London Community Healthcare NHS Trust", Type.HEALTH, False),
    ("Barnet, Enfield and Haringey Mental Health NHS Trust", Type.HEALTH, False),
    ("London Ambulance Service NHS Trust", Type.HEALTH, False),
    ("Probation Service, North London", Type.PROBATION, False),
    ("Barnet Youth Justice Service", Type.LOCAL_AUTHORITY, False),
    ("Barnet Education and Learning Service", Type.EDUCATION, False),
    ("Whitefield Academy Trust", Type.EDUCATION, False),
    ("Barnet and Southgate College", Type.EDUCATION, False),
    ("Young Barnet Foundation", Type.VCF, False),
    ("Barnet Mencap", Type.VCF, False),
    ("Barnet Multi-Faith Forum", Type.VCF, False),
    ("Home-Start Barnet", Type.VCF, False),
]

THEMES = [
    "Safer sleeping",
    "Female genital mutilation",
    "Recruitment and retention",
    "Family networks",
    "Neglect",
    "Exploitation",
    "Domestic abuse",
    "Mental health",
    "Online safety",
]

# (email, first name, last name, organisation, roles). Passwords are shown only when DEBUG is on.
PEOPLE = [
    ("manager@bscp.example", "Priya", "Shah", "London Borough of Barnet", [Role.PARTNERSHIP_MANAGER]),
    ("reviewer@bscp.example", "Tom", "Okafor", "Royal Free London NHS Foundation Trust", [Role.REVIEW_GROUP_MEMBER]),
    (
        "la.rep@bscp.example",
        "Helen",
        "Marsh",
        "London Borough of Barnet",
        [Role.REVIEW_GROUP_MEMBER, Role.STATUTORY_PARTNER_REPRESENTATIVE],
    ),
    (
        "police.rep@bscp.example",
        "Dan",
        "Kowalski",
        "Metropolitan Police Service, North West Basic Command Unit",
        [Role.REVIEW_GROUP_MEMBER, Role.STATUTORY_PARTNER_REPRESENTATIVE],
    ),
    (
        "health.rep@bscp.example",
        "Grace",
        "Adeyemi",
        "North Central London Integrated Care Board",
        [Role.REVIEW_GROUP_MEMBER, Role.STATUTORY_PARTNER_REPRESENTATIVE],
    ),
    ("cdop@bscp.example", "Sam", "Levy", "North Central London Integrated Care Board", [Role.CDOP_COORDINATOR]),
    ("panel@bscp.example", "Ruth", "Evans", "Royal Free London NHS Foundation Trust", [Role.CDOP_PANEL_MEMBER]),
    ("agency@bscp.example", "Joe", "Bright", "Young Barnet Foundation", [Role.AGENCY_USER]),
    ("school@bscp.example", "Amira", "Haddad", "Whitefield Academy Trust", [Role.AGENCY_USER]),
    ("admin@bscp.example", "Alex", "Morgan", "London Borough of Barnet", [Role.ADMINISTRATOR]),
]
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (demo only: printed and usable only when DEBUG is on)
# A fixed TOTP key for demo accounts, so a developer can add it to an authenticator app once.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


def load(stdout) -> None:
    for name, kind, statutory in ORGANISATIONS:
        Organisation.objects.update_or_create(name=name, defaults={"type": kind, "is_statutory_partner": statutory})
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for email, first, last, organisation, roles in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email,
                "first_name": first,
                "last_name": last,
                "organisation": Organisation.objects.get(name=organisation),
                "is_staff": Role.ADMINISTRATOR in roles,
                "is_superuser": Role.ADMINISTRATOR in roles,
            },
        )
        if created or not user.has_usable_password():
            if settings.DEBUG:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.set(Group.objects.filter(name__in=[role.label for role in roles]))
        TOTPDevice.objects.get_or_create(user=user, name="Demo authenticator", defaults={"key": DEMO_TOTP_KEY})
    stdout.write(f"  {len(ORGANISATIONS)} organisations, {len(THEMES)} themes, {len(PEOPLE)} people")
    if settings.DEBUG:
        stdout.write("  Demo sign-ins (DEBUG only), password " + DEMO_PASSWORD + ":")
        for email, *_, roles in PEOPLE:
            stdout.write(f"    {email:28} {', '.join(role.label for role in roles)}")
        stdout.write("  Second factor: add this key to an authenticator app (TOTP, 6 digits, 30 s):")
        stdout.write(f"    {base32_secret(bytes.fromhex(DEMO_TOTP_KEY))}")
