"""Form B's forms: the coordinator's request (and return for changes), and the agency's answers, built from the
section declarations (`cdop.models.form_b_questions`) so a question is added in one place."""

from crispy_forms_gds.layout import HTML, Fieldset, Layout
from django import forms
from django.db import models
from django.utils.html import format_html

from cdop.forms import PlainTextForm, text
from cdop.models import FORM_B_PARTS, FormBAttachment, FormBRequest
from cdop.models.form_b_attachments import ATTACHMENT_KINDS
from cdop.models.form_b_questions import parts_for, question
from partnership.fields import GovukDateField
from partnership.files import DocumentValidator
from partnership.locking import VersionedForm

# Plain words for the two numbers Form B asks, whatever is typed (a word, 20 digits, a NUL byte).
NUMBER_WORDS = {
    "birth_weight_grams": ("birth weight", "grams", "Enter the birth weight in grams, for example 3200"),
    "gestation_weeks": ("gestation at birth", "weeks", "Enter the gestation in whole weeks, for example 39"),
}


class FormBReturnForm(PlainTextForm):
    reason = text(
        "Why it is returned",
        help_text="The professional reads this with the form: say what to change or add.",
        message="Say why the Form B is returned",
    )


def _question_field(name: str) -> forms.Field:
    field = FormBRequest._meta.get_field(name)
    label = question(FormBRequest, name)
    if field.choices:
        return forms.ChoiceField(label=label, choices=field.choices, required=False, widget=forms.RadioSelect)
    if isinstance(field, models.DateField):
        return GovukDateField(label, required=False, past=True)
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        words, unit, example = NUMBER_WORDS[name]
        low, high = (validator.limit_value for validator in field.validators[-2:])
        between = f"{words[:1].upper() + words[1:]} must be between {low:,} and {high:,} {unit}"
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=low,
            max_value=high,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}),
            error_messages={"invalid": example, "min_value": between, "max_value": between},
        )
    return text(label, required=False)


def _to_submit(part) -> HTML:
    """The section's own hint: what submitting needs from it."""
    needed = ", ".join(f"“{question(FormBRequest, name).lower()}”" for name in part.required)
    words = f"To submit, answer {needed}, or tick this section as not known below."
    return HTML(format_html('<p class="govuk-hint">{}</p>', words))


class FormBForm(PlainTextForm, VersionedForm):
    """The agency's answers: anything valid may be saved as a draft; submitting checks each section is answered
    or marked not known (the service, from `REQUIRED_AT_SUBMISSION`)."""

    contact_name = text("Reporting contact: name and role", required=False, max_length=200)
    contact_details = text("Contact telephone or email", required=False, max_length=200)
    # One field per question, in the sections' order (a class body's namespace is a plain dict).
    locals().update({name: _question_field(name) for part in FORM_B_PARTS for name in part.fields})
    not_known = forms.MultipleChoiceField(
        label="Sections your agency does not know about",
        help_text="Tick a section instead of answering it when your agency does not know.",
        choices=[(part.key, part.title) for part in FORM_B_PARTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachment_kind = forms.ChoiceField(
        label="Type of document", choices=FormBAttachment.Kind.choices, required=False, widget=forms.RadioSelect
    )
    attachment = forms.FileField(
        label="Attach a document",
        required=False,
        help_text="A PDF, Word (.docx), PNG or JPEG file. It is attached when you save or submit.",
        validators=[DocumentValidator(ATTACHMENT_KINDS)],
        error_messages={"invalid": "The selected file could not be read: upload it again"},
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label="Remove documents", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, record: FormBRequest, **kwargs):
        super().__init__(*args, record=record, **kwargs)
        asked = parts_for(record)
        for part in FORM_B_PARTS:
            if part not in asked:
                for name in part.fields:
                    del self.fields[name]
        self.fields["not_known"].choices = [(part.key, part.title) for part in asked]
        documents = list(record.attachments.all())
        self.fields["remove_attachments"].choices = [(document.pk, str(document)) for document in documents]
        if not documents:
            del self.fields["remove_attachments"]
        self.helper.layout = Layout(
            "version",  # hidden: a second tab's stale save is refused, not lost
            Fieldset("contact_name", "contact_details", legend="Reporting contact", legend_size="m"),
            *[Fieldset(_to_submit(part), *part.fields, legend=part.title, legend_size="m") for part in asked],
            Fieldset("not_known", legend="Not known", legend_size="m"),
            Fieldset(
                "attachment_kind",
                "attachment",
                *(["remove_attachments"] if documents else []),
                legend="Documents",
                legend_size="m",
            ),
        )

    @classmethod
    def initial_for(cls, form_b: FormBRequest) -> dict:
        names = ["contact_name", "contact_details", *[name for part in FORM_B_PARTS for name in part.fields]]
        return {**{name: getattr(form_b, name) for name in names}, "not_known": form_b.not_known}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_contact_on"), cleaned.get("last_contact_on")
        if first and last and last < first:
            self.add_error("last_contact_on", "The last contact must be the same as or after the first contact")
        if cleaned.get("attachment") and not cleaned.get("attachment_kind"):
            self.add_error("attachment_kind", "Choose the type of document you are attaching")
        return cleaned

    def answers(self) -> dict:
        skip = {"version", "attachment", "attachment_kind", "remove_attachments"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def attach(self) -> tuple[str, object] | None:
        file = self.cleaned_data.get("attachment")
        return (self.cleaned_data["attachment_kind"], file) if file else None
