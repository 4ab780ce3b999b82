"""Issue 15: every audits list is bounded and read through an index, its queries do not grow with the data, and
the scale loader tops up safely."""

import io

import pytest
from django.db.models import Count
from django.urls import reverse

from audits import scale, selectors
from audits.models import AreaResponse, AuditReturn, Cycle, Tool
from partnership.models import Deadline, Organisation
from partnership.scaling import ScalePlan
from tests.factories import OrganisationFactory
from tests.html import page
from tests.plans import assert_listed_by_index, assert_read_by_index
from tests.queries import queries

pytestmark = pytest.mark.django_db

RETURNS = "audits_auditreturn"


def load(scale_of: int) -> None:
    scale.load(ScalePlan.about(scale_of), io.StringIO())


def latest(kind=Tool.Kind.SECTION_11) -> Cycle:
    return Cycle.objects.filter(version__tool__kind=kind, title__startswith=scale.PREFIX).order_by("-year").first()


def urls(agency) -> list[str]:
    cycle = latest()
    return [
        reverse("audits:cycle-list"),
        reverse("audits:my-returns"),
        reverse("audits:my-returns") + "?stage=accepted&organisation=a",
        reverse("audits:my-returns") + f"?cycle={cycle.pk}&year={cycle.year}",
        cycle.get_absolute_url(),
        cycle.get_absolute_url() + "?stage=accepted",
        reverse("audits:heat-map", args=[cycle.pk]),
        reverse("audits:heat-map", args=[cycle.pk]) + "?rating=moderated&page=2",
        reverse("audits:organisation-history", args=[agency.pk]),
        reverse("audits:cycle-export", args=[cycle.pk]),
        reverse("audits:cycle-export-csv", args=[cycle.pk]),
    ]


def test_manager_pages_take_as_many_queries_with_many_returns_as_with_few(client, sign_in, manager, agency):
    sign_in(manager)
    load(30)  # 240 returns, 12 a cycle: every list holds something at both scales
    small = [queries(client, url) for url in urls(agency)]
    load(100)  # 800 returns, 40 a cycle
    assert AuditReturn.objects.count() == 800
    assert [queries(client, url) for url in urls(agency)] == small


def test_the_agency_users_pages_take_as_many_queries_with_many_returns(client, sign_in, agency, agency_user):
    sign_in(agency_user)
    mine = [reverse("audits:my-returns"), reverse("audits:my-returns") + "?stage=accepted",
            reverse("audits:organisation-history", args=[agency.pk])]  # fmt: skip
    load(30)
    small = [queries(client, url) for url in mine]
    load(100)
    assert [queries(client, url) for url in mine] == small


def test_lists_are_paginated_at_50(client, sign_in, manager, agency):
    load(100)  # 40 returns a cycle, 800 in all
    sign_in(manager)
    listed = page(client.get(reverse("audits:my-returns")))
    assert len(listed.select("tbody tr")) == 50
    assert listed.select_one(".govuk-pagination")
    assert len(page(client.get(reverse("audits:my-returns") + "?page=16")).select("tbody tr")) == 50
    for hostile in ("abc", "999999", "-1"):
        assert client.get(reverse("audits:my-returns") + f"?page={hostile}").status_code == 200
        assert client.get(latest().get_absolute_url() + f"?page={hostile}").status_code == 200
        assert client.get(reverse("audits:heat-map", args=[latest().pk]) + f"?page={hostile}").status_code == 200
    assert client.get(reverse("audits:my-returns") + "?year=nonsense&stage=nonsense&cycle=x").status_code == 200


def test_the_heat_map_shows_a_page_of_organisations_and_the_whole_cycles_totals(client, sign_in, manager, agency):
    load(150)  # 60 returns a cycle
    cycle = latest(Tool.Kind.VCFS)
    sign_in(manager)
    response = client.get(reverse("audits:heat-map", args=[cycle.pk]))
    areas = cycle.version.areas.count()
    assert response.content.count(b"<rect") == 50 * areas
    totals = page(response).select_one("#totals + [role=region] table")
    first = [int(td.get_text()) for td in totals.select("tbody tr")[0].select("td")]
    assert sum(first) == cycle.returns.count() == 60
    first_area = cycle.version.areas.order_by("position").first()
    assert first[0] == AreaResponse.objects.filter(audit_return__cycle=cycle, area=first_area, rating="green").count()
    second = client.get(reverse("audits:heat-map", args=[cycle.pk]) + "?page=2")
    assert second.content.count(b"<rect") == 10 * areas
    words = {}
    for square in page(response).select("svg rect"):
        word = square.find_next_sibling("text")
        words[word.get_text()] = contrast(square["fill"], word["fill"])
    assert {"Green", "Amber", "Red"} <= set(words)  # each rating carries its word, not its colour alone
    assert min(words.values()) >= 4.5, words


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_cycle_page_counts_returns_by_stage_and_filters_by_stage(client, sign_in, manager, agency):
    load(100)
    cycle = latest()
    sign_in(manager)
    progress = {row.stage: row.count for row in selectors.cycle_progress(cycle)}
    assert sum(progress.values()) == cycle.returns.count() == 40
    response = client.get(cycle.get_absolute_url() + "?stage=not_started")
    rows = page(response).select("table tbody tr")
    assert len(rows) == progress["not_started"] and all("Not started" in row.get_text() for row in rows)


