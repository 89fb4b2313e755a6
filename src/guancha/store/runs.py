"""Queries for briefing runs: runs, per-stage and per-item outputs, reports, citations, and the ledger
writes that finalising a report makes (used URLs, story fingerprints). Also the reads selection needs
(the window's articles, the watcher's earlier reports)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from guancha.store.db import Database, content_key, utcnow


@dataclass(frozen=True)
class RunRow:
    id: str
    watcher_id: str
    report_date: str
    version: int
    as_of: str
    writer: str
    model: str | None
    spec_hash: str
    status: str
    last_stage: str | None
    error: str | None
    started_at: str
    finished_at: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> RunRow:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


def run_id_for(watcher_id: str, report_date: str, version: int) -> str:
    return content_key("run", watcher_id, report_date, str(version))


def latest_run(db: Database, watcher_id: str, report_date: str) -> RunRow | None:
    row = db.one(
        "SELECT * FROM runs WHERE watcher_id = ? AND report_date = ? ORDER BY version DESC LIMIT 1",
        (watcher_id, report_date),
    )
    return RunRow.from_row(row) if row is not None else None


def get_run(db: Database, run_id: str) -> RunRow | None:
    row = db.one("SELECT * FROM runs WHERE id = ?", (run_id,))
    return RunRow.from_row(row) if row is not None else None


def create_run(
    db: Database,
    *,
    watcher_id: str,
    report_date: str,
    version: int,
    as_of: str,
    writer: str,
    model: str | None,
    spec_hash: str,
) -> RunRow:
    run_id = run_id_for(watcher_id, report_date, version)
    now = utcnow()
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO runs(id, watcher_id, report_date, version, as_of, writer, model, spec_hash, status,"
            " last_stage, error, started_at, updated_at, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', NULL, NULL, ?, ?, NULL)"
            " ON CONFLICT(id) DO NOTHING",
            (run_id, watcher_id, report_date, version, as_of, writer, model, spec_hash, now, now),
        )
    run = get_run(db, run_id)
    assert run is not None
    return run


def set_run_status(db: Database, run_id: str, status: str, *, error: str | None = None,
                   writer: str | None = None, model: str | None = None) -> None:
    finished = utcnow() if status in {"finalised", "held", "failed"} else None
    with db.transaction() as cur:
        cur.execute(
            "UPDATE runs SET status = ?, error = ?, updated_at = ?, finished_at = ?,"
            " writer = COALESCE(?, writer), model = COALESCE(?, model) WHERE id = ?",
            (status, error, utcnow(), finished, writer, model, run_id),
        )


# --------------------------------------------------------------------------- stages and items


def save_stage(db: Database, run_id: str, stage: str, output: dict[str, Any], *, started_at: str,
               elapsed_ms: int) -> None:
    """Persist one stage's output and mark it as the run's last finished stage, atomically."""
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO run_stages(run_id, stage, output_json, started_at, finished_at, elapsed_ms)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(run_id, stage) DO UPDATE SET output_json = excluded.output_json,"
            " finished_at = excluded.finished_at, elapsed_ms = excluded.elapsed_ms",
            (run_id, stage, json.dumps(output, ensure_ascii=False), started_at, utcnow(), elapsed_ms),
        )
        cur.execute("UPDATE runs SET last_stage = ?, updated_at = ? WHERE id = ?", (stage, utcnow(), run_id))


def load_stage(db: Database, run_id: str, stage: str) -> dict[str, Any] | None:
    row = db.one("SELECT output_json FROM run_stages WHERE run_id = ? AND stage = ?", (run_id, stage))
    return json.loads(row["output_json"]) if row is not None else None


def stage_timings(db: Database, run_id: str) -> dict[str, int]:
    """Milliseconds per persisted stage, in the order the stages ran."""
    rows = db.query("SELECT stage, elapsed_ms FROM run_stages WHERE run_id = ? ORDER BY started_at, rowid", (run_id,))
    return {r["stage"]: int(r["elapsed_ms"]) for r in rows}


def save_item(db: Database, run_id: str, stage: str, item_key: str, output: dict[str, Any], *,
              elapsed_ms: int) -> None:
    """Persist one finished unit of a stage; saving it twice keeps the first (work is never redone)."""
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO run_items(run_id, stage, item_key, output_json, elapsed_ms, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(run_id, stage, item_key) DO NOTHING",
            (run_id, stage, item_key, json.dumps(output, ensure_ascii=False), elapsed_ms, utcnow()),
        )


def load_items(db: Database, run_id: str, stage: str) -> dict[str, dict[str, Any]]:
    return {
        r["item_key"]: json.loads(r["output_json"])
        for r in db.query("SELECT item_key, output_json FROM run_items WHERE run_id = ? AND stage = ?",
                          (run_id, stage))
    }


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class CitationRow:
    label: str
    article_id: str
    canonical_url: str
    section: str
    story_index: int | None


def save_report(
    db: Database,
    *,
    run: RunRow,
    title: str,
    markdown: str,
    html: str,
    json_text: str,
    citations: Iterable[CitationRow],
) -> str:
    """Store the rendered report as a draft with its citations (replacing an earlier draft of this run)."""
    report_id = run.id
    with db.transaction() as cur:
        row = cur.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is not None and row["status"] == "finalised":
            return report_id
        cur.execute("DELETE FROM report_citations WHERE report_id = ?", (report_id,))
        cur.execute(
            "INSERT INTO reports(id, run_id, watcher_id, report_date, version, status, title, markdown, html,"
            " json, created_at) VALUES (?, ?, ?, ?, ?, 'drafted', ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET status = 'drafted', title = excluded.title,"
            " markdown = excluded.markdown, html = excluded.html, json = excluded.json",
            (report_id, run.id, run.watcher_id, run.report_date, run.version, title, markdown, html, json_text,
             utcnow()),
        )
        cur.executemany(
            "INSERT INTO report_citations(report_id, label, article_id, canonical_url, section, story_index)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(report_id, c.label, c.article_id, c.canonical_url, c.section, c.story_index) for c in citations],
        )
    return report_id


def get_report(db: Database, report_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM reports WHERE id = ?", (report_id,))


def finalised_report(db: Database, watcher_id: str, *, report_date: str | None = None,
                     version: int | None = None) -> sqlite3.Row | None:
    """A watcher's finalised report: of ``report_date`` (default: its newest date), ``version`` (default: the
    newest finalised one). A held version is never returned."""
    sql = "SELECT * FROM reports WHERE watcher_id = ? AND status = 'finalised'"
    params: list[object] = [watcher_id]
    if report_date is not None:
        sql += " AND report_date = ?"
        params.append(report_date)
    if version is not None:
        sql += " AND version = ?"
        params.append(version)
    return db.one(sql + " ORDER BY report_date DESC, version DESC LIMIT 1", tuple(params))


def report_citations(db: Database, report_id: str) -> list[CitationRow]:
    return [
        CitationRow(r["label"], r["article_id"], r["canonical_url"], r["section"], r["story_index"])
        for r in db.query("SELECT * FROM report_citations WHERE report_id = ? ORDER BY rowid", (report_id,))
    ]


@dataclass(frozen=True)
class StoryFingerprint:
    fingerprint: str
    headline: str
    terms: list[str]


def finalise_report(
    db: Database,
    *,
    run: RunRow,
    paths: dict[str, str],
    fingerprints: Iterable[StoryFingerprint],
    also: Callable[[sqlite3.Cursor], object] | None = None,
) -> None:
    """Mark the report published and add its story fingerprints to the watcher's ledger, at once.

    ``also`` runs inside the same transaction (finalising records the used URLs and the learn stage the
    heuristics there), so a crash leaves either a finalised report with everything it implies, or nothing."""
    now = utcnow()
    with db.transaction() as cur:
        if also is not None:
            also(cur)
        cur.execute(
            "UPDATE reports SET status = 'finalised', finalised_at = ?, md_path = ?, html_path = ?, json_path = ?"
            " WHERE id = ? AND status != 'finalised'",
            (now, paths.get("md"), paths.get("html"), paths.get("json"), run.id),
        )
        cur.executemany(
            "INSERT INTO story_fingerprints(watcher_id, fingerprint, report_id, report_date, headline, terms_json,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(watcher_id, fingerprint) DO NOTHING",
            [(run.watcher_id, f.fingerprint, run.id, run.report_date, f.headline, json.dumps(f.terms), now)
             for f in fingerprints],
        )
        cur.execute(
            "UPDATE runs SET status = 'finalised', last_stage = 'finalise', updated_at = ?, finished_at = ?,"
            " error = NULL WHERE id = ?",
            (now, now, run.id),
        )


def hold_report(db: Database, *, run: RunRow, reason: str) -> None:
    """A report that failed a gate: kept as a private record, never published or ledgered."""
    now = utcnow()
    with db.transaction() as cur:
        cur.execute("UPDATE reports SET status = 'held' WHERE id = ? AND status = 'drafted'", (run.id,))
        cur.execute("UPDATE runs SET status = 'held', error = ?, updated_at = ?, finished_at = ? WHERE id = ?",
                    (reason, now, now, run.id))


# --------------------------------------------------------------------------- reads for selection


def ensure_watcher(db: Database, *, watcher_id: str, title: str, spec_path: str | None, spec_hash: str) -> None:
    """Register the watcher row if collection has not (selection and the ledger reference it)."""
    now = utcnow()
    db.execute(
        "INSERT INTO watchers(id, title, spec_path, spec_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO NOTHING",
        (watcher_id, title, spec_path, spec_hash, now, now),
    )


def watcher_articles(db: Database, watcher_id: str, *, published_from: str, published_to: str) -> list[sqlite3.Row]:
    """Articles this watcher has seen whose publication time lies in [from, to] (undated ones never do)."""
    return db.query(
        "SELECT a.* FROM articles a WHERE a.published_at IS NOT NULL AND a.published_at >= ? AND a.published_at <= ?"
        " AND EXISTS (SELECT 1 FROM sightings s WHERE s.article_id = a.id AND s.watcher_id = ?)"
        " ORDER BY a.published_at DESC, a.canonical_url",
        (published_from, published_to, watcher_id),
    )


def article_sources(db: Database, watcher_id: str, article_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """For each article, the (kind, target) of the watcher's sources that found it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for i in range(0, len(article_ids), 500):
        chunk = article_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in db.query(
            f"SELECT s.article_id, src.kind, src.target FROM sightings s JOIN sources src ON src.id = s.source_id"
            f" WHERE s.watcher_id = ? AND s.article_id IN ({marks})",
            (watcher_id, *chunk),
        ):
            out.setdefault(r["article_id"], []).append((r["kind"], r["target"]))
    return out


