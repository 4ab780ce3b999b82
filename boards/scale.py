"""Synthetic board meetings at scale for the benchmark (`manage.py make_scale_data`, through the app's
`scale_data_loader`). Never used by the demo.

`plan.board_meetings` meetings over ten years spread over the active boards (a few synthetic boards when there are
none), each with its agenda; past ones held, most published with their minutes (text: no files, the documents
are not what the benchmark measures), a few cancelled, some coming. Items raised through the public form (one
for twenty meetings), nearly all decided, each with its history and clock as the services leave them. Written
with COPY (`partnership.copying`) in batches, no per-row query; the pghistory triggers stay on. Synthetic
meetings are marked by their location and items by their reference (`SCALE-`), counted to top up, never doubled.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from boards.models import RAISED_ITEM_STAGES, TRIAGE_CLOCK, AgendaItem, Board, Meeting, RaisedItem
from content.services import public_cache_clear
from partnership.copying import copy_objects, copy_stage_changes
from partnership.models import Deadline

BATCH = 5000
LOCATION = "SCALE venue"
PREFIX = "SCALE-"
YEARS = 10
AHEAD_DAYS = 180  # meetings already planned, up to six months ahead
AGENDA = ["Welcome and apologies", "Minutes and actions", "Data and performance report", "Learning from reviews"]


def load(plan, stdout) -> None:
    """Top the synthetic meetings (and raised items) up to the plan: safe to run again."""
    started = time.monotonic()
    boards = _boards()
    existing = Meeting.objects.filter(location=LOCATION).count()
    added = make_meetings(max(plan.board_meetings - existing, 0), boards, first=existing)
    items = max(plan.board_meetings // 20, 1)
    existing_items = RaisedItem.objects.filter(reference__startswith=PREFIX).count()
    added_items = make_raised_items(max(items - existing_items, 0), boards, first=existing_items)
    public_cache_clear()  # bulk inserts send no signals
    stdout.write(
        f"  {added} board meetings ({existing + added} in all) with their agendas, {added_items} raised items, "
        f"in {time.monotonic() - started:.1f} s"
    )


def _boards() -> list[int]:
    boards = list(Board.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    if boards:
        return boards
    Board.objects.bulk_create(
        Board(name=f"Scale board {n}", slug=f"scale-board-{n}", purpose="Synthetic board.", chair="Chair", order=n)
        for n in range(8)
    )
    return list(Board.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock_time(12)))


def make_meetings(count: int, boards: list[int], *, first: int = 0) -> int:
    today = timezone.localdate()
    for offset in range(0, count, BATCH):
        rng = random.Random(first + offset)  # noqa: S311 (synthetic data, not secrets)
        meetings = []
        for n in range(min(BATCH, count - offset)):
            day = today + timedelta(days=rng.randrange(-365 * YEARS, AHEAD_DAYS))
            past = day < today
            cancelled = rng.random() < 0.03
            published = past and not cancelled and rng.random() < 0.9
            meetings.append(
                Meeting(
                    board_id=boards[(first + offset + n) % len(boards)],
                    date=day,
                    location=LOCATION,
                    minutes="Synthetic minutes: decisions and actions agreed." if past and not cancelled else "",
                    published_at=_aware(day + timedelta(days=21)) if published else None,
                    cancelled_at=_aware(day - timedelta(days=7)) if cancelled else None,
                    cancellation_reason="Not quorate." if cancelled else "",
                )
            )
        meetings = copy_objects(Meeting, meetings)
        copy_objects(
            AgendaItem,
            (
                AgendaItem(meeting=meeting, order=order, title=title)
                for meeting in meetings
                for order, title in enumerate(AGENDA, start=1)
            ),
        )
    return count


def make_raised_items(count: int, boards: list[int], *, first: int = 0) -> int:
    """Items raised over ten years: all decided (declined, or put on an agenda) but the last few weeks' ones."""
    if count <= 0:
        return 0
    rng = random.Random(first)  # noqa: S311 (synthetic data, not secrets)
    now = timezone.now()
    items = []
    for n in range(count):
        received = now - timedelta(days=rng.randrange(365 * YEARS), minutes=n)
        waiting = received > now - timedelta(days=14)
        items.append(
            RaisedItem(
                reference=f"{PREFIX}{first + n:07d}",
                board_id=boards[n % len(boards)] if n % 5 else None,
                subject="Synthetic item for a board",
                details="Synthetic details.",
                name="Member of the public",
                email="public@example.org",
                stage=RaisedItem.Stage.RECEIVED if waiting else RaisedItem.Stage.DECLINED,
                received_at=received,
                decided_at=None if waiting else received + timedelta(days=5),
                decline_reason="" if waiting else "Already on the forward plan.",
            )
        )
    items = copy_objects(RaisedItem, items)
    item_type = ContentType.objects.get_for_model(RaisedItem)
    clock = RAISED_ITEM_STAGES.clock(TRIAGE_CLOCK)
    copy_objects(
        Deadline,
        (
            Deadline(
                content_type=item_type,
                object_id=item.pk,
                kind=TRIAGE_CLOCK,
                title=clock.title.format(subject=item),
                due_on=timezone.localdate(item.received_at) + timedelta(days=7),
                opened_on=timezone.localdate(item.received_at),
                audience_permission=clock.audience,
                met_on=timezone.localdate(item.decided_at) if item.decided_at else None,
            )
            for item in items
        ),
    )
    copy_stage_changes(
        (item, name, at) for item in items for name, at in [("submit", item.received_at), ("decline", item.decided_at)]
    )
    return count
