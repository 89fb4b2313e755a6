"""Heuristics rules: the watch section and the heuristics YAML block (parse, fields, confidence scale)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from guancha.check.findings import Finding
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    plain_text,
)

HEURISTIC_FIELDS = ("id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence")


_WATCH_ENTRY = re.compile(r"^\W*([a-z0-9]+(?:-[a-z0-9]+)*)\s*:\s*(active|challenged|broken)\s*(?:→|->)\s*"
                          r"(challenged|broken)\b")


@rule("section-watch", "error", "an optional Heuristics watch section after Implications: each entry names a "
      "heuristic, its move (challenged/broken) and cites the sentence's source")
def _section_watch(ctx: CheckContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.watch_line is None and not doc.watch:
        return
    line = doc.watch_line
    if not doc.watch:
        yield _f("section-watch", ctx.loc("watch", line), "the Heuristics watch section is empty; leave it out "
                 "when no heuristic moved today")
    impl = doc.implications[-1].line if doc.implications else None
    heur = doc.heuristics.line if doc.heuristics is not None else None
    if line is not None and ((impl is not None and line < impl) or (heur is not None and line > heur)):
        yield _f("section-watch", ctx.loc("watch", line), "the Heuristics watch section belongs after "
                 "Implications and before Heuristics; move it there")
    for p in doc.watch:
        text = plain_text(p.text)
        if not _WATCH_ENTRY.match(text):
            yield _f("section-watch", ctx.loc("watch", p.line), f"watch entry {text[:60]!r} does not say which "
                     "heuristic moved and how ('id: active → broken'); write it in that form")
        if not p.links:
            yield _f("section-watch", ctx.loc("watch", p.line), f"watch entry {text[:60]!r} cites no source; cite "
                     "the article the sentence comes from")


@rule("heuristics-yaml", "error", "the heuristics block parses (YAML list or the code-style form)")
def _heuristics_yaml(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        if ctx.shape.heuristics.min > 0:
            yield _f("heuristics-yaml", ctx.loc("heuristics"), "the report has no HEURISTICS block; add "
                     f"{ctx.shape.heuristics.min}-{ctx.shape.heuristics.max} entries in the reference YAML layout",
                     "warning")
        return
    for problem in block.problems:
        yield _f("heuristics-yaml", ctx.loc("heuristics", problem.line),
                 f"heuristic not readable: {problem.text}; write it as a YAML list entry with the reference fields")
    rng = ctx.shape.heuristics
    n = len(block.entries)
    if not block.problems and n < rng.min:
        yield _f("heuristics-yaml", ctx.loc("heuristics", block.line),
                 f"the HEURISTICS block has {n} heuristic(s); the spec asks for {rng.min}-{rng.max} (a report "
                 "written without a model has none)", "warning")
    elif n > rng.max:
        yield _f("heuristics-yaml", ctx.loc("heuristics", block.line),
                 f"the HEURISTICS block has {n} heuristics; the spec allows at most {rng.max}", "warning")


@rule("heuristics-fields", "error", "every heuristic has id, domain, when, prefer, over, because, breaks_when, confidence")
def _heuristics_fields(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        return
    ids: Counter[str] = Counter()
    for entry in block.entries:
        missing = [f for f in HEURISTIC_FIELDS if _empty(entry.fields.get(f))]
        name = entry.ident or str(entry.fields.get("id") or "?")
        ids[name] += 1
        if missing:
            yield _f("heuristics-fields", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} lacks {', '.join(missing)}; every heuristic needs all decision fields")
        yield from _unfalsifiable(ctx, entry.fields, name, entry.line)
    for name, n in ids.items():
        if n > 1 and name != "?":
            yield _f("heuristics-fields", ctx.loc("heuristics", block.line),
                     f"heuristic id {name!r} appears {n} times; give each heuristic its own id")
    yield from _same_decision_twice(ctx)
    yield from _key_given_twice(ctx)


def _decision(fields: dict[str, object]) -> tuple[str, ...] | None:
    """A heuristic's decision, its when, prefer and over in lower case with single spaces; None when one is blank."""
    parts = [fields.get(k) for k in ("when", "prefer", "over")]
    if not all(isinstance(p, str) and p.strip() for p in parts):
        return None
    return tuple(" ".join(str(p).lower().split()) for p in parts)


def _same_decision_twice(ctx: CheckContext) -> Iterator[Finding]:
    """One rule emitted twice under two ids (the reference system re-emitted the same heuristic up to seven times):
    the knowledge base would count one piece of evidence as two confirmations."""
    block = ctx.doc.heuristics
    first: dict[tuple[str, ...], str] = {}
    for entry in block.entries if block else []:
        key = _decision(entry.fields)
        name = entry.ident or str(entry.fields.get("id") or "?")
        if key is None:
            continue
        earlier = first.setdefault(key, name)
        if earlier != name:
            yield _f("heuristics-fields", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} repeats {earlier!r} (the same when, prefer and over) under another id; keep "
                     "one, or make them two different decisions")


# a mapping key at the indentation of a YAML list entry's own fields: "- id: x" opens one, "  when: y" follows
_ENTRY_OPEN = re.compile(r"^(\s*)-\s+([A-Za-z_][\w-]{0,40})\s*:")
_ENTRY_KEY = re.compile(r"^(\s*)([A-Za-z_][\w-]{0,40})\s*:")


