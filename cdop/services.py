"""Every write of the CDOP app: notification, immediate decisions, the Joint Agency Response, meetings, the
panel's analysis and closing. Form B requests are in `cdop.services_form_b`."""

import secrets
import string
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cdop.choices import age_band
from cdop.models import CaseStageLog, ChildDeathCase, ChildIdentity, JointAgencyResponse, PanelAnalysis
from cdop.permissions import MANAGE_CASES
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import check_version
from partnership.models import User
from partnership.notify import email_on_commit
from partnership.roles import Role
from partnership.services import deadline_cancel, deadline_meet, deadline_open

Stage = ChildDeathCase.Stage
IDENTITY_FIELDS = ["first_name", "last_name", "date_of_birth", "nhs_number", "address", "gp", "parental_responsibility"]
TRIAGE = "cdop.triage"
JAR_HOME_VISIT = "cdop.jar_home_visit"
JAR_MEETING = "cdop.jar_meeting"


def _move(case: ChildDeathCase, *, to: str, allowed: list[str], by: User | None) -> None:
    if case.stage not in allowed:
        raise Refusal(
            f"This case is {case.get_stage_display().lower()}: it cannot move to {Stage(to).label.lower()} from there."
        )
    CaseStageLog.objects.create(case=case, from_stage=case.stage, to_stage=to, by=by)
    case.stage = to


def _pseudonym() -> str:
    while True:
        candidate = "Child " + "".join(secrets.choice(string.ascii_uppercase) for _ in range(2))
        candidate += str(100 + secrets.randbelow(900))
        if not ChildDeathCase.objects.filter(pseudonym=candidate).exists():
            return candidate


def coordinator_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.CDOP_COORDINATOR.label).values_list("email", flat=True)
    )


@transaction.atomic
def notification_submit(*, answers: dict) -> ChildDeathCase:
    """A professional's notification (no account): the case, its identity record apart, and an alert to the
    coordinator that carries the reference only, never the answers."""
    identity_values = {name: answers[name] for name in IDENTITY_FIELDS}
    case_values = {name: value for name, value in answers.items() if name not in IDENTITY_FIELDS}
    case = ChildDeathCase(
        **case_values,
        reference=secrets.token_hex(8),
        pseudonym=_pseudonym(),
        age_band=age_band(answers["date_of_birth"], answers["date_of_death"]),
    )
    identity = ChildIdentity(case=case, **identity_values)
    identity.full_clean(exclude=["case"])
    case.full_clean()
    case.save()
    case.reference = f"CDOP-{case.notified_at:%Y}-{case.pk:05d}"
    ChildDeathCase.objects.filter(pk=case.pk).update(reference=case.reference)
    identity.case = case
    identity.save()
    CaseStageLog.objects.create(case=case, to_stage=Stage.NOTIFIED, by=None)
    deadline_open(
        subject=case,
        kind=TRIAGE,
        title=f"Make the immediate decisions on {case.reference}",
        due_on=timezone.localdate(),
        audience_permission=MANAGE_CASES,
    )
    email_on_commit(
        to=coordinator_emails(),
        subject=f"Child death notification {case.reference}",
        template="cdop/email/notification_submit.txt",
        context={"reference": case.reference, "link": absolute_url(case.get_absolute_url())},
    )
    return case


def _clock(start: datetime, hours: int) -> date:
    return timezone.localtime(start + timedelta(hours=hours)).date()


@transaction.atomic
def case_triage(
    *,
    case: ChildDeathCase,
    borough: str,
    death_expected: bool,
    jar_triggers: list[str],
    abuse_suspected: bool,
    coroner_involved: bool,
    post_mortem: str,
    version: int | None,
    by: User,
) -> ChildDeathCase:
    """The immediate decisions. The first time, the case moves from notified to gathering information; later
    they may be corrected until the panel has the case. A Joint Agency Response is needed for an unexpected
    death meeting any trigger; its home visit and first meeting clocks start from the notification."""
    check_version(case, version)
    if case.stage == Stage.NOTIFIED:
        _move(case, to=Stage.GATHERING, allowed=[Stage.NOTIFIED], by=by)
        case.triaged_on, case.triaged_by = timezone.now(), by
    elif case.stage not in (Stage.GATHERING, Stage.REVIEW_MEETING):
        raise Refusal("The immediate decisions can no longer be changed: the panel has this case.")
    case.borough, case.death_expected, case.jar_triggers = borough, death_expected, list(jar_triggers)
    case.abuse_suspected, case.coroner_involved, case.post_mortem = abuse_suspected, coroner_involved, post_mortem
    case.jar_needed = not death_expected and bool(jar_triggers)
    case.full_clean()
    case.save()
    deadline_meet(subject=case, kind=TRIAGE, by=by)
    if case.jar_needed:
        jar, created = JointAgencyResponse.objects.get_or_create(case=case)
        if created:
            _jar_clocks(case, jar)
    elif hasattr(case, "jar"):
        deadline_cancel(subject=case.jar)
    return case


