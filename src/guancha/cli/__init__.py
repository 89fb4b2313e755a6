"""The ``guancha`` command line: argument parsing and output only; all work happens in the library.

Exit codes: 0 ok, 1 the work failed (e.g. a report held), 2 bad usage or config.

Commands are registered by name in ``COMMANDS`` and imported only when they run, so ``guancha --help``
and ``guancha --version`` never pay for the machinery (trafilatura, numpy, pydantic) behind them. The
short help shown in the command list lives beside each entry; a test keeps it equal to the command's own.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from guancha import __version__
from guancha.cli._group import LazyGroup

# name -> ("module:attribute", short help for the command list), in the order `guancha --help` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("guancha.cli.workspace_cmds:init_cmd", "Create a workspace: settings, a sample watcher, .env.example."),
    "demo": ("guancha.cli.demo_cmds:demo_cmd", "Brief on a bundled sample web served on 127.0.0.1 (offline)."),
    "eval": ("guancha.cli.eval_cmds:eval_cmd", "Score a watcher on a labelled sample web."),
    "run": ("guancha.cli.run_cmds:run_cmd", "Collect, select, write, check and finalise a briefing."),
    "collect": ("guancha.cli.collect_cmds:collect_cmd", "Fetch a watcher's fresh sources into the workspace database."),
    "sources": ("guancha.cli.collect_cmds:sources_cmd", "Each source's health over time."),
    "check": ("guancha.cli.check_cmds:check_cmd", "Lint a briefing file, a folder of them, or a run."),
    "review": ("guancha.cli.check_cmds:review_cmd", "What the check/revise loop did for a run."),
    "approve": ("guancha.cli.check_cmds:approve_cmd", "Release a held report, recording who and why."),
    "status": ("guancha.cli.check_cmds:status_cmd", "Recent runs, and held reports waiting for a person."),
    "serve": ("guancha.cli.serve_cmds:serve_cmd", "Run every scheduled watcher once per tick, until stopped."),
    "runs": ("guancha.cli.runs_cmds:runs_group", "Manage unfinished runs: abandon one that will not resume."),
    "publish": ("guancha.cli.publish_cmds:publish_cmd", "Deliver finalised reports: email, chat, webhooks."),
    "subscribers": ("guancha.cli.publish_cmds:subscribers_group", "A watcher's newsletter subscribers."),
    "report": ("guancha.cli.report_cmds:report_cmd", "Print a finalised report from the database (any machine's)."),
    "site": ("guancha.cli.site_cmds:site_group", "Build or preview the static site of every finalised report."),
    "import": ("guancha.cli.knowledge_cmds:import_cmd", "Bring an archive of existing briefings in."),
    "heuristics": ("guancha.cli.knowledge_cmds:heuristics_group", "The heuristics knowledge base: list, show, export..."),
    "models": ("guancha.cli.models_cmds:models_group", "Check configured models."),
    "db": ("guancha.cli.db_cmds:db_group", "The workspace database: check, migrate, copy to PostgreSQL."),
    "costs": ("guancha.cli.models_cmds:costs_cmd", "Model calls, tokens and dollars from the call ledger."),
    "weekly": ("guancha.cli.weekly_cmds:weekly_cmd", "The weekly synthesis of a watcher across its dailies."),
    "watchdog": ("guancha.cli.alarm_cmds:watchdog_cmd", "Check every alarm once; send each notice once (cron)."),
    "schedule": ("guancha.cli.alarm_cmds:schedule_group", "Emit systemd units or crontab lines for serve and watchdog."),
}


@click.group(cls=LazyGroup, commands_table=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="guancha")
def cli() -> None:
    """guancha: watchers that collect fresh sources, write sourced briefings, check them hard,
    and keep the heuristics they learn."""


def _printable_anywhere() -> None:
    """A terminal or pipe in a legacy encoding (PYTHONIOENCODING=latin-1, a cp1252 console) shows a character it
    cannot encode as '?' rather than ending the command with a UnicodeEncodeError traceback: a report's emoji
    reached one that way (found by a red-team pass). UTF-8 streams are left alone."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not encoding.startswith("utf"):
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> Any:
    _printable_anywhere()
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="guancha")
