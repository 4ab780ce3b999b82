"""Password reset by email, done the same way for every address asked about: the request only queues a task, and
the task looks the address up, so neither the answer nor how long it takes tells whether an account exists. The
link is built from `SITE_URL`, never from the request's Host header."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partnership.links import absolute_url
from partnership.notify import email_on_commit


def password_reset_request(*, email: str) -> None:
    """Queue the lookup and the email for when the transaction commits."""
    transaction.on_commit(lambda: password_reset_send.enqueue(email=email))


def password_reset_link(user) -> str:
    token = default_token_generator.make_token(user)
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute_url(reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token}))


@task
def password_reset_send(*, email: str) -> int:
    """Email every active account with this address (and a password) a single-use link to choose a new one."""
    users = list(PasswordResetForm().get_users(email))
    for user in users:
        email_on_commit(
            to=[user.email],
            subject="Choose a new password for the BSCP portal",
            template="registration/email/password_reset.txt",
            context={"email": user.email, "link": password_reset_link(user)},
        )
    return len(users)
