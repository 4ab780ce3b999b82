from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group

from partnership.models import Organisation, User
from partnership.roles import Role


class OneValuePerField:
    """Form mixin: refuse a post that gives several values for a field that takes one (a browser never sends
    that; Django would quietly keep the last)."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if any(len(values) > 1 for values in _posted(self, name, field.widget)):
                label = field.label or name.replace("_", " ").capitalize()
                self.add_error(None if field.widget.is_hidden else name, f"Give one answer only for “{label}”")


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
    """Mixin: render with the GOV.UK template pack inside the page's own <form> tag and buttons (and refuse
    several values for a one-value field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True


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
        queryset=Organisation.objects.filter(is_active=True), error_messages={"required": "Choose their organisation"}
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
    pass


class ChooseNewPasswordForm(GovukForm, SetPasswordForm):
    pass
