"""Form B for signed-in people: the coordinator sends, re-sends and withdraws; an agency sees its own."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cdop import selectors, services_agencies, services_form_b
from cdop.forms import SHOWN, searched
from cdop.forms_agencies import AgencySearchForm, FormBNewAgencyForm, FormBSendForm
from cdop.forms_form_b import FormBReturnForm
from cdop.models import FormBAttachment
from cdop.permissions import COMPLETE_FORM_B, MANAGE_CASES
from cdop.views import form_b_page
from partnership.errors import refusal_shown
from partnership.files import private_file_response
from partnership.pagination import Paginator

PER_PAGE = 50


def form_b_list(request):
    if not (selectors.can(request.user, MANAGE_CASES) or selectors.can(request.user, COMPLETE_FORM_B)):
        selectors.require(request.user, MANAGE_CASES)
    show = request.GET.get("show", "")
    show = show if show in selectors.FORM_B_VIEWS else "outstanding"
    search = request.GET.get("q", "")
    requests = selectors.form_b_list(request.user, show=show, search=search)
    context = {
        "page_obj": Paginator(requests, PER_PAGE).get_page(request.GET.get("page")),
        "views": selectors.FORM_B_VIEWS.items(),
        "show": show,
        "q": search,
        "today": timezone.localdate(),
        "coordinator": selectors.can(request.user, MANAGE_CASES),
    }
    return render(request, "cdop/form_b_list.html", context)


def form_b_new(request, pk):
    """Search the directory for the agency (GET) and choose it from at most `SHOWN`; "Show its people" (no
    JavaScript needed) offers its contacts. The search stays in the form's address, so a redisplay keeps it."""
    case = selectors.case_for_coordinator(request.user, pk)
    search = AgencySearchForm(request.GET or None)
    words, found = searched(search, "agency", selectors.agencies_named)
    choosing = "choose" in request.POST
    form = FormBSendForm(request.POST or None, found=found[:SHOWN], choosing=choosing)
    if request.method == "POST" and form.is_valid() and not choosing:
        with refusal_shown(form):
            sent = services_form_b.form_b_send(case=case, **form.values(), by=request.user)
            messages.success(request, f"Form B link sent to {sent.professional_name} ({sent.organisation}).")
            return redirect(case) if "finish" in request.POST else redirect("cdop-form-b-new", pk=case.pk)
    context = {
        "form": form,
        "case": case,
        "heading": "Ask an agency for Form B",
        "search": search,
        "words": words,
        "more": len(found) > SHOWN,
        "shown": SHOWN,
    }
    return render(request, "cdop/form_b_new.html", context)


def form_b_new_agency(request, pk):
    """The agency is not in the directory: add it and the professional, and ask them, in one step."""
    case = selectors.case_for_coordinator(request.user, pk)
    form = FormBNewAgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            sent = services_agencies.form_b_send_to_new_agency(case=case, **form.cleaned_data, by=request.user)
            messages.success(
                request, f"{sent.organisation} is added to the directory and the Form B link sent to "
                f"{sent.professional_name}."
            )  # fmt: skip
            return redirect(case)
    context = {"form": form, "case": case, "heading": "Ask an agency not in the directory for Form B"}
    return render(request, "cdop/form_b_new_agency.html", context)


def form_b_detail(request, pk):
    form_b = selectors.form_b_for(request.user, pk)
    context = {"form_b": form_b, "coordinator": selectors.can(request.user, MANAGE_CASES)}
    return render(request, "cdop/form_b_detail.html", context)


def form_b_edit(request, pk):
    selectors.require(request.user, COMPLETE_FORM_B)
    form_b = selectors.form_b_for(request.user, pk)
    if not form_b.is_open:
        messages.error(request, "This Form B can no longer be changed.")
        return redirect(form_b)

    def document_url(document):
        return reverse("cdop-form-b-document", args=[form_b.pk, document.pk])

    return form_b_page(request, form_b, by=request.user, after_submit="cdop-form-b-list", document_url=document_url)


def form_b_document(request, pk, document):
    """A document attached to a Form B, for the coordinator and the agency's users (the download is recorded)."""
    form_b = selectors.form_b_for(request.user, pk)
    found = get_object_or_404(FormBAttachment, form_b=form_b, pk=document)
    return private_file_response(request, found.file, subject=form_b, download_name=found.file_name)


def form_b_return(request, pk):
    """The coordinator returns a submitted Form B to the agency for changes, saying why."""
    selectors.require(request.user, MANAGE_CASES)
    form_b = selectors.form_b_for(request.user, pk)
    form = FormBReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services_form_b.form_b_return(form_b=form_b, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, f"The Form B is returned to {form_b.professional_name} with a new link.")
            return redirect(form_b)
    context = {
        "form": form,
        "form_b": form_b,
        "heading": f"Return the Form B from {form_b.organisation}",
        "return_days": settings.CDOP_FORM_B_RETURN_DAYS,
    }
    return render(request, "cdop/form_b_return.html", context)


def _coordinator_step(request, pk, service, success):
    selectors.require(request.user, MANAGE_CASES)
    form_b = selectors.form_b_for(request.user, pk)
    with refusal_shown(request):
        service(form_b=form_b, by=request.user)
        messages.success(request, success.format(form_b=form_b))
    return redirect(form_b.case)


@require_POST
def form_b_resend(request, pk):
    return _coordinator_step(
        request,
        pk,
        services_form_b.form_b_resend,
        "A new link is sent to {form_b.professional_name}. Older links no longer work.",
    )


@require_POST
def form_b_revoke(request, pk):
    return _coordinator_step(
        request, pk, services_form_b.form_b_revoke, "The Form B request to {form_b.organisation} is withdrawn."
    )
