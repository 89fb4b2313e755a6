"""Queries for publishing: email subscribers and the delivery ledger.

A delivery is keyed by (report version, channel, recipient) and moves pending -> sending -> sent | failed |
dead | cancelled. ``claim`` is a compare-and-set in its own transaction, committed before anything is sent,
so two publishers never send the same delivery and a crash leaves a visible 'sending' row (see
guancha.publish.stage for how such a row is resolved).
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guancha.store.db import Database, utcnow
from guancha.store.sendledger import claim_row, finish_row

OPEN_STATES = ("pending", "failed", "sending")


@dataclass(frozen=True)
class Subscriber:
    id: str
    watcher_id: str
    address: str
    token: str
    status: str
    reason: str | None
    created_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Subscriber:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


DAILY = "deliveries"            # the ledger of daily reports (table deliveries, rows of reports)
WEEKLY = "weekly_deliveries"    # the ledger of weekly syntheses (rows of weekly_reports)
LEDGERS = (DAILY, WEEKLY)


def _table(ledger: str) -> str:
    """The ledger's table name: one of LEDGERS, never text from outside."""
    if ledger not in LEDGERS:
        raise ValueError(f"unknown delivery ledger {ledger!r}")
    return ledger


@dataclass(frozen=True)
class Delivery:
    report_id: str
    channel: str
    recipient: str
    watcher_id: str
    state: str
    attempts: int
    next_attempt_at: str | None
    claimed_by: str | None
    claimed_at: str | None
    message_id: str | None
    label: str
    last_error: str | None
    sent_at: str | None
    ledger: str = DAILY  # the table it lives in: DAILY (reports) or WEEKLY (weekly syntheses)

    @classmethod
    def from_row(cls, row: sqlite3.Row, ledger: str = DAILY) -> Delivery:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__ if k != "ledger"}, ledger=ledger)


@dataclass(frozen=True)
class Planned:
    """One delivery a report should get: who, shown as what, with which stable message id."""

    recipient: str
    label: str
    message_id: str


# --------------------------------------------------------------------------- subscribers


def add_subscriber(db: Database, watcher_id: str, address: str) -> tuple[Subscriber, str]:
    """Subscribe ``address`` (already normalised); re-adding an unsubscribed or suspended address reactivates
    it. Returns the subscriber and what happened: added, reactivated or unchanged."""
    now = utcnow()
    with db.transaction() as cur:
        row = cur.execute("SELECT * FROM subscribers WHERE watcher_id = ? AND address = ?",
                          (watcher_id, address)).fetchone()
        if row is None:
            cur.execute(
                "INSERT INTO subscribers(id, watcher_id, address, token, status, reason, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'active', NULL, ?, ?)",
                (secrets.token_hex(8), watcher_id, address, secrets.token_urlsafe(24), now, now),
            )
            outcome = "added"
        elif row["status"] != "active":
            cur.execute("UPDATE subscribers SET status = 'active', reason = NULL, updated_at = ? WHERE id = ?",
                        (now, row["id"]))
            outcome = "reactivated"
        else:
            outcome = "unchanged"
        row = cur.execute("SELECT * FROM subscribers WHERE watcher_id = ? AND address = ?",
                          (watcher_id, address)).fetchone()
    return Subscriber.from_row(row), outcome


def unsubscribe(db: Database, *, watcher_id: str | None = None, address: str | None = None,
                token: str | None = None, reason: str = "removed") -> Subscriber | None:
    """Mark a subscriber unsubscribed (by watcher + address, or by token); its open deliveries are cancelled."""
    if token is not None:
        row = db.one("SELECT * FROM subscribers WHERE token = ?", (token,))
    else:
        row = db.one("SELECT * FROM subscribers WHERE watcher_id = ? AND address = ?", (watcher_id, address))
    if row is None:
        return None
    set_subscriber_status(db, row["id"], "unsubscribed", reason)
    return get_subscriber(db, row["id"])


def set_subscriber_status(db: Database, subscriber_id: str, status: str, reason: str | None) -> None:
    now = utcnow()
    with db.transaction() as cur:
        cur.execute("UPDATE subscribers SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
                    (status, reason, now, subscriber_id))
        if status != "active":
            cur.execute("UPDATE deliveries SET state = 'cancelled', last_error = ?, updated_at = ?"
                        " WHERE channel = 'email' AND recipient = ? AND state IN ('pending', 'failed')",
                        (f"subscriber {status}", now, subscriber_id))


def subscribers(db: Database, watcher_id: str | None = None, *, status: str | None = None) -> list[Subscriber]:
    sql = "SELECT * FROM subscribers WHERE 1 = 1"
    params: list[str] = []
    if watcher_id is not None:
        sql += " AND watcher_id = ?"
        params.append(watcher_id)
    if status is not None:
        sql += " AND status = ?"
        params.append(status)
    return [Subscriber.from_row(r) for r in db.query(sql + " ORDER BY watcher_id, created_at, rowid", tuple(params))]


