"""Search of the public site: pages, publications and the search entries (boards, the child death notification),
in one query ranked by PostgreSQL full-text search (title A > summary B > body C > tags D).

A query is expanded with the field's synonyms (`content.synonyms`). When it finds nothing, each word the lexicon
does not know is replaced by the nearest known word (trigram similarity over `SearchWord`, no extension needed:
decision 0009) and the corrected words are searched, the page offering "Did you mean"; when every word together
still finds nothing, any of them is enough. At most four queries a search, whatever it finds."""

import re
from dataclasses import dataclass, field, replace

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, Func, TextField, Value
from django.db.models.functions import Concat

from content.models import Page, Publication, SearchEntry
from content.synonyms import SYNONYMS

SEARCH_MAX_CHARACTERS = 200
SEARCH_RESULTS_MAX = 200  # the best matches: a visitor narrows the words rather than pages further
WORDS_CORRECTED_MAX = 8
SIMILARITY_MIN = 0.3  # pg_trgm's default threshold
HEADLINE_OPTIONS = {"start_sel": "[[mark]]", "stop_sel": "[[/mark]]", "max_words": 35, "min_words": 15}
TOKEN = re.compile(r"[^\W_]+")
PHRASES = sorted(
    ((tuple(TOKEN.findall(phrase)), n) for n, group in enumerate(SYNONYMS) for phrase in group),
    key=lambda item: -len(item[0]),
)
SYNONYM_WORDS = {token for tokens, _ in PHRASES for token in tokens}


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    snippet: str
    rank: float
    key: str = ""  # the page's path, the publication's slug or the entry's key

    @property
    def label(self) -> str:
        return "Publication" if self.kind == "Publication" else "Page"


@dataclass
class Found:
    """What a search found: the results (best first), the words searched and, when the visitor's words were
    corrected, the corrected query to offer ("Did you mean")."""

    results: list[SearchResult] = field(default_factory=list)
    searched: str = ""
    suggestion: str = ""


def clean(query: str) -> str:
    return (query or "").replace("\x00", " ").strip()[:SEARCH_MAX_CHARACTERS]


def _phrase(text: str) -> SearchQuery:
    return SearchQuery(text, config="english", search_type="phrase")


def terms(query: str, *, any_word: bool = False) -> SearchQuery | None:
    """The tsquery for `query`: each synonym phrase found becomes any phrase of its group; the other words are
    all required (websearch syntax: "quoted phrases", -excluded, or) or, with `any_word`, any of them."""
    query = clean(query)
    tokens = TOKEN.findall(query.lower())
    if not tokens:
        return None
    groups, rest, i = [], [], 0
    while i < len(tokens):
        for phrase, n in PHRASES:
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                groups.append(n)
                i += len(phrase)
                break
        else:
            rest.append(tokens[i])
            i += 1
    parts = []
    for n in dict.fromkeys(groups):
        alternatives = [_phrase(phrase) for phrase in SYNONYMS[n]]
        combined = alternatives[0]
        for alternative in alternatives[1:]:
            combined |= alternative
        parts.append(combined)
    if any_word:
        parts += [SearchQuery(token, config="english", search_type="plain") for token in rest]
    elif not groups:
        parts.append(SearchQuery(query, config="english", search_type="websearch"))
    elif rest:
        parts.append(SearchQuery(" ".join(rest), config="english", search_type="plain"))
    combined = parts[0]
    for part in parts[1:]:
        combined = (combined | part) if any_word else (combined & part)
    return combined


def matches(queryset, query: str):
    """The pages, publications or entries matching `query` (through the search index), best first."""
    tsquery = terms(query)
    return (
        queryset.filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery, normalization=Value(0)))
        .order_by("-rank", "title")
    )


def _url(kind: str, key: str, url: str) -> str:
    return {"Page": f"/{key}/", "Publication": f"/publications/{key}/"}.get(kind, url)


def _ranked(tsquery: SearchQuery) -> list[SearchResult]:
    """Pages, publications and entries matching, best first, in one query through the search indexes."""

    def rows(queryset, kind: str, key, url):
        return (
            queryset.filter(search_vector=tsquery)
            .annotate(
                rank=SearchRank(F("search_vector"), tsquery, normalization=Value(0)),
                result_kind=Value(kind, output_field=CharField()),
                result_key=key,
                address=url,
            )
            .order_by()
            .values_list("result_kind", "title", "result_key", "address", "rank")
        )

    blank = Value("", output_field=CharField())
    union = rows(Page.objects.live(), "Page", F("path"), blank).union(
        rows(Publication.objects.live(), "Publication", F("slug"), blank),
        rows(SearchEntry.objects.all(), "Site", F("key"), F("url")),
        all=True,
    )
    found = union.order_by("-rank", "title")[:SEARCH_RESULTS_MAX]
    return [SearchResult(kind, title, _url(kind, key, url), "", rank, key) for kind, title, key, url, rank in found]


