"""Import throughput and peak memory over the dev archive of reference reports.

    /work/venv/bin/python benchmarks/bench_import.py [ARCHIVE] [--no-trace]

Prints: reports/second for a first import into a fresh SQLite file, the time of a second (idempotent)
import, peak resident memory (ru_maxrss) and, in a separate run, the peak of Python allocations
(tracemalloc), plus the corpus figures (reports, artifacts, stories, papers, heuristics, failures).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guancha.knowledge.importer import import_paths  # noqa: E402
from guancha.store import Database  # noqa: E402


def default_archive() -> Path:
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        candidate = shared / "corpus" / "observatory-reports-dev.tar.xz"
        if candidate.exists():
            return candidate
    raise SystemExit("no archive given and ../shared/corpus/observatory-reports-dev.tar.xz is absent")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", nargs="?", type=Path)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args()
    archive = args.archive or default_archive()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite")
        start = time.perf_counter()
        result = import_paths(db, [archive])
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = import_paths(db, [archive])
        second = time.perf_counter() - start
        db.close()
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    h = result.heuristics
    pages = result.reports + result.artifacts + result.unreadable
    print(f"archive            {archive.name}")
    print(f"files              {result.files}  (reports {result.reports}, artifacts {result.artifacts}, "
          f"unreadable {result.unreadable})")
    print(f"stories            {result.stories}")
    print(f"papers             {result.papers}")
    print(f"heuristic entries  {h.entries}: complete {h.complete}, incomplete {h.incomplete}, unparsed {h.unparsed}")
    print(f"  forms            {h.forms}")
    print(f"  knowledge base   new {h.new}, reconfirmed {h.reconfirmed}, new versions {h.new_versions}, "
          f"merge candidates {len(h.merge_candidates)}")
    print(f"repairs            {result.repairs or 'none'}")
    print(f"failures           {len(result.failures)} by reason: {result.failures_by_reason()}")
    print(f"first import       {first:.2f} s  = {result.reports / first:.1f} reports/s, {pages / first:.1f} pages/s")
    print(f"second import      {second:.2f} s  ({again.unchanged}/{again.files} unchanged)")
    print(f"peak RSS           {maxrss_mib:.0f} MiB (whole process, includes wordllama)")
    if not args.no_trace:
        with tempfile.TemporaryDirectory() as tmp:
            db = Database(Path(tmp) / "bench.sqlite")
            tracemalloc.start()
            import_paths(db, [archive])
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            db.close()
        print(f"peak traced        {peak / 2**20:.1f} MiB of Python allocations during one import")


if __name__ == "__main__":
    main()
