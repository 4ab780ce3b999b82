from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from boards import selectors, services
from boards.diagram import layout
from boards.forms import RaiseItemForm
from content.cache import cached_public_page
from partnership.antispam import RATE_LIMITED_MESSAGE, rate_limit_exceeded
from partnership.calendar_feed import calendar_ics
from partnership.files import private_file_response
from partnership.middleware import redirect_to_sign_in

RAISED_REFERENCE = "boards_raised_reference"
RATE_LIMIT = {"scope": "boards-raise-item", "limit": 5, "per_seconds": 3600}
PAST_MEETINGS_PER_PAGE = 20

# The public pages are cached whole for anonymous visitors (`content.cache`); any change to a board, its members,
# meetings, agenda, papers, minutes or terms of reference clears them (`boards.signals`). File downloads and the
# raise-an-item form are not cached.


@login_not_required
@cached_public_page
def index(request):
    boards = list(selectors.boards_public())
    return render(request, "boards/index.html", {"boards": boards, "diagram": layout(boards)})


@login_not_required
@cached_public_page
def meetings_ics(request):
    """Every board's meeting dates as a calendar anyone may subscribe to (cached like the public pages)."""
    body = calendar_ics(selectors.public_calendar_events(), name="BSCP board meetings")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_not_required
@cached_public_page
def governance(request):
    """The visual guide to the partnership's governance: the diagram alone, for other pages to link to."""
    boards = list(selectors.boards_public())
    return render(request, "boards/governance.html", {"boards": boards, "diagram": layout(boards)})


@login_not_required
@cached_public_page(query=("year", "page"))
def board_detail(request, slug):
    """The board, its coming meetings and its past ones a page at a time (by year if asked)."""
    board = selectors.board_for_page(slug)
    current_terms, earlier_terms = selectors.terms_current_and_earlier(board)
    years = selectors.board_meeting_years(board)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    year = year if year in years else None
    past = Paginator(selectors.board_past_meetings(board, year), PAST_MEETINGS_PER_PAGE)
    context = {
        "board": board,
        "upcoming": selectors.board_upcoming_meetings(board),
        "past": past.get_page(request.GET.get("page")),
        "years": years,
        "year": year,
        "current_terms": current_terms,
        "earlier_terms": earlier_terms,
        "can_see_private": selectors.can_see_private_papers(request.user, board),
    }
    return render(request, "boards/board_detail.html", context)


@login_not_required
@cached_public_page
def meeting_detail(request, slug, pk):
    meeting = selectors.meeting_for_page(slug, pk)
    context = {
        "meeting": meeting,
        "board": meeting.board,
        "papers_visible": selectors.papers_visible(request.user, meeting),
    }
    return render(request, "boards/meeting_detail.html", context)


@login_not_required
@cached_public_page
def terms_detail(request, slug, version):
    terms = selectors.terms_version(slug, version)
    return render(request, "boards/terms_detail.html", {"terms": terms, "board": terms.board})


@login_not_required
def terms_file(request, slug, version):
    terms = selectors.terms_for_download(slug, version)
    name = f"{terms.board.slug}-terms-of-reference-v{terms.version}{_suffix(terms.file.name)}"
    return private_file_response(request, terms.file, subject=terms, download_name=name)


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _private_document(request, meeting, file_field, subject, name):
    """Published meetings' documents are public; otherwise members and the manager only (others: 404)."""
    if not file_field:
        raise Http404
    if not selectors.papers_visible(request.user, meeting):
        if not request.user.is_authenticated:
            return redirect_to_sign_in(request)
        raise Http404
    return private_file_response(request, file_field, subject=subject, download_name=name + _suffix(file_field.name))


@login_not_required
def paper_file(request, pk):
    paper = selectors.paper_for_download(pk)
    return _private_document(request, paper.meeting, paper.file, paper, paper.title)


@login_not_required
def minutes_file(request, pk):
    meeting = selectors.meeting_for_page_by_pk(pk)
    return _private_document(request, meeting, meeting.minutes_file, meeting, f"minutes-{meeting.date:%Y-%m-%d}")


@login_not_required
def raise_item(request):
    asked_for = selectors.boards_public().filter(slug=request.GET.get("board", "")).first()
    form = RaiseItemForm(request.POST or None, initial={"board": asked_for})
    if form.is_valid():
        if rate_limit_exceeded(request, **RATE_LIMIT):
            form.add_error(None, RATE_LIMITED_MESSAGE)
        else:
            data = {key: value for key, value in form.cleaned_data.items() if key != "website"}
            item = services.raised_item_submit(**data)
            request.session[RAISED_REFERENCE] = item.reference
            return redirect("boards-raise-item-sent")
    context = {"form": form, "heading": "Raise an item for a board", "button": "Send"}
    return render(request, "boards/raise_item.html", context)


@login_not_required
def raise_item_sent(request):
    reference = request.session.pop(RAISED_REFERENCE, None)
    if not reference:
        return redirect("boards-raise-item")
    return render(request, "boards/raise_item_sent.html", {"reference": reference})
