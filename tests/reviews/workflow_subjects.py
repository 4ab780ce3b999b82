"""How the machine walk (tests/partnership/test_workflow_machines.py) makes a serious incident case and an action
at each of their stages: through the services, as a person would, so each record is whole at its stage."""

from datetime import timedelta

from reviews import services
from reviews.models import Action, Stage
from tests.reviews import factories as f
from tests.workflow_subjects import Subject, permitted_user


def _closed():
    case = f.CaseFactory()
    return services.case_for_consideration_decide(
        case=case, meeting_on=case.referred_on, decision="do_not_notify", rationale="Not met.", by=f.a_manager()
    )


def _published():
    case = f.LcsprReadyFactory()
    return services.lcspr_publish(
        case=case, published_on=f.today(), summary="Learning.", by=f.a_manager(), **f.documents()
    )


def _with_reps(factory):
    def make():
        f.partner_reps()
        return factory()

    return make


CASES = {
    Stage.REFERRED: f.CaseFactory,
    Stage.NOTIFICATION: f.NotificationDueFactory,
    Stage.RAPID_REVIEW: _with_reps(f.RapidReviewFactory),
    Stage.WITH_PANEL: _with_reps(f.WithPanelFactory),
    Stage.LCSPR: _with_reps(f.LcsprFactory),
    Stage.PUBLISHED: _with_reps(_published),
    Stage.CLOSED: _closed,
}


def _action(status):
    case = _with_reps(f.LcsprFactory)()
    manager = f.a_manager()
    recommendation = services.recommendation_add(case=case, text="Learn.", by=manager)
    action = services.action_add(
        recommendation=recommendation,
        organisation=case.referring_organisation,
        description="Train the staff.",
        due_on=f.today() + timedelta(days=30),
        by=manager,
    )
    if status == Action.Status.CLOSED:
        services.action_report_progress(
            action=action, progress="Done.", impact_evidence="Audited.", rag="green", close=True, by=manager
        )
        action.refresh_from_db()
    return action


def _action_person(move, action):
    """The owning organisation's user for its own moves; the partnership manager's for the others."""
    if move.rule is not None:
        return permitted_user(move, organisation=action.organisation)
    return permitted_user(move)


SUBJECTS = {
    "reviews.Case": Subject(make=lambda stage: CASES[stage]()),
    "reviews.Action": Subject(make=_action, person=_action_person),
}
