"""The orchestrator: chains collect → select → monitor → write → render → check → finalise and owns the run policy.

A run is identified by (watcher, report date, version). Each stage is a plain function in its own package
(``collect.stage``, ``select``, ``knowledge.monitor``, ``write.stage``, ``check.loop``, ``publish.finalise``) that takes the typed
``RunContext`` and returns a typed output, persisted here before the next stage starts. Killed at any
point, ``resume=True`` continues from the last persisted stage; inside the write stage every story is
persisted on its own, so finished model calls are never repeated. Running the same watcher and date again
returns the existing report unless ``new_version=True``. Only finalising touches the ledger and writes
files under ``reports/<watcher>/``; a report the check stage holds is never finalised. No stage imports
this module.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from guancha.check.loop import CheckOutcome, stage_check
from guancha.collect.stage import CollectOutput, stage_collect
from guancha.context import ModelFactory, Progress, RunContext, Writer
from guancha.drafts import draft_paths, write_draft
from guancha.errors import GuanchaError, UsageError
from guancha.interrupts import stop_exit_code, stopped_by
from guancha.knowledge.monitor import MonitorOutput, stage_monitor
from guancha.locks import exclusive, lock_path
from guancha.publish.finalise import FinalOutput, restore_missing_files, stage_finalise
from guancha.publish.stage import publish_stage
from guancha.runstate import is_abandoned, live_run
from guancha.select import Selection, select
from guancha.spec import WatcherSpec
from guancha.store import content_key, utcnow
from guancha.store import runs as store
from guancha.timeutil import end_of_day, iso_z, parse_iso
from guancha.workspace import Workspace
from guancha.write.render import RenderedReport
from guancha.write.stage import WriteOutput, stage_render, stage_write

if TYPE_CHECKING:
    from guancha.collect.models import ProgressUpdate

STAGES = ("collect", "select", "monitor", "write", "render", "check", "finalise")


class RunFailed(GuanchaError):
    """A stage failed; finished stages are kept and ``--resume`` continues from there. Its exit code is the
    cause's: 2 for a configuration or usage error met inside the run, 1 when the work itself failed."""


class RunInterrupted(GuanchaError):
    """The person stopped the run (Ctrl-C, or SIGTERM); finished stages are kept and ``--resume`` continues from
    there. The exit code is the shell's for the signal: 130 for Ctrl-C, 143 for SIGTERM."""

    exit_code = 130


class RunResult(BaseModel):
    """What ``guancha run`` reports: the report's place, its stories and papers, timings and model use."""

    run_id: str
    watcher: str
    date: str
    version: int
    status: str
    writer: str
    model: str | None
    reused: bool
    paths: dict[str, str]
    summary: dict[str, Any]
    draft_paths: dict[str, str] = Field(default_factory=dict)  # a held run's private draft (never reports/)


__all__ = ["STAGES", "Progress", "RunFailed", "RunInterrupted", "RunResult", "Writer", "run_watcher"]


# --------------------------------------------------------------------------- orchestration


def default_as_of(report_date: dt.date, now: dt.datetime | None = None) -> dt.datetime:
    """The window ends at the last second of the report date (UTC, as collection reads a bare date), or now
    when that is still in the future."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return min(now, end_of_day(report_date))


def refuse_future_date(day: dt.date, timezone: str, now: dt.datetime | None = None) -> None:
    """A report date after today (in the watcher's time zone) cannot be run yet: its window would end now, and the
    report finalised now would stand for that whole day, so the day's real run would return it unchanged."""
    from zoneinfo import ZoneInfo

    today = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(timezone)).date()
    if day > today:
        raise UsageError(f"report date {day} is in the future (today is {today} in {timezone})",
                         fix="run it on or after that day, or leave out --date for today's report")


def _ms(t0: float) -> int:
    return int((time.monotonic() - t0) * 1000)


def spec_hash(spec: WatcherSpec) -> str:
    return content_key(spec.model_dump_json())


