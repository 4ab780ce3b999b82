"""Optimistic locking: the second of two people saving the same record is refused; nothing of theirs is written."""

import pytest
from django.db import connection, models, transaction
from django.test.utils import isolate_apps

from partnership.locking import STALE_MESSAGE, StaleEdit, Versioned, VersionedForm, check_version


@pytest.fixture
def note_model(transactional_db):
    with isolate_apps("partnership"):

        class Note(Versioned):
            text = models.CharField(max_length=100)

            class Meta:
                app_label = "partnership"

    with connection.schema_editor() as editor:
        editor.create_model(Note)
    yield Note
    with connection.schema_editor() as editor:
        editor.delete_model(Note)


def save_note(note, *, text, expected_version):
    """What a service does: lock, check the version the form carried, then save."""
    with transaction.atomic():
        check_version(note, expected_version)
        note.text = text
        note.save()


def test_each_save_moves_the_version_on(note_model):
    note = note_model.objects.create(text="first")
    assert note.version == 1
    save_note(note, text="second", expected_version=1)
    assert note.version == 2


def test_a_stale_form_is_refused_with_a_clear_message_and_nothing_is_saved(note_model):
    note = note_model.objects.create(text="first")
    form_a = VersionedForm(record=note)
    form_b = VersionedForm(record=note)
    save_note(note, text="saved by A", expected_version=form_a.initial["version"])

    stale = note_model.objects.get(pk=note.pk)
    with pytest.raises(StaleEdit) as error:
        save_note(stale, text="saved by B", expected_version=form_b.initial["version"])
    assert error.value.messages == [STALE_MESSAGE]
    assert note_model.objects.get(pk=note.pk).text == "saved by A"
