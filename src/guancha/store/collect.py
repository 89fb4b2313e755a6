"""SQL for collection: watchers and sources, collections, fetches, validators, blobs, articles, duplicate
groups, sightings, source health and the used-URL ledger.

Writes that belong together go through one transaction or write-batch unit owned by the caller (one per
article), so an interrupted collection leaves whole articles or none. Every insert is keyed by content so
running again is idempotent.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guancha.store.db import Database, content_key, utcnow

# --------------------------------------------------------------------------- watchers and sources


def upsert_watcher(db: Database, watcher_id: str, title: str, spec_path: str | None, spec_hash: str) -> None:
    now = utcnow()
    db.execute(
        "INSERT INTO watchers(id, title, spec_path, spec_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET title = excluded.title, spec_path = COALESCE(excluded.spec_path, watchers.spec_path),"
        " spec_hash = excluded.spec_hash, updated_at = excluded.updated_at",
        (watcher_id, title, spec_path, spec_hash, now, now),
    )


def source_id(watcher_id: str, kind: str, target: str) -> str:
    return content_key(watcher_id, kind, target)


def upsert_source(db: Database, watcher_id: str, kind: str, target: str, label: str | None) -> str:
    sid = source_id(watcher_id, kind, target)
    db.execute(
        "INSERT INTO sources(id, watcher_id, kind, target, label, created_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET label = excluded.label",
        (sid, watcher_id, kind, target, label, utcnow()),
    )
    return sid


# --------------------------------------------------------------------------- collections


def running_collections(db: Database, watcher_id: str | None = None) -> list[sqlite3.Row]:
    """Collections whose row says 'running' (of one watcher, or of all), oldest first."""
    where, params = ("AND watcher_id = ?", (watcher_id,)) if watcher_id is not None else ("", ())
    return db.query(f"SELECT id, watcher_id, started_at FROM collections WHERE status = 'running' {where}"
                    " ORDER BY started_at, id", params)


def mark_interrupted(db: Database, collection_id: str, reason: str) -> bool:
    """A collection whose process is gone: failed, with why, and its unfinished source runs with it (the
    articles it stored are kept). False when it was no longer running (another process got there first)."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            "UPDATE collections SET status = 'failed', finished_at = ?, summary_json = ? WHERE id = ? AND status = 'running'",
            (now, json.dumps({"error": f"interrupted: {reason}", "interrupted": True}, ensure_ascii=False), collection_id),
        )
        if cur.rowcount == 0:
            return False
        cur.execute("UPDATE source_runs SET status = 'failed', finished_at = ? WHERE collection_id = ? AND status = 'running'",
                    (now, collection_id))
    return True


def start_collection(db: Database, collection_id: str, watcher_id: str, as_of: str, window_hours: int) -> None:
    db.execute(
        "INSERT INTO collections(id, watcher_id, as_of, window_hours, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')",
        (collection_id, watcher_id, as_of, window_hours, utcnow()),
    )


def finish_collection(db: Database, collection_id: str, status: str, summary: dict[str, Any]) -> None:
    db.execute(
        "UPDATE collections SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?",
        (status, utcnow(), json.dumps(summary, ensure_ascii=False, default=str), collection_id),
    )


def start_source_run(db: Database | sqlite3.Cursor, collection_id: str, sid: str) -> None:
    db.execute(
        "INSERT INTO source_runs(collection_id, source_id, status, started_at) VALUES (?, ?, 'running', ?)"
        " ON CONFLICT(collection_id, source_id) DO NOTHING",
        (collection_id, sid, utcnow()),
    )


def finish_source_run(
    db: Database | sqlite3.Cursor, collection_id: str, sid: str, status: str, items_seen: int, items_new: int, errors: list[dict[str, Any]]
) -> None:
    db.execute(
        "UPDATE source_runs SET status = ?, items_seen = ?, items_new = ?, errors_json = ?, finished_at = ?"
        " WHERE collection_id = ? AND source_id = ?",
        (status, items_seen, items_new, json.dumps(errors, ensure_ascii=False) if errors else None, utcnow(),
         collection_id, sid),
    )


