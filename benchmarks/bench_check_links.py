"""Seconds for `guancha check` (parse + every gate, in process) on a report of 5k, 10k, 20k and 80k links.

    python benchmarks/bench_check_links.py [COUNTS...]

The report is the shape of the red team's hostile file: a title and paragraphs outside any story holding N
distinct Markdown links. Link rules once compared each link with every earlier one (80k links: over 900 s);
the figures show how the time grows with N. Prints figures only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guancha.check import check_view  # noqa: E402
from guancha.check.view import load_view  # noqa: E402


def report(n: int) -> str:
    """A briefing of ``n`` distinct links, 50 to a paragraph."""
    paras = []
    for start in range(0, n, 50):
        paras.append(" ".join(f"[s{k}](https://site{k}.org/a/{k})" for k in range(start, min(n, start + 50))))
    return "# Many Links — 2026-05-02\n\n" + "\n\n".join(paras)


def main() -> int:
    counts = [int(a) for a in sys.argv[1:]] or [5_000, 10_000, 20_000, 80_000]
    print(f"{'links':>8} {'parse s':>9} {'check s':>9} {'findings':>9}")
    for n in counts:
        text = report(n)
        t0 = time.perf_counter()
        view = load_view(text, filename="many-links.md")
        t1 = time.perf_counter()
        result = check_view(view)
        t2 = time.perf_counter()
        print(f"{n:>8} {t1 - t0:>9.2f} {t2 - t1:>9.2f} {len(result.findings):>9}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
