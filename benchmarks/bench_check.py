"""Milliseconds per report for `guancha check` over the dev archive, and the findings per rule.

    python benchmarks/bench_check.py [--archive PATH] [--cli]

Reads ../shared/corpus/observatory-reports-dev.tar.xz (relative to the repository root) unless --archive is
given, extracts it to a temporary directory, then times parse + every gate per report in process (CPU per
report; wall median, p90, max, total), and with --cli also one `guancha check DIR --json` process over the whole archive.
Prints a table of findings per rule: how many findings, in how many reports, how many are errors.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guancha.check import check_view  # noqa: E402
from guancha.check.view import load_view  # noqa: E402

DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpus" / "observatory-reports-dev.tar.xz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--cli", action="store_true", help="also time one `guancha check DIR --json` process")
    args = parser.parse_args()
    if not args.archive.exists():
        print(f"no archive at {args.archive}; pass --archive PATH")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(args.archive) as tar:
            tar.extractall(tmp, filter="data")
        pages = sorted(Path(tmp).rglob("*.html"))
        times: list[float] = []
        findings: Counter[str] = Counter()
        reports_with: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        held = 0
        load_view(pages[0])  # warm imports
        cpu0 = time.process_time()
        for page in pages:
            t0 = time.perf_counter()
            result = check_view(load_view(page))
            times.append((time.perf_counter() - t0) * 1000)
            by_rule = result.by_rule()
            findings.update(by_rule)
            reports_with.update(by_rule.keys())
            errors.update(f.rule for f in result.errors)
            held += 0 if result.passed else 1
        cpu = time.process_time() - cpu0
        times.sort()
        print(f"reports: {len(pages)}  (would be held: {held})")
        print(f"CPU (time.process_time), parse + all gates: {cpu * 1000 / len(pages):.1f} ms per report "
              f"(goal ≤ 40 ms), {cpu:.2f} s in all")
        print(f"in process, parse + all gates: median {statistics.median(times):.1f} ms, "
              f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms, "
              f"mean {statistics.fmean(times):.1f} ms, total {sum(times) / 1000:.2f} s")
        if args.cli:
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "guancha", "check", str(pages[0].parent), "--json"],
                                  capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src"),
                                                                       "PATH": "/usr/bin:/bin"})
            wall = time.perf_counter() - t0
            files = json.loads(proc.stdout)["files"]
            print(f"CLI `guancha check DIR --json`: {files} reports in {wall:.2f} s = {wall * 1000 / files:.1f} ms per "
                  f"report including process start (exit {proc.returncode})")
        print()
        print(f"{'rule':<24} {'findings':>9} {'reports':>8} {'errors':>7}")
        for rule, n in sorted(findings.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"{rule:<24} {n:>9} {reports_with[rule]:>8} {errors[rule]:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
