"""Every read of serious incidents that depends on who is asking, with a fixed number of queries per page."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from partnership.calendar import working_days_between
from partnership.permissions import ACT_FOR_ORGANISATION
from reviews.models import Action, Case, Child, Notification, RapidReview, Stage, StageLog
from reviews.permissions import MANAGE_CASE, READ_CASE, REPORT_ACTION_PROGRESS
from reviews.services.rapid_reviews import statutory_partners


def cases_for(user) -> QuerySet[Case]:
    """Cases this person may read: the partnership manager and the review group; nobody else."""
    if not user.has_perm(READ_CASE):
        return Case.objects.none()
    return Case.objects.select_related(
        "referring_organisation", "notification", "rapid_review", "lcspr"
    ).prefetch_related(Prefetch("children", queryset=Child.objects.order_by("pk")))


def case_list(user, *, stage: str = "") -> QuerySet[Case]:
    cases = cases_for(user)
    return cases.filter(stage=stage) if stage else cases


def case_page(user, pk: int) -> Case:
    """One case with everything its page shows; 404 for anyone who may not read it."""
    cases = cases_for(user).prefetch_related(
        Prefetch("stage_log", queryset=StageLog.objects.select_related("by")),
        "rapid_review__summary_requests__organisation",
        "rapid_review__sign_offs__partner",
        "rapid_review__sign_offs__signed_by",
        "recommendations__actions__organisation",
        "themes",
    )
    case = cases.filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def children_with_identities(case: Case):
    return case.children.select_related("identity").order_by("pk")


def actions_for(user) -> QuerySet[Action]:
    """Actions this person may see: every action for readers of cases; only their own organisation's for an
    agency user (who sees the pseudonym and the action, nothing else of the case)."""
    actions = Action.objects.select_related("organisation", "recommendation__case").prefetch_related(
        Prefetch("recommendation__case__children", queryset=Child.objects.order_by("pk"))
    )
    if user.has_perm(READ_CASE):
        return actions
    if user.organisation_id and user.has_perm(REPORT_ACTION_PROGRESS) and user.has_perm(ACT_FOR_ORGANISATION):
        return actions.filter(organisation_id=user.organisation_id)
    return Action.objects.none()


def open_actions(user) -> QuerySet[Action]:
    """Every open action across all reviews, overdue (the earliest due) first."""
    return actions_for(user).filter(closed_on=None).order_by("due_on", "pk")


def action_page(user, pk: int) -> Action:
    action = actions_for(user).prefetch_related("updates__by").filter(pk=pk).first()
    if action is None:
        raise Http404
    return action


def may_report_on(user, action: Action) -> bool:
    owner = user.organisation_id == action.organisation_id and user.has_perm(REPORT_ACTION_PROGRESS)
    return action.is_open and (owner or user.has_perm(MANAGE_CASE))


def missing_sign_offs(case: Case) -> list:
    review = getattr(case, "rapid_review", None)
    signed = {sign_off.partner_id for sign_off in review.sign_offs.all()} if review else set()
    return [partner for partner in statutory_partners() if partner.pk not in signed]


@dataclass(frozen=True)
class TimelineRow:
    entry: StageLog
    days_in_stage: int | None  # working days from the previous step

    @property
    def against_clock(self) -> str:
        """How the step compared with its clock, in working days."""
        if not self.entry.due_on:
            return ""
        days = working_days_between(self.entry.due_on, self.entry.on)
        if days > 0:
            return f"{days} working day{'s' if days != 1 else ''} late"
        if days < 0:
            return f"{-days} working day{'s' if days != -1 else ''} early"
        return "On the due date"


def timeline(case: Case) -> list[TimelineRow]:
    """The case's steps, in order, with the working days each took and how each met its clock."""
    rows, previous = [], None
    for entry in case.stage_log.all():
        rows.append(TimelineRow(entry, working_days_between(previous, entry.on) if previous else None))
        previous = entry.on
    return rows


def annual_figures(year: int) -> dict:
    """The annual report's figures for one year: from the notifications, rapid reviews and the stage log."""
    sins = Notification.objects.filter(sent_on__year=year)
    reviews = RapidReview.objects.filter(sent_on__year=year).aggregate(
        sent=Count("pk"), on_time=Count("pk", filter=Q(sent_on__lte=F("due_on")))
    )
    log = list(
        StageLog.objects.filter(case__is_historic=False)
        .order_by("case_id", "on", "at", "pk")
        .values("case_id", "stage", "on")
    )
    days: dict[str, list[int]] = {}
    for before, after in zip(log, log[1:], strict=False):
        if before["case_id"] == after["case_id"] and after["on"].year == year:
            days.setdefault(before["stage"], []).append(working_days_between(before["on"], after["on"]))
    return {
        "year": year,
        "referrals": Case.objects.filter(referred_on__year=year, is_historic=False).count(),
        "sins": sins.count(),
        "rapid_reviews": reviews["sent"],
        "rapid_reviews_on_time": reviews["on_time"],
        "lcsprs": Case.objects.filter(lcspr__decided_on__year=year, is_historic=False).count(),
        "published": Case.objects.filter(lcspr__published_on__year=year).count(),
        "days_per_stage": [
            (Stage(stage).label, round(sum(values) / len(values), 1), len(values)) for stage, values in days.items()
        ],
    }


def figure_years() -> list[int]:
    years = {day.year for day in StageLog.objects.dates("on", "year")}
    return sorted(years | {timezone.localdate().year}, reverse=True)


def my_work_panel(user) -> dict | None:
    """On the staff home: cases by stage for readers; the organisation's open actions for agency users."""
    if user.has_perm(READ_CASE):
        counts = dict(
            Case.objects.exclude(stage__in=[Stage.CLOSED, Stage.PUBLISHED]).values_list("stage").annotate(n=Count("pk"))
        )
        rows = [(label, counts.get(value, 0)) for value, label in Stage.choices if value in counts]
        return {"title": "Serious incidents", "template": "reviews/my_work_panel.html", "stages": rows}
    if user.has_perm(REPORT_ACTION_PROGRESS) and user.organisation_id:
        count = open_actions(user).count()
        return {"title": "Serious incident actions", "template": "reviews/my_work_panel.html", "open_actions": count}
    return None


def this_year() -> int:
    return timezone.localdate().year
