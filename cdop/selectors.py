"""Reads of the CDOP app that depend on who asks. Nobody without a CDOP permission sees any of it: views turn
an empty answer into 404."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cdop.choices import Borough, Category
from cdop.models import OPEN_STAGES, ChildDeathCase, FormBRequest
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
    return ChildDeathCase.objects.annotate(
        form_b_outstanding=Count("form_b_requests", filter=Q(form_b_requests__stage__in=OPEN_STAGES))
    ).order_by("-notified_at", "-pk")


def case_for_coordinator(user: User, pk: int) -> ChildDeathCase:
    require(user, MANAGE_CASES)
    try:
        return ChildDeathCase.objects.select_related("triaged_by", "closed_by", "jar", "analysis").get(pk=pk)
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
    return form_b_requests_for(user).filter(stage__in=OPEN_STAGES)


def export_columns(user: User) -> list:
    """The export's columns for who asks: the coordinator's carry the identifying fields (NHS number, date of birth,
    postcode) that NCMD links records by; anyone else with a CDOP right gets the anonymised set; others none."""
    from cdop.export import ANONYMISED_COLUMNS, COLUMNS

    if can(user, MANAGE_CASES):
        return COLUMNS
    require(user, VIEW_PANEL)
    return ANONYMISED_COLUMNS


def export_cases(user: User) -> QuerySet[ChildDeathCase]:
    """Every counted case (merged duplicates left out), oldest notification first, with what the export reads
    in a fixed number of queries; the identity is joined for the coordinator only."""
    require(user, VIEW_PANEL)
    related = ["jar", "analysis", *(["identity"] if can(user, MANAGE_CASES) else [])]
    not_withdrawn = ~Q(form_b_requests__stage=FormBRequest.Stage.REVOKED)
    return (
        ChildDeathCase.objects.counted()
        .select_related(*related)
        .prefetch_related("analysis__themes")
        .annotate(
            form_b_requested=Count("form_b_requests", filter=not_withdrawn),
            form_b_submitted=Count("form_b_requests", filter=Q(form_b_requests__stage=FormBRequest.Stage.SUBMITTED)),
        )
        .order_by("notified_at", "pk")
    )


def export_form_b(user: User) -> QuerySet[FormBRequest]:
    """Submitted Form Bs of counted cases: agencies' words may name the child, so the coordinator's only."""
    require(user, MANAGE_CASES)
    return (
        FormBRequest.objects.filter(stage=FormBRequest.Stage.SUBMITTED, case__in=ChildDeathCase.objects.counted())
        .select_related("case", "organisation")
        .order_by("case__notified_at", "case__pk", "submitted_at", "pk")
    )


def _counts(queryset, groups: dict[str, Q]) -> dict[str, int]:
    """One aggregate query: a count per named group."""
    return queryset.aggregate(**{name: Count("pk", filter=condition) for name, condition in groups.items()})


def annual_figures(user: User, period) -> dict:
    """Deaths in the period by date of death (by borough, expected or not); reviews completed in the period by
    the date the case closed (by category, modifiable or not), as NCMD reports them. Merged duplicates are not
    counted. Every count is made by the database."""
    require(user, VIEW_PANEL)
    days = (period.first_day, period.last_day)
    deaths = ChildDeathCase.objects.counted().filter(date_of_death__range=days)
    reviews = ChildDeathCase.objects.counted().filter(stage=ChildDeathCase.Stage.CLOSED, closed_on__date__range=days)
    death_counts = _counts(
        deaths,
        {
            "total": Q(),
            **{f"borough_{value}": Q(borough=value) for value in Borough.values},
            "expected": Q(death_expected=True),
            "unexpected": Q(death_expected=False),
            "undecided": Q(death_expected__isnull=True),
        },
    )
    review_counts = _counts(
        reviews,
        {
            "total": Q(),
            **{f"category_{value}": Q(analysis__category=value) for value in Category.values},
            "modifiable": Q(analysis__modifiable=True),
            "not_modifiable": Q(analysis__modifiable=False),
        },
    )
    return {
        "total": death_counts["total"],
        "closed": review_counts["total"],
        "by_borough": [(label, death_counts[f"borough_{value}"]) for value, label in Borough.choices],
        "by_expected": [
            ("Expected", death_counts["expected"]),
            ("Unexpected", death_counts["unexpected"]),
            ("Not decided", death_counts["undecided"]),
        ],
        "by_category": [(f"{value}. {label}", review_counts[f"category_{value}"]) for value, label in Category.choices],
        "by_modifiable": [
            ("Modifiable factors", review_counts["modifiable"]),
            ("No modifiable factors", review_counts["not_modifiable"]),
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
