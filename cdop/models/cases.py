"""The child death case: notification, immediate decisions, the identity apart, the Joint Agency Response."""

from datetime import datetime, time, timedelta

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from cdop.choices import (
    AGE_BANDS,
    DEPRIVATION_DECILES,
    Borough,
    Ethnicity,
    JarTrigger,
    ModeOfDeath,
    PostMortem,
    Sex,
    postcode_normalised,
    residence,
)
from cdop.permissions import MANAGE_CASES
from partnership.links import pk_url
from partnership.locking import Versioned
from partnership.workflow import Clock, Machine, Move

SHORT = 200
LONG = 5000


def postcode_valid(value: str) -> None:
    """A stored postcode is already normalised (`postcode_normalised`): capitals, one space."""
    if value and postcode_normalised(value) != value:
        raise ValidationError("Enter a real postcode, for example N11 1NP")


# Stages of a case that is not a death of its own (a duplicate notification merged into another case): never
# counted in figures or exported. The one place that says so; `ChildDeathCaseQuerySet.counted` reads it.
UNCOUNTED_STAGES = ("merged",)


class ChildDeathCaseQuerySet(models.QuerySet):
    def counted(self):
        """The cases that are deaths of their own: what figures count and the national data set exports."""
        return self.exclude(stage__in=UNCOUNTED_STAGES)


@pghistory.track()
class ChildDeathCase(Versioned):
    """One child's death, from notification to the panel's analysis. Shown everywhere by pseudonym and reference;
    the identifying details are apart, in `ChildIdentity`, and only the coordinator sees them.

    Its stages and moves are declared in `CHILD_DEATH_CASE_STAGES` below (services in `cdop.services`).
    """

    retention_from = "closed_on"

    class Stage(models.TextChoices):
        NOTIFIED = "notified", "Notified"
        GATHERING = "gathering", "Gathering information"
        REVIEW_MEETING = "review_meeting", "Review meeting"
        PANEL = "panel", "With the panel"
        CLOSED = "closed", "Closed"
        MERGED = "merged", "Merged into another case"

    reference = models.CharField(max_length=20, unique=True)
    pseudonym = models.CharField(max_length=40, unique=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOTIFIED, db_index=True)
    borough = models.CharField(max_length=20, choices=Borough.choices, db_index=True)
    local_authority = models.CharField(
        "local authority of residence", max_length=SHORT, blank=True, help_text="When outside North Central London."
    )
    sex = models.CharField(max_length=20, choices=Sex.choices)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices)
    age_band = models.CharField(max_length=20, choices=AGE_BANDS)
    date_of_death = models.DateField()
    time_of_death = models.TimeField(null=True, blank=True)
    death_known_at = models.DateTimeField(
        "when the death became known to the notifier",
        null=True,
        blank=True,
        help_text="Only when later than the death.",
    )
    place_of_death = models.CharField(max_length=SHORT)
    death_expected = models.BooleanField("expected death", null=True, blank=True)
    post_mortem = models.CharField(max_length=20, choices=PostMortem.choices)
    cause_if_known = models.TextField(max_length=LONG, blank=True)
    circumstances = models.TextField(max_length=LONG)
    other_children_at_risk = models.TextField(max_length=LONG, blank=True)
    other_reviews = models.TextField(max_length=LONG, blank=True)
    professionals_in_life = models.TextField(max_length=LONG, blank=True)
    professionals_after_death = models.TextField(max_length=LONG, blank=True)
    notifier_name = models.CharField(max_length=SHORT)
    notifier_role = models.CharField(max_length=SHORT)
    notifier_organisation = models.CharField(max_length=SHORT)
    notifier_email = models.EmailField()
    notifier_phone = models.CharField(max_length=40, blank=True)
    notified_at = models.DateTimeField(default=timezone.now)
    # Immediate decisions
    jar_needed = models.BooleanField("Joint Agency Response needed", null=True, blank=True)
    jar_triggers = ArrayField(models.CharField(max_length=30, choices=JarTrigger.choices), default=list, blank=True)
    abuse_suspected = models.BooleanField("abuse or neglect suspected", null=True, blank=True)
    coroner_involved = models.BooleanField("referred to the coroner", null=True, blank=True)
    referral_reference = models.CharField("serious incident referral", max_length=60, blank=True)
    consideration_case = models.ForeignKey(
        "reviews.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_death_cases",
        verbose_name="serious incident case for consideration",
    )
    referred_on = models.DateField(null=True, blank=True)
    triaged_on = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Meetings and panel
    review_meeting_on = models.DateField("child death review meeting", null=True, blank=True)
    panel_meeting_on = models.DateField("panel meeting", null=True, blank=True)
    panel_summary = models.TextField(
        max_length=LONG, blank=True, help_text="Anonymised: no name, address or NHS number."
    )
    # Duplicate notifications: the open case a notification matched when it came in, and the case it was merged into.
    possible_duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="possible_duplicates"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_duplicates"
    )
    merge_reason = models.TextField(max_length=LONG, blank=True)
    closed_on = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Death details for the national data set, recorded by the coordinator
    mode_of_death = models.CharField(max_length=20, choices=ModeOfDeath.choices, blank=True)
    deprivation_decile = models.PositiveSmallIntegerField(
        "deprivation decile",
        choices=DEPRIVATION_DECILES,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        null=True,
        blank=True,
        help_text="Index of Multiple Deprivation decile of the home postcode (1 most deprived); blank: not known.",
    )

    objects = ChildDeathCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_at", "-pk"]
        # The case list (latest notified first, the export oldest first) and the figures'
        # date ranges (issue 15: every list's filter and order read through an index). A reference typed in part
        # is found through the pattern index Django gives the unique `reference`.
        indexes = [
            models.Index(fields=["-notified_at", "-id"], name="cdop_case_notified"),
            models.Index(fields=["date_of_death"], name="cdop_case_date_of_death"),
            models.Index(fields=["closed_on"], name="cdop_case_closed_on"),
        ]
        permissions = [
            ("manage_cases", "Can manage child death cases and see identifying details"),
            ("view_panel", "Can see anonymised child death cases"),
            ("record_analysis", "Can record the panel's analysis"),
            ("complete_form_b", "Can complete their organisation's Form B"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.pseudonym})"

    def get_absolute_url(self):
        return pk_url("cdop-case", self.pk)

    def clean(self):
        super().clean()
        if self.borough == Borough.OUTSIDE and not self.local_authority.strip():
            raise ValidationError({"local_authority": "Enter the local authority where the child normally lived"})

    def residence(self) -> str:
        return residence(self.borough, self.local_authority)

    def died_at(self) -> datetime:
        """The moment of death: the date and, when given, the time (the start of the day otherwise)."""
        return timezone.make_aware(datetime.combine(self.date_of_death, self.time_of_death or time.min))

    def clocks_from(self) -> datetime:
        """The joint agency response clocks and the notification's promptness run from the death, or from when
        it became known when that is later (DOMAIN)."""
        died = self.died_at()
        return max(died, self.death_known_at) if self.death_known_at else died

    @property
    def notified_late(self) -> bool:
        """Notified more than `CDOP_NOTIFICATION_HOURS` after the death (or after it became known)."""
        return self.notified_at > self.clocks_from() + timedelta(hours=settings.CDOP_NOTIFICATION_HOURS)

    def jar_trigger_labels(self) -> list[str]:
        return [JarTrigger(trigger).label for trigger in self.jar_triggers]


