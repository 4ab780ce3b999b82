"""Optimistic locking: the one way a form refuses to overwrite someone else's newer save.

A casework model inherits `Versioned`; its form inherits `VersionedForm`, which carries the version the user
opened; the service calls `check_version` inside its transaction before saving. The second of two people
editing the same record gets `StaleEdit` and a clear message; nothing of theirs is written.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from partnership.errors import Refusal

STALE_MESSAGE = (
    "Someone else saved this record after you opened it. Your changes have not been saved. "
    "Open the record again to see the latest version, then make your changes."
)
NO_VERSION_MESSAGE = (
    "This form was sent without the version of the record it was opened on. Your changes have not been saved. "
    "Open the record again, then make your changes."
)


class StaleEdit(Refusal):
    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version = models.F("version") + 1
        super().save(*args, **kwargs)
        if not self._state.adding:
            self.refresh_from_db(fields=["version"])


def check_version(instance: Versioned, expected_version: int | None) -> None:
    """Lock the row and refuse when it has moved on since the form was opened."""
    if expected_version is None:
        return
    current = type(instance).objects.select_for_update().values_list("version", flat=True).get(pk=instance.pk)
    if current != int(expected_version):
        raise StaleEdit()


class VersionedForm(forms.Form):
    """Mixin for forms that edit a `Versioned` record: a hidden field holds the version shown to the user.

    A form that edits a saved record must come back with a version, or it is refused: without one the service
    could not tell a stale edit from a fresh one. The hidden field never shows an error of its own (nobody would
    see it); a missing or garbled version is an error at the top of the form.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, record: Versioned | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing_saved_record = record is not None and record.pk is not None
        if self.editing_saved_record and not self.is_bound:
            self.initial["version"] = record.version

    def clean(self):
        cleaned = super().clean()
        version = "" if self.errors.pop("version", None) else cleaned.get("version", "")
        if not self.editing_saved_record:
            cleaned["version"] = None
        elif not re.fullmatch(r"[0-9]{1,9}", version):
            cleaned.pop("version", None)
            raise ValidationError(NO_VERSION_MESSAGE, code="no_version")
        else:
            cleaned["version"] = int(version)
        return cleaned
