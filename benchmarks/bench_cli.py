"""How long a user waits for the CLI to answer: `guancha --help`, `--version` and `status`.

    python benchmarks/bench_cli.py [--runs 7]

Each command runs as a fresh process (as a user types it) against this checkout's source; the median and
the worst wall time of the runs are printed next to the goal. `status` runs on a new empty workspace.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
GOALS = {"--help": 0.3, "--version": 0.3, "status": 0.6}


def wall_times(args: list[str], runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "guancha", *args], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.pop("GUANCHA_HOME", None)
    with tempfile.TemporaryDirectory(prefix="guancha-bench-cli-") as tmp:
        workspace = Path(tmp) / "ws"
        subprocess.run([sys.executable, "-m", "guancha", "init", str(workspace)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        commands = {"--help": ["--help"], "--version": ["--version"], "status": ["status", "-w", str(workspace)]}
        print(f"{'command':<10} {'median_s':>8} {'max_s':>6} {'goal_s':>6}  ok")
        for name, argv in commands.items():
            times = wall_times(argv, args.runs, env)
            median = statistics.median(times)
            ok = "yes" if median <= GOALS[name] else "NO"
            print(f"{name:<10} {median:>8.3f} {max(times):>6.3f} {GOALS[name]:>6.1f}  {ok}")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
