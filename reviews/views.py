from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership.errors import refusal_shown
from partnership.pagination import Paginator
from partnership.services import access_record_for
from partnership.workflow import machine_for
from reviews import export, selectors, services
from reviews.forms import FiguresForm, ProgressForm, ReferralForm
from reviews.models import Stage
from reviews.permissions import MANAGE_CASE, READ_CASE, REPORT_ACTION_PROGRESS, VIEW_CHILD_IDENTITY
from reviews.steps import STEPS, offered
from reviews.timeline import what_happened

PER_PAGE = 50


def _readable(request):
    if not request.user.has_perm(READ_CASE):
        raise Http404


def case_list(request):
    _readable(request)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    cases = Paginator(selectors.case_list(request.user, stage=stage), PER_PAGE).get_page(request.GET.get("page"))
    context = {"cases": cases, "stages": Stage.choices, "stage": stage}
    return render(request, "reviews/case_list.html", context)


def case_export(request):
    """The case list (with its stage filter) as CSV: pseudonyms, dates and decisions, never identifying details."""
    _readable(request)
    stage = request.GET.get("stage", "")
    cases = selectors.case_export(request.user, stage=stage if stage in Stage.values else "")
    return export.case_list_csv(cases)


def case_refer(request):
    _readable(request)
    if not request.user.has_perm(MANAGE_CASE):
        raise PermissionDenied
    form = ReferralForm(request.POST or None)
    if form.is_valid():
        with refusal_shown(form):
            case = services.case_for_consideration_refer(**form.cleaned_data, by=request.user)
            messages.success(request, f"Case {case.reference} referred for consideration")
            return redirect(case)
    context = {"form": form, "heading": "Refer a case for consideration", "button": "Refer the case"}
    return render(request, "reviews/case_refer.html", context)


def case_detail(request, pk):
    case = selectors.case_page(request.user, pk)
    access_record_for(request, subject=case, action="viewed serious incident case")
    context = {
        "case": case,
        "steps": offered(case, request.user),
        "missing_sign_offs": selectors.missing_sign_offs(case) if case.stage == Stage.RAPID_REVIEW else [],
        "what_happened": what_happened(case),
        "disagreements": selectors.disagreements(case) if case.stage == Stage.RAPID_REVIEW else [],
    }
    return render(request, "reviews/case_detail.html", context)


def case_summary(request, pk):
    """A printable summary of the case for a meeting's papers: pseudonyms only, no identifying details."""
    case = selectors.case_page(request.user, pk)
    access_record_for(request, subject=case, action="viewed serious incident case summary")
    return render(request, "reviews/case_summary.html", {"case": case, "what_happened": what_happened(case)})


def case_identities(request, pk):
    case = selectors.case_page(request.user, pk)
    if not request.user.has_perm(VIEW_CHILD_IDENTITY):
        raise Http404
    access_record_for(request, subject=case, action="viewed children's identifying details")
    children = selectors.children_with_identities(case)
    return render(request, "reviews/case_identities.html", {"case": case, "children": children})


def case_step(request, pk, step):
    case = selectors.case_page(request.user, pk)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied
    if case.stage not in spec.stages:
        stage = machine_for(case).label(case.stage)
        messages.error(request, f"You cannot {spec.doing} now: the case is at the stage “{stage}”.")
        return redirect(case)
    form = spec.form(request.POST or None, request.FILES or None, case=case, initial=spec.initial(case))
    if form.is_valid():
        with refusal_shown(form):
            spec.run(case=case, by=request.user, **form.cleaned_data)
            messages.success(request, f"{spec.message} for {case.reference}")
            return redirect(case)
    context = {
        "case": case,
        "form": form,
        "heading": spec.heading,
        "button": spec.button,
        "shows": spec.shows,
    }
    return render(request, "reviews/case_step.html", context)


def action_list(request):
    user = request.user
    if not (user.has_perm(READ_CASE) or (user.organisation_id and user.has_perm(REPORT_ACTION_PROGRESS))):
        raise Http404
    actions = Paginator(selectors.open_actions(user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/action_list.html", {"actions": actions, "today": timezone.localdate()})


def action_detail(request, pk):
    action = selectors.action_page(request.user, pk)
    may_report = selectors.may_report_on(request.user, action)
    form = ProgressForm(request.POST or None, record=action) if may_report else None
    if request.method == "POST" and not may_report:
        raise PermissionDenied
    if form is not None and form.is_valid():
        with refusal_shown(form):
            services.action_report_progress(action=action, by=request.user, **form.cleaned_data)
            messages.success(
                request, "Progress recorded" + (" and the action closed" if form.cleaned_data["close"] else "")
            )
            return redirect(action)
    return render(request, "reviews/action_detail.html", {"action": action, "form": form})


def annual_figures(request):
    _readable(request)
    years = selectors.figure_years()
    form = FiguresForm(request.GET)
    year = (form.cleaned_data["year"] if form.is_valid() else None) or years[0]
    context = {"figures": selectors.annual_figures(year), "years": years, "form": form}
    return render(request, "reviews/annual_figures.html", context)
