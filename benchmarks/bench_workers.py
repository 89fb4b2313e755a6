"""Workers on one PostgreSQL: reports per minute with 1, 2 and 4 `guancha serve` processes, and the store's
per-query cost on PostgreSQL against SQLite (the same store functions, the same data).

    python benchmarks/bench_workers.py [--postgres URL] [--repeat N] [--reports N]
                                       [--workers 1,2,4] [--watchers 8] [--delay 2.0]

Workers: ``--watchers`` watchers (copies of the offshore sample web, served on loopback) are due at once;
one of each watcher's feeds answers after ``--delay`` seconds, standing in for a provider's fixed latency, so
the work waits rather than computes. Each worker takes one run at a time (``serve.worker_concurrency``), the
cluster-wide cap is high, and the store and DBOS's system database are fresh PostgreSQL databases for each
worker count. Printed: the time until every run is finalised and the reports per minute; close to linear
growth is the goal until the machine's two cores (extraction, checks) become the limit.

Fills a SQLite file and a PostgreSQL database with the same reports (the site tests' renderer and store
functions), then times representative queries through the store on each: a point read by key, the run
lookup every stage does, an autocommitted ledger insert, a write transaction (a stage's item), a join
with an aggregate (the site's report listing) and the cost summary. Prints the median and p90 per query
in microseconds and PostgreSQL's overhead as a ratio.

Without --postgres it starts a throwaway server as the tests do (tests/pg_support.py: initdb into a
temporary folder, pg_ctl on a loopback port, stopped at the end), so this needs the PostgreSQL binaries.
The server runs with fsync off, like the test server: these figures are the adapter's and the protocol's
cost per query (loopback round trips), not the disk's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.pg_support import PostgresServer, start_server  # noqa: E402
from tests.site_support import add_report, spec_for  # noqa: E402

from guancha.publish import site as site_mod  # noqa: E402
from guancha.store import Database  # noqa: E402
from guancha.store import model_calls as calls_sql  # noqa: E402
from guancha.store import runs as runs_sql  # noqa: E402


def fill(db: Database, reports: int) -> str:
    """``reports`` finalised reports over two watchers; returns one run id to look up."""
    specs = [spec_for("china-ai", "China AI", "🇨🇳"), spec_for("orbital", "Orbital", "🛰️")]
    day = dt.date(2026, 1, 1)
    last = ""
    for i in range(reports):
        last = add_report(db, specs[i % 2], day + dt.timedelta(days=i // 2))
    for i in range(200):
        calls_sql.record_call(db, calls_sql.CallRecord(model="m:x", provider="m", tokens_in=i, cost_usd=0.001))
    return last


def queries(db: Database, run_id: str) -> dict[str, Callable[[int], object]]:
    return {
        "point read (report by id)": lambda i: runs_sql.get_report(db, run_id),
        "run lookup (latest_run)": lambda i: runs_sql.latest_run(db, "china-ai", "2026-01-01"),
        "ledger insert (autocommit)": lambda i: calls_sql.record_call(
            db, calls_sql.CallRecord(model="m:x", provider="m", tokens_in=i)),
        "write transaction (save_item)": lambda i: runs_sql.save_item(
            db, run_id, "bench", f"k{i}", {"i": i}, elapsed_ms=1),
        "join + aggregate (site listing)": lambda i: db.query(site_mod._REPORTS_SQL),
        "cost summary (SUM by model)": lambda i: calls_sql.cost_summary(db, by="model"),
    }


def timings(fn: Callable[[int], object], repeat: int) -> list[float]:
    for i in range(min(20, repeat)):  # warm caches and prepared plans
        fn(-1 - i)
    out = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1e6)
    return out


SAMPLE = ROOT / "tests" / "samples" / "offshore-energy-2026-03-10"
SLOW_FEED = "/windwire/feed.xml"


def _cluster_workspace(root: Path, base: str, store_url: str, system_url: str, watchers: int) -> None:
    from guancha.sampleweb import SampleWeb
    from guancha.workspace import init_workspace

    init_workspace(root)
    settings = root / "guancha.yaml"
    text = settings.read_text(encoding="utf-8").replace("allow_private_hosts: []", "allow_private_hosts: [127.0.0.1]")
    text = text.replace("per_host_delay_s: 1.0", "per_host_delay_s: 0.0").replace("database: guancha.db",
                                                                                  f"database: {store_url}")
    settings.write_text(text + f"serve:\n  database: {system_url}\n  tick_seconds: 0.5\n  stop_grace_s: 0\n"
                        "  concurrency: {extractive: 64}\n  worker_concurrency: {extractive: 1}\n", encoding="utf-8")
    (root / "watchers" / "china-ai.yaml").unlink()
    spec = SampleWeb.load(SAMPLE).watcher_text(base).replace("\ndate:", "\n# date:")
    for n in range(watchers):
        (root / "watchers" / f"wind-{n:02d}.yaml").write_text(
            spec.replace("id: offshore-energy", f"id: wind-{n:02d}") + "\nschedule: '* * * * *'\n", encoding="utf-8")


def reports_per_minute(server: PostgresServer, workers: int, watchers: int, delay: float, tmp: Path) -> float:
    """Seconds until ``workers`` serve processes have finalised one run of each of ``watchers`` watchers."""
    import os
    import signal

    from guancha.sampleweb import serve as serve_web

    web = tmp / f"web-{workers}"
    shutil.copytree(SAMPLE, web)
    (web / "site" / "_routes.yaml").write_text(f"{SLOW_FEED}: {{delay_s: {delay}}}\n", encoding="utf-8")
    store_url, system_url = server.new_database(), server.new_database()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    with serve_web(web) as site:
        root = tmp / f"ws-{workers}"
        _cluster_workspace(root, site.base, store_url, system_url, watchers)
        db = Database(store_url)
        start = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-m", "guancha", "serve", "--workspace", str(root)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        try:
            while db.one("SELECT COUNT(*) AS n FROM runs WHERE status IN ('finalised', 'held', 'failed')")[
                    "n"] < watchers:
                if time.monotonic() - start > 600 or any(p.poll() is not None for p in procs):
                    raise SystemExit("the workers stopped or took over 10 minutes")
                time.sleep(0.1)
            elapsed = time.monotonic() - start
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(timeout=120)
        db.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL of an empty database (default: a throwaway server)")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to measure ('' to skip)")
    parser.add_argument("--watchers", type=int, default=8)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds one feed of each watcher takes")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-workers-"))
    pg_tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-pg-"))  # its own folder: the server may run as 'postgres'
    stop: list[str] = []
    try:
        url = args.postgres
        if url is None:
            server, stop = start_server(pg_tmp)
            url = PostgresServer(server.base_url).new_database()
        counts = [int(c) for c in args.workers.split(",") if c.strip()]
        if counts and args.postgres is None:
            print(f"workers on one PostgreSQL: {args.watchers} watchers due at once, one feed each answering after "
                  f"{args.delay:g} s, one run at a time per worker")
            print(f"{'workers':>7} {'seconds':>8} {'reports/min':>12} {'speed-up':>9}")
            first = 0.0
            for count in counts:
                seconds = reports_per_minute(PostgresServer(server.base_url), count, args.watchers, args.delay, tmp)
                first = first or seconds
                print(f"{count:>7} {seconds:>8.1f} {args.watchers / seconds * 60:>12.1f} {first / seconds:>8.2f}x")
            print()
        dbs = {"sqlite": Database(tmp / "guancha.db"), "postgresql": Database(url)}
        run_ids = {name: fill(db, args.reports) for name, db in dbs.items()}
        results: dict[str, dict[str, list[float]]] = {}
        for name, db in dbs.items():
            results[name] = {q: timings(fn, args.repeat) for q, fn in queries(db, run_ids[name]).items()}
        print(f"per-query time through the store, microseconds ({args.repeat} runs each, {args.reports} reports)")
        print(f"{'query':34} {'sqlite med':>10} {'p90':>8} {'pg med':>10} {'p90':>8} {'pg/sqlite':>9}")
        for q in results["sqlite"]:
            s, p = results["sqlite"][q], results["postgresql"][q]
            s_med, p_med = statistics.median(s), statistics.median(p)
            s90, p90 = statistics.quantiles(s, n=10)[-1], statistics.quantiles(p, n=10)[-1]
            print(f"{q:34} {s_med:>10.0f} {s90:>8.0f} {p_med:>10.0f} {p90:>8.0f} {p_med / s_med:>8.1f}x")
        for db in dbs.values():
            db.close()
    finally:
        if stop:
            subprocess.run(stop, capture_output=True, timeout=120, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(pg_tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
