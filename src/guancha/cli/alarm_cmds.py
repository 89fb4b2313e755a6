"""``guancha watchdog`` (one alarm check, for cron or a systemd timer) and ``guancha schedule emit`` (the
units that run the worker and the watchdog)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from guancha.cli._common import get_workspace, json_option, print_json, stdout, workspace_option
from guancha.errors import UsageError


def _now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from guancha.timeutil import parse_iso

    try:
        return parse_iso(value)
    except ValueError:
        raise UsageError(f"--now {value!r} is not an ISO time",
                         fix="write it like 2026-05-02T06:30:00Z (a time without a zone is read as UTC)") from None


def print_incidents(data: dict[str, Any]) -> None:
    """The Alarms block of ``guancha status`` and ``guancha watchdog``: open incidents, then recent resolutions."""
    opened = data["open"]
    stdout.print(f"\nAlarms: {len(opened)} open", markup=False)
    for i in opened:
        stdout.print(f"  OPEN      {i['kind']:<14} since {i['opened_at']}  {i['summary']}", markup=False)
        if i["detail"]:
            stdout.print(f"            {i['detail']}", markup=False)
    for i in data.get("resolved", [])[:5]:
        stdout.print(f"  resolved  {i['kind']:<14} {i['resolved_at']}  {i['summary']}", markup=False)


@click.command("watchdog")
@click.option("--now", "now_", default=None, help="Evaluate as if it were this ISO time (tests, replays).")
@click.option("--no-send", is_flag=True, help="Evaluate and record incidents, send no notice.")
@workspace_option
@json_option
def watchdog_cmd(now_: str | None, no_send: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Check every alarm once and send each new or resolved incident's notice once.

    Meant for cron or a systemd timer, independent of 'guancha serve', so a dead worker is still reported.
    Exit code 0 when no alarm is open, 1 when one is (or a notice could not be sent), 2 on bad config.
    """
    from guancha.alarms import watchdog

    ws = get_workspace(workspace_dir)
    result = watchdog(ws, now=_now(now_), deliver=not no_send)
    if as_json:
        print_json(result.as_dict())
    else:
        for i in result.opened:
            stdout.print(f"opened    {i.kind}: {i.summary}", markup=False)
        for i in result.resolved:
            stdout.print(f"resolved  {i.kind}: {i.summary}", markup=False)
        print_incidents({"open": [i.as_dict() for i in result.open], "resolved": []})
        if result.delivery is not None and result.delivery.counts:
            counts = ", ".join(f"{n} {k}" for k, n in sorted(result.delivery.counts.items()))
            stdout.print(f"Notices: {counts}", markup=False)
            for err in result.delivery.errors:
                stdout.print(f"  {err}", markup=False)
    failed = result.delivery is not None and (result.delivery.counts.get("failed") or result.delivery.counts.get("dead"))
    if result.open or failed:
        raise SystemExit(1)


@click.group("schedule")
def schedule_group() -> None:
    """Run guancha by itself: emit systemd units or crontab lines for the worker and the watchdog."""


@schedule_group.command("emit")
@click.option("--systemd", "kind", flag_value="systemd", help="systemd units: the worker's service, the watchdog's "
              "timer and service.")
@click.option("--cron", "kind", flag_value="cron", help="crontab lines instead of systemd units.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the files into this folder (default: print them).")
@click.option("--every", "every_minutes", type=click.IntRange(1, 59), default=10, show_default=True,
              help="How often the watchdog runs, in minutes.")
@click.option("--command", "command", default=None,
              help="How to start guancha (default: this Python interpreter with -m guancha).")
@workspace_option
def emit_cmd(kind: str | None, out_dir: Path | None, every_minutes: int, command: str | None,
             workspace_dir: Path | None) -> None:
    """Write the units that keep guancha running: 'guancha serve' as a service and 'guancha watchdog' on a
    timer with Persistent=true (a run missed while the machine was off happens at boot), or crontab lines."""
    from guancha.units import cron_lines, systemd_units

    if kind is None:
        raise UsageError("say which units to emit", fix="pass --systemd or --cron")
    ws = get_workspace(workspace_dir)
    files = (systemd_units(ws.root, every_minutes=every_minutes, command=command) if kind == "systemd"
             else {"guancha.crontab": cron_lines(ws.root, every_minutes=every_minutes, command=command)})
    if out_dir is None:
        for name, text in files.items():
            stdout.print(f"# ---- {name}", markup=False)
            stdout.print(text, markup=False, end="")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
        stdout.print(f"wrote {out_dir / name}", markup=False)
    if kind == "systemd":
        stdout.print(f"install: cp {out_dir}/guancha-* ~/.config/systemd/user/ && systemctl --user daemon-reload && "
                     "systemctl --user enable --now guancha-serve.service guancha-watchdog.timer", markup=False)
    else:
        stdout.print(f"install: crontab -l | cat - {out_dir / 'guancha.crontab'} | crontab -", markup=False)
