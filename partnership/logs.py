"""Logs an operator can search: in production one JSON object a line with the time, level, logger, message and the
id of the request it belongs to, so every line one request wrote (Django's and gunicorn's access line) is found by
one id, and so is the page a person reports by the `X-Request-ID` its response carried.

The id comes from the proxy's `X-Request-ID` when it is a sensible token, otherwise the portal makes one. It holds
until the response is closed, so Django's line for a 404 (written after the middleware) and gunicorn's access
line carry it too. gunicorn's own logging uses this module before Django is set up (`bscp_portal/gunicorn_conf.py`):
import nothing here that needs the settings.
"""

import json
import logging
import logging.config
import re
import uuid
from collections.abc import Mapping
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
