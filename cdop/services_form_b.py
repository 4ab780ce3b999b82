"""Form B: one agency's report, requested from a named professional by a signed, expiring, single-request link.

The link carries the request's id and a nonce stored on the request; re-sending or withdrawing replaces the nonce,
so every older link stops working. `django.core.signing` dates the link, so it also expires.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cdop.choices import SUDI_AGE_BANDS
from cdop.emails import cdop_email
from cdop.models import FORM_B_DUE, FORM_B_FIELDS, OPEN_STAGES, ChildDeathCase, FormBAttachment, FormBRequest
from cdop.models.form_b_questions import missing_at_submission
from partnership.errors import Refusal
from partnership.links import absolute_url
from partnership.models import Organisation, User
from partnership.workflow import advance, lock, start

SALT = "cdop.form_b"
Stage = FormBRequest.Stage
ANSWER_FIELDS = ["contact_name", "contact_details", *FORM_B_FIELDS, "not_known"]


class FormBLinkInvalid(Exception):
    """The link is expired, tampered with, withdrawn, for another request or already used."""


class FormBNoLongerNeeded(FormBLinkInvalid):
    """A genuine link to a request withdrawn because its case closed: the holder is told so, never shown the form."""


def form_b_token(form_b: FormBRequest) -> str:
    return signing.dumps({"r": form_b.pk, "n": form_b.nonce}, salt=SALT)


def form_b_link(form_b: FormBRequest) -> str:
    return absolute_url(reverse("cdop-form-b-link", args=[form_b.pk, form_b_token(form_b)]))


def form_b_from_token(*, pk: int, token: str) -> FormBRequest:
    """The open request this link is good for, or `FormBLinkInvalid`."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.CDOP_FORM_B_LINK_DAYS))
        form_b = FormBRequest.objects.select_related("case", "organisation").get(pk=data["r"])
    except (signing.BadSignature, FormBRequest.DoesNotExist, KeyError, TypeError) as error:
        raise FormBLinkInvalid from error
    if form_b.pk != pk:
        raise FormBLinkInvalid
    if form_b.stage == Stage.REVOKED and form_b.case.stage == ChildDeathCase.Stage.CLOSED:
        raise FormBNoLongerNeeded
    if not secrets.compare_digest(str(data.get("n", "")), form_b.nonce):
        raise FormBLinkInvalid
    if not form_b.is_open:
        raise FormBLinkInvalid
    return form_b


def _email_link(form_b: FormBRequest, *, returned: bool = False) -> None:
    reference = form_b.case.reference
    cdop_email(
        to=[form_b.professional_email],
        subject=f"Child death review: Form B for {reference} is returned for changes"
        if returned
        else f"Child death review: please complete Form B for {reference}",
        template="cdop/email/form_b_returned.txt" if returned else "cdop/email/form_b_send.txt",
        context={
            "form_b": form_b,
            "link": form_b_link(form_b),
            "link_days": settings.CDOP_FORM_B_LINK_DAYS,
        },
    )


def _due_on():
    return timezone.localdate() + timedelta(days=settings.CDOP_FORM_B_DUE_DAYS)


@transaction.atomic
def form_b_send(
    *,
    case: ChildDeathCase,
    organisation: Organisation,
    professional_name: str,
    professional_email: str,
    by: User,
    sudi_needed: bool = False,
) -> FormBRequest:
    """Ask a named professional for their agency's Form B, while the case gathers information (its row locked).
    The SUDI supplement is asked for an infant (under one), or whenever the coordinator ticks it."""
    lock(
        case,
        stages=(ChildDeathCase.Stage.GATHERING, ChildDeathCase.Stage.REVIEW_MEETING),
        doing="ask an agency for Form B",
    )
    form_b = FormBRequest(
        case=case,
        organisation=organisation,
        professional_name=professional_name,
        professional_email=professional_email.lower(),
        nonce=secrets.token_urlsafe(24),
        due_on=_due_on(),
        sent_by=by,
        sudi_needed=sudi_needed or case.age_band in SUDI_AGE_BANDS,
    )
    form_b.full_clean()
    form_b.save()
    start(form_b, "send", by=by, due={FORM_B_DUE: form_b.due_on})
    _email_link(form_b)
    return form_b


