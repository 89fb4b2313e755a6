"""``guancha init``."""

from __future__ import annotations

from pathlib import Path

import click

from guancha.cli._common import stdout
from guancha.workspace import init_workspace


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--force", is_flag=True, help="Overwrite template files that already exist.")
def init_cmd(directory: Path, force: bool) -> None:
    """Create a workspace in DIRECTORY: settings, an example watcher and .env.example."""
    written = init_workspace(directory, force=force)
    stdout.print(f"Created a guancha workspace in {directory.resolve()}:")
    for path in written:
        stdout.print(f"  {path.relative_to(directory)}")
    stdout.print("Next: edit watchers/china-ai.yaml, then run 'guancha collect china-ai'.")
