"""``guancha db``: check a SQLite file, apply migrations, copy a workspace's SQLite database to PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, plain, print_json, stdout, workspace_option
from guancha.errors import UsageError
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
    if ws.database_url is not None:
        raise UsageError("'guancha db check' runs SQLite's integrity check; this workspace uses PostgreSQL",
                         fix="check a PostgreSQL database with its own tools (pg_amcheck), or unset GUANCHA_DATABASE_URL")
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


@db_group.command("migrate")
@workspace_option
@json_option
def db_migrate_cmd(workspace_dir: Path | None, as_json: bool) -> None:
    """Apply the migrations this guancha has and the workspace database lacks (SQLite or PostgreSQL).
    Every command does this on first use; run it once by hand on a shared PostgreSQL before the workers."""
    from guancha.store.db import Database

    ws = get_workspace(workspace_dir)
    url = ws.database_url
    with Database(url if url is not None else ws.db_path, migrate=False) as db:
        applied = db.migrate()
        version, where = db.schema_version(), db.location
    if as_json:
        print_json({"database": where, "backend": "postgresql" if url else "sqlite", "applied": applied,
                    "schema_version": version})
        return
    done = ", ".join(f"{n:03d}" for n in applied) if applied else "none (up to date)"
    stdout.print(f"{plain(where)}: schema version {version}; applied now: {done}")


@db_group.command("copy")
@click.option("--to", "target", required=True, metavar="postgresql://...",
              help="The PostgreSQL database to copy into (made and migrated if it has no tables yet).")
@click.option("--from", "source", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The SQLite file to copy (default: the workspace's database file).")
@click.option("--replace", is_flag=True, help="Empty the target's guancha tables first (it refuses data otherwise).")
@workspace_option
@json_option
def db_copy_cmd(target: str, source: Path | None, replace: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Copy the workspace's SQLite database to PostgreSQL, table by table, in one transaction; then verify
    each table's row count and contents on both sides and print them. Afterwards point the workspace at it
    ('database: postgresql://...' in guancha.yaml, or GUANCHA_DATABASE_URL)."""
    from guancha.store.copy import copy_to_postgres
    from guancha.store.pg import masked

    if source is None:
        source = get_workspace(workspace_dir).db_path
    results = copy_to_postgres(source, target, replace=replace)
    if as_json:
        print_json({"from": str(source), "to": masked(target), "ok": all(r.ok for r in results),
                    "tables": [{"table": r.table, "source_rows": r.source_rows, "target_rows": r.target_rows,
                                "same_content": r.same_content} for r in results]})
        return
    width = max((len(r.table) for r in results), default=5)
    stdout.print(f"{'table'.ljust(width)}  {'sqlite':>9}  {'postgresql':>10}  verified")
    for r in results:
        stdout.print(f"{r.table.ljust(width)}  {r.source_rows:>9}  {r.target_rows:>10}  "
                     f"{'ok' if r.ok else 'DIFFERENT'}")
    total = sum(r.target_rows for r in results)
    stdout.print(f"{len(results)} tables, {total} rows copied from {plain(source)} to {plain(masked(target))}; "
                 "every count and value verified")
