"""SQL for the checks: iterations of the check/revise loop, findings, rubric scores, outcomes, approvals."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from guancha.store.db import Database, utcnow


@dataclass(frozen=True)
class FindingRow:
    rule: str
    severity: str
    section: str
    story: int | None
    line: int | None
    message: str


@dataclass(frozen=True)
class ScoreRow:
    metric: str
    score: int
    weight: float
    reason: str
    judge: str


@dataclass(frozen=True)
class IterationRow:
    run_id: str
    iteration: int
    checked_at: str
    errors: int
    warnings: int
    score: float | None
    max_score: float | None
    threshold: float | None
    passed: bool
    action: str
    targets: list[str]
    changes: list[str]
    markdown: str
    draft_json: str | None


def save_iteration(
    db: Database,
    *,
    run_id: str,
    iteration: int,
    findings: list[FindingRow],
    scores: list[ScoreRow],
    score: float | None,
    max_score: float | None,
    threshold: float | None,
    passed: bool,
    action: str,
    targets: list[str],
    changes: list[str],
    markdown: str,
    draft_json: str | None,
) -> None:
    """Record one check of one rendered version (replacing it if a resumed run checks the same iteration)."""
    errors = sum(1 for f in findings if f.severity == "error")
    with db.transaction() as cur:
        cur.execute("DELETE FROM check_findings WHERE run_id = ? AND iteration = ?", (run_id, iteration))
        cur.execute("DELETE FROM rubric_scores WHERE run_id = ? AND iteration = ?", (run_id, iteration))
        cur.execute(
            "INSERT INTO check_iterations(run_id, iteration, checked_at, errors, warnings, score, max_score, threshold,"
            " passed, action, targets_json, changes_json, markdown, draft_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(run_id, iteration) DO UPDATE SET checked_at = excluded.checked_at, errors = excluded.errors,"
            " warnings = excluded.warnings, score = excluded.score, max_score = excluded.max_score,"
            " threshold = excluded.threshold, passed = excluded.passed, action = excluded.action,"
            " targets_json = excluded.targets_json, changes_json = excluded.changes_json,"
            " markdown = excluded.markdown, draft_json = excluded.draft_json",
            (run_id, iteration, utcnow(), errors, len(findings) - errors, score, max_score, threshold, int(passed),
             action, json.dumps(targets), json.dumps(changes), markdown, draft_json),
        )
        cur.executemany(
            "INSERT INTO check_findings(run_id, iteration, seq, rule, severity, section, story, line, message)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(run_id, iteration, i, f.rule, f.severity, f.section, f.story, f.line, f.message)
             for i, f in enumerate(findings)],
        )
        cur.executemany(
            "INSERT INTO rubric_scores(run_id, iteration, metric, score, weight, reason, judge) VALUES (?,?,?,?,?,?,?)",
            [(run_id, iteration, s.metric, s.score, s.weight, s.reason, s.judge) for s in scores],
        )


def drop_iterations_after(db: Database, run_id: str, last: int) -> None:
    """Forget iterations beyond ``last`` left by an interrupted earlier attempt of the same check stage."""
    with db.transaction() as cur:
        for table in ("check_findings", "rubric_scores", "check_iterations"):
            cur.execute(f"DELETE FROM {table} WHERE run_id = ? AND iteration > ?", (run_id, last))


def set_action(db: Database, run_id: str, iteration: int, action: str, targets: list[str]) -> None:
    db.execute("UPDATE check_iterations SET action = ?, targets_json = ? WHERE run_id = ? AND iteration = ?",
               (action, json.dumps(targets), run_id, iteration))


def _iteration(row: sqlite3.Row) -> IterationRow:
    return IterationRow(
        run_id=row["run_id"], iteration=row["iteration"], checked_at=row["checked_at"], errors=row["errors"],
        warnings=row["warnings"], score=row["score"], max_score=row["max_score"], threshold=row["threshold"],
        passed=bool(row["passed"]), action=row["action"], targets=json.loads(row["targets_json"]),
        changes=json.loads(row["changes_json"]), markdown=row["markdown"], draft_json=row["draft_json"],
    )


def iterations(db: Database, run_id: str) -> list[IterationRow]:
    return [_iteration(r) for r in db.query(
        "SELECT * FROM check_iterations WHERE run_id = ? ORDER BY iteration", (run_id,))]


def findings(db: Database, run_id: str, iteration: int) -> list[FindingRow]:
    return [FindingRow(r["rule"], r["severity"], r["section"], r["story"], r["line"], r["message"])
            for r in db.query("SELECT * FROM check_findings WHERE run_id = ? AND iteration = ? ORDER BY seq",
                              (run_id, iteration))]


def scores(db: Database, run_id: str, iteration: int) -> list[ScoreRow]:
    return [ScoreRow(r["metric"], r["score"], r["weight"], r["reason"], r["judge"])
            for r in db.query("SELECT * FROM rubric_scores WHERE run_id = ? AND iteration = ? ORDER BY rowid",
                              (run_id, iteration))]


def set_outcome(db: Database, run_id: str, *, status: str, best_iteration: int, reason: str) -> None:
    db.execute(
        "INSERT INTO check_outcomes(run_id, status, best_iteration, reason, decided_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT(run_id) DO UPDATE SET status = excluded.status, best_iteration = excluded.best_iteration,"
        " reason = excluded.reason, decided_at = excluded.decided_at",
        (run_id, status, best_iteration, reason, utcnow()),
    )


def outcome(db: Database, run_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM check_outcomes WHERE run_id = ?", (run_id,))
    return dict(row) if row is not None else None


def add_approval(db: Database, run_id: str, *, reason: str, approved_by: str, errors: int) -> str:
    """Record a person's release of a held report; returns the time recorded."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO approvals(run_id, reason, approved_by, approved_at, errors_at_approval) VALUES (?,?,?,?,?)",
            (run_id, reason, approved_by, now, errors),
        )
        cur.execute("UPDATE check_outcomes SET status = 'approved', decided_at = ? WHERE run_id = ?", (now, run_id))
    return now


