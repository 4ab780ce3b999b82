"""Form B: one agency's reporting form about a case."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from cdop.choices import SleepPlace, SleepPosition, YesNoNotKnown
from cdop.models.cases import LONG, SHORT, ChildDeathCase
from cdop.models.form_b_questions import FORM_B_SECTIONS, answer_text, parts_for, question
from cdop.permissions import MANAGE_CASES
from partnership.links import pk_url
from partnership.locking import Versioned
from partnership.workflow import Clock, Machine, Move

FORM_B_DUE = "cdop.form_b_due"
# Stages in which the professional can still answer (the clock runs).
OPEN_STAGES = ("sent", "draft", "returned")
WHOLE_SECTION = "The whole section"


def _yes_no(words: str) -> models.CharField:
    return models.CharField(words, max_length=20, choices=YesNoNotKnown.choices, blank=True)


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
        RETURNED = "returned", "Returned for changes"
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
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField("reason for returning it", max_length=LONG, blank=True)
    sudi_needed = models.BooleanField(
        "SUDI/SUDC supplement needed",
        default=False,
        help_text="Ask the sudden unexpected death in infancy questions (set when the request is sent).",
    )
    # The answers, section by section (`cdop.models.form_b_questions` declares the sections).
    contact_name = models.CharField("reporting contact", max_length=SHORT, blank=True)
    contact_details = models.CharField("contact telephone or email", max_length=SHORT, blank=True)
    # Background: the agency's involvement
    first_contact_on = models.DateField("date of the agency's first contact with the child", null=True, blank=True)
    last_contact_on = models.DateField("date of the agency's last contact with the child", null=True, blank=True)
    involvement = models.TextField("nature of the agency's involvement", max_length=LONG, blank=True)
    death_circumstances = models.TextField(
        "what the agency knows of the death (mode, place, resuscitation)", max_length=LONG, blank=True
    )
    # The child's health
    birth_weight_grams = models.PositiveIntegerField(
        "birth weight in grams", null=True, blank=True, validators=[MinValueValidator(200), MaxValueValidator(7000)]
    )
    gestation_weeks = models.PositiveSmallIntegerField(
        "gestation at birth in weeks", null=True, blank=True, validators=[MinValueValidator(22), MaxValueValidator(44)]
    )
    disability_or_life_limiting = _yes_no("known disability or life-limiting condition")
    immunisations_up_to_date = _yes_no("immunisations up to date")
    mental_health_concerns = _yes_no("concerns about the child's mental health")
    health_development = models.TextField("the child's health and development", max_length=LONG, blank=True)
    # Care and safeguarding
    child_protection_plan = _yes_no("subject to a child protection plan")
    looked_after = _yes_no("looked after by a local authority")
    child_in_need = _yes_no("a child in need")
    care_notes = models.TextField("care and safeguarding: more detail", max_length=LONG, blank=True)
    # Family and environment
    parental_mental_health = _yes_no("parental mental health problems")
    domestic_abuse = _yes_no("domestic abuse in the household")
    parental_substance_misuse = _yes_no("substance misuse by a parent or carer")
    housing_problems = _yes_no("housing problems")
    family_environment = models.TextField("family and environment", max_length=LONG, blank=True)
    parenting_capacity = models.TextField("parenting capacity", max_length=LONG, blank=True)
    deprivation = models.TextField("deprivation factors", max_length=LONG, blank=True)
    # Service provision
    services = models.TextField("services provided", max_length=LONG, blank=True)
    barriers_to_access = models.TextField("barriers to accessing services", max_length=LONG, blank=True)
    # Bereavement support
    bereavement_support = models.TextField("bereavement support offered", max_length=LONG, blank=True)
    # The sudden unexpected death in infancy (SUDI) supplement
    sleep_position = models.CharField(
        "position the infant was placed to sleep", max_length=20, choices=SleepPosition.choices, blank=True
    )
    sleep_place = models.CharField(
        "where the infant was sleeping", max_length=20, choices=SleepPlace.choices, blank=True
    )
    bed_sharing = _yes_no("sharing a bed or sofa with an adult or child")
    household_smoking = _yes_no("smoking in the household")
    carer_alcohol_or_drugs = _yes_no("alcohol or drug use by the carer at the time")
    sudi_notes = models.TextField("SUDI supplement: more detail", max_length=LONG, blank=True)
    not_known = ArrayField(
        models.CharField(max_length=30, choices=FORM_B_SECTIONS),
        default=list,
        blank=True,
        help_text="Sections marked not known.",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "Form B request"
        # The Form B list (`cdop.selectors.form_b_list`): outstanding soonest due first, the others by stage latest
        # sent first, or all latest sent first.
        indexes = [
            models.Index(
                fields=["due_on", "id"], condition=models.Q(stage__in=OPEN_STAGES), name="cdop_formb_open_due"
            ),
            models.Index(fields=["stage", "-sent_at", "-id"], name="cdop_formb_stage_sent"),
            models.Index(fields=["-sent_at", "-id"], name="cdop_formb_sent"),
        ]

    def __str__(self):
        return f"Form B: {self.organisation} for {self.case.reference}"

    def get_absolute_url(self):
        return pk_url("cdop-form-b", self.pk)

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each section asked, with its questions and answers in plain words (one line, "Not known", for a
        section the agency marked so), for pages and the panel pack."""
        return [(part.title, self._section_answers(part)) for part in parts_for(self)]

    def answers(self) -> list[tuple[str, str]]:
        """Every answer as (label, text): "<section>: <question>", or the section's title alone when it is
        marked not known; the SUDI supplement says when it was not asked."""
        rows = []
        for part in parts_for(self):
            if part.key in self.not_known:
                rows.append((part.title, "Not known"))
            else:
                rows += [(f"{part.title}: {asked}", answer) for asked, answer in self._section_answers(part)]
        if not self.sudi_needed:
            rows.append((dict(FORM_B_SECTIONS)["sudi"], "Not asked"))
        return rows

    def _section_answers(self, part) -> list[tuple[str, str]]:
        if part.key in self.not_known:
            return [(WHOLE_SECTION, "Not known")]
        return [(question(self, name), answer_text(self, name)) for name in part.fields]


_FORM_B = FormBRequest.Stage
_OPEN = (_FORM_B.SENT, _FORM_B.DRAFT, _FORM_B.RETURNED)

# Saving again a draft already saved (or a returned form), and sending a new link for an open request, change
# no stage (`lock`).
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
            "return_for_changes",
            "return the Form B to the agency for changes",
            (_FORM_B.SUBMITTED,),
            _FORM_B.RETURNED,
            MANAGE_CASES,
            starts=(FORM_B_DUE,),
            done="Returned for changes",
        ),
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
