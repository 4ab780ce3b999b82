"""Query plans for the tests that lists are read through an index (issue 15).

The planner prefers a sequential scan on a small test table whatever indexes exist, so the plan is taken with
sequential scans priced out (`enable_seqscan = off`): a large table still read by a sequential scan then has no
index for that filter or order.
"""

from django.db import connection


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def sequential_scans(queryset) -> list[str]:
    """The tables the queryset's plan reads by a sequential scan, with sequential scans priced out."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            (plan,) = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    return [node["Relation Name"] for node in _nodes(plan["Plan"]) if node["Node Type"] == "Seq Scan"]


def assert_read_by_index(queryset, *tables: str) -> None:
    """The plan reads each of `tables` (the large ones: cases, Form Bs, returns, ...) through an index."""
    scanned = sorted(set(sequential_scans(queryset)) & set(tables))
    assert not scanned, f"sequential scan of {', '.join(scanned)}:\n{queryset.query}"
