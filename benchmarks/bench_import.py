"""Import throughput and peak memory over the dev archive of reference reports.

    /work/venv/bin/python benchmarks/bench_import.py [ARCHIVE] [--no-trace]

Prints: reports/second for a first import into a fresh SQLite file, the time of a second (idempotent)
import, peak resident memory (ru_maxrss) and, in a separate run, the peak of Python allocations
(tracemalloc), plus the corpus figures (reports, artifacts, stories, papers, heuristics, failures).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import tarfile
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


_ENTRY_RE = re.compile(r"(?m)^[ \t]*-?[ \t]*id:[ \t]*([A-Za-z0-9][\w.-]*)|HEURISTIC[ \t]+([A-Za-z0-9][\w.-]*)[ \t]*\{")
_FIELDS = ("domain", "when", "prefer", "over", "because", "breaks_when", "confidence")
_V2 = {"domain": r"\bdomain\s*:", "when": r"\bWHEN\b", "prefer": r"\bPREFER\b", "over": r"\bOVER\b",
       "because": r"\bBECAUSE\b", "breaks_when": r"\bBREAKS_WHEN\b", "confidence": r"\bconfidence\s*:"}


def independent_parse_rate(archive: Path, db: Database) -> tuple[int, int, list[str]]:
    """Entries found in the raw report pages by a regex scan (not guancha's parsers) whose decision fields
    were all parsed: (entries, parsed with every field the page has, misses)."""
    parsed: dict[tuple[str, str], set[str]] = {}
    for row in db.query("SELECT r.source_path, e.heuristic_id, e.fields_json FROM imported_heuristic_entries e"
                        " JOIN imported_reports r ON r.id = e.report_id"):
        fields = {k for k, v in json.loads(row[2]).items() if v not in (None, "", [], {})}
        parsed.setdefault((row[0], (row[1] or "").lower()), set()).update(fields)
    reports = {row[0] for row in db.query("SELECT source_path FROM imported_reports")}
    total = ok = 0
    misses: list[str] = []
    with tarfile.open(archive) as tf:
        for member in tf:
            key = f"{archive}!{member.name}"
            if not member.isfile() or key not in reports:
                continue
            raw = tf.extractfile(member).read().decode("utf-8", "replace")  # type: ignore[union-attr]
            text = html.unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)))
            found = list(_ENTRY_RE.finditer(text))
            for k, m in enumerate(found):
                end = found[k + 1].start() if k + 1 < len(found) else min(len(text), m.end() + 6000)
                segment = text[m.end():end]
                markers = _V2 if m.group(2) else {f: rf"\b{f}\s*:" for f in _FIELDS}
                present = {f for f, rx in markers.items() if re.search(rx, segment)}
                hid = re.sub(r"[^a-z0-9]+", "-", (m.group(2) or m.group(1)).lower()).strip("-")
                got = parsed.get((key, hid))
                total += 1
                if got is not None and present <= got:
                    ok += 1
                else:
                    misses.append(f"{member.name} {hid}: missing {sorted(present - (got or set()))}")
    return total, ok, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive", nargs="?", type=Path)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args()
    archive = args.archive or default_archive()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite")
        start, cpu_start = time.perf_counter(), time.process_time()
        result = import_paths(db, [archive])
        first, first_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        start = time.perf_counter()
        again = import_paths(db, [archive])
        second = time.perf_counter() - start
        total, ok, misses = independent_parse_rate(archive, db) if tarfile.is_tarfile(archive) else (0, 0, [])
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
    if total:
        print(f"parse rate         {ok}/{total} = {100 * ok / total:.1f}% of entries found by an independent scan of"
              f" the report pages have every decision field the page gives them")
        for miss in misses[:10]:
            print(f"  miss             {miss}")
    print(f"failures           {len(result.failures)} by reason: {result.failures_by_reason()}")
    print(f"first import       {first:.2f} s  = {result.reports / first:.1f} reports/s, {pages / first:.1f} pages/s")
    print(f"  CPU              {first_cpu:.2f} s  = {result.reports / first_cpu:.1f} reports per CPU second, "
          f"{pages / first_cpu:.1f} pages per CPU second (goal ≥ 40 reports/s)")
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
        if tarfile.is_tarfile(archive):
            tracemalloc.start()
            with tarfile.open(archive) as tf:
                for member in tf:
                    if member.isfile():
                        tf.extractfile(member).read()  # type: ignore[union-attr]
            _, base = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  of which         {base / 2**20:.1f} MiB is reading the archive alone (the xz/gzip decoder)")


if __name__ == "__main__":
    main()
