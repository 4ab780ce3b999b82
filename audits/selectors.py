"""Reads of the audits app that depend on who is asking, each with a fixed number of queries."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
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


def my_returns(user: User) -> QuerySet[AuditReturn]:
    """Each with `due_now`: its clock's date (moved when it was sent back), else the cycle's due date."""
    clock = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(AuditReturn), object_id=OuterRef("pk"), kind=RETURN_DUE
    ).values("due_on")[:1]
    due_now = Coalesce(Subquery(clock), F("cycle__due_on"))
    return returns_for(user).annotate(due_now=due_now).order_by("-cycle__year", "cycle__title")


# Tools and cycles ----------------------------------------------------------------------------------------------


def tools() -> QuerySet[Tool]:
    return Tool.objects.prefetch_related(Prefetch("versions", ToolVersion.objects.order_by("-number")))


def version_detail(pk: int) -> ToolVersion:
    try:
        return ToolVersion.objects.select_related("tool").prefetch_related("areas__criteria").get(pk=pk)
    except ToolVersion.DoesNotExist:
        raise Http404 from None


def cycles() -> QuerySet[Cycle]:
    stages = AuditReturn.Stage
    newest_first = Cycle.objects.select_related("version__tool").order_by("-year", "-opens_on", "-pk")
    return newest_first.annotate(
        invited=Count("returns"),
        submitted=Count("returns", filter=Q(returns__stage__in=[stages.SUBMITTED, stages.ACCEPTED])),
    )


def cycle_detail(pk: int) -> Cycle:
    try:
        return (
            Cycle.objects.select_related("version__tool", "opened_by")
            .prefetch_related("invited_organisations")
            .get(pk=pk)
        )
    except Cycle.DoesNotExist:
        raise Http404 from None


def cycle_pages(cycle: Cycle) -> list[ReturnPage]:
    """Every return of a cycle with its progress: the completion table and the export."""
    returns = cycle.returns.select_related("organisation", "cycle", "tool_version__tool").order_by("organisation__name")
    returns = list(returns)
    return _pages(returns, cycle.version_id)


# Reports -------------------------------------------------------------------------------------------------------


@dataclass
class HeatMap:
    areas: list[Area]
    rows: list  # [(AuditReturn, [Rating | None per area])]
    basis: str


def heat_map(cycle: Cycle, *, basis: str = "own") -> HeatMap:
    """Ratings by organisation and area: the organisation's own, or the partnership's where it moderated."""
    areas = list(Area.objects.filter(version_id=cycle.version_id))
    returns = (
        cycle.returns.select_related("organisation").prefetch_related("area_responses").order_by("organisation__name")
    )
    rows = []
    for audit_return in returns:
        by_area = {r.area_id: r for r in audit_return.area_responses.all()}
        rows.append((audit_return, [_rating(by_area.get(area.pk), basis) for area in areas]))
    return HeatMap(areas, rows, basis)


def _rating(response: AreaResponse | None, basis: str):
    if response is None:
        return None
    value = (response.moderated_rating or response.rating) if basis == "moderated" else response.rating
    return Rating(value) if value else None


@dataclass
class History:
    organisation: Organisation
    returns: list[AuditReturn]
    rows: list  # [(area title, [(own, moderated) per return])]


def organisation_history(user: User, organisation_pk: int) -> History:
    """One organisation's ratings year on year, areas matched by their title across versions of the tool."""
    returns = list(
        returns_for(user)
        .filter(organisation_id=organisation_pk)
        .prefetch_related(Prefetch("area_responses", AreaResponse.objects.select_related("area")))
        .order_by("tool_version__tool__name", "cycle__year")
    )
    if not returns:
        raise Http404
    titles: dict[str, dict] = {}
    for index, audit_return in enumerate(returns):
        shown = can_see_feedback(user, audit_return)
        for response in audit_return.area_responses.all():
            cells = titles.setdefault(response.area.title, {})
            moderated = Rating(response.moderated_rating) if response.moderated_rating and shown else None
            cells[index] = (_rating(response, "own"), moderated)
    rows = [(title, [cells.get(i, (None, None)) for i in range(len(returns))]) for title, cells in titles.items()]
    return History(returns[0].organisation, returns, rows)


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
