"""The agency directory: organisations (member agencies and others, such as GP practices) and the people in them
whom the CDOP coordinator asks for Form B. Entries are disabled, never deleted, so the requests that name them
keep their record; every change is kept in the change history (pghistory tracks both models)."""

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from partnership.errors import Refusal
from partnership.models import Contact, Organisation, User

ORGANISATION_FIELDS = ("name", "type", "area", "email")
CONTACT_FIELDS = ("name", "role", "email", "phone")


def directory_search(*, text: str = "", area: str = "", kind: str = "", inactive: bool = False) -> QuerySet:
    """Organisations whose name (or a contact's name) contains `text`, in `area`, of type `kind`; the active ones
    unless `inactive`. Each carries `contact_count`, worked out for the rows returned only (a page). A name
    containing the text is found by reading every name: about 20,000 names nationally, a few milliseconds (a
    trigram index needs `pg_trgm`, which the embedded database lacks)."""
    active_contacts = (
        Contact.objects.filter(organisation=OuterRef("pk"), is_active=True)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = Organisation.objects.annotate(
        contact_count=Coalesce(Subquery(active_contacts, output_field=IntegerField()), 0)
    )
    if text:
        named = Contact.objects.filter(name__icontains=text).values("organisation")
        found = found.filter(Q(name__icontains=text) | Q(pk__in=named))
    if area:
        found = found.filter(area__icontains=area)
    if kind:
        found = found.filter(type=kind)
    if not inactive:
        found = found.filter(is_active=True)
    return found.order_by("name")


def _refuse_duplicate_name(name: str, *, other_than: int | None = None) -> None:
    same = Organisation.objects.filter(name__iexact=name.strip()).exclude(pk=other_than)
    if same.exists():
        raise Refusal(f"{same.first().name} is already in the directory: choose it instead of adding it again.")


@transaction.atomic
def organisation_add(*, name: str, type: str, area: str = "", email: str = "", by: User) -> Organisation:
    """A directory entry the coordinator adds: not a member agency, so never invited to audits or boards."""
    _refuse_duplicate_name(name)
    organisation = Organisation(name=name.strip(), type=type, area=area.strip(), email=email, is_member=False)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_change(*, organisation: Organisation, by: User, **values) -> Organisation:
    """Correct an organisation's name, type, area or email (membership stays as the administrator set it)."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _refuse_duplicate_name(values.get("name", organisation.name), other_than=organisation.pk)
    for name in ORGANISATION_FIELDS:
        if name in values:
            setattr(organisation, name, values[name].strip() if isinstance(values[name], str) else values[name])
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_set_active(*, organisation: Organisation, active: bool, by: User) -> Organisation:
    """Disable (it leaves the Form B list; its requests stay) or enable again."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.is_active = active
    organisation.save(update_fields=["is_active"])
    return organisation


@transaction.atomic
def contact_add(*, organisation: Organisation, name: str, email: str, role: str = "", phone: str = "", by: User):
    """A person at the organisation whom Form B requests can be sent to."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_active:
        raise Refusal(f"{organisation} is disabled: enable it before adding people to it.")
    contact = Contact(organisation=organisation, name=name.strip(), email=email.lower(), role=role, phone=phone)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_change(*, contact: Contact, by: User, **values) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    for name in CONTACT_FIELDS:
        if name in values:
            value = values[name].strip()
            setattr(contact, name, value.lower() if name == "email" else value)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_set_active(*, contact: Contact, active: bool, by: User) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact.is_active = active
    contact.save(update_fields=["is_active"])
    return contact
