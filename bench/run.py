"""`make bench`: the portal's pages under load in the production configuration, against a bare view (B).

gunicorn with the production settings (plus `/bench/bare/`: `bscp_portal.settings.bench`), the shared cache in
Redis, the database the developer loaded. Each page is driven by loadtest (installed by `npm ci` from package.json;
bench/load.mjs) at CONNECTIONS connections for DURATION seconds; its queries, size and plans are read in-process
with the same settings and database. See bench/README.md for the method and the targets.

Environment: DATABASE_URL (default: the embedded development database, started if need be), BENCH_REDIS (default
redis://127.0.0.1:6379/13).
"""

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from serving import Processes, free_port, gunicorn_command, wait_until  # noqa: E402

HOST = "portal.bench.example"
# As the reverse proxy sends them (deploy/nginx/bscp.conf): the production settings redirect plain HTTP to HTTPS
# unless X-Forwarded-Proto says the request came over HTTPS; TRUSTED_PROXY_HOPS=1 reads X-Forwarded-For.
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/13")
LOAD = ROOT / "bench" / "load.mjs"  # loadtest, from package.json
BARE = "/bench/bare/"
BIG_TABLE_ROWS = 10_000  # a sequential scan on a larger table is reported (--big-table-rows)

# Targets (reported, not asserted; bench/README.md).
PUBLIC_TARGET, STAFF_TARGET, P99_TARGET_MS, WEIGHT_TARGET_BYTES = 0.8, 0.4, 100, 100 * 1024

# Who signs in as whom (partnership/demo.py), and the pages of their work. `{review}`, `{death}`, `{cycle}`,
# `{board}` and `{page}` are filled from the database when the run starts.
PUBLIC_PAGES = ["/", "/publications/", "/search/?q=rapid+review", "{page}", "/boards/", "{board}", "/cdop/notify/"]
STAFF_PAGES = {
    "manager@bscp.example": ["/staff/", "/reviews/", "/reviews/actions/", "{review}", "/audits/", "/audits/returns/",
                             "{cycle}", "{cycle}heat-map/", "/editor/", "/boards/manage/raised-items/"],
    "reviewer@bscp.example": ["/staff/", "/reviews/", "{review}"],
    "la.rep@bscp.example": ["/staff/", "/reviews/actions/"],
    "cdop@bscp.example": ["/staff/", "/cdop/", "/cdop/form-b/", "{death}", "/cdop/meetings/"],
    "panel@bscp.example": ["/staff/", "/cdop/", "/cdop/meetings/"],
    "agency@bscp.example": ["/staff/", "/audits/returns/", "/reviews/actions/"],
    "admin@bscp.example": ["/staff/"],
}  # fmt: skip
SIGNED_IN_BARE = "manager@bscp.example"


def database_url() -> str:
    """The developer's database: DATABASE_URL, else the embedded one (`make demo` without DATABASE_URL)."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    from bscp_portal.embedded_db import database_settings

    embedded = database_settings(ROOT / ".pgdata")  # started if need be, and kept up while this process runs
    return f"postgres://{embedded['USER']}@/{quote(embedded['HOST'], safe='')}/{embedded['NAME']}"  # a socket


def environment(workdir: Path, workers: int) -> dict:
    """The production environment (as `make prod-check` sets it), with the bench settings and this run's cache."""
    cache = f"{REDIS}{'&' if '?' in REDIS else '?'}key_prefix=bench-{os.getpid()}"  # nothing cached by earlier runs
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "bscp_portal.settings.bench",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(),
        "CACHE_URL": cache,
        "SITE_URL": f"https://{HOST}",
        "TRUSTED_PROXY_HOPS": "1",
        "EMAIL_HOST": "127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "WARNING",
    }


# In-process: the pages to visit, the signed-in sessions, queries, plans.


