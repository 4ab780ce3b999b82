"""Logs an operator can search: in production one JSON object a line with the time, level, logger, message and the
id of the request it belongs to, so every line one request wrote (Django's and gunicorn's access line) is found by
one id, and so is the page a person reports by the `X-Request-ID` its response carried.

The id comes from the proxy's `X-Request-ID` when it is a sensible token, otherwise the portal makes one. It holds
until the response is closed, so Django's line for a 404 (written after the middleware) and gunicorn's access
line carry it too. Tokens in paths (a Form B link, an invitation, a password reset) never reach a log line
(`RedactTokensFilter`). gunicorn's own logging uses this module before Django is set up (`deploy/gunicorn.conf.py`):
import nothing here that needs the settings.
"""

import json
import logging
import logging.config
import re
import uuid
from collections.abc import Mapping, MutableMapping
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,128}")  # a UUID, a hex string, nginx's $request_id; never a log line
NONE = "-"

request_id: ContextVar[str] = ContextVar("request_id", default=NONE)


class RequestIdMiddleware:
    """First in the list: the request's id is known to every log line written while answering it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        value = given if ACCEPTED.fullmatch(given) else uuid.uuid4().hex
        request_id.set(value)
        response = self.get_response(request)
        response[HEADER] = value
        return response


@receiver(request_finished)
def _forget_the_request_id(**kwargs):
    """Sent when the server closes the response: later lines belong to no request."""
    request_id.set(NONE)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record: the current request's, or, should a line come after the response was
    closed, the id the response carried when the line is gunicorn's access line."""

    def filter(self, record):
        current = request_id.get()
        if current == NONE and isinstance(record.args, Mapping):
            current = record.args.get("{x-request-id}o", NONE)
        record.request_id = current
        return True


# A token in a path opens a Form B (`/cdop/form-b/<pk>/link/<token>/`), accepts an invitation
# (`/accounts/invitation/<token>/`) or sets a password (`/accounts/password-reset/<uid>/<token>/`): whoever reads the
# logs must not be able to. The one definition for the portal's and gunicorn's logs; deploy/nginx/bscp.conf repeats
# it for the proxy's log (nginx cannot import it).
TOKEN_IN_PATH = re.compile(r"(/link/|/invitation/|/password-reset/[^/?#\s\"]+/)(?!set-password/)[^/?#\s\"]+")
REDACTED = "[token]"


def redact_tokens(text: str) -> str:
    """The text with every token in a path replaced by `[token]`."""
    return TOKEN_IN_PATH.sub(rf"\1{REDACTED}", text)


class RedactTokensFilter(logging.Filter):
    """Replaces tokens in paths in the record's message and arguments: Django's "Bad Request: /cdop/form-b/1/link/..."
    and gunicorn's access line (request line, referer) alike. Changes the record itself, so every handler after it,
    the administrators' error email too, sees only `[token]`."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact_tokens(record.msg)
        if isinstance(record.args, MutableMapping):  # gunicorn's access line: its atoms, changed in place
            for key, value in record.args.items():
                if isinstance(value, str):
                    record.args[key] = redact_tokens(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(redact_tokens(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, and any traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


def configure(config: dict) -> None:
    """`LOGGING_CONFIG` in production: the `LOGGING` setting, and Python's warnings as log lines like any other."""
    logging.config.dictConfig(config)
    logging.captureWarnings(True)
