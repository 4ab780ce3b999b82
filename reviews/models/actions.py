import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from partnership.links import pk_url
from partnership.locking import Versioned
from partnership.models import Organisation, Theme
from partnership.workflow import Clock, Machine, Move
from reviews.models.cases import Case
from reviews.permissions import MANAGE_CASE, REPORT_ACTION_PROGRESS

ACTION_DUE = "reviews.action_due"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


@pghistory.track()
class Recommendation(models.Model):
    """A recommendation of a review; each becomes actions owned by organisations."""

    retention_from = "case__closed_on"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")

    class Meta:
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="one_recommendation_number_per_case")]

    def __str__(self):
        return f"Recommendation {self.number} of {self.case.reference}"


@pghistory.track()
class Action(Versioned):
    """An action owned by one organisation. Open until closed, and it closes only with evidence of impact.

    Users of the owning organisation (or the partnership manager) report progress and close it, both with
    `action_report_progress`; its moves are declared in `ACTION_STAGES` below."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    retention_from = "recommendation__case__closed_on"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    due_on = models.DateField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.AMBER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        # The open actions list: every one (case readers) or one organisation's (its agency users), earliest due first.
        indexes = [
            models.Index(fields=["due_on", "id"], name="reviews_action_open_due", condition=models.Q(closed_on=None)),
            models.Index(
                fields=["organisation", "due_on", "id"],
                name="reviews_action_org_open_due",
                condition=models.Q(closed_on=None),
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return pk_url("reviews:action-detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


def _of_the_owner(user, action: Action) -> bool:
    return user is not None and user.organisation_id == action.organisation_id


# An action is open until closed. The owning organisation closes its own action; the partnership manager may
# close any (two moves, since who may make them differs).
ACTION_STAGES = Machine(
    "reviews.Action",
    Action.Status,
    noun="the action",
    field="status",
    clocks=(
        Clock(
            ACTION_DUE,
            "Action for {subject.recommendation.case.pseudonyms}: {subject}",
            audience=MANAGE_CASE,
            organisation="organisation",
        ),
    ),
    moves=[
        Move("add", "add an action", (), Action.Status.OPEN, MANAGE_CASE, starts=(ACTION_DUE,), done="Added"),
        Move(
            "close",
            "close the action",
            (Action.Status.OPEN,),
            Action.Status.CLOSED,
            REPORT_ACTION_PROGRESS,
            rule=_of_the_owner,
            rule_words="only a user of the organisation that owns the action may close it",
            stops=(ACTION_DUE,),
            done="Closed with evidence of impact",
        ),
        Move(
            "close_for_the_owner",
            "close the action for its organisation",
            (Action.Status.OPEN,),
            Action.Status.CLOSED,
            MANAGE_CASE,
            stops=(ACTION_DUE,),
            done="Closed with evidence of impact",
        ),
    ],
)


@pghistory.track()
class ActionUpdate(models.Model):
    """Progress reported on an action, with evidence of its impact when there is some."""

    retention_from = "action__recommendation__case__closed_on"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField(default=timezone.localdate)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    progress = models.TextField()
    impact_evidence = models.TextField("evidence of impact", blank=True)
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self):
        return f"Update on {self.on:%d %b %Y}"
