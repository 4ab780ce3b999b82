"""Synthetic child deaths at scale for the benchmark (`manage.py make_scale_data`, through the app's
`scale_data_loader`). Never used by the demo.

The records are as the services would have left them, written in bulk (no service call or query per row): cases
notified over ten years, most closed with their analysis, a few open at every stage (a notified one with its
triage clock); about ten Form Bs a case, mostly submitted, the open ones with their due clock and the reminders
already sent; panel meetings with their agendas and members; the people in the GP practices and hospitals of the
directory. The change history is written by the database's triggers, as for any other insert.

Synthetic references start `SCALE-CDOP-`, which the real sequence (`CDOP-<year>-<n>`, `partnership.references`)
can never reach; the loader counts what it made before and tops up to the plan, so a second run adds nothing.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cdop.choices import AGE_BANDS, SUDI_AGE_BANDS, Borough, Category, Ethnicity, ModeOfDeath, PostMortem, Sex
from cdop.models import (
    CHILD_DEATH_CASE_STAGES,
    FORM_B_DUE,
    FORM_B_REQUEST_STAGES,
    TRIAGE,
    ChildDeathCase,
    ChildIdentity,
    FormBReminder,
    FormBRequest,
    PanelAgendaItem,
    PanelAnalysis,
    PanelMeeting,
)
from partnership.copying import copy_objects
from partnership.models import Contact, Deadline, Organisation, User
from partnership.roles import Role

BATCH = 5000
PREFIX = "SCALE-CDOP-"
PLACE = "Scale panel room"
DIRECTORY_PREFIX = "Scale directory"
DIRECTORY_TYPES = (Organisation.Type.GP_PRACTICE, Organisation.Type.HOSPITAL)
DAYS = 3650  # ten years
PANEL_SIZE = 12
SYNTHETIC_COORDINATOR = "scale.cdop.coordinator@example.invalid"
Stage = ChildDeathCase.Stage
FormB = FormBRequest.Stage
# An age in days inside each band, for the date of birth.
AGE_AT_DEATH = {"0-27d": 10, "28-364d": 120, "1-4y": 900, "5-9y": 2500, "10-14y": 4400, "15-17y": 6000}


def load(plan, stdout) -> None:
    """Top up to the plan's child deaths (with their Form Bs) and panel meetings: safe to run again."""
    started = time.monotonic()
    by = _coordinator()
    organisations = _directory(plan, stdout)
    cases, form_bs = make_cases(plan.child_deaths, plan.form_bs, organisations=organisations, by=by)
    stdout.write(f"  {cases:,} child deaths, {form_bs:,} Form Bs ({time.monotonic() - started:.0f} s)")
    meetings = make_meetings(plan.panel_meetings, by=by)
    stdout.write(f"  {meetings:,} panel meetings with their agendas ({time.monotonic() - started:.0f} s)")


def _coordinator() -> User:
    """Who sent the requests and closed the cases: a CDOP coordinator (the demo's), or a synthetic one."""
    found = User.objects.filter(groups__name=Role.CDOP_COORDINATOR.label).order_by("pk").first()
    found = found or User.objects.filter(email=SYNTHETIC_COORDINATOR).first()
    return found or User.objects.create_user(email=SYNTHETIC_COORDINATOR, first_name="Scale", last_name="CDOP")


