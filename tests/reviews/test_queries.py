"""The case list, the review group's action view and a case page make the same number of queries with 10 cases
as with 10,000 (bulk-created)."""

import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse

from partnership.calendar import working_days_between
from partnership.models import Deadline, StageChange
from partnership.roles import Role
from partnership.scaling import ScalePlan
from reviews import scale, selectors, services
from reviews.models import Action, Case, Stage
from reviews.models.cases import CASE_STAGES
from tests.factories import UserFactory
from tests.html import page
from tests.plans import assert_listed_by_index, assert_read_by_index
from tests.queries import queries, queries_for
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def bulk(count: int) -> None:
    """`count` more cases, each with a child, a recommendation and an action, through the benchmark's maker."""
    scale.make(count)


def test_page_queries_do_not_grow_with_the_data(manager, agency, sign_in, reps):
    case = f.WithPanelFactory()
    add_action(f.LcsprFactory(), agency, manager)  # the action list has a row whatever the synthetic cases hold
    client = sign_in(manager)
    urls = [reverse("reviews:case-list"), reverse("reviews:action-list"), case.get_absolute_url()]
    bulk(9)
    small = [queries(client, url) for url in urls]
    bulk(9989)
    assert Case.objects.count() == 10_000
    large = [queries(client, url) for url in urls]
    assert small == large
    # The layout (sessions, menu, alert banner) adds a few queries other apps own: allow for them, no more.
    assert all(0 <= count - expected <= LAYOUT_SLACK for count, expected in zip(small, EXPECTED, strict=True)), small


def test_the_agency_action_view_queries_do_not_grow(agency_user, manager, sign_in, reps):
    add_action(f.LcsprFactory(), agency_user.organisation, manager)  # a row whatever the synthetic cases hold
    client = sign_in(agency_user)
    bulk(10)
    small = queries(client, reverse("reviews:action-list"))
    bulk(500)
    assert queries(client, reverse("reviews:action-list")) == small


# Case list, the review group's action view, a case page (with the layout as merged from content, and the child
# death reviews it was referred from).
EXPECTED = [7, 7, 18]
LAYOUT_SLACK = 3


def test_the_scale_loader_tops_up_and_runs_again_safely(agency):
    scale.load(ScalePlan.about(30), io.StringIO())
    scale.load(ScalePlan.about(30), io.StringIO())
    assert Case.objects.filter(reference__startswith="SCALE-").count() == 30
    scale.load(ScalePlan.about(50), io.StringIO())
    assert Case.objects.filter(reference__startswith="SCALE-").count() == 50


def test_the_scale_cases_are_as_the_services_leave_them(agency):
    scale.make(2000)
    case_type = ContentType.objects.get_for_model(Case)
    stages = dict(Case.objects.values_list("stage").annotate(n=Count("pk")))
    assert set(stages) == set(Stage.values)
    assert stages[Stage.CLOSED] + stages[Stage.PUBLISHED] > 0.85 * 2000  # most closed; a few per cent open
    # Every case's last stage change is to the stage it is at.
    changes = StageChange.objects.filter(content_type=case_type).order_by("object_id", "on", "pk")
    last = dict(changes.values_list("object_id", "to_stage"))
    assert all(last[pk] == stage for pk, stage in Case.objects.values_list("pk", "stage"))
    # A case at a stage with a clock has that clock open; no other case has an open clock.
    clock_of = {stage: move.starts[0] for move in CASE_STAGES.moves if move.starts for stage in [move.target]}
    open_clocks = set(Deadline.objects.open().filter(content_type=case_type).values_list("object_id", "kind"))
    expected = {(pk, clock_of[stage]) for pk, stage in Case.objects.values_list("pk", "stage") if stage in clock_of}
    assert open_clocks == expected
    # Open actions have their clock, for their organisation; closed ones have it met.
    action_type = ContentType.objects.get_for_model(Action)
    open_actions = set(Action.objects.filter(closed_on=None).values_list("pk", "organisation_id"))
    assert open_actions
    assert set(
        Deadline.objects.open().filter(content_type=action_type).values_list("object_id", "organisation_id")
    ) == (open_actions)
    assert Case.objects.values("reference").distinct().count() == Case.objects.count()


