"""SQL for heuristic evidence (migration 009): candidates from the monitor stage, verdicts given to them,
and the status changes they caused. Writers take a cursor inside the caller's transaction; readers take the
Database. Rows in, rows out: the rules that turn evidence into a status live in guancha.knowledge.monitor."""

from __future__ import annotations

import sqlite3
from typing import Any

from guancha.store.db import Database, utcnow


def insert_candidate(
    cur: sqlite3.Cursor, *, heuristic_id: str, heuristic_version: int, watcher_id: str | None, run_id: str | None,
    article_id: str, url: str, matched: str, proposed: str, quote: str, score: float,
) -> int | None:
    """Add a candidate; None when this heuristic already has evidence from this article (idempotent)."""
    cur.execute(
        "INSERT INTO heuristic_evidence(heuristic_id, kind, note, url, observed_at, watcher_id, run_id, article_id,"
        " heuristic_version, matched, quote, score, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')"
        " ON CONFLICT(heuristic_id, article_id) WHERE article_id IS NOT NULL DO NOTHING",
        (heuristic_id, proposed, quote, url, utcnow(), watcher_id, run_id, article_id, heuristic_version, matched,
         quote, round(score, 4)),
    )
    if cur.rowcount == 0:
        return None
    return int(cur.lastrowid or 0)


def evidence_id_for(cur: sqlite3.Cursor, heuristic_id: str, article_id: str) -> int | None:
    row = cur.execute("SELECT id FROM heuristic_evidence WHERE heuristic_id = ? AND article_id = ?",
                      (heuristic_id, article_id)).fetchone()
    return int(row[0]) if row else None


def decide(cur: sqlite3.Cursor, evidence_id: int, *, verdict: str, decided_by: str, reason: str | None,
           quote: str | None = None) -> None:
    """Record a verdict (appended to the decisions) and show it on the evidence row. ``quote``: the sentence
    the verdict rests on, when it is another sentence of the article (the candidate's stays in ``note``)."""
    now = utcnow()
    cur.execute("INSERT INTO heuristic_evidence_decisions(evidence_id, verdict, decided_by, reason, at)"
                " VALUES (?, ?, ?, ?, ?)", (evidence_id, verdict, decided_by, reason, now))
    cur.execute("UPDATE heuristic_evidence SET verdict = ?, decided_by = ?, reason = ?, decided_at = ?,"
                " quote = COALESCE(?, quote) WHERE id = ?", (verdict, decided_by, reason, now, quote, evidence_id))


def evidence_row(db: Database, evidence_id: int) -> sqlite3.Row | None:
    return db.one("SELECT * FROM heuristic_evidence WHERE id = ?", (evidence_id,))


def evidence_rows(db: Database, *, heuristic_id: str | None = None, verdict: str | None = None,
                  run_id: str | None = None) -> list[sqlite3.Row]:
    """Evidence with article_id (monitor evidence), oldest first."""
    sql = "SELECT * FROM heuristic_evidence WHERE article_id IS NOT NULL"
    params: list[Any] = []
    if heuristic_id:
        sql += " AND heuristic_id = ?"
        params.append(heuristic_id)
    if verdict:
        sql += " AND verdict = ?"
        params.append(verdict)
    if run_id:
        sql += " AND run_id = ?"
        params.append(run_id)
    return db.query(sql + " ORDER BY id", tuple(params))


def decided_rows_in(cur: sqlite3.Cursor, heuristic_id: str) -> list[sqlite3.Row]:
    """Decided evidence of a heuristic in decision order, read inside a transaction."""
    rows: list[sqlite3.Row] = cur.execute(
        "SELECT * FROM heuristic_evidence WHERE heuristic_id = ? AND verdict IN ('supports', 'challenges', 'breaks')"
        " ORDER BY decided_at, id", (heuristic_id,)).fetchall()
    return rows


def decision_rows(db: Database, evidence_id: int) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM heuristic_evidence_decisions WHERE evidence_id = ? ORDER BY id", (evidence_id,))


def status_of(cur: sqlite3.Cursor, heuristic_id: str) -> str | None:
    row = cur.execute("SELECT status FROM heuristics WHERE id = ?", (heuristic_id,)).fetchone()
    return str(row[0]) if row else None


def change_status(cur: sqlite3.Cursor, heuristic_id: str, *, from_status: str, to_status: str,
                  evidence_id: int | None, run_id: str | None, reason: str) -> None:
    """Move a heuristic's status and append the change to its history (and the KB's event trail)."""
    now = utcnow()
    cur.execute("UPDATE heuristics SET status = ?, updated_at = ? WHERE id = ?", (to_status, now, heuristic_id))
    cur.execute("INSERT INTO heuristic_status_changes(heuristic_id, from_status, to_status, evidence_id, run_id,"
                " reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (heuristic_id, from_status, to_status, evidence_id, run_id, reason, now))
    cur.execute("INSERT INTO heuristic_events(heuristic_id, event, detail, at) VALUES (?, ?, ?, ?)",
                (heuristic_id, to_status, reason, now))


def record_status_change(cur: sqlite3.Cursor, heuristic_id: str, *, to_status: str, reason: str) -> None:
    """Append a change made by a person (retire, merge) to the status history; the caller sets the status."""
    current = status_of(cur, heuristic_id)
    if current is None or current == to_status:
        return
    cur.execute("INSERT INTO heuristic_status_changes(heuristic_id, from_status, to_status, evidence_id, run_id,"
                " reason, at) VALUES (?, ?, ?, NULL, NULL, ?, ?)", (heuristic_id, current, to_status, reason, utcnow()))


def status_change_rows(db: Database, heuristic_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM heuristic_status_changes WHERE heuristic_id = ? ORDER BY id", (heuristic_id,))


def watched_heuristic_rows(db: Database) -> list[sqlite3.Row]:
    """Every heuristic that is not retired, with its current version's data."""
    return db.query(
        "SELECT h.id, h.watcher_id, h.status, h.current_version, h.confirmations, v.data_json"
        " FROM heuristics h JOIN heuristic_versions v ON v.heuristic_id = h.id AND v.version = h.current_version"
        " WHERE h.status != 'retired' ORDER BY h.id"
    )