def _jar_clocks(case: ChildDeathCase, jar: JointAgencyResponse) -> None:
    for kind, hours, title in [
        (JAR_HOME_VISIT, settings.CDOP_JAR_HOME_VISIT_HOURS, "Joint Agency Response home visit"),
        (JAR_MEETING, settings.CDOP_JAR_MEETING_HOURS, "Joint Agency Response first meeting"),
    ]:
        deadline_open(
            subject=jar,
            kind=kind,
            title=f"{title} for {case.reference}",
            due_on=_clock(case.notified_at, hours),
            audience_permission=MANAGE_CASES,
        )


@transaction.atomic
def jar_record(
    *,
    jar: JointAgencyResponse,
    home_visit_at: datetime | None,
    first_meeting_at: datetime | None,
    attended: str,
    actions: str,
    version: int | None,
    by: User,
) -> JointAgencyResponse:
    check_version(jar, version)
    if jar.case.stage == Stage.CLOSED:
        raise Refusal("This case is closed.")
    jar.home_visit_at, jar.first_meeting_at, jar.attended, jar.actions = (
        home_visit_at,
        first_meeting_at,
        attended,
        actions,
    )
    jar.full_clean()
    jar.save()
    if home_visit_at:
        deadline_meet(subject=jar, kind=JAR_HOME_VISIT, by=by, on=timezone.localtime(home_visit_at).date())
    if first_meeting_at:
        deadline_meet(subject=jar, kind=JAR_MEETING, by=by, on=timezone.localtime(first_meeting_at).date())
    return jar


@transaction.atomic
def case_refer_for_consideration(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    """Abuse or neglect suspected: refer the case as a serious incident "case for consideration", carrying the
    pseudonym only."""
    if not case.abuse_suspected:
        raise Refusal("Only a case where abuse or neglect is suspected can be referred.")
    if case.referral_reference:
        raise Refusal("This case has already been referred.")
    if case.stage == Stage.CLOSED:
        raise Refusal("This case is closed.")
    from reviews import services as reviews_services

    referred = reviews_services.case_for_consideration_refer(
        referring_organisation=by.organisation,
        referred_on=timezone.localdate(),
        children=[case.pseudonym],
        summary=f"Child death {case.reference} ({case.pseudonym}): abuse or neglect suspected.",
        by=by,
    )
    case.referral_reference = str(getattr(referred, "reference", "") or referred.pk)[:60]
    case.referred_on = timezone.localdate()
    case.save(update_fields=["referral_reference", "referred_on", "version"])
    return case


@transaction.atomic
def case_meetings_record(
    *,
    case: ChildDeathCase,
    review_meeting_on: date | None,
    panel_meeting_on: date | None,
    panel_summary: str,
    version: int | None,
    by: User,
) -> ChildDeathCase:
    """Meeting dates and the anonymised panel summary. Setting the review meeting date of a case gathering
    information moves it to the review meeting stage."""
    check_version(case, version)
    if case.stage in (Stage.NOTIFIED, Stage.CLOSED):
        raise Refusal("Meetings are recorded once the immediate decisions are made and until closing.")
    if review_meeting_on and case.stage == Stage.GATHERING:
        _move(case, to=Stage.REVIEW_MEETING, allowed=[Stage.GATHERING], by=by)
    case.review_meeting_on, case.panel_meeting_on, case.panel_summary = (
        review_meeting_on,
        panel_meeting_on,
        panel_summary,
    )
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def case_send_to_panel(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    _move(case, to=Stage.PANEL, allowed=[Stage.GATHERING, Stage.REVIEW_MEETING], by=by)
    if not case.panel_summary.strip():
        raise ValidationError("Write the anonymised panel summary before the panel has the case.")
    case.save()
    PanelAnalysis.objects.get_or_create(case=case)
    return case


@transaction.atomic
def analysis_record(*, analysis: PanelAnalysis, values: dict, themes, version: int | None, by: User) -> PanelAnalysis:
    check_version(analysis, version)
    if analysis.case.stage != Stage.PANEL:
        raise Refusal("The analysis is recorded while the panel has the case.")
    for name, value in values.items():
        setattr(analysis, name, value)
    analysis.recorded_at, analysis.recorded_by = timezone.now(), by
    analysis.full_clean()
    analysis.save()
    analysis.themes.set(themes)
    return analysis


@transaction.atomic
def case_close(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    """The case closes when the panel's analysis is complete; any clock still running stops."""
    _move(case, to=Stage.CLOSED, allowed=[Stage.PANEL], by=by)
    analysis = PanelAnalysis.objects.filter(case=case).first()
    missing = analysis.missing() if analysis else ["the analysis"]
    if missing:
        raise ValidationError("The analysis is not complete. Still needed: " + ", ".join(missing) + ".")
    case.closed_on, case.closed_by = timezone.now(), by
    case.save()
    deadline_cancel(subject=case)
    for request in case.form_b_requests.all():
        deadline_cancel(subject=request)
    if hasattr(case, "jar"):
        deadline_cancel(subject=case.jar)
    return case


def case_link(case: ChildDeathCase) -> str:
    return absolute_url(reverse("cdop-case", args=[case.pk]))