def search(query: str) -> list[SearchResult]:
    """What `query` finds as typed (synonyms included), best first, without snippets."""
    tsquery = terms(query)
    return _ranked(tsquery) if tsquery is not None else []


def _trigrams(word: str) -> list[str]:
    padded = f"  {word} "
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


CORRECTION_SQL = """
SELECT q.word, best.word
FROM (VALUES {rows}) AS q(n, word, trigrams)
LEFT JOIN LATERAL (
    SELECT w.word, s.shared::float / (cardinality(w.trigrams) + cardinality(q.trigrams) - s.shared) AS similarity
    FROM content_searchword w
    CROSS JOIN LATERAL (SELECT count(*) AS shared FROM unnest(w.trigrams) AS t WHERE t = ANY(q.trigrams)) AS s
    WHERE w.trigrams && q.trigrams AND abs(length(w.word) - length(q.word)) <= 3
    ORDER BY (w.word = q.word) DESC, similarity DESC, w.documents DESC, w.word
    LIMIT 1
) AS best ON best.similarity >= %s
ORDER BY q.n
"""


def corrected(query: str) -> str:
    """`query` with each word the lexicon does not know replaced by the nearest it knows, or "" when there is
    nothing to correct (one query)."""
    tokens = TOKEN.findall(clean(query).lower())
    unknown = [t for t in dict.fromkeys(tokens) if len(t) >= 3 and not t.isdigit() and t not in SYNONYM_WORDS]
    unknown = unknown[:WORDS_CORRECTED_MAX]
    if not unknown:
        return ""
    rows = ", ".join("(%s::int, %s::text, %s::varchar[])" for _ in unknown)
    params = [value for n, word in enumerate(unknown) for value in (n, word, _trigrams(word))]
    with connection.cursor() as cursor:
        cursor.execute(CORRECTION_SQL.format(rows=rows), [*params, SIMILARITY_MIN])
        replacements = {word: best for word, best in cursor.fetchall() if best and best != word}
    if not replacements:
        return ""
    return " ".join(replacements.get(token, token) for token in tokens)


def find(query: str) -> Found:
    """The search the visitor sees: as typed; if that finds nothing, corrected; then any of the words."""
    query = clean(query)
    if terms(query) is None:
        return Found(searched=query)
    if results := search(query):
        return Found(results, query)
    suggestion = corrected(query)
    searched = suggestion or query
    if suggestion and (results := search(suggestion)):
        return Found(results, suggestion, suggestion)
    tsquery = terms(searched, any_word=True)
    results = _ranked(tsquery) if len(TOKEN.findall(searched)) > 1 else []
    return Found(results, searched, suggestion if results else "")


MARKDOWN_AND_HTML = (r"<[^>]*>", r"\]\([^)]*\)", r"[#*_|`\[\]>]+")


def _plain(expression):
    """The text without HTML tags, link addresses or Markdown marks, so a snippet reads as prose."""
    for pattern in MARKDOWN_AND_HTML:
        expression = Func(
            expression, Value(pattern), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
        )
    return expression


def with_snippets(results, query: str) -> list[SearchResult]:
    """The results with their snippets: PostgreSQL's ts_headline with <mark> around matches, for these rows only
    (a query for each kind shown). The template filter `search_snippet` escapes every character and keeps only
    our highlight markers."""
    results = list(results)
    tsquery = terms(query) if results else None
    if tsquery is None:
        return results
    text = _plain(Concat("summary", Value(" "), "body", output_field=TextField()))
    headline = SearchHeadline("plain", tsquery, config="english", **HEADLINE_OPTIONS)
    snippets = {}
    kinds = (("Page", Page, "path"), ("Publication", Publication, "slug"), ("Site", SearchEntry, "key"))
    for kind, model, key in kinds:
        keys = [result.key for result in results if result.kind == kind]
        if keys:
            rows = model.objects.filter(**{f"{key}__in": keys}).annotate(plain=text, snippet=headline)
            snippets |= {(kind, row[key]): row["snippet"] for row in rows.values(key, "snippet")}
    return [replace(result, snippet=snippets.get((result.kind, result.key), "")) for result in results]
