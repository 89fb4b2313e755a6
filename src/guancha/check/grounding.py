"""Grounding inside a run: the report may only say what its cited sources say.

Every link must be an article this run collected; every figure (amounts, percentages, dates) in a
sentence must appear in a source cited in that sentence's paragraph; every quoted span must appear in a
cited source; cited articles must be inside the freshness window. The evidence is read from the store,
so the check needs nothing the writer could fake.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from guancha.check.findings import Finding
from guancha.check.gates import CheckContext, _f, rule
from guancha.check.text import (
    Figure,
    canonical_url,
    extract_figures,
    figures_needing_support,
    plain_text,
    quote_found,
    quoted_spans,
    split_sentences,
)
from guancha.check.view import Link, Paragraph, StoryView
from guancha.store.db import Database


@dataclass
class SourceArticle:
    """One collected article as evidence: its text, title and publication time."""

    article_id: str
    url: str
    title: str = ""
    text: str = ""
    published_at: dt.datetime | None = None
    kind: str = "article"
    in_window: bool | None = None

    @cached_property
    def figures(self) -> list[Figure]:
        figs = extract_figures(f"{self.title}\n{self.text}", include_words=True)
        if self.published_at is not None:
            d = self.published_at
            figs.append(Figure(d.date().isoformat(), "date", (float(d.month), float(d.day)), (0.0, 0.0), -1))
            figs.append(Figure(str(d.year), "year", (float(d.year),), (0.0,), -1))
        return figs

    def supports(self, figure: Figure) -> bool:
        return any(figure.matches(candidate) for candidate in self.figures)


@dataclass
class RunEvidence:
    """What a run collected: canonical URL -> article, the reference time and the window."""

    articles: dict[str, SourceArticle] = field(default_factory=dict)
    as_of: dt.datetime | None = None
    window_hours: int = 36

    @classmethod
    def of(cls, articles: list[SourceArticle], *, as_of: dt.datetime | None, window_hours: int) -> RunEvidence:
        ev = cls(as_of=as_of, window_hours=window_hours)
        for a in articles:
            ev.articles[canonical_url(a.url)] = a
        return ev

    def article(self, url: str) -> SourceArticle | None:
        return self.articles.get(canonical_url(url))

    def is_collected(self, url: str) -> bool:
        return canonical_url(url) in self.articles

    def outside_window(self, article: SourceArticle) -> float | None:
        """Hours by which an article is older than the window (None when inside or undated)."""
        if article.in_window is True or article.published_at is None or self.as_of is None:
            return None
        age = (self.as_of - article.published_at).total_seconds() / 3600
        return age - self.window_hours if age > self.window_hours else None


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def evidence_for_collection(db: Database, collection_id: str) -> RunEvidence:
    """The articles one collection saw (with their window verdicts), as evidence for grounding."""
    col = db.one("SELECT as_of, window_hours FROM collections WHERE id = ?", (collection_id,))
    rows = db.query(
        "SELECT a.id, a.url, a.canonical_url, a.title, a.text, a.summary, a.published_at, a.kind,"
        " MAX(COALESCE(s.in_window, -1)) AS in_window"
        " FROM sightings s JOIN articles a ON a.id = s.article_id"
        " WHERE s.collection_id = ? GROUP BY a.id",
        (collection_id,),
    )
    return evidence_from_rows(rows, as_of=_parse_time(col["as_of"]) if col else None,
                              window_hours=int(col["window_hours"]) if col else 36)


def evidence_for_articles(db: Database, article_ids: list[str], *, as_of: dt.datetime | None,
                          window_hours: int) -> RunEvidence:
    """Evidence from an explicit list of article ids (what a run's selection handed to its writer)."""
    if not article_ids:
        return RunEvidence(as_of=as_of, window_hours=window_hours)
    marks = ",".join("?" for _ in article_ids)
    rows = db.query(
        "SELECT id, url, canonical_url, title, text, summary, published_at, kind, -1 AS in_window"
        f" FROM articles WHERE id IN ({marks})",
        tuple(article_ids),
    )
    return evidence_from_rows(rows, as_of=as_of, window_hours=window_hours)


def evidence_from_rows(rows: list[Any], *, as_of: dt.datetime | None, window_hours: int) -> RunEvidence:
    ev = RunEvidence(as_of=as_of, window_hours=window_hours)
    for row in rows:
        keys = row.keys()
        text = row["text"] or ""
        if "summary" in keys and row["summary"] and row["summary"] not in text:
            text = f"{row['summary']}\n{text}"
        in_window = row["in_window"] if "in_window" in keys else -1
        art = SourceArticle(
            article_id=row["id"],
            url=row["url"],
            title=row["title"] or "",
            text=text,
            published_at=_parse_time(row["published_at"]),
            kind=row["kind"],
            in_window=None if in_window in (-1, None) else bool(in_window),
        )
        ev.articles[canonical_url(row["url"])] = art
        if "canonical_url" in keys and row["canonical_url"]:
            ev.articles[canonical_url(row["canonical_url"])] = art
    return ev


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
