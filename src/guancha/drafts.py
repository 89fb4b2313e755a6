"""Held drafts: the rendering of a report the checks held, written where a reviewer can read it.

A held report is never published, so its files never go under ``reports/``: they go to the workspace's
private ``.guancha/drafts/<watcher>/<date>[.vN].{md,html}``, for the person asked to approve it
(``guancha review RUN --draft``). Approval writes the published files as for any passing report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guancha.workspace import Workspace, write_whole

DRAFTS_DIR = Path(".guancha") / "drafts"


def draft_folder(workspace: Workspace, watcher_id: str, *parts: str) -> Path:
    """``.guancha/drafts/<watcher>[/<parts>]``: where held reports (dailies, and weeklies under ``weekly``) go."""
    return workspace.root.joinpath(DRAFTS_DIR, watcher_id, *parts)


def draft_paths(workspace: Workspace, watcher_id: str, report_date: str, version: int) -> dict[str, Path]:
    """Where a held run's draft lives (Markdown and HTML)."""
    base = draft_folder(workspace, watcher_id)
    stem = report_date + ("" if version == 1 else f".v{version}")
    return {ext: base / f"{stem}.{ext}" for ext in ("md", "html")}


def write_draft(workspace: Workspace, *, watcher_id: str, report_date: str, version: int, markdown: str,
                html: str) -> dict[str, Path]:
    """Write a held run's draft (atomically, private to the owner) and return its paths."""
    paths = draft_paths(workspace, watcher_id, report_date, version)
    base = paths["md"].parent
    base.mkdir(parents=True, exist_ok=True)
    for directory in (base, base.parent, base.parent.parent):
        directory.chmod(0o700)
    for ext, text in (("md", markdown), ("html", html)):
        write_whole(paths[ext], text, mode=0o600)
    return paths


def ensure_draft(workspace: Workspace, run: Any) -> dict[str, Path]:
    """The draft files of a held ``run`` (a runs row), written from the stored report when missing."""
    from guancha.errors import UsageError
    from guancha.store import runs as rstore

    paths = draft_paths(workspace, run["watcher_id"], run["report_date"], run["version"])
    if all(p.exists() for p in paths.values()):
        return paths
    report = rstore.get_report(workspace.db(), run["id"])
    if report is None:
        raise UsageError(f"run {run['id'][:12]} has no rendered report yet",
                         fix=f"resume it: guancha run {run['watcher_id']} --date {run['report_date']} --resume")
    return write_draft(workspace, watcher_id=run["watcher_id"], report_date=run["report_date"],
                       version=run["version"], markdown=report["markdown"], html=report["html"])
