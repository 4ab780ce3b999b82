"""Every read of serious incidents that depends on who is asking, with a fixed number of queries per page."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from partnership.calendar import working_days_between
from partnership.models import Organisation, StageChange
from partnership.permissions import ACT_FOR_ORGANISATION
from partnership.selectors import opening_with
from reviews.models import Action, AgencySummaryRequest, Case, Child, Notification, RapidReview, SignOff, Stage
from reviews.permissions import MANAGE_CASE, READ_CASE, REPORT_ACTION_PROGRESS, SIGN_OFF_RAPID_REVIEW


def statutory_partners() -> QuerySet[Organisation]:
    """The three statutory partners who sign off a rapid review and are told of each notification."""
    return Organisation.objects.members().filter(is_statutory_partner=True, is_active=True).order_by("name")


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


def case_export(user, *, stage: str = "") -> QuerySet[Case]:
    """The case list for the CSV: the children's pseudonyms gathered in the same query (`child_pseudonyms`), no
    prefetch, so it can be read through a server-side cursor in one query however many cases there are."""
    names = Child.objects.filter(case=OuterRef("pk")).order_by("pk").values("pseudonym")
    return case_list(user, stage=stage).prefetch_related(None).annotate(child_pseudonyms=ArraySubquery(names))


def case_page(user, pk: int) -> Case:
    """One case with everything its page shows; 404 for anyone who may not read it."""
    cases = cases_for(user).prefetch_related(
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


def openable_subjects(user) -> dict:
    """For "My work" (`partnership.selectors.deadlines_for`): the records whose page this person may open, by the
    same querysets the case and action pages read through. An agency summary's clock links to its case's page."""
    cases = cases_for(user)
    return {
        Case: cases,
        AgencySummaryRequest: opening_with(cases, AgencySummaryRequest, "rapid_review__case"),
        Action: actions_for(user),
    }


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
    """The statutory partners that have not agreed the rapid review (a disagreement is not a sign-off)."""
    review = getattr(case, "rapid_review", None)
    signed = {sign_off.partner_id for sign_off in review.sign_offs.all() if sign_off.agrees} if review else set()
    return [partner for partner in statutory_partners() if partner.pk not in signed]


def disagreements(case: Case) -> list:
    """The partners' recorded disagreements with the rapid review, for the resolution protocol."""
    review = getattr(case, "rapid_review", None)
    return [sign_off for sign_off in review.sign_offs.all() if not sign_off.agrees] if review else []


def _case_changes(*, historic: bool = False) -> QuerySet[StageChange]:
    """Every case's stage history; without the reviews published before the portal unless `historic`."""
    changes = StageChange.objects.filter(content_type=ContentType.objects.get_for_model(Case))
    return changes if historic else changes.exclude(object_id__in=Case.objects.filter(is_historic=True).values("pk"))


def _days_per_stage(year: int) -> list[tuple[str, float, int]]:
    """For each stage a case left in `year`: the average working days it spent there, and how many cases left it.

    Grouped in the database (each change paired with the one before it on the same case by `LAG`, then counted by
    stage and pair of days), so the rows read back are the distinct (stage, entered, left) days of one year, not
    the whole history; working days (bank holidays) are counted in Python on those few pairs."""
    changes = StageChange._meta.db_table
    sql = f"""
        WITH paired AS (
            SELECT change.on AS left_on,
                   LAG(change.to_stage) OVER w AS stage,
                   LAG(change.on) OVER w AS entered_on
            FROM {changes} change
            WHERE change.content_type_id = %(type)s
              AND change.object_id IN (
                  SELECT object_id FROM {changes}
                  WHERE content_type_id = %(type)s AND "on" BETWEEN %(first)s AND %(last)s
              )
              AND change.object_id NOT IN (SELECT id FROM {Case._meta.db_table} WHERE is_historic)
            WINDOW w AS (PARTITION BY change.object_id ORDER BY change.on, change.at, change.id)
        )
        SELECT stage, entered_on, left_on, COUNT(*) FROM paired
        WHERE stage IS NOT NULL AND left_on BETWEEN %(first)s AND %(last)s
        GROUP BY stage, entered_on, left_on
    """  # noqa: S608 (the table names are the models'; every value is a parameter)
    params = {"type": ContentType.objects.get_for_model(Case).pk, "first": date(year, 1, 1), "last": date(year, 12, 31)}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    days: dict[str, list[int]] = {}  # stage -> [total working days, cases]
    for stage, entered_on, left_on, count in rows:
        totals = days.setdefault(stage, [0, 0])
        totals[0] += working_days_between(entered_on, left_on) * count
        totals[1] += count
    order = {value: n for n, value in enumerate(Stage.values)}
    return [
        (Stage(stage).label, round(total / count, 1), count)
        for stage, (total, count) in sorted(days.items(), key=lambda item: order.get(item[0], len(order)))
    ]


