"""``guancha run``: one watcher's briefing for one date (collect → select → write → render → finalise)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from guancha.cli._common import (
    get_workspace,
    json_option,
    parse_day,
    plain,
    print_json,
    safe,
    stdout,
    workspace_option,
)
from guancha.run import RunResult, run_watcher


def print_summary(result: RunResult) -> None:
    """The human-readable summary of a run (the --json form carries the same facts)."""
    s = result.summary
    verb = "Existing report" if result.reused else "Report"
    model = ", model " + safe(result.model) if result.model else ""
    stdout.print(f"[bold]{verb}:[/] {safe(s.get('title') or result.watcher)} (v{result.version}, {result.status}, "
                 f"writer {safe(result.writer)}{model})", markup=True)
    for ext in ("md", "html", "json"):
        if ext in result.paths:
            stdout.print(f"  {ext:4} {plain(result.paths[ext])}")
    for note in s.get("notes", []):
        stdout.print(f"[italic]{safe(note)}[/]", markup=True)
    for i, story in enumerate(s.get("stories", []), 1):
        n = len(story["urls"])
        stdout.print(f"{i}. {plain(story['headline'])} ({story['words']} words, {n} source{'' if n == 1 else 's'})")
    counts = s.get("counts", {})
    stdout.print(f"Stories {counts.get('stories')}/{counts.get('stories_wanted')}, papers {counts.get('papers')}, "
                 f"citations {counts.get('citations')}, articles considered {counts.get('considered_articles')}")
    timings = s.get("timings_ms", {})
    if timings:
        stdout.print("Timings: " + ", ".join(f"{k} {v / 1000:.2f}s" for k, v in timings.items()))
    if s.get("publish"):
        stdout.print(f"Published: {s['publish']['line']}", markup=False)
    models = s.get("models", {})
    if models.get("calls"):
        stdout.print(f"Model: {models['calls']} calls ({models.get('cached', 0)} cached), "
                     f"{models.get('tokens_in', 0)} tokens in, {models.get('tokens_out', 0)} out, "
                     f"${models.get('cost_usd', 0.0):.4f}")


def next_steps(result: RunResult, workspace_arg: str = "") -> list[str]:
    """What to do next with this run, as commands to type: open the report, or read and approve a held one; first, the
    sources the run could not read, if any (the report was written without them)."""
    ref = f"{result.watcher}/{result.date}"
    failed = [plain(f) for f in result.summary.get("failed_sources", [])]
    problems: list[str] = []
    if failed:
        shown = ", ".join(failed[:3]) + (f" and {len(failed) - 3} more" if len(failed) > 3 else "")
        problems.append(f"Sources that failed: {len(failed)} ({shown}); the report uses the others. See why: "
                        f"guancha sources {result.watcher}{workspace_arg}")
    if result.status == "held":
        lines = [*problems, f"Held: the checks did not pass; nothing was published. Read the draft: guancha review {ref} "
                 f"--draft{workspace_arg}"]
        if result.draft_paths.get("html"):
            lines.append(f"  (or open {result.draft_paths['html']}); see why: guancha review {ref}{workspace_arg}")
        lines.append(f"Release it after checking: guancha approve {ref} --why \"what you checked\"{workspace_arg}")
        return lines
    if result.paths.get("html"):
        return [*problems, f"Next: open {result.paths['html']}, or guancha check {ref}{workspace_arg}"]
    return [*problems, f"Next: guancha status{workspace_arg}"]


@click.command("run")
@click.argument("watcher")
@click.option("--date", "date_", default=None, help="Report date YYYY-MM-DD (default: the spec's date, else today UTC).")
@click.option("--writer", type=click.Choice(["extractive", "llm"]), default=None,
              help="Who writes: extractive (no model) or llm (default: llm when a model is set, else extractive).")
@click.option("--model", default=None, help="provider:model for the llm writer (default: the spec's models.writer).")
@click.option("--resume", is_flag=True, help="Continue an unfinished run from its last finished stage.")
@click.option("--new-version", is_flag=True, help="Write a new version even if a report for this date exists.")
@click.option("--no-collect", is_flag=True, help="Use what earlier collections stored instead of collecting now.")
@click.option("--on-model-error", type=click.Choice(["stop", "fallback"]), default="stop", show_default=True,
              help="When a model call fails: stop (resumable) or write that part extractively.")
@workspace_option
@json_option
def run_cmd(watcher: str, date_: str | None, writer: str | None, model: str | None, resume: bool,
            new_version: bool, no_collect: bool, on_model_error: str, workspace_dir: Path | None,
            as_json: bool) -> None:
    """Write WATCHER's briefing for a date: collect, select stories, write, render, finalise.

    Running the same watcher and date again returns the existing report unless --new-version.
    Exit code 1 when the report is held (failed a check) or the run failed.
    """
    from guancha.cli.progress import RunProgress, progress_wanted

    ws = get_workspace(workspace_dir)
    with RunProgress(progress_wanted(as_json)) as progress:
        result = run_watcher(ws, watcher, report_date=parse_day(date_), writer=writer, model=model,  # type: ignore[arg-type]
                             resume=resume, new_version=new_version, collect=not no_collect,
                             on_model_error=on_model_error, progress=progress)  # type: ignore[arg-type]
    if as_json:
        out: dict[str, Any] = result.model_dump(mode="json")
        print_json(out)
    else:
        print_summary(result)
        for line in next_steps(result, f" --workspace {ws.root}" if workspace_dir is not None else ""):
            stdout.print(line, markup=False)
    if result.status == "held":
        raise SystemExit(1)
