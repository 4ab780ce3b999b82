import pytest

from tests.reviews.factories import partner_reps


@pytest.fixture
def reps(db):
    """Representatives of the three statutory partners: local authority, police, health."""
    return partner_reps()
