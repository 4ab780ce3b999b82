"""Reads of the boards app that depend on who is asking, each with a fixed number of queries."""

from datetime import timedelta

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from boards.models import AgendaItem, Board, Meeting, Membership, Paper, RaisedItem, TermsOfReference
from boards.permissions import MANAGE_BOARDS
from partnership.calendar_feed import FeedEvent
from partnership.links import absolute_url, site_host
from partnership.models import User


def boards_public() -> QuerySet[Board]:
    """The active boards, for the index page and the governance diagram."""
    return Board.objects.filter(is_active=True).select_related("reports_to")


def sitemap_urls() -> list[str]:
    """The boards' public pages for the sitemap (`content.selectors.sitemap_entries`): the index, the governance
    diagram and each active board's page (one query)."""
    boards = boards_public().select_related(None).only("slug").order_by("name", "pk")
    return [reverse("boards"), reverse("boards-governance"), *(board.get_absolute_url() for board in boards)]


def current_members() -> QuerySet[Membership]:
    return Membership.objects.filter(ended_on__isnull=True).select_related("organisation")


def board_for_page(slug: str) -> Board:
    """One board with what its page shows but the meetings: members, every terms of reference version (a handful
    each). The meetings are read apart, bounded (`board_upcoming_meetings`, `board_past_meetings`)."""
    queryset = boards_public().prefetch_related(
        Prefetch("memberships", queryset=current_members(), to_attr="current_memberships"),
        Prefetch(
            "terms_of_reference",
            queryset=TermsOfReference.objects.order_by("-approved_on", "-version"),
            to_attr="terms",
        ),
        "reporting_boards",
    )
    return get_object_or_404(queryset, slug=slug)


UPCOMING_SHOWN = 12


def board_upcoming_meetings(board: Board) -> list[Meeting]:
    """The board's coming meetings (today's included), soonest first: at most `UPCOMING_SHOWN`."""
    meetings = Meeting.objects.filter(board=board, date__gte=timezone.localdate()).order_by("date", "pk")
    return list(meetings[:UPCOMING_SHOWN])


def board_past_meetings(board: Board, year: int | None = None) -> QuerySet[Meeting]:
    """The board's past meetings, latest first, of one year if given: for the page's pagination."""
    meetings = Meeting.objects.filter(board=board, date__lt=timezone.localdate())
    if year:
        meetings = meetings.filter(date__year=year)
    return meetings.order_by("-date", "-pk")


def board_meeting_years(board: Board) -> list[int]:
    """The years the board has past meetings in, latest first (one grouped query: ten or so rows)."""
    past = Meeting.objects.filter(board=board, date__lt=timezone.localdate())
    return [day.year for day in past.dates("date", "year", order="DESC")]


def terms_current_and_earlier(board: Board) -> tuple[TermsOfReference | None, list[TermsOfReference]]:
    """From a board of `board_for_page`: the current version (the latest approved, not withdrawn) and every other
    version, latest first (withdrawn ones marked as such on the page)."""
    current = next((terms for terms in board.terms if not terms.is_withdrawn), None)
    return current, [terms for terms in board.terms if terms is not current]


def board_members_to_manage(board: Board) -> QuerySet[Membership]:
    """The board's seats for the manager: current first, then ended, with who holds them."""
    return (
        Membership.objects.filter(board=board)
        .select_related("organisation", "user")
        .order_by(F("ended_on").desc(nulls_first=True), "-is_chair", "order", "role")
    )


def member_board_ids(user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(current_members().filter(user=user).values_list("board_id", flat=True))


def can_see_private_papers(user: User, board: Board) -> bool:
    """The partnership manager sees every board's private papers; a member sees their own board's."""
    if not user.is_authenticated:
        return False
    return user.has_perm(MANAGE_BOARDS) or board.pk in member_board_ids(user)


def meeting_for_page(slug: str, pk: int) -> Meeting:
    queryset = Meeting.objects.select_related("board").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")),
        Prefetch("papers", queryset=Paper.objects.order_by("added_at", "pk")),
    )
    return get_object_or_404(queryset, board__slug=slug, board__is_active=True, pk=pk)


def meeting_for_page_by_pk(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("board"), pk=pk)


def papers_visible(user: User, meeting: Meeting) -> bool:
    return meeting.is_published or can_see_private_papers(user, meeting.board)


def paper_for_download(pk: int) -> Paper:
    return get_object_or_404(Paper.objects.select_related("meeting__board"), pk=pk)


def terms_version(slug: str, version: int) -> TermsOfReference:
    return get_object_or_404(
        TermsOfReference.objects.select_related("board"), board__slug=slug, board__is_active=True, version=version
    )


def terms_for_download(slug: str, version: int) -> TermsOfReference:
    return get_object_or_404(
        TermsOfReference.objects.select_related("board").exclude(file=""), board__slug=slug, version=version
    )


def raised_items(stage: str | None = RaisedItem.Stage.RECEIVED) -> QuerySet[RaisedItem]:
    """The triage list (awaiting a decision, oldest first) or, with another stage, the items decided."""
    items = RaisedItem.objects.select_related("board", "decided_by", "agenda_item__meeting__board")
    if stage:
        items = items.filter(stage=stage)
    return items.order_by("received_at", "pk")


