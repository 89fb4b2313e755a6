"""The llama.cpp-safe schema transform and grammar (no model needed), recorded answers, and model naming."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from guancha.errors import ConfigError
from guancha.models import Message, ModelOutputError, get_model, parse_model_name, register_recorded
from guancha.models.base import estimate_tokens, redact
from guancha.models.config import ModelPrice, ModelsSettings, ProviderSettings
from guancha.models.recorded import unregister_recorded
from guancha.models.schema import SAFE_CHAR_RULE, bounded_schema, gbnf_for
from guancha.spec import Settings


class Kind(StrEnum):
    org = "org"
    person = "person"


class Entity(BaseModel):
    name: str = Field(max_length=30)
    kind: Kind


class Story(BaseModel):
    headline: str
    short: str = Field(max_length=10, min_length=2)
    score: int = Field(ge=1, le=10)
    year: int = Field(ge=1900, le=2100)
    big: int = Field(ge=0, le=1_000_000)
    tags: list[str]
    few: list[str] = Field(max_length=2)
    entities: list[Entity] = Field(default_factory=list)
    lead: Entity | None = None
    tone: Literal["calm", "alarmed"] = "calm"


class Node(BaseModel):
    name: str
    children: list[Node] = []


def test_bounded_schema_bounds_strings_and_arrays_and_inlines_refs() -> None:
    s = bounded_schema(Story, max_string_chars=200, max_items=7, enum_int_range=101)
    props = s["properties"]
    assert props["headline"]["maxLength"] == 200
    assert props["short"]["maxLength"] == 10 and props["short"]["minLength"] == 2
    assert props["tags"]["maxItems"] == 7 and props["tags"]["items"]["maxLength"] == 200
    assert props["few"]["maxItems"] == 2
    assert props["score"]["enum"] == list(range(1, 11)) and "minimum" not in props["score"]
    assert props["big"] == {"type": "integer", "minimum": 0, "maximum": 1_000_000}  # too wide for an enum
    assert props["year"]["type"] == "integer"  # 201 values > 101: left to validation
    entity = props["entities"]["items"]
    assert entity["properties"]["name"]["maxLength"] == 30 and entity["properties"]["kind"]["enum"] == ["org", "person"]
    assert "$ref" not in str(s) and "$defs" not in s
    assert s["required"] == list(props) and s["additionalProperties"] is False
    assert entity["additionalProperties"] is False


def test_bounded_schema_refuses_recursive_types() -> None:
    with pytest.raises(ValueError, match="recursive"):
        bounded_schema(Node)


def test_grammar_is_bounded_and_uses_the_control_character_free_string_rule() -> None:
    grammar = gbnf_for(bounded_schema(Story, max_string_chars=500), max_string_chars=500)
    rules = dict(line.split(" ::= ", 1) for line in grammar.strip().splitlines())
    assert rules["char"] == SAFE_CHAR_RULE.split(" ::= ", 1)[1]
    assert "\\n" not in SAFE_CHAR_RULE and "u" not in SAFE_CHAR_RULE.split("|")[1]
    assert rules["headline"] == '"\\"" char{0,500} "\\"" space'
    assert rules["short"] == '"\\"" char{2,10} "\\"" space'
    assert rules["few"] == '"[" space (headline ("," space headline){0,1})? "]" space'
    assert rules["score"].startswith('("1" | "2"') and rules["tone"] == '("\\"calm\\"" | "\\"alarmed\\"") space'
    assert rules["space"] == '" "?'
    assert not re.search(r"[*+]", re.sub(r"\[[^\]]*\]", "", grammar))  # no unbounded repetition anywhere


def test_grammar_for_free_form_values_is_still_bounded() -> None:
    class Loose(BaseModel):
        counts: dict[str, int]
        anything: dict  # type: ignore[type-arg]
        when: str = Field(json_schema_extra={"format": "date-time"})

    grammar = gbnf_for(bounded_schema(Loose), max_string_chars=300, max_items=5)
    assert not re.search(r"[*+]", re.sub(r"\[[^\]]*\]", "", grammar))
    assert "char{0,300}" in grammar and "{0,4}" in grammar and 'date "T" time' in grammar


def test_model_names() -> None:
    assert parse_model_name("deepseek:deepseek-chat") == ("deepseek", "deepseek-chat")
    assert parse_model_name("local:/models/x:y.gguf") == ("local", "/models/x:y.gguf")
    assert parse_model_name("openrouter:anthropic/claude-sonnet-4") == ("openrouter", "anthropic/claude-sonnet-4")
    for bad in ("gpt-4o", ":x", "openai:"):
        with pytest.raises(ConfigError):
            parse_model_name(bad)


def test_settings_merge_presets_with_workspace_overrides() -> None:
    models = ModelsSettings(
        providers={"deepseek": ProviderSettings(concurrency=2), "mine": ProviderSettings(base_url="http://h/v1")},
        prices={"mine:m": ModelPrice(input=1, output=1)},
    )
    deepseek = models.provider("deepseek")
    assert deepseek is not None and deepseek.concurrency == 2 and deepseek.base_url == "https://api.deepseek.com/v1"
    assert deepseek.api_key_env == "DEEPSEEK_API_KEY" and deepseek.structured == "json_object"
    assert models.provider("mine") is not None and models.provider("nope") is None
    assert models.price("mine:m") is not None and models.price("deepseek:deepseek-chat") is not None
    assert models.price("deepseek:unknown-model") is None
    qwen = models.provider("qwen")
    assert qwen is not None and qwen.api_key_env == "DASHSCOPE_API_KEY"
    for name in ("openrouter", "ollama", "vllm", "llamacpp"):
        assert models.provider(name) is not None


def test_estimates_and_redaction() -> None:
    short = estimate_tokens([Message(role="user", content="hello")])
    chinese = estimate_tokens([Message(role="user", content="华为发布新的昇腾芯片")])
    assert chinese > short
    assert redact("key=sk-abcdef and sk-abcdef", ["sk-abcdef"]) == "key=[redacted] and [redacted]"


class Verdict(BaseModel):
    label: Literal["yes", "no"]


def test_recorded_answers_are_validated_repaired_and_cached() -> None:
    register_recorded("rec-test", {"Verdict": ['{"label": "perhaps"}', '{"label": "no"}'], "text": "plain"})
    try:
        model = get_model("recorded:rec-test", settings=Settings(), db=None)
        result = model.complete([Message(role="user", content="q")], Verdict)
        assert result.output == Verdict(label="no") and result.repaired  # the first answer failed validation
        assert model.complete([Message(role="user", content="q")], Verdict).cached
        assert model.complete([Message(role="user", content="t")]).text == "plain"
        register_recorded("rec-bad", {"Verdict": "no json here"})
        with pytest.raises(ModelOutputError) as info:
            get_model("recorded:rec-bad", settings=Settings(), db=None).complete(
                [Message(role="user", content="q")], Verdict
            )
        assert info.value.raw == "no json here"
    finally:
        unregister_recorded("rec-test")
        unregister_recorded("rec-bad")


def test_recorded_answers_from_a_file(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "answers.yaml"  # type: ignore[operator]
    path.write_text("Verdict: {label: \"yes\"}\ntext: hi\n", encoding="utf-8")
    model = get_model(f"recorded:{path}", settings=Settings(), db=None)
    assert model.complete([Message(role="user", content="q")], Verdict).output == Verdict(label="yes")
    with pytest.raises(ConfigError):
        get_model("recorded:nothing-registered", settings=Settings(), db=None)


def test_local_model_path_errors_are_config_errors(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        get_model(f"local:{tmp_path}/missing.gguf", settings=Settings(), db=None)  # type: ignore[str-bytes-safe]
    with pytest.raises(ConfigError, match="unknown model provider"):
        get_model("nosuch:x", settings=Settings(), db=None)


def test_watcher_model_carries_the_spec_budget_and_ids(tmp_path: pytest.TempPathFactory) -> None:
    from guancha.models import BudgetExceeded, watcher_model
    from guancha.spec import WatcherSpec

    spec = WatcherSpec.model_validate({
        "id": "china-ai", "title": "China AI", "sources": [{"feed": "https://example.org/f.xml"}],
        "models": {"writer": "deepseek:deepseek-chat"}, "budget": {"per_run_usd": 0.000001},
    })
    assert watcher_model(spec, "judge", settings=Settings(), db=None, run_id="r") is None
    writer = watcher_model(spec, "writer", settings=Settings(), db=None, run_id="r")
    assert writer is not None and writer.context.watcher_id == "china-ai" and writer.context.stage == "writer"
    assert writer.context.with_stage("revise").budget == spec.budget
    with pytest.raises(BudgetExceeded):  # refused before any key is needed or request made
        writer.complete([Message(role="user", content="write")], max_tokens=500)
