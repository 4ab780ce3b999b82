"""Thin forms for each step; their field names are the services' keyword arguments."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnership.fields import EARLIEST, GovukDateField
from partnership.files import DocumentValidator
from partnership.forms import GovukForm
from partnership.locking import VersionedForm
from partnership.models import Organisation, Theme
from partnership.nhs import NhsNumberField
from reviews.models.actions import Rag
from reviews.models.cases import ConsiderationDecision, ReviewDecision
from reviews.models.steps import CareStatus
from reviews.services.lcsprs import PUBLISHING, REPORT_AND_BRIEFING


def organisations():
    return Organisation.objects.members().filter(is_active=True).order_by("name")


def themes():
    return forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(is_active=True), required=False, widget=forms.CheckboxSelectMultiple
    )


class CaseForm(GovukForm, VersionedForm):
    """A step on a case: carries the case's version so a stale form is refused."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, record=case, **kwargs)


class ReferralForm(GovukForm, forms.Form):
    referring_organisation = forms.ModelChoiceField(
        queryset=organisations(), error_messages={"required": "Choose the organisation that referred the case"}
    )
    referred_on = GovukDateField("Date referred", past=True)
    children = forms.CharField(
        label="The children, by pseudonym",
        help_text="One a line, for example “Child A”. At most four children: one incident per case. No real names.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the pseudonym of at least one child",
            "max_length": "The children's pseudonyms must be 500 characters or fewer",
        },
    )
    summary = forms.CharField(
        help_text="What happened, without names or other identifying details.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe what happened"},
    )

    def clean_children(self):
        return [line.strip() for line in self.cleaned_data["children"].splitlines() if line.strip()]


class IdentityForm(CaseForm):
    child = forms.ModelChoiceField(queryset=None, error_messages={"required": "Choose the child"})
    full_name = forms.CharField(required=False)
    date_of_birth = GovukDateField("Date of birth", required=False, past=True)
    nhs_number = NhsNumberField(required=False)
    address = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = self.case.children.order_by("pk")


class ConsiderationDecisionForm(CaseForm):
    meeting_on = GovukDateField("Date of the statutory partners' meeting", past=True)
    abuse_or_neglect = forms.BooleanField(label="Abuse or neglect of a child is known or suspected", required=False)
    death_or_serious_harm = forms.BooleanField(label="The child has died or been seriously harmed", required=False)
    in_area = forms.BooleanField(
        label="In Barnet, or normally living in Barnet and the harm happened outside England", required=False
    )
    care_leaver_death = forms.BooleanField(
        label="The child who died was a care leaver (up to and including age 24)", required=False,
        help_text="A care leaver's death is notified whether or not abuse or neglect is suspected.",
    )  # fmt: skip
    decision = forms.ChoiceField(
        choices=ConsiderationDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Give the reasons for the decision"}
    )
    aware_on = GovukDateField(
        "Date the local authority became aware", required=False, help_text="Needed to notify the Panel.", past=True
    )


class NotificationForm(CaseForm):
    sent_on = GovukDateField("Date the notification was sent", past=True)
    panel_reference = forms.CharField(label="The Panel's reference", required=False, max_length=50)
    care_status = forms.ChoiceField(
        label="Was the child looked after or a care leaver?", choices=CareStatus.choices, widget=forms.RadioSelect,
        initial=CareStatus.NONE,
    )  # fmt: skip
    abuse_or_neglect_suspected = forms.BooleanField(
        label="Abuse or neglect is known or suspected", required=False, initial=True,
        help_text="A care leaver's death alone, with no abuse or neglect suspected, needs no rapid review.",
    )  # fmt: skip
    secretary_of_state_notified_on = GovukDateField(
        "Date the Secretary of State and Ofsted were notified", required=False,
        help_text="For a looked-after child or care leaver only.", past=True,
    )  # fmt: skip


class SecretaryOfStateForm(CaseForm):
    notified_on = GovukDateField("Date the Secretary of State and Ofsted were notified", past=True)


class SummaryRequestForm(CaseForm):
    organisation = forms.ModelChoiceField(
        queryset=organisations(), error_messages={"required": "Choose the organisation"}
    )
    requested_on = GovukDateField("Date requested", past=True)
    due_on = GovukDateField("Date due")


