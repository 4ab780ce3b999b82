"""The coordinator's form for the death details of the national data set (mode of death, deprivation decile)."""

from django import forms

from cdop.choices import DEPRIVATION_DECILES, ModeOfDeath
from cdop.forms import PlainTextForm
from partnership.locking import VersionedForm


class DeathDetailsForm(PlainTextForm, VersionedForm):
    mode_of_death = forms.ChoiceField(
        label="Mode of death",
        choices=[("", "Not recorded yet"), *ModeOfDeath.choices],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose the mode of death from the list"},
    )
    deprivation_decile = forms.TypedChoiceField(
        label="Deprivation decile of the home postcode",
        help_text=(
            "The Index of Multiple Deprivation decile of the child's home postcode: 1 is the most deprived tenth "
            "of neighbourhoods, 10 the least. Look it up from the postcode; leave it as not known if you cannot."
        ),
        choices=[("", "Not known"), *DEPRIVATION_DECILES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a decile from 1 to 10, or not known"},
    )

    @classmethod
    def initial_for(cls, case) -> dict:
        return {"mode_of_death": case.mode_of_death, "deprivation_decile": case.deprivation_decile}

    def values(self) -> dict:
        return dict(self.cleaned_data)
