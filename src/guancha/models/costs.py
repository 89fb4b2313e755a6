"""Costs from the model call ledger: what ``guancha costs`` prints, as a typed report.

The rows themselves are written by ``Model.complete`` (see ``guancha.store.model_calls`` for the SQL). Calls to
models without a price are counted separately and named: their cost is unknown, never taken as zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from guancha.errors import UsageError
from guancha.store import model_calls as ledger
from guancha.store.db import Database
from guancha.store.model_calls import CostLine, GroupBy
from guancha.timeutil import iso_z, parse_iso


@dataclass(frozen=True)
class CostReport:
    since: str | None
    by: GroupBy | None
    total: CostLine
    groups: list[CostLine]
    unpriced_models: list[str]

    def to_json(self) -> dict[str, Any]:
        total = asdict(self.total)
        total.pop("key")
        return {
            "since": self.since,
            "by": self.by,
            "total": total,
            "groups": [asdict(g) for g in self.groups],
            "unpriced_models": self.unpriced_models,
        }


def parse_since(value: str | None) -> str | None:
    """``YYYY-MM-DD`` (or a full ISO time) → the ledger's UTC timestamp form."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).strftime("%Y-%m-%dT00:00:00Z")
        return iso_z(parse_iso(value))
    except ValueError as exc:
        raise UsageError(f"--since {value!r} is not a date", fix="write it as YYYY-MM-DD, e.g. 2026-05-01") from exc


def cost_report(db: Database, *, since: str | None = None, by: GroupBy | None = None) -> CostReport:
    """Totals of the ledger since ``since`` (YYYY-MM-DD or ISO time, UTC), grouped ``by`` when given."""
    start = parse_since(since)
    total, groups = ledger.cost_summary(db, since=start, by=by)
    return CostReport(
        since=start, by=by, total=total, groups=groups, unpriced_models=ledger.unpriced_models(db, since=start)
    )


__all__ = ["CostReport", "cost_report", "parse_since"]
