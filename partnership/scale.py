"""Synthetic data at scale for the benchmark (`manage.py make_scale_data`). Never used by the demo or tests of
behaviour. Safe to run again: it tops the numbers up to the plan's (synthetic names carry `PREFIX`)."""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnership.models import Deadline, Organisation, User
from partnership.permissions import ACT_FOR_ORGANISATION, INVITE_USER
from partnership.roles import Role
from partnership.services import roles_sync

PREFIX = "Scale organisation"
EMAIL_DOMAIN = "scale.invalid"
BATCH = 5000

# Of every 20 organisations: a member agency of each kind, and the national directory Form Bs go to (GP practices,
# schools, hospitals), which is most of them.
TYPES = [
    (Organisation.Type.LOCAL_AUTHORITY, True),
    (Organisation.Type.POLICE, True),
    (Organisation.Type.HEALTH, True),
    (Organisation.Type.VCF, True),
    (Organisation.Type.SOCIAL_CARE, True),
    (Organisation.Type.EDUCATION, True),
    *[(Organisation.Type.GP_PRACTICE, False)] * 6,
    *[(Organisation.Type.SCHOOL, False)] * 5,
    (Organisation.Type.HOSPITAL, False),
    (Organisation.Type.AMBULANCE, False),
    (Organisation.Type.CORONER, False),
]
# Of every 20 people: mostly agency safeguarding leads, a few of each partnership role.
ROLES = [
    *[Role.AGENCY_USER] * 14,
    Role.PARTNERSHIP_MANAGER,
    Role.REVIEW_GROUP_MEMBER,
    Role.STATUTORY_PARTNER_REPRESENTATIVE,
    Role.CDOP_COORDINATOR,
    Role.CDOP_PANEL_MEMBER,
    Role.CDOP_PANEL_MEMBER,
]
OPEN_EVERY = 20  # one clock in twenty still open; the rest met over ten years


def _organisations(plan) -> list[int]:
    existing = Organisation.objects.filter(name__startswith=PREFIX).count()
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"{PREFIX} {n:06d}",
                type=TYPES[n % len(TYPES)][0],
                is_member=TYPES[n % len(TYPES)][1],
                area=f"Area {n % 150:03d}",
            )
            for n in range(existing, plan.organisations)
        ),
        batch_size=BATCH,
    )
    return list(Organisation.objects.filter(name__startswith=PREFIX).order_by("pk").values_list("pk", "is_member"))


def _users(plan, organisations) -> int:
    members = [pk for pk, is_member in organisations if is_member] or [pk for pk, _ in organisations]
    existing = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()
    password = make_password(secrets.token_urlsafe())  # hashed once for all; nobody signs in as them
    created = User.objects.bulk_create(
        (
            User(
                email=f"scale-user-{n:06d}@{EMAIL_DOMAIN}",
                username=f"scale-user-{n:06d}@{EMAIL_DOMAIN}",
                first_name="Scale",
                last_name=f"User {n:06d}",
                password=password,
                organisation_id=members[n % len(members)],
            )
            for n in range(existing, plan.users)
        ),
        batch_size=BATCH,
    )
    roles_sync()
    groups = {group.name: group.pk for group in Group.objects.filter(name__in=[role.label for role in Role])}
    Membership = User.groups.through
    Membership.objects.bulk_create(
        (Membership(user_id=user.pk, group_id=groups[ROLES[user.pk % len(ROLES)].label]) for user in created),
        batch_size=BATCH,
    )
    return existing + len(created)


def _deadlines(organisations) -> None:
    """A clock on each organisation, as a service would have left it: mostly met over ten years, one in twenty
    open (half the partnership's, half the organisation's own), due from three weeks ago to three weeks ahead."""
    content_type = ContentType.objects.get_for_model(Organisation)
    today = timezone.localdate()
    rows = []
    for pk, _ in organisations:
        open_ = pk % OPEN_EVERY == 0
        opened_on = today - timedelta(days=20 if open_ else pk % 3650)
        due_on = today + timedelta(days=(pk % 40) - 20) if open_ else opened_on + timedelta(days=20)
        ours = (pk // OPEN_EVERY) % 2 == 0
        rows.append(
            Deadline(
                content_type=content_type,
                object_id=pk,
                kind="scale.clock",
                title=f"Synthetic clock {pk}",
                opened_on=opened_on,
                due_on=due_on,
                met_on=None if open_ else due_on - timedelta(days=pk % 5),
                audience_permission=INVITE_USER if ours else ACT_FOR_ORGANISATION,
                organisation_id=None if ours else pk,
            )
        )
    Deadline.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def load(plan, stdout) -> None:
    """The plan's organisations of mixed types, its people with their roles spread over the member agencies, and
    a statutory clock on each organisation."""
    organisations = _organisations(plan)
    users = _users(plan, organisations)
    _deadlines(organisations)
    stdout.write(f"  {len(organisations)} organisations with a clock each, {users} people")