def annual_figures(year: int) -> dict:
    """The annual report's figures for one year: from the notifications, rapid reviews and the stage history
    (the working days a case spent at each stage it left that year). Every figure is counted in the database."""
    return {
        "year": year,
        "referrals": Case.objects.filter(referred_on__year=year, is_historic=False).count(),
        **period_counts(date(year, 1, 1), date(year, 12, 31)),
        "days_per_stage": _days_per_stage(year),
    }


def period_counts(first_day: date, last_day: date) -> dict:
    """The clocks' figures for any period, counted in the database: a SIN or rapid review is on time when it was
    sent on or before the due date its service set (5 and 15 working days, `partnership.calendar`)."""
    days = (first_day, last_day)
    sins = Notification.objects.filter(sent_on__range=days).aggregate(
        sent=Count("pk"), on_time=Count("pk", filter=Q(sent_on__lte=F("due_on")))
    )
    reviews = RapidReview.objects.filter(sent_on__range=days).aggregate(
        sent=Count("pk"), on_time=Count("pk", filter=Q(sent_on__lte=F("due_on")))
    )
    return {
        "sins": sins["sent"],
        "sins_on_time": sins["on_time"],
        "rapid_reviews": reviews["sent"],
        "rapid_reviews_on_time": reviews["on_time"],
        "lcsprs": Case.objects.filter(lcspr__decided_on__range=days, is_historic=False).count(),
        "published": Case.objects.filter(lcspr__published_on__range=days).count(),
    }


def figure_years() -> list[int]:
    years = {day.year for day in _case_changes(historic=True).dates("on", "year")}
    return sorted(years | {timezone.localdate().year}, reverse=True)


def awaiting_sign_off(user) -> list[Case]:
    """Rapid reviews with findings recorded that this person's statutory partner has not yet agreed (those it
    disagreed with stay, marked, until it signs off once resolved)."""
    if not (user.has_perm(SIGN_OFF_RAPID_REVIEW) and user.organisation_id):
        return []
    cases = list(
        cases_for(user)
        .filter(stage=Stage.RAPID_REVIEW, rapid_review__meeting_on__isnull=False)
        .exclude(
            pk__in=SignOff.objects.filter(partner_id=user.organisation_id, agrees=True).values("rapid_review__case_id")
        )
        .order_by("rapid_review__due_on")
    )
    disagreed = set(
        SignOff.objects.filter(rapid_review__case__in=cases, partner_id=user.organisation_id, agrees=False).values_list(
            "rapid_review__case_id", flat=True
        )
    )
    for case in cases:
        case.we_disagree = case.pk in disagreed
    return cases


def disagreed_reviews(user) -> list[Case]:
    """For the partnership manager: rapid reviews a statutory partner disagrees with (the resolution protocol)."""
    if not user.has_perm(MANAGE_CASE):
        return []
    return list(
        cases_for(user)
        .filter(stage=Stage.RAPID_REVIEW, rapid_review__sign_offs__agrees=False)
        .distinct()
        .order_by("rapid_review__due_on")
    )


def my_work_panel(user) -> dict | None:
    """On the staff home: cases by stage for readers; the organisation's open actions for agency users."""
    if user.has_perm(READ_CASE):
        to_sign = awaiting_sign_off(user)
        disagreed = disagreed_reviews(user)
        open_stages = [value for value in Stage.values if value not in (Stage.CLOSED, Stage.PUBLISHED)]
        # Named, not excluded: the stage index then reads the open cases only, never the ten years of closed ones.
        counts = dict(Case.objects.filter(stage__in=open_stages).values_list("stage").annotate(n=Count("pk")))
        rows = [(label, counts.get(value, 0)) for value, label in Stage.choices if value in counts]
        return {
            "title": "Serious incidents",
            "template": "reviews/my_work_panel.html",
            "stages": rows,
            "to_sign": to_sign,
            "disagreed": disagreed,
        }
    if user.has_perm(REPORT_ACTION_PROGRESS) and user.organisation_id:
        count = open_actions(user).count()
        return {"title": "Serious incident actions", "template": "reviews/my_work_panel.html", "open_actions": count}
    return None


def this_year() -> int:
    return timezone.localdate().year
