"""Reads of the CDOP app that depend on who asks. Nobody without a CDOP permission sees any of it: views turn
an empty answer into 404."""

from collections import Counter

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cdop.choices import Borough, Category
from cdop.models import ChildDeathCase, FormBRequest
from cdop.permissions import COMPLETE_FORM_B, MANAGE_CASES, VIEW_PANEL
from partnership.models import User


def can(user: User, permission: str) -> bool:
    """The right held through a CDOP role. A superuser (the system administrator) holds every permission in
    Django, but sees CDOP data only if given a CDOP role: no one else sees it."""
    if not user.has_perm(permission):
        return False
    if user.is_superuser:
        app_label, codename = permission.split(".")
        return user.groups.filter(
            permissions__content_type__app_label=app_label, permissions__codename=codename
        ).exists()
    return True


def require(user: User, permission: str) -> None:
    """CDOP data is invisible, not forbidden: a person without the right gets 404."""
    if not can(user, permission):
        raise Http404


def cases_for(user: User) -> QuerySet[ChildDeathCase]:
    """Cases this person may see (all of them for the coordinator and the panel; none otherwise). Lists show
    pseudonym and reference only, so the identity is never joined here."""
    if not can(user, VIEW_PANEL):
        return ChildDeathCase.objects.none()
    return (
        ChildDeathCase.objects.select_related("possible_duplicate_of", "merged_into")
        .annotate(
            form_b_outstanding=Count(
                "form_b_requests",
                filter=Q(form_b_requests__stage__in=[FormBRequest.Stage.SENT, FormBRequest.Stage.DRAFT]),
            )
        )
        .order_by("-notified_at", "-pk")
    )


def case_for_coordinator(user: User, pk: int) -> ChildDeathCase:
    require(user, MANAGE_CASES)
    try:
        return ChildDeathCase.objects.select_related(
            "triaged_by", "closed_by", "jar", "analysis", "possible_duplicate_of", "merged_into", "consideration_case"
        ).get(pk=pk)
    except ChildDeathCase.DoesNotExist as error:
        raise Http404 from error


def case_for_panel(user: User, pk: int) -> ChildDeathCase:
    """The anonymised case: the identity is never loaded."""
    require(user, VIEW_PANEL)
    try:
        return (
            ChildDeathCase.objects.select_related("analysis", "analysis__recorded_by", "jar")
            .prefetch_related("analysis__themes")
            .get(pk=pk)
        )
    except ChildDeathCase.DoesNotExist as error:
        raise Http404 from error


def identity_for(user: User, pk: int):
    case = case_for_coordinator(user, pk)
    if not hasattr(case, "identity"):
        raise Http404
    return case.identity


def form_b_requests_for(user: User) -> QuerySet[FormBRequest]:
    """The coordinator sees every request; an agency user their own organisation's; anyone else none."""
    requests = FormBRequest.objects.select_related("case", "organisation").order_by("due_on", "pk")
    if can(user, MANAGE_CASES):
        return requests
    if can(user, COMPLETE_FORM_B) and user.organisation_id:
        return requests.filter(organisation_id=user.organisation_id)
    return requests.none()


def form_b_for(user: User, pk: int) -> FormBRequest:
    try:
        return form_b_requests_for(user).get(pk=pk)
    except FormBRequest.DoesNotExist as error:
        raise Http404 from error


def outstanding_form_b(user: User) -> QuerySet[FormBRequest]:
    return form_b_requests_for(user).filter(stage__in=[FormBRequest.Stage.SENT, FormBRequest.Stage.DRAFT])


def closed_cases(user: User) -> QuerySet[ChildDeathCase]:
    require(user, MANAGE_CASES)
    return (
        ChildDeathCase.objects.filter(stage=ChildDeathCase.Stage.CLOSED)
        .select_related("analysis")
        .prefetch_related("analysis__themes")
        .order_by("closed_on", "pk")
    )


def annual_figures(user: User, year: int) -> dict:
    """Deaths in a year (by date of death): by borough (or outside North Central London), category, expected or
    not, modifiable or not. A duplicate notification merged into another case is not a death of its own."""
    require(user, VIEW_PANEL)
    rows = list(
        ChildDeathCase.objects.filter(date_of_death__year=year)
        .exclude(stage=ChildDeathCase.Stage.MERGED)
        .values_list("borough", "death_expected", "stage", "analysis__category", "analysis__modifiable")
    )
    closed = [row for row in rows if row[2] == ChildDeathCase.Stage.CLOSED]
    boroughs = Counter(row[0] for row in rows)
    categories = Counter(row[3] for row in closed)
    expected = Counter(row[1] for row in rows)
    modifiable = Counter(row[4] for row in closed)
    return {
        "total": len(rows),
        "closed": len(closed),
        "by_borough": [(label, boroughs[value]) for value, label in Borough.choices],
        "by_category": [(f"{value}. {label}", categories[value]) for value, label in Category.choices],
        "by_expected": [("Expected", expected[True]), ("Unexpected", expected[False]), ("Not decided", expected[None])],
        "by_modifiable": [
            ("Modifiable factors", modifiable[True]),
            ("No modifiable factors", modifiable[False]),
        ],
    }


def my_work_panel(user: User) -> dict | None:
    """Outstanding Form B requests: the coordinator's to chase, an agency's to complete."""
    if not (can(user, MANAGE_CASES) or can(user, COMPLETE_FORM_B)):
        return None
    requests = list(outstanding_form_b(user)[:20])
    if not requests:
        return None
    return {"title": "Form B requests outstanding", "template": "cdop/my_work_panel.html", "requests": requests}
