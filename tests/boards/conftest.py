import pytest
from django.core.cache import cache

from partnership.roles import Role
from tests.boards.factories import BoardFactory, MembershipFactory
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The public form's rate limit counts in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(db):
    return BoardFactory(name="Learning and Thematic Review Group", slug="learning-and-thematic-review-group")


@pytest.fixture
def member(board, agency):
    """A person holding a seat on `board` (no role needed)."""
    user = UserFactory(organisation=agency, roles=[Role.REVIEW_GROUP_MEMBER])
    MembershipFactory(board=board, organisation=agency, user=user)
    return user


@pytest.fixture
def signed_in_manager(client, manager, sign_in):
    return sign_in(manager)
