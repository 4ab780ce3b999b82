"""NHS numbers: ten digits, the last a modulus 11 check digit of the first nine. A mistyped digit or two swapped
digits fail the check, so a wrong number is caught at the form instead of identifying the wrong child. Serious
incidents and child deaths use this one check."""

import re

from django import forms
from django.core.exceptions import ValidationError

INVALID = "Enter a valid NHS number"
SEPARATORS = re.compile(r"[\s\-]")


def nhs_number_is_valid(value: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the first nine (weights 10 down to 2); a check
    digit of 10 means no valid number has those nine digits."""
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(value[9])


def normalise(value: str) -> str:
    """The digits as stored: "943 476 5919" and "943-476-5919" are 9434765919."""
    return SEPARATORS.sub("", value or "")


def validate_nhs_number(value: str) -> None:
    if value and not nhs_number_is_valid(normalise(value)):
        raise ValidationError(INVALID, code="nhs_number")


class NhsNumberField(forms.CharField):
    """An optional NHS number, spaces and hyphens allowed, checked with its check digit (GOV.UK wording)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "NHS number")
        kwargs.setdefault("help_text", "10 digits, for example 943 476 5919")
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("error_messages", {"max_length": INVALID})
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        validate_nhs_number(value)
