"""`guancha demo` on the bundled sample web: a cold run into a new workspace, then warm re-runs.

    python benchmarks/bench_demo.py [--runs 3] [--sample DIR]

Prints wall time, articles, fetches and bytes per run. The cold run fetches everything; warm runs reuse the
workspace (same port, so the same URLs) and should be mostly conditional requests answered 304. The server
runs in the same process and shares the CPU, so the figures are a floor for a real network.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.demo import run_demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs in the same workspace (the first is cold)")
    parser.add_argument("--sample", type=Path, default=None, help="a sample web directory (default: bundled)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guancha-bench-demo-") as tmp:
        workspace = Path(tmp) / "ws"
        print(f"{'run':>4} {'wall_s':>7} {'articles':>8} {'new':>4} {'fetches':>7} {'304':>4} {'bytes':>10}")
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            result = run_demo(args.sample, workspace=workspace)
            wall = time.perf_counter() - started
            c = result.collection
            print(f"{run:>4} {wall:>7.2f} {c.articles_seen:>8} {c.articles_new:>4} {c.fetches:>7} "
                  f"{c.not_modified:>4} {c.bytes_fetched:>10,}")


if __name__ == "__main__":
    main()
