"""Queries for alarms: the worker's heartbeat, incidents and the ledger of alarm notices (migration 011).

An incident is one episode of one condition, keyed by (kind, watcher, subject): ``reconcile`` opens it the
first time an evaluation finds the condition, keeps it open (``last_seen_at``) while later evaluations still
find it, and resolves it on the first evaluation that does not. A partial unique index allows one open
incident per key, so two evaluators racing open it once. Each opened / resolved event is planned as notices
keyed (incident, event, channel, recipient) and sent with the same claim-then-send protocol as report
deliveries (guancha.store.sendledger), so a rerun never sends a notice twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from guancha.store.db import Database, content_key, utcnow
from guancha.store.sendledger import claim_row, finish_row

OPEN_STATES = ("pending", "failed", "sending")


# --------------------------------------------------------------------------- heartbeat


def record_heartbeat(db: Database, worker_id: str, now: str) -> None:
    """The worker says it is alive at ``now`` (ISO UTC): call it from ``guancha serve`` on every loop."""
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO heartbeats(worker_id, first_seen_at, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT(worker_id) DO UPDATE SET seen_at = CASE WHEN excluded.seen_at > heartbeats.seen_at"
            " THEN excluded.seen_at ELSE heartbeats.seen_at END",  # portable: no two-argument MAX in PostgreSQL
            (worker_id, now, now),
        )


def claim_dead_workers(db: Database, *, me: str, seen_before: str) -> list[str]:
    """The workers last heard from before ``seen_before`` (ISO UTC) that nobody has taken over yet, now claimed
    by ``me`` (one compare-and-set each: two live workers never both take the same dead worker's runs)."""
    claimed = []
    for row in db.query("SELECT worker_id FROM heartbeats WHERE seen_at < ? AND taken_over_by IS NULL"
                        " AND worker_id != ? ORDER BY worker_id", (seen_before, me)):
        with db.transaction() as cur:
            cur.execute("UPDATE heartbeats SET taken_over_by = ? WHERE worker_id = ? AND taken_over_by IS NULL",
                        (me, row["worker_id"]))
            if cur.rowcount == 1:
                claimed.append(str(row["worker_id"]))
    return claimed


def taken_over_by(db: Database, worker_id: str) -> str | None:
    """The live worker that claimed ``worker_id``'s runs after it went silent, or None: a worker that finds
    itself claimed was only paused, and must stop before it runs them a second time."""
    row = db.one("SELECT taken_over_by FROM heartbeats WHERE worker_id = ?", (worker_id,))
    return None if row is None or row["taken_over_by"] is None else str(row["taken_over_by"])


def first_seen(db: Database, watcher_id: str, now: str) -> str:
    """When guancha first saw ``watcher_id`` (recording ``now`` the first time it is asked): the baseline of a
    watcher that has not produced a report yet. An earlier ``now`` (a rehearsal's clock) moves it back."""
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO watchers_seen(watcher_id, first_seen_at) VALUES (?, ?) ON CONFLICT(watcher_id) DO UPDATE"
            " SET first_seen_at = CASE WHEN excluded.first_seen_at < watchers_seen.first_seen_at"
            " THEN excluded.first_seen_at ELSE watchers_seen.first_seen_at END",
            (watcher_id, now),
        )
    row = db.one("SELECT first_seen_at FROM watchers_seen WHERE watcher_id = ?", (watcher_id,))
    assert row is not None
    return str(row["first_seen_at"])


def latest_heartbeat(db: Database) -> sqlite3.Row | None:
    """The most recent heartbeat of any worker, or None when no worker ever ran here."""
    return db.one("SELECT worker_id, first_seen_at, seen_at FROM heartbeats ORDER BY seen_at DESC LIMIT 1")


# --------------------------------------------------------------------------- incidents


@dataclass(frozen=True)
class Incident:
    id: str
    kind: str
    watcher_id: str
    subject: str
    state: str
    summary: str
    detail: str
    opened_at: str
    last_seen_at: str
    resolved_at: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Incident:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.watcher_id, self.subject)

    def as_dict(self) -> dict[str, str | None]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


Key = tuple[str, str, str]


@dataclass(frozen=True)
class Condition:
    """A condition an evaluation found holding now."""

    summary: str
    detail: str = ""


def reconcile(db: Database, found: Mapping[Key, Condition], *, now: str) -> tuple[list[Incident], list[Incident]]:
    """Open an incident for each condition found that has none open, refresh the open ones still found, and
    resolve the open ones no longer found. Returns (opened, resolved). A condition whose last incident was
    resolved after ``now`` (a clock run backwards) is not reopened."""
    opened: list[str] = []
    resolved: list[str] = []
    with db.transaction() as cur:
        open_rows = {(r["kind"], r["watcher_id"], r["subject"]): r["id"]
                     for r in cur.execute("SELECT id, kind, watcher_id, subject FROM incidents WHERE state = 'open'")}
        for key, cond in sorted(found.items()):
            if key in open_rows:
                cur.execute("UPDATE incidents SET last_seen_at = CASE WHEN last_seen_at > ? THEN last_seen_at ELSE ? END,"
                            " summary = ?, detail = ? WHERE id = ?",
                            (now, now, cond.summary, cond.detail, open_rows[key]))
                continue
            later = cur.execute("SELECT 1 FROM incidents WHERE kind = ? AND watcher_id = ? AND subject = ?"
                                " AND resolved_at > ?", (*key, now)).fetchone()
            if later is not None:
                continue
            incident_id = content_key("incident", *key, now)
            cur.execute(
                "INSERT INTO incidents(id, kind, watcher_id, subject, state, summary, detail, opened_at, last_seen_at)"
                " VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (incident_id, *key, cond.summary, cond.detail, now, now),
            )
            if cur.rowcount == 1:
                opened.append(incident_id)
        for key, incident_id in open_rows.items():
            if key not in found:
                cur.execute("UPDATE incidents SET state = 'resolved', resolved_at = ? WHERE id = ? AND state = 'open'",
                            (now, incident_id))
                if cur.rowcount == 1:
                    resolved.append(incident_id)
    return [get_incident(db, i) for i in opened], [get_incident(db, i) for i in resolved]  # type: ignore[misc]


