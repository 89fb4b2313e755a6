"""The top-level click group: commands imported on first use, library errors turned into exit codes.

This module imports click alone, so that listing commands and printing the version stay instant.
"""

from __future__ import annotations

import importlib
import sqlite3
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from guancha.errors import GuanchaError


class LazyGroup(click.Group):
    """A click group whose commands are named up front and imported only when one is invoked."""

    def __init__(self, *args: Any, commands_table: dict[str, tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands_table = dict(commands_table or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.commands_table, *(name for name in super().list_commands(ctx) if name not in self.commands_table)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands_table and cmd_name not in self.commands:
            target, short_help = self.commands_table[cmd_name]
            command = load_command(target)
            command.short_help = short_help
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table's short help, without importing any command."""
        rows = [(name, short) for name, (_, short) in self.commands_table.items()]
        rows += [(name, cmd.get_short_help_str()) for name, cmd in self.commands.items() if name not in self.commands_table]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from guancha.errors import GuanchaError, StoreError
        from guancha.interrupts import stop_exit_code, stop_on_sigterm, stopped_by

        try:
            with stop_on_sigterm():  # SIGTERM stops a command the way Ctrl-C does, through the handlers below
                return super().invoke(ctx)
        except GuanchaError as exc:
            _report(exc)
            ctx.exit(exc.exit_code)
        except sqlite3.OperationalError as exc:
            _report(StoreError(f"the workspace database could not be used ({exc})", fix=_sqlite_fix(str(exc))))
            ctx.exit(1)
        except sqlite3.DatabaseError as exc:
            # the library names the file when it opens the database; a page damaged later surfaces here
            _report(StoreError(f"the workspace database is damaged ({exc})",
                               fix="run 'guancha db check'; restore the database file from a backup"))
            ctx.exit(1)
        except OSError as exc:   # a file the command had to write or read: a read-only mount, permissions, a full disk
            where = exc.filename or "a file of the workspace"
            _report(StoreError(f"could not use {where}: {exc.strerror or type(exc).__name__}",
                               fix=f"check that {where} can be written (its permissions, a read-only mount, the disk's "
                                   "free space), then run the command again; what was finished is kept"))
            ctx.exit(1)
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM outside a run: stop quietly, no traceback
            import sys

            sys.stderr.write(f"interrupted ({stopped_by(exc)})\n")
            ctx.exit(stop_exit_code(exc))
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # data no rule foresaw (a database row of the wrong type: 'x' as a report's version) or a bug: the user
            # gets what failed and where, never a traceback (found by a red-team pass); GUANCHA_DEBUG=1 shows it
            import os

            if os.environ.get("GUANCHA_DEBUG"):
                raise
            _report(GuanchaError(f"internal error: {_unexpected(exc)}",
                                 fix="run the command again with GUANCHA_DEBUG=1 to see the traceback, and report it "
                                     "with that output"))
            ctx.exit(1)


def _unexpected(exc: Exception) -> str:
    """One line for an exception no handler expected: its type, its first 300 characters, and the last place in
    guancha's own code it passed (``publish/site.py:246``)."""
    import traceback
    from pathlib import Path

    package = Path(__file__).resolve().parents[1]
    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(package):
            where = f" (in {path.relative_to(package).as_posix()}:{frame.lineno})"
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}{': ' + text if text else ''}{where}"


def _sqlite_fix(message: str) -> str:
    """The fix for SQLite's own words: a full disk told the user to look for a stuck guancha first (found by a
    red-team pass on a full file system)."""
    if "full" in message:
        return "free space on the disk that holds the workspace, then run the command again; what was finished is kept"
    if "readonly" in message or "read-only" in message:
        return "make the database file and its folder writable (or move the workspace off a read-only mount)"
    if "locked" in message or "busy" in message:
        return "another guancha is using the database: wait for it to finish, or stop it if it is stuck"
    return "check that no other guancha is stuck holding it, its permissions and disk space"


def _report(exc: GuanchaError) -> None:
    from guancha.cli._common import report_error

    report_error(exc)


def load_command(target: str) -> click.Command:
    """Import ``module:attribute`` and return the click command it names."""
    module_name, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command
