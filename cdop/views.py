"""Public pages: the child death notification (no account) and Form B by signed link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache

from cdop import services, services_form_b
from cdop.forms import STEPS, ConfirmForm, answers_from
from cdop.forms_form_b import FormBForm
from cdop.models import FormBAttachment
from content.cache import cached_public_page
from partnership.antispam import RATE_LIMITED_MESSAGE, rate_limit_exceeded
from partnership.errors import refusal_shown
from partnership.fields import GovukDateField
from partnership.files import private_file_response
from partnership.forms import form_data_for_session
from partnership.models import SiteSettings

SESSION_KEY = "cdop_notification"
REFERENCE_KEY = "cdop_notification_reference"
STEP_NAMES = list(STEPS)
ONLY_WHEN_GIVEN = {"local_authority", "death_known_on", "death_known_time"}  # optional follow-ups, shown if answered
STEP_LIMIT_PER_HOUR = 50  # answered pages from one address: ten notifications with a few changes each


def _stored(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _bound(step: str, data: dict | None, stored: dict):
    """The step's form, bound to `data` (or unbound); the death step checks against the date of birth given."""
    kwargs = {}
    if step == "death":
        child = _bound("child", stored.get("child"), stored)
        kwargs["date_of_birth"] = child.cleaned_data["date_of_birth"] if child.is_bound and child.is_valid() else None
    return STEPS[step](MultiValueDict(data) if data is not None else None, **kwargs)


def _first_incomplete(stored: dict) -> str | None:
    for step in STEP_NAMES:
        form = _bound(step, stored.get(step), stored)
        if not form.is_bound or not form.is_valid():
            return step
    return None


@login_not_required
@cached_public_page  # the same for every visitor: the walk's answers live in the session from the first step on
def notify_start(request):
    return render(request, "cdop/notify_start.html", {"hours": settings.CDOP_NOTIFICATION_HOURS})


@login_not_required
@never_cache
def notify_step(request, step):
    """One page of the notification: a valid page's own fields (bounded) wait in the session until sending."""
    if step not in STEPS:
        raise Http404
    stored = _stored(request)
    if request.method == "POST":
        data = form_data_for_session(_bound(step, None, stored), request.POST)
        form = _bound(step, data, stored)
        if form.is_valid():
            if not rate_limit_exceeded(request, scope="cdop-notify-step", limit=STEP_LIMIT_PER_HOUR, per_seconds=3600):
                stored[step] = data
                request.session[SESSION_KEY] = stored
                following = _first_incomplete(stored)
                return redirect("cdop-notify-step", step=following) if following else redirect("cdop-notify-check")
            form.add_error(None, RATE_LIMITED_MESSAGE)
    else:
        form = _bound(step, stored.get(step), stored)
    number = STEP_NAMES.index(step) + 1
    context = {"form": form, "heading": form.title, "number": number, "steps": len(STEPS)}
    if number > 1:
        context["back"] = reverse("cdop-notify-step", args=[STEP_NAMES[number - 2]])
    return render(request, "cdop/notify_step.html", context)


def _summary(stored: dict) -> list[dict]:
    sections = []
    for step in STEP_NAMES:
        form = _bound(step, stored[step], stored)
        form.is_valid()
        rows = []
        for name, field in form.fields.items():
            not_given = name in ONLY_WHEN_GIVEN and not form.cleaned_data.get(name)
            if name in ("nhs_number_not_available", "postcode_not_known") or not_given:
                continue
            bound = form[name]
            value = form.cleaned_data.get(name)
            if name == "nhs_number" and not value:
                value = "Not available"
            elif name == "postcode" and not value:
                value = "Not known"
            elif hasattr(field, "choices") and value not in (None, ""):
                value = dict(field.choices).get(value, value)
            anchor = bound.auto_id + ("_0" if isinstance(field, GovukDateField) else "")
            rows.append({"label": bound.label, "value": value, "id": anchor})
        sections.append({"step": step, "title": form.title, "rows": rows})
    return sections


