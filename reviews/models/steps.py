import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnership.links import pk_url
from partnership.models import Organisation
from reviews.models.cases import Case


class CareStatus(models.TextChoices):
    NONE = "none", "Neither"
    LOOKED_AFTER = "looked_after", "Looked-after child"
    CARE_LEAVER = "care_leaver", "Care leaver (up to and including age 24)"


@pghistory.track()
class Notification(models.Model):
    """The Serious Incident Notification to the Panel: due 5 working days (setting) after the local authority
    became aware. A looked-after child's or care leaver's death is also notified to the Secretary of State and
    Ofsted; a care leaver's death alone needs no rapid review."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="notification")
    aware_on = models.DateField("date the local authority became aware")
    due_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    panel_reference = models.CharField("Panel's reference", max_length=50, blank=True)
    care_status = models.CharField(max_length=20, choices=CareStatus.choices, default=CareStatus.NONE)
    abuse_or_neglect_suspected = models.BooleanField(default=True)
    secretary_of_state_notified_on = models.DateField(
        "date the Secretary of State and Ofsted were notified", null=True, blank=True
    )

    def __str__(self):
        return f"Notification for {self.case.reference}"

    def get_absolute_url(self):
        return pk_url("reviews:case-detail", self.case_id)  # no query for the case

    @property
    def needs_rapid_review(self) -> bool:
        return not (self.care_status == CareStatus.CARE_LEAVER and not self.abuse_or_neglect_suspected)


@pghistory.track()
class RapidReview(models.Model):
    """The rapid review: opened when the notification is sent, due 15 working days (setting) later, signed off
    by all three statutory partners before it goes to the Panel."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="rapid_review")
    opened_on = models.DateField()
    due_on = models.DateField()
    meeting_on = models.DateField("date of the rapid review meeting", null=True, blank=True)
    facts = models.TextField(blank=True)
    immediate_actions = models.TextField("immediate safety actions, with their owners", blank=True)
    learning = models.TextField(blank=True)
    good_practice = models.TextField(blank=True)
    local_review_criteria_met = models.BooleanField("the local review criteria are met", null=True, blank=True)
    local_review_reason = models.TextField("why", blank=True)
    national_review_to_consider = models.BooleanField("a national review should be considered", default=False)
    sent_on = models.DateField("date sent to the Panel", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    panel_response_on = models.DateField("date of the Panel's response", null=True, blank=True)
    panel_response = models.TextField("the Panel's response", blank=True)

    def __str__(self):
        return f"Rapid review for {self.case.reference}"

    def get_absolute_url(self):
        return pk_url("reviews:case-detail", self.case_id)  # no query for the case


@pghistory.track()
class AgencySummaryRequest(models.Model):
    """A request to one organisation for its individual agency summary, with its own clock."""

    retention_from = "rapid_review__case__closed_on"

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.PROTECT, related_name="summary_requests")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    # A summary that will not come (the agency had no involvement, or the case closed first) is withdrawn by the
    # partnership manager with a reason, so its clock closes instead of staying overdue for ever.
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["rapid_review", "organisation"], name="one_summary_request_per_agency")
        ]

    def __str__(self):
        return f"Agency summary from {self.organisation}"

    def get_absolute_url(self):
        return reverse("reviews:case-detail", args=[self.rapid_review.case_id])

    @property
    def is_outstanding(self) -> bool:
        return self.received_on is None and self.withdrawn_on is None


@pghistory.track()
class SignOff(models.Model):
    """One statutory partner's answer on a rapid review, by a user of that partner holding the right: it agrees
    (signs off), or it disagrees with its reasons, which go to the resolution protocol. A disagreement holds the
    review back from the Panel until the partner, once resolved, agrees (the same row, its history kept)."""

    retention_from = "rapid_review__case__closed_on"

    rapid_review = models.ForeignKey(RapidReview, on_delete=models.PROTECT, related_name="sign_offs")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(default=timezone.localdate)
    agrees = models.BooleanField(default=True)
    reasons = models.TextField("reasons for the disagreement", blank=True)

    class Meta:
        ordering = ["partner__name"]
        constraints = [models.UniqueConstraint(fields=["rapid_review", "partner"], name="one_sign_off_per_partner")]

    def __str__(self):
        return f"{'Signed off' if self.agrees else 'Disagreement recorded'} for {self.partner}"


@pghistory.track()
class Lcspr(models.Model):
    """A local child safeguarding practice review: commissioned on the decision, completed within 6 months
    (setting), the pre-publication copy sent 7 working days (setting) before the planned publication."""

    retention_from = "case__closed_on"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="lcspr")
    decided_on = models.DateField("date of the decision")
    reviewer = models.CharField("independent reviewer", max_length=200, blank=True)
    terms_of_reference = models.TextField(blank=True)
    panel_notified_on = models.DateField("Panel told", null=True, blank=True)
    ofsted_notified_on = models.DateField("Ofsted told", null=True, blank=True)
    dfe_notified_on = models.DateField("DfE told", null=True, blank=True)
    target_completion_on = models.DateField()
    draft_on = models.DateField("draft report received", null=True, blank=True)
    final_on = models.DateField("final report received", null=True, blank=True)
    planned_publication_on = models.DateField(null=True, blank=True)
    prepublication_due_on = models.DateField("pre-publication copy due", null=True, blank=True)
    prepublication_sent_on = models.DateField("pre-publication copy sent", null=True, blank=True)
    title = models.CharField("published title", max_length=200, blank=True)
    published_summary = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    joint_with = models.CharField("published jointly with", max_length=200, blank=True)
    report_publication_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    briefing_publication_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # The partnership may publish the learning (the 7-minute briefing) and keep the report itself unpublished:
    # then no public record of the report exists, and this says why.
    report_kept_unpublished = models.BooleanField("report kept unpublished", default=False, editable=False)

    class Meta:
        verbose_name = "LCSPR"
        verbose_name_plural = "LCSPRs"

    def __str__(self):
        return self.title or f"LCSPR for {self.case.reference}"

    def get_absolute_url(self):
        return pk_url("reviews:case-detail", self.case_id)  # no query for the case
