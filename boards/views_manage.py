"""The partnership manager's pages: triage of raised items, meetings (agenda, papers, minutes, publishing, and
corrections: a meeting's date, its cancellation, an agenda item, a paper), a board's members, and the versions of
its terms of reference (new, or withdrawn when added in error)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from boards import selectors, services
from boards.forms import (
    AddToAgendaForm,
    AgendaItemEditForm,
    AgendaItemForm,
    DeclineForm,
    MeetingCancelForm,
    MeetingEditForm,
    MeetingForm,
    MembershipEndForm,
    MembershipForm,
    MinutesForm,
    PaperEditForm,
    PaperForm,
    TermsOfReferenceForm,
    TermsWithdrawForm,
)
from boards.models import AgendaItem, Board, Meeting, Paper, RaisedItem, TermsOfReference
from boards.permissions import MANAGE_BOARDS
from partnership.errors import refusal_shown
from partnership.pagination import Paginator
from partnership.services import access_record_for

manager_only = permission_required(MANAGE_BOARDS, raise_exception=True)
PER_PAGE = 50
DECIDED_SHOWN = 20


@manager_only
def triage(request):
    waiting = Paginator(selectors.raised_items(RaisedItem.Stage.RECEIVED), PER_PAGE).get_page(request.GET.get("page"))
    context = {"waiting": waiting, "decided": selectors.raised_items_decided()[:DECIDED_SHOWN]}
    return render(request, "boards/manage/triage.html", context)


@manager_only
def raised_item(request, pk):
    item = selectors.raised_item_for_page(pk)
    if request.method == "GET":  # the page shows a member of the public's contact details
        access_record_for(request, subject=item, action="viewed an item raised for a board")
    action = request.POST.get("action") if request.method == "POST" else None
    suggested = selectors.upcoming_meetings().filter(board=item.board_id).first() if item.board_id else None
    agenda_form = AddToAgendaForm(
        request.POST if action == "agenda" else None, prefix="agenda", initial={"meeting": suggested}
    )
    decline_form = DeclineForm(request.POST if action == "decline" else None, prefix="decline")
    if action == "agenda" and agenda_form.is_valid():
        meeting = agenda_form.cleaned_data["meeting"]
        with refusal_shown(agenda_form):
            services.raised_item_add_to_agenda(item=item, meeting=meeting, by=request.user)
            messages.success(request, f"Item {item.reference} added to the agenda of the {meeting}.")
            return redirect("boards-triage")
    if action == "decline" and decline_form.is_valid():
        with refusal_shown(decline_form):
            services.raised_item_decline(item=item, reason=decline_form.cleaned_data["reason"], by=request.user)
            messages.success(request, f"Item {item.reference} declined. {item.name} has been told why.")
            return redirect("boards-triage")
    if action:  # refused: show the item as it is now (someone else may have decided on it)
        item = selectors.raised_item_for_page(pk)
    form = agenda_form if action == "agenda" else decline_form
    context = {"item": item, "agenda_form": agenda_form, "decline_form": decline_form, "form": form}
    return render(request, "boards/manage/raised_item.html", context)


@manager_only
def meetings(request):
    meetings = Paginator(selectors.meetings_to_manage(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "boards/manage/meetings.html", {"meetings": meetings})


@manager_only
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            services.meeting_create(**form.cleaned_data, by=request.user)
            messages.success(request, f"Meeting of the {form.cleaned_data['board']} added.")
            return redirect("boards-meetings")
    context = {"form": form, "heading": "Add a meeting", "button": "Add meeting"}
    return render(request, "boards/manage/meeting_form.html", context)


MEETING_FORMS = {"agenda": AgendaItemForm, "paper": PaperForm, "minutes": MinutesForm}
MEETING_STEPS = {
    "agenda": (services.agenda_item_add, "Agenda item added."),
    "paper": (services.paper_add, "Paper added."),
    "minutes": (services.meeting_minutes_record, "Minutes saved."),
    "publish": (services.meeting_publish, "Meeting published: its agenda, papers and minutes are now public."),
    "unpublish": (services.meeting_unpublish, "Meeting made private: only members and the manager see its papers."),
}


@manager_only
def meeting_manage(request, pk):
    meeting = selectors.meeting_to_manage(pk)
    action = request.POST.get("action") if request.method == "POST" else None
    bound = (request.POST, request.FILES)
    forms = {
        name: form_class(*(bound if action == name else ()), prefix=name) for name, form_class in MEETING_FORMS.items()
    }
    forms["minutes"].initial = {"minutes": meeting.minutes}
    if action in ("publish", "unpublish"):
        service, message = MEETING_STEPS[action]
        with refusal_shown(request):
            service(meeting=meeting, by=request.user)
            messages.success(request, message)
        return redirect("boards-meeting-manage", pk=meeting.pk)
    form = forms.get(action)
    if form is not None and form.is_valid():
        service, message = MEETING_STEPS[action]
        with refusal_shown(form):
            service(meeting=meeting, **form.cleaned_data, by=request.user)
            messages.success(request, message)
            return redirect("boards-meeting-manage", pk=meeting.pk)
    return render(request, "boards/manage/meeting_manage.html", {"meeting": meeting, "forms": forms, "form": form})


@manager_only
def terms_add(request, slug):
    board = get_object_or_404(Board, slug=slug)
    form = TermsOfReferenceForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        with refusal_shown(form):
            services.terms_of_reference_add(board=board, **form.cleaned_data, by=request.user)
            messages.success(request, f"New terms of reference for the {board} saved.")
            return redirect(board)
    context = {"form": form, "board": board, "heading": f"New terms of reference: {board}", "button": "Save"}
    return render(request, "boards/manage/terms_form.html", context)


def _form_page(request, form, *, heading: str, button: str, lead: str = "", record=None):
    context = {"form": form, "heading": heading, "button": button, "lead": lead, "record": record}
    return render(request, "boards/manage/correction_form.html", context)


@manager_only
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    initial = {"date": meeting.date, "location": meeting.location}
    form = MeetingEditForm(request.POST or None, record=meeting, initial=initial)
    if form.is_valid():
        with refusal_shown(form):
            services.meeting_edit(meeting=meeting, **form.cleaned_data, by=request.user)
            messages.success(request, f"Meeting of the {meeting.board} changed.")
            return redirect("boards-meeting-manage", pk=meeting.pk)
    return _form_page(request, form, heading=f"Change the {meeting}", button="Save changes", record=meeting)


@manager_only
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("board"), pk=pk)
    form = MeetingCancelForm(request.POST or None, record=meeting)
    if form.is_valid():
        with refusal_shown(form):
            services.meeting_cancel(meeting=meeting, **form.cleaned_data, by=request.user)
            messages.success(request, f"Meeting of the {meeting.board} cancelled. Its page now says so.")
            return redirect("boards-meeting-manage", pk=meeting.pk)
    lead = "The meeting stays listed on the board's page, marked as cancelled with your reason."
    return _form_page(request, form, heading=f"Cancel the {meeting}", button="Cancel the meeting", lead=lead,
                      record=meeting)  # fmt: skip


@manager_only
def agenda_item_edit(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__board"), pk=pk)
    initial = {"title": item.title, "description": item.description}
    form = AgendaItemEditForm(request.POST or None, record=item, initial=initial)
    if form.is_valid():
        with refusal_shown(form):
            services.agenda_item_edit(item=item, **form.cleaned_data, by=request.user)
            messages.success(request, f"Agenda item “{form.cleaned_data['title']}” changed.")
            return redirect("boards-meeting-manage", pk=item.meeting_id)
    return _form_page(request, form, heading="Correct an agenda item", button="Save changes", record=item.meeting)


@manager_only
def paper_edit(request, pk):
    paper = get_object_or_404(Paper.objects.select_related("meeting__board"), pk=pk)
    form = PaperEditForm(request.POST or None, request.FILES or None, record=paper, initial={"title": paper.title})
    if form.is_valid():
        with refusal_shown(form):
            services.paper_edit(paper=paper, **form.cleaned_data, by=request.user)
            messages.success(request, f"Paper “{form.cleaned_data['title']}” changed.")
            return redirect("boards-meeting-manage", pk=paper.meeting_id)
    return _form_page(request, form, heading="Correct a paper", button="Save changes", record=paper.meeting)


@manager_only
def terms_withdraw(request, slug, version):
    terms = get_object_or_404(TermsOfReference.objects.select_related("board"), board__slug=slug, version=version)
    form = TermsWithdrawForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            services.terms_of_reference_withdraw(terms=terms, **form.cleaned_data, by=request.user)
            messages.success(request, f"Version {terms.version} of the terms of reference withdrawn.")
            return redirect(terms.board)
    lead = (
        "The version stays listed, marked as withdrawn with your reason; the latest approved version left is "
        "shown as current."
    )
    heading = f"Withdraw version {terms.version} of the terms of reference: {terms.board}"
    return _form_page(request, form, heading=heading, button="Withdraw this version", lead=lead)


@manager_only
def members(request, slug):
    """Who sits on the board. A seat naming a person's account lets that person see the board's private papers."""
    board = get_object_or_404(Board, slug=slug)
    action = request.POST.get("action") if request.method == "POST" else None
    add_form = MembershipForm(request.POST if action == "add" else None, prefix="add")
    end_form = MembershipEndForm(request.POST if action == "end" else None, prefix="end", board=board)
    if action == "add" and add_form.is_valid():
        with refusal_shown(add_form):
            seat = services.membership_add(board=board, **add_form.cleaned_data, by=request.user)
            messages.success(request, f"{seat} added to the {board}.")
            return redirect("boards-members", slug=board.slug)
    if action == "end" and end_form.is_valid():
        with refusal_shown(end_form):
            seat = services.membership_end(membership=end_form.cleaned_data["membership"], by=request.user)
            messages.success(request, f"{seat} is no longer a member of the {board}.")
            return redirect("boards-members", slug=board.slug)
    form = end_form if action == "end" else add_form
    context = {"board": board, "seats": selectors.board_members_to_manage(board), "add_form": add_form, "form": form}
    return render(request, "boards/manage/members.html", context)
