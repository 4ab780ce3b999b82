"""Section 11 and VCFS self-assessments: tools as versioned data, cycles, returns and the partnership's review.

A `Tool` (Section 11 audit or VCFS checklist: one model, the kind is data) has `ToolVersion`s; a version holds
thematic `Area`s and their `Criterion`s. A published version never changes: the next year's tool is a new
version drafted from the last one. A `Cycle` runs one version for one year; opening it makes one `AuditReturn`
per invited organisation, and each return points at the version it was made on.
"""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

from audits.permissions import COMPLETE_RETURN, MANAGE_AUDITS
from partnership.files import DocumentValidator, private_storage, safe_download_name
from partnership.links import pk_url
from partnership.locking import Versioned
from partnership.models import Organisation
from partnership.workflow import Clock, Machine, Move

RETURN_DUE = "audits.return_due"

EVIDENCE_KINDS = ["pdf", "docx", "xlsx", "pptx", "odt", "png", "jpg"]


def evidence_path(instance, filename: str) -> str:
    """A folder of its own per upload, so the file keeps the name the organisation gave it."""
    return f"audits/evidence/{uuid.uuid4().hex}/{safe_download_name(filename)}"


http_only = URLValidator(schemes=["http", "https"], message="Enter a web address starting with http:// or https://")


class Rating(models.TextChoices):
    GREEN = "green", "Green: met, with evidence of impact"
    AMBER = "amber", "Amber: partly met, action with an owner and date"
    RED = "red", "Red: not met, priority action"
    NOT_APPLICABLE = "na", "Not applicable"

    @property
    def short(self) -> str:
        return {"green": "Green", "amber": "Amber", "red": "Red", "na": "N/A"}[self.value]


@pghistory.track()
class Tool(models.Model):
    """A self-assessment tool. Disabled, never deleted."""

    class Kind(models.TextChoices):
        SECTION_11 = "section_11", "Section 11 audit"
        VCFS = "vcfs", "VCFS safeguarding checklist"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def reference_prefix(self) -> str:
        """The prefix of its returns' references: "S11-2026-003", "VCFS-2026-014"."""
        return REFERENCE_PREFIXES[self.kind]


REFERENCE_PREFIXES = {Tool.Kind.SECTION_11: "S11", Tool.Kind.VCFS: "VCFS"}


@pghistory.track()
class ToolVersion(models.Model):
    """One version of a tool. Stages: draft (areas and criteria may change) -> published (immutable)."""

    class Stage(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    notes = models.TextField("what changed", blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["tool__name", "-number"]
        constraints = [models.UniqueConstraint(fields=["tool", "number"], name="one_version_number_per_tool")]

    def __str__(self):
        return f"{self.tool} version {self.number}"

    def get_absolute_url(self):
        return reverse("audits:version-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.stage == self.Stage.PUBLISHED


TOOL_VERSION_STAGES = Machine(
    "audits.ToolVersion",
    ToolVersion.Stage,
    noun="the version",
    moves=[
        Move("draft", "draft a new version of the tool", (), "draft", MANAGE_AUDITS, done="Drafted"),
        Move("publish", "publish this version", ("draft",), "published", MANAGE_AUDITS, done="Published"),
    ],
)


class _PartOfVersion(models.Model):
    """Areas and criteria belong to a version: once it is published they cannot change."""

    class Meta:
        abstract = True

    def _version(self) -> ToolVersion | None:
        """The version it belongs to; None while it is not linked to one yet (a form missing its choice)."""
        raise NotImplementedError

    def clean(self):
        version = self._version()
        if version is not None and version.is_published:
            raise ValidationError("This version of the tool is published and cannot change: draft a new version.")


@pghistory.track()
class Area(_PartOfVersion):
    """A thematic area (a standard) of a tool version, rated as a whole by the organisation."""

    version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="areas")
    position = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def _version(self):
        return self.version if self.version_id else None


@pghistory.track()
class Criterion(_PartOfVersion):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="criteria")
    position = models.PositiveIntegerField(default=1)
    text = models.TextField()
    guidance = models.TextField(blank=True)
    evidence_expected = models.TextField(blank=True)
    is_required = models.BooleanField("required", default=True)

    class Meta:
        ordering = ["area__position", "position", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self):
        return self.text[:80]

    def _version(self):
        return self.area._version() if self.area_id else None


@pghistory.track()
class Cycle(models.Model):
    """One year's run of a tool version. Stages: draft -> open (returns made, organisations emailed) -> closed."""

    class Stage(models.TextChoices):
        DRAFT = "draft", "Not opened yet"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="cycles")
    year = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    due_on = models.DateField()
    invited_types = ArrayField(
        models.CharField(max_length=30, choices=Organisation.Type.choices), default=list, blank=True
    )
    invited_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")  # fmt: skip
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["-year", "-opens_on", "-id"], name="cycle_list")]  # the list, newest first

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:cycle-detail", args=[self.pk])

    def clean(self):
        if self.version_id and not self.version.is_published:
            raise ValidationError({"version": "Choose a published version of the tool"})
        if self.opens_on and self.due_on and self.due_on <= self.opens_on:
            raise ValidationError({"due_on": "The due date must be after the opening date"})
        twins = Cycle.objects.filter(version__tool__versions=self.version_id, year=self.year).exclude(pk=self.pk)
        if self.version_id and self.year and (twin := twins.first()):  # one cycle a year per tool, any version
            raise ValidationError({"year": f"There is already a cycle of {self.version.tool} for {self.year}: {twin}"})


