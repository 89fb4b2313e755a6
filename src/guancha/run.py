"""The orchestrator: collect → select → write → render → finalise, each stage a plain function with typed
input and output, each output persisted before the next stage starts.

A run is identified by (watcher, report date, version). Killed at any point, ``resume=True`` continues from
the last persisted stage; inside the write stage every story (and papers, implications, heuristics) is
persisted on its own, so finished model calls are never repeated. Running the same watcher and date again
returns the existing report unless ``new_version=True``. Only finalising touches the ledger (used URLs and
story fingerprints) and writes files under ``reports/<watcher>/``; a report that a later check stage holds
is never finalised.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from guancha.check.loop import CheckOutcome, stage_check
from guancha.errors import GuanchaError, UsageError
from guancha.select import Selection, select, views_for
from guancha.spec import WatcherSpec
from guancha.store import content_key, utcnow
from guancha.store import runs as store
from guancha.workspace import Workspace
from guancha.write.base import Draft, SourceBook, StoryDraft
from guancha.write.render import RenderedReport, render, to_json

Writer = Literal["extractive", "llm"]
Progress = Callable[[str, str], None]
STAGES = ("collect", "select", "write", "render", "check", "finalise")


class RunFailed(GuanchaError):
    """A stage failed; finished stages are kept and ``--resume`` continues from there."""


class CollectionFailed(GuanchaError):
    """Every source of the watcher failed: an outage, not a quiet day."""


# --------------------------------------------------------------------------- typed stage outputs


class CollectOutput(BaseModel):
    collection_id: str | None
    as_of: str
    window_hours: int
    articles: int = 0
    in_window: int = 0
    failed_sources: list[str] = Field(default_factory=list)
    summary: dict[str, Any] = Field(default_factory=dict)


class WriteOutput(BaseModel):
    draft: Draft
    book: SourceBook


class FinalOutput(BaseModel):
    status: str
    paths: dict[str, str]


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


@dataclass
class RunContext:
    workspace: Workspace
    spec: WatcherSpec
    spec_path: Path | None
    run: store.RunRow
    report_date: dt.date
    as_of: dt.datetime
    writer: Writer
    model: str | None
    on_model_error: Literal["fallback", "stop"] = "stop"
    progress: Progress = field(default=lambda stage, msg: None)
    model_factory: Callable[..., Any] | None = None
    collect_kwargs: dict[str, Any] = field(default_factory=dict)
    collect: bool = True

    @property
    def db(self) -> Any:
        return self.workspace.db()


# --------------------------------------------------------------------------- stages


def stage_collect(ctx: RunContext) -> CollectOutput:
    """Collect the watcher's sources for the window ending at ``as_of`` (see guancha.collect).

    With ``collect=False`` the run uses what earlier collections stored (e.g. after ``guancha collect``).
    """
    if not ctx.collect:
        return CollectOutput(collection_id=None, as_of=_iso(ctx.as_of), window_hours=ctx.spec.window_hours,
                             summary={"skipped": True})
    from guancha.collect import collect_watcher

    def progress(update: Any) -> None:
        ctx.progress("collect", f"{update.done}/{update.total} {update.message}".strip())

    kwargs = {"progress": progress, **ctx.collect_kwargs}
    result = collect_watcher(ctx.workspace, ctx.spec, spec_path=ctx.spec_path, as_of=ctx.as_of, **kwargs)
    failed = sorted({e.source or e.url or e.kind for e in result.errors if e.severity == "error"})
    if result.sources_total and result.sources_failed == result.sources_total:
        # Not a quiet day: nothing could be read at all. Finalising an empty report would hide the outage
        # (and claim the date), so the run stops here and --resume retries collection.
        first = next((e for e in result.errors if e.severity == "error"), None)
        example = f" (e.g. {first.url or first.source}: {first.message})" if first is not None else ""
        raise CollectionFailed(
            f"every one of the {result.sources_total} sources failed{example}",
            fix=f"check the network and the source URLs with 'guancha sources {ctx.spec.id}'",
        )
    return CollectOutput(
        collection_id=result.collection_id,
        as_of=_iso(ctx.as_of),
        window_hours=ctx.spec.window_hours,
        articles=result.articles_seen,
        in_window=result.in_window,
        failed_sources=failed,
        summary=result.model_dump(mode="json"),
    )


def stage_select(ctx: RunContext, collected: CollectOutput) -> Selection:
    return select(ctx.db, ctx.spec, as_of=ctx.as_of, report_date=ctx.report_date.isoformat())


def stage_write(ctx: RunContext, selection: Selection) -> WriteOutput:
    """Write every story (and papers, implications, heuristics), persisting each unit as it is finished."""
    ids = [a for s in selection.stories for a in s.article_ids] + [p.article_id for p in selection.papers]
    views = views_for(ctx.db, ctx.spec, ids)
    book = SourceBook.build(selection, views)
    emojis = [s.emoji for s in selection.stories]
    if ctx.writer == "llm":
        from guancha.write.llm import write_llm

        draft = write_llm(ctx, book, emojis)
    else:
        draft = write_extractive_persisted(ctx, book, emojis)
    return WriteOutput(draft=draft, book=book)


def write_extractive_persisted(ctx: RunContext, book: SourceBook, emojis: list[str],
                               reason: str | None = None) -> Draft:
    """The extractive writer, story by story, each story persisted (and reused on resume)."""
    from guancha.select import topic_text
    from guancha.textutil import embed, normalise_sentence, split_sentences
    from guancha.write.extractive import NO_MODEL_NOTE, write_paper_extractive, write_story_extractive

    topic_vec = embed([topic_text(ctx.spec)])[0]
    done = store.load_items(ctx.db, ctx.run.id, "write")
    seen: set[str] = set()
    stories: list[StoryDraft] = []
    for i, emoji in enumerate(emojis):
        key = f"story-{i}"
        if key in done:
            story = StoryDraft.model_validate(done[key])
            for p in story.paragraphs:
                seen.update(normalise_sentence(s) for s in split_sentences(_strip_cites(p)))
        else:
            t0 = time.monotonic()
            story = write_story_extractive(i, emoji, book.for_story(i), ctx.spec, seen, topic_vec=topic_vec,
                                           fallback_reason=reason)
            store.save_item(ctx.db, ctx.run.id, "write", key, story.model_dump(mode="json"),
                            elapsed_ms=_ms(t0))
        stories.append(story)
        ctx.progress("write", f"story {i + 1}/{len(emojis)}: {story.headline}")
    papers = [write_paper_extractive(p, topic_vec, seen) for p in book.papers()]
    note = NO_MODEL_NOTE if reason is None else f"{NO_MODEL_NOTE} ({reason})"
    return Draft(stories=stories, papers=papers, implications=[], heuristics=[], notes=[note], writer="extractive")


def _strip_cites(text: str) -> str:
    from guancha.write.base import CITE_RE

    return CITE_RE.sub("", text)


def stage_render(ctx: RunContext, selection: Selection, written: WriteOutput) -> RenderedReport:
    """Render Markdown/HTML/JSON and store them as a drafted report with its citations."""
    meta = run_metadata(ctx, selection)
    rendered = render(ctx.spec, ctx.report_date, written.book, written.draft, quiet_note=selection.note,
                      run_meta=meta)
    store.save_report(ctx.db, run=ctx.run, title=rendered.title, markdown=rendered.markdown, html=rendered.html,
                      json_text=to_json(rendered), citations=rendered.citation_rows())
    return rendered


# The check stage (guancha.check.loop.stage_check: gates, rubric, revision loop) takes the draft and either
# passes its best version to stage_finalise or the run calls store.hold_report(...): never published or ledgered.


def report_paths(ctx: RunContext) -> dict[str, Path]:
    base = ctx.workspace.reports_dir / ctx.spec.id
    stem = ctx.report_date.isoformat() + ("" if ctx.run.version == 1 else f".v{ctx.run.version}")
    return {ext: base / f"{stem}.{ext}" for ext in ("md", "html", "json")}


def stage_finalise(ctx: RunContext, selection: Selection, rendered: RenderedReport) -> FinalOutput:
    """Publish: write the files, mark the report finalised and add its URLs and stories to the ledger."""
    paths = report_paths(ctx)
    paths["md"].parent.mkdir(parents=True, exist_ok=True)
    data = dict(rendered.data)
    data["status"] = "finalised"
    contents = {"md": rendered.markdown, "html": rendered.html,
                "json": json.dumps(data, indent=2, ensure_ascii=False, default=str)}
    for ext, path in paths.items():
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(contents[ext], encoding="utf-8")
        tmp.replace(path)
    headlines = {s["index"]: s["headline"] for s in rendered.data["stories"]}
    fingerprints = [store.StoryFingerprint(s.fingerprint, headlines.get(i, ""), s.terms)
                    for i, s in enumerate(selection.stories)]
    store.finalise_report(ctx.db, run=ctx.run, paths={k: str(v) for k, v in paths.items()},
                          fingerprints=fingerprints, also=lambda cur: learn_heuristics_in(cur, ctx, rendered))
    return FinalOutput(status="finalised", paths={k: str(v) for k, v in paths.items()})


def learn_heuristics_in(cur: sqlite3.Cursor, ctx: RunContext, rendered: RenderedReport) -> list[str]:
    """The learn stage: keep a published report's heuristics in the knowledge base (new, reconfirmed, or a
    new version), citing the report. Runs inside the finalise transaction; recording is idempotent per report."""
    from guancha.knowledge.kb import KnowledgeBase
    from guancha.knowledge.schema import Heuristic

    kb = KnowledgeBase(ctx.db)
    title = str(rendered.data.get("title") or ctx.spec.title)
    if ctx.run.version > 1:
        title += f" (v{ctx.run.version})"
    kinds = []
    for entry in rendered.data.get("heuristics", []):
        heuristic = Heuristic.model_validate({k: v for k, v in entry.items() if k in Heuristic.model_fields})
        outcome = kb.record_in(cur, heuristic, source_ref=ctx.run.id, source_date=ctx.report_date,
                               source_title=title, watcher_id=ctx.spec.id)
        kinds.append(outcome.kind)
    return kinds


# --------------------------------------------------------------------------- orchestration


def default_as_of(report_date: dt.date, now: dt.datetime | None = None) -> dt.datetime:
    """The window ends at the last second of the report date (UTC, as collection reads a bare date), or now
    when that is still in the future."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    end = dt.datetime(report_date.year, report_date.month, report_date.day, 23, 59, 59, tzinfo=dt.UTC)
    return min(now, end)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


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
    model_factory: Callable[..., Any] | None = None,
    collect_kwargs: dict[str, Any] | None = None,
    collect: bool = True,
    spec_path: Path | None = None,
) -> RunResult:
    """Run (or resume, or return) the briefing of ``watcher`` for ``report_date``."""
    if isinstance(watcher, WatcherSpec):
        spec = watcher
    else:
        spec, spec_path = workspace.watcher(watcher)
    day = report_date or spec.date or dt.datetime.now(dt.UTC).date()
    db = workspace.db()
    store.ensure_watcher(db, watcher_id=spec.id, title=spec.title, spec_path=str(spec_path) if spec_path else None,
                         spec_hash=spec_hash(spec))
    existing = store.latest_run(db, spec.id, day.isoformat())
    if existing is not None and not new_version:
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
        version = existing.version + 1 if existing is not None else 1
        chosen_model = model or (spec.models.writer if writer in (None, "llm") else None)
        chosen_writer = writer or ("llm" if chosen_model else "extractive")
        if chosen_writer == "llm" and not chosen_model:
            raise UsageError("the llm writer needs a model", fix="pass --model provider:model or set models.writer "
                             "in the watcher spec")
        when = as_of or default_as_of(day)
        run = store.create_run(db, watcher_id=spec.id, report_date=day.isoformat(), version=version,
                               as_of=_iso(when), writer=chosen_writer, model=chosen_model, spec_hash=spec_hash(spec))
    store.set_run_status(db, run.id, "running")
    run = store.get_run(db, run.id) or run
    ctx = RunContext(
        workspace=workspace, spec=spec, spec_path=spec_path, run=run, report_date=day,
        as_of=dt.datetime.fromisoformat(run.as_of.replace("Z", "+00:00")), writer=chosen_writer,
        model=chosen_model, on_model_error=on_model_error, progress=progress or (lambda s, m: None),
        model_factory=model_factory, collect_kwargs=collect_kwargs or {}, collect=collect,
    )
    try:
        collected = _stage(ctx, "collect", CollectOutput, lambda: stage_collect(ctx))
        selection = _stage(ctx, "select", Selection, lambda: stage_select(ctx, collected))
        written = _stage(ctx, "write", WriteOutput, lambda: stage_write(ctx, selection))
        _stage(ctx, "render", RenderedReport, lambda: stage_render(ctx, selection, written))
        checked = _stage(ctx, "check", CheckOutcome, lambda: stage_check(
            ctx, selection, written.book, written.draft, collected.collection_id))
        if checked.status == "held":
            store.hold_report(db, run=run, reason=checked.reason)
        else:
            _stage(ctx, "finalise", FinalOutput, lambda: stage_finalise(ctx, selection, checked.rendered))
    except GuanchaError as exc:
        store.set_run_status(db, run.id, "failed", error=str(exc))
        raise RunFailed(
            f"run {spec.id} {day} v{run.version} stopped: {exc.message}",
            fix=(exc.fix + "; then " if exc.fix else "") + f"'guancha run {spec.id} --date {day} --resume' "
            "continues from the last finished stage",
        ) from exc
    final = store.get_run(db, run.id)
    assert final is not None
    return _published(workspace, _result(workspace, final, reused=False), progress)


def _published(workspace: Workspace, result: RunResult, progress: Progress | None) -> RunResult:
    """The publish stage after finalise: deliver a finalised report (and due retries); never a held one."""
    if result.status == "finalised":
        from guancha.publish.stage import publish_stage

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


def run_metadata(ctx: RunContext, selection: Selection) -> dict[str, Any]:
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
        "models": model_usage(ctx.db, ctx.run.id),
    }


def model_usage(db: Any, run_id: str) -> dict[str, Any]:
    """Calls, tokens, seconds and cost of this run's model calls, from the models ledger."""
    return store.run_model_usage(db, run_id)


def _result(workspace: Workspace, run: store.RunRow, *, reused: bool) -> RunResult:
    db = workspace.db()
    report = store.get_report(db, run.id)
    paths: dict[str, str] = {}
    data: dict[str, Any] = {}
    if report is not None:
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
        "models": model_usage(db, run.id),
    }
    return RunResult(run_id=run.id, watcher=run.watcher_id, date=run.report_date, version=run.version,
                     status=run.status, writer=run.writer, model=run.model, reused=reused, paths=paths,
                     summary=summary)
