"""Reads of the audits app that depend on who is asking, each with a fixed number of queries."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from audits.models import (
    RETURN_DUE,
    Area,
    AreaResponse,
    AuditReturn,
    Chase,
    CriterionResponse,
    Cycle,
    Rating,
    Tool,
    ToolVersion,
)
from audits.permissions import COMPLETE_RETURN, MANAGE_AUDITS
from audits.required import Missing, area_missing
from partnership.models import Deadline, Organisation, Reminder, User


def can_manage(user: User) -> bool:
    return user.has_perm(MANAGE_AUDITS)


def can_use(user: User) -> bool:
    return user.has_perm(MANAGE_AUDITS) or user.has_perm(COMPLETE_RETURN)


def can_chase(user: User, audit_return: AuditReturn) -> bool:
    """A reminder is offered to managers while the organisation still has the return to send, in an open cycle."""
    return can_manage(user) and audit_return.is_editable and audit_return.cycle.stage == Cycle.Stage.OPEN


def can_see_feedback(user: User, audit_return: AuditReturn) -> bool:
    """The partnership's feedback and ratings are its draft until it decides (returned or accepted): the
    organisation sees them then, never while the manager is still writing them."""
    decided = audit_return.stage in (AuditReturn.Stage.RETURNED, AuditReturn.Stage.ACCEPTED)
    return can_manage(user) or decided


def returns_for(user: User) -> QuerySet[AuditReturn]:
    """Managers see every return; agency users their own organisation's; everyone else none."""
    returns = AuditReturn.objects.select_related("cycle", "tool_version__tool", "organisation")
    if user.has_perm(MANAGE_AUDITS):
        return returns
    if user.has_perm(COMPLETE_RETURN) and user.organisation_id:
        return returns.filter(organisation_id=user.organisation_id)
    return returns.none()


def return_for(user: User, pk: int) -> AuditReturn:
    try:
        return returns_for(user).get(pk=pk)
    except AuditReturn.DoesNotExist:
        raise Http404 from None


# One return, assembled area by area ----------------------------------------------------------------------------


@dataclass
class AreaView:
    area: Area
    response: AreaResponse | None
    criteria: list  # [(Criterion, CriterionResponse | None)]
    missing: list[Missing] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def rating(self):
        return Rating(self.response.rating) if self.response and self.response.rating else None

    @property
    def moderated(self):
        return Rating(self.response.moderated_rating) if self.response and self.response.moderated_rating else None


@dataclass
class ReturnPage:
    audit_return: AuditReturn
    areas: list[AreaView]

    @property
    def complete_count(self) -> int:
        return sum(area.complete for area in self.areas)

    @property
    def total(self) -> int:
        return len(self.areas)

    @property
    def missing(self) -> list[Missing]:
        return [item for area in self.areas for item in area.missing]


def _areas(version_id: int) -> list[Area]:
    return list(Area.objects.filter(version_id=version_id).prefetch_related("criteria"))


def _assemble(audit_return, areas, responses: dict, answers: dict) -> ReturnPage:
    views = []
    for area in areas:
        criteria = [(criterion, answers.get((audit_return.pk, criterion.pk))) for criterion in area.criteria.all()]
        view = AreaView(area, responses.get((audit_return.pk, area.pk)), criteria)
        view.missing = area_missing(audit_return, view)
        views.append(view)
    return ReturnPage(audit_return, views)


def _pages(returns: list[AuditReturn], version_id: int) -> list[ReturnPage]:
    """Assemble many returns on one tool version in five queries, however many returns and criteria."""
    ids = [audit_return.pk for audit_return in returns]
    areas = _areas(version_id)
    responses = {
        (r.audit_return_id, r.area_id): r
        for r in AreaResponse.objects.filter(audit_return_id__in=ids).prefetch_related("actions__themes")
    }
    answers = CriterionResponse.objects.filter(audit_return_id__in=ids)
    answers = {(r.audit_return_id, r.criterion_id): r for r in answers}
    return [_assemble(audit_return, areas, responses, answers) for audit_return in returns]


def return_page(audit_return: AuditReturn) -> ReturnPage:
    return _pages([audit_return], audit_return.tool_version_id)[0]


