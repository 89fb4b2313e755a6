"""Encoding and style rules: mojibake and replacement characters, banned phrases in the prose."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guancha.briefing import Line
from guancha.check.findings import Finding, Severity
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    plain_text,
)
from guancha.textrepair import REPLACEMENT, fix_report_line, is_mojibake
from guancha.textutil import QUOTED_SPEECH

_GREEK_DAMAGE = re.compile(r"π[\u00a0-\u00bf\u0384-\u038f]")   # half a flag: "π¨π³" for 🇨🇳
# a lone Greek letter between Latin words where a dash was ("Price Cuts β What Next"); one alone is as likely a
# "β cell" or an "α particle", so it counts only where the report has LONE_DASHES_MIN of them
_LONE_GREEK = re.compile(r"(?<=[A-Za-z,.]\s)[α-ωΑ-Ω](?=\s+[A-Za-z0-9])")
LONE_DASHES_MIN = 3


@rule("encoding-mojibake", "error", "no mis-decoded text (â€™, Ã©, π¨π³, �)")
def _encoding(ctx: CheckContext) -> Iterator[Finding]:
    reported: set[int | None] = set()
    lone_dashes = sum(len(_LONE_GREEK.findall(ln.text)) for ln in ctx.doc.lines if not ln.text.isascii())
    for ln in [*(ctx.doc.raw_lines or ctx.doc.lines), *ctx.doc.lines]:
        if ln.line in reported:
            continue
        text = ln.text
        if text.isascii():
            continue  # mis-decoding always leaves non-ASCII characters behind
        bad = None
        if REPLACEMENT in text:
            bad = "replacement characters (�) where text was lost"
        elif is_mojibake(text):
            fixed = fix_report_line(text)
            bad = "mis-decoded text" + (f" (reads {_diff_word(text, fixed)!r} once repaired)" if fixed != text else "")
        elif (_GREEK_DAMAGE.search(text) or (lone_dashes >= LONE_DASHES_MIN and _LONE_GREEK.search(text))) \
                and _latin_dominant(text):
            bad = "UTF-8 read as Greek (π¨ for a flag, β for a dash)"
        if bad:
            reported.add(ln.line)
            yield _f("encoding-mojibake", ctx.loc("report", ln.line),
                     f"{bad} in {_strip_tags(text)[:50]!r}; save the report as UTF-8 (or repair it) before publishing")


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).strip()


def _diff_word(before: str, after: str) -> str:
    """The first differing stretch of the repaired text, for the message."""
    i = 0
    while i < min(len(before), len(after)) and before[i] == after[i]:
        i += 1
    start = max(0, i - 15)
    return after[start : i + 15]


def _latin_dominant(text: str) -> bool:
    latin = sum(1 for c in text if "a" <= c.lower() <= "z")
    greek = sum(1 for c in text if "\u0370" <= c <= "\u03ff")
    return latin > 10 * max(greek, 1)


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str] | None:
    items = [p.strip() for p in phrases if p.strip()]
    if not items:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True)) + r")(?!\w)", re.I)


def prose_lines(ctx: CheckContext) -> Iterator[tuple[Line, int | None]]:
    """The report's own prose (story paragraphs, implications, headlines), with story numbers."""
    for story in ctx.doc.stories:
        # the heading line holds the subtitle too: yielded whole, a subtitle's own sentences would count twice
        yield Line(story.title if story.subtitle else story.heading, story.line), story.number
        if story.subtitle:
            yield Line(story.subtitle, story.line), story.number
        for p in story.paragraphs:
            yield Line(p.text, p.line), story.number
    for p in ctx.doc.implications:
        yield Line(p.text, p.line), None


@rule("style-banned", "warning", "no scaffolding, hype words or forbidden names (lists in the spec)")
def _style_banned(ctx: CheckContext) -> Iterator[Finding]:
    groups: list[tuple[str, re.Pattern[str] | None, Severity, str]] = [
        ("scaffolding", _phrase_re(ctx.checks.scaffolding), "warning", "say it directly"),
        ("hype word", _phrase_re(ctx.checks.hype_words), "warning", "state the concrete effect instead"),
        ("forbidden name", _phrase_re(ctx.checks.forbidden_names), "error", "this watcher must not name it"),
    ]
    for ln, story in prose_lines(ctx):
        text = QUOTED_SPEECH.sub(" ", plain_text(ln.text))
        for label, rx, sev, fix in groups:
            if rx is None:
                continue
            for m in rx.finditer(text):
                loc = ctx.loc("story" if story else "implications", ln.line, story)
                yield _f("style-banned", loc, f"{label} {m.group(0)!r}; {fix}", sev)
