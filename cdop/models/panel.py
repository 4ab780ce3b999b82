"""Panel meetings: when and where the panel meets, who is invited, the cases on its agenda and the panel pack.

A meeting has no stage machine: it is planned, its invitations sent (and sent again as an update when its date or
time changes), its pack issued, or it is cancelled; each is a time stamp, so a page can say when it happened."""

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from cdop.models.cases import SHORT, ChildDeathCase
from partnership.locking import Versioned

# Cases the panel may be asked to review: those gathering information (or awaiting their review meeting, the last
# step of gathering) and those with the panel.
AGENDA_STAGES = (
    ChildDeathCase.Stage.GATHERING,
    ChildDeathCase.Stage.REVIEW_MEETING,
    ChildDeathCase.Stage.PANEL,
)


@pghistory.track()
class PanelMeeting(Versioned):
    """One meeting of the Child Death Overview Panel. Panel members see only the cases on the agenda of the
    meetings they are invited to (`cdop.selectors`)."""

    meets_on = models.DateField("date")
    starts_at = models.TimeField("start time")
    place = models.CharField("place or online link", max_length=SHORT)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="cdop_panel_meetings")
    cases = models.ManyToManyField(ChildDeathCase, through="PanelAgendaItem", related_name="panel_meetings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The invitations: when last sent, for which date and time, and the calendar sequence they carried.
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    invited_for_on = models.DateField(null=True, blank=True, editable=False)
    invited_for_at = models.TimeField(null=True, blank=True, editable=False)
    invitation_sequence = models.PositiveIntegerField(default=0, editable=False)
    pack_issued_at = models.DateTimeField(null=True, blank=True)
    pack_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meets_on", "starts_at", "pk"]
        # The meetings list, latest first (`cdop.selectors.meetings_for`).
        indexes = [models.Index(fields=["-meets_on", "-starts_at", "-id"], name="cdop_meeting_latest")]

    def __str__(self):
        return f"Panel meeting on {self.meets_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("cdop-meeting", args=[self.pk])

    @property
    def update_due(self) -> bool:
        """Invitations went out for another date or time: the members should be sent an update."""
        return self.invitations_sent_at is not None and (self.invited_for_on, self.invited_for_at) != (
            self.meets_on,
            self.starts_at,
        )


class PanelAgendaItem(models.Model):
    """A case on a meeting's agenda, in the order the panel takes them."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(ChildDeathCase, on_delete=models.PROTECT, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="cdop_agenda_case_once")]

    def __str__(self):
        return f"{self.case.reference} at {self.meeting}"
