"""The full briefing over a sample web: wall time and each stage's share; with a model, its calls and tokens.

    python benchmarks/bench_run.py [--runs 3] [--sample DIR]                 # extractive writer
    python benchmarks/bench_run.py --runs 1 --model local:smollm2 [--threads 1]  # the llm writer

Each run is a cold ``guancha demo`` into a new workspace (collect → select → write → render → finalise)
with the sample served on loopback in the same process, so collection figures are a floor for a real
network. With ``--model`` it also prints the model calls, tokens in/out and seconds per report (from the
call ledger), and per call.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.demo import run_demo
from guancha.run import STAGES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs, each in a new workspace")
    parser.add_argument("--sample", type=Path, default=None, help="a sample web directory (default: bundled)")
    parser.add_argument("--model", default=None, help="run the llm writer with this model, e.g. local:smollm2")
    parser.add_argument("--threads", type=int, default=None, help="n_threads for a local model")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)

    walls: list[float] = []
    stage_ms: dict[str, list[int]] = {s: [] for s in STAGES}
    usage: list[dict[str, float]] = []
    for n in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="guancha-bench-run-") as tmp:
            workspace = Path(tmp) / "ws"
            started = time.perf_counter()
            result = run_demo(args.sample, workspace=workspace, model=args.model,
                              writer="llm" if args.model else None,
                              settings_overrides=_local_threads(args.threads))
            wall = time.perf_counter() - started
        walls.append(wall)
        timings = result.run.summary["timings_ms"]
        for s in STAGES:
            stage_ms[s].append(int(timings.get(s, 0)))
        models = result.run.summary["models"]
        usage.append(models)
        counts = result.run.summary["counts"]
        print(f"run {n}: {wall:.2f} s wall, {counts['stories']} stories, {counts['papers']} papers, "
              f"{counts['citations']} citations, writer {result.run.writer}"
              + (f", {models['calls']} model calls" if args.model else ""))

    print()
    total = statistics.mean(walls)
    print(f"wall time per report: mean {total:.2f} s, min {min(walls):.2f} s, max {max(walls):.2f} s "
          f"over {len(walls)} run(s)")
    staged = sum(statistics.mean(v) for v in stage_ms.values()) / 1000
    print(f"{'stage':<10} {'mean_s':>8} {'share':>7}")
    for s in STAGES:
        mean_s = statistics.mean(stage_ms[s]) / 1000
        print(f"{s:<10} {mean_s:>8.3f} {100 * mean_s / total:>6.1f}%")
    print(f"{'(other)':<10} {total - staged:>8.3f} {100 * (total - staged) / total:>6.1f}%   "
          "(serving, workspace set-up, loading wordllama)")
    if args.model:
        calls = statistics.mean(u["calls"] for u in usage)
        tin = statistics.mean(u["tokens_in"] for u in usage)
        tout = statistics.mean(u["tokens_out"] for u in usage)
        secs = statistics.mean(u["seconds"] for u in usage)
        failed = statistics.mean(u["failed"] for u in usage)
        print()
        print(f"model {args.model}: per report {calls:.0f} calls ({failed:.0f} with unusable output), "
              f"{tin:.0f} tokens in, {tout:.0f} tokens out, {secs:.1f} s in model calls")
        if calls:
            print(f"per call: {tin / calls:.0f} tokens in, {tout / calls:.0f} tokens out, {secs / calls:.1f} s; "
                  f"{tout / secs if secs else 0:.1f} output tokens/s")


def _local_threads(threads: int | None) -> dict[str, object] | None:
    return {"models": {"local": {"n_threads": threads}}} if threads is not None else None


if __name__ == "__main__":
    main()
