"""Boards' part of the annual report (`partnership.annual_report`): the meetings each board held in the period
(not cancelled, on or before today). Attendance is not recorded in the portal, so it is not counted here."""

from django.db.models import Count, Q
from django.utils import timezone

from boards.models import Board
from partnership.annual_report import Figure

SECTION = "Boards"


def annual_report_figures(period) -> list[Figure]:
    last = min(period.last_day, timezone.localdate())
    held = Q(meetings__date__range=(period.first_day, last), meetings__cancelled_at__isnull=True)
    boards = Board.objects.annotate(held=Count("meetings", filter=held)).filter(Q(is_active=True) | Q(held__gt=0))
    return [
        Figure(
            "board_meetings",
            SECTION,
            "Board meetings held",
            [(board.name, board.held) for board in boards],
            label_heading="Board",
        )
    ]
