"""Seconds per input size for regular expressions that run on untrusted text, on adversarial inputs.

    python benchmarks/bench_regex.py [--sizes 10000,20000,40000,80000] [--cap 3]

Each row times one pattern (the form it had before its fix, "old", and the one in the source now, "new") over
every match of one hostile string at each size, and prints the ratio of each time to the one before it: about 2
when the size doubles is linear, about 4 quadratic. A form whose time passes --cap seconds is not run at the larger
sizes ("-"). Prints figures only; tests/test_regex_linear.py holds the bounds.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from guancha.collect.feeds import html_to_text  # noqa: E402
from guancha.injection import URL_IN_TEXT  # noqa: E402
from guancha.select import _APPOSED, _NAME_THEN_SHORT, _POSSESSED  # noqa: E402
from guancha.textutil import strip_urls  # noqa: E402

OLD_URL_IN_TEXT = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ai|cn|co|info|"
                             r"biz|xyz)(?:/\S*)?\b")
OLD_URLISH = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*:(?://)?\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ai|"
                        r"cn|co|info|biz|xyz|ly|me|app|dev)(?:/\S*)?\b)")
OLD_TAG = re.compile(r"<[^>]+>")
OLD_NAME = r"[A-Z][\w&'’.-]*(?:[ \t]+(?:(?:of|and|for|de|&)[ \t]+)?[A-Z][\w&'’.-]*){0,5}"   # select._NAME
OLD_NAME_THEN_SHORT = re.compile(r"(" + OLD_NAME + r")\s*\(([^()\n]{2,80})\)")
OLD_POSSESSED = re.compile(r"(" + OLD_NAME + r")(?:['’]s|(?<=s)['’])\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")
OLD_APPOSED = re.compile(r"(" + OLD_NAME + r"),\s+(?:the|its)\s+(?:[a-z][a-z-]*(?:['’]s|(?<=s)['’])\s+)?"
                         r"([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")


def _all(pattern: re.Pattern[str]) -> Callable[[str], object]:
    return lambda text: sum(1 for _ in pattern.finditer(text))


def _run(text: str, unit: str) -> str:
    return (unit * (len(text) // len(unit) + 1))[:len(text)]


# (name, hostile unit repeated to the size, old form or None, current form)
CASES: list[tuple[str, str, Callable[[str], object] | None, Callable[[str], object]]] = [
    ("injection.URL_IN_TEXT", "a.", _all(OLD_URL_IN_TEXT), lambda t: sum(1 for _ in URL_IN_TEXT.finditer(t))),
    ("injection.URL_IN_TEXT", "a-", _all(OLD_URL_IN_TEXT), lambda t: sum(1 for _ in URL_IN_TEXT.finditer(t))),
    ("textutil.strip_urls", "A.", lambda t: OLD_URLISH.sub("", t), strip_urls),
    ("textutil.strip_urls", "a-", lambda t: OLD_URLISH.sub("", t), strip_urls),
    ("feeds.html_to_text", "<", lambda t: OLD_TAG.sub(" ", t), html_to_text),
    # select._NAME: a long word of capitals, each a start that read to the word's end; and six 40-character words,
    # the most the bounded name reads from one start
    ("select._NAME_THEN_SHORT", "Ab", _all(OLD_NAME_THEN_SHORT), _all(_NAME_THEN_SHORT)),
    ("select._POSSESSED", "Ab", _all(OLD_POSSESSED), _all(_POSSESSED)),
    ("select._APPOSED", "Ab", _all(OLD_APPOSED), _all(_APPOSED)),
    ("select._POSSESSED words", "Ab" * 20 + " ", _all(OLD_POSSESSED), _all(_POSSESSED)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,20000,40000,80000", help="input sizes in characters")
    parser.add_argument("--cap", type=float, default=3.0, help="seconds after which a form stops growing")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'pattern':<24} {'input':<8} {'form':<4}" + "".join(f"{n:>10}" for n in sizes) + "   growth per doubling")
    for name, unit, old, new in CASES:
        for form, work in (("old", old), ("new" if old else "now", new)):
            if work is None:
                continue
            cells, times = [], []
            for n in sizes:
                if times and times[-1] > args.cap:
                    cells.append(f"{'-':>10}")
                    continue
                text = _run("x" * n, unit) + "!"
                t0 = time.perf_counter()
                work(text)
                times.append(time.perf_counter() - t0)
                cells.append(f"{times[-1]:>9.3f}s")
            ratios = " ".join(f"{b / a:.1f}" if a > 0 else "-" for a, b in itertools.pairwise(times))
            print(f"{name:<24} {(unit * 3)[:6]!r:<8} {form:<4}" + "".join(cells) + f"   {ratios}", flush=True)


if __name__ == "__main__":
    main()
