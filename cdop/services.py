"""Every write of the CDOP app: notification, immediate decisions, the Joint Agency Response, meetings, the
panel's analysis and closing. Form B requests are in `cdop.services_form_b`."""

import secrets
import string
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cdop.choices import Borough, age_band
from cdop.death_dates import after_death_problem
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
from cdop.services_duplicates import open_case_matching
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import check_version
from partnership.models import Organisation, User
from partnership.references import next_reference
from partnership.roles import Role
from partnership.services import deadline_cancel, deadline_open, deadline_remeet
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
MATCHED_ON = ["nhs_number", "first_name", "last_name", "date_of_birth"]
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
    coordinator that carries the reference only, never the answers, and a confirmation to the notifier (the
    reference and what happens next). A notification matching an open case is flagged as a possible duplicate.
    The triage clock runs from today."""
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
    matched_on = {name: identity_values[name] for name in MATCHED_ON}
    case.possible_duplicate_of = open_case_matching(**matched_on, date_of_death=case.date_of_death)
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
    cdop_email(
        to=[case.notifier_email],
        subject=f"Your child death notification {case.reference}",
        template="cdop/email/notification_received.txt",
        context={"reference": case.reference, "hours": settings.CDOP_NOTIFICATION_HOURS},
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
    local_authority: str = "",
) -> ChildDeathCase:
    """The immediate decisions. The first time, the case moves from notified to gathering information; later
    they may be corrected until the panel has the case. A Joint Agency Response is needed for an unexpected
    death meeting any trigger; its home visit and first meeting clocks run from the death (or from when it became
    known, when later). When abuse or neglect is first suspected, children's social care and the police are told."""
    values = {
        "borough": borough,
        "local_authority": local_authority if borough == Borough.OUTSIDE else "",
        "death_expected": death_expected,
        "jar_triggers": list(jar_triggers),
        "abuse_suspected": abuse_suspected,
        "coroner_involved": coroner_involved,
        "post_mortem": post_mortem,
        "jar_needed": not death_expected and bool(jar_triggers),
    }
    newly_suspected = abuse_suspected and not case.abuse_suspected
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
    if newly_suspected:
        safeguarding_partners_tell(case)
    return case


def safeguarding_partners_tell(case: ChildDeathCase) -> None:
    """Abuse or neglect suspected: children's social care and the police (the active statutory partners of those
    types with a mailbox) are told, with the reference only."""
    to = list(
        Organisation.objects.filter(
            is_active=True,
            is_statutory_partner=True,
            type__in=[Organisation.Type.LOCAL_AUTHORITY, Organisation.Type.POLICE],
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if to:
        cdop_email(
            to=to,
            subject=f"Child death {case.reference}: abuse or neglect suspected",
            template="cdop/email/abuse_suspected.txt",
            context={"reference": case.reference},
        )


def _set(record, values: dict, **more) -> None:
    for name, value in {**values, **more}.items():
        setattr(record, name, value)


def jar_due_dates(case: ChildDeathCase) -> dict[str, date]:
    """When the home visit and the first meeting are due: hours from the death, or from when it became known
    when that is later."""
    return {
        JAR_HOME_VISIT: _clock(case.clocks_from(), settings.CDOP_JAR_HOME_VISIT_HOURS),
        JAR_MEETING: _clock(case.clocks_from(), settings.CDOP_JAR_MEETING_HOURS),
    }


def _jar_clocks(case: ChildDeathCase, jar: JointAgencyResponse) -> None:
    for kind, due_on in jar_due_dates(case).items():
        clock = CHILD_DEATH_CASE_STAGES.clock(kind)
        deadline_open(
            subject=jar,
            kind=kind,
            title=clock.title.format(subject=jar),
            due_on=due_on,
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
    """The Joint Agency Response, until the case closes (the case's row is locked meanwhile). The visit and the
    meeting come after the death; recording one meets its clock, correcting its date moves the "met" date, and
    clearing it reopens the clock."""
    case = lock(jar.case, stages=OPEN_CASE, doing="record the Joint Agency Response")
    check_version(jar, version)
    problems = {
        field: after_death_problem(what, when, case.died_at())
        for field, what, when in [
            ("home_visit_at", "The home or scene visit", home_visit_at),
            ("first_meeting_at", "The first multi-agency meeting", first_meeting_at),
        ]
    }
    problems = {field: problem for field, problem in problems.items() if problem}
    if problems:
        raise ValidationError(problems)
    jar = JointAgencyResponse.objects.get(pk=jar.pk)
    jar.home_visit_at, jar.first_meeting_at, jar.attended, jar.actions = (
        home_visit_at,
        first_meeting_at,
        attended,
        actions,
    )
    jar.full_clean()
    jar.save()
    for kind, when in [(JAR_HOME_VISIT, home_visit_at), (JAR_MEETING, first_meeting_at)]:
        deadline_remeet(subject=jar, kind=kind, by=by, on=when and timezone.localtime(when).date())
    return jar


@transaction.atomic
def case_refer_for_consideration(*, case: ChildDeathCase, by: User) -> ChildDeathCase:
    """Abuse or neglect suspected in the death of a child who lived in Barnet: refer it to the partnership as a
    serious incident "case for consideration" with the facts (abuse or neglect suspected, the child died, in
    Barnet), the pseudonym only, and a link both ways; the partnership managers are told. A child who lived
    elsewhere is for their own area's safeguarding partnership."""
    case = lock(case, stages=OPEN_CASE, doing="refer the case")
    if not case.abuse_suspected:
        raise Refusal("Only a case where abuse or neglect is suspected can be referred.")
    if case.referral_reference or case.consideration_case_id:
        raise Refusal("This case has already been referred.")
    if case.borough != Borough.BARNET:
        place = case.residence()
        raise Refusal(f"This child lived in {place}: refer to the {place} safeguarding partnership instead.")
    from reviews import services as reviews_services

    referred = reviews_services.case_for_consideration_refer(
        referring_organisation=by.organisation,
        referred_on=timezone.localdate(),
        children=[case.pseudonym],
        summary=f"Referred from child death review {case.reference} ({case.pseudonym}): the child died and abuse "
        "or neglect is suspected.",
        by=by,
        abuse_or_neglect=True,
        death_or_serious_harm=True,
        in_area=True,
    )
    case.consideration_case = referred
    case.referral_reference = referred.reference
    case.referred_on = timezone.localdate()
    case.save(update_fields=["consideration_case", "referral_reference", "referred_on", "version"])
    managers = User.objects.filter(is_active=True, groups__name=Role.PARTNERSHIP_MANAGER.label)
    cdop_email(
        to=list(managers.values_list("email", flat=True)),
        subject=f"Serious incident case for consideration {referred.reference} from child death {case.reference}",
        template="cdop/email/referral.txt",
        context={
            "reference": case.reference,
            "referral": referred.reference,
            "link": absolute_url(referred.get_absolute_url()),
        },
    )
    return case


@transaction.atomic
def case_meetings_record(
    *,
    case: ChildDeathCase,
    review_meeting_on: date | None,
    panel_summary: str,
    version: int | None,
    by: User,
) -> ChildDeathCase:
    """The review meeting date and the anonymised panel summary. Setting the review meeting date of a case
    gathering information moves it to the review meeting stage. The panel meeting date follows the panel meetings
    the case is on (`cdop.services_panel`)."""
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
