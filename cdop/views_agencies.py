"""The agency directory in the staff pages: the CDOP coordinator finds, adds, corrects and disables organisations
and the people in them whom Form B requests go to (services in `partnership.directory`)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cdop import selectors
from cdop.forms_agencies import ContactForm, DirectorySearchForm, OrganisationForm
from cdop.permissions import MANAGE_CASES
from partnership import directory
from partnership.errors import refusal_shown
from partnership.models import Contact, Organisation
from partnership.pagination import Paginator


def _coordinator(request):
    selectors.require(request.user, MANAGE_CASES)


def agency_list(request):
    _coordinator(request)
    search = DirectorySearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    found = directory.directory_search(
        text=filters.get("q", ""),
        area=filters.get("area", ""),
        kind=filters.get("type", ""),
        inactive=filters.get("inactive", False),
    )
    page_obj = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "cdop/agency_list.html", {"search": search, "page_obj": page_obj})


def agency_new(request):
    _coordinator(request)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            organisation = directory.organisation_add(**form.cleaned_data, by=request.user)
            messages.success(request, f"{organisation} is added to the directory.")
            return redirect("cdop-agency", pk=organisation.pk)
    return render(request, "cdop/agency_form.html", {"form": form, "heading": "Add an organisation"})


def agency_detail(request, pk):
    _coordinator(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    contacts = organisation.contacts.order_by("-is_active", "name")
    return render(request, "cdop/agency_detail.html", {"organisation": organisation, "contacts": contacts})


def agency_edit(request, pk):
    _coordinator(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    initial = {name: getattr(organisation, name) for name in directory.ORGANISATION_FIELDS}
    form = OrganisationForm(request.POST or None, initial=initial, member=organisation.is_member)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            directory.organisation_change(organisation=organisation, **form.cleaned_data, by=request.user)
            messages.success(request, f"{organisation} is changed.")
            return redirect("cdop-agency", pk=organisation.pk)
    context = {"form": form, "heading": f"Change {organisation}", "organisation": organisation}
    return render(request, "cdop/agency_form.html", context)


@require_POST
def agency_active(request, pk):
    """Disable (never delete) a directory entry, or enable it again. Member agencies are the administrator's."""
    _coordinator(request)
    organisation = get_object_or_404(Organisation, pk=pk, is_member=False)
    active = request.POST.get("active") == "yes"
    with refusal_shown(request):
        directory.organisation_set_active(organisation=organisation, active=active, by=request.user)
        messages.success(request, f"{organisation} is {'enabled' if active else 'disabled'}.")
    return redirect("cdop-agency", pk=organisation.pk)


def contact_new(request, pk):
    _coordinator(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            contact = directory.contact_add(organisation=organisation, **form.cleaned_data, by=request.user)
            messages.success(request, f"{contact.name} is added to {organisation}.")
            return redirect("cdop-agency", pk=organisation.pk)
    context = {"form": form, "heading": f"Add a person at {organisation}", "organisation": organisation}
    return render(request, "cdop/agency_form.html", context)


def contact_edit(request, pk):
    _coordinator(request)
    contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=pk)
    initial = {name: getattr(contact, name) for name in directory.CONTACT_FIELDS}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            directory.contact_change(contact=contact, **form.cleaned_data, by=request.user)
            messages.success(request, f"{contact.name}'s details are changed.")
            return redirect("cdop-agency", pk=contact.organisation_id)
    context = {"form": form, "heading": f"Change {contact.name}", "organisation": contact.organisation}
    return render(request, "cdop/agency_form.html", context)


@require_POST
def contact_active(request, pk):
    _coordinator(request)
    contact = get_object_or_404(Contact, pk=pk)
    active = request.POST.get("active") == "yes"
    with refusal_shown(request):
        directory.contact_set_active(contact=contact, active=active, by=request.user)
        messages.success(request, f"{contact.name} is {'enabled' if active else 'disabled'}.")
    return redirect("cdop-agency", pk=contact.organisation_id)
