"""A run's evidence for grounding: the articles it collected, read from the store.

The data the grounding rules check a report against; kept apart from the rules so that the rule registry
can name its type without importing any rule family.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from guancha.check.text import Figure, extract_figures
from guancha.collect.urls import page_key
from guancha.store.db import Database
from guancha.timeutil import parse_iso


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
            ev.articles[page_key(a.url)] = a
        return ev

    def article(self, url: str) -> SourceArticle | None:
        return self.articles.get(page_key(url))

    def is_collected(self, url: str) -> bool:
        return page_key(url) in self.articles

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
        return parse_iso(value)
    except ValueError:
        return None


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
        ev.articles[page_key(row["url"])] = art
        if "canonical_url" in keys and row["canonical_url"]:
            ev.articles[page_key(row["canonical_url"])] = art
    return ev
