"""Serious incidents' part of the annual report (`partnership.annual_report`): the clocks, the decisions, the
reviews published and the actions, for any period, counted by the database."""

from django.db.models import Count, Q

from partnership.annual_report import Figure
from reviews import selectors
from reviews.models import Action, Case
from reviews.models.cases import ReviewDecision

SECTION = "Serious incidents"


def annual_report_figures(period) -> list[Figure]:
    first, last = period.first_day, period.last_day
    counts = selectors.period_counts(first, last)
    decided = Case.objects.filter(decided_on__range=(first, last), is_historic=False).aggregate(
        **{value: Count("pk", filter=Q(decision=value)) for value in ReviewDecision.values}
    )
    # Overdue at the end of the period: due before its last day and not closed by then.
    not_closed_by_then = Q(closed_on__isnull=True) | Q(closed_on__gt=last)
    actions = Action.objects.aggregate(
        completed=Count("pk", filter=Q(closed_on__range=(first, last))),
        overdue=Count("pk", filter=Q(due_on__lt=last) & not_closed_by_then),
    )
    return [
        Figure(
            "sins",
            SECTION,
            "Serious incident notifications sent",
            [("Within 5 working days", counts["sins_on_time"]), ("Later", counts["sins"] - counts["sins_on_time"])],
            label_heading="Sent",
            share="Within 5 working days",
        ),
        Figure(
            "rapid_reviews",
            SECTION,
            "Rapid reviews sent to the Panel",
            [
                ("Within 15 working days", counts["rapid_reviews_on_time"]),
                ("Later", counts["rapid_reviews"] - counts["rapid_reviews_on_time"]),
            ],
            label_heading="Sent",
            share="Within 15 working days",
        ),
        Figure(
            "decisions",
            SECTION,
            "Decisions after rapid reviews",
            [(label, decided[value]) for value, label in ReviewDecision.choices],
            label_heading="Decision",
        ),
        Figure(
            "lcsprs",
            SECTION,
            "Local child safeguarding practice reviews",
            [("Commissioned", counts["lcsprs"]), ("Published", counts["published"])],
            label_heading="Review",
        ),
        Figure(
            "actions",
            SECTION,
            "Actions from reviews",
            [("Completed", actions["completed"]), ("Overdue at the end of the period", actions["overdue"])],
            label_heading="Actions",
        ),
    ]
