"""What the health URLs check. Liveness (`/healthz`): the database answers. Readiness (`/readyz`): the database
answers, the cache keeps what is written to it, and no task ready to run has waited longer than
`TASK_QUEUE_MAX_AGE` (a stopped or stuck task worker means emails are not going out).

Each check says only whether it passed; why it failed goes to the log, never to the page.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False
    return True


def cache_works() -> bool:
    """A value written to the cache reads back (Redis or the database cache, whichever production uses)."""
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        kept = cache.get(key) == value
        cache.delete(key)
    except Exception:  # every backend fails in its own way (redis, database, socket errors)
        logger.exception("Health check: the cache cannot be used")
        return False
    if not kept:
        logger.error("Health check: the cache did not keep a value")
    return kept


def oldest_task_wait() -> timedelta:
    """How long the task that has waited longest to run has been waiting; zero when none is waiting. A task retried
    later waits from the time it may run again, not from when it was first queued."""
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after")
    )
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(waiting_since))["oldest"]
    return max(timezone.now() - oldest, timedelta(0)) if oldest else timedelta(0)


def task_queue_moving() -> bool:
    try:
        wait = oldest_task_wait()
    except DatabaseError:
        logger.exception("Health check: the task queue cannot be read")
        return False
    if wait > settings.TASK_QUEUE_MAX_AGE:
        logger.error("Health check: a task has waited %s to run; is the task worker running?", wait)
        return False
    return True


def readiness() -> dict[str, bool]:
    """Each check by name, in the order an operator would look into them."""
    if not database_answers():
        return {"database": False, "cache": False, "task queue": False}
    return {"database": True, "cache": cache_works(), "task queue": task_queue_moving()}