PER_PAGE = 50  # every list's page: returns, cycles, a cycle's returns, the heat map's organisations


def my_returns(
    user: User, *, cycle_id: int | None = None, stage: str = "", year: int | None = None, organisation: str = ""
) -> QuerySet[AuditReturn]:
    """The returns list, filtered in the database, newest cycle first and each cycle's returns in the order they
    were made (organisations alphabetically, as the cycle opened): the order of the `audit_return_list` index.
    Each with `due_now`: its clock's date (moved when it was sent back), else the cycle's due date."""
    returns = returns_for(user)
    if cycle_id:
        returns = returns.filter(cycle_id=cycle_id)
    if stage:
        returns = returns.filter(stage=stage)
    if year:
        returns = returns.filter(cycle__year=year)
    if organisation:
        returns = returns.filter(organisation__name__icontains=organisation)
    clock = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(AuditReturn), object_id=OuterRef("pk"), kind=RETURN_DUE
    ).values("due_on")[:1]
    due_now = Coalesce(Subquery(clock), F("cycle__due_on"))
    return returns.annotate(due_now=due_now).order_by("-cycle_id", "pk")


def cycle_years() -> list[int]:
    """The years that have a cycle, newest first: the returns list's filter (one a year, however many returns)."""
    return list(Cycle.objects.order_by("-year").values_list("year", flat=True).distinct())


# Tools and cycles ----------------------------------------------------------------------------------------------


def tools() -> QuerySet[Tool]:
    return Tool.objects.prefetch_related(Prefetch("versions", ToolVersion.objects.order_by("-number")))


def version_detail(pk: int) -> ToolVersion:
    try:
        return ToolVersion.objects.select_related("tool").prefetch_related("areas__criteria").get(pk=pk)
    except ToolVersion.DoesNotExist:
        raise Http404 from None


def cycles() -> QuerySet[Cycle]:
    """Newest first, each with its returns counted (`invited`, `submitted`) by a subquery per cycle listed: the
    page's cycles only, read through the `audit_return_cycle_stage` index."""
    stages = AuditReturn.Stage
    of_cycle = AuditReturn.objects.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    invited = of_cycle.annotate(n=Count("pk")).values("n")
    submitted = of_cycle.filter(stage__in=[stages.SUBMITTED, stages.ACCEPTED]).annotate(n=Count("pk")).values("n")
    newest_first = Cycle.objects.select_related("version__tool").order_by("-year", "-opens_on", "-pk")
    return newest_first.annotate(invited=Coalesce(Subquery(invited), 0), submitted=Coalesce(Subquery(submitted), 0))


def cycle_detail(pk: int) -> Cycle:
    try:
        return Cycle.objects.select_related("version__tool", "opened_by").get(pk=pk)
    except Cycle.DoesNotExist:
        raise Http404 from None


INVITED_NAMES_SHOWN = 20


@dataclass
class Invitation:
    """Who a cycle invites, in words that do not grow with the number of organisations."""

    count: int
    types: list[str]
    named: list[Organisation]
    more: int  # named organisations not listed


def cycle_invited(cycle: Cycle) -> QuerySet[Organisation]:
    """The one rule for who is invited: active member organisations invited by type or by name (never a directory
    entry such as a GP practice that is only asked for Form B)."""
    named = cycle.invited_organisations.values("pk")
    return Organisation.objects.members().filter(Q(type__in=cycle.invited_types) | Q(pk__in=named), is_active=True)


def cycle_invitation(cycle: Cycle) -> Invitation:
    named = list(cycle.invited_organisations.order_by("name")[: INVITED_NAMES_SHOWN + 1])
    # Those invited by type, counted through the member type index, plus those named and not of those types: the
    # one OR of `cycle_invited` would read the whole directory. Always counted: fixed queries.
    by_type = Organisation.objects.members().filter(type__in=cycle.invited_types, is_active=True).count()
    of_other_types = Q(is_member=True, is_active=True) & ~Q(type__in=cycle.invited_types)
    counts = cycle.invited_organisations.aggregate(named=Count("pk"), other=Count("pk", filter=of_other_types))
    types = [Organisation.Type(value).label for value in cycle.invited_types if value in Organisation.Type.values]
    more = max(counts["named"] - INVITED_NAMES_SHOWN, 0)
    return Invitation(by_type + counts["other"], types, named[:INVITED_NAMES_SHOWN], more)


