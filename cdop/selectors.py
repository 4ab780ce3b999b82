"""Reads of the CDOP app that depend on who asks. Nobody without a CDOP permission sees any of it: views turn
an empty answer into 404."""

from datetime import datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cdop.choices import Borough, Category
from cdop.models import (
    AGENDA_STAGES,
    OPEN_STAGES,
    ChildDeathCase,
    FormBRequest,
    PanelAgendaItem,
    PanelMeeting,
)
from cdop.permissions import COMPLETE_FORM_B, MANAGE_CASES, VIEW_PANEL
from cdop.redaction import identifiers, redact
from partnership.models import Organisation, User
from partnership.roles import Role


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


def _panel_cases(user: User) -> QuerySet[ChildDeathCase]:
    """Every case for the coordinator; for a panel member, the cases on the agenda of a meeting (not cancelled)
    they are invited to; none for anyone else."""
    if can(user, MANAGE_CASES):
        return ChildDeathCase.objects.all()
    if not can(user, VIEW_PANEL):
        return ChildDeathCase.objects.none()
    on_agenda = ChildDeathCase.objects.filter(
        agenda_items__meeting__members=user, agenda_items__meeting__cancelled_at__isnull=True
    )
    return ChildDeathCase.objects.filter(pk__in=on_agenda.values("pk"))


