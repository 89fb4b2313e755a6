"""What every stage of a run is handed: the run's identity, its watcher, its time and how it writes.

Stages import this module, never ``guancha.run``: the orchestrator sits on top and builds the context;
the stages only read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from guancha.spec import WatcherSpec
from guancha.store import runs as store
from guancha.workspace import Workspace

if TYPE_CHECKING:
    from guancha.collect.models import ProgressUpdate
    from guancha.models import Model
    from guancha.select import Selection
    from guancha.store.db import Database

Writer = Literal["extractive", "llm"]
# progress(stage, message): what a long run tells the person waiting for it
Progress = Callable[[str, str], None]
# a stand-in for the configured model (tests, embedding applications): called with the run's context
ModelFactory = Callable[["RunContext"], "Model"]


def _no_progress(stage: str, message: str) -> None:
    """The default progress sink: a run nobody watches."""


@dataclass
class RunContext:
    """One run of one watcher for one report date: everything a stage reads, nothing it must compute."""

    workspace: Workspace
    spec: WatcherSpec
    spec_path: Path | None
    run: store.RunRow
    report_date: dt.date
    as_of: dt.datetime
    writer: Writer
    model: str | None
    on_model_error: Literal["fallback", "stop"] = "stop"
    progress: Progress = field(default=_no_progress)
    model_factory: ModelFactory | None = None
    collect_progress: Callable[[ProgressUpdate], None] | None = None
    collect: bool = True

    @property
    def db(self) -> Database:
        return self.workspace.db()


def run_metadata(ctx: RunContext, selection: Selection) -> dict[str, Any]:
    """The run's facts a rendered report carries (its JSON ``run`` block): window, counts, timings, models."""
    return {
        "run_id": ctx.run.id,
        "version": ctx.run.version,
        "as_of": ctx.run.as_of,
        "window_from": selection.window_from,
        "window_hours": ctx.spec.window_hours,
        "stories_wanted": selection.wanted,
        "considered_articles": selection.considered_articles,
        "considered_papers": selection.considered_papers,
        "timings_ms": store.stage_timings(ctx.db, ctx.run.id),
        "models": store.run_model_usage(ctx.db, ctx.run.id),
    }
