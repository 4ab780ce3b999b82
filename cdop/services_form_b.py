"""Form B: one agency's report, requested from a named professional by a signed, expiring, single-request link.

The link carries the request's id and a nonce stored on the request; re-sending or withdrawing replaces the nonce,
so every older link stops working. `django.core.signing` dates the link, so it also expires.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cdop.models import FORM_B_SECTIONS, ChildDeathCase, FormBRequest
from cdop.permissions import MANAGE_CASES
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.locking import check_version
from partnership.models import Organisation, User
from partnership.notify import email_on_commit
from partnership.services import deadline_cancel, deadline_meet, deadline_open

SALT = "cdop.form_b"
FORM_B_DUE = "cdop.form_b_due"
Stage = FormBRequest.Stage
ANSWER_FIELDS = ["contact_name", "contact_details", *[name for name, _ in FORM_B_SECTIONS], "not_known"]


class FormBLinkInvalid(Exception):
    """The link is expired, tampered with, withdrawn, for another request or already used."""


def form_b_token(request: FormBRequest) -> str:
    return signing.dumps({"r": request.pk, "n": request.nonce}, salt=SALT)


def form_b_link(request: FormBRequest) -> str:
    return absolute_url(reverse("cdop-form-b-link", args=[request.pk, form_b_token(request)]))


def form_b_from_token(*, pk: int, token: str) -> FormBRequest:
    """The open request this link is good for, or `FormBLinkInvalid`."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.CDOP_FORM_B_LINK_DAYS))
        request = FormBRequest.objects.select_related("case", "organisation").get(pk=data["r"])
    except (signing.BadSignature, FormBRequest.DoesNotExist, KeyError, TypeError) as error:
        raise FormBLinkInvalid from error
    if request.pk != pk or not secrets.compare_digest(str(data.get("n", "")), request.nonce):
        raise FormBLinkInvalid
    if not request.is_open:
        raise FormBLinkInvalid
    return request


def _email_link(request: FormBRequest) -> None:
    email_on_commit(
        to=[request.professional_email],
        subject=f"Child death review: please complete Form B for {request.case.reference}",
        template="cdop/email/form_b_send.txt",
        context={
            "request": request,
            "link": form_b_link(request),
            "link_days": settings.CDOP_FORM_B_LINK_DAYS,
        },
    )


def _open_clock(request: FormBRequest) -> None:
    deadline_open(
        subject=request,
        kind=FORM_B_DUE,
        title=f"Form B from {request.organisation} for {request.case.reference}",
        due_on=request.due_on,
        audience_permission=MANAGE_CASES,
        organisation=request.organisation,
    )


def _save_and_send(request: FormBRequest) -> FormBRequest:
    """Save a request that has a fresh link, (re)open its clock and email the link to the professional."""
    request.full_clean()
    request.save()
    _open_clock(request)
    _email_link(request)
    return request


@transaction.atomic
def form_b_send(
    *, case: ChildDeathCase, organisation: Organisation, professional_name: str, professional_email: str, by: User
) -> FormBRequest:
    if case.stage not in (ChildDeathCase.Stage.GATHERING, ChildDeathCase.Stage.REVIEW_MEETING):
        raise Refusal("Form B is requested once the immediate decisions are made and until the panel.")
    request = FormBRequest(
        case=case,
        organisation=organisation,
        professional_name=professional_name,
        professional_email=professional_email.lower(),
        nonce=secrets.token_urlsafe(24),
        due_on=timezone.localdate() + timedelta(days=settings.CDOP_FORM_B_DUE_DAYS),
        sent_by=by,
    )
    return _save_and_send(request)


@transaction.atomic
def form_b_resend(*, request: FormBRequest, by: User) -> FormBRequest:
    """A fresh link (older ones stop working). A withdrawn request opens again with a new due date."""
    if request.stage == Stage.SUBMITTED:
        raise Refusal("This Form B has been submitted: there is nothing to send again.")
    if request.stage == Stage.REVOKED:
        request.stage = Stage.DRAFT if any(getattr(request, name) for name in ANSWER_FIELDS) else Stage.SENT
        request.revoked_at = None
        request.due_on = timezone.localdate() + timedelta(days=settings.CDOP_FORM_B_DUE_DAYS)
    request.nonce = secrets.token_urlsafe(24)
    request.sent_at = timezone.now()
    return _save_and_send(request)


@transaction.atomic
def form_b_revoke(*, request: FormBRequest, by: User) -> FormBRequest:
    if not request.is_open:
        raise Refusal(f"This Form B is {request.get_stage_display().lower()}: it cannot be withdrawn.")
    request.stage = Stage.REVOKED
    request.revoked_at = timezone.now()
    request.nonce = secrets.token_urlsafe(24)
    request.save()
    deadline_cancel(subject=request)
    return request


@transaction.atomic
def form_b_save(*, request: FormBRequest, answers: dict, submit: bool, version: int | None, by: User | None):
    """Save the practitioner's answers as a draft, or submit them: then every section must be answered or
    marked not known, and the form is locked."""
    check_version(request, version)
    request = FormBRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise Refusal("This Form B can no longer be changed.")
    for name in ANSWER_FIELDS:
        setattr(request, name, answers.get(name, [] if name == "not_known" else ""))
    request.full_clean()
    if submit:
        missing = [
            label
            for name, label in FORM_B_SECTIONS
            if name not in request.not_known and not getattr(request, name).strip()
        ]
        if missing or not request.contact_name.strip():
            raise ValidationError(
                "Before submitting, give the reporting contact and answer each section or mark it not known. "
                "Still to do: " + ", ".join(([] if request.contact_name.strip() else ["reporting contact"]) + missing)
            )
        request.stage = Stage.SUBMITTED
        request.submitted_at = timezone.now()
        request.save()
        deadline_meet(subject=request, kind=FORM_B_DUE, by=by)
        return request
    request.stage = Stage.DRAFT
    request.save()
    return request
