"""Shared CLI plumbing: error handling, the --workspace/--json options, output helpers."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from guancha.collect.urls import hide_url_secrets
from guancha.errors import GuanchaError, UsageError
from guancha.timeutil import FIRST_DAY, LAST_DAY
from guancha.workspace import Workspace, find_workspace
from guancha.yamlload import UNSAFE_CHARACTERS

F = TypeVar("F", bound=Callable[..., Any])

# Markup and emoji codes are off by default: most of what guancha prints comes from sources, models and
# users (titles, URLs, error texts, watcher names), and "[/i]" or ":m:" in them must print as written.
# A print that wants styling passes markup=True and wraps every untrusted piece in safe().
# C0 and C1 controls (0x9b is a one-byte CSI to some terminals), and the bidi overrides and isolates, which reorder
# what a terminal shows ("evil\u202egpj.exe" reads as "evilexe.jpg"). Lone surrogates too: a file name's
# undecodable byte (0x9b among them) is one, which the stream wrote back to the terminal as that raw byte
_CONTROL = re.compile(f"[{UNSAFE_CHARACTERS}\r]")
# what json.dumps(ensure_ascii=False) leaves raw of those: written as \uXXXX escapes, the same JSON data
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\t\n\r]")


class _Console(Console):
    """A console whose printed strings lose their control codes, as ``plain`` does: a finding quotes a briefing's
    link, a table a page's title, and an ESC in them must not drive the terminal (an OSC 8 link, a cleared
    screen) wherever a print forgot ``plain`` or ``safe``. Renderables (tables, Text) are their callers' care."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(plain(o) if isinstance(o, str) else o for o in objects), **kwargs)


stdout = _Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
stderr = _Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def plain(text: object) -> str:
    """Untrusted text for a plain (markup=False) print or a table cell: control codes (ESC, BEL, NUL) become '?', and
    a URL's password and secret query values ("?api_key=…") are shown as ``***``."""
    return hide_url_secrets(_CONTROL.sub("?", "" if text is None else str(text)))


def one_line(text: object) -> str:
    """``plain``, and a line break or tab shown as '?': for a file name printed at the head of its own lines, where
    a newline in the name could print a line that seems to be guancha's ("x.md: 0 error(s) - passes the gates")."""
    return _LINE_BREAK.sub("?", plain(text))


def safe(text: object) -> str:
    """Untrusted text inside a markup=True print: control codes removed and rich markup escaped.

    The one escaping function for terminal output; emoji codes stay literal because the consoles have emoji off.
    """
    return escape(plain(text))


def parse_day(value: str | None, option: str = "--date") -> dt.date | None:
    """A YYYY-MM-DD option's day (None when not given); a UsageError for text that is no date or a day out of range."""
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a date", fix="write it as YYYY-MM-DD, e.g. 2026-05-02") from exc
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(f"{option} {value} is out of range", fix=f"give a day from {FIRST_DAY} to {LAST_DAY}")
    return day


def report_error(exc: GuanchaError) -> None:
    """Print a library error the way users read it: what is wrong, then what to do."""
    stderr.print(f"[bold red]error:[/] {safe(exc.message)}", markup=True, highlight=False)
    if exc.fix:
        stderr.print(f"[bold]fix:[/] {safe(exc.fix)}", markup=True, highlight=False)


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
    sys.stdout.write(hide_url_secrets(terminal_json(json.dumps(data, indent=2, ensure_ascii=False, default=str))) + "\n")
    sys.stdout.flush()


def terminal_json(text: str) -> str:
    """JSON text with the controls ``json.dumps(ensure_ascii=False)`` leaves raw (C1, bidi) escaped as \\uXXXX:
    the same data to a parser, nothing for a terminal to act on."""
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
