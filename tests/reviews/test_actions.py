"""Actions: owned by organisations, reported on by their users, closed only with evidence; who sees what."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnership.errors import Refusal
from partnership.models import Deadline
from partnership.roles import Role
from reviews import services
from reviews.models import ActionUpdate
from tests.factories import UserFactory
from tests.html import page, text
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(manager, local_authority):
    case = services.case_for_consideration_refer(
        referring_organisation=local_authority, referred_on=f.today(), children=["Child M"], summary="Secret summary.",
        by=manager,
    )  # fmt: skip
    return services.case_for_consideration_decide(
        case=case, meeting_on=f.today(), decision="other_learning", rationale="Single-agency learning.", by=manager
    )


def add_action(case, organisation, manager, days=10, description="Train staff."):
    recommendation = services.recommendation_add(case=case, text="Learn.", by=manager)
    return services.action_add(
        recommendation=recommendation, organisation=organisation, description=description,
        due_on=f.today() + timedelta(days=days), by=manager,
    )  # fmt: skip


def test_an_action_closes_only_with_evidence_of_impact(case, manager, agency_user):
    action = add_action(case, agency_user.organisation, manager)
    with pytest.raises(ValidationError, match="only with evidence"):
        services.action_report_progress(action=action, progress="Done.", rag="green", close=True, by=agency_user)
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.is_open
    services.action_report_progress(action=action, progress="Training booked.", rag="amber", by=agency_user)
    services.action_report_progress(
        action=action,
        progress="Done.",
        impact_evidence="Audit shows it is used.",
        rag="green",
        close=True,
        by=agency_user,
    )
    action.refresh_from_db()
    assert (action.closed_by, action.rag) == (agency_user, "green")
    assert Deadline.objects.get(kind="reviews.action_due").met_by == agency_user
    with pytest.raises(Refusal, match="the action is at the stage “Closed”"):
        services.action_report_progress(action=action, progress="More.", rag="green", by=agency_user)


def test_another_organisation_cannot_report_on_an_action(case, manager, agency_user, other_agency):
    action = add_action(case, agency_user.organisation, manager)
    other = UserFactory(organisation=other_agency, roles=[Role.AGENCY_USER])
    with pytest.raises(Refusal):
        services.action_report_progress(action=action, progress="x", rag="red", by=other)
    assert not ActionUpdate.objects.exists()


def test_an_agency_sees_its_own_actions_by_pseudonym_and_nothing_else(
    case, manager, agency_user, other_agency, sign_in
):
    own = add_action(case, agency_user.organisation, manager, description="Our action.")
    theirs = add_action(case, other_agency, manager, description="Their action.")
    client = sign_in(agency_user)
    listing = text(client.get(reverse("reviews:action-list")))
    assert "Our action." in listing and "Child M" in listing
    assert "Their action." not in listing
    detail = client.get(own.get_absolute_url())
    assert "Secret summary." not in detail.content.decode()
    assert case.reference not in detail.content.decode()
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("reviews:case-step", args=[case.pk, "decide"])).status_code == 404


def test_the_review_group_sees_every_open_action_overdue_first(case, manager, agency_user, other_agency, sign_in):
    later = add_action(case, agency_user.organisation, manager, days=20, description="Later action.")
    soon = add_action(case, other_agency, manager, days=1, description="Soon action.")
    overdue = add_action(case, other_agency, manager, days=2, description="Overdue action.")
    overdue.due_on = f.today() - timedelta(days=3)
    overdue.save()
    closed = add_action(case, agency_user.organisation, manager, description="Closed action.")
    services.action_report_progress(
        action=closed, progress="x", impact_evidence="y", rag="green", close=True, by=manager
    )
    reviewer = UserFactory(roles=[Role.REVIEW_GROUP_MEMBER])
    response = sign_in(reviewer).get(reverse("reviews:action-list"))
    rows = [row.select_one("a").get_text() for row in page(response).select("tbody tr")]
    assert rows == ["Overdue action.", "Soon action.", "Later action."]
    assert "Overdue" in text(response, "tbody tr")
    assert later and soon
    # Readers see actions but may not report on them.
    assert sign_in(reviewer).post(later.get_absolute_url(), {"progress": "x", "rag": "red"}).status_code == 403


def test_the_agency_reports_progress_through_the_page(case, manager, agency_user, sign_in):
    action = add_action(case, agency_user.organisation, manager)
    data = {"version": action.version, "progress": "Half the staff trained.", "rag": "amber"}
    response = sign_in(agency_user).post(action.get_absolute_url(), data, follow=True)
    assert "Progress recorded" in text(response)
    stale = sign_in(agency_user).post(action.get_absolute_url(), data)
    assert "Someone else saved this record" in text(stale, ".govuk-error-summary")
    assert ActionUpdate.objects.count() == 1