class _OutstandingSummaryForm(CaseForm):
    """Chooses one of the case's summaries not yet received nor withdrawn."""

    request = forms.ModelChoiceField(
        label="Agency summary", queryset=None, error_messages={"required": "Choose the summary"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = self.case.rapid_review.summary_requests.filter(
            received_on=None, withdrawn_on=None
        ).select_related("organisation")


class SummaryReceivedForm(_OutstandingSummaryForm):
    received_on = GovukDateField("Date received", past=True)


class SummaryWithdrawForm(_OutstandingSummaryForm):
    reason = forms.CharField(
        label="Why the summary is no longer needed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for withdrawing the request"},
    )


class RapidReviewForm(CaseForm):
    meeting_on = GovukDateField("Date of the rapid review meeting", past=True)
    facts = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    immediate_actions = forms.CharField(
        label="Immediate safety actions, with their owners", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    good_practice = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    local_review_criteria_met = forms.TypedChoiceField(
        label="Are the local review criteria met?", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
        coerce=lambda value: value == "yes", required=False, empty_value=None,
    )  # fmt: skip
    local_review_reason = forms.CharField(label="Why", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    national_review_to_consider = forms.BooleanField(label="A national review should be considered", required=False)
    themes = themes()


class SignOffForm(CaseForm):
    """Agree (sign off) or record a disagreement with reasons, for the resolution protocol."""

    agrees = forms.TypedChoiceField(
        label="Does your organisation agree the rapid review?",
        choices=[("yes", "Yes, we sign it off"), ("no", "No, we disagree (the resolution protocol)")],
        widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        error_messages={"required": "Choose whether your organisation agrees the rapid review"},
    )  # fmt: skip
    reasons = forms.CharField(
        label="Reasons for the disagreement", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you disagree: what must change, and why.",
    )  # fmt: skip
    signed_on = GovukDateField("Date", required=False, help_text="Leave empty for today.", past=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agrees") is False and not (cleaned.get("reasons") or "").strip():
            self.add_error("reasons", "Give the reasons for the disagreement")
        return cleaned


class SendForm(CaseForm):
    sent_on = GovukDateField("Date sent to the Panel", past=True)


class PanelResponseForm(CaseForm):
    response_on = GovukDateField("Date of the Panel's response", past=True)
    response = forms.CharField(
        label="The Panel's response",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the Panel's response"},
    )


class DecisionForm(CaseForm):
    decision = forms.ChoiceField(
        choices=ReviewDecision.choices, widget=forms.RadioSelect, error_messages={"required": "Choose a decision"}
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Give the reasons for the decision"}
    )
    decided_on = GovukDateField("Date of the decision", past=True)


class LcsprForm(CaseForm):
    reviewer = forms.CharField(label="Independent reviewer", required=False, max_length=200)
    terms_of_reference = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    panel_notified_on = GovukDateField("Date the Panel was told", required=False, help_text="", past=True)
    ofsted_notified_on = GovukDateField("Date Ofsted was told", required=False, help_text="", past=True)
    dfe_notified_on = GovukDateField("Date DfE was told", required=False, help_text="", past=True)
    draft_on = GovukDateField("Date of the draft report", required=False, help_text="", past=True)
    final_on = GovukDateField("Date of the final report", required=False, help_text="", past=True)
    planned_publication_on = GovukDateField(
        "Planned publication date", required=False, help_text="The pre-publication copy is due 7 working days before."
    )
    prepublication_sent_on = GovukDateField(
        "Date the pre-publication copy was sent", required=False, help_text="", past=True
    )


class PublishForm(CaseForm):
    publishing = forms.ChoiceField(
        label="What to publish",
        choices=list(PUBLISHING.items()),
        initial=REPORT_AND_BRIEFING,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to publish"},
    )
    report = forms.FileField(
        label="The report (PDF)",
        required=False,
        validators=[DocumentValidator(["pdf"])],
        help_text="Not when the report is kept unpublished: it is then never offered publicly.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
    briefing = forms.FileField(
        label="The 7-minute briefing (PDF)",
        validators=[DocumentValidator(["pdf"])],
        error_messages={"required": "Upload the 7-minute briefing as a PDF"},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}),
    )
    title = forms.CharField(
        required=False, max_length=200, help_text="Leave empty for “Child X: local child safeguarding practice review”."
    )
    summary = forms.CharField(
        help_text="Shown to the public: by pseudonym only, never a name or other identifying detail.",
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter a summary for the public page"},
    )  # fmt: skip
    published_on = GovukDateField("Publication date", past=True)
    themes = themes()


class RecommendationForm(CaseForm):
    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the recommendation"},
    )
    themes = themes()


class ActionForm(CaseForm):
    recommendation = forms.ModelChoiceField(queryset=None, error_messages={"required": "Choose the recommendation"})
    organisation = forms.ModelChoiceField(
        label="Owned by", queryset=organisations(), error_messages={"required": "Choose the organisation that owns it"}
    )
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Describe the action"}
    )
    due_on = GovukDateField("Date due", future=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].queryset = self.case.recommendations.all()


class ProgressForm(GovukForm, VersionedForm):
    progress = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Describe the progress made"}
    )
    impact_evidence = forms.CharField(
        label="Evidence of impact", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows the change has been made and lasts. Needed to close the action.",
    )  # fmt: skip
    rag = forms.ChoiceField(
        label="RAG status",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a RAG status"},
    )
    close = forms.BooleanField(label="The action is complete: close it", required=False)


class FiguresForm(GovukForm, forms.Form):
    """The year the annual report figures are for (`?year=`): any year from 1900 to this one."""

    year = forms.IntegerField(required=False, error_messages={"invalid": "Year must be a number"})

    def clean_year(self):
        year, this_year = self.cleaned_data["year"], timezone.localdate().year
        if year is not None and not EARLIEST.year <= year <= this_year:
            raise ValidationError(f"Year must be between {EARLIEST.year} and {this_year}")
        return year
