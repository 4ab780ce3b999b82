"""Stage changes: each names the stages it may come from; a refused move saves nothing."""

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cdop import services
from cdop.models import ChildDeathCase, PanelAnalysis
from partnership.errors import Refusal
from partnership.locking import StaleEdit
from partnership.models import Deadline, StageChange
from tests.cdop.factories import AnalysisCompleteFactory, CaseNotifiedFactory, CasePanelFactory

pytestmark = pytest.mark.django_db
Stage = ChildDeathCase.Stage
ALL = list(Stage)

TRIAGE = {
    "borough": "camden",
    "death_expected": False,
    "jar_triggers": ["sudden", "suspicion"],
    "abuse_suspected": True,
    "coroner_involved": True,
    "post_mortem": "yes",
    "version": None,
}


def case_in(stage):
    return CaseNotifiedFactory(stage=stage, panel_summary="Summary")


@pytest.mark.parametrize("stage", ALL)
def test_triage_moves_a_notified_case_on_and_may_correct_later_decisions_only(stage, coordinator):
    case = case_in(stage)
    if stage in (Stage.NOTIFIED, Stage.GATHERING, Stage.REVIEW_MEETING):
        services.case_triage(case=case, **TRIAGE, by=coordinator)
        case.refresh_from_db()
        assert case.borough == "camden" and case.jar_needed
        assert case.stage == (Stage.GATHERING if stage == Stage.NOTIFIED else stage)
    else:
        with pytest.raises(Refusal):
            services.case_triage(case=case, **TRIAGE, by=coordinator)
        case.refresh_from_db()
        assert case.borough == "barnet" and not StageChange.objects.exists()


def test_triage_of_an_unexpected_death_starts_the_joint_agency_response_clocks(coordinator):
    with time_machine.travel("2026-11-13 09:00 +0000", tick=False):
        case = CaseNotifiedFactory(date_of_death=date(2026, 11, 12), time_of_death=time(22, 0))
        services.case_triage(case=case, **TRIAGE, by=coordinator)
    clocks = {d.kind: d.due_on for d in Deadline.objects.all()}
    assert clocks == {"cdop.jar_home_visit": date(2026, 11, 13), "cdop.jar_meeting": date(2026, 11, 14)}
    assert StageChange.objects.get().by == coordinator


def test_an_expected_death_needs_no_joint_agency_response(coordinator):
    case = CaseNotifiedFactory()
    services.case_triage(case=case, **{**TRIAGE, "death_expected": True}, by=coordinator)
    assert not case.jar_needed and not hasattr(case, "jar")


def test_recording_the_visit_and_meeting_meets_the_clocks(coordinator):
    with time_machine.travel("2026-11-12 09:00 +0000", tick=False):
        case = CaseNotifiedFactory(date_of_death=date(2026, 11, 11))
        services.case_triage(case=case, **TRIAGE, by=coordinator)
        visit = ChildDeathCase.objects.get(pk=case.pk).jar
        services.jar_record(
            jar=visit,
            home_visit_at=visit.case.notified_at,
            first_meeting_at=None,
            attended="Police; paediatrician",
            actions="Sibling safety plan",
            version=visit.version,
            by=coordinator,
        )
    met = {d.kind: d.met_on for d in Deadline.objects.all()}
    assert met == {"cdop.jar_home_visit": date(2026, 11, 12), "cdop.jar_meeting": None}


def test_a_stale_edit_is_refused_and_saves_nothing(coordinator):
    case = CaseNotifiedFactory()
    with pytest.raises(StaleEdit):
        services.case_triage(case=case, **{**TRIAGE, "version": case.version - 1 + 5}, by=coordinator)
    case.refresh_from_db()
    assert case.stage == Stage.NOTIFIED


