"""A regular-expression alternation scanned in linear time, for patterns that ``re`` would rescan quadratically.

``\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:com|net)`` (a bare domain written in text) is linear from one start, but ``re``
tries it again from every word boundary: on a dotted run with no known suffix ("a.a.a.a…", "a-a-a-…") each try
scans to the run's end, so a 200 kB page costs minutes. Here each branch names the run it reads from a start;
when the branch fails at a start it fails at every later start inside that run too (the text from the later
start is a tail of the run, which the branch could have read from the earlier one), so the scan goes on after the
run. The matches are those of ``re.compile("|".join(branches))``: leftmost first, and at one position the first
branch that matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Branch:
    """One alternative: ``starts`` finds where it may begin, ``body`` is matched there, and on failure the scan goes
    on after ``run`` matched there (None: the branch is ``starts`` itself, which is cheap to search)."""

    starts: re.Pattern[str]
    body: re.Pattern[str] | None = None
    run: re.Pattern[str] | None = None

    def leftmost(self, text: str, pos: int) -> re.Match[str] | None:
        """This branch's leftmost match at or after ``pos``."""
        while True:
            start = self.starts.search(text, pos)
            if start is None or self.body is None:
                return start
            p = start.start()
            hit = self.body.match(text, p)
            if hit is not None:
                return hit
            run = self.run.match(text, p) if self.run is not None else None
            pos = max(run.end() if run is not None else p, p + 1)


class LinearAlternation:
    """``finditer``, ``search`` and ``sub`` as ``re`` gives them for the alternation of ``branches`` (none of which
    matches the empty string), without rescanning a run from each of its positions."""

    def __init__(self, *branches: Branch) -> None:
        self.branches = branches

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        cached: list[re.Match[str] | None] = [b.leftmost(text, 0) for b in self.branches]
        while True:
            best: re.Match[str] | None = None
            for m in cached:   # leftmost start; at one start the earlier branch (strict <)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()
            cached = [b.leftmost(text, pos) if m is not None and m.start() < pos else m
                      for b, m in zip(self.branches, cached, strict=True)]

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        out: list[str] = []
        pos = 0
        for m in self.finditer(text):
            out.append(text[pos:m.start()])
            out.append(repl(m) if callable(repl) else m.expand(repl))
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)


def domain_branch(suffixes: str) -> Branch:
    """``\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:SUFFIXES)(?:/\\S*)?\\b`` (case-insensitive): a bare domain with a known suffix."""
    return Branch(starts=re.compile(r"\b(?=[\w-])"),
                  body=re.compile(r"(?i)[\w-]+(?:\.[\w-]+)*\.(?:" + suffixes + r")(?:/\S*)?\b"),
                  run=re.compile(r"[\w-]+(?:\.[\w-]+)*"))
