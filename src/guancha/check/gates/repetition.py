"""Repetition rules: a sentence said twice, near-duplicate paragraphs, templated filler, one event told twice."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from guancha.check.findings import Finding
from guancha.check.gates.style import prose_lines
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    BARE_URL_RE,
    Figure,
    extract_figures,
    normalise_for_match,
    plain_text,
    split_sentences,
    word_count,
)
from guancha.check.view import FOLLOW_UP_POINTER_RE, StoryView
from guancha.textutil import is_figure, salient_terms

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


# Two stories tell one event when their leads (first LEAD_SENTENCES sentences) place it alike (the same day, or two
# figures of its own), name SAME_EVENT_NAMES names or more in common, and their bodies share SAME_EVENT_OVERLAP of the
# names and figures of the story that gives fewer. Measured on the 236 real reports: besides the templated ones, one
# pair passes (a filing told as news, then again as "vertical integration" with the same date and figures); related
# stories of one field (a launch and the analysis it prompted, two unions' votes against one studio alliance) share
# many names but no lead day, or a lead day and half as much of their bodies.
LEAD_SENTENCES = 2
SAME_EVENT_NAMES = 3
SAME_EVENT_OVERLAP = 0.5
# a count this small ("two satellites") or a year places no event
_PLACING_FIGURE_OVER = 10


def _lead(story: StoryView) -> str:
    return " ".join(split_sentences(plain_text(story.body))[:LEAD_SENTENCES])


def _event_marks(lead: str) -> tuple[set[tuple[float, ...]], set[str]]:
    """The days a lead names (month, day) and the figures that place its event (amounts over a small count)."""
    days: set[tuple[float, ...]] = set()
    figures: set[str] = set()
    for f in extract_figures(lead):
        if f.kind == "date":
            days.add(f.values[:2])
        elif _placing(f):
            figures.add(f"{f.kind}:{f.values[0]:g}")
    return days, figures


def _placing(f: Figure) -> bool:
    return f.kind == "percent" or (f.kind == "quantity" and f.values[0] > _PLACING_FIGURE_OVER)


@rule("story-same-event", "error", "no event told as two stories")
def _same_event(ctx: CheckContext) -> Iterator[Finding]:
    stories = [s for s in ctx.doc.stories if word_count(s.body) >= 40 and not s.follow_up]
    leads = [_lead(s) for s in stories]
    marks = [_event_marks(lead) for lead in leads]
    # a lead's names and a body's names and figures, read only for stories whose leads place an event alike
    names: dict[int, set[str]] = {}
    terms: dict[int, set[str]] = {}

    def lead_names(k: int) -> set[str]:
        if k not in names:
            names[k] = {t for t in salient_terms(leads[k]) if not is_figure(t)}
        return names[k]

    def body_terms(k: int) -> set[str]:
        if k not in terms:
            terms[k] = salient_terms(plain_text(stories[k].body))
        return terms[k]

    flagged: set[int] = set()
    for j, b in enumerate(stories):
        for i in range(j):
            if b.number in flagged:
                break
            (days_a, figs_a), (days_b, figs_b) = marks[i], marks[j]
            if days_a & days_b:
                placed = "day"
            elif len(figs_a & figs_b) >= 2:
                placed = "figures"
            else:
                continue
            shared_names = lead_names(i) & lead_names(j)
            if len(shared_names) < SAME_EVENT_NAMES:
                continue
            a_terms, b_terms = body_terms(i), body_terms(j)
            overlap = len(a_terms & b_terms) / max(1, min(len(a_terms), len(b_terms)))
            if overlap >= SAME_EVENT_OVERLAP:
                flagged.add(b.number)
                a = stories[i]
                yield _f("story-same-event", ctx.loc("story", b.line, b.number),
                         f"story {b.number} tells the event story {a.number} tells: their leads name "
                         f"{', '.join(sorted(shared_names)[:4])} with the same {placed}, and {overlap:.0%} of the "
                         "names and figures are shared; merge them into one story with all their sources")