# --------------------------------------------------------------------------- fetches, validators, blobs


def record_fetch(db: Database | sqlite3.Cursor, collection_id: str | None, result: Any) -> int:
    """One ``fetches`` row from a ``guancha.collect.fetch.FetchResult``; returns its id."""
    cur = db.execute(
        "INSERT INTO fetches(collection_id, source_id, url, final_url, purpose, status_code, bytes, truncated,"
        " not_modified, conditional, attempts, error_kind, error, started_at, elapsed_ms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            collection_id,
            result.source_id,
            result.url,
            result.final_url,
            result.purpose,
            result.status,
            len(result.body),
            int(result.truncated),
            int(result.not_modified),
            int(result.conditional),
            result.attempts,
            result.error_kind,
            result.error,
            result.started_at,
            result.elapsed_ms,
        ),
    )
    return int(cur.lastrowid or 0)


def mark_fetch(db: Database | sqlite3.Cursor, fetch_id: int, error_kind: str, error: str) -> None:
    """A fetch that worked at the HTTP level but whose document was unusable (parse-error, ...)."""
    db.execute("UPDATE fetches SET error_kind = ?, error = ? WHERE id = ?", (error_kind, error, fetch_id))


def get_validators(db: Database, url: str) -> sqlite3.Row | None:
    return db.one(
        "SELECT v.etag, v.last_modified, v.blob_hash, b.content_type FROM http_validators v"
        " LEFT JOIN blobs b ON b.hash = v.blob_hash WHERE v.url = ?",
        (url,),
    )


def save_validators(db: Database | sqlite3.Cursor, url: str, etag: str | None, last_modified: str | None, blob_hash: str | None) -> None:
    db.execute(
        "INSERT INTO http_validators(url, etag, last_modified, blob_hash, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
        " blob_hash = excluded.blob_hash, updated_at = excluded.updated_at",
        (url, etag, last_modified, blob_hash, utcnow()),
    )


def blob_hash(data: bytes) -> str:
    return content_key(data, length=64)


def put_blob(cur: sqlite3.Cursor | Database, data: bytes, content_type: str | None) -> str:
    key = blob_hash(data)
    cur.execute(
        "INSERT INTO blobs(hash, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING",
        (key, content_type, len(data), zlib.compress(data, 6), utcnow()),
    )
    return key


def get_blob(db: Database, key: str) -> bytes | None:
    row = db.one("SELECT data FROM blobs WHERE hash = ?", (key,))
    return zlib.decompress(row["data"]) if row is not None else None


# --------------------------------------------------------------------------- articles


@dataclass
class ArticleRow:
    id: str
    canonical_url: str
    url: str
    kind: str
    title: str | None
    author: str | None
    outlet: str | None
    published_at: str | None
    published_precision: str | None
    published_via: str
    text: str
    summary: str | None
    text_via: str
    language: str | None
    raw_hash: str | None
    content_hash: str
    encoding_declared: str | None
    encoding_used: str | None
    text_repairs: list[str]
    truncated: bool
    meta: dict[str, Any]
    source_id: str
    first_collection_id: str


