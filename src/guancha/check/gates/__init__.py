"""Deterministic gates, one module per rule family: rules that read a rendered briefing and report what is wrong and how to fix it.

Each rule has a stable name (used in output, the spec's severity overrides and the revision loop), a
default severity (``error`` blocks publishing, ``warning`` does not) and a function that yields findings.
Thresholds come from the watcher spec; without one, the reference defaults apply (6 stories of 350-500
words, at least 4 citations each, 3-6 papers). The rules are general: nothing here knows any fixture.
"""

from guancha.check.gates import heuristics, hygiene, links, repetition, sections, structure, style

__all__ = ["heuristics", "hygiene", "links", "repetition", "sections", "structure", "style"]
