"""One report, one verdict: for every sample web, the run's own final check and ``guancha check`` on each of
the report's files (Markdown, HTML, JSON) agree; for two samples of different shapes, also on its run name, its
folder, with and without ``--watcher`` (the ways of naming a report do not depend on what it says, and each is a
subprocess: on every sample they cost a minute of the suite for no new case). Every call is the real command in a
subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

BUNDLED = Path(__file__).resolve().parents[1] / "src" / "guancha" / "samples"
SAMPLES = sorted([p for p in BUNDLED.iterdir() if (p / "watcher.yaml").exists()]
                 + [p for p in (Path(__file__).parent / "samples").iterdir() if (p / "watcher.yaml").exists()])
# every way of naming the report is checked on these: the bundled one-day sample and a two-day one
EVERY_NAME = {"china-ai-2026-05-02", "taravali-vineyards-2027-12-09"}


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_check_agrees_with_the_run_on_every_file_and_name(sample: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    demo = run_cli("demo", "--sample", str(sample), "--workspace", str(ws), "--json")
    assert demo.returncode in (0, 1), demo.stderr
    run = json.loads(demo.stdout)["run"]
    review = json.loads(run_cli("review", run["run_id"], "-w", str(ws), "--json").stdout)
    best = review["outcome"]["best_iteration"]
    run_errors = next(it["errors"] for it in review["iterations"] if it["iteration"] == best)
    assert (run_errors == 0) == (run["status"] == "finalised")
    files = dict(run["paths"] or run["draft_paths"])
    assert {"md", "html"} <= set(files)
    every_name = sample.name in EVERY_NAME
    targets = [*files.values(), *([f"{run['watcher']}/{run['date']}", run["run_id"][:12]] if every_name else [])]
    for target in targets:
        for extra in ([], ["--watcher", run["watcher"]]) if every_name else ([],):
            checked = run_cli("check", target, "-w", str(ws), "--json", *extra)
            assert checked.returncode == (1 if run_errors else 0), (target, extra, checked.stdout, checked.stderr)
            data = json.loads(checked.stdout)
            assert data["errors"] == run_errors, (target, extra, [f for f in data["findings"]
                                                                  if f["severity"] == "error"])
    if run["paths"] and every_name:  # the folder of published reports: one report, counted once
        folder = run_cli("check", str(Path(files["md"]).parent), "-w", str(ws), "--json")
        data = json.loads(folder.stdout)
        assert data["source"] == files["md"] and data["errors"] == run_errors