def test_the_returns_list_filters_in_the_database(manager, agency):
    load(30)
    cycle = latest()
    filtered = selectors.my_returns(manager, cycle_id=cycle.pk, stage="accepted", organisation="scale")
    assert {(r.cycle_id, r.stage) for r in filtered} == {(cycle.pk, "accepted")}
    assert (
        selectors.my_returns(manager, year=cycle.year).count()
        == AuditReturn.objects.filter(cycle__year=cycle.year).count()
    )


def test_lists_are_read_through_an_index(manager, agency, agency_user):
    load(30)
    cycle = latest()
    for queryset in [
        selectors.my_returns(manager),
        selectors.my_returns(manager, stage="submitted"),
        selectors.my_returns(manager, cycle_id=cycle.pk),
        selectors.my_returns(manager, organisation="scale"),
        selectors.my_returns(manager, year=cycle.year),
        selectors.my_returns(agency_user),
        selectors.my_returns(agency_user, stage="accepted"),
        selectors.cycle_returns(cycle),
        selectors.cycle_returns(cycle, stage="submitted"),
        AuditReturn.objects.filter(cycle=cycle).order_by().values("stage").annotate(n=Count("pk")),
        selectors.returns_for(agency_user).filter(organisation_id=agency.pk).order_by("-cycle__year", "-pk"),
        selectors.returns_for(manager).filter(stage=AuditReturn.Stage.SUBMITTED).order_by("submitted_on", "pk"),
    ]:
        assert_read_by_index(queryset[:50], RETURNS, "audits_cycle")
    assert_read_by_index(selectors.cycles()[:50], "audits_cycle", RETURNS)
    for basis in ("own", "moderated"):
        assert_read_by_index(selectors.heat_map_totals(cycle, basis=basis), RETURNS, "audits_arearesponse")


def test_the_scale_loader_tops_up_and_runs_again_safely(agency):
    plan = ScalePlan.about(30)
    load(30)
    load(30)
    assert AuditReturn.objects.filter(reference__startswith=scale.REFERENCE).count() == plan.audit_returns
    assert Cycle.objects.filter(title__startswith=scale.PREFIX).count() == 20
    stages = set(AuditReturn.objects.values_list("stage", flat=True))
    assert stages == set(AuditReturn.Stage.values)
    open_clocks = Deadline.objects.open().filter(kind="audits.return_due").count()
    editable = AuditReturn.objects.filter(stage__in=AuditReturn.EDITABLE, cycle__stage=Cycle.Stage.OPEN).count()
    assert open_clocks == editable > 0
    load(60)  # a bigger plan tops up
    assert AuditReturn.objects.filter(reference__startswith=scale.REFERENCE).count() == 480


def test_a_page_of_returns_and_its_bounded_count_are_read_through_an_index(manager, agency_user):
    """The paginator's count (`partnership.pagination`) as well as the page: no whole-table COUNT(*)."""
    load(30)
    for queryset in (selectors.my_returns(manager), selectors.my_returns(agency_user), selectors.cycles()):
        assert_listed_by_index(queryset, RETURNS, "audits_cycle")


def test_who_a_cycle_invites_is_counted_through_the_member_type_index(manager, agency):
    """The cycle page's "N organisations": by type through the index, the named ones through the invitations."""
    load(30)
    cycle = latest()
    by_type = Organisation.objects.members().filter(type__in=cycle.invited_types, is_active=True)
    assert_read_by_index(by_type, "partnership_organisation")
    named_police = OrganisationFactory(name="Named police", type="police")
    directory_gp = OrganisationFactory(name="Named surgery", type="gp_practice", is_member=False)
    cycle.invited_organisations.add(agency, named_police, directory_gp)  # named twice, a member, not a member
    assert selectors.cycle_invitation(cycle).count == selectors.cycle_invited(cycle).count()