def _count_of(queryset: QuerySet, field: str):
    """A correlated count (`field` = the outer row's pk): the database works it out only for the rows it returns,
    so a paginated list counts for its page alone, and the list's order still comes from an index."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def reference_search(text: str) -> str:
    """A reference typed as people type it ("cdop-2026-01"): the start of a reference, in capitals."""
    return text.strip().upper()[:20]


def cases_for(user: User, *, search: str = "") -> QuerySet[ChildDeathCase]:
    """Cases this person may see (`_panel_cases`), most recently notified first, those whose reference starts
    with `search` when given. Lists show pseudonym and reference only, so the identity is never joined here.
    A list counts the Form Bs outstanding for the page it shows (`with_form_b_outstanding`)."""
    cases = _panel_cases(user)
    if search := reference_search(search):
        cases = cases.filter(reference__startswith=search)
    return cases.select_related("possible_duplicate_of", "merged_into").order_by("-notified_at", "-pk")


def with_form_b_outstanding(cases) -> list[ChildDeathCase]:
    """The cases (a page of them), each with `form_b_outstanding`: one grouped query over the page's cases, so
    a page far down the list costs no more than the first."""
    cases = list(cases)
    counts = dict(
        FormBRequest.objects.filter(case__in=[case.pk for case in cases], stage__in=OPEN_STAGES)
        .order_by()
        .values_list("case")
        .annotate(n=Count("pk"))
    )
    for case in cases:
        case.form_b_outstanding = counts.get(case.pk, 0)
    return cases


def cases_openable(user: User) -> QuerySet[ChildDeathCase]:
    """The cases whose page (the coordinator's) this person may open: every case for the coordinator, none for
    anyone else. The case page and "My work" (`cdop.selectors_my_work.openable_subjects`) both read through it."""
    return ChildDeathCase.objects.all() if can(user, MANAGE_CASES) else ChildDeathCase.objects.none()


def case_for_coordinator(user: User, pk: int) -> ChildDeathCase:
    require(user, MANAGE_CASES)
    try:
        return (
            cases_openable(user)
            .select_related(
                "triaged_by",
                "closed_by",
                "jar",
                "analysis",
                "possible_duplicate_of",
                "merged_into",
                "consideration_case",
            )
            .get(pk=pk)
        )
    except ChildDeathCase.DoesNotExist as error:
        raise Http404 from error


def case_for_panel(user: User, pk: int) -> ChildDeathCase:
    """The anonymised case: the identity is never loaded. A panel member sees only their meetings' cases."""
    require(user, VIEW_PANEL)
    try:
        return (
            _panel_cases(user)
            .select_related("analysis", "analysis__recorded_by", "jar")
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


# The Form B list's views: the key in `?show=`, its words, and the stages shown. Outstanding and overdue requests
# come soonest due first (overdue: past the due date, worked out by the database); the others latest sent first.
FORM_B_VIEWS = {
    "outstanding": "Outstanding",
    "overdue": "Overdue",
    "submitted": "Submitted",
    "returned": "Returned for changes",
    "withdrawn": "Withdrawn",
    "all": "All",
}


def form_b_list(user: User, *, show: str = "outstanding", search: str = "") -> QuerySet[FormBRequest]:
    """The Form B list for who asks (`form_b_requests_for`), one of `FORM_B_VIEWS` (outstanding when unknown),
    those for a case whose reference starts with `search` when given. Filtered and ordered by the database
    through an index (`FormBRequest.Meta.indexes`), for a paginator to slice."""
    requests = form_b_requests_for(user)
    Stage = FormBRequest.Stage
    if show in ("outstanding", "overdue") or show not in FORM_B_VIEWS:
        requests = requests.filter(stage__in=OPEN_STAGES)
        if show == "overdue":
            requests = requests.filter(due_on__lt=timezone.localdate())
    else:
        stage = {"submitted": Stage.SUBMITTED, "returned": Stage.RETURNED, "withdrawn": Stage.REVOKED}.get(show)
        requests = (requests.filter(stage=stage) if stage else requests).order_by("-sent_at", "-pk")
    if search := reference_search(search):
        requests = requests.filter(case__reference__startswith=search)
    return requests


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
    return period_figures(period)


def period_figures(period) -> dict:
    """`annual_figures` for any period with `first_day` and `last_day` (the annual report's too)."""
    days = (period.first_day, period.last_day)
    deaths = ChildDeathCase.objects.counted().filter(date_of_death__range=days)
    # The days as moments (local midnights), so the index on `closed_on` serves: the same as `closed_on__date`.
    closed_from = timezone.make_aware(datetime.combine(period.first_day, time.min))
    closed_before = timezone.make_aware(datetime.combine(period.last_day + timedelta(days=1), time.min))
    reviews = ChildDeathCase.objects.counted().filter(
        stage=ChildDeathCase.Stage.CLOSED, closed_on__gte=closed_from, closed_on__lt=closed_before
    )
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


# Panel meetings


def panel_invitees() -> QuerySet[User]:
    """Who may be invited to a panel meeting: active panel members and coordinators."""
    roles = [Role.CDOP_PANEL_MEMBER.label, Role.CDOP_COORDINATOR.label]
    return User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("last_name", "first_name")


def meetings_for(user: User) -> QuerySet[PanelMeeting]:
    """Every meeting for the coordinator; a panel member's own (not cancelled); none for anyone else."""
    meetings = PanelMeeting.objects.annotate(agenda_count=_count_of(PanelAgendaItem.objects.all(), "meeting")).order_by(
        "-meets_on", "-starts_at", "-pk"
    )
    if can(user, MANAGE_CASES):
        return meetings
    if can(user, VIEW_PANEL):
        return meetings.filter(members=user, cancelled_at__isnull=True)
    return meetings.none()


def meeting_for(user: User, pk: int) -> PanelMeeting:
    try:
        return meetings_for(user).get(pk=pk)
    except PanelMeeting.DoesNotExist as error:
        raise Http404 from error


def meeting_for_coordinator(user: User, pk: int) -> PanelMeeting:
    require(user, MANAGE_CASES)
    return meeting_for(user, pk)


def upcoming_meetings(user: User) -> QuerySet[PanelMeeting]:
    return (
        meetings_for(user)
        .filter(meets_on__gte=timezone.localdate(), cancelled_at__isnull=True)
        .prefetch_related("agenda__case")
        .order_by("meets_on", "starts_at", "pk")
    )


def agencies_named(text: str) -> QuerySet[Organisation]:
    """Active agencies whose name holds `text`, by name (read through the unique name's index): the Form B page's
    search. Every name is read for the match, as in the directory (about 12,000 nationally; no `pg_trgm`)."""
    return Organisation.objects.filter(is_active=True, name__icontains=text).order_by("name")


def agenda_candidates(meeting: PanelMeeting, search: str = "") -> QuerySet[ChildDeathCase]:
    """Cases that may go on the agenda: gathering information or with the panel, not already on it; those whose
    reference starts with `search` when given (read through the stage's and the reference's indexes)."""
    cases = ChildDeathCase.objects.filter(stage__in=AGENDA_STAGES).exclude(agenda_items__meeting=meeting)
    if search := reference_search(search):
        cases = cases.filter(reference__startswith=search)
    return cases.order_by("reference")


def _decided(value: bool | None, yes: str = "Yes", no: str = "No") -> str:
    return {True: yes, False: no}.get(value, "Not decided")


def panel_pack(meeting: PanelMeeting) -> list[dict]:
    """The pack, case by case in agenda order: the anonymised case and each agency's submitted Form B with the
    child's identifiers removed (`cdop.redaction`). The identity is read here to know what to remove, and never
    leaves this function."""
    pack = []
    submitted = (
        FormBRequest.objects.filter(stage=FormBRequest.Stage.SUBMITTED)
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )
    items = meeting.agenda.select_related("case", "case__identity", "case__analysis").prefetch_related(
        Prefetch("case__form_b_requests", queryset=submitted, to_attr="submitted_form_bs")
    )
    for item in items:
        case = item.case
        patterns = identifiers(getattr(case, "identity", None))
        pack.append(
            {
                "case": case,
                "summary": redact(case.panel_summary, patterns),
                "facts": [
                    ("Age band", case.get_age_band_display()),
                    ("Sex", case.get_sex_display()),
                    ("Borough", case.get_borough_display()),
                    ("Expected death", _decided(case.death_expected, "Expected", "Unexpected")),
                    ("Place of death", redact(case.place_of_death, patterns)),
                    ("Post-mortem", case.get_post_mortem_display()),
                    ("Referred to the coroner", {True: "Yes", False: "No"}.get(case.coroner_involved, "Not decided")),
                    ("Abuse or neglect suspected", {True: "Yes", False: "No"}.get(case.abuse_suspected, "Not decided")),
                    (
                        "Joint Agency Response",
                        {True: "Needed", False: "Not needed"}.get(case.jar_needed, "Not decided"),
                    ),
                ],
                "form_bs": [
                    {
                        "organisation": form_b.organisation,
                        "submitted_at": form_b.submitted_at,
                        "answers": [(label, redact(str(value), patterns)) for label, value in form_b.answers()],
                    }
                    for form_b in case.submitted_form_bs
                ],
            }
        )
    return pack
