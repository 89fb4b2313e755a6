"""Several `guancha serve` workers on one PostgreSQL: reports per minute with 1, 2 and 4 workers against a
fixed-delay model server, and the store's per-query cost on PostgreSQL against SQLite.

    python benchmarks/bench_workers.py [--postgres URL] [--only workers|queries]
        [--workers 1,2,4] [--watchers N] [--delay S] [--per-worker N] [--cap N] [--repeat N] [--reports N]

Workers: for each worker count, a fresh workspace (store and DBOS system database on PostgreSQL) with
``--watchers`` watchers due now on one loopback sample web, writing with the llm writer against a loopback
OpenAI-compatible server that answers every call after ``--delay`` seconds (tests/team_support.py). The
worker processes start together; the figure is finalised reports per minute from their start until the
last report is finalised. Each worker takes at most ``--per-worker`` runs at once and the provider at most
``--cap`` across all of them (``serve.worker_concurrency`` and ``serve.concurrency``): the work is
model-bound, so reports per minute should grow close to linearly with workers until the cap. The model
server's most calls in flight at once is printed too. On a machine with few cores the CPU part of each run
(collect, select, check) caps the largest worker counts first.

Queries: fills a SQLite file and a PostgreSQL database with the same reports (the site tests' renderer and
store functions), then times representative queries through the store on each: a point read by key, the
run lookup every stage does, an autocommitted ledger insert, a write transaction (a stage's item), a join
with an aggregate (the site's report listing) and the cost summary. Prints the median and p90 per query in
microseconds and PostgreSQL's overhead as a ratio.

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
from tests.team_support import stop_workers, team  # noqa: E402

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


def reports_per_minute(pg: PostgresServer, tmp: Path, workers: int, args: argparse.Namespace) -> tuple[float, int]:
    """Finalised reports per minute with ``workers`` worker processes, and the model's most calls in flight."""
    store_url, system_url = pg.new_database(), pg.new_database()
    serve_yaml = (f"  tick_seconds: 0.5\n  stop_grace_s: 0\n  concurrency: {{loop: {args.cap}}}\n"
                  f"  worker_concurrency: {{loop: {args.per_worker}}}\n")
    with team(tmp, watchers=args.watchers, store_url=store_url, system_url=system_url, delay_s=args.delay,
              serve_yaml=serve_yaml) as t:
        db = Database(store_url)
        start = time.monotonic()
        procs = [t.worker() for _ in range(workers)]
        try:
            while db.one("SELECT COUNT(*) AS n FROM runs WHERE status = 'finalised'")["n"] < args.watchers:  # type: ignore[index]
                if any(p.poll() is not None for p in procs):
                    raise SystemExit(f"a worker ended early: {[p.returncode for p in procs]}")
                if time.monotonic() - start > args.timeout:
                    raise SystemExit(f"{workers} worker(s) did not finish {args.watchers} reports in {args.timeout} s")
                time.sleep(0.2)
            elapsed = time.monotonic() - start
        finally:
            stop_workers(procs)
            db.close()
        return args.watchers / elapsed * 60, t.model.max_inflight


def bench_workers(pg: PostgresServer, args: argparse.Namespace) -> None:
    counts = [int(n) for n in args.workers.split(",")]
    print(f"reports per minute: {args.watchers} watchers, model delay {args.delay:g} s per call, "
          f"{args.per_worker} run(s) at once per worker, provider cap {args.cap}")
    print(f"{'workers':>7} {'reports/min':>12} {'vs 1 worker':>12} {'calls in flight (max)':>22}")
    first = None
    for n in counts:
        with tempfile.TemporaryDirectory(prefix=f"guancha-bench-team{n}-") as tmp:
            rate, inflight = reports_per_minute(pg, Path(tmp), n, args)
        first = first or rate
        print(f"{n:>7} {rate:>12.1f} {rate / first:>11.2f}x {inflight:>22}", flush=True)


def bench_queries(url: str, tmp: Path, args: argparse.Namespace) -> None:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a superuser PostgreSQL URL (default: a throwaway server); each part "
                                           "makes databases of its own on it")
    parser.add_argument("--only", choices=["workers", "queries"])
    parser.add_argument("--workers", default="1,2,4", help="worker counts to measure (default 1,2,4)")
    parser.add_argument("--watchers", type=int, default=12)
    parser.add_argument("--delay", type=float, default=1.5, help="seconds the model server takes per call")
    parser.add_argument("--per-worker", type=int, default=2, help="runs one worker takes at once")
    parser.add_argument("--cap", type=int, default=8, help="runs at once on the provider, all workers together")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--reports", type=int, default=40)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-workers-"))
    pg_tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-pg-"))  # its own folder: the server may run as 'postgres'
    stop: list[str] = []
    try:
        if args.postgres is None:
            server, stop = start_server(pg_tmp)
            pg = PostgresServer(server.base_url)
        else:
            pg = PostgresServer(args.postgres)
        if args.only in (None, "workers"):
            bench_workers(pg, args)
        if args.only in (None, "queries"):
            bench_queries(pg.new_database(), tmp, args)
    finally:
        if stop:
            subprocess.run(stop, capture_output=True, timeout=120, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(pg_tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
