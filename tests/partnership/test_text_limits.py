"""Every free-text field in every form has a length limit, and the form says what it is."""

import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps

from content.models import Page
from partnership.forms import LINE_LIMIT, TEXT_LIMIT, GovukForm

PROJECT_APPS = ["partnership", "content", "boards", "reviews", "cdop", "audits"]


def project_forms() -> list[type]:
    """Every form class the portal defines, found from the code (Django admin's own forms aside)."""
    for app in PROJECT_APPS:
        for module in Path(apps.get_app_config(app).path).glob("forms*.py"):
            importlib.import_module(f"{app}.{module.stem}")
    found, stack = set(), [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in PROJECT_APPS and not sub.__module__.endswith("admin"):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def leaves(classes: list[type]) -> list[type]:
    """The forms views use: those no other project form extends (the others are bases such as VersionedForm)."""
    return [cls for cls in classes if not any(other is not cls and issubclass(other, cls) for other in classes)]


FORMS = leaves(project_forms())


def test_the_forms_are_found():
    names = {cls.__name__ for cls in FORMS}
    assert {"ReferralForm", "ChildForm", "AreaForm", "PageForm", "RaiseItemForm", "SignInForm"} <= names
    assert len(FORMS) > 40


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form_uses_the_govuk_mixin(form_class):
    assert issubclass(form_class, GovukForm)


def constructible(form_class) -> bool:
    """Forms that can be built with no arguments; the others need their case, page or user (views test those)."""
    try:
        form_class()
    except Exception:  # noqa: BLE001
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class", [cls for cls in FORMS if constructible(cls)], ids=lambda cls: f"{cls.__module__}.{cls.__name__}"
)
def test_every_text_field_states_its_limit(form_class):
    form = form_class()
    for name in form.fields:
        field = form[name].field
        if isinstance(field, forms.CharField) and not field.widget.is_hidden:
            assert field.max_length, name
            assert "max_length" in field.error_messages, name
            free_text = type(field.widget) in (forms.TextInput, forms.Textarea) and name != "website"
            if free_text and field.widget.attrs.get("inputmode") != "numeric":
                assert f"You can enter up to {field.max_length:,} characters" in field.help_text, name


class Feedback(GovukForm, forms.Form):
    title = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea, help_text="What went well")
    reference = forms.CharField(max_length=12, label="Reference (optional)", required=False)
    code = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "numeric"}), required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["added_later"] = forms.CharField(widget=forms.Textarea, required=False)


def test_a_field_without_a_limit_gets_one_by_its_kind_and_the_hint_says_so():
    form = Feedback()
    assert form.fields["title"].max_length == LINE_LIMIT == 500
    assert form.fields["notes"].max_length == TEXT_LIMIT == 10_000
    assert form["title"].help_text == "You can enter up to 500 characters"
    assert form["notes"].help_text == "What went well. You can enter up to 10,000 characters"
    assert form["reference"].help_text == "You can enter up to 12 characters"
    assert form["added_later"].help_text == "You can enter up to 10,000 characters"
    assert form["code"].help_text == "" and form["password"].help_text == ""


@pytest.mark.parametrize(
    ("name", "length", "message"),
    [
        ("title", 501, "Title must be 500 characters or fewer"),
        ("notes", 3 * 1024 * 1024, "Notes must be 10,000 characters or fewer"),
        ("reference", 13, "Reference must be 12 characters or fewer"),
        ("password", 501, "Password must be 500 characters or fewer"),
        ("added_later", 10_001, "Added later must be 10,000 characters or fewer"),
    ],
)
def test_text_over_the_limit_gets_the_gov_uk_message(name, length, message):
    form = Feedback({"title": "A title", "notes": "Fine", name: "x" * length})
    assert form.errors == {name: [message]}


def test_text_at_the_limit_is_accepted():
    assert Feedback({"title": "x" * 500, "notes": "x" * 10_000, "added_later": "x" * 10_000}).is_valid()


def test_a_model_text_field_without_a_limit_gets_one_too():
    class BodyForm(GovukForm, forms.ModelForm):
        class Meta:
            model = Page
            fields = ["summary", "body"]

    form = BodyForm()
    assert form.fields["summary"].max_length == 600, "the model's own limit is kept"
    assert form.fields["body"].max_length == TEXT_LIMIT
    assert "You can enter up to 10,000 characters" in form.fields["body"].help_text
