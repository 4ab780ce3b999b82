from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audits import exports, selectors, services
from audits.forms import AreaForm, CycleForm, ReturnFilterForm, ReviewForm
from audits.models import (
    AUDIT_RETURN_STAGES,
    AuditReturn,
    CriterionResponse,
    Cycle,
    Tool,
    ToolVersion,
    of_its_organisation,
)
from audits.permissions import MANAGE_AUDITS
from partnership.errors import refusal_shown
from partnership.files import private_file_response
from partnership.pagination import Paginator

manager_only = permission_required(MANAGE_AUDITS, raise_exception=True)


def audits_user(view):
    """Managers and agency users; everyone else is refused. Which returns they see is the selectors' business."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.can_use(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _choice(request, name: str, values) -> str:
    """A filter's value from the query string, if it is one of `values` (anything else: no filter)."""
    value = request.GET.get(name, "")
    return value if value in values else ""


# Tools ---------------------------------------------------------------------------------------------------------


@manager_only
def cycle_list(request):
    cycles = Paginator(selectors.cycles(), selectors.PER_PAGE).get_page(request.GET.get("page"))
    context = {"cycles": cycles, "tools": selectors.tools()}
    return render(request, "audits/cycle_list.html", context)


@manager_only
def version_detail(request, pk):
    return render(request, "audits/version_detail.html", {"version": selectors.version_detail(pk)})


@manager_only
@require_POST
def version_draft(request, pk):
    tool = get_object_or_404(Tool, pk=pk)
    with refusal_shown(request):
        version = services.tool_version_draft(tool=tool, by=request.user)
        messages.success(request, f"{version} drafted from the last version. Edit its areas and criteria in the admin.")
        return redirect(version)
    return redirect("audits:cycle-list")


@manager_only
@require_POST
def version_publish(request, pk):
    version = get_object_or_404(ToolVersion, pk=pk)
    with refusal_shown(request):
        services.tool_version_publish(version=version, by=request.user)
        messages.success(request, f"{version} published. It can no longer change.")
    return redirect(version)


# Cycles --------------------------------------------------------------------------------------------------------


@manager_only
def cycle_create(request):
    form = CycleForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            cycle = services.cycle_create(**form.cleaned_data, by=request.user)
            messages.success(request, f"Cycle “{cycle}” created. Open it when it is ready to send.")
            return redirect(cycle)
    context = {"form": form, "heading": "Create an audit cycle", "button": "Create cycle"}
    return render(request, "components/form_page.html", context)


@manager_only
def cycle_detail(request, pk):
    cycle = selectors.cycle_detail(pk)
    stage = _choice(request, "stage", AuditReturn.Stage.values)
    returns = Paginator(selectors.cycle_returns(cycle, stage=stage), selectors.PER_PAGE)
    returns = returns.get_page(request.GET.get("page"))
    pages = selectors.return_pages(list(returns.object_list), cycle.version_id)
    selectors.mark_last_chases(pages)
    context = {
        "cycle": cycle,
        "returns": returns,
        "pages": pages,
        "stage": stage,
        "progress": selectors.cycle_progress(cycle),
        "invited": selectors.cycle_invitation(cycle),
    }
    return render(request, "audits/cycle_detail.html", context)


def _cycle_step(request, pk, step, done: str):
    cycle = get_object_or_404(Cycle, pk=pk)
    with refusal_shown(request):
        step(cycle=cycle, by=request.user)
        messages.success(request, done.format(cycle=cycle))
    return redirect(cycle)


@manager_only
@require_POST
def cycle_open(request, pk):
    return _cycle_step(request, pk, services.cycle_open, "“{cycle}” is open. Every invited organisation was emailed.")


@manager_only
@require_POST
def cycle_close(request, pk):
    return _cycle_step(request, pk, services.cycle_close, "“{cycle}” is closed.")


