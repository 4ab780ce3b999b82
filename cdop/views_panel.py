"""Panel meetings: the coordinator plans them, builds the agenda, sends invitations and issues the pack; an
invited panel member reads the meeting and its issued pack. Everyone else gets 404 (`cdop.selectors`)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cdop import selectors, services_panel
from cdop.forms import SHOWN, searched
from cdop.forms_panel import AgendaForm, AgendaSearchForm, InvitationsForm, IssuePackForm, MeetingForm
from cdop.models import ChildDeathCase
from cdop.permissions import MANAGE_CASES, VIEW_PANEL
from partnership.errors import refusal_shown
from partnership.pagination import Paginator
from partnership.services import access_record_for

PER_PAGE = 50


def meeting_list(request):
    selectors.require(request.user, VIEW_PANEL)
    context = {
        "page_obj": Paginator(selectors.meetings_for(request.user), PER_PAGE).get_page(request.GET.get("page")),
        "coordinator": selectors.can(request.user, MANAGE_CASES),
    }
    return render(request, "cdop/meeting_list.html", context)


def meeting_new(request):
    selectors.require(request.user, MANAGE_CASES)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("version")
        with refusal_shown(form):
            meeting = services_panel.meeting_create(**values, by=request.user)
            messages.success(request, "Meeting planned. Add the cases for its agenda.")
            return redirect(meeting)
    return render(request, "cdop/meeting_form.html", {"form": form, "heading": "Plan a panel meeting"})


def meeting_detail(request, pk):
    meeting = selectors.meeting_for(request.user, pk)
    coordinator = selectors.can(request.user, MANAGE_CASES)
    context = {
        "meeting": meeting,
        "agenda": meeting.agenda.select_related("case"),
        "members": meeting.members.order_by("last_name", "first_name"),
        "coordinator": coordinator,
        "invitations_form": InvitationsForm() if coordinator else None,
    }
    return render(request, "cdop/meeting_detail.html", context)


def meeting_edit(request, pk):
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    form = MeetingForm(request.POST or None, record=meeting, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services_panel.meeting_update(meeting=meeting, **form.cleaned_data, by=request.user)
            messages.success(request, "Meeting saved.")
            return redirect(meeting)
    context = {"form": form, "meeting": meeting, "heading": "Change the panel meeting"}
    return render(request, "cdop/meeting_form.html", context)


def agenda_add(request, pk):
    """What is on the agenda, then the cases that may join it: at most `SHOWN`, found by reference (GET). The
    search stays in the form's address, so a redisplay keeps it."""
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    search = AgendaSearchForm(request.GET or None)
    words, found = searched(search, "reference", lambda words: selectors.agenda_candidates(meeting, words))
    if not words and not search.errors:  # no search yet: the first cases by reference
        found = list(selectors.agenda_candidates(meeting)[: SHOWN + 1])
    form = AgendaForm(request.POST or None, meeting=meeting, found=found[:SHOWN])
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            case = form.cleaned_data["case"]
            services_panel.agenda_add(meeting=meeting, case=case, by=request.user)
            messages.success(request, f"{case.reference} is on the agenda.")
            return redirect(meeting)
    context = {
        "form": form,
        "search": search,
        "words": words,
        "more": len(found) > SHOWN,
        "shown": SHOWN,
        "meeting": meeting,
        "agenda": meeting.agenda.select_related("case"),
        "heading": "Add a case to the agenda",
    }
    return render(request, "cdop/meeting_agenda.html", context)


@require_POST
def agenda_remove(request, pk, case_pk):
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    case = get_object_or_404(ChildDeathCase, pk=case_pk)
    with refusal_shown(request):
        services_panel.agenda_remove(meeting=meeting, case=case, by=request.user)
        messages.success(request, f"{case.reference} is off the agenda.")
    return redirect(meeting)


@require_POST
def meeting_invite(request, pk):
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    form = InvitationsForm(request.POST)
    if form.is_valid():
        with refusal_shown(request):
            services_panel.invitations_send(meeting=meeting, urgent=form.cleaned_data["urgent"], by=request.user)
            messages.success(request, "Invitations sent, each with a calendar file.")
    return redirect(meeting)


@require_POST
def meeting_cancel(request, pk):
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    with refusal_shown(request):
        services_panel.meeting_cancel(meeting=meeting, by=request.user)
        messages.success(request, "The meeting is cancelled.")
    return redirect(meeting)


def meeting_pack(request, pk):
    """The pack: the coordinator's preview at any time, an invited member's once issued. Every view is in the
    access log: the pack holds what the agencies told the panel."""
    meeting = selectors.meeting_for(request.user, pk)
    coordinator = selectors.can(request.user, MANAGE_CASES)
    if not (coordinator or meeting.pack_issued_at):
        messages.error(request, "The coordinator has not issued the pack for this meeting yet.")
        return redirect(meeting)
    access_record_for(request, subject=meeting, action="viewed panel pack")
    context = {"meeting": meeting, "pack": selectors.panel_pack(meeting), "coordinator": coordinator}
    if coordinator and not meeting.cancelled_at:
        context["issue_form"] = IssuePackForm(record=meeting)
    return render(request, "cdop/meeting_pack.html", context)


@require_POST
def pack_issue(request, pk):
    meeting = selectors.meeting_for_coordinator(request.user, pk)
    form = IssuePackForm(request.POST, record=meeting)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Open the pack again and issue it from there.")
        return redirect("cdop-meeting-pack", pk=meeting.pk)
    with refusal_shown(request):
        services_panel.pack_issue(meeting=meeting, version=form.cleaned_data["version"], by=request.user)
        messages.success(request, "The pack is issued: the invited members can read it on the meeting page.")
    return redirect(meeting)
