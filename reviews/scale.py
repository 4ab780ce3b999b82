"""Synthetic serious incidents at scale for the benchmark (`manage.py make_scale_data`, through the app's
`scale_data_loader`). Never used by the demo; the query-count tests use `make`."""

from datetime import timedelta

from django.utils import timezone

from partnership.models import Organisation
from reviews.models import Action, Case, Child, Recommendation, Stage

BATCH = 2000


def load(plan, stdout) -> None:
    """Top the synthetic cases up to the plan's `cases`: safe to run again."""
    existing = Case.objects.filter(reference__startswith="SCALE-").count()
    make(max(plan.cases - existing, 0), stdout)


def make(count: int, stdout=None) -> int:
    """Bulk-create `count` cases spread over every stage, each with a child, a recommendation and an action."""
    organisations = list(Organisation.objects.filter(is_active=True)[:20])
    if not organisations:
        return 0
    today = timezone.localdate()
    start = Case.objects.filter(reference__startswith="SCALE-").count()
    stages = Stage.values
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        cases = Case.objects.bulk_create(
            Case(
                reference=f"SCALE-{start + offset + n:07d}",
                stage=stages[n % len(stages)],
                referring_organisation=organisations[n % len(organisations)],
                referred_on=today - timedelta(days=n % 700),
                summary="Synthetic case for the benchmark.",
            )
            for n in range(size)
        )
        Child.objects.bulk_create(
            Child(case=case, pseudonym=f"Child {chr(65 + n % 26)}") for n, case in enumerate(cases)
        )
        recommendations = Recommendation.objects.bulk_create(
            Recommendation(case=case, number=1, text="Synthetic recommendation.") for case in cases
        )
        Action.objects.bulk_create(
            Action(
                recommendation=recommendation,
                organisation=organisations[n % len(organisations)],
                description="Synthetic action.",
                due_on=today + timedelta(days=(n % 120) - 60),
            )
            for n, recommendation in enumerate(recommendations)
        )
    if stdout:
        stdout.write(f"  {count} serious incident cases")
    return count
