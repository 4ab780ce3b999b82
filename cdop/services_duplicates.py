"""Duplicate notifications: several professionals often notify the same death. A notification that matches an
open case is flagged to the coordinator, who may merge it into that case; the duplicate then rests at "merged"
(outside every figure), its clocks withdrawn, its notifier shown on the surviving case."""

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from cdop.models import ChildDeathCase
from partnership.errors import Refusal
from partnership.models import User
from partnership.nhs import nhs_number_is_valid
from partnership.services import deadline_cancel
from partnership.workflow import advance, lock

Stage = ChildDeathCase.Stage
OPEN = (Stage.NOTIFIED, Stage.GATHERING, Stage.REVIEW_MEETING, Stage.PANEL)


def open_case_matching(*, nhs_number: str, first_name: str, last_name: str, date_of_birth, date_of_death):
    """The earliest open case of the same child: the same valid NHS number, or the same first and last names
    (whatever their capitals) with the same dates of birth and death."""
    same_child = Q(
        first=first_name.strip().lower(),
        last=last_name.strip().lower(),
        identity__date_of_birth=date_of_birth,
        date_of_death=date_of_death,
    )
    if nhs_number and nhs_number_is_valid(nhs_number):
        same_child |= Q(identity__nhs_number=nhs_number)
    return (
        ChildDeathCase.objects.filter(stage__in=OPEN)
        .annotate(first=Lower("identity__first_name"), last=Lower("identity__last_name"))
        .filter(same_child)
        .order_by("notified_at", "pk")
        .first()
    )


@transaction.atomic
def case_merge_duplicate(
    *, duplicate: ChildDeathCase, into: ChildDeathCase, by: User, version: int | None, reason: str = ""
) -> ChildDeathCase:
    """Merge a duplicate notification into the open case it repeats: the duplicate moves to "merged" with the
    reason recorded, its clocks are withdrawn, and both cases link to each other."""
    if duplicate.pk == into.pk:
        raise Refusal("A case cannot be merged into itself.")
    into = ChildDeathCase.objects.select_for_update().get(pk=into.pk)
    if into.stage not in OPEN:
        raise Refusal(
            f"{into.reference} is {into.get_stage_display().lower()}: a notification can only be merged into an "
            "open case."
        )
    into = lock(into, stages=OPEN, doing="take in a duplicate notification")
    if into.merged_into_id:
        raise Refusal(f"{into.reference} is itself merged into another case.")
    reason = reason.strip() or f"Duplicate notification of the death recorded in {into.reference}."
    with advance(duplicate, "merge", by=by, version=version, note=reason) as duplicate:
        duplicate.merged_into, duplicate.merge_reason = into, reason
    if hasattr(duplicate, "jar"):
        deadline_cancel(subject=duplicate.jar)
    deadline_cancel(subject=duplicate)
    return duplicate
