"""Writes of the shared core: roles, deadlines, the access log, invitations and users."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from partnership.antispam import client_address
from partnership.links import absolute_url
from partnership.models import AccessEvent, Deadline, Invitation, Organisation, User
from partnership.notify import email_on_commit
from partnership.roles import Role, role_permissions

INVITATION_SALT = "partnership.invitation"


def roles_sync() -> None:
    """Make one group per role holding exactly the permissions the apps grant it."""
    for role, codes in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=Role(role).label)
        wanted = models.Q(pk__in=[])
        for code in codes:
            app_label, codename = code.split(".")
            wanted |= models.Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))


def _subject_key(subject: models.Model) -> dict:
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


def deadline_open(
    *,
    subject: models.Model,
    kind: str,
    title: str,
    due_on: date,
    audience_permission: str,
    organisation: Organisation | None = None,
    opened_on: date | None = None,
) -> Deadline:
    """Start a clock. Starting the same clock again moves its due date rather than adding a second one (and a
    moved date bumps its calendar SEQUENCE)."""
    before = Deadline.objects.filter(**_subject_key(subject), kind=kind).values_list("due_on", "sequence").first()
    sequence = 0 if before is None else before[1] + (before[0] != due_on)
    deadline, _ = Deadline.objects.update_or_create(
        **_subject_key(subject),
        kind=kind,
        defaults={
            "sequence": sequence,
            "title": title,
            "due_on": due_on,
            "audience_permission": audience_permission,
            "organisation": organisation,
            "opened_on": opened_on or timezone.localdate(),
            "met_on": None,
            "met_by": None,
            "cancelled_on": None,
        },
    )
    return deadline


def deadline_meet(*, subject: models.Model, kind: str, by: User | None, on: date | None = None) -> Deadline | None:
    """Stop a clock: the step it governs was done on `on` (today by default)."""
    deadline = Deadline.objects.open().filter(**_subject_key(subject), kind=kind).first()
    if deadline:
        deadline.met_on = on or timezone.localdate()
        deadline.met_by = by
        deadline.save(update_fields=["met_on", "met_by"])
    return deadline


def deadline_move(*, subject: models.Model, kind: str, due_on: date) -> int:
    """The event a clock runs from was corrected: an open clock's due date moves (a met or withdrawn one stays)."""
    moved = Deadline.objects.open().filter(**_subject_key(subject), kind=kind).exclude(due_on=due_on)
    return moved.update(due_on=due_on, sequence=models.F("sequence") + 1)


def deadline_remeet(*, subject: models.Model, kind: str, by: User | None, on: date | None) -> Deadline | None:
    """The step a clock governs was recorded with the wrong date: its "met" date follows the correction, and
    clearing the step (`on` None) reopens the clock. A withdrawn clock stays withdrawn."""
    deadline = Deadline.objects.filter(**_subject_key(subject), kind=kind, cancelled_on__isnull=True).first()
    if deadline is None:
        return None
    if on is None:
        deadline.met_on, deadline.met_by = None, None
    elif deadline.met_on != on:
        deadline.met_on, deadline.met_by = on, by
    deadline.save(update_fields=["met_on", "met_by"])
    return deadline


def deadline_cancel(*, subject: models.Model, kind: str | None = None) -> int:
    """Stop clocks that no longer apply (the case closed another way). All of the subject's when `kind` is None."""
    deadlines = Deadline.objects.open().filter(**_subject_key(subject))
    if kind:
        deadlines = deadlines.filter(kind=kind)
    return deadlines.update(cancelled_on=timezone.localdate())


def access_record(
    *, by: User | None, subject: models.Model, action: str, path: str = "", address: str | None = None
) -> AccessEvent:
    """Record that someone viewed or downloaded a sensitive record (`address`: `antispam.client_address`)."""
    user = by if by is not None and by.is_authenticated else None
    return AccessEvent.objects.create(
        user=user, action=action, path=path[:500], address=address, **_subject_key(subject)
    )


def access_record_for(request, *, subject: models.Model, action: str) -> AccessEvent:
    """`access_record` with the person, page and address of the request that showed the record."""
    return access_record(
        by=request.user, subject=subject, action=action, path=request.path, address=client_address(request)
    )


@transaction.atomic
def invitation_create(
    *, email: str, first_name: str, last_name: str, organisation: Organisation, roles: list[Group], by: User
) -> Invitation:
    invitation = Invitation(
        email=email.lower(), first_name=first_name, last_name=last_name, organisation=organisation, invited_by=by
    )
    invitation.full_clean()
    invitation.save()
    invitation.roles.set(roles)
    link = absolute_url(reverse("accept-invitation", args=[invitation_token(invitation)]))
    email_on_commit(
        to=[invitation.email],
        subject="You have been invited to the BSCP portal",
        template="partnership/email/invitation.txt",
        context={"invitation": invitation, "link": link, "days": settings.INVITATION_MAX_AGE.days},
    )
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


class InvitationInvalid(Exception):
    """The link is expired, tampered with, revoked or already used."""


class InvitationAccountExists(InvitationInvalid):
    """Someone already has an account with the invitation's email address (another invitation was accepted)."""


def _account_exists(email: str) -> bool:
    return User.objects.filter(models.Q(email__iexact=email) | models.Q(username__iexact=email)).exists()


def invitation_from_token(token: str, *, max_age) -> Invitation:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
        invitation = Invitation.objects.get(pk=data["invitation"])
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError) as error:
        raise InvitationInvalid from error
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationInvalid
    if _account_exists(invitation.email):
        raise InvitationAccountExists
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Create the account the invitation describes; the link cannot be used again."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationInvalid
    if _account_exists(invitation.email):
        raise InvitationAccountExists
    user = User(
        username=invitation.email,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        organisation=invitation.organisation,
    )
    user.set_password(password)
    user.full_clean()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # the same address accepted a moment ago through another invitation
        raise InvitationAccountExists from error
    user.groups.set(invitation.roles.all())
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def user_disable(*, user: User, by: User) -> None:
    """Disabled users can no longer sign in, and any session they hold stops working on its next request."""
    user.is_active = False
    user.save(update_fields=["is_active"])


def organisation_disable(*, organisation: Organisation, by: User) -> None:
    organisation.is_active = False
    organisation.save(update_fields=["is_active"])


@transaction.atomic
def administrator_create(
    *, email: str, first_name: str, last_name: str, organisation: Organisation, password: str
) -> User:
    """An administrator from the command line (the first one has no one to invite them): staff, superuser and the
    Administrator role, with no authenticator yet, so that signing in takes them to enrol one first. A new (unsaved)
    `organisation` is saved with them, or not at all."""
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"An account with the email address {email} already exists."})
    if not first_name.strip() or not last_name.strip():
        raise ValidationError("Enter their first name and last name.")
    if organisation.pk is None:
        organisation.full_clean()
        organisation.save()
    user = User(
        email=email,
        username=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        is_staff=True,
        is_superuser=True,
    )
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    roles_sync()
    user.groups.set([Group.objects.get(name=Role.ADMINISTRATOR.label)])
    return user
