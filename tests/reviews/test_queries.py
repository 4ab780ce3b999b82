"""The case list, the review group's action view and a case page make the same number of queries with 10 cases
as with 10,000 (bulk-created)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Action, Case, Child, Recommendation
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def bulk(count: int, organisation, agency) -> None:
    """`count` more cases, each with a child, a recommendation and an open action."""
    today = f.today()
    start = Case.objects.count()
    cases = Case.objects.bulk_create(
        Case(reference=f"BULK-{start + n:06d}", referring_organisation=organisation, referred_on=today, summary="x")
        for n in range(count)
    )
    Child.objects.bulk_create(Child(case=case, pseudonym="Child B") for case in cases)
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(case=case, number=1, text="r") for case in cases
    )
    Action.objects.bulk_create(
        Action(recommendation=r, organisation=agency, description="a", due_on=today - timedelta(days=n % 30))
        for n, r in enumerate(recommendations)
    )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_data(manager, agency, sign_in, reps):
    case = f.WithPanelFactory()
    client = sign_in(manager)
    urls = [reverse("reviews:case-list"), reverse("reviews:action-list"), case.get_absolute_url()]
    bulk(9, manager.organisation, agency)
    small = [queries(client, url) for url in urls]
    bulk(9990, manager.organisation, agency)
    assert Case.objects.count() == 10_000
    large = [queries(client, url) for url in urls]
    assert small == large
    assert small == [EXPECTED_LIST, EXPECTED_ACTIONS, EXPECTED_CASE]


def test_the_agency_action_view_queries_do_not_grow(agency_user, manager, sign_in, reps):
    client = sign_in(agency_user)
    bulk(10, manager.organisation, agency_user.organisation)
    small = queries(client, reverse("reviews:action-list"))
    bulk(500, manager.organisation, agency_user.organisation)
    assert queries(client, reverse("reviews:action-list")) == small


EXPECTED_LIST, EXPECTED_ACTIONS, EXPECTED_CASE = 11, 11, 18
