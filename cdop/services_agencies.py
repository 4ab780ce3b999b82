"""The CDOP side of the agency directory: asking an agency that is not in it yet for Form B."""

from django.db import transaction

from cdop.models import ChildDeathCase, FormBRequest
from cdop.services_form_b import form_b_send
from partnership import directory
from partnership.models import User


@transaction.atomic
def form_b_send_to_new_agency(
    *,
    case: ChildDeathCase,
    organisation_name: str,
    organisation_type: str,
    area: str,
    professional_name: str,
    professional_role: str,
    professional_email: str,
    by: User,
) -> FormBRequest:
    """Add the organisation to the directory (not a member agency) and the professional as its contact, then ask
    them for Form B: all three or none."""
    organisation = directory.organisation_add(name=organisation_name, type=organisation_type, area=area, by=by)
    contact = directory.contact_add(
        organisation=organisation, name=professional_name, role=professional_role, email=professional_email, by=by
    )
    return form_b_send(
        case=case, organisation=organisation, professional_name=contact.name, professional_email=contact.email, by=by
    )
