"""The agency directory's forms, and asking an agency in it (or one not yet in it) for Form B."""

from crispy_forms.layout import Layout
from django import forms
from django.core.validators import RegexValidator

from cdop.forms import ID, PlainTextForm, offer, text
from partnership.models import Contact, Organisation

PHONE = RegexValidator(
    r"^\+?[0-9 ()-]{6,30}$", "Enter a telephone number in digits, like 020 7946 0000 or +44 20 7946 0000"
)


def organisation_type(**more):
    return forms.ChoiceField(
        label="Type", choices=[("", "Choose")] + list(Organisation.Type.choices),
        error_messages={"required": "Choose the type of organisation"}, **more,
    )  # fmt: skip


def area(**more):
    return text(
        "Area it serves", required=False, max_length=100,
        help_text="The borough or other local authority, for example Barnet, Camden, Enfield, Haringey, Islington "
        "or Hertfordshire.", **more,
    )  # fmt: skip


class DirectorySearchForm(PlainTextForm):
    """The list's filters (GET): nothing is required."""

    q = text("Name of the organisation or a person in it", required=False, max_length=100)
    area = text("Area", required=False, max_length=100)
    type = forms.ChoiceField(label="Type", choices=[("", "Any type")] + list(Organisation.Type.choices), required=False)
    inactive = forms.BooleanField(label="Include disabled organisations", required=False)


class OrganisationForm(PlainTextForm):
    name = text("Name", max_length=200)
    type = organisation_type()
    area = area()
    email = forms.EmailField(label="Shared email address (optional)", required=False, max_length=254)

    def __init__(self, *args, member: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if member:  # a member agency's name and type are the administrator's to change
            del self.fields["name"], self.fields["type"]
            self.helper.layout = Layout(*self.fields)  # the helper was laid out with every field


class ContactForm(PlainTextForm):
    name = text("Name", max_length=200)
    role = text("Role", required=False, max_length=200, help_text="For example, GP partner or named nurse")
    email = forms.EmailField(label="Email address", max_length=254, error_messages={"required": "Enter their email"})
    phone = forms.CharField(label="Telephone (optional)", required=False, max_length=30, validators=[PHONE])


class AgencySearchForm(PlainTextForm):
    """The Form B page's search step (GET): the agencies whose name holds the words are offered as radios."""

    agency = text("Agency name", required=False, max_length=100, help_text="All or part of the name.")


class FormBSendForm(PlainTextForm):
    """Ask one agency in the directory: search for it, choose it, then one of its people or someone else. Only
    the agencies `found` are listed (`offer`); without JavaScript "Show its people" re-shows the page with the
    chosen organisation's contacts."""

    organisation = forms.ModelChoiceField(
        label="Agency",
        queryset=Organisation.objects.filter(is_active=True),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agency", "invalid_choice": "Choose an agency from the list"},
    )
    contact = forms.ModelChoiceField(
        label="Who to ask",
        queryset=Contact.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the agency's people, or give someone else's details"},
    )
    professional_name = text("Name of the professional", required=False, max_length=200)
    professional_email = forms.EmailField(label="Their email address", required=False, max_length=254)
    sudi_needed = forms.BooleanField(
        label="SUDI/SUDC supplement needed",
        required=False,
        help_text="Asks about sleep, smoking and alcohol or drugs. Always asked when the child was under one.",
    )

    def __init__(self, *args, found=(), choosing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.choosing = choosing  # "Show its people": only what is filled in is checked
        chosen = self.data.get("organisation") or self.initial.get("organisation")
        offer(self.fields["organisation"], found, chosen)
        self.agencies = self.fields["organisation"].choices
        people = Contact.objects.filter(is_active=True, organisation__is_active=True).order_by("name")
        chosen = str(getattr(chosen, "pk", chosen) or "")
        people = people.filter(organisation_id=chosen) if ID.fullmatch(chosen) else people.none()
        self.fields["contact"].queryset = people
        self.fields["contact"].label_from_instance = lambda c: f"{c.name}{f', {c.role}' if c.role else ''} ({c.email})"
        self.contacts = list(people)
        if not self.contacts:
            self.fields["contact"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if "contact" in self._errors and not self.contacts:  # not shown as a question: say it above the form
            self.add_error(None, self._errors.pop("contact"))
            return data
        if "organisation" in self._errors and not self.agencies:  # no agency listed: say it above the search
            self.add_error(None, self._errors.pop("organisation"))
            return data
        contact = data.get("contact")
        if contact and data.get("organisation") and contact.organisation_id != data["organisation"].pk:
            self.add_error("contact", "Choose one of the agency's people, or give someone else's details")
        elif not contact and not self.choosing:
            if not data.get("professional_name") and "professional_name" not in self.errors:
                self.add_error("professional_name", "Enter the name of the professional")
            if not data.get("professional_email") and "professional_email" not in self.errors:
                self.add_error("professional_email", "Enter their email address")
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        contact = data.get("contact")
        return {
            "organisation": data["organisation"],
            "professional_name": contact.name if contact else data["professional_name"],
            "professional_email": contact.email if contact else data["professional_email"],
            "sudi_needed": data.get("sudi_needed", False),
        }


class FormBNewAgencyForm(PlainTextForm):
    """The agency is not in the directory: add it (not a member of the partnership) and the person asked."""

    organisation_name = text("Name of the organisation", max_length=200)
    organisation_type = organisation_type()
    area = area()
    professional_name = text("Name of the professional", max_length=200)
    professional_role = text("Their role", required=False, max_length=200)
    professional_email = forms.EmailField(
        label="Their email address", max_length=254, error_messages={"required": "Enter their email address"}
    )
