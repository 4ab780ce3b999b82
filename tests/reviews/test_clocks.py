"""Every clock is a Deadline on "My work", counted in working days across weekends and bank holidays."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from partnership.models import Deadline
from reviews import services
from reviews.models import Case
from tests.html import text

pytestmark = pytest.mark.django_db


def refer(manager, la, referred_on):
    return services.case_for_consideration_refer(
        referring_organisation=la, referred_on=referred_on, children=["Child A"], summary="x", by=manager
    )


def notify(case, manager, aware_on, meeting_on):
    return services.case_for_consideration_decide(
        case=case, meeting_on=meeting_on, decision="notify", rationale="Met.", abuse_or_neglect=True,
        death_or_serious_harm=True, aware_on=aware_on, by=manager,
    )  # fmt: skip


def clock(case, kind):
    return Deadline.objects.get(object_id=case.pk, kind=kind)


@time_machine.travel(date(2026, 12, 29), tick=False)
def test_the_notification_is_due_five_working_days_after_awareness_over_christmas(manager, local_authority):
    # Aware on Thursday 24 December: Christmas Day (Friday), Boxing Day's substitute (Monday 28th) and New Year's
    # Day (Friday) do not count, nor the weekends.
    case = notify(refer(manager, local_authority, date(2026, 12, 24)), manager, date(2026, 12, 24), date(2026, 12, 29))
    assert case.notification.due_on == date(2027, 1, 5)
    assert clock(case, "reviews.sin_due").due_on == date(2027, 1, 5)


@time_machine.travel(date(2026, 4, 2), tick=False)
def test_the_rapid_review_is_due_fifteen_working_days_after_the_notification_over_easter(manager, local_authority):
    case = notify(refer(manager, local_authority, date(2026, 3, 30)), manager, date(2026, 3, 30), date(2026, 3, 31))
    case = services.notification_send(
        case=case, sent_on=date(2026, 4, 2), panel_reference="P", care_status="none", by=manager
    )
    assert case.rapid_review.due_on == date(2026, 4, 27)  # Good Friday and Easter Monday skipped
    assert clock(case, "reviews.rapid_review_due").due_on == date(2026, 4, 27)
    sin = clock(case, "reviews.sin_due")
    assert (sin.met_on, sin.met_by) == (date(2026, 4, 2), manager)


@time_machine.travel(date(2026, 9, 1), tick=False)
def test_a_looked_after_child_has_its_own_notification_to_the_secretary_of_state(manager, local_authority):
    case = notify(refer(manager, local_authority, date(2026, 8, 28)), manager, date(2026, 8, 28), date(2026, 9, 1))
    case = services.notification_send(
        case=case, sent_on=date(2026, 9, 1), panel_reference="P", care_status="looked_after", by=manager
    )
    assert clock(case, "reviews.secretary_of_state_due").due_on == date(2026, 9, 7)  # the August bank holiday
    services.notification_record_secretary_of_state(case=case, notified_on=date(2026, 9, 1), by=manager)
    assert clock(case, "reviews.secretary_of_state_due").met_on == date(2026, 9, 1)
    assert Case.objects.get(pk=case.pk).stage == "rapid_review"


@time_machine.travel(date(2026, 9, 1), tick=False)
def test_a_care_leavers_death_alone_needs_no_rapid_review(manager, local_authority):
    case = notify(refer(manager, local_authority, date(2026, 8, 28)), manager, date(2026, 8, 28), date(2026, 9, 1))
    case = services.notification_send(
        case=case, sent_on=date(2026, 9, 1), panel_reference="P", care_status="care_leaver",
        abuse_or_neglect_suspected=False, by=manager,
    )  # fmt: skip
    assert case.stage == "closed"
    assert not hasattr(Case.objects.get(pk=case.pk), "rapid_review")
    assert not Deadline.objects.filter(kind="reviews.rapid_review_due").exists()
    assert clock(case, "reviews.secretary_of_state_due").is_open


@time_machine.travel(date(2026, 5, 1), tick=False)
def test_lcspr_completion_and_the_pre_publication_copy(manager, reps):
    from tests.reviews.factories import LcsprFactory

    case = LcsprFactory(referred_on=date(2026, 3, 2))
    assert case.lcspr.decided_on == date(2026, 3, 17)
    assert clock(case, "reviews.lcspr_completion").due_on == date(2026, 9, 17)  # six months
    services.lcspr_update(case=case, planned_publication_on=date(2026, 5, 26), by=manager)
    # Seven working days before Tuesday 26 May, skipping the spring bank holiday on Monday 25th.
    assert clock(case, "reviews.prepublication_due").due_on == date(2026, 5, 14)


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_clocks_show_on_my_work_for_the_manager_and_the_owning_agency(manager, agency_user, sign_in, local_authority):
    case = notify(refer(manager, local_authority, date(2026, 5, 20)), manager, date(2026, 5, 20), date(2026, 5, 21))
    assert "Send the Serious Incident Notification for SI-2026-001" in text(sign_in(manager).get(reverse("staff-home")))
    closed = refer(manager, local_authority, date(2026, 5, 20))
    services.case_for_consideration_decide(
        case=closed, meeting_on=date(2026, 5, 21), decision="other_learning", rationale="x", by=manager
    )
    recommendation = services.recommendation_add(case=closed, text="Learn.", by=manager)
    services.action_add(
        recommendation=recommendation, organisation=agency_user.organisation, description="Train staff.",
        due_on=date(2026, 7, 1), by=manager,
    )  # fmt: skip
    home = text(sign_in(agency_user).get(reverse("staff-home")))
    assert "Action for Child A: Train staff." in home
    assert "Serious Incident Notification" not in home
    assert case.reference not in home


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_sending_the_notification_tells_the_statutory_partners_without_identifying_details(
    manager, reps, mailoutbox, django_capture_on_commit_callbacks
):
    for rep in reps:
        rep.organisation.email = f"safeguarding@{rep.organisation.pk}.example"
        rep.organisation.save()
    case = notify(
        refer(manager, reps[0].organisation, date(2026, 5, 28)), manager, date(2026, 5, 28), date(2026, 5, 29)
    )
    services.child_identity_record(child=case.children.get(), full_name="Real Name", by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(
            case=case, sent_on=date(2026, 6, 1), panel_reference="P-7", care_status="none", by=manager
        )
    [email] = mailoutbox
    assert sorted(email.to) == sorted(rep.organisation.email for rep in reps)
    assert "Panel reference P-7" in email.body and "by 22 June 2026" in email.body
    assert "Real Name" not in email.body
