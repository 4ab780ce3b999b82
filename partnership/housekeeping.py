"""Daily housekeeping: delete what has expired and is kept for nothing (`manage.py housekeeping`).

Each job is idempotent and returns one line saying what it removed. Add a job by writing a function that returns
that line and naming it in JOBS.
"""

from importlib import import_module

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def expired_sessions() -> str:
    """Django's `clearsessions`, counted: the session rows whose expiry date has passed."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # a cache or cookie store expires sessions by itself
        return "Sessions: kept in a store that expires them itself"
    deleted, _ = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
    return f"Sessions: {deleted} expired session(s) removed"


def expired_lockouts() -> str:
    """Failed sign-in records older than the cool-off time: they no longer lock anyone out."""
    cool_off = get_cool_off()
    if cool_off is None:  # lockouts last until an administrator lifts them
        return "Sign-in lockouts: kept until an administrator lifts them"
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - cool_off).delete()
    return f"Sign-in lockouts: {deleted} expired record(s) removed"


JOBS = [
    expired_sessions,
    expired_lockouts,
]


def housekeeping_run() -> list[str]:
    return [job() for job in JOBS]
