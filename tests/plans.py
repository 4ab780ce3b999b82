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


def whole_table_reads(client, url: str, *tables: str) -> dict[str, str]:
    """The SELECTs of one GET of `url` that read the whole of any of `tables`, planned as the database plans them
    (no setting changed: load enough rows first, and ANALYZE): a sequential scan, or an index scan with no index
    condition (a walk of a whole index, as in a merge join). {table: the first such query}."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
    found: dict[str, str] = {}
    for query in captured:
        if not query["sql"].lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {query['sql']}")
            (plan,) = cursor.fetchone()[0]
        for node in _nodes(plan["Plan"]):
            whole = node["Node Type"] == "Seq Scan" or (
                node["Node Type"] in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
            )
            if whole and node.get("Relation Name") in tables:
                found.setdefault(node["Relation Name"], query["sql"])
    return found


def add_directory_organisations(count: int) -> None:
    """`count` agencies of the CDOP directory (not members), as at national scale, then ANALYZE so the planner
    knows the organisation table is large."""
    from partnership.models import Organisation

    Organisation.objects.bulk_create(
        Organisation(name=f"Directory agency {n:05}", type="gp_practice", is_member=False) for n in range(count)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partnership_organisation")


def _sequential_scans_of(sql: str, params=()) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params or None)
            (plan,) = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    return [node["Relation Name"] for node in _nodes(plan["Plan"]) if node["Node Type"] == "Seq Scan"]
