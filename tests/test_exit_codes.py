"""Exit codes keep their meaning end to end: 2 for bad usage or configuration wherever it is met (also
inside a run, after collection), 1 when the work itself failed (an outage, a held report)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_a_bad_option_value_is_usage(tmp_path: Path) -> None:
    result = run_cli("run", "china-ai", "--date", "May 2nd", "--workspace", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_workspace_is_configuration(tmp_path: Path) -> None:
    result = run_cli("status", "--workspace", str(tmp_path / "nowhere"))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_model_met_inside_a_run_is_configuration_not_a_failed_run(tmp_path: Path) -> None:
    """The model is resolved only when the write stage starts, after collection: still exit 2."""
    result = run_cli("demo", "--workspace", str(tmp_path / "ws"), "--model", "nosuchprovider:some-model")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "nosuchprovider" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_api_key_met_inside_a_run_is_configuration(tmp_path: Path) -> None:
    result = run_cli("demo", "--workspace", str(tmp_path / "ws"), "--model", "deepseek:deepseek-chat",
                     DEEPSEEK_API_KEY="")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "DEEPSEEK_API_KEY" in result.stderr and "Traceback" not in result.stderr


def test_an_outage_is_the_work_failing(workspace: Path) -> None:
    (workspace / "watchers" / "china-ai.yaml").write_text(
        "id: china-ai\ntitle: China AI\nsources:\n  - feed: http://127.0.0.1:9/nothing-listens-here.xml\n",
        encoding="utf-8")
    result = run_cli("run", "china-ai", "--date", "2026-05-02", "--workspace", str(workspace))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the only source failed" in result.stderr and "Traceback" not in result.stderr


def test_a_finished_demo_exits_zero(tmp_path: Path) -> None:
    result = run_cli("demo", "--workspace", str(tmp_path / "ws"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["run"]["status"] == "finalised"
