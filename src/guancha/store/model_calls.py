"""SQL for the model layer: the call ledger (``model_calls``) and the response cache (``model_cache``).

Every statement is a single autocommitted write or a read, so calls from several threads sharing one
connection never interleave inside a transaction; a lock keeps writers orderly.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Literal

from guancha.store.db import Database, utcnow

_write_lock = threading.Lock()

GroupBy = Literal["watcher", "model", "stage", "day"]
# Whitelisted grouping expressions: never built from user text.
_GROUP_EXPR: dict[str, str] = {
    "watcher": "COALESCE(watcher_id, '-')",
    "model": "model",
    "stage": "COALESCE(stage, '-')",
    "day": "substr(called_at, 1, 10)",
}


@dataclass(frozen=True)
class CallRecord:
    """One row of the ledger: a call made, answered from cache, refused by a budget, or failed."""

    model: str
    provider: str
    run_id: str | None = None
    watcher_id: str | None = None
    stage: str | None = None
    cache_key: str | None = None
    cached: bool = False
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_cached: int = 0
    latency_ms: int = 0
    cost_usd: float | None = 0.0
    priced: bool = True
    attempts: int = 1
    repaired: bool = False
    output_type: str | None = None
    error_kind: str | None = None
    error: str | None = None
    called_at: str = field(default_factory=utcnow)


def record_call(db: Database, rec: CallRecord) -> int:
    """Append one call to the ledger; returns its id."""
    with _write_lock:
        cur = db.execute(*_ledger_insert(rec))
    return int(cur.lastrowid or 0)


def record_answer(db: Database, rec: CallRecord, key: str, resp: CachedResponse) -> int:
    """The ledger row of a call the provider answered and its cache entry, in one transaction; returns the row's
    id. A process killed right after the answer keeps both or neither: a resumed run (``guancha serve`` taking
    over a dead worker's run) finds the answer in the cache instead of paying for the call again, and the ledger
    never shows a paid call whose answer was lost."""
    with _write_lock, db.transaction() as cur:
        cur.execute(*_ledger_insert(rec))
        call_id = int(cur.lastrowid or 0)
        cur.execute(*_cache_insert(key, rec.model, resp))
    return call_id


def _ledger_insert(rec: CallRecord) -> tuple[str, dict[str, object]]:
    """The statement and parameters that append ``rec`` to the ledger."""
    row = asdict(rec)
    row["cached"] = int(rec.cached)
    row["priced"] = int(rec.priced)
    row["repaired"] = int(rec.repaired)
    return f"INSERT INTO model_calls ({', '.join(row)}) VALUES ({', '.join(f':{c}' for c in row)})", row


def spent_usd(
    db: Database, *, run_id: str | None = None, watcher_id: str | None = None, since: str | None = None
) -> float:
    """Dollars spent by priced calls matching every given filter (unpriced calls add nothing known)."""
    where, params = _filters(run_id=run_id, watcher_id=watcher_id, since=since)
    row = db.one(f"SELECT COALESCE(SUM(cost_usd), 0) AS s FROM model_calls{where}", params)
    return float(row["s"]) if row is not None else 0.0


def _filters(
    *, run_id: str | None = None, watcher_id: str | None = None, since: str | None = None
) -> tuple[str, dict[str, str]]:
    clauses: list[str] = []
    params: dict[str, str] = {}
    if run_id is not None:
        clauses.append("run_id = :run_id")
        params["run_id"] = run_id
    if watcher_id is not None:
        clauses.append("watcher_id = :watcher_id")
        params["watcher_id"] = watcher_id
    if since is not None:
        clauses.append("called_at >= :since")
        params["since"] = since
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


@dataclass(frozen=True)
class CachedResponse:
    text: str
    output_json: str | None
    tokens_in: int
    tokens_out: int
    tokens_cached: int
    cost_usd: float | None


def cache_get(db: Database, key: str) -> CachedResponse | None:
    """The stored answer for ``key``, counting the hit; None on a miss."""
    row = db.one(
        "SELECT text, output_json, tokens_in, tokens_out, tokens_cached, cost_usd FROM model_cache WHERE key = ?",
        (key,),
    )
    if row is None:
        return None
    with _write_lock:
        db.execute("UPDATE model_cache SET hits = hits + 1, last_hit_at = ? WHERE key = ?", (utcnow(), key))
    return CachedResponse(
        text=row["text"],
        output_json=row["output_json"],
        tokens_in=int(row["tokens_in"]),
        tokens_out=int(row["tokens_out"]),
        tokens_cached=int(row["tokens_cached"]),
        cost_usd=row["cost_usd"],
    )


def _cache_insert(key: str, model: str, resp: CachedResponse) -> tuple[str, tuple[object, ...]]:
    """The statement and parameters that cache an answer; a second writer of the same key keeps the first."""
    return ("INSERT INTO model_cache (key, model, text, output_json, tokens_in, tokens_out, tokens_cached,"
            " cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (key, model, resp.text, resp.output_json, resp.tokens_in, resp.tokens_out, resp.tokens_cached,
             resp.cost_usd, utcnow()))


def cache_put(db: Database, key: str, model: str, resp: CachedResponse) -> None:
    """Store an answer; a second writer of the same key keeps the first (the content is the same call)."""
    with _write_lock:
        db.execute(*_cache_insert(key, model, resp))


@dataclass(frozen=True)
class CostLine:
    """Totals for one group (or for everything when ``key`` is None)."""

    key: str | None
    calls: int
    cache_hits: int
    errors: int
    tokens_in: int
    tokens_out: int
    tokens_cached: int
    cost_usd: float
    unpriced_calls: int
    latency_s: float


_TOTALS_SQL = (
    "COUNT(*) AS calls,"
    " COALESCE(SUM(cached), 0) AS cache_hits,"
    " COALESCE(SUM(CASE WHEN error_kind IS NOT NULL THEN 1 ELSE 0 END), 0) AS errors,"
    " COALESCE(SUM(tokens_in), 0) AS tokens_in,"
    " COALESCE(SUM(tokens_out), 0) AS tokens_out,"
    " COALESCE(SUM(tokens_cached), 0) AS tokens_cached,"
    " COALESCE(SUM(cost_usd), 0) AS cost_usd,"
    " COALESCE(SUM(CASE WHEN priced = 0 AND cached = 0 AND error_kind IS NULL THEN 1 ELSE 0 END), 0)"
    " AS unpriced_calls,"
    " COALESCE(SUM(latency_ms), 0) AS latency_ms"
)


def _line(key: str | None, row: object) -> CostLine:
    r = row  # sqlite3.Row
    return CostLine(
        key=key,
        calls=int(r["calls"]),  # type: ignore[index]
        cache_hits=int(r["cache_hits"]),  # type: ignore[index]
        errors=int(r["errors"]),  # type: ignore[index]
        tokens_in=int(r["tokens_in"]),  # type: ignore[index]
        tokens_out=int(r["tokens_out"]),  # type: ignore[index]
        tokens_cached=int(r["tokens_cached"]),  # type: ignore[index]
        cost_usd=round(float(r["cost_usd"]), 10),  # type: ignore[index]
        unpriced_calls=int(r["unpriced_calls"]),  # type: ignore[index]
        latency_s=round(int(r["latency_ms"]) / 1000, 3),  # type: ignore[index]
    )


def cost_summary(
    db: Database, *, since: str | None = None, by: GroupBy | None = None
) -> tuple[CostLine, list[CostLine]]:
    """Ledger totals since ``since`` (an ISO date or time), and per-group lines when ``by`` is given."""
    where, params = _filters(since=since)
    total_row = db.one(f"SELECT {_TOTALS_SQL} FROM model_calls{where}", params)
    total = _line(None, total_row)
    groups: list[CostLine] = []
    if by is not None:
        expr = _GROUP_EXPR[by]
        rows = db.query(
            f"SELECT {expr} AS grp, {_TOTALS_SQL} FROM model_calls{where} GROUP BY grp ORDER BY grp", params
        )
        groups = [_line(str(r["grp"]), r) for r in rows]
    return total, groups


def unpriced_models(db: Database, *, since: str | None = None) -> list[str]:
    """Models called without a price in the table (their cost is unknown, not zero)."""
    where, params = _filters(since=since)
    extra = " AND " if where else " WHERE "
    rows = db.query(
        f"SELECT DISTINCT model FROM model_calls{where}{extra}priced = 0 AND cached = 0 ORDER BY model", params
    )
    return [str(r["model"]) for r in rows]


__all__ = [
    "CachedResponse",
    "CallRecord",
    "CostLine",
    "GroupBy",
    "cache_get",
    "cache_put",
    "cost_summary",
    "record_answer",
    "record_call",
    "spent_usd",
    "unpriced_models",
]
