"""Pages keep a fixed number of queries however much data there is."""

import pytest
from django.urls import reverse

from audits import services
from audits.models import AreaResponse, AuditReturn, CriterionResponse
from tests.audits.factories import CycleFactory, fill, published_version
from tests.factories import OrganisationFactory
from tests.queries import queries

pytestmark = pytest.mark.django_db


def filled_return(manager, agency, agency_user, *, areas, criteria):
    cycle = CycleFactory(version=published_version(areas=areas, criteria=criteria), invited_types=[])
    cycle.invited_organisations.set([agency])
    services.cycle_open(cycle=cycle, by=manager)
    audit_return = AuditReturn.objects.get(cycle=cycle)
    fill(audit_return, by=agency_user, rating="amber")
    for response in audit_return.area_responses.all():
        response.actions.create(action="Act", owner="Lead", due_on="2026-09-01")
    return audit_return


def test_a_return_page_with_40_criteria_takes_as_many_queries_as_one_with_1(
    client, sign_in, manager, agency, agency_user, django_assert_num_queries
):
    small = filled_return(manager, agency, agency_user, areas=1, criteria=1)
    large = filled_return(manager, agency, agency_user, areas=8, criteria=5)
    assert CriterionResponse.objects.filter(audit_return=large).count() == 40
    sign_in(agency_user)
    expected = queries(client, small.get_absolute_url())
    with django_assert_num_queries(expected):
        client.get(large.get_absolute_url())
    expected = queries(client, reverse("audits:area-edit", args=[small.pk, small.tool_version.areas.get().pk]))
    url = reverse("audits:area-edit", args=[large.pk, large.tool_version.areas.first().pk])
    with django_assert_num_queries(expected):
        client.get(url)
    for audit_return in (small, large):
        services.return_submit(audit_return=audit_return, by=agency_user)
    sign_in(manager)
    expected = queries(client, reverse("audits:return-review", args=[small.pk]))
    with django_assert_num_queries(expected):
        client.get(reverse("audits:return-review", args=[large.pk]))


def heat_map_cycle(manager, organisations: int):
    version = published_version(areas=8, criteria=1)
    cycle = CycleFactory(version=version, invited_types=[])
    orgs = [OrganisationFactory(name=f"Org {organisations} {n}") for n in range(organisations)]
    cycle.invited_organisations.set(orgs)
    services.cycle_open(cycle=cycle, by=manager)
    areas = list(version.areas.all())
    AreaResponse.objects.bulk_create(
        AreaResponse(audit_return=r, area=a, rating=["green", "amber", "red", "na"][(r.pk + a.pk) % 4])
        for r in cycle.returns.all()
        for a in areas
    )
    return cycle


def test_the_heat_map_of_200_organisations_takes_as_many_queries_as_one_of_2(
    client, sign_in, manager, django_assert_num_queries
):
    sign_in(manager)
    small = heat_map_cycle(manager, 2)
    expected = queries(client, reverse("audits:heat-map", args=[small.pk]))
    large = heat_map_cycle(manager, 200)
    with django_assert_num_queries(expected):
        response = client.get(reverse("audits:heat-map", args=[large.pk]))
    assert response.content.count(b"<rect") == 50 * 8  # a page of organisations (issue 15)
    expected_detail = queries(client, reverse("audits:cycle-detail", args=[small.pk]))
    with django_assert_num_queries(expected_detail):
        client.get(reverse("audits:cycle-detail", args=[large.pk]))
