"""The case for consideration: the first step, also used by CDOP to refer a child death."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from partnership.selectors import stage_changes
from reviews import services
from reviews.models import Case, Child, Stage

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 3, 10), tick=False)
def test_refer_creates_the_case_in_its_first_stage_with_pseudonyms_only(manager, local_authority):
    case = services.case_for_consideration_refer(
        referring_organisation=local_authority,
        referred_on=date(2026, 3, 9),
        children=["Child A", "Child B"],
        summary="Two siblings were admitted to hospital.",
        by=manager,
    )
    assert case.stage == Stage.REFERRED
    assert case.reference == "SI-2026-001"
    assert case.pseudonyms == "Child A and Child B"
    assert [(change.from_stage, change.to_stage, change.description) for change in stage_changes(case)] == [
        ("", Stage.REFERRED, "Referred")
    ]
    second = services.case_for_consideration_refer(
        referring_organisation=local_authority,
        referred_on=date(2026, 3, 9),
        children=["Child C"],
        summary="x",
        by=manager,
    )
    assert second.reference == "SI-2026-002"


@time_machine.travel(date(2026, 3, 10), tick=False)
@pytest.mark.parametrize(
    ("children", "referred_on", "message"),
    [
        (["Child A", "Child B", "Child C", "Child D", "Child E"], date(2026, 3, 9), "at most 4 children"),
        ([], date(2026, 3, 9), "at least one child"),
        (["Child A", "child a"], date(2026, 3, 9), "different pseudonym"),
        (["Child A"], date(2026, 3, 11), "today or in the past"),
    ],
)
def test_bad_referrals_are_refused_with_a_clear_message_and_nothing_saved(
    manager, local_authority, children, referred_on, message
):
    with pytest.raises(ValidationError, match=message):
        services.case_for_consideration_refer(
            referring_organisation=local_authority, referred_on=referred_on, children=children, summary="x", by=manager
        )
    assert not Case.objects.exists()
    assert not Child.objects.exists()
