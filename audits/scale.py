"""Synthetic Section 11 and VCFS audits at scale for the benchmark (`manage.py make_scale_data`, through the app's
`scale_data_loader`). Never used by the demo or the tests of behaviour.

The plan's `audit_returns` are spread over ten years of cycles: one Section 11 and one VCFS cycle a year per
group of organisations (a partnership-like group), each cycle holding up to `CYCLE_SIZE` returns. Each group has
its own two tools, with the areas and criteria of the demo's (version 1 and 2 of Section 11, as the demo has
them). Returns are left as the services would have left them: past cycles closed (most returns accepted, a few
never finished, their clocks met or cancelled); this year's cycles open, returns at every stage with their open
`Deadline` rows, the Section 11 cycle past its due date (its unfinished returns overdue). Areas are rated
(mostly green; an amber or red area has its key action, a "not applicable" one its reason), the partnership's
moderated rating on the first area of a reviewed return, and every move in the stage history. The criteria's
answers (how each is met) are written for this year's cycles only: they are the bulk of the rows (a dozen per
return) for no page that lists, and past years are read by their ratings. Written with COPY
(`partnership.copying`) in batches; the pghistory triggers stay on.

Safe to run again: cycles are found by tool and year and only the organisations a cycle lacks get a return.
"""

import time
import zlib
from datetime import date, timedelta
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audits.demo import SECTION_11, VCFS
from audits.models import (
    RETURN_DUE,
    Area,
    AreaResponse,
    AuditReturn,
    Criterion,
    CriterionResponse,
    Cycle,
    KeyAction,
    Tool,
    ToolVersion,
)
from audits.permissions import MANAGE_AUDITS
from partnership.copying import copy_objects, copy_stage_changes
from partnership.models import Deadline, Organisation, User

PREFIX = "Scale group"  # the tools' names: "Scale group 01: Section 11 self-assessment"
REFERENCE = "SCALE"  # the returns' references: "SCALE-S11-2019-01-00042"
ORGANISATION_PREFIX = "Scale audits organisation"  # made only when there are too few member organisations
CYCLE_SIZE = 3000
YEARS = 10
BATCH = 5000

# Stages of a closed cycle's and an open cycle's returns, out of 100 (by a hash of the return's slot).
CLOSED_MIX = [("accepted", 91), ("submitted", 3), ("in_progress", 3), ("not_started", 3)]
OPEN_MIX = [("accepted", 35), ("submitted", 25), ("returned", 5), ("in_progress", 17), ("not_started", 18)]
# Ratings out of 100: mostly green.
RATING_MIX = [("green", 80), ("amber", 10), ("red", 4), ("na", 6)]
HOW_MET = "Described in our safeguarding policy and training."


def _pick(mix, n: int) -> str:
    n %= 100
    for value, share in mix:
        if n < share:
            return value
        n -= share
    return mix[-1][0]


def _spread(n: int) -> int:
    """A fixed pseudo-random number from a slot number (the same slot gets the same stage on every run)."""
    return (n * 2654435761) >> 7 & 0xFFFF