def article_for_urls(db: Database | sqlite3.Cursor, urls: Iterable[str]) -> str | None:
    for url in urls:
        row = db.execute("SELECT article_id FROM article_urls WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return str(row[0])
    return None


def add_article_urls(cur: sqlite3.Cursor, article_id: str, urls: Iterable[tuple[str, str]]) -> None:
    for url, via in urls:
        cur.execute(
            "INSERT INTO article_urls(url, article_id, via) VALUES (?, ?, ?) ON CONFLICT(url) DO NOTHING",
            (url, article_id, via),
        )


def insert_article(cur: sqlite3.Cursor, row: ArticleRow) -> None:
    now = utcnow()
    cur.execute(
        "INSERT INTO articles(id, canonical_url, url, kind, title, author, outlet, published_at, published_precision,"
        " published_via, text, summary, text_via, language, raw_hash, content_hash, encoding_declared, encoding_used,"
        " text_repairs, truncated, dup_group, dup_kind, dup_similarity, meta_json, source_id, first_collection_id,"
        " first_seen_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'original', NULL, ?, ?, ?, ?, ?)",
        (
            row.id, row.canonical_url, row.url, row.kind, row.title, row.author, row.outlet, row.published_at,
            row.published_precision, row.published_via, row.text, row.summary, row.text_via, row.language,
            row.raw_hash, row.content_hash, row.encoding_declared, row.encoding_used,
            json.dumps(row.text_repairs, ensure_ascii=False) if row.text_repairs else None,
            int(row.truncated), row.id, json.dumps(row.meta, ensure_ascii=False, default=str) if row.meta else None,
            row.source_id, row.first_collection_id, now, now,
        ),
    )


def article_dating(db: Database | sqlite3.Cursor, article_id: str) -> sqlite3.Row | None:
    return db.execute(
        "SELECT id, published_at, published_precision, first_seen_at, dup_group, content_hash, kind"
        " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()


def exact_duplicate_of(cur: sqlite3.Cursor, content_hash: str, article_id: str, kind: str) -> str | None:
    """The group original of another article with the same content hash (and kind), if any."""
    row = cur.execute(
        "SELECT dup_group FROM articles WHERE content_hash = ? AND id != ? AND kind = ? ORDER BY first_seen_at, id LIMIT 1",
        (content_hash, article_id, kind),
    ).fetchone()
    return str(row[0]) if row is not None else None


def group_of(cur: sqlite3.Cursor, article_id: str) -> str | None:
    row = cur.execute("SELECT dup_group FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row is not None and row[0] else None


def adopt_own_listing(cur: sqlite3.Cursor, article_id: str, summary: str | None, feed_outlet: str) -> bool:
    """Give an article its own site's feed listing when another site's feed listed it first (a search feed's
    teaser is about the search, not the page): the own feed's summary and name replace it. Whichever feed is
    fetched first, the article ends up the same. False when its own feed's listing is already there."""
    row = cur.execute("SELECT meta_json FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return False
    meta = json.loads(row[0]) if row[0] else {}
    if not isinstance(meta, dict) or meta.get("feed"):
        return False
    meta["feed"] = feed_outlet
    cur.execute("UPDATE articles SET summary = COALESCE(?, summary), meta_json = ?, updated_at = ? WHERE id = ?",
                (summary or None, json.dumps(meta, ensure_ascii=False, default=str), utcnow(), article_id))
    return True


def join_group(cur: sqlite3.Cursor, article_id: str, original_id: str, kind: str, similarity: float) -> None:
    cur.execute(
        "UPDATE articles SET dup_group = ?, dup_kind = ?, dup_similarity = ?, updated_at = ? WHERE id = ?",
        (original_id, kind, similarity, utcnow(), article_id),
    )


def promote_original(cur: sqlite3.Cursor, new_original: str, old_original: str, old_kind: str, similarity: float) -> None:
    """An earlier-published member arrived: it becomes the group's original, the old one a duplicate."""
    now = utcnow()
    cur.execute("UPDATE articles SET dup_group = ?, updated_at = ? WHERE dup_group = ?", (new_original, now, old_original))
    cur.execute(
        "UPDATE articles SET dup_kind = ?, dup_similarity = ?, updated_at = ? WHERE id = ?",
        (old_kind, similarity, now, old_original),
    )
    cur.execute(
        "UPDATE articles SET dup_group = ?, dup_kind = 'original', dup_similarity = NULL, updated_at = ? WHERE id = ?",
        (new_original, now, new_original),
    )


def save_minhash(cur: sqlite3.Cursor, article_id: str, num_perm: int, signature: bytes) -> None:
    cur.execute(
        "INSERT INTO article_minhash(article_id, num_perm, signature) VALUES (?, ?, ?) ON CONFLICT(article_id) DO NOTHING",
        (article_id, num_perm, signature),
    )


def minhash_of(cur: sqlite3.Cursor | Database, article_id: str) -> bytes | None:
    row = cur.execute("SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,)).fetchone()
    return bytes(row[0]) if row is not None else None


def recent_minhashes(db: Database, since: str, num_perm: int) -> list[tuple[str, bytes]]:
    """Signatures of articles published (or, undated, first seen) since ``since``, oldest first."""
    rows = db.query(
        "SELECT m.article_id, m.signature FROM article_minhash m JOIN articles a ON a.id = m.article_id"
        " WHERE m.num_perm = ? AND COALESCE(a.published_at, a.first_seen_at) >= ?"
        " ORDER BY a.first_seen_at, a.id",
        (num_perm, since),
    )
    return [(str(r[0]), bytes(r[1])) for r in rows]


def upsert_sighting(
    cur: sqlite3.Cursor | Database, watcher_id: str, article_id: str, sid: str, collection_id: str, in_window: int | None
) -> None:
    now = utcnow()
    cur.execute(
        "INSERT INTO sightings(watcher_id, article_id, source_id, collection_id, in_window, first_seen_at, last_seen_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(watcher_id, article_id, source_id) DO UPDATE SET"
        " collection_id = excluded.collection_id, in_window = excluded.in_window, last_seen_at = excluded.last_seen_at",
        (watcher_id, article_id, sid, collection_id, in_window, now, now),
    )


# --------------------------------------------------------------------------- reading back


def collection_articles(db: Database, collection_id: str) -> list[sqlite3.Row]:
    """The articles a collection saw, each once, with its window status and the sources that carried it."""
    return db.query(
        "SELECT a.*, MAX(s.in_window) AS in_window, GROUP_CONCAT(s.source_id) AS source_ids"
        " FROM sightings s JOIN articles a ON a.id = s.article_id WHERE s.collection_id = ?"
        " GROUP BY a.id ORDER BY a.published_at IS NULL, a.published_at DESC, a.id",
        (collection_id,),
    )


def latest_collection(db: Database, watcher_id: str) -> str | None:
    row = db.one(
        "SELECT id FROM collections WHERE watcher_id = ? AND status = 'done'"
        # two collections can start and finish in one second (times are to the second): the one inserted last is the
        # latest, not the one whose random id sorts last
        " ORDER BY started_at DESC, rowid DESC LIMIT 1",
        (watcher_id,),
    )
    return str(row["id"]) if row is not None else None


# --------------------------------------------------------------------------- summaries


def collection_counts(db: Database, collection_id: str) -> dict[str, int]:
    """Counts over the articles this collection saw (each article once, however many sources saw it)."""
    row = db.one(
        "WITH seen AS ("
        "  SELECT article_id, MAX(in_window) AS in_window, COUNT(*) - COUNT(in_window) AS undated_sightings"
        "  FROM sightings WHERE collection_id = ? GROUP BY article_id)"
        " SELECT COUNT(*) AS seen,"
        "  SUM(CASE WHEN a.first_collection_id = ? THEN 1 ELSE 0 END) AS new,"
        "  SUM(CASE WHEN a.kind = 'paper' THEN 1 ELSE 0 END) AS papers,"
        "  SUM(CASE WHEN s.in_window = 1 THEN 1 ELSE 0 END) AS in_window,"
        "  SUM(CASE WHEN s.in_window = 0 THEN 1 ELSE 0 END) AS out_of_window,"
        "  SUM(CASE WHEN s.in_window IS NULL THEN 1 ELSE 0 END) AS undated,"
        "  SUM(CASE WHEN a.dup_kind = 'exact' THEN 1 ELSE 0 END) AS dup_exact,"
        "  SUM(CASE WHEN a.dup_kind = 'near' THEN 1 ELSE 0 END) AS dup_near,"
        "  SUM(a.truncated) AS truncated,"
        "  SUM(CASE WHEN a.text_repairs IS NOT NULL THEN 1 ELSE 0 END) AS repaired,"
        "  SUM(CASE WHEN a.text_via = 'feed-summary' THEN 1 ELSE 0 END) AS from_summary"
        " FROM seen s JOIN articles a ON a.id = s.article_id",
        (collection_id, collection_id),
    )
    fetch = db.one(
        "SELECT COUNT(*) AS fetches, SUM(CASE WHEN error_kind IS NOT NULL THEN 1 ELSE 0 END) AS errors,"
        " SUM(not_modified) AS not_modified, SUM(conditional) AS conditional, SUM(bytes) AS bytes"
        " FROM fetches WHERE collection_id = ?",
        (collection_id,),
    )
    out = {k: int(v or 0) for k, v in dict(row).items()} if row is not None else {}
    out.update({f"fetch_{k}": int(v or 0) for k, v in dict(fetch).items()} if fetch is not None else {})
    return out


def source_health(db: Database, watcher_id: str, current: list[str] | None = None) -> list[dict[str, Any]]:
    """Each source of a watcher with its history: last success, last error, items seen, fetches.

    ``current`` (source ids of the spec as it is now) puts those first, in spec order, and marks the others
    as retired."""
    rows = db.query("SELECT id, kind, target, label, created_at FROM sources WHERE watcher_id = ? ORDER BY created_at, id",
                    (watcher_id,))
    if current is not None:
        order = {sid: i for i, sid in enumerate(current)}
        rows.sort(key=lambda r: order.get(r["id"], len(order)))
    out: list[dict[str, Any]] = []
    for src in rows:
        sid = src["id"]
        runs = db.query(
            "SELECT r.status, r.items_seen, r.items_new, r.errors_json, r.started_at, r.finished_at, c.as_of"
            " FROM source_runs r JOIN collections c ON c.id = r.collection_id"
            " WHERE r.source_id = ? ORDER BY r.started_at DESC",
            (sid,),
        )
        last_ok = next((r for r in runs if r["status"] in ("ok", "partial")), None)
        last_err_run = next((r for r in runs if r["errors_json"]), None)
        last_error = None
        if last_err_run is not None:
            errors = json.loads(last_err_run["errors_json"])
            last_error = {"at": last_err_run["finished_at"] or last_err_run["started_at"], "count": len(errors), **errors[0]}
        fetches = db.one(
            "SELECT COUNT(*) AS n, SUM(CASE WHEN error_kind IS NOT NULL THEN 1 ELSE 0 END) AS failed,"
            " MAX(started_at) AS last FROM fetches WHERE source_id = ?",
            (sid,),
        )
        items = db.one("SELECT COUNT(DISTINCT article_id) AS n FROM sightings WHERE source_id = ?", (sid,))
        out.append(
            {
                "id": sid,
                "kind": src["kind"],
                "target": src["target"],
                "label": src["label"],
                "in_spec": current is None or sid in current,
                "runs": len(runs),
                "last_status": runs[0]["status"] if runs else None,
                "history": [r["status"] for r in runs[:10]],
                "last_success_at": (last_ok["finished_at"] or last_ok["started_at"]) if last_ok else None,
                "last_error": last_error,
                "items_seen": int(items["n"] or 0) if items else 0,
                "fetch_count": int(fetches["n"] or 0) if fetches else 0,
                "fetch_failures": int(fetches["failed"] or 0) if fetches else 0,
                "last_fetch_at": fetches["last"] if fetches else None,
            }
        )
    return out


# --------------------------------------------------------------------------- the used-URL ledger
