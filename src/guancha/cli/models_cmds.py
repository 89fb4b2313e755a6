"""``guancha costs`` and ``guancha models check``: output only; the work is in guancha.models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.table import Table

from guancha.cli._common import get_workspace, json_option, plain, print_json, safe, stdout, workspace_option
from guancha.errors import WorkspaceNotFound
from guancha.models.check import check_model
from guancha.models.costs import cost_report
from guancha.spec import Settings


def _money(value: float | None) -> str:
    if value is None:
        return "unknown"
    return f"${value:.6f}" if 0 < value < 0.01 else f"${value:.4f}"


@click.command("costs")
@click.option("--since", metavar="DATE", help="Only calls on or after this UTC date (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(["watcher", "model", "stage", "day"]), help="Group the totals.")
@workspace_option
@json_option
def costs_cmd(since: str | None, by: Any, workspace_dir: Path | None, as_json: bool) -> None:
    """Model calls, tokens and dollars from the ledger. "hits" are cache hits (they cost nothing);
    "cached" counts prompt tokens served from the provider's own prefix cache."""
    ws = get_workspace(workspace_dir)
    report = cost_report(ws.db(), since=since, by=by)
    if as_json:
        print_json(report.to_json())
        return
    table = Table(title="Model costs" + (f" since {report.since}" if report.since else ""))
    table.add_column(by or "", no_wrap=True)
    for col in ("calls", "hits", "errors", "tok in", "tok out", "cached", "cost"):
        table.add_column(col, justify="right", no_wrap=True)
    lines = [*report.groups, report.total] if by else [report.total]
    for line in lines:
        table.add_row(
            line.key if line.key is not None else "total",
            str(line.calls), str(line.cache_hits), str(line.errors), str(line.tokens_in),
            str(line.tokens_out), str(line.tokens_cached), _money(line.cost_usd),
        )
    stdout.print(table)
    if report.unpriced_models:
        stdout.print(
            f"[yellow]warning:[/] {report.total.unpriced_calls} call(s) to models without a price, cost unknown "
            f"(not counted above): {safe(', '.join(report.unpriced_models))}. "
            "Add them under models.prices in guancha.yaml.", markup=True
        )


@click.group("models")
def models_group() -> None:
    """Check configured models."""


@models_group.command("check")
@click.argument("model")
@click.option("--base-url", metavar="URL", help="Use this endpoint instead of the provider's configured one.")
@workspace_option
@json_option
def check_cmd(model: str, base_url: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Connect to MODEL (provider:model), run a text and a structured-output probe, report latency,
    tokens and cost. Works outside a workspace with default settings."""
    try:
        ws = get_workspace(workspace_dir)
        settings, db = ws.settings, ws.db()
    except WorkspaceNotFound:
        if workspace_dir is not None:
            raise
        settings, db = Settings(), None
    report = check_model(model, settings=settings, db=db, base_url=base_url)
    if as_json:
        print_json(report.model_dump(mode="json"))
    else:
        stdout.print(f"{plain(report.model)} at {plain(report.endpoint or '(in process)')} — structured mode "
                     f"{report.structured_mode}")
        if report.price is None:
            stdout.print("[yellow]no price for this model:[/] costs will be recorded as unknown", markup=True)
        for probe in report.probes:
            mark = "[green]ok[/]" if probe.ok else "[red]FAILED[/]"
            stdout.print(
                f"  {probe.name:<10} {mark}  {probe.latency_s if probe.latency_s is not None else '-'}s  "
                f"{probe.tokens_in} in / {probe.tokens_out} out  {_money(probe.cost_usd)}  {safe(probe.detail)}",
                markup=True,
            )
            if probe.fix:
                stdout.print(f"             fix: {plain(probe.fix)}")
    if not report.ok:
        raise SystemExit(1)