def fill_paths() -> dict:
    from django.db.models import Count

    from audits.models import AuditReturn
    from boards.models import Board
    from cdop.models import ChildDeathCase
    from content.models import Page
    from reviews.models import Case

    page = Page.objects.live().order_by("pk").first()
    board = Board.objects.order_by("pk").first()
    review = Case.objects.order_by("-pk").first()
    death = ChildDeathCase.objects.order_by("-pk").first()
    busiest = AuditReturn.objects.values("cycle").annotate(n=Count("pk")).order_by("-n", "-cycle").first()
    return {
        "page": f"/{page.path}/" if page else None,
        "board": f"/boards/{board.slug}/" if board else None,
        "review": f"/reviews/{review.pk}/" if review else None,
        "death": f"/cdop/cases/{death.pk}/" if death else None,
        "cycle": f"/audits/cycles/{busiest['cycle']}/" if busiest else None,
    }


def page_list(paths: dict, only: str | None) -> list[tuple[str | None, str]]:
    """(who, path): B anonymous and signed in first, then the public pages, then each role's."""
    pages = [(None, BARE), (SIGNED_IN_BARE, BARE)]
    pages += [(None, path) for path in PUBLIC_PAGES]
    pages += [(who, path) for who, paths_ in STAFF_PAGES.items() for path in paths_]
    filled = []
    for who, path in pages:
        name = re.match(r"\{(\w+)\}", path)
        if name:
            if paths[name.group(1)] is None:
                print(f"  (no {name.group(1)} in the database: {path} skipped)")
                continue
            path = paths[name.group(1)] + path[name.end() :]
        if only and only not in path and path != BARE:
            continue
        filled.append((who, path))
    return filled


