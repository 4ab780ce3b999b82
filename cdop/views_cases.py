"""The coordinator's and the panel's pages. Anyone without the CDOP right gets 404 (the selectors decide)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cdop import selectors, services, services_death_details
from cdop.forms_casework import AnalysisForm, DeathCorrectForm, JarForm, MeetingsForm, MergeForm, TriageForm
from cdop.forms_death_details import DeathDetailsForm
from cdop.permissions import MANAGE_CASES, RECORD_ANALYSIS, VIEW_PANEL
from cdop.services_death import case_death_correct
from cdop.services_duplicates import case_merge_duplicate
from partnership.errors import refusal_shown
from partnership.pagination import Paginator
from partnership.services import access_record_for

PER_PAGE = 50


def case_list(request):
    selectors.require(request.user, VIEW_PANEL)
    search = request.GET.get("q", "")
    cases = selectors.cases_for(request.user, search=search)
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_form_b_outstanding(page.object_list)
    context = {"page": page, "page_obj": page, "q": search, "coordinator": selectors.can(request.user, MANAGE_CASES)}
    return render(request, "cdop/case_list.html", context)


def case_detail(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    access_record_for(request, subject=case, action="viewed child death case")
    context = {
        "case": case,
        "jar": getattr(case, "jar", None),
        "form_b_requests": case.form_b_requests.select_related("organisation").order_by("pk"),
        "merged_duplicates": case.merged_duplicates.order_by("notified_at", "pk"),
        "late_hours": settings.CDOP_NOTIFICATION_HOURS,
    }
    return render(request, "cdop/case_detail.html", context)


def case_identity(request, pk):
    identity = selectors.identity_for(request.user, pk)
    access_record_for(request, subject=identity, action="viewed identifying details")
    return render(request, "cdop/case_identity.html", {"identity": identity, "case": identity.case})


def _edit(request, *, form, service, success, **service_kwargs) -> bool:
    """Validate, call the service with the form's values; a stale or refused save goes to the error summary."""
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            values = form.values() if hasattr(form, "values") else dict(form.cleaned_data)
            service(**service_kwargs, **values, by=request.user)
            messages.success(request, success)
            return True
    return False


def case_triage(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    form = TriageForm(request.POST or None, record=case, initial=TriageForm.initial_for(case))
    if _edit(request, form=form, service=services.case_triage, success="Decisions saved.", case=case):
        return redirect(case)
    context = {"form": form, "case": case, "heading": "Immediate decisions", "button": "Save decisions"}
    return render(request, "cdop/case_form.html", context)


@require_POST
def case_refer(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    with refusal_shown(request):
        referred = services.case_refer_for_consideration(case=case, by=request.user)
        messages.success(
            request, f"Referred as a serious incident case for consideration ({referred.referral_reference})."
        )
    return redirect(case)


def jar_edit(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    jar = getattr(case, "jar", None)
    if jar is None:
        messages.error(request, "This case has no Joint Agency Response.")
        return redirect(case)
    form = JarForm(request.POST or None, record=jar, initial=JarForm.initial_for(jar), died_at=case.died_at())
    if _edit(request, form=form, service=services.jar_record, success="Joint Agency Response saved.", jar=jar):
        return redirect(case)
    context = {"form": form, "case": case, "heading": "Joint Agency Response", "button": "Save"}
    return render(request, "cdop/case_form.html", context)


def case_death(request, pk):
    """Correct the date and time of death, and when it became known: the clocks follow."""
    case = selectors.case_for_coordinator(request.user, pk)
    identity = getattr(case, "identity", None)
    form = DeathCorrectForm(
        request.POST or None,
        record=case,
        initial=DeathCorrectForm.initial_for(case),
        date_of_birth=identity.date_of_birth if identity else None,
    )
    if _edit(request, form=form, service=case_death_correct, success="Death details corrected.", case=case):
        return redirect(case)
    context = {"form": form, "case": case, "heading": "Correct the death details", "button": "Save the correction"}
    return render(request, "cdop/case_form.html", context)


def case_merge(request, pk):
    """Confirm, then merge a possible duplicate notification into the open case it matched."""
    case = selectors.case_for_coordinator(request.user, pk)
    into = case.possible_duplicate_of
    if into is None:
        messages.error(request, "This notification does not match another case.")
        return redirect(case)
    form = MergeForm(request.POST or None, record=case)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            case_merge_duplicate(
                duplicate=case,
                into=into,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
            messages.success(request, f"{case.reference} is merged into {into.reference}.")
            return redirect(into)
    context = {"form": form, "case": case, "into": into, "heading": f"Merge {case.reference} into {into.reference}"}
    return render(request, "cdop/case_merge.html", {**context, "button": "Merge the notifications"})


def case_meetings(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    initial = {name: getattr(case, name) for name in ["review_meeting_on", "panel_summary"]}
    form = MeetingsForm(request.POST or None, record=case, initial=initial, identity=getattr(case, "identity", None))
    if _edit(request, form=form, service=services.case_meetings_record, success="Meetings saved.", case=case):
        return redirect(case)
    context = {"form": form, "case": case, "heading": "Meetings and panel summary", "button": "Save"}
    return render(request, "cdop/case_form.html", context)


def _move(request, case, service, success) -> None:
    """One move on the case from a button; a refusal becomes the error message on the page returned to."""
    with refusal_shown(request):
        service(case=case, by=request.user)
        messages.success(request, success)


@require_POST
def case_send_to_panel(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    _move(request, case, services.case_send_to_panel, f"{case.reference} is with the panel.")
    return redirect(case)


@require_POST
def case_close(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    _move(request, case, services.case_close, f"{case.reference} is closed.")
    return redirect("cdop-panel", pk=case.pk)


def panel_detail(request, pk):
    case = selectors.case_for_panel(request.user, pk)
    context = {
        "case": case,
        "analysis": getattr(case, "analysis", None),
        "can_record": selectors.can(request.user, RECORD_ANALYSIS) and case.stage == case.Stage.PANEL,
        "coordinator": selectors.can(request.user, MANAGE_CASES),
    }
    return render(request, "cdop/panel_detail.html", context)


def analysis_edit(request, pk):
    selectors.require(request.user, RECORD_ANALYSIS)
    case = selectors.case_for_panel(request.user, pk)
    analysis = getattr(case, "analysis", None)
    if analysis is None or case.stage != case.Stage.PANEL:
        messages.error(request, "The analysis is recorded while the panel has the case.")
        return redirect("cdop-panel", pk=case.pk)
    form = AnalysisForm(request.POST or None, record=analysis, initial=AnalysisForm.initial_for(analysis))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version, themes = values.pop("version"), values.pop("themes")
        with refusal_shown(form):
            services.analysis_record(analysis=analysis, values=values, themes=themes, version=version, by=request.user)
            messages.success(request, "The panel's analysis is saved.")
            return redirect("cdop-panel", pk=case.pk)
    context = {"form": form, "case": case, "heading": "The panel's analysis", "button": "Save analysis"}
    return render(request, "cdop/case_form.html", context)


def death_details(request, pk):
    case = selectors.case_for_coordinator(request.user, pk)
    form = DeathDetailsForm(request.POST or None, record=case, initial=DeathDetailsForm.initial_for(case))
    saved = _edit(
        request,
        form=form,
        service=services_death_details.death_details_record,
        success="Death details saved.",
        case=case,
    )
    if saved:
        return redirect(case)
    context = {"form": form, "case": case, "heading": "Death details for the national data set", "button": "Save"}
    return render(request, "cdop/case_form.html", context)