def _directory(plan, stdout) -> list[Organisation]:
    """GP practices and hospitals (the directory's own when the plan's are not there yet), each with two people
    whom Form Bs go to. Organisations already with people keep them."""
    wanted = max(plan.organisations // 4, 2)
    held = Organisation.objects.filter(type__in=DIRECTORY_TYPES).count()
    made = Organisation.objects.filter(name__startswith=DIRECTORY_PREFIX).count()
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"{DIRECTORY_PREFIX} {'hospital' if n % 5 == 0 else 'GP practice'} {n:06d}",
                type=Organisation.Type.HOSPITAL if n % 5 == 0 else Organisation.Type.GP_PRACTICE,
                area=Borough.choices[n % 5][1],
                is_member=False,
            )
            for n in range(made, made + max(wanted - held, 0))
        ),
        batch_size=BATCH,
    )
    organisations = list(Organisation.objects.filter(type__in=DIRECTORY_TYPES, is_active=True).order_by("pk"))
    lacking = set(
        Organisation.objects.filter(type__in=DIRECTORY_TYPES, contacts__isnull=True).values_list("pk", flat=True)
    )
    without = [org for org in organisations if org.pk in lacking]
    Contact.objects.bulk_create(
        (
            Contact(
                organisation=org,
                name=f"{role.split()[0]} {org.pk}",
                role=role,
                email=f"{role.split()[0].lower()}.{org.pk}@scale.example.invalid",
            )
            for org in without
            for role in ("Safeguarding lead", "Named doctor")
        ),
        batch_size=BATCH,
    )
    stdout.write(f"  {len(organisations):,} GP practices and hospitals, {2 * len(without):,} people added")
    return organisations


def _stage_for(age: int, pick: float) -> str:
    """A case's stage by how long ago it was notified: recent ones open at every stage, old ones closed (a few
    merged duplicates, a few still with the panel)."""
    if age < 3:
        return Stage.NOTIFIED
    if age < 90:
        return Stage.GATHERING if pick < 0.7 else Stage.REVIEW_MEETING if pick < 0.9 else Stage.MERGED
    if age < 240:
        return Stage.REVIEW_MEETING if pick < 0.3 else Stage.PANEL if pick < 0.7 else Stage.CLOSED
    if pick < 0.01:
        return Stage.MERGED
    return Stage.PANEL if pick < 0.03 else Stage.CLOSED


def _moment(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock_time(hour)))


def make_cases(deaths: int, form_bs: int, *, organisations: list[Organisation], by: User) -> tuple[int, int]:
    """Top up the synthetic cases to `deaths`, the new ones with about `form_bs / deaths` Form Bs each."""
    existing = ChildDeathCase.objects.filter(reference__startswith=PREFIX).count()
    count = max(deaths - existing, 0)
    if not count or not organisations:
        return 0, 0
    per_case = form_bs / max(deaths, 1)
    contacts = _contacts_by_organisation()
    made_form_bs = 0
    for offset in range(0, count, BATCH):
        numbers = range(existing + offset, existing + min(offset + BATCH, count))
        made_form_bs += _batch(numbers, deaths, per_case, organisations, contacts, by)
    return count, made_form_bs


def _contacts_by_organisation() -> dict[int, tuple[str, str]]:
    people = {}
    for organisation_id, name, email in Contact.objects.filter(is_active=True).values_list(
        "organisation_id", "name", "email"
    ):
        people.setdefault(organisation_id, (name, email))
    return people


