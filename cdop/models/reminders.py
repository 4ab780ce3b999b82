"""The reminders a Form B request's professional is sent: one per step, so `send_reminders` can run again."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from cdop.models.form_b import FormBRequest


class FormBReminder(models.Model):
    """One reminder (or escalation) about an open Form B request, emailed to the address the request was sent to.

    `step` names where the request stood: "7 days" after sending, "due" on the due date, then "overdue week N"
    every week after it (escalations: the coordinators are copied). Written only by `cdop.services_reminders`;
    unique per request and step, so a second run the same day sends nothing.
    """

    retention_from = "request__case__closed_on"

    request = models.ForeignKey(FormBRequest, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=30)
    sent_to = models.EmailField()
    cc = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    email = models.OneToOneField(
        "partnership.OutgoingEmail", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "step"], name="one_form_b_reminder_per_step")]

    def __str__(self):
        return f"Form B reminder ({self.step}) to {self.sent_to}"

    @property
    def is_escalation(self) -> bool:
        return bool(self.cc)
