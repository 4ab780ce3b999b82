"""The panel's analysis of a case."""

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models

from cdop.choices import Category, Grade
from cdop.models.cases import LONG, ChildDeathCase
from partnership.locking import Versioned


@pghistory.track()
class PanelAnalysis(Versioned):
    """The panel's analysis (anonymised): category, contributory factors by domain, modifiable factors, learning."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(ChildDeathCase, on_delete=models.PROTECT, related_name="analysis")
    category = models.PositiveSmallIntegerField("category of death", choices=Category.choices, null=True, blank=True)
    secondary_categories = ArrayField(
        models.PositiveSmallIntegerField(choices=Category.choices),
        default=list,
        blank=True,
        help_text="Other categories that also apply; never the category of death itself.",
    )
    child_factors = models.PositiveSmallIntegerField(
        "factors in the child", choices=Grade.choices, null=True, blank=True
    )
    family_factors = models.PositiveSmallIntegerField(
        "factors in the family and environment", choices=Grade.choices, null=True, blank=True
    )
    parenting_factors = models.PositiveSmallIntegerField(
        "factors in parenting capacity", choices=Grade.choices, null=True, blank=True
    )
    service_factors = models.PositiveSmallIntegerField(
        "factors in service provision", choices=Grade.choices, null=True, blank=True
    )
    factor_notes = models.TextField("contributory factors", max_length=LONG, blank=True)
    modifiable = models.BooleanField("modifiable factors", null=True, blank=True)
    modifiable_reasons = models.TextField(max_length=LONG, blank=True)
    learning = models.TextField(max_length=LONG, blank=True)
    recommendations = models.TextField(max_length=LONG, blank=True)
    actions = models.TextField(max_length=LONG, blank=True)
    themes = models.ManyToManyField("partnership.Theme", blank=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "panel analyses"

    def __str__(self):
        return f"Analysis of {self.case.reference}"

    def secondary_category_labels(self) -> list[str]:
        return [f"{value}. {Category(value).label}" for value in self.secondary_categories]

    def clean(self):
        super().clean()
        if self.category is not None and self.category in self.secondary_categories:
            raise ValidationError(
                {"secondary_categories": "A secondary category cannot be the category of death itself"}
            )
        if len(set(self.secondary_categories)) != len(self.secondary_categories):
            raise ValidationError({"secondary_categories": "Give each secondary category once"})

    def missing(self) -> list[str]:
        """What the analysis still needs before the case can close (empty when complete)."""
        needed = []
        for name in ["category", "child_factors", "family_factors", "parenting_factors", "service_factors"]:
            if getattr(self, name) is None:
                needed.append(self._meta.get_field(name).verbose_name)
        if self.modifiable is None:
            needed.append("modifiable factors")
        elif self.modifiable and not self.modifiable_reasons.strip():
            needed.append("reasons the factors are modifiable")
        if not self.learning.strip():
            needed.append("learning")
        return needed
