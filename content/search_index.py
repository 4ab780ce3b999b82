"""Writes that keep search up to date: each page's and publication's search vector, the search entries (site pages
that are neither: the boards, the child death notification) and the lexicon of words behind "Did you mean".

Weights: title A, summary B, body C, tags D (a publication's type and topics; a search entry's keywords).
The lexicon follows each saved page or publication in the writing transaction (`lexicon_follow`, from
`content.services._on_change`) and is rebuilt whole when the entries change, so it never offers a word that no
longer leads anywhere (decision 0009)."""

from django.contrib.postgres.search import SearchVector
from django.db import ProgrammingError, connection, transaction
from django.db.models import Value

from content.models import Page, Publication, SearchEntry, SearchWord
from partnership.hooks import app_hooks


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
    for entries_of in app_hooks("search_entries"):
        found.extend(entries_of())
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


# The words of a text as the lexicon keeps them: markdown link targets dropped, lower case, split on anything not a
# letter or digit, 3 to 40 characters, not only digits. `{text}` is an SQL expression.
_WORDS = r"""ARRAY(
    SELECT DISTINCT word
    FROM regexp_split_to_table(lower(regexp_replace({text}, '\]\([^)]*\)', ' ', 'g')), '[^[:alnum:]]+') AS word
    WHERE length(word) BETWEEN 3 AND 40 AND word !~ '^[0-9]+$'
)"""
_PAGE_TEXT = "p.title || ' ' || p.summary || ' ' || p.body"
_PUBLICATION_TEXT = """p.title || ' ' || p.summary || ' ' || p.body || ' ' || coalesce((
    SELECT string_agg(t.name, ' ') FROM content_publication_themes pt
    JOIN partnership_theme t ON t.id = pt.theme_id WHERE pt.publication_id = p.id), '')"""
_ENTRY_TEXT = "e.title || ' ' || e.summary || ' ' || e.body || ' ' || e.keywords"
_TABLE_TEXT = {Page: ("content_page", _PAGE_TEXT), Publication: ("content_publication", _PUBLICATION_TEXT)}

# A word's trigrams: the string padded as pg_trgm pads it (two spaces before, one after).
_TRIGRAMS = (
    "ARRAY(SELECT DISTINCT substr('  ' || {word} || ' ', i, 3) FROM generate_series(1, length({word}) + 1) AS i)"
)

_COUNT_SQL = f"""
INSERT INTO content_searchword (word, documents, trigrams)
SELECT word, count(*), {_TRIGRAMS.format(word="word")}
FROM (
    SELECT unnest(lexicon_words) AS word FROM content_page
    UNION ALL
    SELECT unnest(lexicon_words) FROM content_publication
    UNION ALL
    SELECT unnest({_WORDS.format(text=_ENTRY_TEXT)}) FROM content_searchentry e
) AS words
GROUP BY word
"""  # noqa: S608 (built from the constants above)

_ADD_SQL = f"""
INSERT INTO content_searchword (word, documents, trigrams)
SELECT word, 1, {_TRIGRAMS.format(word="word")} FROM unnest(%s::varchar[]) AS word
ON CONFLICT (word) DO UPDATE SET documents = content_searchword.documents + 1
"""  # noqa: S608 (built from the constants above; the words are a parameter)


def _document_words_sql(model, where: str) -> str:
    """Set each chosen document's `lexicon_words` from its text: its words while published, none otherwise."""
    table, text = _TABLE_TEXT[model]
    words = _WORDS.format(text=text)
    return f"UPDATE {table} p SET lexicon_words = CASE WHEN p.status = 'published' THEN {words} ELSE '{{}}' END {where}"  # noqa: S608 (constants)


def _lexicon_lock(cursor) -> None:
    """Writers of the lexicon take turns, until their transaction ends."""
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext('content.lexicon'))")


def lexicon_rebuild() -> None:
    """The lexicon whole, from every page's, publication's and entry's text: after migrations, when the search
    entries change and after `make_scale_data`. Seconds on thousands of documents (decision 0009)."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lexicon_lock(cursor)
        for model in _TABLE_TEXT:
            cursor.execute(_document_words_sql(model, ""))
        cursor.execute("DELETE FROM content_searchword")
        cursor.execute(_COUNT_SQL)


def lexicon_follow(item) -> None:
    """The lexicon follows one saved page or publication: one document fewer for the words it gave before
    (`lexicon_words`), one more for those it gives now. Milliseconds, whatever the size of the site."""
    table = _TABLE_TEXT[type(item)][0]
    with transaction.atomic(), connection.cursor() as cursor:
        _lexicon_lock(cursor)
        cursor.execute(f"SELECT lexicon_words FROM {table} WHERE id = %s", [item.pk])  # noqa: S608 (a constant)
        before = set(cursor.fetchone()[0])
        cursor.execute(_document_words_sql(type(item), "WHERE p.id = %s RETURNING lexicon_words"), [item.pk])
        after = set(cursor.fetchone()[0])
        if gone := sorted(before - after):
            cursor.execute(
                "UPDATE content_searchword SET documents = documents - 1 WHERE word = ANY(%s::varchar[])", [gone]
            )
            cursor.execute("DELETE FROM content_searchword WHERE documents <= 0 AND word = ANY(%s::varchar[])", [gone])
        if new := sorted(after - before):
            cursor.execute(_ADD_SQL, [new])


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