def run_watcher(
    workspace: Workspace,
    watcher: str | WatcherSpec,
    *,
    report_date: dt.date | None = None,
    writer: Writer | None = None,
    model: str | None = None,
    resume: bool = False,
    new_version: bool = False,
    as_of: dt.datetime | None = None,
    on_model_error: Literal["fallback", "stop"] = "stop",
    progress: Progress | None = None,
    model_factory: ModelFactory | None = None,
    collect_progress: Callable[[ProgressUpdate], None] | None = None,
    collect: bool = True,
    spec_path: Path | None = None,
) -> RunResult:
    """Run (or resume, or return) the briefing of ``watcher`` for ``report_date``."""
    if isinstance(watcher, WatcherSpec):
        spec = watcher
    else:
        spec, spec_path = workspace.watcher(watcher)
    day = report_date or spec.date or dt.datetime.now(dt.UTC).date()
    # One process per watcher and date: two would both run every remaining stage (double work and model
    # spend). The lock is the OS's, so a killed process releases it at once.
    with exclusive(lock_path(workspace.db_path.parent, f"run-{spec.id}-{day.isoformat()}"), f"a run of {spec.id} for {day}",
                   fix="wait for it to finish ('guancha status' shows it); a killed process releases it at once"):
        db = workspace.db()
        store.ensure_watcher(db, watcher_id=spec.id, title=spec.title, spec_path=str(spec_path) if spec_path else None,
                             spec_hash=spec_hash(spec))
        existing = store.latest_run(db, spec.id, day.isoformat())
        abandoned = existing is not None and is_abandoned(workspace, existing.id)  # given up on: start a new version
        if existing is not None and not new_version and not abandoned:
            if existing.status in {"finalised", "held"}:
                return _published(workspace, _result(workspace, existing, reused=True), progress)
            if not resume:
                raise UsageError(
                    f"an unfinished run of {spec.id} for {day} exists (status {existing.status}, last stage "
                    f"{existing.last_stage or 'none'})",
                    fix="pass --resume to continue it, or --new-version to start over",
                )
            run = existing
            chosen_writer: Writer = writer or run.writer  # type: ignore[assignment]
            chosen_model = model or run.model
            if chosen_writer != run.writer or chosen_model != run.model:
                store.set_run_status(db, run.id, "running", writer=chosen_writer, model=chosen_model)
        else:
            if as_of is None and report_date is not None:
                refuse_future_date(day, spec.timezone)
            version = existing.version + 1 if existing is not None else 1
            chosen_model = model or (spec.models.writer if writer in (None, "llm") else None)
            chosen_writer = writer or ("llm" if chosen_model else "extractive")
            if chosen_writer == "llm" and not chosen_model:
                raise UsageError("the llm writer needs a model", fix="pass --model provider:model or set models.writer "
                                 "in the watcher spec")
            when = as_of or default_as_of(day)
            run = store.create_run(db, watcher_id=spec.id, report_date=day.isoformat(), version=version,
                                   as_of=iso_z(when), writer=chosen_writer, model=chosen_model, spec_hash=spec_hash(spec))
        store.set_run_status(db, run.id, "running")
        run = store.get_run(db, run.id) or run
        ctx = RunContext(
            workspace=workspace, spec=spec, spec_path=spec_path, run=run, report_date=day,
            as_of=parse_iso(run.as_of), writer=chosen_writer,
            model=chosen_model, on_model_error=on_model_error, progress=progress or (lambda s, m: None),
            model_factory=model_factory, collect_progress=collect_progress, collect=collect,
        )
        try:
            with live_run(workspace, run.id):
                collected = _stage(ctx, "collect", CollectOutput, lambda: stage_collect(ctx))
                selection = _stage(ctx, "select", Selection, lambda: select(
                    ctx.db, spec, as_of=ctx.as_of, report_date=day.isoformat()))
                monitored = _stage(ctx, "monitor", MonitorOutput, lambda: stage_monitor(ctx))
                written = _stage(ctx, "write", WriteOutput, lambda: stage_write(ctx, selection, monitored))
                _stage(ctx, "render", RenderedReport, lambda: stage_render(ctx, selection, written))
                checked = _stage(ctx, "check", CheckOutcome, lambda: stage_check(
                    ctx, selection, written.book, written.draft, collected.collection_id))
                if checked.status == "held":
                    store.hold_report(db, run=run, reason=checked.reason)
                    write_draft(workspace, watcher_id=spec.id, report_date=run.report_date, version=run.version,
                                markdown=checked.rendered.markdown, html=checked.rendered.html)
                else:
                    _stage(ctx, "finalise", FinalOutput, lambda: stage_finalise(ctx, selection, checked.rendered))
        except GuanchaError as exc:
            store.set_run_status(db, run.id, "failed", error=str(exc))
            failed = RunFailed(
                f"run {spec.id} {day} v{run.version} stopped: {exc.message}",
                fix=(exc.fix + "; then " if exc.fix else "") + f"'guancha run {spec.id} --date {day} --resume' "
                "continues from the last finished stage",
            )
            failed.exit_code = exc.exit_code  # a configuration error inside a run is still a configuration error
            raise failed from exc
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (guancha.interrupts raises it the same way)
            how = stopped_by(exc)
            last = (store.get_run(db, run.id) or run).last_stage
            store.set_run_status(db, run.id, "failed", error=f"interrupted ({how})")
            interrupted = RunInterrupted(
                f"run {spec.id} {day} v{run.version} interrupted ({how})"
                + (f" after the {last} stage" if last else " before its first stage finished"),
                fix=f"'guancha run {spec.id} --date {day} --resume' continues from there; "
                f"'guancha runs abandon {run.id[:12]}' gives it up",
            )
            interrupted.exit_code = stop_exit_code(exc)
            raise interrupted from None
        final = store.get_run(db, run.id)
        assert final is not None
        return _published(workspace, _result(workspace, final, reused=False), progress)


