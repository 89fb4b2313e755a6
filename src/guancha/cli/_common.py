"""Shared CLI plumbing: error handling, the --workspace/--json options, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from guancha.errors import GuanchaError
from guancha.workspace import Workspace, find_workspace

F = TypeVar("F", bound=Callable[..., Any])

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(exc: GuanchaError) -> None:
    """Print a library error the way users read it: what is wrong, then what to do."""
    stderr.print(f"[bold red]error:[/] {exc.message}", markup=True, highlight=False)
    if exc.fix:
        stderr.print(f"[bold]fix:[/] {exc.fix}", markup=True, highlight=False)


class GuanchaGroup(click.Group):
    """A click group that turns GuanchaError into a message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GuanchaError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:  # Ctrl-C outside a run: stop quietly, no traceback
            stderr.print("interrupted", markup=False)
            ctx.exit(130)


def workspace_option(func: F) -> F:
    return click.option(
        "--workspace",
        "-w",
        "workspace_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Workspace directory (default: $GUANCHA_HOME, else the current directory or a parent).",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def get_workspace(workspace_dir: Path | None) -> Workspace:
    return find_workspace(workspace_dir)


def print_json(data: Any) -> None:
    """JSON to stdout, nothing else; dates and paths become strings."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
