"""Email, the one way: rendered from a template named after the step that sends it, queued when the
transaction commits, so a rolled-back step never emails anyone."""

from django.db import transaction
from django.template.loader import render_to_string

from partnership.tasks import send_email


def email_on_commit(*, to: list[str], subject: str, template: str, context: dict | None = None) -> None:
    """Queue an email. `template` is a plain-text template; `to` a list of addresses (empty: nothing is sent)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    body = render_to_string(template, context or {})
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=recipients))
