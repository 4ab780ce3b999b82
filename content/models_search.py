"""Site search's own tables, imported by `content.models` (where Django looks for the app's models): the entries
for public pages that are neither pages nor publications, and the lexicon behind "Did you mean"."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """A public page of the site that is neither a `Page` nor a `Publication` (the boards, each active board, the
    child death notification), indexed for search beside them. Kept by `content.search_index.entries_sync` from a
    fixed list and the active boards; never edited by hand."""

    key = models.CharField(max_length=100, unique=True)
    url = models.CharField(max_length=400)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    body = models.TextField(blank=True)
    keywords = models.TextField(blank=True, help_text="Tags: abbreviations and other words people search with.")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "search entries"
        indexes = [GinIndex(fields=["search_vector"], name="search_entry_search")]

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """The lexicon: every word of the live pages, publications and search entries with its trigrams, for "Did you
    mean" without the pg_trgm extension (decision 0009). Each saved page or publication moves its own words
    (`content.search_index.lexicon_follow`); `lexicon_rebuild` makes it whole when the search entries change."""

    word = models.CharField(max_length=40, unique=True)
    documents = models.PositiveIntegerField(default=0, help_text="How many pages and publications use it.")
    trigrams = ArrayField(models.CharField(max_length=3))

    class Meta:
        indexes = [GinIndex(fields=["trigrams"], name="search_word_trigrams")]

    def __str__(self):
        return self.word
