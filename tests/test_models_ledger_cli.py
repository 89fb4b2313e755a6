"""The ledger through the CLI (`guancha costs`, `guancha models check`), and API keys never leaking into the
database, logs, cache or CLI output — including after failing calls."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from guancha.models import CallContext, Message, ModelError, get_model, register_recorded, unregister_recorded
from guancha.spec import Budget
from guancha.store import Database
from guancha.workspace import open_workspace
from tests.conftest import run_cli
from tests.models_support import KEY_ENV, Reply, chat_body, scripted_server

FAKE_KEY = "sk-guancha-LEAKCHECK-7f3a9c21e5d0b4"


def write_workspace(root: Path, base_url: str, *, priced: bool = True) -> Path:
    """A workspace whose settings define provider 'loop' at ``base_url`` (and a price for loop:m1)."""
    root.mkdir(parents=True, exist_ok=True)
    prices = '  prices:\n    "loop:m1": {input: 1.0, output: 2.0}\n' if priced else ""
    (root / "guancha.yaml").write_text(
        "models:\n"
        "  providers:\n"
        f"    loop: {{base_url: '{base_url}', api_key_env: {KEY_ENV}, retries: 1, backoff_s: 0.01, timeout_s: 5}}\n"
        + prices,
        encoding="utf-8",
    )
    return root


class Verdict(BaseModel):
    label: str
    score: int


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Everything logged at DEBUG (guancha, openai, httpx...) goes to a file for the duration of a test."""
    path = tmp_path / "debug.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def test_api_key_appears_nowhere_in_database_logs_cache_or_cli_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug_log: Path
) -> None:
    monkeypatch.setenv(KEY_ENV, FAKE_KEY)

    def answer(request: dict[str, object]) -> Reply:
        body = request["json"]
        auth = request["headers"]["authorization"]  # type: ignore[index]
        text = json.dumps(body)
        if "refuse me" in text:  # a server that echoes the key it got in its error message
            return Reply(status=401, body={"error": {"message": f"Incorrect API key provided: {auth}"}})
        if "break me" in text:
            return Reply(status=500, body={"error": {"message": f"internal error for {auth}"}})
        if "garble me" in text:
            return Reply(body=chat_body(f"not json, {auth}"))
        if "CheckProbe" in text:  # the structured probe of 'guancha models check'
            return Reply(body=chat_body('{"answer": "yes", "confidence": 5, "reason": "it is"}'))
        if "response_format" in body:  # type: ignore[operator]
            return Reply(body=chat_body('{"label": "ok", "score": 3}'))
        return Reply(body=chat_body("fine"))

    ws_root = tmp_path / "ws"
    with scripted_server(answer) as srv:
        write_workspace(ws_root, srv.base_url)
        ws = open_workspace(ws_root)
        db = ws.db()
        model = get_model("loop:m1", settings=ws.settings, db=db, context=CallContext(run_id="r", stage="t"))
        model.complete([Message(role="user", content="hello")])
        model.complete([Message(role="user", content="hello")])  # cache hit
        model.complete([Message(role="user", content="judge")], Verdict)
        for trigger in ("refuse me", "break me", "garble me"):
            with pytest.raises(ModelError) as info:
                model.complete([Message(role="user", content=trigger)], Verdict)
            assert FAKE_KEY not in str(info.value) and FAKE_KEY not in repr(info.value.args)
        with pytest.raises(ModelError):
            model.with_context(CallContext(stage="t", budget=Budget(per_run_usd=0.0))).complete(
                [Message(role="user", content="too dear")]
            )
        ws.close()
        cli_runs = [
            run_cli("costs", "--json", "--workspace", str(ws_root), **{KEY_ENV: FAKE_KEY}),
            run_cli("models", "check", "loop:m1", "--workspace", str(ws_root), **{KEY_ENV: FAKE_KEY}),
            run_cli("models", "check", "loop:m1", "--json", "--workspace", str(ws_root), **{KEY_ENV: FAKE_KEY}),
        ]
    # the key really was used: every request carried it
    assert srv.requests and all(r["headers"]["authorization"] == f"Bearer {FAKE_KEY}" for r in srv.requests)
    assert [r.returncode for r in cli_runs] == [0, 0, 0], [r.stderr for r in cli_runs]
    for run in cli_runs:
        assert FAKE_KEY not in run.stdout and FAKE_KEY not in run.stderr
    logging.getLogger().handlers[-1].flush()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "guancha.db" for p in files) and debug_log in files
    assert debug_log.stat().st_size > 0  # the log did capture the calls
    for path in files:
        assert FAKE_KEY.encode() not in path.read_bytes(), f"the API key leaked into {path}"
    # and the ledger did record the failures (with their server messages, redacted)
    with sqlite3.connect(ws_root / "guancha.db") as conn:
        kinds = [r[0] for r in conn.execute("SELECT error_kind FROM model_calls WHERE stage = 't' ORDER BY id")]
    assert kinds == [None, None, None, "auth", "unavailable", "bad-output", "budget"]


