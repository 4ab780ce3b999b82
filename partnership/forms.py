from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group
from django.template.loader import render_to_string

from partnership.models import Organisation, User
from partnership.notify import email_on_commit
from partnership.roles import Role


class GovukForm:
    """Mixin: render with the GOV.UK template pack inside the page's own <form> tag and buttons."""

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
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Through the outbox like every email: tried again while the mail server is down, its link not kept."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_on_commit(to=[to_email], subject=subject, template=email_template_name, context=context)


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
            values = data.getlist(key)
            if not getattr(widget, "allow_multiple_selected", False):
                values = values[-1:]  # the form reads the last value only
            if values:
                kept[key] = [value[:cap] for value in values[:SESSION_VALUES_MAX]]
    return kept
