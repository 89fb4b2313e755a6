"""Progress of a long run on stderr: the stage, what it is doing (story 3/6, model call 7), a bar and an
estimate of the time left. Shown only when stderr is a terminal and the output is not --json, so logs and
pipes get the result alone."""

from __future__ import annotations

import re
import sys
from types import TracebackType

from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from guancha.cli._common import stderr

STAGES = ("collect", "select", "write", "render", "check", "finalise")
_COUNT = re.compile(r"^(?:story |iteration )?(\d+)/(\d+)\b")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def progress_wanted(as_json: bool) -> bool:
    return not as_json and sys.stderr.isatty()


class RunProgress:
    """A ``progress(stage, message)`` callback for ``run_watcher`` that drives one rich progress bar per stage."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                            console=stderr, transient=True)
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RunProgress:
        if self.enabled:
            self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.enabled:
            self.bar.stop()

    def __call__(self, stage: str, message: str) -> None:
        if not self.enabled:
            return
        step = f"{STAGES.index(stage) + 1}/{len(STAGES)} " if stage in STAGES else ""
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=None)
        task = self.tasks[stage]
        text = _CONTROL.sub(" ", message)[:70]  # headlines and titles come from sources: plain text only
        self.bar.update(task, description=f"[bold]{step}{stage}[/]: {escape(text)}")
        m = _COUNT.match(message)
        if m:
            self.bar.update(task, completed=int(m.group(1)), total=max(int(m.group(2)), 1))
        elif message == "done":
            done = self.bar.tasks[self.tasks[stage]]
            self.bar.update(task, completed=done.total or 1, total=done.total or 1)