def get_incident(db: Database, incident_id: str) -> Incident | None:
    row = db.one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
    return Incident.from_row(row) if row is not None else None


def incidents(db: Database, *, state: str | None = None, watcher_id: str | None = None,
              limit: int = 200) -> list[Incident]:
    """Incidents newest first (open ones first when no state is given)."""
    sql = "SELECT * FROM incidents WHERE 1 = 1"
    params: list[str | int] = []
    if state is not None:
        sql += " AND state = ?"
        params.append(state)
    if watcher_id is not None:
        sql += " AND watcher_id = ?"
        params.append(watcher_id)
    sql += " ORDER BY state = 'resolved', opened_at DESC, rowid DESC LIMIT ?"
    params.append(limit)
    return [Incident.from_row(r) for r in db.query(sql, tuple(params))]


# --------------------------------------------------------------------------- notices


@dataclass(frozen=True)
class Notice:
    """One alarm notice row: an event of an incident on one channel to one recipient."""

    incident_id: str
    event: str
    channel: str
    recipient: str
    state: str
    attempts: int
    next_attempt_at: str | None
    claimed_by: str | None
    claimed_at: str | None
    message_id: str
    label: str
    last_error: str | None
    sent_at: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Notice:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class PlannedNotice:
    channel: str
    recipient: str
    label: str
    message_id: str


def plan_notices(db: Database, incident_id: str, event: str, planned: Iterable[PlannedNotice]) -> int:
    """Record the notices an event should get; existing rows (any state) are left alone. Returns how many
    were new."""
    now = utcnow()
    rows = [(incident_id, event, p.channel, p.recipient, now, p.message_id, p.label, now, now) for p in planned]
    with db.transaction() as cur:
        cur.executemany(
            "INSERT INTO alarm_notices(incident_id, event, channel, recipient, state, attempts, next_attempt_at,"
            " message_id, label, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)"
            " ON CONFLICT(incident_id, event, channel, recipient) DO NOTHING",
            rows,
        )
        return max(cur.rowcount, 0)


def unplanned_events(db: Database) -> list[tuple[Incident, str]]:
    """Incident events that have no notice planned yet: (incident, 'opened' | 'resolved'), oldest first."""
    out: list[tuple[Incident, str]] = []
    rows = db.query(
        "SELECT i.*, EXISTS (SELECT 1 FROM alarm_notices n WHERE n.incident_id = i.id AND n.event = 'opened') AS o,"
        " EXISTS (SELECT 1 FROM alarm_notices n WHERE n.incident_id = i.id AND n.event = 'resolved') AS r"
        " FROM incidents i ORDER BY i.opened_at, i.rowid")
    for row in rows:
        incident = Incident.from_row(row)
        if not row["o"]:
            out.append((incident, "opened"))
        if incident.state == "resolved" and not row["r"]:
            out.append((incident, "resolved"))
    return out


def open_notices(db: Database) -> list[Notice]:
    """Notices not finished yet, oldest first; an 'opened' notice always before its incident's 'resolved'."""
    rows = db.query(
        f"SELECT * FROM alarm_notices WHERE state IN ({', '.join('?' * len(OPEN_STATES))})"
        " ORDER BY created_at, event = 'resolved', incident_id, channel, rowid", OPEN_STATES)
    return [Notice.from_row(r) for r in rows]


def _key(n: Notice) -> dict[str, str]:
    return {"incident_id": n.incident_id, "event": n.event, "channel": n.channel, "recipient": n.recipient}


def claim(db: Database, n: Notice, *, claimer: str) -> bool:
    """Take ``n`` for sending if nobody changed it since it was read; committed before the send starts."""
    return claim_row(db, "alarm_notices", _key(n), state=n.state, attempts=n.attempts, claimed_by=n.claimed_by,
                     claimer=claimer)


def finish(db: Database, n: Notice, *, claimer: str, state: str, error: str | None = None,
           next_attempt_at: str | None = None) -> None:
    """Record how a claimed send ended: sent, failed (retry at ``next_attempt_at``), dead or cancelled."""
    finish_row(db, "alarm_notices", _key(n), claimer=claimer, state=state, error=error,
               next_attempt_at=next_attempt_at)


def notice_counts(db: Database) -> dict[str, int]:
    return {r["state"]: int(r["n"]) for r in db.query("SELECT state, COUNT(*) AS n FROM alarm_notices GROUP BY state")}


def notices_for(db: Database, incident_id: str) -> list[Notice]:
    rows = db.query("SELECT * FROM alarm_notices WHERE incident_id = ? ORDER BY event, channel, rowid", (incident_id,))
    return [Notice.from_row(r) for r in rows]


__all__ = [
    "Condition",
    "Incident",
    "Notice",
    "PlannedNotice",
    "claim",
    "claim_dead_workers",
    "finish",
    "first_seen",
    "get_incident",
    "incidents",
    "latest_heartbeat",
    "notice_counts",
    "notices_for",
    "open_notices",
    "plan_notices",
    "reconcile",
    "record_heartbeat",
    "taken_over_by",
    "unplanned_events",
]
