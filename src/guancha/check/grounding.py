"""Grounding inside a run: the report may only say what its cited sources say.

Every link must be an article this run collected; every figure (amounts, percentages, dates) in a
sentence must appear in a source cited in that sentence's paragraph; every quoted span must appear in a
cited source; cited articles must be inside the freshness window. The evidence is read from the store,
so the check needs nothing the writer could fake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guancha.briefing import Link, Paragraph
from guancha.check.evidence import (
    RunEvidence,
    SourceArticle,
    evidence_for_articles,
    evidence_for_collection,
    evidence_from_rows,
)
from guancha.check.findings import Finding
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    figures_needing_support,
    plain_text,
    quote_found,
    quoted_spans,
    split_sentences,
)
from guancha.check.view import StoryView

# --------------------------------------------------------------------------- the rules


def _cited(ctx: CheckContext, links: list[Link]) -> list[SourceArticle]:
    assert ctx.run is not None
    out: list[SourceArticle] = []
    for link in links:
        art = ctx.run.article(link.url)
        if art is not None and art not in out:
            out.append(art)
    return out


def _paragraph_sources(ctx: CheckContext, story: StoryView | None, para: Paragraph) -> list[SourceArticle]:
    """The sources a paragraph's sentences may lean on: its own citations, else the story's."""
    cited = _cited(ctx, para.links)
    if not cited and story is not None:
        cited = _cited(ctx, story.inline_links + story.sources)
    return cited


def claim_text(para: Paragraph) -> str:
    """A paragraph's prose without its citation groups: "... there (Pacific Ledger; Reuters)." -> "... there."
    The parser gives link anchors as plain text, so the groups are recognised by this paragraph's anchors."""
    text = para.text
    anchors = sorted({link.text.strip() for link in para.links if link.text.strip()}, key=len, reverse=True)
    if anchors:
        alt = "|".join(re.escape(a) for a in anchors)
        text = re.sub(rf"\s*\(\s*(?:{alt})(?:\s*[;,]\s*(?:{alt}))*\s*\)", "", text)
    return text


def _grounded_paragraphs(ctx: CheckContext) -> Iterator[tuple[StoryView | None, Paragraph]]:
    for story in ctx.doc.stories:
        for para in story.paragraphs:
            yield story, para


@rule("grounding-number", "error", "every figure in a sentence is in a source cited in its paragraph", needs_run=True)
def _grounding_number(ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.doc.date.year if ctx.doc.date else None
    for story, para in _grounded_paragraphs(ctx):
        sources = _paragraph_sources(ctx, story, para)
        number = story.number if story else None
        for sentence in split_sentences(plain_text(claim_text(para))):
            for fig in figures_needing_support(sentence, report_year=year):
                if any(src.supports(fig) for src in sources):
                    continue
                where = ", ".join(s.url for s in sources[:3]) or "no collected source"
                yield _f("grounding-number", ctx.loc("story", para.line, number),
                         f"the figure {fig.text!r} in {sentence[:60]!r} is not in the cited source(s) ({where}); "
                         "cite the source that states it, or remove the figure")


@rule("grounding-quote", "error", "every quoted span appears in a cited source", needs_run=True)
def _grounding_quote(ctx: CheckContext) -> Iterator[Finding]:
    for story, para in _grounded_paragraphs(ctx):
        sources = _paragraph_sources(ctx, story, para)
        number = story.number if story else None
        for span in quoted_spans(claim_text(para)):
            if any(quote_found(span, f"{s.title}\n{s.text}") for s in sources):
                continue
            yield _f("grounding-quote", ctx.loc("story", para.line, number),
                     f"the quotation “{span[:60]}” is not in any cited source; quote the source exactly or paraphrase "
                     "without quotation marks")


@rule("grounding-citation", "error", "every link resolves to an article this run collected", needs_run=True)
def _grounding_citation(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.run is not None
    for story in ctx.doc.stories:
        for link in story.inline_links + story.sources:
            if not ctx.run.is_collected(link.url):
                yield _f("link-fabricated", ctx.loc("story", link.line, story.number),
                         f"{link.url[:200]} is not among this run's collected sources; cite only numbered sources [S…]")
    for paper in ctx.doc.papers:
        if paper.url and not ctx.run.is_collected(paper.url):
            yield _f("link-fabricated", ctx.loc("papers", paper.line),
                     f"{paper.url[:200]} is not among this run's collected papers; list only collected papers")


@rule("grounding-freshness", "error", "cited articles were published inside the window", needs_run=True)
def _grounding_freshness(ctx: CheckContext) -> Iterator[Finding]:
    assert ctx.run is not None
    for story in ctx.doc.stories:
        for link in story.inline_links + story.sources:
            art = ctx.run.article(link.url)
            if art is None or art.kind == "paper":
                continue
            over = ctx.run.outside_window(art)
            if over is not None and not story.follow_up:
                yield _f("source-freshness", ctx.loc("story", link.line, story.number),
                         f"{link.url[:200]} was published {over:.0f} h before the {ctx.run.window_hours} h window opened; "
                         "use a fresh source or mark the story as a follow-up")


__all__ = [
    "RunEvidence",
    "SourceArticle",
    "evidence_for_articles",
    "evidence_for_collection",
    "evidence_from_rows",
]
