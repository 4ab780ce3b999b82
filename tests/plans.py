"""Query plans for the tests that lists are read through an index (issue 15).

The planner prefers a sequential scan on a small test table whatever indexes exist, so the plan is taken with
sequential scans priced out (`enable_seqscan = off`): a large table still read by a sequential scan then has no
index for that filter or order.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnership.pagination import Paginator


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def sequential_scans(queryset) -> list[str]:
    """The tables the queryset's plan reads by a sequential scan, with sequential scans priced out."""
    return _sequential_scans_of(*queryset.query.sql_with_params())


def assert_read_by_index(queryset, *tables: str) -> None:
    """The plan reads each of `tables` (the large ones: cases, Form Bs, returns, ...) through an index."""
    scanned = sorted(set(sequential_scans(queryset)) & set(tables))
    assert not scanned, f"sequential scan of {', '.join(scanned)}:\n{queryset.query}"


def assert_listed_by_index(queryset, *tables: str, page: int = 1, per_page: int = 50) -> None:
    """Every query of one page of the list (`partnership.pagination`: its bounded count, then its rows) reads each
    of `tables` through an index (and so do the page's prefetches)."""
    with CaptureQueriesContext(connection) as captured:
        list(Paginator(queryset, per_page).get_page(page).object_list)
    for query in captured:
        scanned = sorted(set(_sequential_scans_of(query["sql"])) & set(tables))
        assert not scanned, f"sequential scan of {', '.join(scanned)}:\n{query['sql']}"


def _sequential_scans_of(sql: str, params=()) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params or None)
            (plan,) = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    return [node["Relation Name"] for node in _nodes(plan["Plan"]) if node["Node Type"] == "Seq Scan"]