def test_costs_json_totals_match_the_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "sk-costs-test")
    ws_root = tmp_path / "ws"
    with scripted_server(Reply(body=chat_body("x", prompt_tokens=120, completion_tokens=30))) as srv:
        write_workspace(ws_root, srv.base_url)
        ws = open_workspace(ws_root)
        db = ws.db()
        register_recorded("costs-test", {"text": "recorded answer"})
        try:
            for watcher, stage, prompt in [
                ("w1", "write", "a"), ("w1", "write", "a"), ("w1", "check", "b"), ("w2", "write", "c"),
            ]:
                get_model("loop:m1", settings=ws.settings, db=db,
                          context=CallContext(run_id=watcher + "-r", watcher_id=watcher, stage=stage)).complete(
                    [Message(role="user", content=prompt)], max_tokens=40
                )
            get_model("recorded:costs-test", settings=ws.settings, db=db,
                      context=CallContext(watcher_id="w2", stage="check")).complete([Message(role="user", content="d")])
        finally:
            unregister_recorded("costs-test")
        ws.close()
    result = run_cli("costs", "--json", "--by", "watcher", "--workspace", str(ws_root))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    with sqlite3.connect(ws_root / "guancha.db") as conn:
        calls, hits, tin, tout, cost = conn.execute(
            "SELECT COUNT(*), SUM(cached), SUM(tokens_in), SUM(tokens_out), SUM(cost_usd) FROM model_calls"
        ).fetchone()
        per_watcher = dict(conn.execute("SELECT watcher_id, SUM(cost_usd) FROM model_calls GROUP BY watcher_id"))
    total = report["total"]
    assert (total["calls"], total["cache_hits"], total["tokens_in"], total["tokens_out"]) == (calls, hits, tin, tout)
    assert calls == 5 and hits == 1
    assert total["cost_usd"] == pytest.approx(cost) and cost == pytest.approx(3 * (120 * 1.0 + 30 * 2.0) / 1e6)
    assert {g["key"]: g["cost_usd"] for g in report["groups"]} == pytest.approx(per_watcher)
    assert report["unpriced_models"] == []
    assert sum(g["calls"] for g in report["groups"]) == calls

    by_day = json.loads(run_cli("costs", "--json", "--by", "day", "--workspace", str(ws_root)).stdout)
    assert len(by_day["groups"]) == 1 and by_day["groups"][0]["calls"] == 5
    future = json.loads(run_cli("costs", "--json", "--since", "2999-01-01", "--workspace", str(ws_root)).stdout)
    assert future["total"]["calls"] == 0
    table = run_cli("costs", "--by", "stage", "--workspace", str(ws_root))
    assert table.returncode == 0 and "write" in table.stdout and "check" in table.stdout
    bad = run_cli("costs", "--since", "yesterday", "--workspace", str(ws_root))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_costs_flags_unpriced_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, "sk-unpriced")
    ws_root = tmp_path / "ws"
    with scripted_server(Reply(body=chat_body("x"))) as srv:
        write_workspace(ws_root, srv.base_url, priced=False)
        ws = open_workspace(ws_root)
        get_model("loop:m1", settings=ws.settings, db=ws.db()).complete([Message(role="user", content="q")])
        ws.close()
    report = json.loads(run_cli("costs", "--json", "--workspace", str(ws_root)).stdout)
    assert report["unpriced_models"] == ["loop:m1"] and report["total"]["unpriced_calls"] == 1
    text = run_cli("costs", "--workspace", str(ws_root))
    assert "without a price" in text.stdout and "loop:m1" in text.stdout


def test_models_check_reports_failure_with_exit_code_and_fix(tmp_path: Path) -> None:
    with scripted_server(Reply(close=True)) as srv:
        ws_root = write_workspace(tmp_path / "ws", srv.base_url)
        result = run_cli("models", "check", "loop:m1", "--json", "--workspace", str(ws_root), **{KEY_ENV: "k-1234"})
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["probes"][0]["error_kind"] == "unavailable"
    assert report["probes"][1]["detail"].startswith("skipped")


def test_models_check_missing_key_says_which_variable(tmp_path: Path) -> None:
    ws_root = write_workspace(tmp_path / "ws", "http://127.0.0.1:9/v1")
    result = run_cli("models", "check", "loop:m1", "--workspace", str(ws_root), **{KEY_ENV: ""})
    assert result.returncode == 1
    assert KEY_ENV in result.stdout


def test_unknown_provider_is_a_config_error(tmp_path: Path) -> None:
    result = run_cli("models", "check", "nosuch:model", cwd=tmp_path)
    assert result.returncode == 2 and "unknown model provider" in result.stderr and "deepseek" in result.stderr


def test_db_none_keeps_an_in_memory_ledger_and_cache() -> None:
    register_recorded("mem", {"text": ["one", "two"]})
    try:
        from guancha.spec import Settings

        model = get_model("recorded:mem", settings=Settings(), db=None)
        first = model.complete([Message(role="user", content="x")])
        again = model.complete([Message(role="user", content="x")])
        other = model.complete([Message(role="user", content="y")])
    finally:
        unregister_recorded("mem")
    assert (first.text, again.text, again.cached, other.text) == ("one", "one", True, "two")
    assert isinstance(model.db, Database)
    assert model.db.one("SELECT COUNT(*) AS n FROM model_calls")["n"] == 3  # type: ignore[index]
