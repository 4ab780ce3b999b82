from crispy_forms_gds.layout import Layout
from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy

from content.models import Alert, Page, Publication, a_year_from_today
from partnership.antispam import HoneypotForm
from partnership.fields import EXAMPLE, GovukDateField, GovukDateTimeField
from partnership.forms import GovukForm
from partnership.locking import VersionedForm
from partnership.models import SiteSettings, Theme

# The publishing schedule's times, typed in the browser's date and time picker.
SCHEDULE = dict.fromkeys(["publish_at", "unpublish_at", "starts_at", "ends_at"], GovukDateTimeField)
# A page or publication body is the whole document as accessible HTML (an annual report runs to ~25,000 words).
BODY_LIMIT = {"body": 200_000}
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def review_by():
    return GovukDateField(
        "Review by",
        initial=a_year_from_today,
        help_text=format_lazy("When an editor should check it is still right. {}", EXAMPLE),
    )


def _message_hint() -> str:
    """The MASH number only once the administrator has set it (`SiteSettings`): never an invented one."""
    phone = SiteSettings.cached().mash_phone
    worried = f"contact the MASH on {phone}" if phone else "contact Barnet's Multi-Agency Safeguarding Hub (MASH)"
    return f"Do not include a child's name or other personal details. If you are worried about a child, {worried}."


class ContactForm(GovukForm, HoneypotForm):
    name = forms.CharField(
        label="Your name",
        max_length=100,
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We will only use this to reply to you.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    subject = forms.CharField(max_length=150, error_messages={"required": "Enter a subject"})
    message = forms.CharField(
        label="Your message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=lazy(_message_hint, str)(),
        error_messages={"required": "Enter your message"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("name", "email", "subject", "message")  # the honeypot is its own template


class SearchForm(GovukForm, forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search the site",
        error_messages={
            "max_length": "Search terms must be 200 characters or fewer",
            "null_characters_not_allowed": "Search terms contain a character that is not allowed",
        },
    )


class ClearMessages:
    """Mixin: error messages that say what to do, naming the field ("Enter the title")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "").lower()
            choose = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.FileField))
            field.error_messages["required"] = f"{'Choose' if choose else 'Enter'} the {label}"


class PageForm(GovukForm, ClearMessages, VersionedForm, forms.ModelForm):
    text_limits = BODY_LIMIT
    review_by = review_by()

    class Meta:
        model = Page
        field_classes = SCHEDULE
        fields = ["title", "slug", "parent", "position", "summary", "body", "publish_at", "unpublish_at", "review_by"]
        widgets = {
            "publish_at": DATETIME,
            "unpublish_at": DATETIME,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 20}),
        }
        labels = {"slug": "Address (the last part of the page's web address)", "parent": "Inside which page"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Page.objects.only("title", "path").order_by("path")
        self.fields["parent"].label_from_instance = lambda page: f"{page.title} (/{page.path}/)"
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class PublicationForm(GovukForm, ClearMessages, VersionedForm, forms.ModelForm):
    text_limits = BODY_LIMIT
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics",
    )
    published_on = GovukDateField("Date", help_text=format_lazy("The date the document carries. {}", EXAMPLE))
    review_by = review_by()

    class Meta:
        model = Publication
        field_classes = SCHEDULE
        fields = [
            "title",
            "kind",
            "published_on",
            "summary",
            "body",
            "file",
            "not_published_reason",
            "themes",
            "publish_at",
            "unpublish_at",
            "review_by",
        ]
        widgets = {
            "publish_at": DATETIME,
            "unpublish_at": DATETIME,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 20}),
            "not_published_reason": forms.Textarea(attrs={"rows": 3}),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
        }


class AlertForm(GovukForm, ClearMessages, forms.ModelForm):
    class Meta:
        model = Alert
        field_classes = SCHEDULE
        fields = ["message", "level", "starts_at", "ends_at"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class PublishForm(GovukForm, forms.Form):
    """The preview's "Publish" button: the version the editor looked at, the draft shown, an optional time."""

    version = forms.IntegerField(min_value=1, max_value=999_999_999)
    revision = forms.IntegerField(required=False, min_value=1, max_value=2_147_483_647)
    publish_at = GovukDateTimeField(label="Publish at", required=False, widget=DATETIME)


class VersionOnlyForm(GovukForm, forms.Form):
    """A confirmation's button: the version of the record the editor confirmed for."""

    version = forms.IntegerField(min_value=1, max_value=999_999_999)
