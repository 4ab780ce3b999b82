import pytest
import time_machine
from django.core.cache import cache

from cdop import services_form_b
from partnership.roles import Role
from tests.cdop.factories import CaseGatheringFactory
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def coordinator(db):
    trust = OrganisationFactory(name="North Central London Integrated Care Board", type="health")
    return UserFactory(organisation=trust, roles=[Role.CDOP_COORDINATOR], email="coordinator@nhs.example")


@pytest.fixture
def panel_member(db):
    return UserFactory(roles=[Role.CDOP_PANEL_MEMBER])


@pytest.fixture
def case(db):
    return CaseGatheringFactory()


@pytest.fixture
def form_b(coordinator, agency, case):
    """A request sent by the service (so its clock runs) to Pat at the agency."""
    return services_form_b.form_b_send(
        case=case,
        organisation=agency,
        professional_name="Pat Practitioner",
        professional_email="pat@agency.example",
        by=coordinator,
    )


@pytest.fixture
def notification_day():
    """A fixed day for walking the public notification, with its rate limits cleared."""
    cache.clear()
    with time_machine.travel("2026-11-12 10:00 +0000", tick=False):
        yield
