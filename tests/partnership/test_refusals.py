"""The one adapter: a refusal or a service's field errors reach the person in plain words, never Python's."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from partnership.errors import Refusal, refusal_shown


class DateForm(forms.Form):
    meeting_on = forms.CharField()


def bound_form():
    form = DateForm({"meeting_on": "1 May 2026"})
    assert form.is_valid()
    return form


def test_a_refusal_goes_to_the_top_of_the_form_and_the_code_after_the_block_runs():
    form, reached = bound_form(), []
    with refusal_shown(form):
        raise Refusal("You cannot close the case now: the case is at the stage “Closed”.")
    reached.append(True)
    assert reached and form.non_field_errors() == ["You cannot close the case now: the case is at the stage “Closed”."]


def test_a_field_error_goes_beside_its_field_and_an_unknown_field_to_the_top():
    form = bound_form()
    with refusal_shown(form):
        raise ValidationError({"meeting_on": "The meeting date must be today or in the past", "other": "Not here"})
    assert form.errors["meeting_on"] == ["The meeting date must be today or in the past"]
    assert form.non_field_errors() == ["Not here"]


def test_a_refusal_on_a_page_without_a_form_is_a_message_in_words_not_list_syntax():
    request = RequestFactory().post("/")
    request.session, request._messages = {}, None
    request._messages = FallbackStorage(request)
    with refusal_shown(request, about="BRD-2026-001"):
        raise ValidationError(['"Annual report" is already published'])
    (message,) = [str(message) for message in get_messages(request)]
    assert message == 'BRD-2026-001: "Annual report" is already published'
    assert "[" not in message and "{" not in message


def test_anything_else_is_not_swallowed():
    with pytest.raises(KeyError), refusal_shown(bound_form()):
        raise KeyError("a fault in the code must still fail loudly")
