"""``guancha eval``: score a watcher on a labelled sample web (see guancha.evaluate)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from guancha.cli._common import json_option, print_json, stdout


@click.command("eval")
@click.argument("sample_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to run (default: a temporary directory, removed afterwards).")
@json_option
def eval_cmd(sample_dir: Path, workspace_dir: Path | None, as_json: bool) -> None:
    """Run the sample web's watcher (both days of a two-day sample) and score the briefing against the sample's
    expected.yaml: story clustering, story recall, ranking, traps, papers, re-citations."""
    from guancha.evaluate import evaluate_sample

    score = evaluate_sample(sample_dir, workspace=workspace_dir)
    if as_json:
        print_json(score.model_dump(mode="json"))
        return
    table = Table(title=f"Evaluation of {score.sample}", show_header=True)
    table.add_column("figure")
    table.add_column("value", justify="right")

    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    rows = [
        ("clustering pairwise precision / recall / F1",
         f"{score.pairwise_precision:.3f} / {score.pairwise_recall:.3f} / {score.pairwise_f1:.3f}"),
        ("clustering B-cubed precision / recall / F1",
         f"{score.bcubed_precision:.3f} / {score.bcubed_recall:.3f} / {score.bcubed_f1:.3f}"),
        ("stories found as one story each", f"{score.stories_found} / {score.stories_counted}"),
        ("ranking (Kendall tau-b)", num(score.kendall_tau)),
        ("'quiet day' reported exactly when true", "yes" if score.quiet_right else "NO"),
        ("distractors cited", str(score.distractors_cited)),
        ("injection URL or claim present", str(score.injection_present)),
        ("papers precision / recall", f"{num(score.papers_precision)} / {num(score.papers_recall)}"),
        ("URLs cited again on the second day", str(len(score.recited_urls))),
        ("rehash pages cited as news", str(score.rehash_cited)),
        ("follow-ups marked", f"{score.follow_ups_marked} / {score.follow_ups_expected}"),
        ("stories wrongly marked as follow-ups", str(score.follow_ups_false)),
        ("worst figure", f"{score.worst:.3f}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    stdout.print(table)
    for day in score.days:
        stdout.print(f"{day.date}: report {day.status}, {day.stories_reported} stories, found {len(day.stories_found)}"
                     f" of {day.stories_expected} expected", markup=False)
