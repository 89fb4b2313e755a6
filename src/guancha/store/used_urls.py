"""SQL for the used-URL ledger (``used_urls``): URLs a watcher's finalised reports cited.

Callers go through ``guancha.collect.used_urls``, which canonicalises URLs and follows an article's other
URLs; this module only reads and writes rows. Recording takes a cursor so that finalising a report adds
its URLs in the same transaction that publishes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from guancha.store.db import Database, utcnow

_INSERT = ("INSERT INTO used_urls(watcher_id, canonical_url, report_id, report_date, added_at)"
           " VALUES (?, ?, ?, ?, ?) ON CONFLICT(watcher_id, canonical_url) DO NOTHING")


def record(cur: sqlite3.Cursor | Database, watcher_id: str, canonical_urls: Iterable[str], *, report_id: str,
           report_date: str) -> int:
    """Add URLs (already canonical) to a watcher's ledger; the first use of a URL is kept. Returns how many
    were new."""
    now = utcnow()
    added = 0
    for url in canonical_urls:
        added += cur.execute(_INSERT, (watcher_id, url, report_id, report_date, now)).rowcount
    return added


def has(db: Database, watcher_id: str, canonical: str) -> bool:
    return db.one("SELECT 1 FROM used_urls WHERE watcher_id = ? AND canonical_url = ?", (watcher_id, canonical)) is not None


def urls(db: Database, watcher_id: str, *, before_date: str | None = None) -> set[str]:
    """Every URL in the watcher's ledger, or those of reports dated before ``before_date``."""
    if before_date is None:
        rows = db.query("SELECT canonical_url FROM used_urls WHERE watcher_id = ?", (watcher_id,))
    else:
        rows = db.query("SELECT canonical_url FROM used_urls WHERE watcher_id = ? AND report_date < ?",
                        (watcher_id, before_date))
    return {str(r[0]) for r in rows}


def entries(db: Database, watcher_id: str) -> list[sqlite3.Row]:
    return db.query(
        "SELECT canonical_url, report_id, report_date, added_at FROM used_urls WHERE watcher_id = ?"
        " ORDER BY report_date, canonical_url",
        (watcher_id,),
    )
