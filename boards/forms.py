import re

from crispy_forms_gds.layout import Layout
from django import forms

from boards import selectors
from boards.models import DOCUMENT, Board, Membership
from partnership.antispam import HoneypotForm
from partnership.fields import GovukDateField
from partnership.forms import GovukForm
from partnership.locking import VersionedForm
from partnership.models import Organisation, User

MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


def plain_text(value: str) -> None:
    """Refuse HTML and script: these fields are plain text (shown escaped everywhere in any case)."""
    if value and MARKUP.search(value):
        raise forms.ValidationError("Remove the HTML tags (the < and > around words): write in plain text")


class PlainTextField(forms.CharField):
    default_validators = [plain_text]


def _limit(noun: str, length: int) -> dict:
    return {
        "required": f"Enter {noun}",
        "max_length": f"{noun[0].upper()}{noun[1:]} must be {length} characters or fewer",
    }


class BoardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RaiseItemForm(GovukForm, HoneypotForm):
    board = BoardChoiceField(
        queryset=Board.objects.filter(is_active=True),
        required=False,
        empty_label="I am not sure",
        label="Which board should consider it?",
        help_text="If you are not sure, the partnership's business unit will choose the right board.",
    )
    subject = PlainTextField(label="Subject", max_length=200, error_messages=_limit("a subject", 200))
    details = PlainTextField(
        label="What would you like the board to consider, and why?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_limit("what you would like the board to consider", 5000),
        help_text="Do not include the names of children or families.",
    )
    name = PlainTextField(
        label="Your name", max_length=150, error_messages=_limit("your name", 150),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We will tell you at this address what the board decides.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            **_limit("your email address", 254),
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    organisation = PlainTextField(
        label="Your organisation (optional)", max_length=200, required=False,
        error_messages=_limit("your organisation", 200),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("board", "subject", "details", "name", "email", "organisation")


class DeclineForm(GovukForm, forms.Form):
    reason = PlainTextField(
        label="Why is the item declined?",
        help_text="The person who raised it will be sent this reason.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_limit("the reason for declining the item", 2000),
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.board.name}, {obj.date:%-d %B %Y}"


class AddToAgendaForm(GovukForm, forms.Form):
    meeting = MeetingChoiceField(
        queryset=None,
        label="Which meeting's agenda?",
        empty_label="Choose a meeting",
        error_messages={"required": "Choose a meeting", "invalid_choice": "Choose a meeting from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.upcoming_meetings()


class MeetingForm(GovukForm, forms.Form):
    board = BoardChoiceField(
        queryset=Board.objects.filter(is_active=True),
        error_messages={"required": "Choose the board", "invalid_choice": "Choose a board from the list"},
    )
    date = GovukDateField("Date of the meeting")
    location = PlainTextField(
        label="Where (optional)", max_length=200, required=False, error_messages=_limit("where", 200)
    )


class AgendaItemForm(GovukForm, forms.Form):
    title = PlainTextField(label="Agenda item", max_length=200, error_messages=_limit("the agenda item", 200))
    description = PlainTextField(
        label="Description (optional)", max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}), error_messages=_limit("a description", 2000),
    )  # fmt: skip


class PaperForm(GovukForm, forms.Form):
    title = PlainTextField(label="Title of the paper", max_length=200, error_messages=_limit("the title", 200))
    file = forms.FileField(
        label="Document", help_text="A PDF or Word document (.docx).", validators=[DOCUMENT],
        error_messages={"required": "Choose a document"},
    )  # fmt: skip


class MinutesForm(GovukForm, forms.Form):
    minutes = PlainTextField(
        label="Minutes", required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}), error_messages=_limit("the minutes", 20000),
    )  # fmt: skip
    minutes_file = forms.FileField(
        label="Minutes as a document (optional)", required=False, help_text="A PDF or Word document (.docx).",
        validators=[DOCUMENT],
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("minutes", "").strip() and not data.get("minutes_file"):
            raise forms.ValidationError("Enter the minutes or choose a document")
        return data


class TermsOfReferenceForm(GovukForm, forms.Form):
    approved_on = GovukDateField("Date the terms were approved", past=True)
    text = PlainTextField(
        label="Terms of reference", required=False, max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}), error_messages=_limit("the terms of reference", 50000),
    )  # fmt: skip
    file = forms.FileField(
        label="Document (optional)", required=False, help_text="A PDF or Word document (.docx).",
        validators=[DOCUMENT],
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("Enter the terms of reference or choose a document")
        return data


class MeetingEditForm(GovukForm, VersionedForm):
    date = GovukDateField("Date of the meeting")
    location = PlainTextField(
        label="Where (optional)", max_length=200, required=False, error_messages=_limit("where", 200)
    )


def _reason(label: str, noun: str, help_text: str) -> PlainTextField:
    return PlainTextField(
        label=label, help_text=help_text, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_limit(noun, 2000),
    )  # fmt: skip


class MeetingCancelForm(GovukForm, VersionedForm):
    reason = _reason("Why is the meeting cancelled?", "why the meeting is cancelled", "Shown on the public page.")


class AgendaItemEditForm(AgendaItemForm, VersionedForm):
    """The agenda item's own fields, with the version it was opened on."""


class PaperEditForm(GovukForm, VersionedForm):
    title = PlainTextField(label="Title of the paper", max_length=200, error_messages=_limit("the title", 200))
    file = forms.FileField(
        label="Replace the document (optional)", required=False, validators=[DOCUMENT],
        help_text="A PDF or Word document (.docx). Leave empty to keep the current document.",
    )  # fmt: skip


class TermsWithdrawForm(GovukForm, forms.Form):
    reason = _reason(
        "Why is this version withdrawn?", "why the version is withdrawn",
        "Shown beside the version on the board's page.",
    )  # fmt: skip


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        where = obj.organisation.name if obj.organisation else "no organisation"
        return f"{obj.get_full_name() or obj.email} ({where})"


class MembershipForm(GovukForm, forms.Form):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.members().order_by("name"), label="Member organisation", empty_label="Choose",
        error_messages={"required": "Choose the member organisation"},
    )  # fmt: skip
    role = PlainTextField(
        label="Role on the board", help_text="By role, never a person's name: for example Director of Children's "
        "Services.", max_length=200, error_messages=_limit("the role", 200),
    )  # fmt: skip
    user = PersonChoiceField(
        queryset=User.objects.filter(is_active=True).select_related("organisation").order_by("email"),
        required=False, label="Who holds the seat (optional)", empty_label="Nobody named yet",
        help_text="The person named sees the board's private papers.",
    )  # fmt: skip
    is_chair = forms.BooleanField(label="Chairs the board", required=False)


class MembershipEndForm(GovukForm, forms.Form):
    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(), widget=forms.HiddenInput,
        error_messages={"invalid_choice": "This seat is no longer on the board: open the page again"},
    )  # fmt: skip

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.filter(board=board)
