"""Sign-off: each statutory partner by its own representative; nothing goes to the Panel before all three."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from partnership.errors import Refusal
from partnership.roles import Role
from reviews import services
from reviews.models import Case, SignOff
from tests.factories import UserFactory
from tests.reviews import factories as f

pytestmark = pytest.mark.django_db


def test_a_sign_off_by_the_wrong_partner_is_refused(reps):
    case = f.RapidReviewRecordedFactory()
    la_rep, police_rep, _ = reps
    with pytest.raises(Refusal, match="Only a statutory partner representative of London Borough"):
        services.rapid_review_sign_off(case=case, partner=la_rep.organisation, by=police_rep)
    assert not SignOff.objects.exists()


def test_a_partner_user_without_the_sign_off_right_is_refused(reps):
    case = f.RapidReviewRecordedFactory()
    member = UserFactory(organisation=reps[0].organisation, roles=[Role.REVIEW_GROUP_MEMBER])
    with pytest.raises(Refusal):
        services.rapid_review_sign_off(case=case, partner=member.organisation, by=member)
    assert not SignOff.objects.exists()


def test_the_rapid_review_cannot_go_to_the_panel_before_all_three_have_signed(reps):
    case = f.RapidReviewRecordedFactory()
    for rep in reps[:2]:
        services.rapid_review_sign_off(case=case, partner=rep.organisation, by=rep)
    before = Case.objects.get(pk=case.pk).version
    with pytest.raises(Refusal, match="signed off by North Central London Integrated Care Board"):
        services.rapid_review_send(case=case, sent_on=f.today(), by=f.a_manager())
    case = Case.objects.get(pk=case.pk)
    assert (case.stage, case.version, case.rapid_review.sent_on) == ("rapid_review", before, None)


def test_the_findings_cannot_change_once_signed_off(reps):
    case = f.RapidReviewSignedOffFactory()
    with pytest.raises(Refusal, match="cannot change"):
        services.rapid_review_record(
            case=case, meeting_on=case.rapid_review.meeting_on, facts="Changed.", by=f.a_manager()
        )
    assert Case.objects.get(pk=case.pk).rapid_review.facts == "Facts."
    assert SignOff.objects.count() == 3


def test_a_representative_sees_the_rapid_reviews_waiting_for_their_sign_off(reps, sign_in):
    from django.urls import reverse

    from tests.html import text

    case = f.RapidReviewRecordedFactory()
    la_rep, police_rep, _ = reps
    services.rapid_review_sign_off(case=case, partner=la_rep.organisation, by=la_rep)
    assert "Rapid reviews waiting for your sign-off" not in text(sign_in(la_rep).get(reverse("staff-home")))
    assert f"{case.reference}: Child A" in text(sign_in(police_rep).get(reverse("staff-home")))


def test_the_review_cannot_be_sent_before_the_last_sign_off(reps):
    case = f.RapidReviewSignedOffFactory()
    last = case.rapid_review.sign_offs.latest("signed_on").signed_on
    with pytest.raises(ValidationError, match="on or after the last sign-off"):
        services.rapid_review_send(case=case, sent_on=last - timedelta(days=1), by=f.a_manager())
    assert Case.objects.get(pk=case.pk).stage == "rapid_review"


def test_a_sign_off_dated_before_the_meeting_is_refused(reps):
    case = f.RapidReviewRecordedFactory()
    rep = reps[0]
    with pytest.raises(ValidationError, match="on or after the rapid review meeting"):
        services.rapid_review_sign_off(
            case=case, partner=rep.organisation, signed_on=case.rapid_review.meeting_on - timedelta(days=1), by=rep
        )
    assert not SignOff.objects.exists()
