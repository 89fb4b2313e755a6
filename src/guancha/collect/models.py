"""Typed inputs and outputs of a collection."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CollectOptions(BaseModel):
    """Knobs of one collection that are not workspace settings."""

    model_config = ConfigDict(frozen=True)

    max_items_per_feed: int = Field(200, ge=1, description="Feed entries looked at per feed (newest first as served).")
    fetch_articles: bool | None = Field(None, description="Override every feed source's fetch_articles.")
    dedupe_lookback_days: int = Field(30, ge=0, description="Earlier articles kept in the near-duplicate index.")
    near_threshold: float = Field(0.35, gt=0, le=1, description="Estimated Jaccard of word 3-shingles.")
    respect_robots: bool | None = Field(None, description="Override settings.http.respect_robots.")
    extract_processes: int | None = Field(
        None, ge=0, le=64,
        description="Worker processes that extract pages on a busy day (None: the workspace's "
                    "limits.extract_processes; 0: extract in this process only).")
    extract_pool_after: int = Field(
        64, ge=0, description="Pages extracted in this process before the workers start (a start costs ~0.3 s).")


class CollectError(BaseModel):
    """A problem with one source or one of its items. ``kind`` is a stable machine-readable string."""

    source_id: str | None
    source: str | None  # the source's kind:target, for people
    url: str | None
    kind: str
    message: str
    severity: str = "error"  # error, or warning (the source still produced items)
    fix: str | None = None  # what a person can do about it


# What a person can do about each kind of problem (shown with the error).
FIXES: dict[str, str] = {
    "http-404": "the link is dead: if it is a source in the spec, correct or remove it",
    "http-410": "the page was removed: remove it from the spec if it is a source",
    "http-401": "the site wants a login; guancha does not log in: use the site's public feed instead",
    "http-403": "the site refuses guancha: check it allows crawlers, or use its feed",
    "http-429": "the site is rate-limiting: raise http.per_host_delay_s in guancha.yaml",
    "http-5xx": "the site has a server problem: it is retried next run; check it if it persists",
    "blocked-scheme": "only http(s) links are fetched; nothing to do unless the source itself is wrong",
    "invalid-url": "the link is not a valid URL (a space or a control character in it): correct the source, or tell "
                   "the site whose page links it",
    "collection-deadline": "the source was too slow for http.collection_deadline_s; raise it or drop the source",
    "blocked-private": "the address is private; add it to http.allow_private_hosts only if you trust it",
    "robots-disallowed": "the site asked crawlers to stay away: use its feed, or drop the source",
    # robots-disallowed because robots.txt itself could not be fetched (RFC 9309: assume disallowed)
    "robots-unread": "the site's robots.txt could not be fetched: check the site is up and the URL and network are "
                     "right; it is tried again next run",
    "timeout": "the site was too slow: try again later or raise http.timeout_s",
    "connect-error": "the site could not be reached: check the URL and your network",
    "network-error": "the connection broke: try again later",
    "dns-error": "the host name does not resolve: check the URL for typos",
    "bad-encoding": "the site sent a compressed answer that cannot be read (broken, or compressed past reason): "
                    "tell the site owner; it is tried again next run",
    "too-many-redirects": "the URL redirects in circles: use the final URL in the spec",
    "parse-error": "the URL does not return a feed: find the site's RSS/Atom link",
    "skipped-entry": "the arXiv answer has entries whose <id> is not an '/abs/<arXiv id>' URL: check the endpoint",
    "malformed-feed": "the feed is broken XML; the readable entries were kept: tell the site owner",
    "too-large": "the response was cut at http.max_bytes: raise it if the content matters",
    "too-many-items": "the feed lists more entries than are read (the first as served): if the rest matter, use "
                      "a feed of one section of the site, or a search feed",
    "unsupported-content": "the URL is not a web page (e.g. a PDF): point the source at an HTML page",
    "config-error": "correct guancha.yaml or the watcher spec as the message says",
    "internal-error": "a bug in guancha: please report it with this message",
}


def fix_for(kind: str, message: str) -> str | None:
    """What a person can do about a problem of ``kind`` (``FIXES``), told by ``message``: a page refused because its
    site's robots.txt could not be fetched (RFC 9309 says assume disallowed) was a site that "asked crawlers to stay
    away", when no site had asked anything (the port was closed)."""
    if kind == "robots-disallowed" and "robots.txt could not be read" in message:
        return FIXES["robots-unread"]
    return FIXES.get(kind) or (FIXES["http-5xx"] if kind.startswith("http-5") else None)


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
    extracted_in_workers: int = 0  # pages extracted by worker processes (a busy collection's)
    extraction_worker_cpu_s: float = 0.0  # the CPU those workers spent, beside this process's own
    extraction_note: str | None = None  # why the workers were given up, when they were

    errors: list[CollectError] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "done" and (self.sources_total == 0 or self.sources_ok + self.sources_partial > 0)


class ProgressUpdate(BaseModel):
    """Sent to the ``progress`` callback as work is discovered and done."""

    done: int
    total: int
    message: str = ""


class StoredArticle(BaseModel):
    """An article as stored, read back for later stages (selection, writing, checks)."""

    id: str
    canonical_url: str
    url: str
    kind: str  # article or paper
    title: str | None
    author: str | None
    outlet: str | None
    published_at: dt.datetime | None
    published_precision: str | None
    published_via: str
    text: str
    summary: str | None
    text_via: str
    language: str | None
    content_hash: str
    dup_group: str | None
    dup_kind: str | None
    dup_similarity: float | None
    truncated: bool
    text_repairs: list[str] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)
    in_window: bool | None  # None: undated
    source_ids: list[str] = Field(default_factory=list)

    @property
    def is_original(self) -> bool:
        return self.dup_kind in (None, "original")