def cycle_returns(cycle: Cycle, *, stage: str = "") -> QuerySet[AuditReturn]:
    """A cycle's returns (of one stage, if given) by organisation: the cycle page's table and the heat map."""
    returns = AuditReturn.objects.filter(cycle=cycle).select_related("organisation", "cycle", "tool_version__tool")
    if stage:
        returns = returns.filter(stage=stage)
    return returns.order_by("organisation__name", "pk")


@dataclass
class Progress:
    stage: str
    label: str
    count: int


def cycle_progress(cycle: Cycle) -> list[Progress]:
    """How many of the cycle's returns are at each stage: one grouped query."""
    counts = dict(AuditReturn.objects.filter(cycle=cycle).order_by().values_list("stage").annotate(n=Count("pk")))
    return [Progress(value, label, counts.get(value, 0)) for value, label in AuditReturn.Stage.choices]


def return_pages(returns: list[AuditReturn], version_id: int) -> list[ReturnPage]:
    """A page of a cycle's returns with their progress, in five queries."""
    return _pages(returns, version_id)


EXPORT_CHUNK = 500


def cycle_pages(cycle: Cycle):
    """Every return of a cycle with its progress, for the export: read with an iterator, its answers fetched a
    chunk of returns at a time (a few queries per 500 returns, never one per return)."""
    areas = _areas(cycle.version_id)
    returns = cycle_returns(cycle).prefetch_related(
        Prefetch("area_responses", AreaResponse.objects.prefetch_related("actions__themes")), "criterion_responses"
    )
    for audit_return in returns.iterator(chunk_size=EXPORT_CHUNK):
        responses = {(r.audit_return_id, r.area_id): r for r in audit_return.area_responses.all()}
        answers = {(r.audit_return_id, r.criterion_id): r for r in audit_return.criterion_responses.all()}
        yield _assemble(audit_return, areas, responses, answers)


# Reports -------------------------------------------------------------------------------------------------------


@dataclass
class AreaTotals:
    area: Area
    counts: list[int]  # per RATED_ORDER, then "not rated"


RATED_ORDER = [Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NOT_APPLICABLE]


@dataclass
class HeatMap:
    areas: list[Area]
    rows: list  # [(AuditReturn, [Rating | None per area])]: one page of organisations
    basis: str
    totals: list[AreaTotals]  # every return of the cycle, by area and rating
    page: object  # the Django Page of returns shown


def _basis_rating(basis: str):
    """The rating a heat map shows, as a database expression: the organisation's own, or the partnership's
    moderated one where it gave one."""
    if basis == "moderated":
        return Coalesce(NullIf("moderated_rating", Value("")), "rating")
    return F("rating")


def heat_map_totals(cycle: Cycle, *, basis: str = "own") -> QuerySet:
    """(area, rating, how many) over every return of the cycle: one grouped query."""
    return (
        AreaResponse.objects.filter(audit_return__cycle=cycle)
        .annotate(shown=_basis_rating(basis))
        .order_by()
        .values_list("area_id", "shown")
        .annotate(n=Count("pk"))
    )


def heat_map(cycle: Cycle, *, basis: str = "own", page=None) -> HeatMap:
    """Ratings by organisation and area, a page of organisations at a time, with the whole cycle's count of each
    rating per area in one grouped query."""
    areas = list(Area.objects.filter(version_id=cycle.version_id))
    returns = Paginator(cycle_returns(cycle), PER_PAGE).get_page(page)
    shown = list(returns.object_list)
    cells = (
        AreaResponse.objects.filter(audit_return__in=shown)
        .annotate(shown=_basis_rating(basis))
        .values_list("audit_return_id", "area_id", "shown")
    )
    by_cell = {(return_id, area_id): value for return_id, area_id, value in cells}
    rows = [(r, [_as_rating(by_cell.get((r.pk, area.pk))) for area in areas]) for r in shown]
    counts = {(area_id, value): n for area_id, value, n in heat_map_totals(cycle, basis=basis)}
    totals = []
    for area in areas:
        rated = [counts.get((area.pk, rating.value), 0) for rating in RATED_ORDER]
        totals.append(AreaTotals(area, [*rated, returns.paginator.count - sum(rated)]))
    return HeatMap(areas, rows, basis, totals, returns)


