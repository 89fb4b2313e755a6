"""The used-URL ledger: URLs a watcher has already published, which later reports must not reuse.

Lookups go through canonical URLs and through every URL an article is known by, so a tracking
parameter, a redirect or a rel=canonical cannot smuggle a used source back in.
"""

from __future__ import annotations

from guancha.collect.urls import canonical_url
from guancha.store import Database
from guancha.store import collect as store


def _aliases(db: Database, url: str) -> list[str]:
    canon = canonical_url(url)
    article_id = store.article_for_urls(db, [canon])
    if article_id is None:
        return [canon]
    rows = db.query("SELECT url FROM article_urls WHERE article_id = ?", (article_id,))
    return [canon, *(str(r[0]) for r in rows if r[0] != canon)]


def is_used(db: Database, watcher_id: str, url: str) -> bool:
    """True when ``url`` (or another URL of the same article) is in the watcher's ledger."""
    return any(store.ledger_has(db, watcher_id, alias) for alias in _aliases(db, url))


def used_urls(db: Database, watcher_id: str) -> set[str]:
    """Every canonical URL in the watcher's ledger."""
    return store.ledger_urls(db, watcher_id)


def record_used(db: Database, watcher_id: str, url: str, *, report_id: str, report_date: str) -> bool:
    """Add a published URL (canonicalised) to the ledger; False when it was already there."""
    return store.ledger_record(db, watcher_id, canonical_url(url), report_id, report_date)
