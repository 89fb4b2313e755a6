"""``guancha collect`` and ``guancha sources``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from guancha.cli._common import (
    get_workspace,
    json_option,
    plain,
    print_json,
    safe,
    stderr,
    stdout,
    workspace_option,
)
from guancha.collect import CollectionResult, ProgressUpdate, collect_watcher
from guancha.collect.engine import source_identity
from guancha.errors import UsageError
from guancha.store import collect as store
from guancha.timeutil import parse_iso


def _parse_as_of(value: str | None) -> dt.datetime | dt.date | None:
    if value is None:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return parse_iso(value)
    except ValueError as exc:
        raise UsageError(
            f"--as-of {value!r} is not an ISO date or time",
            fix="write it like 2026-05-02 or 2026-05-02T18:00:00Z",
        ) from exc


@click.command("collect")
@click.argument("watcher")
@click.option("--as-of", "as_of", default=None, help="Reference time of the freshness window (ISO; a date means its end, UTC). "
              "Default: the spec's date: if set, else now.")
@workspace_option
@json_option
def collect_cmd(watcher: str, as_of: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Collect WATCHER's sources (feeds, arXiv, search feeds, pages) into the workspace database.

    WATCHER is a watcher id from the workspace's watchers/ directory, or a path to a spec file.
    Exit code 0 when at least one source worked, 1 when every source failed, 2 on a bad spec.
    """
    workspace = get_workspace(workspace_dir)
    spec, spec_path = workspace.watcher(watcher)
    reference = _parse_as_of(as_of)
    if as_json:
        result = collect_watcher(workspace, spec, spec_path=spec_path, as_of=reference)
        print_json(result.model_dump(mode="json"))
    else:
        with Progress(
            TextColumn("[bold]collect[/] {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
        ) as bar:
            task = bar.add_task(spec.id, total=len(spec.sources))

            def show(update: ProgressUpdate) -> None:
                bar.update(task, completed=update.done, total=max(update.total, 1),
                           description=f"{safe(spec.id)}: {safe(update.message[:50])}")

            result = collect_watcher(workspace, spec, spec_path=spec_path, as_of=reference, progress=show)
        _print_result(result)
    workspace.close()
    if not result.ok:
        raise click.exceptions.Exit(1)


def _print_result(result: CollectionResult) -> None:
    stdout.print(
        f"[bold]{safe(result.watcher_id)}[/]: collection {result.collection_id[:12]} {result.status} in {result.elapsed_s:.1f}s "
        f"(window {result.window_hours}h to {result.as_of.isoformat()})", markup=True
    )
    stdout.print(
        f"  sources: {result.sources_ok} ok, {result.sources_partial} partial, {result.sources_failed} failed "
        f"of {result.sources_total}"
    )
    stdout.print(
        f"  fetches: {result.fetches} ({result.fetch_errors} failed, {result.not_modified} not modified, "
        f"{result.bytes_fetched:,} bytes)"
    )
    stdout.print(
        f"  articles: {result.articles_seen} seen ({result.articles_new} new, {result.articles_seen_again} again; "
        f"{result.papers} papers); {result.in_window} in window, {result.out_of_window} outside, {result.undated} undated"
    )
    stdout.print(
        f"  duplicates: {result.duplicates_exact} exact, {result.duplicates_near} near; "
        f"{result.truncated} truncated, {result.repaired} with repaired text, {result.from_feed_summary} from feed summaries"
    )
    if result.errors:
        stdout.print(f"  problems ({len(result.errors)}):")
        for err in result.errors:
            stdout.print(f"    [{err.severity}] {plain(err.kind)}: {plain(err.url or err.source)} — {plain(err.message)}")
            if err.fix:
                stdout.print(f"      fix: {plain(err.fix)}")


def short_target(target: str, width: int = 40) -> str:
    """A source URL (or query) cut to fit a table column: the host and the end of the path, with an ellipsis
    for what was left out. ``--wide`` and ``--json`` show it whole."""
    if len(target) <= width:
        return target
    parts = urlsplit(target)
    if parts.scheme in ("http", "https") and parts.netloc:
        tail = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.path
        short = f"{parts.netloc}/…/{tail}" if parts.path.count("/") > 1 else f"{parts.netloc}{parts.path}"
        if len(short) <= width:
            return short
        target = short
    return target[: width - 1] + "…"


@click.command("sources")
@click.argument("watcher")
@click.option("--all", "show_all", is_flag=True, help="Also show sources no longer in the spec.")
@click.option("--wide", is_flag=True, help="Show each source's URL whole (default: shortened to fit the table).")
@workspace_option
@json_option
def sources_cmd(watcher: str, show_all: bool, wide: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Show the health of WATCHER's sources over time: last success, last error, items seen, fetches."""
    workspace = get_workspace(workspace_dir)
    spec, _ = workspace.watcher(watcher)
    current = [store.source_id(spec.id, *source_identity(s)) for s in spec.sources]
    health = store.source_health(workspace.db(), spec.id, current)
    if not show_all:
        health = [h for h in health if h["in_spec"]]
    workspace.close()
    if as_json:
        print_json({"watcher": spec.id, "sources": health})
        return
    if not health:
        stdout.print(f"{spec.id} has not been collected yet: run 'guancha collect {spec.id}'.")
        return
    table = Table(title=f"{plain(spec.id)}: sources", show_lines=False)
    table.add_column("source", overflow="fold", min_width=None if wide else 30)
    for column in ("last status", "history", "last success", "last error", "items", "fetches"):
        table.add_column(column, overflow="fold")
    for src in health:
        error = src["last_error"]
        target = src["target"] if wide else short_target(src["target"])
        when = (lambda at: at if wide or not at else at[:16].replace("T", " "))  # noqa: E731 - a one-line view
        table.add_row(
            plain(f"{src['kind']}: {target}"),
            src["last_status"] or "never run",
            " ".join(src["history"][:5]),
            when(src["last_success_at"]) or "-",
            plain(f"{error['kind']} ({when(error['at'])})") if error else "-",
            str(src["items_seen"]),
            f"{src['fetch_count']} ({src['fetch_failures']} failed)",
        )
    stdout.print(table)
