"""In-process time of staff pages with the bench's production settings: the median of --requests requests each,
and with --profile the functions a page spends its time in (cProfile). No server, no load: the figure to compare
before and after a change to a page's templates or Python, on the same machine and database (bench/README.md).
Columns: wall-clock median and minimum, the median time waiting for SQL, the median CPU time of this process
(templates and Python: the figure least moved by other work on the machine), the queries. With --profile, each
page's profile is also written to the temporary folder (bscp-profile_<path><who>.pstats).

    .venv/bin/python bench/timings.py                       # every staff page of bench/run.py, median of 20
    .venv/bin/python bench/timings.py --only /reviews/ --profile
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PROXY_HEADERS, REDIS, end_sessions, environment, fill_paths, page_list, signed_in_session  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="only the pages whose path contains this")
    parser.add_argument("--who", help="only the pages of the people whose email contains this")
    parser.add_argument("--requests", type=int, default=20, help="timed requests a page (default 20)")
    parser.add_argument("--profile", action="store_true", help="print where each page's time goes")
    parser.add_argument("--top", type=int, default=25, help="functions printed with --profile")
    args = parser.parse_args()

    # A static folder of its own, kept between runs (collectstatic compresses every file: slow the first time).
    static = Path(tempfile.gettempdir()) / f"bscp-profile-static-{os.getuid()}"
    with tempfile.TemporaryDirectory(prefix="bscp-profile-") as workdir:
        os.environ.update(environment(Path(workdir), 1) | {"STATIC_ROOT": str(static), "CACHE_URL": _cache()})
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        call_command("collectstatic", interactive=False, verbosity=0)
        pages = [
            (who, path)
            for who, path in page_list(fill_paths(), args.only)
            if who and path != "/bench/bare/" and (args.who or "@") in who
        ]
        sessions = {who: signed_in_session(who) for who in {who for who, _ in pages}}
        try:
            print(f"{'median ms':>9}  {'min ms':>6}  {'SQL ms':>6}  {'CPU ms':>6}  queries  page (who)")
            for who, path in pages:
                client = Client(raise_request_exception=False, headers=PROXY_HEADERS)
                client.cookies[settings.SESSION_COOKIE_NAME] = sessions[who]
                for _ in range(3):  # the cached template loader, the cache, the connection
                    status = client.get(path).status_code
                times, sql, cpu = [], [], []
                profiler = cProfile.Profile() if args.profile else None
                for _ in range(args.requests):
                    clock = _SQLClock()
                    start, start_cpu = time.perf_counter(), time.process_time()
                    if profiler:
                        profiler.enable()
                    with connection.execute_wrapper(clock):
                        client.get(path)
                    if profiler:
                        profiler.disable()
                    times.append((time.perf_counter() - start) * 1000)
                    sql.append(clock.seconds * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                flag = "" if status == 200 else f"  answers {status}"
                figures = [statistics.median(times), min(times), statistics.median(sql), statistics.median(cpu)]
                print("  ".join(f"{figure:{width}.1f}" for figure, width in zip(figures, (9, 6, 6, 6), strict=True)),
                      f"{clock.queries:7}  {path} ({who}){flag}", sep="  ", flush=True)  # fmt: skip
                if profiler:
                    name = f"bscp-profile{path.replace('/', '_')}{who.split('@')[0]}.pstats"
                    profiler.dump_stats(Path(tempfile.gettempdir()) / name)  # for pstats or snakeviz
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
        finally:
            end_sessions(sessions.values())
    return 0


class _SQLClock:
    """The time a request spends waiting for the database (connection.execute_wrapper), and its queries."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def _cache() -> str:
    """Redis, as the bench has it, with a prefix of this run's own so that nothing an earlier run cached helps."""
    return f"{REDIS}{'&' if '?' in REDIS else '?'}key_prefix=profile-{os.getpid()}"


if __name__ == "__main__":
    sys.exit(main())