@manager_only
def heat_map(request, pk):
    cycle = selectors.cycle_detail(pk)
    basis = "moderated" if request.GET.get("rating") == "moderated" else "own"
    heat = selectors.heat_map(cycle, basis=basis, page=request.GET.get("page"))
    labels = [rating.short for rating in selectors.RATED_ORDER] + ["Not rated"]
    context = {"cycle": cycle, "map": heat, "rating_labels": labels, **_svg_layout(heat)}
    return render(request, "audits/heat_map.html", context)


LABEL_W, CELL_W, CELL_H, GAP, TOP = 320, 48, 24, 4, 30


def _svg_layout(heat) -> dict:
    """Where each square of the heat map goes (the SVG's geometry, kept out of the template)."""
    xs = [LABEL_W + i * (CELL_W + GAP) for i in range(len(heat.areas))]
    for area, x in zip(heat.areas, xs, strict=True):
        area.x = x + CELL_W // 2
    cells = []
    for index, (audit_return, ratings) in enumerate(heat.rows):
        y = TOP + index * (CELL_H + GAP)
        row = [{"x": x, "cx": x + CELL_W // 2, "rating": rating, "area": area.title}
               for x, rating, area in zip(xs, ratings, heat.areas, strict=True)]  # fmt: skip
        cells.append({"name": audit_return.organisation.name, "y": y, "y_text": y + 17, "cells": row})
    width = LABEL_W + len(heat.areas) * (CELL_W + GAP)
    height = TOP + len(heat.rows) * (CELL_H + GAP)
    return {"cells": cells, "width": width, "height": height, "cell_w": CELL_W, "cell_h": CELL_H}


@manager_only
def cycle_export(request, pk):
    cycle = selectors.cycle_detail(pk)
    return exports.cycle_workbook_response(cycle, selectors.cycle_pages(cycle))


@manager_only
def cycle_export_csv(request, pk):
    cycle = selectors.cycle_detail(pk)
    return exports.cycle_csv_response(cycle, selectors.cycle_pages(cycle))


# Returns -------------------------------------------------------------------------------------------------------


@audits_user
def my_returns(request):
    """The returns list: every return for a manager (filtered by cycle, year, stage, organisation), the
    organisation's own for an agency user (by year and stage); 50 a page."""
    manager = selectors.can_manage(request.user)
    form = ReturnFilterForm(request.GET or None, years=selectors.cycle_years(), manager=manager)
    filters = form.cleaned_data if form.is_valid() else {}
    cycle = None
    if manager and request.GET.get("cycle", "").isdigit():
        cycle = Cycle.objects.filter(pk=int(request.GET["cycle"])).first()
    returns = selectors.my_returns(
        request.user,
        cycle_id=cycle.pk if cycle else None,
        stage=filters.get("stage", ""),
        year=int(filters["year"]) if filters.get("year") else None,
        organisation=filters.get("organisation", ""),
    )
    page = Paginator(returns, selectors.PER_PAGE).get_page(request.GET.get("page"))
    context = {"returns": page, "form": form, "cycle": cycle, "filtered": bool(cycle or any(filters.values()))}
    return render(request, "audits/my_returns.html", context)


def _detail(request, audit_return, *, status=200, missing=None):
    page = selectors.return_page(audit_return)
    context = {
        "page": page,
        "audit_return": audit_return,
        "missing": missing,
        "can_edit": audit_return.is_editable
        and audit_return.cycle.stage == Cycle.Stage.OPEN
        and of_its_organisation(request.user, audit_return),
        "can_review": selectors.can_manage(request.user) and audit_return.stage == AuditReturn.Stage.SUBMITTED,
        "can_chase": selectors.can_chase(request.user, audit_return),
        "show_feedback": selectors.can_see_feedback(request.user, audit_return),
        "due_on": services.return_due_on(audit_return),
        "reminders": selectors.return_reminders(audit_return) if selectors.can_manage(request.user) else [],
    }
    return render(request, "audits/return_detail.html", context, status=status)


@manager_only
@require_POST
def return_chase(request, pk):
    """The manager chases a return still to come in: an email to the organisation, recorded on the return."""
    audit_return = selectors.return_for(request.user, pk)
    with refusal_shown(request):
        services.return_chase(audit_return=audit_return, by=request.user)
        messages.success(request, f"Reminder sent to {audit_return.organisation}.")
    if request.POST.get("from") == "cycle":  # sent from the cycle's completion table: back to it
        return redirect(audit_return.cycle)
    return redirect(audit_return)


@audits_user
def return_detail(request, pk):
    return _detail(request, selectors.return_for(request.user, pk))


@audits_user
def area_edit(request, pk, area_pk):
    audit_return = selectors.return_for(request.user, pk)
    page = selectors.return_page(audit_return)
    view = next((view for view in page.areas if view.area.pk == area_pk), None)
    if view is None:
        raise Http404
    if not of_its_organisation(request.user, audit_return):  # the manager reads it; the organisation writes it
        raise PermissionDenied
    if not audit_return.is_editable or audit_return.cycle.stage != Cycle.Stage.OPEN:
        messages.error(request, "This return cannot be changed now.")
        return redirect(audit_return)
    form = AreaForm(request.POST or None, request.FILES or None, area_view=view)
    if form.is_valid():
        with refusal_shown(form):
            services.area_save(audit_return=audit_return, area=view.area, by=request.user, **form.service_arguments())
            messages.success(request, f"“{view.area.title}” saved. You can come back to it at any time.")
            return redirect(_next_area(page, view) if "continue" in request.POST else audit_return.get_absolute_url())
        if request.FILES:  # refused: the upload is gone with the request
            form.add_error(None, "Choose your evidence file again: browsers never keep a file you selected.")
    context = {"form": form, "audit_return": audit_return, "view": view, "page": page}
    return render(request, "audits/area_form.html", context)


def _next_area(page, view) -> str:
    index = page.areas.index(view)
    if index + 1 < len(page.areas):
        return reverse("audits:area-edit", args=[page.audit_return.pk, page.areas[index + 1].area.pk])
    return page.audit_return.get_absolute_url()


@audits_user
@require_POST
def return_submit(request, pk):
    audit_return = selectors.return_for(request.user, pk)
    missing = selectors.return_page(audit_return).missing
    if missing and audit_return.stage in AUDIT_RETURN_STAGES.move("submit").sources:
        return _detail(request, audit_return, missing=missing)  # each missing item linked to its area
    with refusal_shown(request):
        services.return_submit(audit_return=audit_return, by=request.user)
        messages.success(request, "Return submitted. The partnership will review it and send you feedback.")
    return redirect(audit_return)


@manager_only
def return_review(request, pk):
    audit_return = selectors.return_for(request.user, pk)
    page = selectors.return_page(audit_return)
    form = ReviewForm(request.POST or None, page=page, record=audit_return)
    if audit_return.stage != AuditReturn.Stage.SUBMITTED:
        messages.error(request, "Only a submitted return can be reviewed.")
        return redirect(audit_return)
    if form.is_valid():
        step = request.POST.get("decision", "save")
        with refusal_shown(form), transaction.atomic():  # refused: the feedback is not kept either
            services.review_save(audit_return=audit_return, by=request.user, **form.service_arguments())
            if step == "send_back":
                services.return_send_back(audit_return=audit_return, by=request.user)
            elif step == "accept":
                services.return_accept(audit_return=audit_return, by=request.user)
            done = {"send_back": "Return sent back for changes. The organisation has been emailed.",
                    "accept": "Return accepted. The organisation has been emailed."}  # fmt: skip
            messages.success(request, done.get(step, "Feedback saved."))
            return redirect(audit_return if step in done else request.path)
    context = {"form": form, "audit_return": audit_return, "page": page}
    return render(request, "audits/review_form.html", context)


@audits_user
def evidence_download(request, pk):
    answer = get_object_or_404(CriterionResponse.objects.exclude(evidence_file=""), pk=pk)
    audit_return = selectors.return_for(request.user, answer.audit_return_id)
    return private_file_response(request, answer.evidence_file, subject=audit_return)


@audits_user
def organisation_history(request, pk):
    return render(request, "audits/history.html", {"history": selectors.organisation_history(request.user, pk)})
