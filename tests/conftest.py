import pytest
from django.core.cache import cache
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.middleware import SIGNED_IN_AT, TOUCHED_AT
from partnership.roles import Role
from tests.factories import OrganisationFactory, StatutoryPartnerFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages live in the cache: every test starts with none."""
    cache.clear()


@pytest.fixture
def sign_in(client):
    """Sign a person in with both factors, as the sign-in pages would, and return the client."""

    def _sign_in(user, c=None):
        c = c or client
        c.force_login(user)
        session = c.session
        # As the sign-in pages leave it: the absolute lifetime started, the idle minute fresh (no write for a minute).
        session[SIGNED_IN_AT] = session[TOUCHED_AT] = timezone.now().timestamp()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return c

    return _sign_in


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="Young Barnet Foundation")


@pytest.fixture
def other_agency(db):
    return OrganisationFactory(name="Barnet Mencap")


@pytest.fixture
def local_authority(db):
    return StatutoryPartnerFactory(name="London Borough of Barnet")


@pytest.fixture
def manager(local_authority):
    return UserFactory(organisation=local_authority, roles=[Role.PARTNERSHIP_MANAGER])


@pytest.fixture
def agency_user(agency):
    return UserFactory(organisation=agency, roles=[Role.AGENCY_USER])


@pytest.fixture
def administrator(local_authority):
    return UserFactory(organisation=local_authority, roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