@pytest.mark.parametrize("stage", ALL)
def test_send_to_panel_only_from_gathering_or_review_meeting(stage, coordinator):
    case = case_in(stage)
    if stage in (Stage.GATHERING, Stage.REVIEW_MEETING):
        services.case_send_to_panel(case=case, by=coordinator)
        assert ChildDeathCase.objects.get(pk=case.pk).stage == Stage.PANEL
        assert PanelAnalysis.objects.filter(case=case).exists()
    else:
        with pytest.raises(Refusal):
            services.case_send_to_panel(case=case, by=coordinator)
        assert ChildDeathCase.objects.get(pk=case.pk).stage == stage
        assert not StageChange.objects.exists()


def test_the_panel_needs_an_anonymised_summary_first(coordinator):
    case = CaseNotifiedFactory(stage=Stage.GATHERING)
    with pytest.raises(ValidationError, match="panel summary"):
        services.case_send_to_panel(case=case, by=coordinator)
    assert ChildDeathCase.objects.get(pk=case.pk).stage == Stage.GATHERING
    assert not StageChange.objects.exists()


@pytest.mark.parametrize("stage", ALL)
def test_close_only_from_the_panel(stage, coordinator):
    case = case_in(stage)
    AnalysisCompleteFactory(case=case)
    if stage == Stage.PANEL:
        services.case_close(case=case, by=coordinator)
        assert ChildDeathCase.objects.get(pk=case.pk).stage == Stage.CLOSED
    else:
        with pytest.raises(Refusal):
            services.case_close(case=case, by=coordinator)
        assert ChildDeathCase.objects.get(pk=case.pk).stage == stage


def test_a_case_closes_only_when_the_analysis_is_complete(coordinator):
    case = CasePanelFactory()
    with pytest.raises(ValidationError, match="category of death"):
        services.case_close(case=case, by=coordinator)
    case.refresh_from_db()
    assert case.stage == Stage.PANEL and case.closed_on is None
    assert not StageChange.objects.filter(to_stage=Stage.CLOSED).exists()


def test_modifiable_factors_need_reasons(coordinator):
    case = CasePanelFactory(analysis=None)
    analysis = AnalysisCompleteFactory(case=case, modifiable_reasons="")
    assert analysis.missing() == ["reasons the factors are modifiable"]


def test_meetings_move_a_gathering_case_to_the_review_meeting(coordinator):
    case = CaseNotifiedFactory(stage=Stage.GATHERING)
    services.case_meetings_record(
        case=case,
        review_meeting_on=date(2026, 12, 1),
        panel_summary="",
        version=None,
        by=coordinator,
    )
    assert ChildDeathCase.objects.get(pk=case.pk).stage == Stage.REVIEW_MEETING


def test_refer_needs_abuse_or_neglect_suspected(coordinator):
    case = CaseNotifiedFactory(stage=Stage.GATHERING, abuse_suspected=False)
    with pytest.raises(Refusal):
        services.case_refer_for_consideration(case=case, by=coordinator)
    assert ChildDeathCase.objects.get(pk=case.pk).referral_reference == ""


def test_suspected_abuse_is_referred_as_a_case_for_consideration_with_the_pseudonym_only(coordinator):
    from reviews.models import Case, Child

    case = CaseNotifiedFactory(stage=Stage.GATHERING, abuse_suspected=True)
    services.case_refer_for_consideration(case=case, by=coordinator)
    case.refresh_from_db()
    referred = Case.objects.get()
    assert case.referral_reference == referred.reference and case.referred_on is not None
    assert [child.pseudonym for child in Child.objects.filter(case=referred)] == [case.pseudonym]
    assert "Secretname" not in referred.summary and "Hiddensurname" not in referred.summary
    with pytest.raises(Refusal, match="already"):
        services.case_refer_for_consideration(case=case, by=coordinator)


def test_two_coordinators_sending_the_same_case_to_the_panel_one_is_refused(coordinator):
    case = case_in(Stage.GATHERING)
    seen_by_the_other = ChildDeathCase.objects.get(pk=case.pk)
    services.case_send_to_panel(case=case, by=coordinator)
    with pytest.raises(Refusal, match="“With the panel”"):
        services.case_send_to_panel(case=seen_by_the_other, by=coordinator)
    assert StageChange.objects.filter(to_stage=Stage.PANEL).count() == 1