def _published(workspace: Workspace, result: RunResult, progress: Progress | None) -> RunResult:
    """The publish stage after finalise: deliver a finalised report (and due retries); never a held one."""
    if result.status == "finalised":
        outcome = publish_stage(workspace, result.run_id, progress=progress)
        if outcome.counts or outcome.planned:
            result.summary["publish"] = outcome.model_dump(mode="json") | {"line": outcome.line()}
    return result


def _stage(ctx: RunContext, name: str, model: type[Any], work: Callable[[], Any]) -> Any:
    """Return the persisted output of stage ``name`` or compute and persist it."""
    saved = store.load_stage(ctx.db, ctx.run.id, name)
    if saved is not None:
        return model.model_validate(saved)
    ctx.progress(name, "started")
    started = utcnow()
    t0 = time.monotonic()
    output = work()
    store.save_stage(ctx.db, ctx.run.id, name, output.model_dump(mode="json"), started_at=started,
                     elapsed_ms=_ms(t0))
    ctx.progress(name, "done")
    return output


def _result(workspace: Workspace, run: store.RunRow, *, reused: bool) -> RunResult:
    db = workspace.db()
    report = store.get_report(db, run.id)
    paths: dict[str, str] = {}
    data: dict[str, Any] = {}
    if report is not None:
        restore_missing_files(report)
        paths = {k: report[f"{k}_path"] for k in ("md", "html", "json") if report[f"{k}_path"]}
        data = json.loads(report["json"])
    selection = store.load_stage(db, run.id, "select") or {}
    summary = {
        "title": data.get("title"),
        "quiet": data.get("quiet", False),
        "notes": data.get("notes", []),
        "stories": [
            {"headline": s["headline"], "subtitle": s["subtitle"], "words": s["words"],
             "urls": [data["citations"][lab]["url"] for lab in s["sources"] if lab in data["citations"]]}
            for s in data.get("stories", [])
        ],
        "papers": [{"title": p["title"], "url": p["url"]} for p in data.get("papers", [])],
        "counts": {
            "stories": len(data.get("stories", [])),
            "stories_wanted": selection.get("wanted"),
            "papers": len(data.get("papers", [])),
            "citations": len(data.get("citations", {})),
            "considered_articles": selection.get("considered_articles"),
            "heuristics": len(data.get("heuristics", [])),
        },
        "timings_ms": store.stage_timings(db, run.id),
        "models": store.run_model_usage(db, run.id),
        # the sources this run's collection could not read: a run on two of three sources says so
        "failed_sources": list((store.load_stage(db, run.id, "collect") or {}).get("failed_sources", [])),
    }
    drafts: dict[str, str] = {}
    if run.status == "held":
        drafts = {k: str(v) for k, v in draft_paths(workspace, run.watcher_id, run.report_date, run.version).items()
                  if v.exists()}
    return RunResult(run_id=run.id, watcher=run.watcher_id, date=run.report_date, version=run.version,
                     status=run.status, writer=run.writer, model=run.model, reused=reused, paths=paths,
                     summary=summary, draft_paths=drafts)
