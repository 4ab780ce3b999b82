"""Recommendations, the actions organisations own, and the progress they report."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnership.errors import Refusal
from partnership.models import Deadline, Organisation
from partnership.services import deadline_open
from partnership.workflow import advance, lock, machine_for, start
from reviews.models import Action, ActionUpdate, Case, Recommendation, Stage
from reviews.models.actions import ACTION_DUE
from reviews.permissions import MANAGE_CASE, REPORT_ACTION_PROGRESS
from reviews.services.common import touch

# Recommendations come with a local review, and with other learning on a closed case.
WITH_RECOMMENDATIONS = (Stage.LCSPR, Stage.PUBLISHED, Stage.CLOSED)


@transaction.atomic
def recommendation_add(*, case: Case, text: str, by, themes=(), version: int | None = None) -> Recommendation:
    """From: LCSPR, published or closed (other learning also brings recommendations)."""
    case = lock(case, version=version, stages=WITH_RECOMMENDATIONS, doing="add a recommendation")
    number = (case.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1
    recommendation = Recommendation(case=case, number=number, text=text)
    recommendation.full_clean()
    recommendation.save()
    recommendation.themes.set(themes)
    touch(case)
    return recommendation


@transaction.atomic
def action_add(
    *, recommendation: Recommendation, organisation: Organisation, description: str, due_on: date, by
) -> Action:
    """An action owned by one organisation; its due date is a clock that organisation's users see."""
    case = lock(recommendation.case, stages=WITH_RECOMMENDATIONS, doing="add an action")
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future"})
    action = Action(recommendation=recommendation, organisation=organisation, description=description, due_on=due_on)
    action.full_clean()
    action.save()
    start(action, "add", by=by, due={ACTION_DUE: due_on})
    touch(case)
    return action


@transaction.atomic
def action_change(
    *, action: Action, organisation: Organisation, description: str, due_on: date, by, version: int | None = None
) -> Action:
    """Correct an open action's owner, wording or due date (the administrator, in the admin). Its clock moves with
    it: the new owner sees it on "My work", by the new date, and the old owner no longer does."""
    if not by.has_perm(MANAGE_CASE):
        raise Refusal("Only the partnership manager can change who owns an action or when it is due", code="permission")
    action = lock(action, version=version, stages=(Action.Status.OPEN,), doing="change the action")
    moved = action.due_on != due_on
    if moved and due_on < timezone.localdate():
        raise ValidationError({"due_on": "The due date must be today or in the future"})
    action.organisation, action.description, action.due_on = organisation, description, due_on
    action.full_clean()
    action.save()
    clock = machine_for(action).clock(ACTION_DUE)
    kept = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Action), object_id=action.pk)
    opened = kept.filter(kind=ACTION_DUE).values_list("opened_on", flat=True).first()
    deadline_open(
        subject=action, kind=ACTION_DUE, title=clock.title.format(subject=action), due_on=due_on,
        audience_permission=clock.audience, organisation=organisation, opened_on=opened,
    )  # fmt: skip
    touch(action.recommendation.case)
    return action


@transaction.atomic
def action_report_progress(
    *,
    action: Action,
    progress: str,
    rag: str,
    by,
    impact_evidence: str = "",
    close: bool = False,
    version: int | None = None,
) -> ActionUpdate:
    """The owning organisation (or the partnership manager) reports progress; `close` closes the action, which
    needs evidence of impact, in this update or an earlier one."""
    owner = by.organisation_id == action.organisation_id and by.has_perm(REPORT_ACTION_PROGRESS)
    if not (owner or by.has_perm(MANAGE_CASE)):
        raise Refusal("Only the organisation that owns this action can report progress on it", code="permission")
    if not close:
        action = lock(action, version=version, stages=(Action.Status.OPEN,), doing="report progress on the action")
        update = _report(action, by=by, progress=progress, impact_evidence=impact_evidence, rag=rag)
        action.full_clean()
        action.save()
        return update
    with advance(action, "close" if owner else "close_for_the_owner", by=by, version=version) as action:
        update = _report(action, by=by, progress=progress, impact_evidence=impact_evidence, rag=rag)
        if not action.updates.exclude(impact_evidence="").exists():
            raise ValidationError({"impact_evidence": "An action closes only with evidence of its impact: enter it"})
        action.closed_on, action.closed_by = timezone.localdate(), by
    return update


def _report(action: Action, *, by, progress: str, impact_evidence: str, rag: str) -> ActionUpdate:
    """One update on the locked action; its RAG status becomes the action's."""
    if not progress.strip():
        raise ValidationError({"progress": "Describe the progress made"})
    update = ActionUpdate(action=action, by=by, progress=progress, impact_evidence=impact_evidence, rag=rag)
    update.full_clean()
    update.save()
    action.rag = rag
    return update
