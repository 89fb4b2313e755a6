"""``guancha weekly``: the weekly synthesis of one watcher across a week's dailies."""

from __future__ import annotations

from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, parse_day, print_json, stdout, workspace_option
from guancha.errors import UsageError


@click.command("weekly")
@click.argument("watcher")
@click.option("--week", default=None, help="ISO week, e.g. 2026-W18 (default: last week).")
@click.option("--date", "date_", default=None, help="A day (YYYY-MM-DD) inside the week instead of --week.")
@click.option("--writer", type=click.Choice(["extractive", "llm"]), default=None,
              help="extractive (threads with links) or llm (adds a synthesis; default: llm when a model is set).")
@click.option("--model", default=None, help="provider:model for the llm writer (default: the spec's models.writer).")
@click.option("--new-version", is_flag=True, help="Write a new version even if this week's synthesis exists.")
@workspace_option
@json_option
def weekly_cmd(watcher: str, week: str | None, date_: str | None, writer: str | None, model: str | None,
               new_version: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Write WATCHER's weekly synthesis: the story threads that continued across the week's dailies, what
    changed, and the heuristics the week's evidence confirmed or challenged.

    Running it again for the same week returns the existing synthesis unless --new-version.
    Exit code 1 when it is held (failed a check).
    """
    from guancha.weekly import weekly_briefing

    if week is not None and date_ is not None:
        raise UsageError("--week and --date both pick the week", fix="pass only one of them")
    day = None
    if date_ is not None:
        day = parse_day(date_)
    ws = get_workspace(workspace_dir)
    result = weekly_briefing(ws, watcher, week=week, date=day, writer=writer, model=model,  # type: ignore[arg-type]
                             new_version=new_version)
    if as_json:
        print_json(result.model_dump(mode="json"))
    else:
        what = "existing" if result.reused else "written"
        stdout.print(f"{result.watcher} {result.week} v{result.version}: {result.status} ({what}, {result.writer}); "
                     f"{len(result.dailies)} dailies, {result.threads} threads, {result.continued} continued",
                     markup=False)
        for f in result.findings:
            stdout.print(f"  {f['severity']:<7} {f['rule']}: {f['message']}", markup=False)
        for kind, path in result.paths.items():
            stdout.print(f"  {kind}: {path}", markup=False)
    if result.status == "held":
        raise SystemExit(1)
