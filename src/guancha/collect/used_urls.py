"""The used-URL ledger: URLs a watcher has already published, which later reports must not reuse.

The one API for it: selection asks ``used_urls`` which sources are spent, finalising calls
``record_used_in`` inside its transaction, and ``is_used`` answers for one URL. Lookups go through
canonical URLs and through every URL an article is known by, so a tracking parameter, a redirect or a
rel=canonical cannot smuggle a used source back in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from guancha.collect.urls import canonical_url
from guancha.store import Database
from guancha.store import collect as collect_store
from guancha.store import used_urls as store


def _aliases(db: Database, url: str) -> list[str]:
    canon = canonical_url(url)
    article_id = collect_store.article_for_urls(db, [canon])
    if article_id is None:
        return [canon]
    rows = db.query("SELECT url FROM article_urls WHERE article_id = ?", (article_id,))
    return [canon, *(str(r[0]) for r in rows if r[0] != canon)]


def is_used(db: Database, watcher_id: str, url: str) -> bool:
    """True when ``url`` (or another URL of the same article) is in the watcher's ledger."""
    return any(store.has(db, watcher_id, alias) for alias in _aliases(db, url))


def used_urls(db: Database, watcher_id: str, *, before_date: str | None = None) -> set[str]:
    """Every canonical URL in the watcher's ledger (only reports dated before ``before_date``, if given:
    re-running a day must not count that day's own report)."""
    return store.urls(db, watcher_id, before_date=before_date)


def record_used(db: Database, watcher_id: str, url: str, *, report_id: str, report_date: str) -> bool:
    """Add a published URL (canonicalised) to the ledger; False when it was already there."""
    return store.record(db, watcher_id, [canonical_url(url)], report_id=report_id, report_date=report_date) == 1


def record_used_in(cur: sqlite3.Cursor, watcher_id: str, urls: Iterable[str], *, report_id: str,
                   report_date: str) -> int:
    """Add a report's cited URLs inside the caller's transaction (finalising); returns how many were new."""
    return store.record(cur, watcher_id, sorted({canonical_url(u) for u in urls}), report_id=report_id,
                        report_date=report_date)
