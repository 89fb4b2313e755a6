"""SQL for imported report archives (tables from migration 002): files, reports, stories, papers,
heuristic entries and run artifacts."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from guancha.store.db import Database, utcnow


def file_known(db: Database, file_hash: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM imported_files WHERE hash = ?", (file_hash,))


def insert_file(cur: sqlite3.Cursor, file_hash: str, path: str, size: int, kind: str) -> None:
    cur.execute(
        "INSERT INTO imported_files(hash, path, size, kind, imported_at) VALUES (?, ?, ?, ?, ?)",
        (file_hash, path, size, kind, utcnow()),
    )


def insert_report(cur: sqlite3.Cursor, row: dict[str, Any]) -> None:
    cur.execute(
        "INSERT INTO imported_reports(id, file_hash, watcher_id, source_path, format, title, topic, emoji,"
        " report_date, long_date, implications, summary_json, imported_at)"
        " VALUES (:id, :file_hash, :watcher_id, :source_path, :format, :title, :topic, :emoji, :report_date,"
        " :long_date, :implications, :summary_json, :imported_at)",
        {**row, "imported_at": utcnow()},
    )


def insert_story(cur: sqlite3.Cursor, report_id: str, position: int, row: dict[str, Any]) -> None:
    cur.execute(
        "INSERT INTO imported_stories(report_id, position, emoji, headline, title, subtitle, body, links_json,"
        " sources_json, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, position, row["emoji"], row["headline"], row["title"], row["subtitle"], row["body"],
         json.dumps(row["links"], ensure_ascii=False), json.dumps(row["sources"], ensure_ascii=False), row["line"]),
    )


def insert_paper(cur: sqlite3.Cursor, report_id: str, position: int, row: dict[str, Any]) -> None:
    cur.execute(
        "INSERT INTO imported_papers(report_id, position, title, authors, affiliation, paper_date, why, url, line)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, position, row["title"], row["authors"], row["affiliation"], row["date"], row["why"], row["url"],
         row["line"]),
    )


def insert_heuristic_entry(cur: sqlite3.Cursor, report_id: str, position: int, row: dict[str, Any]) -> None:
    cur.execute(
        "INSERT INTO imported_heuristic_entries(report_id, position, heuristic_id, form, complete, line, fields_json,"
        " problems_json, raw, heuristic_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, position, row["heuristic_id"], row["form"], int(row["complete"]), row["line"],
         json.dumps(row["fields"], ensure_ascii=False, default=str),
         json.dumps(row["problems"], ensure_ascii=False), row["raw"], row["heuristic_json"]),
    )


def unrecorded_heuristics(db: Database) -> list[sqlite3.Row]:
    """Valid heuristic entries of imported reports that the knowledge base has no sighting of yet, oldest
    report first (so versions follow time). Also picks up what an interrupted import left behind."""
    return db.query(
        "SELECT e.report_id, e.position, e.heuristic_id, e.heuristic_json, r.report_date, r.title, r.watcher_id"
        " FROM imported_heuristic_entries e JOIN imported_reports r ON r.id = e.report_id"
        " WHERE e.heuristic_json IS NOT NULL AND NOT EXISTS (SELECT 1 FROM heuristic_sightings s"
        "   WHERE s.heuristic_id = e.heuristic_id AND s.source_ref = e.report_id)"
        " ORDER BY r.report_date, r.source_path, e.position"
    )


def insert_artifact(cur: sqlite3.Cursor, row: dict[str, Any]) -> None:
    cur.execute(
        "INSERT INTO run_artifacts(id, file_hash, watcher_id, source_path, kind, reason, title, artifact_date, text,"
        " imported_at) VALUES (:id, :file_hash, :watcher_id, :source_path, :kind, :reason, :title, :artifact_date,"
        " :text, :imported_at)",
        {**row, "imported_at": utcnow()},
    )


def report_rows(db: Database) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM imported_reports ORDER BY report_date, source_path")


def story_rows(db: Database, report_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM imported_stories WHERE report_id = ? ORDER BY position", (report_id,))


def paper_rows(db: Database, report_id: str) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM imported_papers WHERE report_id = ? ORDER BY position", (report_id,))


def heuristic_entry_rows(db: Database, report_id: str | None = None) -> list[sqlite3.Row]:
    if report_id is None:
        return db.query("SELECT * FROM imported_heuristic_entries ORDER BY report_id, position")
    return db.query(
        "SELECT * FROM imported_heuristic_entries WHERE report_id = ? ORDER BY position", (report_id,)
    )


def artifact_rows(db: Database) -> list[sqlite3.Row]:
    return db.query("SELECT * FROM run_artifacts ORDER BY source_path")


def counts(db: Database) -> dict[str, int]:
    tables = ("imported_files", "imported_reports", "imported_stories", "imported_papers",
              "imported_heuristic_entries", "run_artifacts", "heuristics", "heuristic_versions",
              "heuristic_sightings", "heuristic_links")
    out: dict[str, int] = {}
    for table in tables:
        row = db.one(f"SELECT COUNT(*) AS n FROM {table}")
        out[table] = int(row["n"]) if row else 0
    return out


def imported_summary(db: Database) -> dict[str, Any]:
    """How many reports were imported, on how many topics, over which dates (for ``guancha status``)."""
    row = db.one("SELECT COUNT(*) AS n, COUNT(DISTINCT COALESCE(watcher_id, topic)) AS topics,"
                 " MIN(report_date) AS first, MAX(report_date) AS last FROM imported_reports")
    if row is None:
        return {"reports": 0, "topics": 0, "first_date": None, "last_date": None}
    return {"reports": int(row["n"]), "topics": int(row["topics"]), "first_date": row["first"],
            "last_date": row["last"]}
