"""The death details the national data set needs beyond the notification: the mode of death and the deprivation
decile of the home postcode, recorded by the coordinator."""

from django.db import transaction

from cdop.models import ChildDeathCase
from partnership.models import User
from partnership.workflow import lock

Stage = ChildDeathCase.Stage
RECORDABLE = (Stage.NOTIFIED, Stage.GATHERING, Stage.REVIEW_MEETING, Stage.PANEL)


@transaction.atomic
def death_details_record(
    *, case: ChildDeathCase, mode_of_death: str, deprivation_decile: int | None, version: int | None, by: User
) -> ChildDeathCase:
    """Until the case closes; blank means not recorded yet (mode) or not known (decile)."""
    case = lock(case, version=version, stages=RECORDABLE, doing="record the death details")
    case.mode_of_death, case.deprivation_decile = mode_of_death, deprivation_decile
    case.full_clean()
    case.save()
    return case
