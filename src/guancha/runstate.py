"""Whether a run is still being worked on: a live-run marker per running process, stale runs, abandoning.

A run's status says ``running`` from its start until it finishes; a process killed outright (SIGKILL, a
reboot) cannot change it. So each running process also keeps a small marker file,
``<workspace>/.guancha/running/<run id>.pid`` (process id and host), removed when it stops in any way.
A run that says ``running`` without a live process behind it is *stale*: ``guancha status`` lists it with
how to resume or abandon it. Collections keep the same markers (``collection-<id>``): one left 'running' by a
process that is gone is marked interrupted by the next collection of its watcher and by ``guancha status``. Abandoning (``guancha runs abandon RUN``) records who gave up on it and why;
the next run of that watcher and date then starts a new version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guancha.errors import UsageError
from guancha.store import collect as collect_store
from guancha.store import utcnow
from guancha.timeutil import parse_iso
from guancha.workspace import DEMO_STATE, Workspace, demo_again

RUNNING_DIR = Path(".guancha") / "running"


def _marker(workspace: Workspace, run_id: str) -> Path:
    return workspace.root / RUNNING_DIR / f"{run_id}.pid"


@contextlib.contextmanager
def live_run(workspace: Workspace, run_id: str) -> Iterator[None]:
    """Mark ``run_id`` as being worked on by this process for the duration of the block."""
    path = _marker(workspace, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def forget_run(workspace: Workspace, run_id: str) -> None:
    """Remove the marker a killed process left behind, once its work has been marked interrupted."""
    with contextlib.suppress(FileNotFoundError):
        _marker(workspace, run_id).unlink()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def liveness(workspace: Workspace, run_id: str) -> tuple[bool | None, int | None]:
    """(alive, pid) of the process working on a run: alive None when it cannot be told (another host, no
    marker from a guancha that did not write one)."""
    try:
        data = json.loads(_marker(workspace, run_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None
    pid = data.get("pid")
    if not isinstance(pid, int):
        return None, None
    if data.get("host") != socket.gethostname():
        return None, pid
    return _process_alive(pid), pid


def unfinished_runs(workspace: Workspace, *, stale_after: dt.timedelta = dt.timedelta(hours=1)) -> list[dict[str, Any]]:
    """Runs that neither finished nor were abandoned nor replaced by a newer version: still running, stale
    (running with no live process, or no sign of life for ``stale_after``), or stopped by an error or Ctrl-C;
    each with how to resume or abandon it."""
    db = workspace.db()
    rows = db.query(
        "SELECT r.* FROM runs r LEFT JOIN run_abandonments a ON a.run_id = r.id"
        " WHERE r.status IN ('running', 'failed') AND a.run_id IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM runs later WHERE later.watcher_id = r.watcher_id"
        "   AND later.report_date = r.report_date AND later.version > r.version)"  # a newer version replaced it
        " ORDER BY r.updated_at DESC")
    now = dt.datetime.now(dt.UTC)
    demo_sample = _demo_sample(workspace)
    out = []
    for r in rows:
        state = r["status"]
        if state == "running":
            alive, _ = liveness(workspace, r["id"])
            updated = parse_iso(r["updated_at"])
            if alive is False or (alive is None and now - updated > stale_after):
                state = "stale"
        out.append({
            "run_id": r["id"], "watcher_id": r["watcher_id"], "report_date": r["report_date"],
            "version": r["version"], "state": state, "last_stage": r["last_stage"], "updated_at": r["updated_at"],
            "error": r["error"],
            "resume": f"guancha run {r['watcher_id']} --date {r['report_date']} --resume" if demo_sample is None
            else demo_again(demo_sample, dt.date.fromisoformat(r["report_date"]), workspace.root),
            "abandon": f"guancha runs abandon {r['id'][:12]}",
        })
    return out


def _demo_sample(workspace: Workspace) -> Path | None:
    """The sample a demo workspace serves (None in any other workspace): its stopped runs resume by running the demo
    again, since the sample's server went with the demo's process."""
    try:
        state = json.loads((workspace.root / DEMO_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    sample = state.get("sample") if isinstance(state, dict) else None
    return Path(sample) if isinstance(sample, str) and sample else None


def abandon_run(workspace: Workspace, run_id: str, *, who: str, why: str) -> dict[str, Any]:
    """Give up on an unfinished run: it stays failed, with who abandoned it and why; its next run of the same
    watcher and date starts a new version. A run still worked on by a live process is refused."""
    db = workspace.db()
    row = db.one("SELECT * FROM runs WHERE id = ?", (run_id,))
    if row is None:
        raise UsageError(f"no run {run_id!r}", fix="'guancha status' lists runs")
    if row["status"] not in ("running", "failed"):
        raise UsageError(f"run {row['id'][:12]} ({row['watcher_id']} {row['report_date']}) is {row['status']}; "
                         "only an unfinished run can be abandoned",
                         fix="a held report is released with 'guancha approve' or replaced with "
                             "'guancha run WATCHER --date DATE --new-version'")
    if db.one("SELECT 1 FROM run_abandonments WHERE run_id = ?", (row["id"],)) is not None:
        raise UsageError(f"run {row['id'][:12]} was already abandoned", fix="'guancha status' lists unfinished runs")
    alive, pid = liveness(workspace, row["id"])
    if row["status"] == "running" and alive:
        raise UsageError(f"run {row['id'][:12]} is still running (process {pid})",
                         fix=f"stop that process first (Ctrl-C, or kill {pid}), then abandon it")
    at = utcnow()
    with db.transaction() as cur:
        cur.execute("INSERT INTO run_abandonments(run_id, abandoned_at, abandoned_by, reason, was_status, last_stage)"
                    " VALUES (?, ?, ?, ?, ?, ?)", (row["id"], at, who, why, row["status"], row["last_stage"]))
        cur.execute("UPDATE runs SET status = 'failed', error = ?, updated_at = ?, finished_at = COALESCE(finished_at, ?)"
                    " WHERE id = ?", (f"abandoned by {who}: {why}", at, at, row["id"]))
    with contextlib.suppress(FileNotFoundError):
        _marker(workspace, row["id"]).unlink()
    return {"run_id": row["id"], "watcher": row["watcher_id"], "date": row["report_date"], "version": row["version"],
            "abandoned_at": at, "abandoned_by": who, "reason": why,
            "next": f"guancha run {row['watcher_id']} --date {row['report_date']}"}


def is_abandoned(workspace: Workspace, run_id: str) -> bool:
    return workspace.db().one("SELECT 1 FROM run_abandonments WHERE run_id = ?", (run_id,)) is not None


# --------------------------------------------------------------------------- collections

# A 'running' collection with no way to ask its process is interrupted this long after its deadline; one whose
# process still lives, this long after (see mark_interrupted_collections).
INTERRUPTED_GRACE = dt.timedelta(minutes=15)
STUCK_AFTER = dt.timedelta(hours=1)


def collection_marker(collection_id: str) -> str:
    """The live-run marker name of a collection (collections keep markers as runs do)."""
    return f"collection-{collection_id}"


def mark_interrupted_collections(workspace: Workspace, watcher_id: str | None = None) -> list[dict[str, Any]]:
    """Collections left 'running' by a process that is gone (SIGKILL, a crash, a reboot): marked failed as
    interrupted, so that they are not shown running forever; what they stored is kept, and the next
    collection fetches only what they had not stored. Returns what was marked.

    A collection counts as gone when its process on this host has ended, or, when that cannot be told (no
    marker: another host, or a guancha that wrote none), when it started longer ago than the collection
    deadline (``http.collection_deadline_s``) plus ``INTERRUPTED_GRACE``. A live process keeps its
    collection unless it is ``STUCK_AFTER`` past the deadline (a reused process id, or a hung process).
    Runs at the start of every collection of the watcher and in ``guancha status``."""
    db = workspace.db()
    deadline = dt.timedelta(seconds=workspace.settings.http.collection_deadline_s)
    now = dt.datetime.now(dt.UTC)
    marked = []
    for row in collect_store.running_collections(db, watcher_id):
        key = collection_marker(row["id"])
        alive, pid = liveness(workspace, key)
        age = now - parse_iso(row["started_at"])
        if alive is False:
            reason = f"its process (pid {pid}) ended without finishing it"
        elif alive is None and age > deadline + INTERRUPTED_GRACE:
            reason = f"no sign of its process {_minutes(age)} after it started, past the collection deadline"
        elif alive and age > deadline + STUCK_AFTER:
            reason = f"still marked running {_minutes(age)} after it started, far past the collection deadline"
        else:
            continue
        if collect_store.mark_interrupted(db, row["id"], reason):
            forget_run(workspace, key)
            marked.append({"collection_id": row["id"], "watcher_id": row["watcher_id"],
                           "started_at": row["started_at"], "reason": reason})
    return marked


def _minutes(age: dt.timedelta) -> str:
    return f"{int(age.total_seconds() // 60)} min"
