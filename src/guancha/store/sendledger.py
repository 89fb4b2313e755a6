"""The claim-then-send protocol shared by every ledger of things sent (report deliveries, alarm notices).

A row moves pending -> sending -> sent | failed | dead | cancelled. ``claim_row`` is a compare-and-set in its
own transaction, committed before anything is sent: it succeeds only if nobody changed the row since it was
read (same state, attempts and claimer), so two senders never send the same row, and a crash leaves a
visible 'sending' row. ``finish_row`` records the end of a send, only for the claimer that holds it.
Table and key column names come from this package's own callers, never from input.
"""

from __future__ import annotations

from collections.abc import Mapping

from guancha.store.db import Database, utcnow


def _where(key: Mapping[str, str]) -> str:
    return " AND ".join(f"{column} = ?" for column in key)


def claim_row(db: Database, table: str, key: Mapping[str, str], *, state: str, attempts: int,
              claimed_by: str | None, claimer: str) -> bool:
    """Take the row ``key`` of ``table`` for sending if it is still as read (``state``, ``attempts``,
    ``claimed_by``); True when this claimer got it."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            f"UPDATE {table} SET state = 'sending', attempts = attempts + 1, claimed_by = ?, claimed_at = ?,"
            f" updated_at = ? WHERE {_where(key)} AND state = ? AND attempts = ? AND COALESCE(claimed_by, '') = ?",
            (claimer, now, now, *key.values(), state, attempts, claimed_by or ""),
        )
        return cur.rowcount == 1


def finish_row(db: Database, table: str, key: Mapping[str, str], *, claimer: str, state: str,
               error: str | None, next_attempt_at: str | None) -> None:
    """Record how ``claimer``'s send of the row ``key`` ended (``sent_at`` is set when it was sent)."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            f"UPDATE {table} SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ?,"
            f" sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END"
            f" WHERE {_where(key)} AND state = 'sending' AND claimed_by = ?",
            (state, error, next_attempt_at, now, state, now, *key.values(), claimer),
        )