def raised_items_decided() -> QuerySet[RaisedItem]:
    """Items decided (added to an agenda or declined), the latest decision first."""
    decided = raised_items(None).exclude(stage=RaisedItem.Stage.RECEIVED).filter(decided_at__isnull=False)
    return decided.order_by("-decided_at", "-pk")


def raised_item_for_page(pk: int) -> RaisedItem:
    return get_object_or_404(raised_items(None), pk=pk)


def meetings_to_manage() -> QuerySet[Meeting]:
    """Every board's meetings, latest first (the manager's list pages through them)."""
    return Meeting.objects.select_related("board").order_by("-date", "-pk")


def meeting_to_manage(pk: int) -> Meeting:
    queryset = meetings_to_manage().prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("raised_item").order_by("order", "pk")),
        "papers",
    )
    return get_object_or_404(queryset, pk=pk)


def upcoming_meetings() -> QuerySet[Meeting]:
    meetings = meetings_to_manage().filter(date__gte=timezone.localdate(), board__is_active=True)
    return meetings.filter(cancelled_at__isnull=True).order_by("date")


def member_upcoming_meetings(user: User) -> QuerySet[Meeting]:
    """The coming meetings (not cancelled) of the active boards where the person holds a current seat."""
    seats = current_members().filter(user=user, board__is_active=True).values("board_id")
    meetings = Meeting.objects.filter(board_id__in=seats, date__gte=timezone.localdate(), cancelled_at__isnull=True)
    return meetings.select_related("board").order_by("date", "pk")


def my_work_panel(user: User) -> dict | None:
    """On the staff home: the coming meetings of the boards the person sits on and, for the partnership manager,
    how many raised items wait for a decision."""
    manager = user.has_perm(MANAGE_BOARDS)
    meetings = list(member_upcoming_meetings(user)[:MY_MEETINGS_SHOWN])
    if not (manager or meetings):
        return None
    waiting = RaisedItem.objects.filter(stage=RaisedItem.Stage.RECEIVED).count() if manager else None
    return {"title": "Boards", "template": "boards/my_work_panel.html", "waiting": waiting, "meetings": meetings}


MY_MEETINGS_SHOWN = 10
PUBLIC_FEED_DAYS_BACK = 365


def _meeting_event(meeting: Meeting) -> FeedEvent:
    return FeedEvent(
        uid=f"board-meeting-{meeting.pk}@{site_host()}",
        summary=f"{meeting.board.name} meeting",
        sequence=meeting.version - 1,
        url=absolute_url(meeting.get_absolute_url()),
        location=meeting.location,
        day=meeting.date,
        cancelled=meeting.is_cancelled,
    )


def calendar_events(user: User) -> list[FeedEvent]:
    """For the person's calendar feed: the same meetings as their "My work" lists, all of them."""
    return [_meeting_event(meeting) for meeting in member_upcoming_meetings(user)]


def public_calendar_events() -> list[FeedEvent]:
    """The public feed: every active board's meetings from a year ago on; a cancelled one says so."""
    since = timezone.localdate() - timedelta(days=PUBLIC_FEED_DAYS_BACK)
    meetings = Meeting.objects.filter(board__is_active=True, date__gte=since).select_related("board")
    return [_meeting_event(meeting) for meeting in meetings.order_by("date", "pk")]


def search_entries() -> list[dict]:
    """The boards' public pages, for site search (`content.search_index.entries_sync`): the index, the diagram, the
    form to raise an item and each active board, in the words those pages use."""
    from django.urls import reverse

    entries = [
        {
            "key": "boards",
            "url": reverse("boards"),
            "title": "Our boards",
            "summary": "Our boards give strategic oversight and carry out the work of Barnet Safeguarding Children "
            "Partnership.",
            "body": "Each board's terms of reference set out its objectives and membership, and how the boards work "
            "together to improve the safeguarding of children and young people in Barnet.",
            "keywords": "boards subgroups groups governance structure terms of reference members meetings",
        },
        {
            "key": "boards-governance",
            "url": reverse("boards-governance"),
            "title": "How our boards fit together",
            "summary": "A visual guide to the partnership's boards and who reports to whom.",
            "body": "The three statutory safeguarding partners lead the partnership.",
            "keywords": "governance diagram structure chart",
        },
        {
            "key": "boards-raise-an-item",
            "url": reverse("boards-raise-item"),
            "title": "Raise an item for a board",
            "summary": "Anyone may ask for an item to be considered at one of the partnership's boards.",
            "body": "The partnership's business unit reads every item and tells you whether it will go on a board's "
            "agenda.",
            "keywords": "agenda item raise suggest",
        },
    ]
    for board in boards_public():
        entries.append(
            {
                "key": f"board-{board.pk}",
                "url": board.get_absolute_url(),
                "title": board.name,
                "summary": board.purpose,
                "body": f"Chair: {board.chair}",
                "keywords": " ".join(filter(None, [board.short_name, "board terms of reference members meetings"])),
            }
        )
    return entries