def _batch(numbers, deaths, per_case, organisations, contacts, by) -> int:
    today = timezone.localdate()
    now = timezone.now()
    cases, duplicates = [], []
    for n in numbers:
        rng = random.Random(n)  # noqa: S311 (synthetic data, the same on every run)
        age = int(DAYS * (deaths - n) / deaths)  # the oldest first: the number rises with the notification date
        notified_on = today - timedelta(days=age)
        stage = _stage_for(age, rng.random())
        died_on = notified_on - timedelta(days=rng.randint(0, 2))
        expected = rng.random() < 0.6
        case = ChildDeathCase(
            reference=f"{PREFIX}{n:07d}",
            pseudonym=f"Scale child {n:07d}",
            stage=stage,
            borough=Borough.values[n % len(Borough.values)],
            local_authority="Hertfordshire" if Borough.values[n % len(Borough.values)] == Borough.OUTSIDE else "",
            sex=Sex.values[n % 2],
            ethnicity=Ethnicity.values[n % len(Ethnicity.values)],
            age_band=AGE_BANDS[n % len(AGE_BANDS)][0],
            date_of_death=died_on,
            place_of_death="Hospital",
            death_expected=None if stage == Stage.NOTIFIED else expected,
            post_mortem=PostMortem.values[n % len(PostMortem.values)],
            circumstances="Synthetic case for the benchmark.",
            notifier_name="Scale notifier",
            notifier_role="Paediatrician",
            notifier_organisation="Scale hospital",
            notifier_email="notifier@scale.example.invalid",
            notified_at=_moment(notified_on, 9 + n % 8),
        )
        if stage != Stage.NOTIFIED:
            case.jar_needed = not expected and rng.random() < 0.5
            case.abuse_suspected = False
            case.coroner_involved = not expected
            case.triaged_on, case.triaged_by = _moment(notified_on + timedelta(days=1), 10), by
        if stage in (Stage.REVIEW_MEETING, Stage.PANEL, Stage.CLOSED):
            case.review_meeting_on = notified_on + timedelta(days=60)
            case.panel_summary = "Anonymised synthetic summary."
        if stage in (Stage.PANEL, Stage.CLOSED):
            case.panel_meeting_on = notified_on + timedelta(days=150)
            case.mode_of_death = ModeOfDeath.values[n % len(ModeOfDeath.values)]
        if stage == Stage.CLOSED:
            case.closed_on, case.closed_by = _moment(min(notified_on + timedelta(days=180), today), 16), by
        (duplicates if stage == Stage.MERGED else cases).append(case)
    copy_objects(ChildDeathCase, cases)
    for index, duplicate in enumerate(duplicates):  # merged into the case notified just before it
        duplicate.merged_into = duplicate.possible_duplicate_of = cases[min(index, len(cases) - 1)] if cases else None
        duplicate.merge_reason = "The same child notified twice." if cases else ""
        if not cases:
            duplicate.stage = Stage.GATHERING
    copy_objects(ChildDeathCase, duplicates)
    every = cases + duplicates
    copy_objects(
        ChildIdentity,
        (
            ChildIdentity(
                case=case,
                first_name="Scale",
                last_name=f"Child {case.pk}",
                date_of_birth=case.date_of_death - timedelta(days=AGE_AT_DEATH[case.age_band]),
                address="1 Synthetic Street, London",
                parental_responsibility="Synthetic parents",
            )
            for case in every
        ),
    )
    copy_objects(PanelAnalysis, (_analysis(case, by) for case in cases if case.stage in (Stage.PANEL, Stage.CLOSED)))
    _triage_clocks([case for case in cases if case.stage == Stage.NOTIFIED])
    asked = [case for case in cases if case.stage not in (Stage.NOTIFIED, Stage.MERGED)]
    return _form_bs(asked, per_case * len(every) / max(len(asked), 1), organisations, contacts, by, now)


