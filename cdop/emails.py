"""Every child death email goes out from the portal's address with the CDOP mailbox (a site setting the
administrator fills in) as its Reply-To, so whoever receives one can answer a person, not a no-reply address."""

from partnership.models import OutgoingEmail, SiteSettings
from partnership.notify import email_on_commit


def cdop_email(
    *, to: list[str], subject: str, template: str, context: dict | None = None, **more
) -> OutgoingEmail | None:
    """`partnership.notify.email_on_commit` with the CDOP mailbox as Reply-To (none while the setting is blank)."""
    mailbox = SiteSettings.current().cdop_email
    context = {"cdop_email": mailbox, **(context or {})}
    return email_on_commit(to=to, subject=subject, template=template, context=context, reply_to=[mailbox], **more)