def _key_given_twice(ctx: CheckContext) -> Iterator[Finding]:
    """A field written twice in one YAML entry ("confidence: medium" then "confidence: high"): a YAML reader keeps
    the last and drops the other silently, so the report says two things and the knowledge base stores one."""
    block = ctx.doc.heuristics
    if block is None:
        return
    keys: set[str] = set()
    indent: int | None = None
    for i, text in enumerate(block.block.raw.split("\n")):
        if (m := _ENTRY_OPEN.match(text)) is not None:
            keys, indent = {m.group(2)}, len(m.group(1)) + 2
            continue
        m = _ENTRY_KEY.match(text)
        if m is None or indent is None:
            continue
        if len(m.group(1)) < indent - 2:
            indent = None   # left the list
        elif len(m.group(1)) == indent:
            if m.group(2) in keys:
                yield _f("heuristics-fields", ctx.loc("heuristics", block.block.source_line(i)),
                         f"the field {m.group(2)!r} is written twice in one heuristic; a YAML reader keeps only the "
                         "last - write it once with the value meant")
            keys.add(m.group(2))


# what a field says when it says nothing: "N/A", "none", "-", "TBD", "n.a."
_NOTHING = re.compile(r"(?i)\s*(?:n/?a|n\.a\.?|none|nothing|null|nil|-+|—|tbd|tbc|unknown|\?+)\s*\.?\s*")
_SLUG_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


def _unfalsifiable(ctx: CheckContext, fields: dict[str, object], name: str, line: int | None) -> Iterator[Finding]:
    """A heuristic that cannot be tested: it prefers what it rejects, or it names no case where it breaks; and an id
    that is no slug, which the knowledge base cannot key it by."""
    prefer, over, breaks = (fields.get(k) for k in ("prefer", "over", "breaks_when"))
    if isinstance(prefer, str) and isinstance(over, str) and prefer.strip() and \
            " ".join(prefer.lower().split()) == " ".join(over.lower().split()):
        yield _f("heuristics-fields", ctx.loc("heuristics", line),
                 f"heuristic {name!r} prefers what it rejects ('prefer' and 'over' say the same); name the two options")
    if isinstance(breaks, str) and _NOTHING.fullmatch(breaks):
        yield _f("heuristics-fields", ctx.loc("heuristics", line),
                 f"heuristic {name!r} has breaks_when {breaks.strip()!r}; name the case that would prove it wrong")
    ident = fields.get("id")
    if isinstance(ident, str) and ident.strip() and not _SLUG_ID.fullmatch(ident.strip()):
        yield _f("heuristics-fields", ctx.loc("heuristics", line),
                 f"heuristic id {ident.strip()[:60]!r} is not a slug; write it in lower case with hyphens "
                 "('cheap-first-then-verify')")


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


@rule("heuristics-confidence", "warning", "confidence uses one scale (high/medium/low or 0-1) across the report; a "
      "number outside 0-1 (bare 1.7) is an error")
def _heuristics_confidence(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        return
    scales: dict[str, list[str]] = defaultdict(list)
    for entry in block.entries:
        raw = entry.fields.get("confidence")
        if _empty(raw):
            continue
        scale = _confidence_scale(raw)
        name = entry.ident or str(entry.fields.get("id") or "?")
        if scale is None:
            yield _f("heuristics-confidence", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} has confidence {raw!r}, which is neither high/medium/low nor a number 0-1",
                     "error")
        elif scale == "out of range":
            yield _f("heuristics-confidence", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} has confidence {raw!r}, outside 0-1; write a number from 0 to 1 (0.7) or a "
                     "percentage written with % (70%)", "error")
        elif scale == "certain":
            yield _f("heuristics-confidence", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} has confidence {raw!r}: a rule held with certainty, or not held at all, is "
                     "no decision rule that new evidence can test; write how sure you are, between 0 and 1 (0.7)",
                     "error")
        else:
            scales[scale].append(name)
    if len(scales) > 1:
        detail = "; ".join(f"{k}: {', '.join(v[:3])}" for k, v in sorted(scales.items()))
        yield _f("heuristics-confidence", ctx.loc("heuristics", block.line),
                 f"confidence mixes scales ({detail}); use high/medium/low throughout")


def _probability_scale(p: float) -> str:
    return "certain" if p in (0.0, 1.0) else "number" if 0 < p < 1 else "out of range"


def _confidence_scale(raw: object) -> str | None:
    try:
        from guancha.knowledge.schema import Confidence
    except ImportError:  # the knowledge base is not merged yet: read the plain forms only
        Confidence = None  # type: ignore[assignment,misc]
    if isinstance(raw, bool):
        return None
    # A bare number is a probability, 0 to 1; only a number written with "%" is on the 0-100 scale. Counter-case:
    # a bare 1.7, 2 or '1.01' was read as a percentage (1.7 %) and passed, where the writer meant "very sure"
    # and broke the scale. (The knowledge base's importer still reads an old archive's bare 70 as 70 %.)
    # 0 and 1 (0 % and 100 %) are certainty: "certain"
    if isinstance(raw, int | float):
        return _probability_scale(float(raw)) if -1e9 < raw < 1e9 else None
    text = str(raw).strip()
    percent = re.fullmatch(r"(\d{1,9}(?:\.\d{1,9})?)\s*%", text)
    if percent:
        return _probability_scale(float(percent.group(1)) / 100)
    bare = re.fullmatch(r"-?\d{1,9}(?:\.\d{1,9})?|-?\.\d{1,9}", text)
    if bare:
        return _probability_scale(float(text))
    if Confidence is not None:
        try:
            Confidence.parse(text)
        except ValueError:
            return None
        return "word"
    return "word" if text.lower() in {"high", "medium", "low", "moderate", "very high", "very low"} else None