def articles_by_id(db: Database, article_ids: list[str]) -> dict[str, sqlite3.Row]:
    out: dict[str, sqlite3.Row] = {}
    for i in range(0, len(article_ids), 500):
        chunk = article_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in db.query(f"SELECT * FROM articles WHERE id IN ({marks})", tuple(chunk)):
            out[r["id"]] = r
    return out


def earlier_fingerprints(db: Database, watcher_id: str, *, before_date: str) -> list[StoryFingerprint]:
    """Stories the watcher's finalised reports of dates before ``before_date`` told."""
    rows = db.query("SELECT fingerprint, headline, terms_json FROM story_fingerprints WHERE watcher_id = ?"
                    " AND report_date < ?", (watcher_id, before_date))
    return [StoryFingerprint(r["fingerprint"], r["headline"], json.loads(r["terms_json"])) for r in rows]


def run_model_usage(db: Database, run_id: str) -> dict[str, Any]:
    """Calls, cache hits, failures, tokens, seconds and cost of one run's model calls (models ledger)."""
    row = db.one(
        "SELECT COUNT(*) AS calls, COALESCE(SUM(cached), 0) AS cached,"
        " COALESCE(SUM(CASE WHEN error_kind IS NOT NULL THEN 1 ELSE 0 END), 0) AS failed,"
        " COALESCE(SUM(tokens_in), 0) AS tokens_in, COALESCE(SUM(tokens_out), 0) AS tokens_out,"
        " COALESCE(SUM(latency_ms), 0) AS latency_ms, COALESCE(SUM(cost_usd), 0) AS cost_usd,"
        " COALESCE(SUM(CASE WHEN priced = 0 THEN 1 ELSE 0 END), 0) AS unpriced"
        " FROM model_calls WHERE run_id = ?",
        (run_id,),
    )
    assert row is not None
    return {"calls": int(row["calls"]), "cached": int(row["cached"]), "failed": int(row["failed"]),
            "tokens_in": int(row["tokens_in"]), "tokens_out": int(row["tokens_out"]),
            "seconds": round(int(row["latency_ms"]) / 1000.0, 3), "cost_usd": round(float(row["cost_usd"]), 6),
            "unpriced_calls": int(row["unpriced"])}