def load(plan, stdout) -> None:
    """Top the synthetic returns up to the plan's `audit_returns` (run by `make_scale_data`, which checks foreign
    keys as it goes and sets the history context)."""
    started = time.monotonic()
    wanted = plan.audit_returns
    if wanted <= 0:
        return
    per_cycle = min(CYCLE_SIZE, ceil(wanted / (2 * YEARS)))
    groups = ceil(wanted / (2 * YEARS * per_cycle))
    organisations = _organisations(per_cycle)
    manager = _manager()
    today = timezone.localdate()
    cycles = []
    for group in range(groups):
        s11, vcfs = _tools(group, manager)
        for year in range(today.year - YEARS + 1, today.year + 1):
            early = year < today.year - YEARS // 2
            versions = sorted(s11.versions.all(), key=lambda v: v.number)
            cycles.append(_cycle(s11, versions[0] if early else versions[-1], year, today, manager))
            cycles.append(_cycle(vcfs, vcfs.versions.get(), year, today, manager))
            cycles[-2].prefix, cycles[-1].prefix = "S11", "VCFS"
    stdout.write(f"  {groups} groups, {len(cycles)} cycles ({time.monotonic() - started:.0f} s)")

    sizes = [wanted // len(cycles) + (1 if i < wanted % len(cycles) else 0) for i in range(len(cycles))]
    have: dict[int, set] = {}
    for cycle_id, organisation_id in AuditReturn.objects.filter(cycle__in=cycles).values_list(
        "cycle_id", "organisation_id"
    ):
        have.setdefault(cycle_id, set()).add(organisation_id)
    todo = []  # (cycle, slot, organisation id)
    for index, (cycle, size) in enumerate(zip(cycles, sizes, strict=True)):
        group = index // (2 * YEARS)
        present = have.get(cycle.pk, set())
        missing = size - len(present)
        slot = 0
        while missing > 0 and slot < len(organisations):
            organisation_id = organisations[(group * per_cycle + slot) % len(organisations)]
            if organisation_id not in present:
                todo.append((cycle, slot, organisation_id))
                missing -= 1
            slot += 1
    made = 0
    areas = _areas_by_version(cycles)
    content_type = ContentType.objects.get_for_model(AuditReturn)
    for offset in range(0, len(todo), BATCH):
        made += _batch(todo[offset : offset + BATCH], areas, content_type, manager, today)
        if offset and offset % (BATCH * 10) == 0:
            stdout.write(f"  {made:,} returns so far ({time.monotonic() - started:.0f} s)")
    stdout.write(f"  {made:,} audit returns with their areas, answers, clocks and history "
                 f"({AuditReturn.objects.filter(reference__startswith=REFERENCE).count():,} in all) "
                 f"in {time.monotonic() - started:.0f} s")  # fmt: skip


def _organisations(needed: int) -> list[int]:
    """Member organisations to invite (the partnership loader's and the demo's), topped up with our own."""
    members = Organisation.objects.members().filter(is_active=True).order_by("pk")
    ids = list(members.values_list("pk", flat=True))
    if len(ids) < needed:
        existing = Organisation.objects.filter(name__startswith=ORGANISATION_PREFIX).count()
        Organisation.objects.bulk_create(
            (
                Organisation(name=f"{ORGANISATION_PREFIX} {n:06d}", type=Organisation.Type.VCF)
                for n in range(existing, existing + needed - len(ids))
            ),
            batch_size=BATCH,
        )
        ids = list(members.values_list("pk", flat=True))
    return ids


def _manager() -> User | None:
    """Who opened the cycles and reviewed the returns: a partnership manager if there is one."""
    managers = User.objects.filter(is_active=True, groups__name="partnership_manager").order_by("pk")
    return managers.first() or User.objects.filter(is_superuser=True).order_by("pk").first()


def _tools(group: int, manager) -> tuple[Tool, Tool]:
    """The group's Section 11 tool (versions 1 and 2) and VCFS checklist, published, made once."""
    s11 = _tool(f"{PREFIX} {group + 1:02d}: Section 11 self-assessment", Tool.Kind.SECTION_11, SECTION_11, manager)
    if s11.versions.count() == 1:
        version = _version(s11, 2, SECTION_11, manager)
        training = version.areas.get(title="Training and supervision")
        Criterion.objects.create(area=training, position=4, text="Training covers online harms and exploitation.",
                                 is_required=False, evidence_expected="Training content")  # fmt: skip
    vcfs = _tool(f"{PREFIX} {group + 1:02d}: VCFS safeguarding checklist", Tool.Kind.VCFS,
                 [(title, [(text, "")]) for title, text in VCFS], manager)  # fmt: skip
    return s11, vcfs


def _tool(name, kind, areas, manager) -> Tool:
    tool, created = Tool.objects.get_or_create(name=name, defaults={"kind": kind})
    if created:
        _version(tool, 1, areas, manager)
    return tool


def _version(tool, number, areas, manager) -> ToolVersion:
    published_on = date(timezone.localdate().year - YEARS, 1, 10) + timedelta(days=365 * (number - 1) * 5)
    version = ToolVersion.objects.create(tool=tool, number=number, stage=ToolVersion.Stage.PUBLISHED,
                                         published_on=published_on, published_by=manager)  # fmt: skip
    for position, (title, criteria) in enumerate(areas, start=1):
        area = Area.objects.create(version=version, position=position, title=title)
        Criterion.objects.bulk_create(
            Criterion(area=area, position=n, text=text, evidence_expected=evidence)
            for n, (text, evidence) in enumerate(criteria, start=1)
        )
    copy_stage_changes([(version, "draft", published_on, manager), (version, "publish", published_on, manager)])
    return version


def _cycle(tool, version, year, today, manager) -> Cycle:
    cycle = Cycle.objects.filter(version__tool=tool, year=year).first()
    if cycle:
        return cycle
    if year < today.year:
        opens_on = date(year, 4, 1) if tool.kind == Tool.Kind.SECTION_11 else date(year, 5, 1)
        due_on = opens_on + timedelta(days=90)
    elif tool.kind == Tool.Kind.SECTION_11:  # this year's Section 11 cycle is past its date: some are overdue
        opens_on, due_on = today - timedelta(days=100), today - timedelta(days=10)
    else:
        opens_on, due_on = today - timedelta(days=20), today + timedelta(days=60)
    closed = year < today.year
    cycle = Cycle.objects.create(
        version=version, year=year, title=f"{tool.name} {year}", opens_on=opens_on, due_on=due_on,
        invited_types=[Organisation.Type.VCF], stage=Cycle.Stage.CLOSED if closed else Cycle.Stage.OPEN,
        opened_on=opens_on, opened_by=manager, closed_on=due_on + timedelta(days=30) if closed else None,
    )  # fmt: skip
    moves = [("create", opens_on - timedelta(days=14)), ("open", opens_on)]
    if closed:
        moves.append(("close", cycle.closed_on))
    copy_stage_changes((cycle, move, on, manager) for move, on in moves)
    return cycle


def _areas_by_version(cycles) -> dict:
    """Each version's areas, in order, each with its criteria: [(area id, [(criterion id, required)])]."""
    versions = {cycle.version_id for cycle in cycles}
    areas: dict[int, list] = {version: [] for version in versions}
    by_area: dict[int, list] = {}
    for criterion_id, area_id, required in (
        Criterion.objects.filter(area__version__in=versions)
        .order_by("area_id", "position", "pk")
        .values_list("pk", "area_id", "is_required")
    ):
        by_area.setdefault(area_id, []).append((criterion_id, required))
    for area in Area.objects.filter(version__in=versions).order_by("position", "pk"):
        areas[area.version_id].append((area.pk, area.title, by_area.get(area.pk, [])))
    return areas


def _batch(todo, areas, content_type, manager, today) -> int:
    """One batch of returns with their clocks, history, areas, answers and actions."""
    names = dict(Organisation.objects.filter(pk__in={o for *_, o in todo}).values_list("pk", "name"))
    returns, plans = [], []
    for cycle, slot, organisation_id in todo:
        spread = _spread(zlib.crc32(cycle.title.encode()) * 100_003 + slot)  # the same whatever the ids
        stage = _pick(OPEN_MIX if cycle.stage == Cycle.Stage.OPEN else CLOSED_MIX, spread)
        window = max(1, min(85, (min(today, cycle.due_on + timedelta(days=20)) - cycle.opens_on).days))
        submitted_on = cycle.opens_on + timedelta(days=spread % window)
        reviewed_on = min(submitted_on + timedelta(days=10 + spread % 20), today)
        reviewed = stage in ("accepted", "returned")
        returns.append(
            AuditReturn(
                reference=f"{REFERENCE}-{cycle.prefix}-{cycle.year}-{cycle.pk:05d}-{slot:05d}",
                cycle=cycle,
                tool_version_id=cycle.version_id,
                organisation_id=organisation_id,
                stage=stage,
                submitted_on=submitted_on if stage in ("submitted", "accepted", "returned") else None,
                reviewed_on=reviewed_on if reviewed else None,
                reviewed_by=manager if reviewed else None,
                strengths="Clear leadership and a well-known safeguarding lead." if reviewed else "",
                areas_to_develop="Show the impact of training on practice." if reviewed else "",
            )
        )
        plans.append((cycle, spread, stage, submitted_on, reviewed_on))
    returns = copy_objects(AuditReturn, returns)
    deadlines, history = [], []
    for audit_return, (cycle, spread, stage, submitted_on, reviewed_on) in zip(returns, plans, strict=True):
        due_on, opened_on, met_on, cancelled_on = cycle.due_on, cycle.opens_on, None, None
        if stage in ("submitted", "accepted"):
            met_on = submitted_on
        elif stage == "returned":  # sent back: its clock started again, due a few weeks on
            opened_on, due_on = reviewed_on, max(cycle.due_on, reviewed_on + timedelta(days=21))
        elif cycle.stage == Cycle.Stage.CLOSED:
            cancelled_on = cycle.closed_on
        deadlines.append(
            Deadline(
                content_type=content_type, object_id=audit_return.pk, kind=RETURN_DUE,
                title=f"{cycle.title}: return {audit_return.reference} from {names[audit_return.organisation_id]}",
                due_on=due_on,
                opened_on=opened_on, audience_permission=MANAGE_AUDITS, organisation_id=audit_return.organisation_id,
                met_on=met_on, cancelled_on=cancelled_on,
            )
        )  # fmt: skip
        history.append((audit_return, "open", cycle.opens_on, manager, cycle.due_on))
        if stage != "not_started":
            history.append((audit_return, "begin", cycle.opens_on + timedelta(days=spread % 7)))
        if stage in ("submitted", "accepted", "returned"):
            history.append((audit_return, "submit", submitted_on, None, cycle.due_on))
        if stage in ("accepted", "returned"):
            history.append((audit_return, "accept" if stage == "accepted" else "send_back", reviewed_on, manager))
    copy_objects(Deadline, deadlines)
    copy_stage_changes(history)
    _copy_answers(returns, plans, areas)
    return len(returns)


def _copy_answers(returns, plans, areas) -> None:
    """Each started return's area ratings, required criteria answered, and a key action per amber or red area
    (the bulk of the rows); the partnership's moderated rating on a reviewed return's first area."""
    area_rows, answer_rows, due = [], [], {}  # due: a return's cycle's due date
    for audit_return, (cycle, spread, stage, _submitted, _reviewed) in zip(returns, plans, strict=True):
        if stage == "not_started":
            continue
        version_areas = areas[audit_return.tool_version_id]
        done = version_areas if stage != "in_progress" else version_areas[:3]
        reviewed = stage in ("accepted", "returned")
        due[audit_return.pk] = cycle.due_on
        for position, (area_id, _title, criteria) in enumerate(done):
            rating = _pick(RATING_MIX, _spread(spread + position * 7919))
            moderated, feedback = "", ""
            if reviewed and position == 0:
                moderated = "amber" if rating == "green" and spread % 3 == 0 else rating
                feedback = "Evidence of impact is thin." if moderated != rating else "Agreed."
            reason = "The organisation does not work directly with children." if rating == "na" else ""
            area_rows.append(AreaResponse(audit_return_id=audit_return.pk, area_id=area_id, rating=rating,
                                          not_applicable_reason=reason, moderated_rating=moderated,
                                          feedback=feedback))  # fmt: skip
            if rating != "na" and cycle.stage == Cycle.Stage.OPEN:  # this year's: see the module's note
                answer_rows.extend(
                    CriterionResponse(audit_return_id=audit_return.pk, criterion_id=criterion_id, how_met=HOW_MET,
                                      evidence_link="https://example.org/evidence")
                    for criterion_id, required in criteria if required
                )  # fmt: skip
    area_rows = copy_objects(AreaResponse, area_rows)
    copy_objects(CriterionResponse, answer_rows)
    copy_objects(  # a key action for each amber or red area
        KeyAction,
        (
            KeyAction(area_response_id=response.pk, action="Refresh the policy and brief every team",
                      owner="Head of safeguarding", due_on=due[response.audit_return_id] + timedelta(days=90))
            for response in area_rows
            if response.rating in ("amber", "red")
        ),
    )  # fmt: skip
