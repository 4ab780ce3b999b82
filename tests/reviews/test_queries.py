"""The case list, the review group's action view and a case page make the same number of queries with 10 cases
as with 10,000 (bulk-created)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership.scaling import ScalePlan
from reviews import scale
from reviews.models import Case
from tests.html import page
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def bulk(count: int) -> None:
    """`count` more cases, each with a child, a recommendation and an action, through the benchmark's maker."""
    scale.make(count)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_data(manager, agency, sign_in, reps):
    case = f.WithPanelFactory()
    client = sign_in(manager)
    urls = [reverse("reviews:case-list"), reverse("reviews:action-list"), case.get_absolute_url()]
    bulk(9)
    small = [queries(client, url) for url in urls]
    bulk(9990)
    assert Case.objects.count() == 10_000
    large = [queries(client, url) for url in urls]
    assert small == large
    # The layout (sessions, menu, alert banner) adds a few queries other apps own: allow for them, no more.
    assert all(0 <= count - expected <= LAYOUT_SLACK for count, expected in zip(small, EXPECTED, strict=True)), small


def test_the_agency_action_view_queries_do_not_grow(agency_user, manager, sign_in, reps):
    client = sign_in(agency_user)
    bulk(10)
    small = queries(client, reverse("reviews:action-list"))
    bulk(500)
    assert queries(client, reverse("reviews:action-list")) == small


# Case list, the review group's action view, a case page (with the layout as merged from content, and the child
# death reviews it was referred from).
EXPECTED = [12, 12, 20]
LAYOUT_SLACK = 3


def test_the_scale_loader_tops_up_and_runs_again_safely(agency):
    import io

    scale.load(ScalePlan.about(30), io.StringIO())
    scale.load(ScalePlan.about(30), io.StringIO())
    assert Case.objects.filter(reference__startswith="SCALE-").count() == 30


def test_the_case_list_pages_through_many_cases(manager, sign_in, agency):
    scale.make(120)
    client = sign_in(manager)
    first = client.get(reverse("reviews:case-list"))
    assert len(page(first).select("tbody tr")) == 50
    assert page(first).select_one(".govuk-pagination")
    assert len(page(client.get(reverse("reviews:case-list") + "?page=3")).select("tbody tr")) == 20
