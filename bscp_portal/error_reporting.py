"""Error reports to Sentry or a Sentry-compatible service, started by the settings only when SENTRY_DSN is set.

What leaves the portal: the error, its stack trace without local variables, log messages of level ERROR and
the URL pattern of the page (never the path itself: a Form B or password link carries a working token). Never
request bodies, cookies, headers, query strings, users' details or local variables: any of them may hold a
child's details.
"""

import logging

import sentry_sdk
from django.urls import Resolver404, resolve
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration


def sentry_start(*, dsn: str, environment: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), LoggingIntegration(level=logging.INFO, event_level=logging.ERROR)],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=scrub,
    )


def scrub(event: dict, hint: dict) -> dict:
    """Keep of the request only its method and the URL's pattern (`cdop/form-b/<str:token>/`)."""
    request = event.get("request")
    if request:
        event["request"] = {"method": request.get("method"), "url": url_pattern(request.get("url", ""))}
    return event


def url_pattern(url: str) -> str:
    path = "/" + url.split("://", 1)[-1].partition("/")[2].partition("?")[0]
    try:
        return "/" + resolve(path).route
    except Resolver404:
        return "(no page at this address)"
