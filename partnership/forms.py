import html

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeData

from partnership.fields import EARLIEST
from partnership.models import Organisation, User
from partnership.password_reset import password_reset_request
from partnership.roles import Role

# A line (a name, a title, a role) never needs more than 500 characters; one answer in a box of several lines
# fits in 10,000 (about 1,500 words, three pages): anything longer belongs in an uploaded document. A form states a
# field's own larger limit with `text_limits` (a page's body).
LINE_LIMIT = 500
TEXT_LIMIT = 10_000


class OneValuePerField:
    """Form mixin: refuse a post that gives several values for a field that takes one (a browser never sends
    that; Django would quietly keep the last)."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if any(len(values) > 1 for values in _posted(self, name, field.widget)):
                message = f"Give one answer only for “{_noun(name, field.label)}”"
                self.add_error(None if field.widget.is_hidden else name, message)


def _posted(form, name: str, widget) -> list[list]:
    """Every value the post gave for each part of a one-value field (none for fields that take several)."""
    while isinstance(getattr(widget, "widget", None), forms.Widget):  # the admin's wrapper around a widget
        widget = widget.widget
    if getattr(widget, "allow_multiple_selected", False) or isinstance(widget, forms.MultipleHiddenInput):
        return []
    key = form.add_prefix(name)
    if isinstance(widget, forms.MultiWidget):
        return [form.data.getlist(key + suffix) for suffix in widget.widgets_names if hasattr(form.data, "getlist")]
    source = form.files if isinstance(widget, forms.FileInput) else form.data
    return [source.getlist(key)] if hasattr(source, "getlist") else []


class GovukForm(OneValuePerField):
    """Mixin for every form in the portal: render with the GOV.UK template pack inside the page's own <form> tag
    and buttons, give every free-text field a length limit that the form states, and refuse several values for a
    field that takes one (`OneValuePerField`).

    A text field without `max_length` gets one by its widget (`TEXT_LIMIT` for a textarea, `LINE_LIMIT` for any
    other), or the form's `text_limits[name]`; the hint says "You can enter up to N characters" and the error is
    "<Label> must be N characters or fewer". Fields added after `__init__` (one per audit criterion) get theirs
    when they are rendered or checked.
    """

    text_limits: dict[str, int] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for name, field in self.fields.items():
            self._limit(name, field)
            _plain_words(name, field)

    def __getitem__(self, name):
        self._limit(name, self.fields.get(name))
        _plain_words(name, self.fields.get(name))
        return super().__getitem__(name)

    def full_clean(self):
        for name, field in self.fields.items():
            self._limit(name, field)
            _plain_words(name, field)
        super().full_clean()

    def _limit(self, name: str, field) -> None:
        if not isinstance(field, forms.CharField) or field.widget.is_hidden or getattr(field, "limit_stated", False):
            return
        field.limit_stated = True
        if name in self.text_limits or field.max_length is None:
            default = TEXT_LIMIT if isinstance(field.widget, forms.Textarea) else LINE_LIMIT
            field.max_length = self.text_limits.get(name, default)
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(field.max_length))
            if "maxlength" in field.widget.attrs:
                field.widget.attrs["maxlength"] = str(field.max_length)
        noun, limit = _noun(name, field.label), f"{field.max_length:,}"
        field.error_messages.setdefault("max_length", f"{noun} must be {limit} characters or fewer")
        field.error_messages.setdefault(
            "null_characters_not_allowed", f"{noun} contains a character that is not allowed"
        )
        if _is_free_text(field):
            hint = str(field.help_text or "").strip()
            if hint and hint[-1] not in ".!?":
                hint += "."
            field.help_text = f"{hint} You can enter up to {limit} characters".strip()


# Django's own messages for a choice or a number that is not one, in the portal's words (they only show when a
# post was tampered with, but then they quoted the value back and spoke Django).
PLAIN_WORDS = {
    "invalid_choice": "Choose one of the options given for “{noun}”",
    "invalid_list": "Choose one of the options given for “{noun}”",
    "invalid_pk_value": "Choose one of the options given for “{noun}”",
    "invalid": "{noun} must be a whole number",
    "min_value": "{noun} must be %(limit_value)s or more",
    "max_value": "{noun} must be %(limit_value)s or less",
}


def _plain_words(name: str, field) -> None:
    """Replace Django's default message for a choice or a number by the portal's; a form's own message stays."""
    if field is None or getattr(field, "words_plain", False):
        return
    field.words_plain = True
    defaults: dict = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    if isinstance(field, forms.IntegerField):
        keys = ["invalid", "min_value", "max_value"]
    elif isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        keys = ["invalid_choice", "invalid_list", "invalid_pk_value"]
    else:
        return
    for key in keys:
        if str(field.error_messages.get(key)) == str(defaults.get(key)):  # Django's, or none (a range's)
            field.error_messages[key] = PLAIN_WORDS[key].format(noun=_noun(name, field.label))
    if isinstance(field, forms.ModelChoiceField):  # a NUL byte in a posted id: Django answers in its own words
        field.validate_no_null_characters = lambda value: _no_null_in_choice(field, value)