def signed_in_session(email: str) -> str:
    """A session signed in with both factors, as bench/README.md says: no code is typed."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partnership.models import User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def end_sessions(keys) -> None:
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(key).delete()


def big_tables(rows: int) -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind IN ('r', 'p') AND reltuples > %s "
            "AND relnamespace = 'public'::regnamespace",
            [rows],
        )
        return dict(cursor.fetchall())


def seq_scans(sqls: list[str], big: dict[str, int]) -> list[str]:
    """The large tables that any of these SELECTs reads by a sequential scan, by the planner's own choice."""
    from django.db import DatabaseError, connection

    found = set()

    def walk(node):
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in big:
            found.add(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            try:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            except DatabaseError:
                found.add("?")  # a query that cannot be explained alone: reported as such
                continue
            walk(cursor.fetchone()[0][0]["Plan"])
    return sorted(f"{table}({big[table]})" if table in big else "(not explained)" for table in found)


def in_process(who: str | None, path: str, cookie: str | None, big: dict[str, int]) -> dict:
    """Queries of the first request (cold: nothing cached yet) and of the next, with the plans of the first."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False, headers=PROXY_HEADERS)
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts.append(len(captured))
        if len(counts) == 1:
            sqls = [query["sql"] for query in captured.captured_queries]
    return {"status": response.status_code, "queries_cold": counts[0], "queries": counts[1],
            "seq_scans": seq_scans(sqls, big)}  # fmt: skip


# Over HTTP, against gunicorn.


def fetch(port: int, path: str, cookie: str | None = None, **headers) -> tuple[int, dict, bytes]:
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    sent = {**PROXY_HEADERS, **headers}
    if cookie:
        sent["Cookie"] = f"{cookie_name()}={cookie}"
    connection.request("GET", path, headers=sent)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def cookie_name() -> str:
    from django.conf import settings

    return settings.SESSION_COOKIE_NAME


ASSET = re.compile(r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="(/static/[^"]+)"')


def weight(port: int, path: str, cookie: str | None, assets: dict[str, int]) -> dict:
    """Bytes of the page as sent, raw and gzip-compressed (by the server if it does, else here as nginx would),
    and of the stylesheets and scripts it loads, compressed as whitenoise sends them."""
    status, _, raw = fetch(port, path, cookie)
    _, headers, sent = fetch(port, path, cookie, **{"Accept-Encoding": "gzip"})
    encoding = headers.get("content-encoding", "")
    compressed = len(sent) if encoding == "gzip" else len(gzip.compress(raw, compresslevel=6))
    for asset in set(ASSET.findall(raw.decode(errors="replace"))):
        if asset not in assets:
            _, asset_headers, body = fetch(port, asset, **{"Accept-Encoding": "br, gzip"})
            assets[asset] = len(body)
    page_assets = sum(assets[asset] for asset in set(ASSET.findall(raw.decode(errors="replace"))))
    return {"http_status": status, "bytes": len(raw), "bytes_gzip": compressed,
            "html_gzipped_by_server": encoding == "gzip", "assets_compressed": page_assets,
            "weight_compressed": compressed + page_assets}  # fmt: skip


def node() -> str:
    found = shutil.which("node", path=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    if not found or not (ROOT / "node_modules" / "loadtest").exists():
        sys.exit("bench: node and loadtest are needed: run `make install` (npm ci installs loadtest)")
    return found


def loadtest(port: int, path: str, cookie: str | None, concurrency: int, seconds: float = 0, requests: int = 0) -> dict:
    headers = dict(PROXY_HEADERS) | ({"Cookie": f"{cookie_name()}={cookie}"} if cookie else {})
    command = [node(), str(LOAD), f"http://127.0.0.1:{port}{path}", str(concurrency), str(seconds), str(requests)]
    result = subprocess.run([*command, json.dumps(headers)], capture_output=True, text=True, check=True, cwd=ROOT)  # noqa: S603
    return json.loads(result.stdout)


def load(port: int, path: str, cookie: str | None, concurrency: int, seconds: float, workers: int) -> dict:
    loadtest(port, path, cookie, workers, requests=workers * 5)  # every worker has rendered it once
    figures = loadtest(port, path, cookie, concurrency=concurrency, seconds=seconds)
    failed = sum(count for status, count in figures["statuses"].items() if status != "200")
    return {"rps": round(figures["totalRequests"] / figures["elapsedSeconds"], 1),
            "p50_ms": figures["percentiles"]["50"], "p99_ms": figures["percentiles"]["99"],
            "mean_ms": figures["meanLatencyMs"], "requests": figures["totalRequests"], "failed": failed,
            "statuses": figures["statuses"]}  # fmt: skip


# The report.

COLUMNS = ("page", "who", "rps", "xB", "p50", "p99", "q/cold", "KB", "KB gz", "KB+css/js", "seq scans")


def row(result: dict) -> list[str]:
    if result.get("rps") is None:
        figures = ["-"] * 4
    else:
        ratio = f"{result['ratio_to_b']:.2f}" if result.get("ratio_to_b") is not None else "-"
        figures = [f"{result['rps']:.0f}", ratio, f"{result['p50_ms']:.0f}", f"{result['p99_ms']:.0f}"]
    queries = f"{result['queries']}" + (
        f"/{result['queries_cold']}" if result["queries_cold"] != result["queries"] else ""
    )
    page = result["path"] + ("" if result["ok"] else f" [{result['problem']}]")
    return [page, result["who"].split("@")[0], *figures, queries, f"{result['bytes'] / 1024:.1f}",
            f"{result['bytes_gzip'] / 1024:.1f}", f"{result['weight_compressed'] / 1024:.0f}",
            " ".join(result["seq_scans"]) or "-"]  # fmt: skip


def table(results: list[dict]) -> str:
    rows = [list(COLUMNS), *(row(result) for result in results)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(value.ljust(width) if i < 2 else value.rjust(width) for i, (value, width) in
                       enumerate(zip(r[:-1], widths, strict=True))) + "  " + r[-1] for r in rows]  # fmt: skip
    return "\n".join(lines)


def targets(results: list[dict], connections: int) -> list[str]:
    misses = []
    for result in results:
        if result["path"] == BARE:
            continue
        name = f"{result['path']} ({result['who']})"
        if not result["ok"]:
            misses.append(f"{name}: {result['problem']}")
            continue
        target = PUBLIC_TARGET if result["who"] == "anonymous" else STAFF_TARGET
        if result.get("ratio_to_b") is not None and result["ratio_to_b"] < target:
            misses.append(f"{name}: {result['ratio_to_b']:.2f} of B (target {target})")
        if result.get("p99_ms") is not None and result["p99_ms"] >= P99_TARGET_MS:
            misses.append(f"{name}: p99 {result['p99_ms']} ms at {connections} connections (target < {P99_TARGET_MS})")
        if result["weight_compressed"] >= WEIGHT_TARGET_BYTES:
            misses.append(f"{name}: {result['weight_compressed'] / 1024:.0f} KB compressed with its CSS and JS")
    plain = [r for r in results if r["path"] != BARE and r["ok"] and r["html_gzipped_by_server"] is False]
    if plain:
        misses.append(f"{len(plain)} pages: HTML not gzip-compressed when the client accepts it (column KB gz: as if)")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=float(os.environ.get("DURATION") or 5), help="seconds a page")
    parser.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS") or 16))
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--only", help="only the pages whose path contains this (B is always measured)")
    parser.add_argument("--no-load", action="store_true", help="queries and plans only: no gunicorn")
    parser.add_argument("--big-table-rows", type=int, default=BIG_TABLE_ROWS, help="report seq scans above this")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bscp-bench-") as workdir:
        env = environment(Path(workdir), args.workers)
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        print(f"==> database {connection.settings_dict['NAME']}: collectstatic, ANALYZE", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # after a bulk load: the planner's row counts, as autovacuum would leave them
        big = big_tables(args.big_table_rows)
        pages = page_list(fill_paths(), args.only)
        sessions = {who: signed_in_session(who) for who in {who for who, _ in pages if who}}
        processes = Processes(env, Path(workdir))
        results = []
        try:
            print(f"==> queries and plans of {len(pages)} pages (in-process)", flush=True)
            for who, path in pages:
                results.append({"who": who or "anonymous", "path": path,
                                **in_process(who, path, sessions.get(who), big)})  # fmt: skip
            port = free_port()
            if not args.no_load:
                processes.spawn("gunicorn", gunicorn_command(port, args.workers))
                up = wait_until(lambda: _answers(port), 90)
                if not up:
                    print(processes.logs(), file=sys.stderr)
                    return 1
            print(f"==> {args.workers} gunicorn workers; loadtest, {args.connections} connections, "
                  f"{args.duration:g} s a page", flush=True)  # fmt: skip
            assets: dict[str, int] = {}
            for result in results:
                cookie = sessions.get(result["who"]) if result["who"] != "anonymous" else None
                if not args.no_load:
                    result |= weight(port, result["path"], cookie, assets)
                    result |= load(port, result["path"], cookie, args.connections, args.duration, args.workers)
                else:
                    result |= {"http_status": result["status"], "bytes": 0, "bytes_gzip": 0, "assets_compressed": 0,
                               "weight_compressed": 0, "html_gzipped_by_server": None}  # fmt: skip
                problem = []
                if result["status"] != 200 or result["http_status"] != 200:
                    problem.append(f"answers {result['http_status']}")
                if result.get("failed"):
                    problem.append(f"{result['failed']} of {result['requests']} requests failed")
                result["ok"], result["problem"] = not problem, "; ".join(problem)
                print(f"  {result['path']} ({result['who']}): {result.get('rps', '-')} rps", flush=True)
        finally:
            processes.stop()
            end_sessions(sessions.values())

    bare = next((r.get("rps") for r in results if r["path"] == BARE and r["who"] == "anonymous"), None)
    for result in results:
        if bare and result.get("rps") is not None:
            result["ratio_to_b"] = round(result["rps"] / bare, 3)
    print()
    print(table(results))
    misses = targets(results, args.connections)
    print(f"\nTargets missed ({len(misses)}):" if misses else "\nEvery target met.")
    for miss in misses:
        print(f"  {miss}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    summary = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "database": urlsplit(env["DATABASE_URL"]).path.lstrip("/"),
        "workers": args.workers,
        "connections": args.connections,
        "duration_seconds": args.duration,
        "load_average_at_end": os.getloadavg(),  # other work on the machine takes cores from gunicorn and loadtest
        "large_tables": big,
        "results": results,
        "targets_missed": misses,
    }
    path = out / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(summary, indent=2))
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nLoad average now {load_average} on {os.cpu_count()} cores. Written to {path.relative_to(ROOT)}")
    return 0


def _answers(port: int) -> bool:
    try:
        return fetch(port, "/healthz")[0] == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
