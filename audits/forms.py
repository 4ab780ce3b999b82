from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html

from audits.models import EVIDENCE_KINDS, AuditReturn, Rating, ToolVersion, http_only
from partnership.fields import GovukDateField
from partnership.files import DocumentValidator
from partnership.forms import GovukForm
from partnership.locking import VersionedForm
from partnership.models import Organisation, Theme

BLANK_ACTION_ROWS = 2
NAMED_MOST = 200  # organisations a cycle names one by one; more are invited by type


class HttpLinkField(forms.URLField):
    """A web address: http and https only (javascript: and every other scheme refused)."""

    default_validators = [http_only]
    default_error_messages = {"invalid": http_only.message}
    widget = forms.URLInput(attrs={"class": "govuk-input", "spellcheck": "false", "autocomplete": "url"})


class AreaForm(GovukForm, VersionedForm):
    """One area of a return: each criterion (how it is met, evidence), the rating and the key actions."""

    rating = forms.ChoiceField(
        label="Your rating for this area", choices=Rating.choices, required=False, widget=forms.RadioSelect
    )
    not_applicable_reason = forms.CharField(
        label="If not applicable, why", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    NEW_AREA = 0  # the version a form carries for an area nobody has saved yet

    def __init__(self, *args, area_view, **kwargs):
        """The lock is per area: the form carries the area's version (0 while unsaved), not the return's."""
        super().__init__(*args, record=area_view.response, **kwargs)
        self.area_view = area_view
        response = area_view.response
        if response is None:  # a first save is checked too: a colleague may save the area first
            self.editing_saved_record = True
            if not self.is_bound:
                self.initial["version"] = self.NEW_AREA
        if response and not self.is_bound:
            self.initial.update(rating=response.rating, not_applicable_reason=response.not_applicable_reason)
        self.criterion_rows = []
        for index, (criterion, answer) in enumerate(area_view.criteria):
            names = self._add_criterion(index, criterion, answer)
            self.criterion_rows.append((criterion, answer, names))
        self.themes = [("", "None")] + [(str(t.pk), t.name) for t in Theme.objects.filter(is_active=True)]
        self.action_rows = []
        existing = list(response.actions.all()) if response else []
        for index, action in enumerate([*existing, *[None] * BLANK_ACTION_ROWS]):
            self.action_rows.append((action, self._add_action(index, action)))

    def _add_criterion(self, index, criterion, answer) -> list[str]:
        prefix = f"c{index}-"
        self.fields[prefix + "how_met"] = forms.CharField(
            label="How your organisation meets this", required=False, widget=forms.Textarea(attrs={"rows": 4})
        )
        self.fields[prefix + "evidence_file"] = forms.FileField(
            label="Upload evidence", required=False, validators=[DocumentValidator(EVIDENCE_KINDS)],
            error_messages={"empty": "The selected file is empty"},
            help_text="PDF, Word, Excel, PowerPoint, OpenDocument text, PNG or JPEG",
        )  # fmt: skip
        self.fields[prefix + "evidence_link"] = HttpLinkField(
            label="Or link to evidence", required=False, max_length=500,
            help_text="A web address starting with https:// or http://",
        )  # fmt: skip
        names = [prefix + "how_met", prefix + "evidence_file", prefix + "evidence_link"]
        if answer and answer.evidence_file:
            # Optional: saving the area without ticking it keeps the file (the pack renders labels unescaped).
            self.fields[prefix + "remove_file"] = forms.BooleanField(
                label=format_html("Remove the uploaded file {}", answer.file_name), required=False,
                help_text="Leave this unticked to keep the file. To replace it, choose the new file above instead.",
            )  # fmt: skip
            names.append(prefix + "remove_file")
        if answer and not self.is_bound:
            self.initial.update({prefix + "how_met": answer.how_met, prefix + "evidence_link": answer.evidence_link})
        return names

    def _add_action(self, index, action) -> list[str]:
        prefix = f"a{index}-"
        number = index + 1
        self.fields[prefix + "action"] = forms.CharField(
            label=f"Action {number}", required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields[prefix + "owner"] = forms.CharField(label=f"Who owns action {number}", required=False,
                                                        max_length=200)  # fmt: skip
        self.fields[prefix + "due_on"] = GovukDateField(f"Date action {number} is due by", required=False)
        self.fields[prefix + "theme"] = forms.ChoiceField(
            label=f"Safeguarding theme of action {number} (optional)", choices=self.themes, required=False
        )
        if action and not self.is_bound:
            theme = next(iter(action.themes.all()), None)
            self.initial.update({prefix + "action": action.action, prefix + "owner": action.owner,
                                 prefix + "due_on": action.due_on})  # fmt: skip
            self.initial[prefix + "theme"] = str(theme.pk) if theme else ""
        return [prefix + "action", prefix + "owner", prefix + "due_on", prefix + "theme"]

    def clean(self):
        data = super().clean()
        for index, (_criterion, answer, _names) in enumerate(self.criterion_rows):
            prefix = f"c{index}-"
            if data.get(prefix + "remove_file") and data.get(prefix + "evidence_file"):
                self.add_error(prefix + "remove_file", f"Either remove {answer.file_name} or choose a new file to "
                               "replace it, not both")  # fmt: skip
        for index, _ in enumerate(self.action_rows):
            prefix = f"a{index}-"
            if data.get(prefix + "action"):
                if not data.get(prefix + "owner"):
                    self.add_error(prefix + "owner", f"Enter who owns action {index + 1}")
                if not data.get(prefix + "due_on") and prefix + "due_on" not in self.errors:
                    self.add_error(prefix + "due_on", f"Enter the date action {index + 1} is due by")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        criteria = {}
        for index, (criterion, _answer, _names) in enumerate(self.criterion_rows):
            prefix = f"c{index}-"
            criteria[criterion] = {
                "how_met": data.get(prefix + "how_met", ""),
                "evidence_link": data.get(prefix + "evidence_link", ""),
                "evidence_file": data.get(prefix + "evidence_file"),
                "remove_file": data.get(prefix + "remove_file", False),
            }
        actions = []
        for index, (action, _names) in enumerate(self.action_rows):
            prefix = f"a{index}-"
            actions.append({
                "pk": action.pk if action else None,
                "action": data.get(prefix + "action", ""),
                "owner": data.get(prefix + "owner", ""),
                "due_on": data.get(prefix + "due_on"),
                "themes": [data[prefix + "theme"]] if data.get(prefix + "theme") else [],
            })  # fmt: skip
        return {
            "version": data.get("version"),
            "rating": data.get("rating", ""),
            "not_applicable_reason": data.get("not_applicable_reason", ""),
            "criteria": criteria,
            "actions": actions,
        }


class ReviewForm(GovukForm, VersionedForm):
    """The partnership's feedback: a moderated rating and feedback per area, and overall."""

    strengths = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    areas_to_develop = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    good_practice = forms.CharField(label="Good practice to share", required=False,
                                    widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        audit_return = page.audit_return
        if not self.is_bound:
            self.initial.update(strengths=audit_return.strengths, areas_to_develop=audit_return.areas_to_develop,
                                good_practice=audit_return.good_practice)  # fmt: skip
        self.area_rows = []
        for view in page.areas:
            if not view.response:
                continue
            prefix = f"r{view.response.pk}-"
            self.fields[prefix + "moderated_rating"] = forms.ChoiceField(
                label=format_html("Partnership's rating for “{}”", view.area.title),
                choices=[("", "Agree with the organisation's rating"), *Rating.choices],
                required=False,
            )
            self.fields[prefix + "feedback"] = forms.CharField(
                label=format_html("Feedback on “{}”", view.area.title),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if not self.is_bound:
                self.initial.update({prefix + "moderated_rating": view.response.moderated_rating,
                                     prefix + "feedback": view.response.feedback})  # fmt: skip
            self.area_rows.append((view, [prefix + "moderated_rating", prefix + "feedback"]))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        areas = {
            view.response.pk: {"moderated_rating": data[names[0]], "feedback": data[names[1]]}
            for view, names in self.area_rows
        }
        return {
            "version": data.get("version"),
            "areas": areas,
            "strengths": data["strengths"],
            "areas_to_develop": data["areas_to_develop"],
            "good_practice": data["good_practice"],
        }


class CycleForm(GovukForm, forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title for the cycle"})
    year = forms.IntegerField(min_value=2000, max_value=2100, error_messages={"required": "Enter the year"})
    version = forms.ModelChoiceField(
        label="Tool and version",
        queryset=ToolVersion.objects.filter(stage=ToolVersion.Stage.PUBLISHED).select_related("tool"),
        error_messages={"required": "Choose the tool and version"},
    )
    opens_on = GovukDateField("Opening date")
    due_on = GovukDateField("Due date")
    invite_all = forms.BooleanField(label="Invite every member organisation", required=False)
    invited_types = forms.MultipleChoiceField(
        label="Or every member organisation of these types", choices=Organisation.Type.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    invited_organisations = forms.CharField(
        label="And these organisations", required=False, max_length=NAMED_MOST * 201, widget=forms.Textarea,
        help_text=f"Their names as the directory spells them, one a line (at most {NAMED_MOST})",
    )  # fmt: skip

    def clean_invited_organisations(self) -> list[Organisation]:
        """The named member organisations, by their exact names: a box to type in, never one checkbox for each of
        the directory's 12,000 organisations."""
        names = list(dict.fromkeys(line.strip() for line in self.cleaned_data["invited_organisations"].splitlines()))
        names = [name for name in names if name]
        if len(names) > NAMED_MOST:
            raise forms.ValidationError(f"Name at most {NAMED_MOST} organisations, or invite them by type")
        found = list(Organisation.objects.members().filter(is_active=True, name__in=names))
        unknown = set(names) - {organisation.name for organisation in found}
        if unknown:
            first = next(name for name in names if name in unknown)
            raise forms.ValidationError(f"No active member organisation is called “{first[:200]}”")
        return found

    def clean(self):
        data = super().clean()
        if data.get("due_on") and data["due_on"] < timezone.localdate():
            self.add_error("due_on", "The due date must be today or in the future")
        if data.get("invite_all"):
            data["invited_types"] = list(Organisation.Type.values)
        data.pop("invite_all", None)
        if not data.get("invited_types") and not data.get("invited_organisations") and "invited_organisations" in data:
            self.add_error("invited_types", "Choose at least one type of organisation, or name organisations")
        return data


class ReturnFilterForm(GovukForm, forms.Form):
    """The returns list's filters (GET, nothing required): the organisation's name for a manager, the year, the
    stage."""

    organisation = forms.CharField(label="Organisation name contains", required=False, max_length=100)
    year = forms.ChoiceField(label="Year", required=False)
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "Any stage"), *AuditReturn.Stage.choices])

    def __init__(self, *args, years=(), manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year"), *((str(year), str(year)) for year in years)]
        if not manager:  # an agency user's list holds their own organisation's returns only
            del self.fields["organisation"]
            self.helper.layout = Layout(*self.fields)  # the helper was laid out with every field
