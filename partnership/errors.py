"""The one refusal: what a service raises when a person may not do what they asked, and the one adapter that shows
it to them (in a form's error summary, or as a message on the page they return to).

A refusal carries words written for the person ("You cannot send the case to the panel now: ..."). A service may
also raise Django's `ValidationError` keyed by field for a value it finds wrong; the adapter shows both the same
way, so no view or admin class catches a service error by hand.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


class Refusal(ValidationError):
    """A step refused: a move not allowed from the record's stage, a person who may not make it, a stale form, or
    a rule of the step itself. Its message says what was refused and why, in the partnership's words."""


def refusal_messages(error: ValidationError) -> list[str]:
    """The plain sentences of an error (never Python's list or dict text)."""
    return [str(message) for message in error.messages]


def add_refusal_to_form(form: BaseForm, error: ValidationError) -> None:
    """Errors keyed by one of the form's fields go beside it; everything else goes to the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in ValidationError(errors).messages:
                form.add_error(field if field in form.fields else None, message)
        return
    for message in refusal_messages(error):
        form.add_error(None, message)


@contextmanager
def refusal_shown(target: BaseForm | HttpRequest, *, about: str = ""):
    """Run a service; if it refuses, show why and carry on after the `with` block instead of failing.

    With a form, the refusal goes into the form's error summary (re-render the form after the block). With a
    request, it becomes an error message on the next page (`about` names the record, as the admin's actions do
    for each selected row). Nothing the service did is kept: it runs in its own transaction.
    """
    try:
        yield
    except ValidationError as error:
        if isinstance(target, BaseForm):
            add_refusal_to_form(target, error)
        else:
            prefix = f"{about}: " if about else ""
            messages.error(target, prefix + " ".join(refusal_messages(error)))