def _analysis(case, by) -> PanelAnalysis:
    if case.stage != Stage.CLOSED:
        return PanelAnalysis(case=case)
    n = case.pk
    modifiable = n % 4 == 0
    return PanelAnalysis(
        case=case,
        category=Category.values[n % len(Category.values)],
        child_factors=n % 3,
        family_factors=(n // 3) % 3,
        parenting_factors=(n // 9) % 3,
        service_factors=(n // 27) % 3,
        modifiable=modifiable,
        modifiable_reasons="Synthetic reasons." if modifiable else "",
        learning="Synthetic learning.",
        recorded_at=case.closed_on,
        recorded_by=by,
    )


def _triage_clocks(cases) -> None:
    """A notified case's triage clock, due the day it was notified (`cdop.services.notification_submit`)."""
    clock = CHILD_DEATH_CASE_STAGES.clock(TRIAGE)
    kind = ContentType.objects.get_for_model(ChildDeathCase)
    copy_objects(
        Deadline,
        (
            Deadline(
                content_type=kind,
                object_id=case.pk,
                kind=TRIAGE,
                title=clock.title.format(subject=case),
                due_on=timezone.localtime(case.notified_at).date(),
                opened_on=timezone.localtime(case.notified_at).date(),
                audience_permission=clock.audience,
            )
            for case in cases
        ),
    )


def _form_bs(cases, per_case: float, organisations, contacts, by, now) -> int:
    """About `per_case` Form Bs a case: submitted for a case with the panel or closed (a few withdrawn); a case
    still gathering has some open (sent, draft, returned; overdue once past the due date), with their clock and
    the reminders sent so far."""
    today = timezone.localdate()
    due_days = settings.CDOP_FORM_B_DUE_DAYS
    requests = []
    for case in cases:
        rng = random.Random(-case.pk)  # noqa: S311
        asked_on = timezone.localtime(case.triaged_on).date()
        gathering = case.stage in (Stage.GATHERING, Stage.REVIEW_MEETING)
        for index in range(int(per_case) + (rng.random() < per_case % 1)):
            organisation = organisations[(case.pk * 7 + index * 131) % len(organisations)]
            name, email = contacts.get(organisation.pk, ("Scale professional", "professional@scale.example.invalid"))
            sent_on = asked_on + timedelta(days=index % 5)
            pick = rng.random()
            if pick < 0.04:
                stage = FormB.REVOKED
            elif gathering and sent_on + timedelta(days=due_days) > today - timedelta(days=30) and pick < 0.6:
                stage = FormB.SENT if pick < 0.35 else FormB.DRAFT if pick < 0.5 else FormB.RETURNED
            else:
                stage = FormB.SUBMITTED
            form_b = FormBRequest(
                case=case,
                organisation=organisation,
                professional_name=name,
                professional_email=email,
                stage=stage,
                nonce=f"scale{case.pk}x{index}",
                sent_at=_moment(sent_on, 11),
                due_on=sent_on + timedelta(days=due_days),
                sent_by=by,
                sudi_needed=case.age_band in SUDI_AGE_BANDS,
            )
            if stage in (FormB.SUBMITTED, FormB.DRAFT, FormB.RETURNED):
                form_b.contact_name = name
                form_b.involvement = "Synthetic involvement."
                form_b.services = "Synthetic services."
            if stage in (FormB.SUBMITTED, FormB.RETURNED):
                form_b.submitted_at = min(_moment(sent_on + timedelta(days=rng.randint(3, due_days + 10)), 15), now)
            if stage == FormB.RETURNED:
                form_b.returned_at = form_b.submitted_at + timedelta(days=1)
                form_b.return_reason = "Please add the last contact date."
                form_b.due_on = timezone.localtime(form_b.returned_at).date() + timedelta(
                    days=settings.CDOP_FORM_B_RETURN_DAYS
                )
            if stage == FormB.REVOKED:
                form_b.revoked_at = _moment(sent_on + timedelta(days=2), 12)
            requests.append(form_b)
    copy_objects(FormBRequest, requests)
    open_ones = [form_b for form_b in requests if form_b.stage in (FormB.SENT, FormB.DRAFT, FormB.RETURNED)]
    _form_b_clocks(open_ones)
    _reminders(open_ones, today)
    return len(requests)


def _form_b_clocks(requests) -> None:
    clock = FORM_B_REQUEST_STAGES.clock(FORM_B_DUE)
    kind = ContentType.objects.get_for_model(FormBRequest)
    copy_objects(
        Deadline,
        (
            Deadline(
                content_type=kind,
                object_id=form_b.pk,
                kind=FORM_B_DUE,
                title=clock.title.format(subject=form_b),
                due_on=form_b.due_on,
                opened_on=timezone.localtime(form_b.sent_at).date(),
                audience_permission=clock.audience,
                organisation_id=form_b.organisation_id,
            )
            for form_b in requests
        ),
    )


def _reminders(requests, today) -> None:
    """What `cdop.services_reminders` would have sent: after the first week, on the due date, then each week
    overdue (copied to the coordinator)."""
    first = settings.CDOP_FORM_B_FIRST_REMINDER_DAYS
    weekly = settings.CDOP_FORM_B_OVERDUE_REMINDER_DAYS
    sent = []
    for form_b in requests:
        sent_on = timezone.localtime(form_b.sent_at).date()
        steps = []
        if sent_on + timedelta(days=first) <= today:
            steps.append(("7 days", sent_on + timedelta(days=first), []))
        if form_b.due_on <= today:
            steps.append(("due", form_b.due_on, []))
        week = 1
        while form_b.due_on + timedelta(days=weekly * week) <= today and week <= 4:
            steps.append((f"overdue week {week}", form_b.due_on + timedelta(days=weekly * week), [COPIED]))
            week += 1
        sent += [
            FormBReminder(request=form_b, step=step, sent_to=form_b.professional_email, cc=cc, at=_moment(on, 8))
            for step, on, cc in steps
        ]
    copy_objects(FormBReminder, sent)


COPIED = "cdop.coordinator@scale.example.invalid"


def make_meetings(count: int, *, by: User) -> int:
    """Top up the synthetic panel meetings to `count`, spread over ten years (past ones with their pack issued, a
    few cancelled, a few to come), each with the synthetic cases the panel took then on its agenda and the
    coordinators and panel members invited."""
    existing = PanelMeeting.objects.filter(place__startswith=PLACE).count()
    wanted = max(count - existing, 0)
    if not wanted:
        return 0
    today = timezone.localdate()
    meetings = [
        PanelMeeting(
            meets_on=(on := today + timedelta(days=60) - timedelta(days=int((DAYS + 60) * n / count))),
            starts_at=clock_time(10 + n % 4),
            place=f"{PLACE} {n % 9 + 1}",
            created_by=by,
            invitations_sent_at=_moment(on - timedelta(days=28), 9),
            invited_for_on=on,
            invited_for_at=clock_time(10 + n % 4),
            invitation_sequence=1,
            pack_issued_at=_moment(on - timedelta(days=7), 9) if on - timedelta(days=7) <= today else None,
            pack_issued_by=by if on - timedelta(days=7) <= today else None,
            cancelled_at=_moment(on - timedelta(days=3), 9) if n % 50 == 7 else None,
        )
        for n in range(existing, existing + wanted)
    ]
    PanelMeeting.objects.bulk_create(meetings, batch_size=BATCH)
    _agendas(meetings)
    _members(meetings)
    return wanted


def _agendas(meetings) -> None:
    """Each meeting takes the synthetic cases with the panel or closed whose panel meeting date is nearest."""
    held = [meeting for meeting in meetings if not meeting.cancelled_at]
    if not held:
        return
    held.sort(key=lambda meeting: meeting.meets_on)
    taken = set(PanelAgendaItem.objects.filter(case__reference__startswith=PREFIX).values_list("case_id", flat=True))
    cases = (
        ChildDeathCase.objects.filter(reference__startswith=PREFIX, stage__in=(Stage.PANEL, Stage.CLOSED))
        .exclude(pk__in=taken)
        .order_by("panel_meeting_on", "pk")
        .values_list("pk", "panel_meeting_on")
    )
    items, at, order = [], 0, {}
    for pk, on in cases.iterator(chunk_size=BATCH):
        while at < len(held) - 1 and held[at].meets_on < on:
            at += 1
        meeting = held[at]
        order[meeting.pk] = order.get(meeting.pk, 0) + 1
        items.append(PanelAgendaItem(meeting=meeting, case_id=pk, order=order[meeting.pk]))
    PanelAgendaItem.objects.bulk_create(items, batch_size=BATCH)


def _members(meetings) -> None:
    """Each meeting invites a panel's worth of the coordinators and panel members (a real panel is about a dozen
    people), taken in turn from everyone with those roles."""
    groups = Group.objects.filter(name__in=[Role.CDOP_COORDINATOR.label, Role.CDOP_PANEL_MEMBER.label])
    people = list(
        User.objects.filter(groups__in=groups, is_active=True).distinct().order_by("pk").values_list("pk", flat=True)
    )
    size = min(PANEL_SIZE, len(people))
    Through = PanelMeeting.members.through
    Through.objects.bulk_create(
        (
            Through(panelmeeting_id=meeting.pk, user_id=people[(n * size + seat) % len(people)])
            for n, meeting in enumerate(meetings)
            for seat in range(size)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