def _no_null_in_choice(field, value) -> None:
    """A posted id holding a NUL byte is not one of the options: the field's own "choose" message."""
    if "\x00" in str(value):
        raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""})


def _is_free_text(field) -> bool:
    """Text people compose (not an email address, a web address, a password or a code typed from elsewhere)."""
    widget = field.widget
    return isinstance(widget, (forms.TextInput, forms.Textarea)) and widget.attrs.get("inputmode") != "numeric"


def _noun(name: str, label) -> str:
    if not label:
        return name.replace("_", " ").capitalize()
    text = html.unescape(strip_tags(label)) if isinstance(label, SafeData) else str(label)
    return text.removesuffix(" (optional)")


class SignInForm(GovukForm, AuthenticationForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account has been disabled. Contact the partnership's business unit.",
    }


class SecondFactorForm(GovukForm, forms.Form):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Enter the security code"},
    )


class EnrolForm(SecondFactorForm):
    """Confirming a new authenticator app: only its own 6-digit code, not a backup code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = "The 6-digit code your authenticator app shows for this account."
        self.fields["token"].max_length = 6


class InvitationForm(GovukForm, forms.Form):
    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter their last name"})
    email = forms.EmailField(label="Email address", error_messages={"required": "Enter their email address"})
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.members().filter(is_active=True),
        error_messages={"required": "Choose their organisation"},
    )
    roles = forms.ModelMultipleChoiceField(
        queryset=Group.objects.exclude(name=Role.ADMINISTRATOR.label).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role"},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an account")
        return email


class AcceptInvitationForm(GovukForm, SetPasswordForm):
    """Choose a password for the invited account (the user object is built but not saved yet)."""


class ResetPasswordForm(GovukForm, PasswordResetForm):
    def save(self, **kwargs):
        """Queue the email, the same way whether or not the address has an account (Django's own `save` looks the
        address up and sends while the person waits, so the time taken would tell)."""
        password_reset_request(email=self.cleaned_data["email"])


class ChooseNewPasswordForm(GovukForm, SetPasswordForm):
    pass


# What a multi-page form may keep in the session: no answer is legitimately longer than this unless its field
# says so with max_length, and no single-value field posts more than one value.
SESSION_VALUE_MAX = 10_000
SESSION_VALUES_MAX = 50


def form_data_for_session(form, data) -> dict[str, list[str]]:
    """The posted values `form` reads, and nothing else, each cut to a bounded length.

    Anything a visitor can post is kept in the session of an anonymous multi-page form, so keep only the form's
    own fields (with a multi-part widget's parts, such as `date_of_birth_0`). A value is cut one character past
    its field's max_length, so the form still says it is too long; fields without one are cut at
    SESSION_VALUE_MAX, far beyond any real answer to a date, a choice or a tick box.
    """
    kept = {}
    for name, field in form.fields.items():
        limit = getattr(field, "max_length", None)
        cap = limit + 1 if limit else SESSION_VALUE_MAX
        widget = field.widget
        suffixes = getattr(widget, "widgets_names", None) or [""]
        for suffix in suffixes:
            key = form.add_prefix(name) + suffix
            values = data.getlist(key)  # two values for a one-value field stay two: the form refuses them
            if values:
                kept[key] = [value[:cap] for value in values[:SESSION_VALUES_MAX]]
    return kept


def model_field_accepts(field, value) -> bool:
    """Whether a model field can take `value` (a posted primary key that may be text, or out of range)."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class ThemeFilterForm(GovukForm, forms.Form):
    """The learning themes' filters (`?year=&agency=`): a bad answer is shown as an error and the figures for
    all years and agencies are shown beneath it."""

    year = forms.IntegerField(
        required=False,
        help_text="For example 2025",
        error_messages={"invalid": "Year must be a number, for example 2025"},
    )
    agency = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="All agencies",
        error_messages={"invalid_choice": "Choose one of the agencies listed"},
    )

    def clean_year(self):
        year, this_year = self.cleaned_data["year"], timezone.localdate().year
        if year is not None and not EARLIEST.year <= year <= this_year:
            raise ValidationError(f"Year must be between {EARLIEST.year} and {this_year}")
        return year

    def chosen(self) -> dict:
        """`year` and `organisation_id` as the selectors take them: both None unless the answers are valid."""
        if not self.is_valid():
            return {"year": None, "organisation_id": None}
        agency = self.cleaned_data["agency"]
        return {"year": self.cleaned_data["year"], "organisation_id": agency.pk if agency else None}