@transaction.atomic
def form_b_resend(*, form_b: FormBRequest, by: User) -> FormBRequest:
    """A fresh link (older ones stop working). A withdrawn request opens again with a new due date, as a draft
    when the professional had saved answers."""
    if form_b.stage == Stage.REVOKED:
        if form_b.case.stage == ChildDeathCase.Stage.CLOSED:
            raise Refusal("The case is closed: its Form B requests cannot be sent again.")
        kept_draft = any(getattr(form_b, name) for name in ANSWER_FIELDS)
        due_on = _due_on()
        with advance(
            form_b, "send_again_with_draft" if kept_draft else "send_again", by=by, due={FORM_B_DUE: due_on}
        ) as form_b:
            form_b.revoked_at, form_b.due_on = None, due_on
            _new_link(form_b)
    else:
        form_b = lock(form_b, stages=OPEN_STAGES, doing="send a new link")
        _new_link(form_b)
        form_b.full_clean()
        form_b.save()
    _email_link(form_b)
    return form_b


def _new_link(form_b: FormBRequest) -> None:
    form_b.nonce = secrets.token_urlsafe(24)
    form_b.sent_at = timezone.now()


@transaction.atomic
def form_b_revoke(*, form_b: FormBRequest, by: User) -> FormBRequest:
    """Withdraw a request: its link stops working and its clock is cancelled."""
    with advance(form_b, "withdraw", by=by) as form_b:
        form_b.revoked_at = timezone.now()
        form_b.nonce = secrets.token_urlsafe(24)
    return form_b


@transaction.atomic
def form_b_return(*, form_b: FormBRequest, reason: str, by: User) -> FormBRequest:
    """Return a submitted Form B to the agency for changes: its clock starts again, and the professional gets a
    fresh link (older ones stop working) with the reason, which the form shows until they submit again."""
    if not reason.strip():
        raise Refusal("Say why the Form B is returned: the professional reads it with the form.")
    due_on = timezone.localdate() + timedelta(days=settings.CDOP_FORM_B_RETURN_DAYS)
    with advance(form_b, "return_for_changes", by=by, due={FORM_B_DUE: due_on}, note=reason) as form_b:
        form_b.return_reason, form_b.returned_at, form_b.due_on = reason.strip(), timezone.now(), due_on
        _new_link(form_b)
    _email_link(form_b, returned=True)
    return form_b


@transaction.atomic
def form_b_save(
    *,
    form_b: FormBRequest,
    answers: dict,
    submit: bool,
    version: int | None,
    by: User | None,
    attach: tuple[str, object] | None = None,
    remove: list[int] | tuple = (),
):
    """Save the practitioner's answers as a draft, or submit them: then every section must be answered or
    marked not known (`REQUIRED_AT_SUBMISSION`), and the form is locked. `attach` is a (kind, file) to attach,
    `remove` the ids of attached documents to take off. The link (or the agency user's access) is checked by
    the view."""
    if submit:
        with advance(form_b, "submit", by=by, version=version) as form_b:
            _answer(form_b, answers)
            _documents(form_b, attach, remove, by)
            _refuse_unless_complete(form_b)
            form_b.submitted_at = timezone.now()
        return form_b
    if form_b.stage == Stage.SENT:
        with advance(form_b, "save_draft", by=by, version=version) as form_b:
            _answer(form_b, answers)
            _documents(form_b, attach, remove, by)
        return form_b
    form_b = lock(form_b, version=version, stages=(Stage.DRAFT, Stage.RETURNED), doing="save the Form B")
    _answer(form_b, answers)
    _documents(form_b, attach, remove, by)
    form_b.full_clean()
    form_b.save()
    return form_b


def _answer(form_b: FormBRequest, answers: dict) -> None:
    for name in ANSWER_FIELDS:
        value = answers.get(name)
        setattr(form_b, name, _empty(name) if value in (None, "") else value)


def _empty(name: str):
    """What an unanswered question holds: no sections for `not_known`, None for a date or number, else ""."""
    if name == "not_known":
        return []
    return None if FormBRequest._meta.get_field(name).null else ""


def _documents(form_b: FormBRequest, attach, remove, by: User | None) -> None:
    """Take off the documents asked (their files go once the change is saved) and attach the new one."""
    for attachment in FormBAttachment.objects.filter(form_b=form_b, pk__in=list(remove)):
        file = attachment.file
        attachment.delete()
        transaction.on_commit(lambda file=file: file.storage.delete(file.name))
    if attach:
        kind, file = attach
        attachment = FormBAttachment(form_b=form_b, kind=kind, file=file, uploaded_by=by if by else None)
        attachment.full_clean()
        attachment.save()


def _refuse_unless_complete(form_b: FormBRequest) -> None:
    missing = missing_at_submission(form_b)
    if not form_b.contact_name.strip():
        missing.insert(0, "reporting contact")
    if missing:
        raise Refusal(
            "Before submitting, give the reporting contact and answer each section or mark it not known. "
            "Still to do: " + ", ".join(missing)
        )
