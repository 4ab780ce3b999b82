"""The site-wide alerts are cached (`content.selectors.alerts_current`): any saved or deleted alert clears them,
at once for the rest of its own transaction and again once it commits, in every worker (the cache is shared), in
case another request refilled the entry from before the commit.

A receiver rather than a call in each service: the services, the admin and the data fixes all save through the
model."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from content.models import Alert
from content.selectors import alerts_cache_clear


def _clear(sender, **kwargs) -> None:
    alerts_cache_clear()
    transaction.on_commit(alerts_cache_clear)


def connect() -> None:
    post_save.connect(_clear, sender=Alert, dispatch_uid="content-alerts-cache-save")
    post_delete.connect(_clear, sender=Alert, dispatch_uid="content-alerts-cache-delete")