def _as_rating(value):
    return Rating(value) if value else None


HISTORY_RETURNS = 12  # the latest returns compared year on year: ten years of one tool, or six of two


@dataclass
class History:
    organisation: Organisation
    returns: list[AuditReturn]
    rows: list  # [(area title, [(own, moderated) per return])]
    earlier: bool = False  # older returns not shown


def organisation_history(user: User, organisation_pk: int) -> History:
    """One organisation's ratings year on year (its latest returns), areas matched by their title across
    versions of the tool: the returns in one query, their ratings in another."""
    latest = list(
        returns_for(user).filter(organisation_id=organisation_pk).order_by("-cycle__year", "-pk")[: HISTORY_RETURNS + 1]
    )
    if not latest:
        raise Http404
    earlier = len(latest) > HISTORY_RETURNS
    returns = sorted(latest[:HISTORY_RETURNS], key=lambda r: (r.tool_version.tool.name, r.cycle.year, r.pk))
    ratings = (
        AreaResponse.objects.filter(audit_return__in=returns)
        .order_by("area__position", "area_id")
        .values_list("audit_return_id", "area__title", "rating", "moderated_rating")
    )
    by_return: dict[int, list] = {}
    for return_id, title, own, moderated in ratings:
        by_return.setdefault(return_id, []).append((title, own, moderated))
    titles: dict[str, dict] = {}
    for index, audit_return in enumerate(returns):
        shown = can_see_feedback(user, audit_return)
        for title, own, moderated in by_return.get(audit_return.pk, []):
            titles.setdefault(title, {})[index] = (_as_rating(own), _as_rating(moderated) if shown else None)
    rows = [(title, [cells.get(i, (None, None)) for i in range(len(returns))]) for title, cells in titles.items()]
    return History(returns[0].organisation, returns, rows, earlier)


def my_work_panel(user: User) -> dict | None:
    """For managers on "My work": the returns waiting for the partnership's review, oldest first."""
    if not can_manage(user):
        return None
    waiting = list(returns_for(user).filter(stage=AuditReturn.Stage.SUBMITTED).order_by("submitted_on", "pk")[:25])
    return {"title": "Audit returns awaiting review", "template": "audits/my_work_panel.html", "returns": waiting}


@dataclass
class ReminderRow:
    when: object  # a datetime, or None while the email waits in the outbox
    what: str
    by: str


def return_reminders(audit_return: AuditReturn) -> list[ReminderRow]:
    """Every reminder about the return: those sent by hand (who, when) and the clock's automatic ones."""
    chases = Chase.objects.filter(audit_return=audit_return).select_related("sent_by")
    rows = [ReminderRow(chase.sent_at, "Reminder", str(chase.sent_by)) for chase in chases]
    automatic = Reminder.objects.filter(
        deadline__content_type=ContentType.objects.get_for_model(AuditReturn),
        deadline__object_id=audit_return.pk,
        deadline__kind=RETURN_DUE,
    ).order_by("pk")
    for reminder in automatic:
        rows.append(ReminderRow(reminder.sent_at, f"Automatic reminder ({reminder.get_stage_display()})", "the portal"))
    return sorted(rows, key=lambda row: (row.when is None, row.when), reverse=True)


def mark_last_chases(pages: list[ReturnPage]) -> None:
    """Give each return on the cycle's table its latest reminder sent by hand (`last_chase`, or None): one query."""
    ids = [page.audit_return.pk for page in pages]
    latest = {}
    for chase in Chase.objects.filter(audit_return_id__in=ids).select_related("sent_by").order_by("sent_at", "pk"):
        latest[chase.audit_return_id] = chase
    for page in pages:
        page.audit_return.last_chase = latest.get(page.audit_return.pk)
