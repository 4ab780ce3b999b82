"""What the portal's shared pages read from CDOP, named in `CdopConfig`: the "My work" panel, the records whose
page a person may open (for the deadlines on "My work") and the notification form's entry in site search."""

from django.urls import reverse

from cdop.models import ChildDeathCase, FormBRequest, JointAgencyResponse
from cdop.permissions import COMPLETE_FORM_B, MANAGE_CASES
from cdop.selectors import can, cases_openable, form_b_requests_for, outstanding_form_b, upcoming_meetings
from partnership.models import User
from partnership.selectors import opening_with


def openable_subjects(user: User) -> dict:
    """For "My work" (`partnership.selectors.deadlines_for`): the CDOP records whose page this person may open,
    by the same querysets the pages read through. A Joint Agency Response's clocks link to its case's page."""
    cases = cases_openable(user)
    return {
        ChildDeathCase: cases,
        JointAgencyResponse: opening_with(cases, JointAgencyResponse, "case"),
        FormBRequest: form_b_requests_for(user),
    }


def my_work_panel(user: User) -> dict | None:
    """Outstanding Form B requests (the coordinator's to chase, an agency's to complete) and the panel meetings
    to come (a panel member's own, with their agenda; every one for the coordinator)."""
    requests = list(outstanding_form_b(user)[:20]) if can(user, MANAGE_CASES) or can(user, COMPLETE_FORM_B) else []
    meetings = list(upcoming_meetings(user)[:10])
    if not (requests or meetings):
        return None
    title = "Form B requests outstanding" if requests else "Panel meetings"
    if requests and meetings:
        title = "Child deaths: panel meetings and Form B requests"
    return {"title": title, "template": "cdop/my_work_panel.html", "requests": requests, "meetings": meetings}


def search_entries() -> list[dict]:
    """The child death notification, for site search (`content.search_index.entries_sync`), in its page's words."""
    return [
        {
            "key": "cdop-notify",
            "url": reverse("cdop-notify"),
            "title": "Notify a child death",
            "summary": "Use this form to tell the North Central London Child Death Overview Panel (CDOP) about the "
            "death of a child under 18 who normally lived in Barnet, Camden, Enfield, Haringey or Islington, or who "
            "died in one of these boroughs.",
            "body": "Any professional can use it; you do not need an account. When you send the form you get a "
            "reference number; the CDOP coordinator then contacts you.",
            "keywords": "notification form report tell e-CDOP",
        }
    ]
