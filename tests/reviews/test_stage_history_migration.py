"""The stage log became the one stage history (migration 0003): back to the log and forward again, a case's
history keeps its steps, stages, dates, people and deadlines."""

import pytest

from partnership.selectors import stage_changes
from reviews.models import Case
from tests.migrations import migrate_to, migrate_to_latest
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("reviews", "0002_action_status")
# A child death case links to its serious incident case from cdop 0009, so cdop goes back before it.
CDOP_BEFORE_REVIEWS_LINK = ("cdop", "0008_panel_meetings")


def _history(case):
    return [
        (change.from_stage, change.to_stage, change.description, change.on, change.by_id, change.due_on)
        for change in stage_changes(case)
    ]


def test_the_stage_log_and_the_stage_history_convert_both_ways():
    case = f.RapidReviewFactory()
    before = _history(case)
    assert [row[:2] for row in before] == [
        ("", "referred"), ("referred", "notification"), ("notification", "rapid_review"),
    ]  # fmt: skip
    try:
        old = migrate_to([BEFORE, CDOP_BEFORE_REVIEWS_LINK])
        log = old.get_model("reviews", "StageLog").objects.filter(case_id=case.pk).order_by("on", "at", "pk")
        assert [(row.stage, row.step, row.on, row.by_id, row.due_on) for row in log] == [
            (to, description, on, by, due_on) for _, to, description, on, by, due_on in before
        ]
        assert not stage_changes(Case(pk=case.pk)).exists()
    finally:
        migrate_to_latest()
    assert _history(case) == before
