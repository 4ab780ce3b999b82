"""Known learning-theme data: a theme attached so many times, in a year, by an agency, in each domain."""

from datetime import date

from audits.models import AreaResponse, KeyAction
from reviews.models import Action, Recommendation
from tests.audits.factories import AuditReturnFactory
from tests.cdop.factories import AnalysisFactory
from tests.reviews.factories import CaseFactory


def cases(theme, year, organisation, n):
    made = [CaseFactory(referred_on=date(year, 3, 1), referring_organisation=organisation) for _ in range(n)]
    for case in made:
        case.themes.add(theme)
    return made


def recommendations(theme, year, organisation, n):
    """`n` recommendations with the theme on one case (the case itself without it)."""
    case = CaseFactory(referred_on=date(year, 3, 1), referring_organisation=organisation)
    made = [Recommendation.objects.create(case=case, number=i + 1, text=f"Learn {i}.") for i in range(n)]
    for recommendation in made:
        recommendation.themes.add(theme)
    return made


def action(recommendation, organisation, *, status=Action.Status.OPEN, description="Train every health visitor."):
    return Action.objects.create(
        recommendation=recommendation,
        organisation=organisation,
        description=description,
        due_on=date(2026, 12, 31),
        status=status,
    )


def findings(theme, year, n):
    made = [AnalysisFactory(case__panel_meeting_on=date(year, 6, 1)) for _ in range(n)]
    for analysis in made:
        analysis.themes.add(theme)
    return made


def key_actions(theme, year, organisation, n):
    """`n` key actions with the theme, on an area rated red in `organisation`'s return of a `year` cycle."""
    audit_return = AuditReturnFactory(cycle__year=year, organisation=organisation)
    area = audit_return.tool_version.areas.first()
    response = AreaResponse.objects.create(audit_return=audit_return, area=area, rating="red")
    made = [
        KeyAction.objects.create(area_response=response, action=f"Act {i}", owner="Lead", due_on=date(year, 12, 1))
        for i in range(n)
    ]
    for key_action in made:
        key_action.themes.add(theme)
    return made
