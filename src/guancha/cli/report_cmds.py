"""``guancha report``: a finalised report as the database holds it, whichever machine wrote it.

Every finalised report's Markdown, HTML and JSON live in the database; the files under ``reports_dir`` are a
copy. In a database-only workspace (``reports_dir: null``), or on a machine that did not run the watcher,
this is how a person reads one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from guancha.cli._common import get_workspace, plain, stdout, terminal_json, workspace_option
from guancha.errors import UsageError
from guancha.store.runs import finalised_report
from guancha.workspace import write_whole

COLUMNS = {"md": "markdown", "html": "html", "json": "json"}


@click.command("report")
@click.argument("watcher")
@click.argument("date", required=False, metavar="[DATE]")
@click.option("--format", "fmt", type=click.Choice(sorted(COLUMNS)), default="md", show_default=True)
@click.option("--version", "version", type=click.IntRange(min=1), help="This version (default: the newest).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of the terminal.")
@workspace_option
def report_cmd(watcher: str, date: str | None, fmt: str, version: int | None, output: Path | None,
               workspace_dir: Path | None) -> None:
    """Print WATCHER's finalised report of DATE (YYYY-MM-DD; default: its newest) from the database."""
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(f"{date!r} is not a date", fix="write it as YYYY-MM-DD, e.g. 2026-05-02") from None
    ws = get_workspace(workspace_dir)
    row = finalised_report(ws.db(), watcher, report_date=date, version=version)
    if row is None:
        what = f"{watcher!r}" + (f" on {date}" if date else "") + (f", version {version}" if version else "")
        raise UsageError(f"no finalised report of {what} in the workspace database",
                         fix="see the finalised reports with 'guancha status', or the site's index")
    text = str(row[COLUMNS[fmt]])
    if fmt == "json":
        text = terminal_json(json.dumps({**json.loads(text), "status": "finalised"}, indent=2, ensure_ascii=False))
    if output is not None:
        write_whole(output, text if text.endswith("\n") else text + "\n")
        stdout.print(f"wrote {plain(watcher)} {row['report_date']} v{row['version']} to {plain(output)}")
        return
    # the report quotes its sources: control codes (terminal escapes) print as '?', lines as they are
    click.echo(plain(text).rstrip("\n"))