@dataclass(frozen=True)
class EarlierStory:
    """A story of an earlier finalised report: its date, headline and the articles it cited."""

    report_date: str
    headline: str
    article_ids: list[str]
    md_path: str | None = None      # where that report's files were written (a follow-up links them)
    html_path: str | None = None


def earlier_stories(db: Database, watcher_id: str, *, before_date: str, since_date: str) -> list[EarlierStory]:
    """Stories the watcher's finalised reports dated in [since_date, before_date) told (latest version per date)."""
    rows = db.query("SELECT report_date, version, json, md_path, html_path FROM reports"
                    " WHERE watcher_id = ? AND status = 'finalised'"
                    " AND report_date < ? AND report_date >= ? ORDER BY report_date, version",
                    (watcher_id, before_date, since_date))
    latest: dict[str, Any] = {}
    for r in rows:
        latest[r["report_date"]] = r
    out: list[EarlierStory] = []
    for day, r in latest.items():
        try:
            data = json.loads(r["json"])
        except (TypeError, ValueError):
            continue
        citations = data.get("citations") or {}
        for story in data.get("stories") or []:
            ids = [str(citations[lab]["article_id"]) for lab in story.get("sources") or []
                   if isinstance(citations.get(lab), dict) and citations[lab].get("article_id")]
            if ids:
                out.append(EarlierStory(day, str(story.get("headline") or ""), ids, r["md_path"], r["html_path"]))
    return out
