"""Background work (django.tasks; `manage.py db_worker` runs it, tests run it at once)."""

from django.tasks import task

from partnership.outbox import email_attempt


@task
def send_email(*, outgoing_email_id: int) -> str:
    """One attempt at one email of the outbox. Given the row's id only, so the task table never holds a body."""
    email = email_attempt(email_id=outgoing_email_id)
    return email.status if email else "nothing to do"