TRIAGE = "cdop.triage"
JAR_HOME_VISIT = "cdop.jar_home_visit"
JAR_MEETING = "cdop.jar_meeting"
_CASE = ChildDeathCase.Stage

# The Joint Agency Response clocks run on the response itself (`JointAgencyResponse`), opened by the immediate
# decisions when an unexpected death meets a trigger, and met by recording the visit and the first meeting.
CHILD_DEATH_CASE_STAGES = Machine(
    "cdop.ChildDeathCase",
    ChildDeathCase.Stage,
    noun="the case",
    clocks=(
        Clock(TRIAGE, "Make the immediate decisions on {subject.reference}", audience=MANAGE_CASES),
        Clock(JAR_HOME_VISIT, "Joint Agency Response home visit for {subject.case.reference}", MANAGE_CASES),
        Clock(JAR_MEETING, "Joint Agency Response first meeting for {subject.case.reference}", MANAGE_CASES),
    ),
    moves=[
        Move("notify", "notify a child's death", (), _CASE.NOTIFIED, None, starts=(TRIAGE,), done="Notified"),
        Move(
            "triage",
            "make the immediate decisions",
            (_CASE.NOTIFIED,),
            _CASE.GATHERING,
            MANAGE_CASES,
            stops=(TRIAGE,),
            done="Immediate decisions made",
        ),
        Move(
            "set_review_meeting",
            "set the child death review meeting",
            (_CASE.GATHERING,),
            _CASE.REVIEW_MEETING,
            MANAGE_CASES,
            done="Review meeting set",
        ),
        Move(
            "send_to_panel",
            "send the case to the panel",
            (_CASE.GATHERING, _CASE.REVIEW_MEETING),
            _CASE.PANEL,
            MANAGE_CASES,
            done="Sent to the panel",
        ),
        Move("close", "close the case", (_CASE.PANEL,), _CASE.CLOSED, MANAGE_CASES, done="Closed, analysis complete"),
        Move(
            "merge",
            "merge the duplicate notification into the case it repeats",
            (_CASE.NOTIFIED, _CASE.GATHERING),
            _CASE.MERGED,
            MANAGE_CASES,
            cancels=(TRIAGE,),
            done="Merged into another case",
        ),
    ],
)


@pghistory.track()
class ChildIdentity(Versioned):
    """The identifying details of the child, held apart from the case; every view is in the access log."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(ChildDeathCase, on_delete=models.PROTECT, related_name="identity")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, help_text="Blank: not available.")
    address = models.TextField(max_length=1000)
    postcode = models.CharField(
        max_length=8, blank=True, validators=[postcode_valid], help_text="Normalised, e.g. N11 1NP; blank: not known."
    )
    gp = models.CharField("GP practice", max_length=SHORT, blank=True)
    parental_responsibility = models.TextField(max_length=1000)

    class Meta:
        verbose_name_plural = "child identities"

    def __str__(self):
        return f"Identifying details of {self.case.reference}"


@pghistory.track()
class JointAgencyResponse(Versioned):
    """The Joint Agency Response to an unexpected death: home visit and first meeting, who came, what follows."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(ChildDeathCase, on_delete=models.PROTECT, related_name="jar")
    home_visit_at = models.DateTimeField("home or scene visit", null=True, blank=True)
    first_meeting_at = models.DateTimeField("first multi-agency meeting", null=True, blank=True)
    attended = models.TextField("who attended", max_length=LONG, blank=True)
    actions = models.TextField(max_length=LONG, blank=True)

    def __str__(self):
        return f"Joint Agency Response for {self.case.reference}"

    def get_absolute_url(self):
        return pk_url("cdop-case", self.case_id)  # no query for the case
