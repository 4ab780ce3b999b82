"""A mail server that can be down: Django's in-memory backend, refusing connections while `MailServer.down` is set.

Configured with `settings.MAILERS` (the `mail_server` fixture); the only stand-in in the email tests, at the edge.
"""

from django.core.mail.backends import locmem


class MailServer(locmem.EmailBackend):
    down = False

    def send_messages(self, messages):
        if MailServer.down:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(messages)
