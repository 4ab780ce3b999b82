"""Email, the one way: rendered from a template named after the step that sends it and put in the outbox
(`partnership.outbox`), whose task is enqueued when the transaction commits, so a rolled-back step never emails
anyone and a mail server that is down only delays it. Links in emails come from `partnership.links.absolute_url`,
never from the request."""

import unicodedata

from django.template import Context
from django.template.loader import get_template

from partnership.models import OutgoingEmail
from partnership.outbox import email_queue

SUBJECT_MAX_LENGTH = 200


def email_subject(text: str) -> str:
    """`text` as a safe one-line subject: a header cannot hold a newline (Django refuses to send the whole email,
    so a visitor's message would be lost), so control characters become spaces, runs of spaces one, and it is
    cut to `SUBJECT_MAX_LENGTH` characters."""
    spaced = "".join(" " if unicodedata.category(char) in {"Cc", "Zl", "Zp"} else char for char in str(text))
    line = " ".join(spaced.split())
    return line if len(line) <= SUBJECT_MAX_LENGTH else line[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"


def email_body(template: str, context: dict | None = None) -> str:
    """A plain-text template rendered without HTML escaping (the email is not HTML: "O'Brien" stays as typed)."""
    return get_template(template).template.render(Context(context or {}, autoescape=False))


def email_on_commit(
    *,
    to: list[str],
    subject: str,
    template: str,
    context: dict | None = None,
    cc: list[str] = (),
    reply_to: list[str] = (),
    attachments: list[dict] = (),
) -> OutgoingEmail | None:
    """Queue an email. `template` is a plain-text template; `to` a list of addresses (empty: nothing is sent);
    `cc` and `reply_to` lists of addresses (blanks dropped); `attachments` text files (filename, content,
    mimetype)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    copied = sorted({address for address in cc if address} - set(recipients))
    return email_queue(
        to=recipients,
        cc=copied,
        reply_to=[address for address in reply_to if address],
        subject=email_subject(subject),
        body=email_body(template, context),
        template=template,
        attachments=attachments,
    )
