"""Which watchers are due: each spec's schedule read against the runs table, for `guancha serve` and `status`.

One reading serves both, so the worker starts exactly what `status` calls late. A watcher is due for the report
date of its latest tick at or before now; that date is done once a run of it is finalised or held (held waits
for a person, it is not run again). Only the latest tick counts, so a worker that was down for days catches up
with one run, never one per missed tick. Nothing here imports the durable engine: `status` stays quick.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guancha import schedule
from guancha.spec import WatcherSpec
from guancha.store import Database
from guancha.timeutil import iso_z
from guancha.workspace import Workspace

DONE = frozenset({"finalised", "held"})


@dataclass(frozen=True)
class WatcherDue:
    """One watcher's schedule at a moment: its latest tick, that tick's report date and what became of it."""

    watcher: str
    spec_path: Path
    provider: str
    cron: str | None
    timezone: str
    due_tick: dt.datetime | None = None
    due_date: dt.date | None = None
    next_tick: dt.datetime | None = None
    due_status: str | None = None  # the latest run of due_date: running, failed, drafted, finalised, held; None
    last_success: dict[str, str] | None = None  # {"date", "at"} of the newest finalised report

    @property
    def scheduled(self) -> bool:
        return self.cron is not None

    @property
    def done(self) -> bool:
        return self.due_status in DONE

    def lateness(self, now: dt.datetime) -> dt.timedelta | None:
        """How long the due tick has passed without a report for its date (None when not late)."""
        if self.due_tick is None or self.done:
            return None
        return now - self.due_tick

    def as_dict(self, now: dt.datetime) -> dict[str, Any]:
        late = self.lateness(now)
        return {
            "watcher": self.watcher, "schedule": self.cron, "timezone": self.timezone, "provider": self.provider,
            "next_run": iso_z(self.next_tick) if self.next_tick else None,
            "due_tick": iso_z(self.due_tick) if self.due_tick else None,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "due_status": self.due_status, "last_success": self.last_success,
            "late": late is not None, "late_seconds": int(late.total_seconds()) if late is not None else None,
        }


def provider_of(spec: WatcherSpec) -> str:
    """The provider a watcher's runs spend on (its writer model's), or 'extractive' when it writes without one:
    the worker's queues limit concurrency per provider."""
    return spec.models.writer.split(":", 1)[0] if spec.models.writer else "extractive"


def watcher_schedules(workspace: Workspace, now: dt.datetime) -> list[WatcherDue]:
    """Every watcher of the workspace, scheduled or not, as of ``now``. A spec that does not load (a bad cron
    line, an unknown zone) raises its ConfigError naming file, line and fix: nothing runs on a guess."""
    return [watcher_due(workspace, watcher_id, now) for watcher_id in workspace.watcher_files()]


def watcher_due(workspace: Workspace, watcher_id: str, now: dt.datetime) -> WatcherDue:
    """One watcher's schedule as of ``now`` (ConfigError when its spec does not load)."""
    spec, path = workspace.watcher(watcher_id)
    return _due(workspace.db(), spec, path, now)


def _due(db: Database, spec: WatcherSpec, path: Path, now: dt.datetime) -> WatcherDue:
    base = WatcherDue(watcher=spec.id, spec_path=path, provider=provider_of(spec), cron=spec.schedule,
                      timezone=spec.timezone, last_success=_last_success(db, spec.id))
    if spec.schedule is None:
        return base
    tick = schedule.last_tick(spec.schedule, spec.timezone, now)
    day = schedule.report_date(tick, spec.timezone)
    row = db.one("SELECT status FROM runs WHERE watcher_id = ? AND report_date = ? ORDER BY version DESC LIMIT 1",
                 (spec.id, day.isoformat()))
    return dataclasses.replace(base, due_tick=tick, due_date=day,
                               next_tick=schedule.next_tick(spec.schedule, spec.timezone, now),
                               due_status=row["status"] if row else None)


def _last_success(db: Database, watcher_id: str) -> dict[str, str] | None:
    row = db.one("SELECT report_date, finished_at, updated_at FROM runs WHERE watcher_id = ? AND status = 'finalised' "
                 "ORDER BY report_date DESC, version DESC LIMIT 1", (watcher_id,))
    return {"date": row["report_date"], "at": row["finished_at"] or row["updated_at"]} if row else None
