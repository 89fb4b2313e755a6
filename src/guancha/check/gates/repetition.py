"""Repetition rules: a sentence said twice, near-duplicate paragraphs, templated filler."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from guancha.check.findings import Finding
from guancha.check.gates.style import prose_lines
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    BARE_URL_RE,
    normalise_for_match,
    plain_text,
    split_sentences,
    word_count,
)
from guancha.check.view import FOLLOW_UP_POINTER_RE

# Words a subtitle may add to the names of the story's own sources and still only say who reported it.
ATTRIBUTION_MAX_WORDS = 3


def _attributions(ctx: CheckContext) -> set[tuple[int | None, str]]:
    """(story, subtitle) of the subtitles that only name who reported the story: the text of one of the story's
    citations and at most ``ATTRIBUTION_MAX_WORDS`` words more ("as reported by Radio Rangimoa", "via Wire Service").
    Two stories that one outlet reported alone share such a line, which is no padding."""
    out: set[tuple[int | None, str]] = set()
    for story in ctx.doc.stories:
        if not story.subtitle:
            continue
        subtitle = f" {normalise_for_match(plain_text(story.subtitle))} "
        subtitle_words = len(subtitle.split())   # once: a story may have thousands of links
        for link in story.inline_links:
            name = normalise_for_match(link.text)
            if name and subtitle_words - len(name.split()) <= ATTRIBUTION_MAX_WORDS and f" {name} " in subtitle:
                out.add((story.number, story.subtitle))
                break
    return out


def _sentences_with_place(ctx: CheckContext) -> Iterator[tuple[str, int | None, int | None]]:
    attributions = _attributions(ctx)
    for ln, story in prose_lines(ctx):
        if (story, ln.text) in attributions:
            continue
        for sentence in split_sentences(plain_text(ln.text)):
            yield sentence, ln.line, story
    for paper in ctx.doc.papers:
        for sentence in split_sentences(plain_text(paper.text)):
            yield sentence, paper.line, None


@rule("repetition", "error", "no sentence repeated (padding)")
def _repetition(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    originals: dict[str, str] = {}
    for sentence, line, story in _sentences_with_place(ctx):
        # an address is no words: a source cited twice on a line of its own ("(https://…)") is not padding
        key = normalise_for_match(BARE_URL_RE.sub(" ", sentence))
        if len(key.split()) < 6 or FOLLOW_UP_POINTER_RE.match(sentence):
            continue   # two stories may both continue one earlier story: its pointer is no padding
        seen[key].append((line, story))
        originals.setdefault(key, sentence)
    for key, places in seen.items():
        if len(places) > 1:
            line, story = places[1]
            yield _f("repetition", ctx.loc("story" if story else "report", line, story),
                     f"the sentence {originals[key][:70]!r} appears {len(places)} times; keep it once and cut the "
                     "padding")


def _shingles(tokens: list[str], n: int = 5) -> set[str]:
    """Word 5-grams, each joined by spaces (tokens never hold one): strings hash faster than tuples."""
    return {" ".join(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@rule("duplicate-paragraph", "error", "no paragraph repeated or near-copied across stories")
def _duplicate_paragraph(ctx: CheckContext) -> Iterator[Finding]:
    paras: list[tuple[int | None, int | None, list[str], str]] = []
    for story in ctx.doc.stories:
        for p in story.paragraphs:
            toks = normalise_for_match(plain_text(p.text)).split()
            if len(toks) >= 20:
                paras.append((story.number, p.line, toks, p.text))
    for p in ctx.doc.implications:
        toks = normalise_for_match(plain_text(p.text)).split()
        if len(toks) >= 20:
            paras.append((None, p.line, toks, p.text))
    shingles = [_shingles(t) for _, _, t, _ in paras]
    reported: set[int] = set()
    for j in range(len(paras)):
        for i in range(j):
            if j in reported:
                break
            sim = _jaccard(shingles[i], shingles[j])
            if sim >= 0.6:
                reported.add(j)
                s_i, s_j = paras[i][0], paras[j][0]
                where = f"story {s_i}" if s_i else "the implications"
                yield _f("duplicate-paragraph", ctx.loc("story" if s_j else "implications", paras[j][1], s_j),
                         f"this paragraph ({paras[j][3][:50]!r}) repeats one in {where} ({sim:.0%} the same); "
                         "write new analysis or cut it")


_NAMEISH = re.compile(r"^(?:[A-Z][\w'’.-]*|\d[\d.,%]*\w*)$")


def _masked_tokens(text: str) -> list[str]:
    """Tokens with names and numbers replaced by placeholders: two stories that are the same template
    with different names become the same sequence."""
    out = []
    for i, tok in enumerate(plain_text(text).split()):
        core = tok.strip(".,;:!?()[]\"“”'’")
        if not core:
            continue
        if _NAMEISH.match(core) and i > 0:
            out.append("<N>")
        else:
            out.append(core.lower())
    return out


@rule("templated-stories", "error", "stories are not one text with the names swapped")
def _templated(ctx: CheckContext) -> Iterator[Finding]:
    stories = [s for s in ctx.doc.stories if word_count(s.body) >= 40]
    masked = {s.number: _shingles(_masked_tokens(s.body), 6) for s in stories}
    raw = {s.number: _shingles(normalise_for_match(plain_text(s.body)).split(), 6) for s in stories}
    flagged: set[int] = set()
    for j, b in enumerate(stories):
        for a in stories[:j]:
            if b.number in flagged:
                break
            m_sim = _jaccard(masked[a.number], masked[b.number])
            r_sim = _jaccard(raw[a.number], raw[b.number])
            if m_sim >= 0.5 and m_sim > r_sim + 0.1:
                flagged.add(b.number)
                yield _f("templated-stories", ctx.loc("story", b.line, b.number),
                         f"story {b.number} is story {a.number}'s text with names and numbers swapped "
                         f"({m_sim:.0%} the same once names are masked); write each story from its own sources")
