"""The boards' public pages are cached for anonymous visitors (`content.cache`): any saved or deleted board,
seat, meeting (its minutes are on it), agenda item, paper or terms of reference clears every cached public page
once the transaction commits, in every worker (`content.services.public_cache_clear` bumps a shared version).

One mechanism for every write: the services, the admin and the data fixes all save through the models, so a
receiver here rather than a call in each service. Bulk loads (the benchmark's `boards.scale`) send no signals and
clear the cache themselves."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from boards.models import AgendaItem, Board, Meeting, Membership, Paper, TermsOfReference
from content.search_index import entries_sync
from content.services import public_cache_clear

SHOWN_ON_PUBLIC_PAGES = (Board, Membership, Meeting, AgendaItem, Paper, TermsOfReference)


def _clear_on_commit(sender, **kwargs) -> None:
    transaction.on_commit(public_cache_clear)


def _reindex(sender, **kwargs) -> None:
    """A board's name, purpose or chair, or whether it is active, changes what search finds."""
    entries_sync()


def connect() -> None:
    post_save.connect(_reindex, sender=Board, dispatch_uid="boards-search-entries-save")
    post_delete.connect(_reindex, sender=Board, dispatch_uid="boards-search-entries-delete")
    for model in SHOWN_ON_PUBLIC_PAGES:
        post_save.connect(_clear_on_commit, sender=model, dispatch_uid=f"boards-public-cache-{model.__name__}-save")
        post_delete.connect(_clear_on_commit, sender=model, dispatch_uid=f"boards-public-cache-{model.__name__}-delete")
