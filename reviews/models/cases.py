import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from partnership.links import pk_url
from partnership.locking import Versioned
from partnership.models import Organisation, Theme
from partnership.workflow import Clock, Machine, Move
from reviews.permissions import MANAGE_CASE, REFER_CHILD_DEATH

MAX_CHILDREN = 4

# The clocks a case's moves start and meet (deadlines on "My work", for the partnership manager).
SIN_DUE = "reviews.sin_due"
RAPID_REVIEW_DUE = "reviews.rapid_review_due"
LCSPR_COMPLETION = "reviews.lcspr_completion"


class Stage(models.TextChoices):
    REFERRED = "referred", "Case for consideration"
    NOTIFICATION = "notification", "Notification due"
    RAPID_REVIEW = "rapid_review", "Rapid review"
    WITH_PANEL = "with_panel", "Rapid review with the Panel"
    LCSPR = "lcspr", "Local review (LCSPR)"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class ConsiderationDecision(models.TextChoices):
    NOTIFY = "notify", "Notify the Panel"
    DO_NOT_NOTIFY = "do_not_notify", "Do not notify"
    OTHER_LEARNING = "other_learning", "Other learning"


class ReviewDecision(models.TextChoices):
    NATIONAL_REVIEW = "national_review", "National review recommended"
    LCSPR = "lcspr", "Local review (LCSPR)"
    OTHER_LEARNING = "other_learning", "Other learning"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


@pghistory.track()
class Case(Versioned):
    """One serious incident, from the referral (case for consideration) to its published review.

    Its stages and the moves between them are declared in `CASE_STAGES` below; each move is made by one service
    in `reviews.services`. Actions on recommendations go on after publication; a closed or published case stays
    on record.
    """

    retention_from = "closed_on"

    reference = models.CharField(max_length=20, unique=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REFERRED)
    referring_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField("date referred")
    summary = models.TextField(help_text="What happened, without names or other identifying details.")
    # The criteria checklist (Working Together 2023; regulation 11 for the local review).
    abuse_or_neglect = models.BooleanField("abuse or neglect of a child is known or suspected", default=False)
    death_or_serious_harm = models.BooleanField("the child has died or been seriously harmed", default=False)
    in_area = models.BooleanField(
        "in Barnet, or normally living in Barnet and the harm happened outside England", default=False
    )
    meeting_on = models.DateField("date of the statutory partners' meeting", null=True, blank=True)
    consideration_decision = models.CharField(max_length=20, choices=ConsiderationDecision.choices, blank=True)
    consideration_rationale = models.TextField(blank=True)
    decision = models.CharField(
        "decision after the rapid review", max_length=20, choices=ReviewDecision.choices, blank=True
    )
    decision_rationale = models.TextField(blank=True)
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    is_historic = models.BooleanField(default=False, help_text="A review published before the portal.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on", "-pk"]
        permissions = [
            ("read_case", "Can read serious incident cases"),
            ("manage_case", "Can run serious incident cases"),
            ("view_child_identity", "Can see children's identifying details"),
            ("sign_off_rapid_review", "Can sign off rapid reviews for their statutory partner"),
            ("report_action_progress", "Can report progress on their organisation's actions"),
        ]
        # The case list's order, on its own and within a stage (the stage filter; the stage counts on My work).
        indexes = [
            models.Index(fields=["-referred_on", "-id"], name="reviews_case_list"),
            models.Index(fields=["stage", "-referred_on", "-id"], name="reviews_case_stage_list"),
        ]

    def __str__(self):
        return f"{self.reference} {self.pseudonyms}".strip()

    def get_absolute_url(self):
        return pk_url("reviews:case-detail", self.pk)

    @property
    def pseudonyms(self) -> str:
        """The children's pseudonyms ("Child A and Child B"); uses prefetched children when there are, or the
        names gathered by the query (`child_pseudonyms`, as the CSV export reads them)."""
        names = getattr(self, "child_pseudonyms", None)
        if names is None:
            names = [child.pseudonym for child in self.children.all()]
        return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else "".join(names)


# The service that starts a case returns it under the name the referral has in the guidance.
CaseForConsideration = Case