@login_not_required
@never_cache
def notify_check(request):
    stored = _stored(request)
    incomplete = _first_incomplete(stored)
    if incomplete:
        return redirect("cdop-notify-step", step=incomplete)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if rate_limit_exceeded(request, scope="cdop-notify", limit=5, per_seconds=3600):
            form.add_error(None, RATE_LIMITED_MESSAGE)
        else:
            cleaned = {}
            for step in STEP_NAMES:
                step_form = _bound(step, stored[step], stored)
                step_form.is_valid()
                cleaned[step] = step_form.cleaned_data
            case = services.notification_submit(answers=answers_from(cleaned))
            request.session.pop(SESSION_KEY, None)
            request.session[REFERENCE_KEY] = {"reference": case.reference, "email": case.notifier_email}
            return redirect("cdop-notify-sent")
    context = {"form": form, "sections": _summary(stored)}
    return render(request, "cdop/notify_check.html", context)


@login_not_required
@never_cache
def notify_sent(request):
    sent = request.session.pop(REFERENCE_KEY, None)
    if not isinstance(sent, dict) or not sent.get("reference"):
        return redirect("cdop-notify")
    return render(request, "cdop/notify_sent.html", sent)


def form_b_page(request, form_b, *, by, after_submit, document_url):
    """The Form B questions, for a link holder or a signed-in agency user: save a draft or submit, attaching or
    removing documents. `document_url(attachment)` is where this person downloads one."""
    form = FormBForm(request.POST or None, request.FILES or None, record=form_b, initial=FormBForm.initial_for(form_b))
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        with refusal_shown(form):
            services_form_b.form_b_save(
                form_b=form_b,
                answers=form.answers(),
                submit=submit,
                version=form.cleaned_data["version"],
                by=by,
                attach=form.attach(),
                remove=form.cleaned_data.get("remove_attachments", []),
            )
            if submit:
                messages.success(request, f"Form B for {form_b.case.reference} is submitted. Thank you.")
                return redirect(after_submit)
            messages.success(request, "Your draft is saved. Come back to it with the same link before it expires.")
            return redirect(request.path)
    documents = [(document, document_url(document)) for document in form_b.attachments.all()]
    context = {
        "form": form,
        "form_b": form_b,
        "documents": documents,
        "heading": f"Form B for {form_b.case.reference}",
    }
    return render(request, "cdop/form_b_form.html", context)


def _link_holders_form_b(pk, token):
    return services_form_b.form_b_from_token(pk=pk, token=token)


def _no_link(request, invalid: services_form_b.FormBLinkInvalid):
    if isinstance(invalid, services_form_b.FormBNoLongerNeeded):
        context = {"cdop_email": SiteSettings.current().cdop_email}
        return render(request, "cdop/form_b_no_longer_needed.html", context, status=410)
    return render(request, "cdop/form_b_link_invalid.html", status=400)


@login_not_required
@never_cache
def form_b_link(request, pk, token):
    try:
        form_b = _link_holders_form_b(pk, token)
    except services_form_b.FormBLinkInvalid as invalid:
        return _no_link(request, invalid)

    def document_url(document):
        return reverse("cdop-form-b-link-document", args=[form_b.pk, token, document.pk])

    return form_b_page(request, form_b, by=None, after_submit="cdop-form-b-done", document_url=document_url)


@login_not_required
@never_cache
def form_b_link_document(request, pk, token, document):
    """A document attached to the Form B, for the link holder while the link works (the download is recorded)."""
    try:
        form_b = _link_holders_form_b(pk, token)
    except services_form_b.FormBLinkInvalid as invalid:
        return _no_link(request, invalid)
    found = FormBAttachment.objects.filter(form_b=form_b, pk=document).first()
    if found is None:
        raise Http404
    return private_file_response(request, found.file, subject=form_b, download_name=found.file_name)


@login_not_required
@never_cache
def form_b_done(request):
    return render(request, "cdop/form_b_done.html")
