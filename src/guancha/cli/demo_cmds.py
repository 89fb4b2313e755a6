"""``guancha demo``: the full briefing over a sample web served on loopback (no network, no keys)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.table import Table

from guancha.cli._common import json_option, plain, print_json, stdout
from guancha.collect.models import CollectionResult, ProgressUpdate

if TYPE_CHECKING:
    from guancha.publish.site import SiteBuildResult


def collection_table(result: CollectionResult) -> Table:
    """The collection summary, one row per figure a person checks first."""
    table = Table(title=f"Collection {result.collection_id} for {plain(result.watcher_id)}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("sources ok / partial / failed", f"{result.sources_ok} / {result.sources_partial} / {result.sources_failed}"),
        ("fetches (errors)", f"{result.fetches} ({result.fetch_errors})"),
        ("conditional requests / not modified", f"{result.conditional_requests} / {result.not_modified}"),
        ("articles seen / new", f"{result.articles_seen} / {result.articles_new}"),
        ("in window / out of window / undated", f"{result.in_window} / {result.out_of_window} / {result.undated}"),
        ("duplicates exact / near", f"{result.duplicates_exact} / {result.duplicates_near}"),
        ("truncated (size cap)", str(result.truncated)),
        ("text repaired", str(result.repaired)),
        ("from feed summary", str(result.from_feed_summary)),
        ("papers", str(result.papers)),
        ("bytes fetched", f"{result.bytes_fetched:,}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def errors_table(result: CollectionResult, base: str = "") -> Table:
    """Source problems; URLs on the demo server are shown as paths so the table stays readable."""
    table = Table(title="Source problems", show_header=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("where", overflow="fold")
    table.add_column("message", overflow="fold")
    for err in result.errors:
        where = err.url or err.source or ""
        if base and where.startswith(base):
            where = where[len(base):]
        table.add_row(err.severity, plain(err.kind), plain(where), plain(err.message))
    return table


@click.command("demo")
@click.option("--sample", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A sample web directory (site/, watcher.yaml, expected.yaml). Default: the bundled China AI sample.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to pretend it is (default: the sample's 'date:'); collection runs as of 23:59:59 UTC.")
@click.option("--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to make the demo workspace (default: a new temporary directory, printed).")
@click.option("--writer", type=click.Choice(["extractive", "llm"]), default=None,
              help="Who writes the briefing (default: extractive, or llm when --model is given).")
@click.option("--model", default=None, help="provider:model for the llm writer, e.g. local:smollm2.")
@json_option
def demo_cmd(sample: Path | None, day: dt.datetime | None, workspace_dir: Path | None, writer: str | None,
             model: str | None, as_json: bool) -> None:
    """Serve a sample web on 127.0.0.1 and run its watcher's briefing there: collect, select stories, write,
    render Markdown/HTML/JSON; print where the report went and a summary."""
    from guancha.cli.run_cmds import next_steps, print_summary
    from guancha.demo import run_demo

    date = day.date() if day is not None else None
    if as_json:
        result = run_demo(sample, date=date, workspace=workspace_dir, writer=writer, model=model)
        print_json({**result.model_dump(mode="json"), "site": _build_demo_site(result.workspace).summary()})
    else:
        from guancha.cli.progress import RunProgress, progress_wanted

        with RunProgress(progress_wanted(as_json)) as progress:

            def on_progress(update: ProgressUpdate) -> None:
                progress("collect", f"{update.done}/{update.total} {update.message}".strip())

            result = run_demo(sample, date=date, workspace=workspace_dir, progress=on_progress, writer=writer,
                              model=model, stage_progress=progress)
        stdout.print(f"workspace: {result.workspace}")
        if workspace_dir is None:
            stdout.print(f"  (a new temporary folder; remove it with 'rm -rf {result.workspace}', or pass "
                         "--workspace DIR to keep the demo in a folder you choose)", markup=False)
        stdout.print(f"sample: {result.sample} served at {result.base}")
        stdout.print(f"as of: {result.as_of.isoformat()} (window {result.collection.window_hours} h)")
        stdout.print(collection_table(result.collection))
        if result.collection.errors:
            stdout.print(errors_table(result.collection, result.base))
        print_summary(result.run)
        for line in next_steps(result.run, f" --workspace {result.workspace}"):
            stdout.print(line, markup=False)
        site = _build_demo_site(result.workspace)
        stdout.print(f"site: {site.out}", markup=False)
        stdout.print(f"preview it: guancha site serve --workspace {result.workspace}", markup=False)
    if not result.collection.ok or result.run.status == "held":
        raise click.exceptions.Exit(1)


def _build_demo_site(workspace: Path) -> SiteBuildResult:
    """The demo's last step: the static site of the workspace (held reports never appear on it)."""
    from guancha.publish.site import build_site
    from guancha.workspace import open_workspace

    ws = open_workspace(workspace)
    try:
        return build_site(ws)
    finally:
        ws.close()