# One machine for the whole case: the case for consideration, the notification, the rapid review and the LCSPR
# are its stages, not separate records with stages of their own. Where a decision picks the next stage, each
# outcome is its own move.
CASE_STAGES = Machine(
    "reviews.Case",
    Stage,
    noun="the case",
    clocks=(
        Clock(SIN_DUE, "Send the Serious Incident Notification for {subject.reference}", audience=MANAGE_CASE),
        Clock(RAPID_REVIEW_DUE, "Send the rapid review for {subject.reference} to the Panel", audience=MANAGE_CASE),
        Clock(LCSPR_COMPLETION, "Complete and publish the LCSPR for {subject.reference}", audience=MANAGE_CASE),
    ),
    moves=[
        Move("refer", "refer a case for consideration", (), Stage.REFERRED, MANAGE_CASE, done="Referred"),
        Move(
            "refer_child_death",
            "refer a child death for consideration",
            (),
            Stage.REFERRED,
            REFER_CHILD_DEATH,
            done="Referred by the child death overview panel",
        ),
        Move(
            "record_historic_review",
            "record a review published before the portal",
            (),
            Stage.PUBLISHED,
            MANAGE_CASE,
            done="Published (before the portal)",
        ),
        Move(
            "decide_to_notify",
            "decide to notify the Panel",
            (Stage.REFERRED,),
            Stage.NOTIFICATION,
            MANAGE_CASE,
            starts=(SIN_DUE,),
            done="Decided to notify the Panel",
        ),
        Move(
            "close_without_notifying",
            "close the case without notifying the Panel",
            (Stage.REFERRED,),
            Stage.CLOSED,
            MANAGE_CASE,
            done="Closed without notifying the Panel",
        ),
        Move(
            "send_notification",
            "send the notification",
            (Stage.NOTIFICATION,),
            Stage.RAPID_REVIEW,
            MANAGE_CASE,
            stops=(SIN_DUE,),
            starts=(RAPID_REVIEW_DUE,),
            done="Notification sent",
        ),
        Move(
            "close_care_leaver_notified",
            "record the notification of a care leaver's death",
            (Stage.NOTIFICATION,),
            Stage.CLOSED,
            MANAGE_CASE,
            stops=(SIN_DUE,),
            done="Notified (care leaver: no rapid review)",
        ),
        Move(
            "send_rapid_review",
            "send the rapid review to the Panel",
            (Stage.RAPID_REVIEW,),
            Stage.WITH_PANEL,
            MANAGE_CASE,
            stops=(RAPID_REVIEW_DUE,),
            done="Rapid review sent to the Panel",
        ),
        Move(
            "commission_lcspr",
            "commission an LCSPR",
            (Stage.WITH_PANEL,),
            Stage.LCSPR,
            MANAGE_CASE,
            starts=(LCSPR_COMPLETION,),
            done="LCSPR commissioned",
        ),
        Move(
            "close_after_the_panel",
            "close the case after the rapid review",
            (Stage.WITH_PANEL,),
            Stage.CLOSED,
            MANAGE_CASE,
            done="Closed after the rapid review",
        ),
        Move(
            "publish_lcspr",
            "publish the LCSPR",
            (Stage.LCSPR,),
            Stage.PUBLISHED,
            MANAGE_CASE,
            stops=(LCSPR_COMPLETION,),
            done="LCSPR published",
        ),
    ],
)


@pghistory.track()
class Child(models.Model):
    """A child in the incident, by pseudonym only. At most four per case."""

    retention_from = "case__closed_on"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="children")
    pseudonym = models.CharField(max_length=50, help_text='For example "Child A". Never a real name.')

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "children"

    def __str__(self):
        return self.pseudonym


@pghistory.track()
class ChildIdentity(models.Model):
    """A child's identifying details, held apart from the case and shown only to those who need them
    (permission `reviews.view_child_identity`); every viewing is logged with `access_record`."""

    retention_from = "child__case__closed_on"

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="identity")
    full_name = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=12, blank=True)
    address = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "child identities"

    def __str__(self):
        return f"Identifying details of {self.child}"
