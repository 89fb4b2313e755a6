"""SQL for the heuristics knowledge base (tables from migration 002). Writers take a cursor inside the
caller's transaction; readers take the Database. No logic lives here beyond rows in, rows out."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from guancha.store.db import Database, utcnow


def heuristic_row(db: Database, heuristic_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM heuristics WHERE id = ?", (heuristic_id,))


def heuristic_rows(db: Database, *, status: str | None = None, watcher_id: str | None = None) -> list[sqlite3.Row]:
    sql = "SELECT * FROM heuristics WHERE 1 = 1"
    params: list[Any] = []
    if status:
        sql += " AND status = ?"
        params.append(status)
    if watcher_id:
        sql += " AND watcher_id = ?"
        params.append(watcher_id)
    return db.query(sql + " ORDER BY id", tuple(params))


def version_rows(db: Database, heuristic_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM heuristic_versions WHERE heuristic_id = ? ORDER BY version", (heuristic_id,))


def all_version_rows(db: Database) -> list[sqlite3.Row]:
    """Every version of every heuristic, by heuristic then version (listing reads them in one query)."""
    return db.query("SELECT * FROM heuristic_versions ORDER BY heuristic_id, version")


def all_evidence_rows(db: Database) -> list[sqlite3.Row]:
    """Every observation about every heuristic, by heuristic then id."""
    return db.query("SELECT * FROM heuristic_evidence ORDER BY heuristic_id, id")


def current_versions(db: Database) -> list[sqlite3.Row]:
    """Every heuristic joined with its current version's data."""
    return db.query(
        "SELECT h.*, v.data_json, v.content_key FROM heuristics h JOIN heuristic_versions v"
        " ON v.heuristic_id = h.id AND v.version = h.current_version ORDER BY h.id"
    )


def sighting_rows(db: Database, heuristic_id: str) -> list[sqlite3.Row]:
    return db.query(
        "SELECT * FROM heuristic_sightings WHERE heuristic_id = ? ORDER BY source_date, recorded_at", (heuristic_id,)
    )


def link_rows(db: Database, heuristic_id: str | None = None, kind: str | None = None) -> list[sqlite3.Row]:
    sql = "SELECT * FROM heuristic_links WHERE 1 = 1"
    params: list[Any] = []
    if heuristic_id:
        sql += " AND (a = ? OR b = ?)"
        params += [heuristic_id, heuristic_id]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    return db.query(sql + " ORDER BY similarity DESC, a, b", tuple(params))


def evidence_rows(db: Database, heuristic_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM heuristic_evidence WHERE heuristic_id = ? ORDER BY id", (heuristic_id,))


def event_rows(db: Database, heuristic_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM heuristic_events WHERE heuristic_id = ? ORDER BY id", (heuristic_id,))


def sighting_exists(cur: sqlite3.Cursor, heuristic_id: str, source_ref: str) -> bool:
    row = cur.execute(
        "SELECT 1 FROM heuristic_sightings WHERE heuristic_id = ? AND source_ref = ?", (heuristic_id, source_ref)
    ).fetchone()
    return row is not None


def version_with_key(cur: sqlite3.Cursor, heuristic_id: str, key: str) -> int | None:
    row = cur.execute(
        "SELECT version FROM heuristic_versions WHERE heuristic_id = ? AND content_key = ? ORDER BY version LIMIT 1",
        (heuristic_id, key),
    ).fetchone()
    return int(row[0]) if row else None


def latest_version(cur: sqlite3.Cursor, heuristic_id: str) -> tuple[int, str] | None:
    row = cur.execute(
        "SELECT version, data_json FROM heuristic_versions WHERE heuristic_id = ? ORDER BY version DESC LIMIT 1",
        (heuristic_id,),
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def insert_heuristic(cur: sqlite3.Cursor, heuristic_id: str, *, watcher_id: str | None, source_date: str | None) -> None:
    now = utcnow()
    cur.execute(
        "INSERT INTO heuristics(id, watcher_id, status, current_version, first_seen, last_confirmed, confirmations,"
        " created_at, updated_at) VALUES (?, ?, 'active', 1, ?, ?, 0, ?, ?)",
        (heuristic_id, watcher_id, source_date, source_date, now, now),
    )


def insert_version(
    cur: sqlite3.Cursor, heuristic_id: str, version: int, *, key: str, data_json: str, changed: list[str],
    source_ref: str | None, source_date: str | None,
) -> None:
    cur.execute(
        "INSERT INTO heuristic_versions(heuristic_id, version, content_key, data_json, changed_fields, source_ref,"
        " source_date, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (heuristic_id, version, key, data_json, json.dumps(changed), source_ref, source_date, utcnow()),
    )


def insert_sighting(
    cur: sqlite3.Cursor, heuristic_id: str, source_ref: str, *, version: int, kind: str, source_date: str | None,
    source_title: str | None,
) -> None:
    cur.execute(
        "INSERT INTO heuristic_sightings(heuristic_id, source_ref, version, kind, source_date, source_title, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (heuristic_id, source_ref, version, kind, source_date, source_title, utcnow()),
    )


def refresh_state(cur: sqlite3.Cursor, heuristic_id: str) -> None:
    """Recompute dates, confirmations and current version from the append-only tables."""
    cur.execute(
        "UPDATE heuristics SET"
        " first_seen = (SELECT MIN(source_date) FROM heuristic_sightings WHERE heuristic_id = heuristics.id),"
        " last_confirmed = (SELECT MAX(source_date) FROM heuristic_sightings WHERE heuristic_id = heuristics.id),"
        " confirmations = (SELECT COUNT(*) FROM heuristic_sightings WHERE heuristic_id = heuristics.id"
        "                  AND kind = 'reconfirmed'),"
        " current_version = (SELECT MAX(version) FROM heuristic_versions WHERE heuristic_id = heuristics.id),"
        " updated_at = ? WHERE id = ?",
        (utcnow(), heuristic_id),
    )


def insert_link(cur: sqlite3.Cursor, a: str, b: str, kind: str, similarity: float | None) -> bool:
    first, second = sorted((a, b))
    cur.execute(
        "INSERT INTO heuristic_links(a, b, kind, similarity, created_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(a, b, kind) DO NOTHING",
        (first, second, kind, similarity, utcnow()),
    )
    return cur.rowcount > 0


def set_status(cur: sqlite3.Cursor, heuristic_id: str, status: str, *, reason: str | None = None,
               merged_into: str | None = None) -> None:
    cur.execute(
        "UPDATE heuristics SET status = ?, retired_reason = COALESCE(?, retired_reason),"
        " merged_into = COALESCE(?, merged_into), updated_at = ? WHERE id = ?",
        (status, reason, merged_into, utcnow(), heuristic_id),
    )


def add_event(cur: sqlite3.Cursor, heuristic_id: str, event: str, detail: str | None) -> None:
    cur.execute(
        "INSERT INTO heuristic_events(heuristic_id, event, detail, at) VALUES (?, ?, ?, ?)",
        (heuristic_id, event, detail, utcnow()),
    )


def add_evidence(cur: sqlite3.Cursor, heuristic_id: str, kind: str, note: str, url: str | None) -> None:
    cur.execute(
        "INSERT INTO heuristic_evidence(heuristic_id, kind, note, url, observed_at) VALUES (?, ?, ?, ?, ?)",
        (heuristic_id, kind, note, url, utcnow()),
    )
