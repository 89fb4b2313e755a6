"""Static site build time and memory over generated reports: a full build, a rebuild with nothing new, and a
rebuild after one new report.

    python benchmarks/bench_site.py [--reports 1000 10000] [--watchers 10] [--no-search]

Reports are made by the real renderer (a few distinct drafts per watcher, each report given its own date and
a unique word), stored as finalised with check outcomes, a correction (version 2) every 40th report and a
held report every 50th (never on the site). Each build runs as ``guancha site build --json`` in its own
process, as a user runs it: the figures are the build's own seconds (pages, then the Pagefind index), the
process's wall time (with Python start-up), the peak resident memory of the build's Python process ("py",
its VmHWM) and of the largest process in its tree, Pagefind included ("tree", from wait4).
Goals: full build of 1,000 reports <= 20 s, of 10,000 <= 150 s, rebuild after one new report <= 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.site_support import add_report, make_draft, spec_for  # noqa: E402

from guancha.store import runs as rstore  # noqa: E402
from guancha.store.db import utcnow  # noqa: E402
from guancha.workspace import init_workspace, open_workspace  # noqa: E402
from guancha.write.render import render, to_json  # noqa: E402

MARK = "uniquemarkerword"
VARIANTS = 8


def generate(root: Path, reports: int, watchers: int) -> None:
    """``reports`` finalised report versions spread over ``watchers`` watchers, inserted in one transaction."""
    ws = open_workspace(root)
    db = ws.db()
    specs = [spec_for(f"watcher-{i:02d}", f"Topic {i}", "🛰️") for i in range(watchers)]
    templates: dict[str, list[tuple[str, str, str]]] = {}
    for spec in specs:
        rows = []
        for v in range(VARIANTS):
            draft, book = make_draft(f"{spec.id}-{v}", stories=6, extra_text=MARK)
            r = render(spec, dt.date(2026, 5, 2), book, draft, quiet_note=None, run_meta={})
            rows.append((r.markdown, r.html, to_json(r)))
        templates[spec.id] = rows
        rstore.ensure_watcher(db, watcher_id=spec.id, title=spec.title, spec_path=None, spec_hash="bench")
    now = utcnow()
    run_rows, report_rows, outcome_rows, iteration_rows = [], [], [], []
    per_watcher = -(-reports // watchers)
    made = 0
    for n in range(per_watcher):
        day = (dt.date(2026, 5, 2) - dt.timedelta(days=n)).isoformat()
        for spec in specs:
            if made >= reports:
                break
            versions = [1, 2] if (made % 40 == 39 and made + 1 < reports) else [1]
            for version in versions:
                status = "held" if made % 50 == 49 else "finalised"
                run_id = rstore.run_id_for(spec.id, day, version)
                md, html, js = templates[spec.id][made % VARIANTS]
                word = f"w{made:05d}x"
                html = html.replace("2026-05-02", day).replace(MARK, word)
                md = md.replace("2026-05-02", day).replace(MARK, word)
                title = f"{spec.emoji} {spec.title} — {day}"
                run_rows.append((run_id, spec.id, day, version, f"{day}T23:59:59Z", "extractive", None, "bench",
                                 status, "finalise", None, now, now, now))
                report_rows.append((run_id, run_id, spec.id, day, version, status, title, md, html, js, now,
                                    f"{day}T23:59:59Z" if status == "finalised" else None))
                if status == "finalised":
                    iteration_rows.append((run_id, 0, now, 0, 1, None, None, None, 1, "stop-passed", "[]", "[]", md))
                    outcome_rows.append((run_id, "passed", 0, "passed", now))
                made += 1
    with db.transaction() as cur:
        cur.executemany("INSERT INTO runs(id, watcher_id, report_date, version, as_of, writer, model, spec_hash,"
                        " status, last_stage, error, started_at, updated_at, finished_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", run_rows)
        cur.executemany("INSERT INTO reports(id, run_id, watcher_id, report_date, version, status, title, markdown,"
                        " html, json, created_at, finalised_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", report_rows)
        cur.executemany("INSERT INTO check_iterations(run_id, iteration, checked_at, errors, warnings, score,"
                        " max_score, threshold, passed, action, targets_json, changes_json, markdown)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", iteration_rows)
        cur.executemany("INSERT INTO check_outcomes(run_id, status, best_iteration, reason, decided_at)"
                        " VALUES (?,?,?,?,?)", outcome_rows)
    ws.close()


def build(root: Path, search: bool) -> tuple[dict[str, object], float, float]:
    """One ``guancha site build`` process: its summary, wall seconds, and the peak RSS (MiB) of its process
    tree (the largest of it and the Pagefind processes it waited for, from wait4)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    args = [sys.executable, "-m", "guancha", "site", "build", "--workspace", str(root), "--json"]
    if not search:
        args.append("--no-search")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"site build failed: {err.read().decode(errors='replace')}")
        summary = json.loads(out.read())
    return summary, wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--watchers", type=int, default=10)
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    parser.add_argument("--generate-into", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into is not None:
        generate(args.generate_into, args.reports[0], args.watchers)
        return 0
    goals = {1000: 20.0, 10000: 150.0}
    print(f"{'reports':>8} {'step':<22} {'build s':>8} {'pages s':>8} {'search s':>8} {'wall s':>7} "
          f"{'written':>8} {'pages':>7} {'py MiB':>7} {'tree MiB':>9}")
    for count in args.reports:
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            root = Path(tmp) / "ws"
            init_workspace(root)
            t0 = time.perf_counter()
            # generated in a child process: Linux carries a parent's peak memory into its children's figures
            subprocess.run([sys.executable, __file__, "--generate-into", str(root), "--reports", str(count),
                            "--watchers", str(args.watchers)], check=True)
            print(f"{count:>8} generated in {time.perf_counter() - t0:.1f} s")
            steps: list[tuple[str, str | None]] = [("full build", None), ("rebuild, nothing new", None), ("rebuild, one new report", "add")]
            for name, action in steps:
                if action == "add":
                    ws = open_workspace(root)
                    add_report(ws.db(), spec_for("watcher-00", "Topic 0", "🛰️"), dt.date(2026, 5, 3))
                    ws.close()
                summary, wall, peak = build(root, not args.no_search)
                seconds = float(summary["seconds"])  # type: ignore[arg-type]
                search_s = float(summary["search_seconds"])  # type: ignore[arg-type]
                print(f"{count:>8} {name:<22} {seconds:>8.2f} {seconds - search_s:>8.2f} {search_s:>8.2f} "
                      f"{wall:>7.2f} {summary['written']!s:>8} {summary['pages']!s:>7} "
                      f"{float(summary['process_peak_rss_mib']):>7.0f} {peak:>9.0f}")  # type: ignore[arg-type]
                if name == "full build" and count in goals:
                    verdict = "meets" if seconds <= goals[count] else "MISSES"
                    print(f"{'':>8} goal <= {goals[count]:.0f} s for a full build: {verdict}")
                if action == "add":
                    verdict = "meets" if seconds <= 1.0 else "MISSES"
                    print(f"{'':>8} goal <= 1 s for a rebuild after one new report (build's own time): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
