"""Background work (django.tasks; `manage.py db_worker` runs it, tests run it at once)."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject, body, None, to)
