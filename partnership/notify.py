"""Email, the one way: rendered from a template named after the step that sends it and put in the outbox
(`partnership.outbox`), whose task is enqueued when the transaction commits, so a rolled-back step never emails
anyone and a mail server that is down only delays it."""

from django.template.loader import render_to_string

from partnership.models import OutgoingEmail
from partnership.outbox import email_queue


def email_on_commit(*, to: list[str], subject: str, template: str, context: dict | None = None) -> OutgoingEmail | None:
    """Queue an email. `template` is a plain-text template; `to` a list of addresses (empty: nothing is sent)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    body = render_to_string(template, context or {})
    return email_queue(to=recipients, subject=subject, body=body, template=template)
