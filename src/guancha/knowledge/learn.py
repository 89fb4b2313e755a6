"""The learn stage: a published report's heuristics enter the knowledge base.

It runs inside the transaction that finalises the report (or its approval), so a held report teaches
nothing and a report is never half-learned. Recording is idempotent per report.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from guancha.context import RunContext
from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.schema import Heuristic


def learn_heuristics_in(cur: sqlite3.Cursor, ctx: RunContext, report_data: dict[str, Any]) -> list[str]:
    """Keep the report's heuristics (new, reconfirmed, or a new version), citing the report; returns what
    happened to each."""
    kb = KnowledgeBase(ctx.db)
    title = str(report_data.get("title") or ctx.spec.title)
    if ctx.run.version > 1:
        title += f" (v{ctx.run.version})"
    kinds = []
    for entry in report_data.get("heuristics", []):
        heuristic = Heuristic.model_validate({k: v for k, v in entry.items() if k in Heuristic.model_fields})
        outcome = kb.record_in(cur, heuristic, source_ref=ctx.run.id, source_date=ctx.report_date,
                               source_title=title, watcher_id=ctx.spec.id)
        kinds.append(outcome.kind)
    return kinds