CYCLE_STAGES = Machine(
    "audits.Cycle",
    Cycle.Stage,
    noun="the cycle",
    moves=[
        Move("create", "create an audit cycle", (), "draft", MANAGE_AUDITS, done="Created"),
        Move("open", "open this cycle", ("draft",), "open", MANAGE_AUDITS,
             done="Opened: a return made for each invited organisation, and each emailed"),
        Move("close", "close this cycle", ("open",), "closed", MANAGE_AUDITS, done="Closed"),
    ],
)  # fmt: skip


@pghistory.track()
class AuditReturn(Versioned):
    """One organisation's self-assessment in one cycle, on the tool version the cycle ran.

    Its stages and moves are declared in `AUDIT_RETURN_STAGES` below. The organisation edits only while not
    started, in progress or returned for changes; the partnership reviews (feedback, moderated ratings) only while
    submitted. `reference` ("S11-2026-003") is given when the cycle opens.
    """

    retention_from = "cycle__closed_on"

    class Stage(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"
        ACCEPTED = "accepted", "Accepted"

    EDITABLE = (Stage.NOT_STARTED, Stage.IN_PROGRESS, Stage.RETURNED)

    reference = models.CharField(max_length=30, unique=True, editable=False)
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="returns")
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="returns")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="audit_returns")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED)
    submitted_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")  # fmt: skip
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")  # fmt: skip
    strengths = models.TextField(blank=True)
    areas_to_develop = models.TextField(blank=True)
    good_practice = models.TextField("good practice to share", blank=True)

    class Meta:
        ordering = ["cycle", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "organisation"], name="one_return_per_cycle")]
        # The returns list's order (newest cycle first, each cycle's returns as they were made) and its filters
        # (a stage, an organisation), a cycle's counts by stage, and "awaiting review" on My work (issue 15).
        indexes = [
            models.Index(fields=["-cycle", "id"], name="audit_return_list"),
            models.Index(fields=["stage", "-cycle", "id"], name="audit_return_stage_list"),
            models.Index(fields=["organisation", "-cycle", "id"], name="audit_return_org_list"),
            models.Index(fields=["cycle", "stage"], name="audit_return_cycle_stage"),
            models.Index(
                fields=["submitted_on", "id"], name="audit_return_awaiting", condition=models.Q(stage="submitted")
            ),
        ]
        permissions = [
            ("manage_audits", "Can run audit cycles and review every return"),
            ("complete_return", "Can fill in their own organisation's returns"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.cycle}"

    @property
    def is_editable(self) -> bool:
        return self.stage in self.EDITABLE

    def get_absolute_url(self):
        return pk_url("audits:return-detail", self.pk)


def of_its_organisation(user, audit_return: AuditReturn) -> bool:
    """Organisation users move only their own organisation's return (an administrator may move any)."""
    own = user.organisation_id is not None and user.organisation_id == audit_return.organisation_id
    return user.is_superuser or own


OWN_ONLY = "only a user of the return's own organisation may do this"

AUDIT_RETURN_STAGES = Machine(
    "audits.AuditReturn",
    AuditReturn.Stage,
    noun="the return",
    clocks=(Clock(RETURN_DUE, "{subject.cycle.title}: return {subject.reference} from {subject.organisation}",
                  audience=MANAGE_AUDITS, organisation="organisation"),),
    moves=[
        Move("open", "open the return", (), "not_started", MANAGE_AUDITS, starts=(RETURN_DUE,),
             done="Opened with the cycle"),
        Move("begin", "start the return", ("not_started",), "in_progress", COMPLETE_RETURN, of_its_organisation,
             OWN_ONLY, done="Started"),
        Move("submit", "submit the return", ("in_progress", "returned"), "submitted", COMPLETE_RETURN,
             of_its_organisation, OWN_ONLY, stops=(RETURN_DUE,), done="Submitted"),
        Move("send_back", "send the return back for changes", ("submitted",), "returned", MANAGE_AUDITS,
             starts=(RETURN_DUE,), done="Returned for changes"),
        Move("accept", "accept the return", ("submitted",), "accepted", MANAGE_AUDITS, done="Accepted"),
    ],
)  # fmt: skip


@pghistory.track()
class AreaResponse(Versioned):
    """The organisation's rating of one area, and the partnership's moderated rating and feedback beside it.
    Versioned: colleagues editing different areas of one return are not refused; the same area, stale, is."""

    retention_from = "audit_return__cycle__closed_on"

    audit_return = models.ForeignKey(AuditReturn, on_delete=models.PROTECT, related_name="area_responses")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    not_applicable_reason = models.TextField(blank=True)
    moderated_rating = models.CharField("partnership's rating", max_length=10, choices=Rating.choices, blank=True)
    feedback = models.TextField("partnership's feedback", blank=True)

    class Meta:
        ordering = ["area__position"]
        constraints = [models.UniqueConstraint(fields=["audit_return", "area"], name="one_response_per_area")]

    def __str__(self):
        return f"{self.audit_return}: {self.area}"


@pghistory.track()
class KeyAction(models.Model):
    retention_from = "area_response__audit_return__cycle__closed_on"

    area_response = models.ForeignKey(AreaResponse, on_delete=models.PROTECT, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField("by when")
    themes = models.ManyToManyField("partnership.Theme", blank=True, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.action[:80]


@pghistory.track()
class CriterionResponse(models.Model):
    """How the organisation meets one criterion, with an uploaded document or a link as evidence."""

    retention_from = "audit_return__cycle__closed_on"

    audit_return = models.ForeignKey(AuditReturn, on_delete=models.PROTECT, related_name="criterion_responses")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    how_met = models.TextField("how it is met", blank=True)
    evidence_file = models.FileField(
        storage=private_storage,
        upload_to=evidence_path,
        blank=True,
        validators=[DocumentValidator(EVIDENCE_KINDS)],
    )
    evidence_link = models.URLField(max_length=500, blank=True, validators=[http_only])

    class Meta:
        ordering = ["criterion__area__position", "criterion__position"]
        constraints = [models.UniqueConstraint(fields=["audit_return", "criterion"], name="one_response_per_criterion")]

    def __str__(self):
        return f"{self.audit_return}: {self.criterion}"

    @property
    def file_name(self) -> str:
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""


class Chase(models.Model):
    """A reminder sent by hand about a return still to come in (who, when, to whom); the clock's automatic ones
    are `partnership.Reminder` rows."""

    retention_from = "audit_return__cycle__closed_on"

    audit_return = models.ForeignKey(AuditReturn, on_delete=models.PROTECT, related_name="chases")
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipients = models.TextField(help_text="Addresses it went to, one a line.")
    email = models.OneToOneField(
        "partnership.OutgoingEmail", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_chase"
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "reminder sent by hand"

    def __str__(self):
        return f"Reminder about {self.audit_return} by {self.sent_by}"
