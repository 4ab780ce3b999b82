"""Writes that keep search up to date: each page's and publication's search vector, the search entries (site pages
that are neither: the boards, the child death notification) and the lexicon of words behind "Did you mean".

Weights: title A, summary B, body C, tags D (a publication's type and topics; a search entry's keywords).
The lexicon is rebuilt whole, in the writing transaction, by every content change (`content.services._on_change`)
and every change of entries, so it never offers a word that no longer leads anywhere (decision 0009)."""

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import ProgrammingError, connection, transaction
from django.db.models import Value
from django.utils.module_loading import import_string

from content.models import Publication, SearchEntry, SearchWord


def _vector(tags: str = "", tag_field: str = ""):
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    if tag_field:
        return vector + SearchVector(tag_field, weight="D", config="english")
    return vector + SearchVector(Value(tags), weight="D", config="english")


def tags_of(instance) -> str:
    """A publication's tags: its type and its topics (pages carry none)."""
    if isinstance(instance, Publication):
        return " ".join([instance.get_kind_display(), *(theme.name for theme in instance.themes.all())])
    return ""


def index(instance) -> None:
    """Write one page's or publication's search vector from its saved text."""
    type(instance).objects.filter(pk=instance.pk).update(search_vector=_vector(tags_of(instance)))


def _entries() -> list[dict]:
    """The entries every app offers through `AppConfig.search_entries` (a dotted path to a function returning
    dicts with key, url, title, summary, body and keywords)."""
    found = []
    for config in apps.get_app_configs():
        if path := getattr(config, "search_entries", None):
            found.extend(import_string(path)())
    return found


def entries_sync() -> None:
    """Make the search entries exactly what the apps offer now (added, changed, removed), index them and rebuild
    the lexicon. Called after migrations and whenever a board changes."""
    entries = _entries()
    for entry in entries:
        SearchEntry.objects.update_or_create(key=entry["key"], defaults={k: v for k, v in entry.items() if k != "key"})
    SearchEntry.objects.exclude(key__in=[entry["key"] for entry in entries]).delete()
    SearchEntry.objects.update(search_vector=_vector(tag_field="keywords"))
    lexicon_rebuild()


# The words of everything visitors can find, each with its trigrams (the string padded as pg_trgm pads it: two
# spaces before, one after), counted by the documents using it. One statement, under a lock so that two
# rebuilding transactions take turns.
LEXICON_SQL = r"""
WITH texts AS (
    SELECT p.title || ' ' || p.summary || ' ' || p.body AS text FROM content_page p WHERE p.status = 'published'
    UNION ALL
    SELECT p.title || ' ' || p.summary || ' ' || p.body || ' ' || coalesce((
        SELECT string_agg(t.name, ' ') FROM content_publication_themes pt
        JOIN partnership_theme t ON t.id = pt.theme_id WHERE pt.publication_id = p.id), '')
    FROM content_publication p WHERE p.status = 'published'
    UNION ALL
    SELECT e.title || ' ' || e.summary || ' ' || e.body || ' ' || e.keywords FROM content_searchentry e
), numbered AS (
    SELECT row_number() OVER () AS n, regexp_replace(text, '\]\([^)]*\)', ' ', 'g') AS text FROM texts
), words AS (
    SELECT DISTINCT n, word
    FROM numbered, regexp_split_to_table(lower(text), '[^[:alnum:]]+') AS word
    WHERE length(word) BETWEEN 3 AND 40 AND word !~ '^[0-9]+$'
)
INSERT INTO content_searchword (word, documents, trigrams)
SELECT word, count(*), ARRAY(
    SELECT DISTINCT substr('  ' || word || ' ', i, 3) FROM generate_series(1, length(word) + 1) AS i
)
FROM words GROUP BY word
"""


def lexicon_rebuild() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('content.lexicon'))")
        cursor.execute("DELETE FROM content_searchword")
        cursor.execute(LEXICON_SQL)


def search_entries_after_migrate(sender, **kwargs) -> None:
    """After `migrate`: the entries of the apps as they now are. Skipped while the database is migrated back
    below the search tables or the tables an app's entries read (`migrate <app> <earlier migration>`)."""
    if not {SearchEntry._meta.db_table, SearchWord._meta.db_table} <= set(connection.introspection.table_names()):
        return
    try:
        with transaction.atomic():
            entries_sync()
    except ProgrammingError:  # an app's own tables are not there yet
        return