def get_subscriber(db: Database, subscriber_id: str) -> Subscriber | None:
    row = db.one("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,))
    return Subscriber.from_row(row) if row is not None else None


# --------------------------------------------------------------------------- the ledger


def plan(db: Database, *, report_id: str, watcher_id: str, channel: str, planned: Iterable[Planned],
         ledger: str = DAILY) -> int:
    """Record the deliveries a report should get; existing ones (any state) are left alone. Returns how many
    were new."""
    now = utcnow()
    rows = [(report_id, channel, p.recipient, watcher_id, now, p.message_id, p.label, now, now) for p in planned]
    with db.transaction() as cur:
        cur.executemany(
            f"INSERT INTO {_table(ledger)}(report_id, channel, recipient, watcher_id, state, attempts, next_attempt_at,"
            " message_id, label, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)"
            " ON CONFLICT(report_id, channel, recipient) DO NOTHING",
            rows,
        )
        return max(cur.rowcount, 0)


def open_deliveries(db: Database, *, report_ids: Iterable[str] | None = None, watcher_id: str | None = None,
                    channel: str | None = None, ledger: str = DAILY) -> list[Delivery]:
    """Deliveries not finished yet (pending, failed, sending), oldest first; the caller decides which are due."""
    sql = f"SELECT * FROM {_table(ledger)} WHERE state IN ({', '.join('?' * len(OPEN_STATES))})"
    params: list[str] = list(OPEN_STATES)
    if report_ids is not None:
        ids = list(report_ids)
        if not ids:
            return []
        sql += f" AND report_id IN ({', '.join('?' * len(ids))})"
        params.extend(ids)
    if watcher_id is not None:
        sql += " AND watcher_id = ?"
        params.append(watcher_id)
    if channel is not None:
        sql += " AND channel = ?"
        params.append(channel)
    sql += " ORDER BY created_at, report_id, channel, rowid"
    return [Delivery.from_row(r, ledger) for r in db.query(sql, tuple(params))]


def _key(d: Delivery) -> dict[str, str]:
    return {"report_id": d.report_id, "channel": d.channel, "recipient": d.recipient}


def claim(db: Database, d: Delivery, *, claimer: str) -> bool:
    """Take ``d`` for sending if nobody changed it since it was read; committed before the send starts."""
    return claim_row(db, _table(d.ledger), _key(d), state=d.state, attempts=d.attempts, claimed_by=d.claimed_by,
                     claimer=claimer)


def _finish(db: Database, d: Delivery, claimer: str, state: str, *, error: str | None,
            next_attempt_at: str | None) -> None:
    finish_row(db, _table(d.ledger), _key(d), claimer=claimer, state=state, error=error, next_attempt_at=next_attempt_at)


def mark_sent(db: Database, d: Delivery, *, claimer: str, note: str | None = None) -> None:
    _finish(db, d, claimer, "sent", error=note, next_attempt_at=None)


def mark_failed(db: Database, d: Delivery, *, claimer: str, error: str, next_attempt_at: str | None) -> None:
    """A failure to retry at ``next_attempt_at``; None means out of attempts (dead)."""
    state = "failed" if next_attempt_at is not None else "dead"
    _finish(db, d, claimer, state, error=error, next_attempt_at=next_attempt_at)


def mark_dead(db: Database, d: Delivery, *, claimer: str, error: str) -> None:
    _finish(db, d, claimer, "dead", error=error, next_attempt_at=None)


def cancel(db: Database, d: Delivery, *, reason: str) -> None:
    """Close a delivery that must not be sent (its recipient left, its channel was removed)."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            f"UPDATE {_table(d.ledger)} SET state = 'cancelled', last_error = ?, updated_at = ? WHERE report_id = ?"
            " AND channel = ? AND recipient = ? AND state = ? AND attempts = ?",
            (reason, now, d.report_id, d.channel, d.recipient, d.state, d.attempts),
        )


def deliveries_for(db: Database, report_id: str, ledger: str = DAILY) -> list[Delivery]:
    rows = db.query(f"SELECT * FROM {_table(ledger)} WHERE report_id = ? ORDER BY channel, rowid", (report_id,))
    return [Delivery.from_row(r, ledger) for r in rows]


def state_counts(db: Database, watcher_id: str | None = None) -> dict[str, int]:
    """Deliveries by state, dailies and weeklies together."""
    counts: dict[str, int] = {}
    for ledger in LEDGERS:
        sql = f"SELECT state, COUNT(*) AS n FROM {_table(ledger)}"
        params: tuple[str, ...] = ()
        if watcher_id is not None:
            sql += " WHERE watcher_id = ?"
            params = (watcher_id,)
        for r in db.query(sql + " GROUP BY state", params):
            counts[r["state"]] = counts.get(r["state"], 0) + int(r["n"])
    return counts


def problem_deliveries(db: Database, *, limit: int = 50) -> list[dict[str, object]]:
    """Failed (awaiting retry), dead and stuck deliveries with their report, newest first, for status."""
    rows = db.query(
        "SELECT d.*, r.report_date, r.version FROM deliveries d JOIN reports r ON r.id = d.report_id"
        " WHERE d.state IN ('failed', 'dead', 'sending') ORDER BY d.updated_at DESC, d.rowid DESC LIMIT ?",
        (limit,),
    )
    keys = ("report_id", "watcher_id", "report_date", "version", "channel", "label", "state", "attempts",
            "next_attempt_at", "last_error", "updated_at")
    return [{k: r[k] for k in keys} for r in rows]


def overview(db: Database, *, limit: int = 20) -> dict[str, Any]:
    """For ``guancha status``: counts by state, and the failed, dead and stuck deliveries (labels masked)."""
    return {"counts": state_counts(db), "problems": problem_deliveries(db, limit=limit),
            "subscribers": {s: len(subscribers(db, status=s)) for s in ("active", "suspended")}}


__all__ = [
    "DAILY",
    "LEDGERS",
    "WEEKLY",
    "Delivery",
    "Planned",
    "Subscriber",
    "add_subscriber",
    "cancel",
    "claim",
    "deliveries_for",
    "get_subscriber",
    "mark_dead",
    "mark_failed",
    "mark_sent",
    "open_deliveries",
    "overview",
    "plan",
    "problem_deliveries",
    "set_subscriber_status",
    "state_counts",
    "subscribers",
    "unsubscribe",
]
