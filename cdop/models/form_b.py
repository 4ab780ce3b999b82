"""Form B: one agency's reporting form about a case."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone

from cdop.models.cases import LONG, SHORT, ChildDeathCase
from cdop.permissions import MANAGE_CASES
from partnership.locking import Versioned
from partnership.workflow import Clock, Machine, Move

FORM_B_DUE = "cdop.form_b_due"

FORM_B_SECTIONS = [
    ("involvement", "The agency's involvement with the child and family"),
    ("death_circumstances", "Circumstances of the death (mode, place, resuscitation)"),
    ("health_development", "The child's health and development"),
    ("family_environment", "Family and environment"),
    ("parenting_capacity", "Parenting capacity"),
    ("services", "Services provided and any barriers to access"),
    ("bereavement_support", "Bereavement support offered"),
    ("deprivation", "Deprivation factors"),
]


@pghistory.track(exclude=["nonce"])
class FormBRequest(Versioned):
    """One agency's reporting form (Form B) about a case, sent to a named professional by a signed link.

    Its stages and moves are declared in `FORM_B_REQUEST_STAGES` below (services in `cdop.services_form_b`).
    """

    retention_from = "case__closed_on"

    class Stage(models.TextChoices):
        SENT = "sent", "Sent"
        DRAFT = "draft", "Draft saved"
        SUBMITTED = "submitted", "Submitted"
        REVOKED = "revoked", "Withdrawn"

    case = models.ForeignKey(ChildDeathCase, on_delete=models.PROTECT, related_name="form_b_requests")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    professional_name = models.CharField(max_length=SHORT)
    professional_email = models.EmailField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SENT, db_index=True)
    nonce = models.CharField(max_length=40, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The answers
    contact_name = models.CharField("reporting contact", max_length=SHORT, blank=True)
    contact_details = models.CharField("contact telephone or email", max_length=SHORT, blank=True)
    involvement = models.TextField(max_length=LONG, blank=True)
    death_circumstances = models.TextField(max_length=LONG, blank=True)
    health_development = models.TextField(max_length=LONG, blank=True)
    family_environment = models.TextField(max_length=LONG, blank=True)
    parenting_capacity = models.TextField(max_length=LONG, blank=True)
    services = models.TextField(max_length=LONG, blank=True)
    bereavement_support = models.TextField(max_length=LONG, blank=True)
    deprivation = models.TextField(max_length=LONG, blank=True)
    not_known = ArrayField(
        models.CharField(max_length=30, choices=FORM_B_SECTIONS),
        default=list,
        blank=True,
        help_text="Sections marked not known.",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "Form B request"

    def __str__(self):
        return f"Form B: {self.organisation} for {self.case.reference}"

    def get_absolute_url(self):
        return reverse("cdop-form-b", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in (self.Stage.SENT, self.Stage.DRAFT)

    def answers(self) -> list[tuple[str, str]]:
        return [
            (label, "Not known" if name in self.not_known else getattr(self, name)) for name, label in FORM_B_SECTIONS
        ]


_FORM_B = FormBRequest.Stage
_OPEN = (_FORM_B.SENT, _FORM_B.DRAFT)

# Saving again a draft already saved, and sending a new link for an open request, change no stage (`lock`).
FORM_B_REQUEST_STAGES = Machine(
    "cdop.FormBRequest",
    FormBRequest.Stage,
    noun="the Form B request",
    clocks=(
        Clock(
            FORM_B_DUE,
            "Form B from {subject.organisation} for {subject.case.reference}",
            audience=MANAGE_CASES,
            organisation="organisation",
        ),
    ),
    moves=[
        Move(
            "send",
            "ask an agency for Form B",
            (),
            _FORM_B.SENT,
            MANAGE_CASES,
            starts=(FORM_B_DUE,),
            done="Sent to the professional",
        ),
        Move("save_draft", "save a draft of the Form B", (_FORM_B.SENT,), _FORM_B.DRAFT, None, done="Draft saved"),
        Move("submit", "submit the Form B", _OPEN, _FORM_B.SUBMITTED, None, stops=(FORM_B_DUE,), done="Submitted"),
        Move(
            "withdraw",
            "withdraw the Form B request",
            _OPEN,
            _FORM_B.REVOKED,
            MANAGE_CASES,
            cancels=(FORM_B_DUE,),
            done="Withdrawn",
        ),
        Move(
            "send_again",
            "send the withdrawn request again",
            (_FORM_B.REVOKED,),
            _FORM_B.SENT,
            MANAGE_CASES,
            starts=(FORM_B_DUE,),
            done="Sent again",
        ),
        Move(
            "send_again_with_draft",
            "send the withdrawn request again with its draft",
            (_FORM_B.REVOKED,),
            _FORM_B.DRAFT,
            MANAGE_CASES,
            starts=(FORM_B_DUE,),
            done="Sent again, with the draft saved before",
        ),
    ],
)
