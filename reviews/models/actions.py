import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnership.locking import Versioned
from partnership.models import Organisation, Theme
from reviews.models.cases import Case


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

    Users of the owning organisation report progress (`action_report_progress`) and close it (`action_close`)."""

    retention_from = "recommendation__case__closed_on"

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    due_on = models.DateField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.AMBER)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="reviews_action_open_due", condition=models.Q(closed_on=None))]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("reviews:action-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


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
