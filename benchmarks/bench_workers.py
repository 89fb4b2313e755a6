"""The store's per-query cost on PostgreSQL against SQLite: the same store functions, the same data.

    python benchmarks/bench_workers.py [--postgres URL] [--repeat N] [--reports N]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL of an empty database (default: a throwaway server)")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--reports", type=int, default=40)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-workers-"))
    pg_tmp = Path(tempfile.mkdtemp(prefix="guancha-bench-pg-"))  # its own folder: the server may run as 'postgres'
    stop: list[str] = []
    try:
        url = args.postgres
        if url is None:
            server, stop = start_server(pg_tmp)
            url = PostgresServer(server.base_url).new_database()
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
