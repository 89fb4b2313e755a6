"""A person's side of the check loop: review what it did, approve a held report, see the status.

Approval finalises through ``guancha.publish.finalise``, the same path a passing run takes. The run
machinery is imported only by ``approve_run``, so ``guancha status`` and ``review`` answer at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from guancha.context import RunContext
from guancha.errors import GuanchaError, UsageError
from guancha.store import checks as cstore
from guancha.store import runs as rstore
from guancha.timeutil import parse_iso
from guancha.workspace import Workspace


class ApprovalResult(BaseModel):
    run_id: str
    watcher: str
    date: str
    approved_at: str
    reason: str
    errors_overridden: int
    paths: dict[str, str]
    published: dict[str, int] = {}


def resolve_run(db: Any, ref: str) -> Any:
    rows = cstore.find_run(db, ref)
    if not rows:
        raise UsageError(f"no run matches {ref!r}", fix="pass a run id (or its first characters), WATCHER/DATE, or "
                         "a watcher id; 'guancha status' lists runs")
    if len(rows) > 1 and len({r["id"] for r in rows}) > 1 and "/" not in ref:
        ids = ", ".join(r["id"][:12] for r in rows[:5])
        raise UsageError(f"{ref!r} matches several runs ({ids})", fix="give more characters of the run id")
    return rows[0]


def approve_run(workspace: Workspace, ref: str, *, why: str, who: str) -> ApprovalResult:
    """A person releases a held report: the approval is recorded with time and reason, then the kept
    version is finalised exactly as a passing one would be (files written, URLs and stories ledgered)."""
    from guancha.check.loop import CheckOutcome
    from guancha.publish.finalise import FinalOutput, stage_finalise
    from guancha.select import Selection

    if not why.strip():
        raise UsageError("an approval needs a reason", fix='pass --why "what you checked and why it may ship"')
    db = workspace.db()
    row = resolve_run(db, ref)
    run = rstore.get_run(db, row["id"])
    assert run is not None
    if run.status != "held":
        raise UsageError(f"run {run.id[:12]} ({run.watcher_id} {run.report_date}) is {run.status}, not held",
                         fix="only held reports need approval; 'guancha status' lists them")
    checked = rstore.load_stage(db, run.id, "check")
    selection_data = rstore.load_stage(db, run.id, "select")
    if checked is None or selection_data is None:
        raise GuanchaError(f"run {run.id[:12]} has no checked report to approve",
                           fix=f"resume it first: guancha run {run.watcher_id} --date {run.report_date} --resume")
    outcome = CheckOutcome.model_validate(checked)
    selection = Selection.model_validate(selection_data)
    spec, spec_path = workspace.watcher(run.watcher_id)
    approved_at = cstore.add_approval(db, run.id, reason=why.strip(), approved_by=who, errors=outcome.errors)
    ctx = RunContext(workspace=workspace, spec=spec, spec_path=spec_path, run=run,
                     report_date=dt.date.fromisoformat(run.report_date),
                     as_of=parse_iso(run.as_of), writer=run.writer,  # type: ignore[arg-type]
                     model=run.model)
    final: FinalOutput = stage_finalise(ctx, selection, outcome.rendered)
    rstore.save_stage(db, run.id, "finalise", final.model_dump(mode="json"), started_at=approved_at, elapsed_ms=0)
    from guancha.publish.stage import publish_stage

    published = publish_stage(workspace, run.id)
    return ApprovalResult(run_id=run.id, watcher=run.watcher_id, date=run.report_date, approved_at=approved_at,
                          reason=why.strip(), errors_overridden=outcome.errors, paths=final.paths,
                          published=published.counts)


def review_run(workspace: Workspace, ref: str) -> dict[str, Any]:
    """Everything the loop did for a run: iterations, findings, scores, targets and changes, outcome, approvals."""
    db = workspace.db()
    row = resolve_run(db, ref)
    iters = []
    for it in cstore.iterations(db, row["id"]):
        iters.append({
            "iteration": it.iteration,
            "checked_at": it.checked_at,
            "errors": it.errors,
            "warnings": it.warnings,
            "score": it.score,
            "max_score": it.max_score,
            "threshold": it.threshold,
            "passed": it.passed,
            "action": it.action,
            "revised_next": it.targets,
            "changes_from_previous": it.changes,
            "findings": [f.__dict__ for f in cstore.findings(db, row["id"], it.iteration)],
            "scores": [s.__dict__ for s in cstore.scores(db, row["id"], it.iteration)],
        })
    return {
        "run_id": row["id"],
        "watcher": row["watcher_id"],
        "date": row["report_date"],
        "version": row["version"],
        "status": row["status"],
        "outcome": cstore.outcome(db, row["id"]),
        "approvals": cstore.approvals(db, row["id"]),
        "iterations": iters,
    }


def status_overview(workspace: Workspace, *, per_watcher: int = 5) -> dict[str, Any]:
    """Held reports waiting for a person, and each watcher's recent runs."""
    db = workspace.db()
    return {"held": cstore.held_runs(db), "recent": cstore.recent_runs(db, per_watcher=per_watcher)}
