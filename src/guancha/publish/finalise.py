"""Finalising a report: the one path by which a run (or a person's approval) makes a report final.

The report's files are written under ``reports/<watcher>/``, the report is marked finalised, its URLs and
story fingerprints enter the ledger and its heuristics the knowledge base, all for one report version.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guancha.collect.used_urls import record_used_in
from guancha.context import RunContext
from guancha.knowledge.learn import learn_heuristics_in
from guancha.select import Selection
from guancha.store import runs as store
from guancha.workspace import write_whole
from guancha.write.render import RenderedReport

EXTENSIONS = ("md", "html", "json")


class FinalOutput(BaseModel):
    status: str
    paths: dict[str, str]


def report_paths(ctx: RunContext) -> dict[str, Path]:
    """``reports/<watcher>/<date>[.vN].{md,html,json}``; none in a database-only workspace."""
    base = ctx.workspace.report_folder(ctx.spec.id)
    if base is None:
        return {}
    stem = ctx.report_date.isoformat() + ("" if ctx.run.version == 1 else f".v{ctx.run.version}")
    return {ext: base / f"{stem}.{ext}" for ext in EXTENSIONS}


def stage_finalise(ctx: RunContext, selection: Selection, rendered: RenderedReport) -> FinalOutput:
    """Mark the report finalised and add its URLs, stories and heuristics to the ledger and the knowledge
    base, then write the files.

    Files come after the commit: a crash in between leaves a finalised report whose files are written again
    from the database (on --resume, or when the report is next returned), never files saying "finalised"
    for a report the database holds as a draft."""
    paths = report_paths(ctx)
    headlines = {s["index"]: s["headline"] for s in rendered.data["stories"]}
    fingerprints = [store.StoryFingerprint(s.fingerprint, headlines.get(i, ""), s.terms)
                    for i, s in enumerate(selection.stories)]
    cited = [row.canonical_url for row in rendered.citation_rows()]

    def ledger_and_learn(cur: sqlite3.Cursor) -> None:
        record_used_in(cur, ctx.spec.id, cited, report_id=ctx.run.id, report_date=ctx.run.report_date)
        learn_heuristics_in(cur, ctx, rendered.data)

    store.finalise_report(ctx.db, run=ctx.run, paths={k: str(v) for k, v in paths.items()},
                          fingerprints=fingerprints, also=ledger_and_learn)
    write_report_files(paths, rendered.markdown, rendered.html, rendered.data)
    return FinalOutput(status="finalised", paths={k: str(v) for k, v in paths.items()})


def write_report_files(paths: dict[str, Path], markdown: str, html: str, data: dict[str, Any]) -> None:
    """A finalised report's files (none in a database-only workspace)."""
    contents = {"md": markdown, "html": html,
                "json": json.dumps({**data, "status": "finalised"}, indent=2, ensure_ascii=False, default=str)}
    for ext, path in paths.items():
        write_whole(path, contents[ext])


def restore_missing_files(report: Any) -> None:
    """A finalised report whose files a crash (or a person) removed gets them back from the database."""
    paths = {k: Path(report[f"{k}_path"]) for k in ("md", "html", "json") if report[f"{k}_path"]}
    if report["status"] == "finalised" and paths and not all(p.exists() for p in paths.values()):
        write_report_files(paths, report["markdown"], report["html"], json.loads(report["json"]))
