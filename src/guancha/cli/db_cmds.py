"""``guancha db check``: is the workspace database file sound?"""

from __future__ import annotations

from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, plain, print_json, stdout, workspace_option
from guancha.store.db import integrity_problems


@click.group("db")
def db_group() -> None:
    """Look after the workspace database."""


@db_group.command("check")
@workspace_option
@json_option
def db_check_cmd(workspace_dir: Path | None, as_json: bool) -> None:
    """Run SQLite's integrity check on the workspace database (read-only; nothing is repaired or migrated).
    Exit code 1 when the file is damaged: restore it from a backup."""
    ws = get_workspace(workspace_dir)
    problems = integrity_problems(ws.db_path)
    if as_json:
        print_json({"database": str(ws.db_path), "ok": not problems, "problems": problems})
    elif problems:
        stdout.print(f"{plain(ws.db_path)}: damaged ({len(problems)} problem(s))")
        for problem in problems[:20]:
            stdout.print(f"  {plain(problem)}")
        stdout.print(f"fix: restore {plain(ws.db_path)} from a backup; to start over, move it aside and rerun")
    else:
        stdout.print(f"{plain(ws.db_path)}: ok")
    if problems:
        raise SystemExit(1)
