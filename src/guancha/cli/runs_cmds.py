"""``guancha runs abandon``: give up on a run that was killed or failed, so the next run starts afresh."""

from __future__ import annotations

import os
from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, print_json, stdout, workspace_option


@click.group("runs")
def runs_group() -> None:
    """Manage runs that did not finish (see 'guancha status')."""


@runs_group.command("abandon")
@click.argument("run_ref", metavar="RUN")
@click.option("--why", default="abandoned from the command line", show_default=True,
              help="Why the run is given up (kept with the run).")
@click.option("--by", "who", default=None, help="Who abandons it (default: the current user).")
@workspace_option
@json_option
def abandon_cmd(run_ref: str, why: str, who: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Give up on RUN (a run id or its first characters, or WATCHER/DATE) when it was killed or failed: it is
    kept as failed with who abandoned it and why, and the next 'guancha run' of that watcher and date starts
    a new version. A run whose process is still alive is refused."""
    from guancha.cli.check_cmds import _user
    from guancha.review import resolve_run
    from guancha.runstate import abandon_run

    ws = get_workspace(workspace_dir)
    result = abandon_run(ws, resolve_run(ws.db(), run_ref)["id"], who=who or os.environ.get("GUANCHA_USER") or _user(), why=why)
    if as_json:
        print_json(result)
        return
    stdout.print(f"Abandoned run {result['run_id'][:12]} ({result['watcher']} {result['date']} v{result['version']}). "
                 f"Next: {result['next']}", markup=False)
