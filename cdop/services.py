"""Every write of the CDOP app: notification, immediate decisions, the Joint Agency Response, meetings, the
panel's analysis and closing. Form B requests are in `cdop.services_form_b`."""

import secrets
import string
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cdop.choices import age_band
from cdop.emails import cdop_email
from cdop.models import (
    CHILD_DEATH_CASE_STAGES,
    JAR_HOME_VISIT,
    JAR_MEETING,
    OPEN_STAGES,
    TRIAGE,
    ChildDeathCase,
    ChildIdentity,
    FormBRequest,
    JointAgencyResponse,
    PanelAnalysis,
)
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import check_version
from partnership.models import User
from partnership.references import next_reference
from partnership.roles import Role
from partnership.services import deadline_cancel, deadline_meet, deadline_open
from partnership.workflow import advance, lock, start

Stage = ChildDeathCase.Stage
IDENTITY_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "nhs_number",
    "address",
    "postcode",
    "gp",
    "parental_responsibility",
]
OPEN_CASE = (Stage.GATHERING, Stage.REVIEW_MEETING, Stage.PANEL)


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
    coordinator that carries the reference only, never the answers. The triage clock runs from today."""
    identity_values = {name: answers[name] for name in IDENTITY_FIELDS}
    case_values = {name: value for name, value in answers.items() if name not in IDENTITY_FIELDS}
    notified_at = timezone.now()
    case = ChildDeathCase(
        **case_values,
        notified_at=notified_at,
        reference=next_reference(ChildDeathCase, "CDOP", timezone.localtime(notified_at).year),
        pseudonym=_pseudonym(),
        age_band=age_band(answers["date_of_birth"], answers["date_of_death"]),
    )
    identity = ChildIdentity(case=case, **identity_values)
    identity.full_clean(exclude=["case"])
    case.full_clean()
    case.save()
    identity.case = case
    identity.save()
    start(case, "notify", by=None, due={TRIAGE: timezone.localdate()})
    cdop_email(
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
    values = {
        "borough": borough,
        "death_expected": death_expected,
        "jar_triggers": list(jar_triggers),
        "abuse_suspected": abuse_suspected,
        "coroner_involved": coroner_involved,
        "post_mortem": post_mortem,
        "jar_needed": not death_expected and bool(jar_triggers),
    }
    if case.stage == Stage.NOTIFIED:
        with advance(case, "triage", by=by, version=version) as case:
            _set(case, values, triaged_on=timezone.now(), triaged_by=by)
    else:
        stages = (Stage.GATHERING, Stage.REVIEW_MEETING)
        case = lock(case, version=version, stages=stages, doing="change the immediate decisions")
        _set(case, values)
        case.full_clean()
        case.save()
    if case.jar_needed:
        jar, created = JointAgencyResponse.objects.get_or_create(case=case)
        if created:
            _jar_clocks(case, jar)
    elif hasattr(case, "jar"):
        deadline_cancel(subject=case.jar)
    return case


def _set(record, values: dict, **more) -> None:
    for name, value in {**values, **more}.items():
        setattr(record, name, value)


def _jar_clocks(case: ChildDeathCase, jar: JointAgencyResponse) -> None:
    for kind, hours in [
        (JAR_HOME_VISIT, settings.CDOP_JAR_HOME_VISIT_HOURS),
        (JAR_MEETING, settings.CDOP_JAR_MEETING_HOURS),
    ]:
        clock = CHILD_DEATH_CASE_STAGES.clock(kind)
        deadline_open(
            subject=jar,
            kind=kind,
            title=clock.title.format(subject=jar),
            due_on=_clock(case.notified_at, hours),
            audience_permission=clock.audience,
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
    """The Joint Agency Response, until the case closes (the case's row is locked meanwhile)."""
    lock(jar.case, stages=OPEN_CASE, doing="record the Joint Agency Response")
    check_version(jar, version)
    jar = JointAgencyResponse.objects.get(pk=jar.pk)
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
    case = lock(case, stages=OPEN_CASE, doing="refer the case")
    if not case.abuse_suspected:
        raise Refusal("Only a case where abuse or neglect is suspected can be referred.")
    if case.referral_reference:
        raise Refusal("This case has already been referred.")
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
    panel_summary: str,
    version: int | None,
    by: User,
    panel_meeting_on: date | None = None,
) -> ChildDeathCase:
    """The review meeting date and the anonymised panel summary. Setting the review meeting date of a case
    gathering information moves it to the review meeting stage. The panel meeting date follows the panel meetings
    the case is on (`cdop.services_panel`); `panel_meeting_on` is accepted and ignored, for older callers."""
    values = {"review_meeting_on": review_meeting_on, "panel_summary": panel_summary}
    if review_meeting_on and case.stage == Stage.GATHERING:
        with advance(case, "set_review_meeting", by=by, version=version) as case:
            _set(case, values)
        return case
    case = lock(case, version=version, stages=OPEN_CASE, doing="record the meetings")
    _set(case, values)
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def case_send_to_panel(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    """The panel has the case once its anonymised summary is written; its analysis starts empty."""
    with advance(case, "send_to_panel", by=by) as case:
        if not case.panel_summary.strip():
            raise Refusal("Write the anonymised panel summary before the panel has the case.")
    PanelAnalysis.objects.get_or_create(case=case)
    return case


@transaction.atomic
def analysis_record(*, analysis: PanelAnalysis, values: dict, themes, version: int | None, by: User) -> PanelAnalysis:
    """The panel's analysis, while the panel has the case (the case's row is locked, so it cannot close meanwhile)."""
    lock(analysis.case, stages=(Stage.PANEL,), doing="record the panel's analysis")
    check_version(analysis, version)
    analysis = PanelAnalysis.objects.get(pk=analysis.pk)
    _set(analysis, values, recorded_at=timezone.now(), recorded_by=by)
    analysis.full_clean()
    analysis.save()
    analysis.themes.set(themes)
    return analysis


@transaction.atomic
def _withdraw_as_closed(form_b: FormBRequest, *, by: User) -> None:
    """The request is no longer needed: withdrawn through its machine, its link kept so that its holder is told
    the case has closed (`services_form_b.FormBNoLongerNeeded`) rather than that the link is broken."""
    with advance(form_b, "withdraw", by=by, note="The case closed") as form_b:
        form_b.revoked_at = timezone.now()


def case_close(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    """The case closes when the panel's analysis is complete; any clock still running stops and each open Form B
    request is withdrawn."""
    with advance(case, "close", by=by) as case:
        analysis = PanelAnalysis.objects.filter(case=case).first()
        missing = analysis.missing() if analysis else ["the analysis"]
        if missing:
            raise Refusal("The analysis is not complete. Still needed: " + ", ".join(missing) + ".")
        case.closed_on, case.closed_by = timezone.now(), by
    deadline_cancel(subject=case)
    for form_b in case.form_b_requests.filter(stage__in=OPEN_STAGES):
        _withdraw_as_closed(form_b, by=by)
    for form_b in case.form_b_requests.all():
        deadline_cancel(subject=form_b)
    if hasattr(case, "jar"):
        deadline_cancel(subject=case.jar)
    return case
