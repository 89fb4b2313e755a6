"""Heuristics at scale: importing a pack of N heuristics and listing them, time and peak memory.

    /work/venv/bin/python benchmarks/bench_heuristics_import.py                  # 300, 1,000 and 3,000
    /work/venv/bin/python benchmarks/bench_heuristics_import.py --sizes 3000 --shapes templated

A pack is one Markdown report whose HEURISTICS section holds N entries in the reference YAML layout (what
``guancha heuristics export`` writes), imported with ``guancha import`` into a fresh workspace; "list" is what
``guancha heuristics list --json`` does (every heuristic read back with its history, links and evidence).

Two shapes of pack: ``varied`` (each heuristic drawn from the words of the bundled sample web, as different rules are) and
``templated`` (one sentence with a number changed, so every heuristic is a near-duplicate of every other: the
hostile case, where linking each new heuristic to all the similar ones grew as N squared).

Each size runs in a child process, twice: once untimed-by-tracing for the seconds (wall and CPU) and the
process's peak RSS, once under tracemalloc for the peak of Python allocations of import and of list apart.
Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SAMPLE_SITE = ROOT / "src" / "guancha" / "samples" / "china-ai-2026-05-02" / "site"


def vocabulary() -> list[str]:
    """The words of the bundled sample's pages, with repeats: drawing from it gives English word frequencies."""
    words: list[str] = []
    for page in sorted(SAMPLE_SITE.rglob("*.html")):
        text = re.sub(r"<[^>]*>", " ", page.read_text(encoding="utf-8", errors="replace"))
        words += [w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)]
    return words


def pack_text(count: int, shape: str, seed: int = 7) -> str:
    """A Markdown report carrying ``count`` heuristics (fixed-width ids, so no id is a prefix of another)."""
    rng = random.Random(seed)
    vocab = vocabulary() if shape == "varied" else []
    lines = ["# 🧭 Pack Bench — 2026-05-01", "", "Friday, May 1, 2026", "", "## Implications", "",
             "A generated pack of heuristics.", "", "## HEURISTICS", "", "```yaml", "heuristics:"]

    def words(n: int) -> str:
        return " ".join(rng.choices(vocab, k=n))

    for k in range(count):
        if shape == "templated":
            when = f"Relay round trips fall below {k} milliseconds for surface operations"
            prefer, over = "Interactive control loops for rovers", "Batch command uploads planned a day ahead"
            because, breaks = f"The operator log shows round trips of {k} ms", "Relay nodes drop out again"
        else:
            when, prefer, over, because, breaks = words(12), words(8), words(8), words(14), words(10)
        lines += [
            f"  - id: bench-rule-{k:06d}",
            "    domain: [bench, generated]",
            f"    when: {when}",
            f"    prefer: {prefer}",
            f"    over: {over}",
            f"    because: {because}",
            f"    breaks_when: {breaks}",
            "    confidence: medium",
        ]
    lines += ["```", ""]
    return "\n".join(lines)


def one(count: int, shape: str, traced: bool) -> dict[str, float]:
    """Import a pack of ``count`` into a new workspace and list it; figures for the parent to print."""
    from guancha.knowledge.export import pack_entry
    from guancha.knowledge.importer import import_paths
    from guancha.knowledge.kb import KnowledgeBase, _Embedder
    from guancha.workspace import init_workspace, open_workspace

    _Embedder.get()  # load the word embeddings before timing: every import pays it once
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        init_workspace(root)
        pack = Path(tmp) / "pack.md"
        pack.write_text(pack_text(count, shape), encoding="utf-8")
        ws = open_workspace(root)
        if traced:
            tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        result = import_paths(ws, [pack])
        import_s, import_cpu = time.perf_counter() - wall, time.process_time() - cpu
        import_peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.reset_peak()
        wall, cpu = time.perf_counter(), time.process_time()
        listed = [pack_entry(s) for s in KnowledgeBase(ws.db()).select()]
        list_s, list_cpu = time.perf_counter() - wall, time.process_time() - cpu
        list_peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
        ws.close()
    return {"import_s": import_s, "import_cpu": import_cpu, "list_s": list_s, "list_cpu": list_cpu,
            "import_peak_mib": import_peak / 2**20, "list_peak_mib": list_peak / 2**20,
            "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "new": result.heuristics.new, "listed": len(listed),
            "merge_candidates": len(result.heuristics.merge_candidates)}


def child(count: int, shape: str, traced: bool, timeout: float) -> dict[str, float] | None:
    args = [sys.executable, __file__, "--child", str(count), shape, "1" if traced else "0"]
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise SystemExit(f"the child for {count} {shape} failed:\n{proc.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--shapes", nargs="+", choices=["varied", "templated"], default=["varied", "templated"])
    parser.add_argument("--timeout", type=float, default=600, help="seconds one child may take (default 600)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        count, shape, traced = int(args.child[0]), args.child[1], args.child[2] == "1"
        print(json.dumps(one(count, shape, traced)))
        return
    print(f"{'shape':<10} {'N':>6}  {'import s (cpu)':>16} {'list s (cpu)':>14} {'peak RSS':>9} "
          f"{'import traced':>13} {'list traced':>11}  new/listed  candidates")
    for shape in args.shapes:
        for count in args.sizes:
            timed = child(count, shape, False, args.timeout)
            if timed is None:
                print(f"{shape:<10} {count:>6}  over {args.timeout:.0f} s")
                continue
            traced = None if args.no_trace else child(count, shape, True, args.timeout)
            mem = (f"{traced['import_peak_mib']:>10.1f} MiB {traced['list_peak_mib']:>7.1f} MiB" if traced
                   else f"{'-':>13} {'-':>11}")
            print(f"{shape:<10} {count:>6}  {timed['import_s']:>7.2f} ({timed['import_cpu']:>6.2f}) "
                  f"{timed['list_s']:>6.2f} ({timed['list_cpu']:>5.2f}) {timed['rss_mib']:>5.0f} MiB {mem}  "
                  f"{timed['new']:.0f}/{timed['listed']:.0f}  {timed['merge_candidates']:.0f}", flush=True)


if __name__ == "__main__":
    main()
