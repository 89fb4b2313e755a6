"""The OpenAI-compatible provider against scripted loopback servers: retries, Retry-After, typed errors,
structured-output fallback and repair, concurrency limits, cache, ledger and budgets."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from guancha.models import (
    BudgetExceeded,
    CallContext,
    Message,
    ModelAuthError,
    ModelOutputError,
    ModelRateLimited,
    ModelUnavailable,
    get_model,
)
from guancha.spec import Budget
from guancha.store import Database
from tests.models_support import KEY_ENV, Reply, chat_body, loop_settings, scripted_server

HELLO = [Message(role="user", content="Say hello.")]


class Verdict(BaseModel):
    label: Literal["yes", "no"]
    score: int = Field(ge=1, le=10)


GOOD = json.dumps({"label": "yes", "score": 7})


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database(tmp_path / "guancha.db")


@pytest.fixture(autouse=True)
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    value = "sk-loop-test-key-0001"
    monkeypatch.setenv(KEY_ENV, value)
    return value


def ledger_rows(db: Database) -> list[dict[str, object]]:
    return [dict(r) for r in db.query("SELECT * FROM model_calls ORDER BY id")]


def test_text_call_reports_usage_cost_and_sends_the_key(db: Database, key: str) -> None:
    with scripted_server(Reply(body=chat_body("Hello!", prompt_tokens=1000, completion_tokens=500, cached=400))) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db)
        result = model.complete(HELLO, max_tokens=50)
    assert result.text == "Hello!" and result.output is None and not result.cached
    assert (result.usage.tokens_in, result.usage.tokens_out, result.usage.tokens_cached) == (1000, 500, 400)
    # 600 fresh input at $1/M + 400 cached at $0.5/M + 500 output at $2/M
    assert result.cost_usd == pytest.approx((600 * 1.0 + 400 * 0.5 + 500 * 2.0) / 1e6)
    assert srv.requests[0]["headers"]["authorization"] == f"Bearer {key}"
    assert srv.requests[0]["json"]["max_tokens"] == 50 and srv.requests[0]["json"]["temperature"] == 0.0
    [row] = ledger_rows(db)
    assert row["tokens_in"] == 1000 and row["tokens_cached"] == 400 and row["error_kind"] is None
    assert row["cost_usd"] == pytest.approx(result.cost_usd)


def test_429_with_retry_after_is_waited_out_then_succeeds(db: Database) -> None:
    with scripted_server(
        Reply(status=429, body={"error": {"message": "slow down"}}, headers={"Retry-After": "1"}),
        Reply(body=chat_body("ok")),
    ) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)
    assert result.text == "ok" and result.attempts == 2
    assert len(srv.requests) == 2
    assert srv.times[1] - srv.times[0] >= 0.9  # the client waited as asked, not its own 10 ms backoff
    assert ledger_rows(db)[0]["attempts"] == 2


def test_retry_after_longer_than_allowed_fails_at_once(db: Database) -> None:
    with scripted_server(Reply(status=429, body={"error": {"message": "quota"}}, headers={"Retry-After": "3600"})) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url, max_retry_after_s=30), db=db)
        with pytest.raises(ModelRateLimited) as info:
            model.complete(HELLO)
    assert len(srv.requests) == 1
    assert info.value.retry_after_s == 3600
    assert "3600" in str(info.value) and info.value.fix
    assert ledger_rows(db)[0]["error_kind"] == "rate-limited"


def test_persistent_429_becomes_rate_limited_after_retries(db: Database) -> None:
    busy = Reply(status=429, body={"error": {"message": "busy"}})
    with scripted_server(busy) as srv, pytest.raises(ModelRateLimited):
        get_model("loop:m1", settings=loop_settings(srv.base_url, retries=2), db=db).complete(HELLO)
    assert len(srv.requests) == 3


def test_500_three_times_then_200_succeeds_on_the_fourth_attempt(db: Database) -> None:
    boom = Reply(status=500, body={"error": {"message": "internal"}})
    with scripted_server(boom, boom, boom, Reply(body=chat_body("finally"))) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url, retries=3), db=db).complete(HELLO)
    assert result.text == "finally" and result.attempts == 4 and len(srv.requests) == 4


def test_500_three_times_with_two_retries_is_unavailable(db: Database) -> None:
    boom = Reply(status=500, body={"error": {"message": "internal"}})
    late = Reply(body=chat_body("too late"))
    with scripted_server(boom, boom, boom, late) as srv, pytest.raises(ModelUnavailable) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url, retries=2), db=db).complete(HELLO)
    assert len(srv.requests) == 3
    assert "HTTP 500" in str(info.value) and "3 attempts" in str(info.value)
    row = ledger_rows(db)[0]
    assert row["error_kind"] == "unavailable" and row["attempts"] == 3


def test_closed_connections_are_retried_then_unavailable(db: Database) -> None:
    with scripted_server(Reply(close=True)) as srv, pytest.raises(ModelUnavailable) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url, retries=2), db=db).complete(HELLO)
    assert len(srv.requests) == 3
    assert "cannot reach" in str(info.value) and "base_url" in (info.value.fix or "")


def test_one_closed_connection_then_success(db: Database) -> None:
    with scripted_server(Reply(close=True), Reply(body=chat_body("back"))) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)
    assert result.text == "back" and result.attempts == 2


def test_a_server_slower_than_the_timeout_is_retried_then_unavailable(db: Database) -> None:
    slow = Reply(body=chat_body("late"), delay_s=1.5)
    settings = loop_settings("", retries=1, timeout_s=0.3)
    with scripted_server(slow) as srv, pytest.raises(ModelUnavailable) as info:
        get_model("loop:m1", settings=settings, db=db, base_url=srv.base_url).complete(HELLO)
    assert len(srv.requests) == 2
    assert "no answer within" in str(info.value) and "timeout_s" in (info.value.fix or "")


def test_invalid_json_body_is_unavailable_and_not_repeated(db: Database) -> None:
    broken = Reply(body=b'{"choices": [ not json')
    with scripted_server(broken) as srv, pytest.raises(ModelUnavailable) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)
    assert len(srv.requests) == 1
    assert "not JSON" in str(info.value)


def test_json_that_is_not_a_chat_completion_is_unavailable(db: Database) -> None:
    with scripted_server(Reply(body={"hello": "world"})) as srv, pytest.raises(ModelUnavailable):
        get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)


def test_structured_output_uses_json_schema_and_validates(db: Database) -> None:
    with scripted_server(Reply(body=chat_body(GOOD))) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO, Verdict)
    assert result.output == Verdict(label="yes", score=7) and not result.repaired
    sent = srv.requests[0]["json"]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == Verdict.model_json_schema()
    assert sent["messages"][0]["role"] == "system" and "JSON Schema" in sent["messages"][0]["content"]


def test_invalid_model_output_gets_one_repair_then_validates(db: Database) -> None:
    with scripted_server(Reply(body=chat_body('{"label": "maybe", "score": 70}')), Reply(body=chat_body(GOOD))) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO, Verdict)
    assert result.output == Verdict(label="yes", score=7) and result.repaired
    repair = srv.requests[1]["json"]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"label": "maybe", "score": 70}'}
    assert "label" in repair[-1]["content"] and "score" in repair[-1]["content"]
    assert result.usage.tokens_in == 22  # both requests counted
    assert ledger_rows(db)[0]["repaired"] == 1


def test_output_still_invalid_after_repair_raises_with_the_raw_text(db: Database) -> None:
    prose = "Sure! Here is the answer: yes, seven."
    with scripted_server(Reply(body=chat_body(prose))) as srv, pytest.raises(ModelOutputError) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO, Verdict)
    assert len(srv.requests) == 2  # exactly one repair attempt
    assert info.value.raw == prose
    row = ledger_rows(db)[0]
    assert row["error_kind"] == "bad-output" and row["tokens_in"] == 22  # spent tokens still recorded
    assert row["attempts"] == 2
    assert row["cost_usd"] == pytest.approx((22 * 1.0 + 14 * 2.0) / 1e6)


def test_server_rejecting_json_schema_falls_back_to_json_object(db: Database) -> None:
    def answer(request: dict[str, object]) -> Reply:
        fmt = request["json"]["response_format"]["type"]  # type: ignore[index]
        if fmt == "json_schema":
            return Reply(status=400, body={"error": {"message": "response_format json_schema is not supported"}})
        return Reply(body=chat_body(GOOD))

    with scripted_server(answer) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO, Verdict)
    assert result.output is not None
    assert [r["json"]["response_format"]["type"] for r in srv.requests] == ["json_schema", "json_object"]


def test_missing_key_names_the_variable_and_sends_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV)
    with scripted_server(Reply(body=chat_body("never"))) as srv, pytest.raises(ModelAuthError) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)
    assert srv.requests == [] and ledger_rows(db)[0]["attempts"] == 0
    assert info.value.env_var == KEY_ENV and KEY_ENV in str(info.value) and KEY_ENV in (info.value.fix or "")


def test_refused_key_is_an_auth_error_that_does_not_echo_the_key(db: Database, key: str) -> None:
    def echo(request: dict[str, object]) -> Reply:
        auth = request["headers"]["authorization"]  # type: ignore[index]
        return Reply(status=401, body={"error": {"message": f"Incorrect API key provided: {auth}"}})

    with scripted_server(echo) as srv, pytest.raises(ModelAuthError) as info:
        get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO)
    assert len(srv.requests) == 1  # never retried
    assert key not in str(info.value) and "[redacted]" in str(info.value)
    assert key not in str(ledger_rows(db)[0]["error"])


def test_servers_that_need_no_key_work_without_one(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV)
    with scripted_server(Reply(body=chat_body("hi"))) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url, key_required=False), db=db).complete(HELLO)
    assert result.text == "hi"


def test_concurrency_limit_per_provider(db: Database) -> None:
    with scripted_server(Reply(body=chat_body("slow"), delay_s=0.3)) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url, concurrency=2), db=db, no_cache=True)
        threads = [
            threading.Thread(target=model.complete, args=([Message(role="user", content=f"q{i}")],))
            for i in range(6)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(srv.requests) == 6
    assert srv.max_inflight == 2


def test_second_identical_call_is_a_cache_hit_with_no_new_tokens(db: Database) -> None:
    with scripted_server(Reply(body=chat_body(GOOD))) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db)
        first = model.complete(HELLO, Verdict, max_tokens=64)
        second = model.complete(HELLO, Verdict, max_tokens=64)
        assert len(srv.requests) == 1
        other = model.complete(HELLO, Verdict, max_tokens=65)  # different parameters: a new call
        assert len(srv.requests) == 2
        fresh = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db, no_cache=True)
        fresh.complete(HELLO, Verdict, max_tokens=64)
        assert len(srv.requests) == 3
    assert second.cached and second.output == first.output and second.cost_usd == 0.0
    assert second.usage.tokens_in == 0 and not other.cached
    rows = ledger_rows(db)
    assert [r["cached"] for r in rows] == [0, 1, 0, 0]
    assert rows[1]["tokens_in"] == 0 and rows[1]["tokens_out"] == 0 and rows[1]["cost_usd"] == 0


def test_budget_smaller_than_the_estimate_stops_the_call_before_any_request(db: Database) -> None:
    with scripted_server(Reply(body=chat_body("expensive"))) as srv:
        model = get_model(
            "loop:m1", settings=loop_settings(srv.base_url), db=db,
            context=CallContext(run_id="r1", watcher_id="w", stage="write", budget=Budget(per_run_usd=0.001)),
        )
        with pytest.raises(BudgetExceeded) as info:
            model.complete(HELLO, max_tokens=1000)  # at least 1000 * $2/M = $0.002 > $0.001
    assert srv.requests == []
    err = info.value
    assert err.limit_usd == 0.001 and err.estimate_usd is not None and err.estimate_usd >= 0.002
    assert "budget" in str(err) and "not made" in str(err) and "per_run_usd" in (err.fix or "")
    assert ledger_rows(db)[0]["error_kind"] == "budget" and ledger_rows(db)[0]["attempts"] == 0


def test_run_budget_counts_what_the_run_already_spent(db: Database) -> None:
    budget = Budget(per_run_usd=0.00018)
    with scripted_server(Reply(body=chat_body("x", prompt_tokens=50, completion_tokens=50))) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db, no_cache=True,
                          context=CallContext(run_id="r2", budget=budget))
        model.complete(HELLO, max_tokens=20)  # spends 50*1 + 50*2 = $0.00015
        with pytest.raises(BudgetExceeded):
            model.complete(HELLO, max_tokens=20)  # 0.00015 + ~0.00005 estimate > 0.00018
        other_run = model.with_context(CallContext(run_id="r3", budget=budget))
        other_run.complete(HELLO, max_tokens=20)  # a new run starts from zero
    assert len(srv.requests) == 2


def test_daily_budget_spans_runs_of_a_watcher(db: Database) -> None:
    with scripted_server(Reply(body=chat_body("x", prompt_tokens=100, completion_tokens=100))) as srv:
        settings = loop_settings(srv.base_url)
        for run in ("a", "b"):
            get_model("loop:m1", settings=settings, db=db, no_cache=True,
                      context=CallContext(run_id=run, watcher_id="w1")).complete(HELLO, max_tokens=10)
        day = Budget(per_day_usd=0.0006)  # $0.0006 already spent today by w1
        with pytest.raises(BudgetExceeded) as info:
            get_model("loop:m1", settings=settings, db=db, no_cache=True,
                      context=CallContext(run_id="c", watcher_id="w1", budget=day)).complete(HELLO, max_tokens=10)
        assert "daily budget" in str(info.value) and "w1" in str(info.value)
        # another watcher has its own day
        get_model("loop:m1", settings=settings, db=db, no_cache=True,
                  context=CallContext(run_id="d", watcher_id="w2", budget=day)).complete(HELLO, max_tokens=10)
    assert len(srv.requests) == 3


def test_unpriced_model_is_flagged_not_costed_at_zero(db: Database) -> None:
    with scripted_server(Reply(body=chat_body("hi"))) as srv:
        settings = loop_settings(srv.base_url, priced=False)
        result = get_model("loop:m1", settings=settings, db=db).complete(HELLO)
        assert result.cost_usd is None and any("no price" in w for w in result.warnings)
        row = ledger_rows(db)[0]
        assert row["cost_usd"] is None and row["priced"] == 0
        with pytest.raises(BudgetExceeded) as info:
            get_model("loop:m1", settings=settings, db=db, budget=Budget(per_run_usd=10)).complete(
                [Message(role="user", content="another")]
            )
    assert "models.prices" in (info.value.fix or "")
    assert len(srv.requests) == 1


def test_models_that_want_max_completion_tokens_and_no_temperature_are_adapted_to(db: Database) -> None:
    def picky(request: dict[str, object]) -> Reply:
        sent = request["json"]
        if "max_tokens" in sent:  # type: ignore[operator]
            msg = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'."
            return Reply(status=400, body={"error": {"message": msg}})
        if "temperature" in sent:  # type: ignore[operator]
            msg = "Unsupported value: 'temperature' does not support 0.0 with this model."
            return Reply(status=400, body={"error": {"message": msg}})
        return Reply(body=chat_body("adapted"))

    with scripted_server(picky) as srv:
        result = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db).complete(HELLO, max_tokens=33)
    assert result.text == "adapted" and result.attempts == 1
    assert srv.requests[-1]["json"]["max_completion_tokens"] == 33 and len(srv.requests) == 3


def test_an_answer_larger_than_any_chat_completion_stops_while_read_and_says_to_check_the_endpoint(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong base_url serving a file, or a hostile server, answered 300 MB and the SDK held it all (975 MB of
    memory). The answer now stops at MAX_ANSWER_BYTES (made small here), once, with no retry; a normal answer
    still passes the same client."""
    from guancha.models import openai_compat

    monkeypatch.setattr(openai_compat, "MAX_ANSWER_BYTES", 200_000)
    huge = json.dumps(chat_body("x" * 1_000_000)).encode()
    with scripted_server(Reply(body=huge), Reply(body=chat_body("Hello!"))) as srv:
        model = get_model("loop:m1", settings=loop_settings(srv.base_url), db=db)
        with pytest.raises(ModelUnavailable) as caught:
            model.complete(HELLO, max_tokens=50)
        assert "larger than 200,000 bytes" in str(caught.value) and "base_url" in (caught.value.fix or "")
        assert len(srv.requests) == 1   # not retried
        assert model.complete(HELLO, max_tokens=50).text == "Hello!"
