"""The one domain error that services raise when a step is not allowed; views turn it into a message."""

from django.core.exceptions import ValidationError


class TransitionNotAllowed(ValidationError):
    """A stage change asked for from a stage it may not come from (or by someone who may not make it)."""
