import pytest
import time_machine

from audits import services
from audits.models import AuditReturn
from tests.audits.factories import CycleFactory


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel("2026-04-15 10:00 +00:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def cycle(manager, agency, other_agency):
    """An open cycle on a two-area, two-criteria tool, inviting the agency and the other agency."""
    cycle = CycleFactory()
    services.cycle_open(cycle=cycle, by=manager)
    return cycle


@pytest.fixture
def audit_return(cycle, agency, agency_user):
    return AuditReturn.objects.get(cycle=cycle, organisation=agency)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"],
                         "OPTIONS": {"location": tmp_path, "base_url": None}}}  # fmt: skip
    return tmp_path
