"""The service definitions that run guancha by itself: systemd units (a service for ``guancha serve``, a
timer and a oneshot service for ``guancha watchdog``) or the equivalent crontab lines.

The watchdog's timer uses ``OnCalendar`` with ``Persistent=true``, so a check missed while the machine was off
runs once at boot; it is a separate unit from the worker, so a dead worker is still reported.
"""

from __future__ import annotations

import shlex
import sys
import unicodedata
from pathlib import Path

from guancha.errors import UsageError


def _systemd_quote(word: str) -> str:
    """One ExecStart word: double-quoted when it holds a space or a quote; '%' and '$' doubled (specifiers)."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if any(c.isspace() for c in escaped) or '"' in escaped or "\\" in escaped:
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def _one_line(text: str, what: str, fix: str) -> str:
    """``text`` unchanged, or a UsageError when it holds a control character or a line break: a unit file and a
    crontab are read line by line, so a workspace folder named "x\\n[Service]\\nExecStartPre=..." wrote a
    directive (or a cron job) of its own into the emitted units (found by a red-team pass). Quoting cannot help:
    neither format continues a quoted word over a line break."""
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        shown = text.encode("ascii", "backslashreplace").decode("ascii")[:200]
        raise UsageError(f"{what} {shown!r} holds a control character or line break (U+{ord(bad):04X}), which would "
                         "end a line of the units and start one of its own", fix=fix)
    return text


def _command(command: str | None) -> list[str]:
    words = shlex.split(command) if command else [sys.executable, "-m", "guancha"]
    for word in words:
        _one_line(word, "the command", "give --command without control characters or line breaks, or install "
                                       "guancha at a path that has none")
    return words


def _workspace_root(workspace: Path) -> Path:
    root = workspace.resolve()
    _one_line(str(root), "the workspace path", "move the workspace to a folder whose path has no control "
                                                "characters or line breaks, then emit the units again")
    return root


def systemd_units(workspace: Path, *, every_minutes: int = 10, command: str | None = None) -> dict[str, str]:
    """File name -> text of the three units for the workspace at ``workspace``."""
    root = _workspace_root(workspace)
    guancha = _command(command)

    def exec_line(*args: str) -> str:
        return " ".join(_systemd_quote(w) for w in [*guancha, *args, "--workspace", str(root)])

    where = str(root).replace("%", "%%")   # a path setting: the rest of the line, specifiers escaped, no quotes
    serve = f"""[Unit]
Description=guancha worker: runs the scheduled watchers of {where}
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
WorkingDirectory={where}
ExecStart={exec_line("serve")}
# SIGTERM stops the worker cleanly; a restart resumes interrupted runs.
KillSignal=SIGTERM
TimeoutStopSec=120
Restart=on-failure
RestartSec=30

[Install]
WantedBy=default.target
"""
    watchdog_service = f"""[Unit]
Description=guancha watchdog: alarms for late reports, failing sources, held reports, spend and a silent worker
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
WorkingDirectory={where}
ExecStart={exec_line("watchdog")}
# Exit 1 means an alarm is open (its notice went out); only a configuration error (2) fails the unit.
SuccessExitStatus=1
"""
    timer = f"""[Unit]
Description=Run the guancha watchdog every {every_minutes} minutes

[Timer]
OnCalendar=*:0/{every_minutes}
Persistent=true
RandomizedDelaySec=30
Unit=guancha-watchdog.service

[Install]
WantedBy=timers.target
"""
    return {"guancha-serve.service": serve, "guancha-watchdog.service": watchdog_service,
            "guancha-watchdog.timer": timer}


def cron_lines(workspace: Path, *, every_minutes: int = 10, command: str | None = None) -> str:
    """A crontab fragment: the worker started at boot, the watchdog every ``every_minutes`` minutes."""
    root = _workspace_root(workspace)
    guancha = " ".join(shlex.quote(w) for w in _command(command))
    where = shlex.quote(str(root))
    log = shlex.quote(str(root / "logs"))
    lines = (f"@reboot mkdir -p {log} && cd {where} && {guancha} serve --workspace {where} >> {log}/serve.log 2>&1\n"
             f"*/{every_minutes} * * * * mkdir -p {log} && cd {where} && {guancha} watchdog --workspace {where} "
             f">> {log}/watchdog.log 2>&1\n")
    return (f"# guancha: the worker at boot, the watchdog every {every_minutes} minutes (cron has no 'Persistent':\n"
            "# the watchdog notices a missed day on its next check). Logs go to the workspace's logs/ folder.\n"
            + lines.replace("%", "\\%"))  # cron reads a bare % as a line break


__all__ = ["cron_lines", "systemd_units"]