def test_the_annual_figures_count_the_days_at_each_stage_in_the_database(agency):
    """The grouped query gives what walking the whole history in Python gave (the way it was counted before)."""
    scale.make(400)
    year = f.today().year - 3
    history = list(
        StageChange.objects.filter(content_type=ContentType.objects.get_for_model(Case))
        .order_by("object_id", "on", "at", "pk")
        .values("object_id", "to_stage", "on")
    )
    days: dict[str, list[int]] = {}
    for before, after in zip(history, history[1:], strict=False):
        if before["object_id"] == after["object_id"] and after["on"].year == year:
            days.setdefault(before["to_stage"], []).append(working_days_between(before["on"], after["on"]))
    walked = {Stage(stage).label: (round(sum(v) / len(v), 1), len(v)) for stage, v in days.items()}
    figures = selectors.annual_figures(year)
    assert {label: (average, count) for label, average, count in figures["days_per_stage"]} == walked
    assert walked["Case for consideration"][1] > 0


def add_action(case, organisation, manager, days=10):
    recommendation = services.recommendation_add(case=case, text="Learn.", by=manager)
    return services.action_add(
        recommendation=recommendation, organisation=organisation, description="Train staff.",
        due_on=f.today() + timedelta(days=days), by=manager,
    )  # fmt: skip


def exported(client, url) -> tuple[int, str]:
    count, response = queries_for(client, url)
    return count, response.body.decode()


def test_every_readers_lists_the_figures_and_the_export_take_the_same_queries_at_two_scales(
    manager, agency, agency_user, sign_in, reps
):
    """Each role's view of each list page, the annual figures and the CSV export (streamed: one query for the
    cases however many)."""
    review_group = UserFactory(organisation=agency, roles=[Role.REVIEW_GROUP_MEMBER])
    add_action(f.LcsprFactory(), agency, manager)
    views = [
        (manager, reverse("reviews:case-list")),
        (manager, reverse("reviews:case-list") + "?stage=closed"),
        (manager, reverse("reviews:annual-figures") + f"?year={f.today().year - 1}"),
        (review_group, reverse("reviews:case-list")),
        (review_group, reverse("reviews:action-list")),
        (reps[0], reverse("reviews:case-list")),
        (agency_user, reverse("reviews:action-list")),
    ]
    scale.make(60)
    small = [queries(sign_in(user), url) for user, url in views]
    small_export = exported(sign_in(manager), reverse("reviews:case-export"))
    scale.make(2000)
    large = [queries(sign_in(user), url) for user, url in views]
    large_export = exported(sign_in(manager), reverse("reviews:case-export"))
    assert small == large
    assert small_export[0] == large_export[0]
    assert large_export[1].count("SCALE-") == 2060


def test_hostile_page_numbers_do_not_fail(manager, sign_in, agency):
    scale.make(60)
    client = sign_in(manager)
    for page_number in ("abc", "999999", "-1", "0"):
        assert client.get(reverse("reviews:case-list") + f"?page={page_number}").status_code == 200
        assert client.get(reverse("reviews:action-list") + f"?page={page_number}").status_code == 200


def test_the_lists_are_read_through_their_indexes(manager, agency, agency_user, reps):
    """The querysets the views run: the case list (every reader: manager, review group, statutory partner; with
    and without the stage filter) and the open actions (every action; one organisation's for its agency user)."""
    review_group = UserFactory(organisation=agency, roles=[Role.REVIEW_GROUP_MEMBER])
    scale.make(500)
    for user in (manager, review_group, reps[0]):
        assert_read_by_index(selectors.case_list(user), "reviews_case")
        assert_listed_by_index(selectors.case_list(user), "reviews_case")  # and the paginator's bounded count
        assert_read_by_index(selectors.case_list(user, stage=Stage.LCSPR), "reviews_case")
        assert_read_by_index(selectors.open_actions(user), "reviews_action")
    assert_read_by_index(selectors.open_actions(agency_user), "reviews_action")
    assert_read_by_index(selectors.statutory_partners(), "partnership_organisation")
    open_stages = [value for value in Stage.values if value not in (Stage.CLOSED, Stage.PUBLISHED)]
    assert_read_by_index(Case.objects.filter(stage__in=open_stages).values_list("stage"), "reviews_case")


def test_the_case_list_pages_through_many_cases(manager, sign_in, agency):
    scale.make(120)
    client = sign_in(manager)
    first = client.get(reverse("reviews:case-list"))
    assert len(page(first).select("tbody tr")) == 50
    assert page(first).select_one(".govuk-pagination")
    assert len(page(client.get(reverse("reviews:case-list") + "?page=3")).select("tbody tr")) == 20
