"""The coordinator's forms for panel meetings: the meeting, a case for its agenda, sending the invitations."""

from django import forms

from cdop import selectors
from cdop.forms import PlainTextForm, offer, text
from partnership.fields import GovukDateField
from partnership.locking import VersionedForm


class InviteeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        role = "coordinator" if user.has_perm("cdop.manage_cases") else "panel member"
        return f"{user.get_full_name() or user.email} ({role})"


class MeetingForm(PlainTextForm, VersionedForm):
    meets_on = GovukDateField("Date", future=True, help_text="For example, 14 1 2027")
    starts_at = forms.TimeField(
        label="Start time",
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the start time", "invalid": "Enter the start time as hours and minutes"},
    )
    place = text("Place or online meeting link", max_length=200, help_text="The room and address, or the link.")
    members = InviteeField(
        label="Who is invited",
        queryset=selectors.panel_invitees(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the list", "invalid_pk_value": "Choose from the list"},
    )

    @classmethod
    def initial_for(cls, meeting) -> dict:
        return {
            "meets_on": meeting.meets_on,
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "members": list(meeting.members.all()),
        }


class AgendaSearchForm(PlainTextForm):
    """The agenda page's search step (GET): the cases that may go on the agenda whose reference starts so."""

    reference = text(
        "Case reference", required=False, max_length=20, help_text="All or the start of it, for example CDOP-2026-01"
    )


class AgendaForm(PlainTextForm):
    """A case for the agenda: only the cases `found` are listed (`offer`); any case that may go on it is taken."""

    case = forms.ModelChoiceField(
        label="Case",
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text="Cases gathering information or with the panel, by reference and pseudonym.",
        error_messages={"required": "Choose a case", "invalid_choice": "Choose a case from the list"},
    )

    def __init__(self, *args, meeting, found=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["case"]
        field.queryset = selectors.agenda_candidates(meeting)
        field.label_from_instance = lambda case: f"{case.reference}, {case.pseudonym} ({case.get_stage_display()})"
        offer(field, found, self.data.get("case"))
        self.cases = field.choices

    def clean(self):
        data = super().clean()
        if "case" in self._errors and not self.cases:  # no case listed: say it above the search
            self.add_error(None, self._errors.pop("case"))
        return data


class InvitationsForm(PlainTextForm):
    urgent = forms.BooleanField(
        label="Send anyway: urgent",
        required=False,
        help_text="Invitations normally go out at least a month ahead. Tick this to send them for a sooner meeting.",
    )


class IssuePackForm(PlainTextForm, VersionedForm):
    """Only the version of the meeting the coordinator read the pack at: a pack changed meanwhile is refused."""
