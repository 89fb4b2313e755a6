"""``guancha serve``: the worker that runs scheduled watchers by itself (the engine loads only here)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import click

from guancha.cli._common import get_workspace, json_option, print_json, stderr, stdout, workspace_option
from guancha.errors import UsageError


def _moment(value: str | None, option: str) -> dt.datetime | None:
    if value is None:
        return None
    from guancha.timeutil import parse_iso

    try:
        return parse_iso(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a time",
                         fix=f"write it as ISO 8601, e.g. {option} 2026-05-02T06:00:00Z") from exc


@click.command("serve")
@click.option("--once", is_flag=True, help="Start what is due now, wait for it, then exit (for cron).")
@click.option("--now", "now_", default=None, metavar="ISO-TIME",
              help="Drive the worker on a simulated clock starting here: it jumps from tick to tick, each tick's "
                   "runs finishing before the next. The runs are real: reports are finalised for those dates and "
                   "delivered, so try a schedule in a copy of the workspace.")
@click.option("--until", default=None, metavar="ISO-TIME", help="With --now: stop the simulated clock here.")
@workspace_option
@json_option
def serve_cmd(once: bool, now_: str | None, until: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Run every watcher whose spec has a 'schedule' once per tick, until stopped (SIGTERM or Ctrl-C).

    A watcher's report date is started at most once, even across restarts and a second worker; a worker that
    was down runs each watcher's latest missed tick once; a run interrupted by a stop or a crash resumes on the
    next start. State lives in serve.database (default .guancha/serve.sqlite in the workspace).
    """
    from guancha.serve import serve

    ws = get_workspace(workspace_dir)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}

    def event(line: str) -> None:
        (stderr if as_json else stdout).print(line, markup=False)

    try:
        summary = serve(ws, once=once, start=_moment(now_, "--now"), until=_moment(until, "--until"),
                        events=event, stop=stop)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if as_json:
        print_json(summary.as_dict())
    else:
        finished = list(summary.finished.values())
        stdout.print(f"Worker stopped: {len(summary.started)} run(s) started, {len(summary.resumed)} resumed, "
                     f"{finished.count('finalised')} finalised, {finished.count('held')} held, "
                     f"{len(finished) - finished.count('finalised') - finished.count('held')} other.", markup=False)
        if summary.interrupted:
            stdout.print(f"{len(summary.interrupted)} run(s) still going were left to resume on the next start.",
                         markup=False)
    if summary.interrupted:
        # Their threads are inside a stage; the persisted stages and the engine's record make them resume on the
        # next start, so end now rather than wait for them.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    if once and any(state not in ("finalised", "held") for state in summary.finished.values()):
        raise SystemExit(1)  # for cron: a run that failed is the work failing