def approvals(db: Database, run_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in db.query("SELECT * FROM approvals WHERE run_id = ? ORDER BY id", (run_id,))]


def held_runs(db: Database) -> list[dict[str, Any]]:
    """Runs whose report is held, newest first, with the reason and the kept iteration's error count."""
    return [dict(r) for r in db.query(
        "SELECT r.id AS run_id, r.watcher_id, r.report_date, r.version, r.error AS reason, r.updated_at,"
        " o.best_iteration, (SELECT errors FROM check_iterations i WHERE i.run_id = r.id"
        "   AND i.iteration = o.best_iteration) AS errors"
        " FROM runs r LEFT JOIN check_outcomes o ON o.run_id = r.id"
        " WHERE r.status = 'held' ORDER BY r.updated_at DESC")]


def recent_runs(db: Database, *, per_watcher: int = 5) -> list[dict[str, Any]]:
    """The latest runs of every watcher with status, kept score and error count."""
    rows = db.query(
        "SELECT r.id AS run_id, r.watcher_id, r.report_date, r.version, r.status, r.writer, r.updated_at,"
        " o.status AS check_status, o.best_iteration,"
        " (SELECT score FROM check_iterations i WHERE i.run_id = r.id AND i.iteration = o.best_iteration) AS score,"
        " (SELECT errors FROM check_iterations i WHERE i.run_id = r.id AND i.iteration = o.best_iteration) AS errors,"
        " (SELECT COUNT(*) FROM check_iterations i WHERE i.run_id = r.id) AS iterations"
        " FROM runs r LEFT JOIN check_outcomes o ON o.run_id = r.id"
        " ORDER BY r.watcher_id, r.report_date DESC, r.version DESC")
    out: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for r in rows:
        n = counts.get(r["watcher_id"], 0)
        if n < per_watcher:
            out.append(dict(r))
            counts[r["watcher_id"]] = n + 1
    return out


def earlier_urls(db: Database, watcher_id: str, *, before_date: str | None = None) -> list[tuple[str, str, str]]:
    """(canonical URL, report id, report date) of every URL the watcher's finalised reports of earlier dates
    cited (a new version of the same date is a correction and may cite what its predecessor cited)."""
    rows = db.query(
        "SELECT canonical_url, report_id, report_date FROM used_urls WHERE watcher_id = ? AND report_date < ?",
        (watcher_id, before_date or "9999-12-31"),
    )
    return [(r["canonical_url"], r["report_id"], r["report_date"]) for r in rows]


def find_run(db: Database, ref: str) -> list[sqlite3.Row]:
    """Runs matching a reference: a full or leading part of a run id, or WATCHER/DATE, or WATCHER (latest)."""
    if "/" in ref or ":" in ref:
        watcher, _, date = ref.replace(":", "/").partition("/")
        return db.query("SELECT * FROM runs WHERE watcher_id = ? AND report_date = ? ORDER BY version DESC",
                        (watcher, date))
    rows = db.query("SELECT * FROM runs WHERE id LIKE ? ORDER BY updated_at DESC", (ref + "%",))
    if rows:
        return rows
    return db.query("SELECT * FROM runs WHERE watcher_id = ? ORDER BY report_date DESC, version DESC LIMIT 1", (ref,))
