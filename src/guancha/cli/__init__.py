"""The ``guancha`` command line: argument parsing and output only; all work happens in the library.

Exit codes: 0 ok, 1 the work failed (e.g. a report held), 2 bad usage or config.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from guancha import __version__
from guancha.cli._common import GuanchaGroup
from guancha.cli.check_cmds import approve_cmd, check_cmd, review_cmd, status_cmd
from guancha.cli.collect_cmds import collect_cmd, sources_cmd
from guancha.cli.demo_cmds import demo_cmd
from guancha.cli.knowledge_cmds import heuristics_group, import_cmd
from guancha.cli.models_cmds import costs_cmd, models_group
from guancha.cli.run_cmds import run_cmd
from guancha.cli.site_cmds import site_group
from guancha.cli.workspace_cmds import init_cmd


@click.group(cls=GuanchaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="guancha")
def cli() -> None:
    """guancha: watchers that collect fresh sources, write sourced briefings, check them hard,
    and keep the heuristics they learn."""


cli.add_command(init_cmd)
cli.add_command(demo_cmd)
cli.add_command(run_cmd)
cli.add_command(collect_cmd)
cli.add_command(sources_cmd)
cli.add_command(check_cmd)
cli.add_command(review_cmd)
cli.add_command(approve_cmd)
cli.add_command(status_cmd)
cli.add_command(import_cmd)
cli.add_command(heuristics_group)
cli.add_command(models_group)
cli.add_command(costs_cmd)
cli.add_command(site_group)


def main(argv: list[str] | None = None) -> Any:
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="guancha")
