"""Typed inputs and outputs of a collection."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class CollectOptions(BaseModel):
    """Knobs of one collection that are not workspace settings."""

    model_config = ConfigDict(frozen=True)

    max_items_per_feed: int = Field(200, ge=1, description="Feed entries looked at per feed (newest first as served).")
    fetch_articles: bool | None = Field(None, description="Override every feed source's fetch_articles.")
    dedupe_lookback_days: int = Field(30, ge=0, description="Earlier articles kept in the near-duplicate index.")
    near_threshold: float = Field(0.35, gt=0, le=1, description="Estimated Jaccard of word 3-shingles.")
    respect_robots: bool | None = Field(None, description="Override settings.http.respect_robots.")


class CollectError(BaseModel):
    """A problem with one source or one of its items. ``kind`` is a stable machine-readable string."""

    source_id: str | None
    source: str | None  # the source's kind:target, for people
    url: str | None
    kind: str
    message: str
    severity: str = "error"  # error, or warning (the source still produced items)


class CollectionResult(BaseModel):
    """What one collection did. Counts cover the articles this collection saw (each once)."""

    collection_id: str
    watcher_id: str
    status: str
    as_of: dt.datetime
    window_hours: int
    started_at: str
    finished_at: str | None = None
    elapsed_s: float = 0.0

    sources_total: int = 0
    sources_ok: int = 0
    sources_partial: int = 0  # the source worked but some items or its format had problems
    sources_failed: int = 0

    fetches: int = 0
    fetch_errors: int = 0
    conditional_requests: int = 0
    not_modified: int = 0
    bytes_fetched: int = 0

    articles_seen: int = 0
    articles_new: int = 0
    articles_seen_again: int = 0
    papers: int = 0
    in_window: int = 0
    out_of_window: int = 0
    undated: int = 0
    duplicates_exact: int = 0
    duplicates_near: int = 0
    truncated: int = 0
    repaired: int = 0
    from_feed_summary: int = 0

    errors: list[CollectError] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "done" and (self.sources_total == 0 or self.sources_ok + self.sources_partial > 0)


class ProgressUpdate(BaseModel):
    """Sent to the ``progress`` callback as work is discovered and done."""

    done: int
    total: int
    message: str = ""
