"""The ``models:`` section of the workspace settings: provider endpoints, local-model options, prices.

Providers are OpenAI-compatible HTTP endpoints (with presets for the common ones), the in-process local
provider, or the recorded provider used by fast pipeline tests. Keys are never configured here: a provider
names the *environment variable* that holds its key (``api_key_env``), which is read at call time only.

Prices are USD per million tokens. A model missing from the table is flagged (cost unknown, a warning in
the ledger and in ``guancha costs``) rather than silently costed at zero. Self-hosted providers are marked
``free`` so their calls cost 0 honestly. The default prices were the providers' list prices in late 2025;
override or extend them in ``guancha.yaml``.

This module must not import ``guancha.spec`` (spec imports it to build ``Settings``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

StructuredMode = Literal["json_schema", "json_object", "json_object_schema", "prompt"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProviderSettings(_Strict):
    """One provider: where it is, which env var holds its key, how hard to push it."""

    kind: Literal["openai", "local", "recorded"] = Field(
        "openai", description="openai: any OpenAI-compatible HTTP endpoint; local: llama.cpp in process."
    )
    base_url: str | None = None
    api_key_env: str | None = Field(None, description="Name of the environment variable holding the key.")
    key_required: bool = Field(True, description="False for servers that accept any key (Ollama, vLLM...).")
    structured: StructuredMode = Field(
        "json_schema",
        description=(
            "How to ask for JSON: json_schema (native structured output), json_object (JSON mode; schema "
            "in the prompt), json_object_schema (llama.cpp servers: JSON mode with a schema grammar), "
            "prompt (schema in the prompt only)."
        ),
    )
    concurrency: int = Field(4, ge=1, le=256, description="Calls in flight at once to this provider.")
    timeout_s: float = Field(120.0, gt=0, le=3600)
    retries: int = Field(3, ge=0, le=10, description="Retries on 429, 5xx and connection errors.")
    backoff_s: float = Field(1.0, ge=0, le=120, description="First backoff; doubles on each retry.")
    max_retry_after_s: float = Field(
        60.0, ge=0, description="A Retry-After longer than this fails at once instead of waiting."
    )
    free: bool = Field(False, description="Self-hosted: calls cost nothing (not 'unknown').")


class ModelPrice(_Strict):
    """USD per million tokens. ``cached`` is the price of prompt tokens served from the provider's cache
    (None: charged as ordinary input)."""

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    cached: float | None = Field(None, ge=0)

    def cost(self, tokens_in: int, tokens_out: int, tokens_cached: int = 0) -> float:
        cached = min(max(tokens_cached, 0), tokens_in)
        cached_price = self.input if self.cached is None else self.cached
        return ((tokens_in - cached) * self.input + cached * cached_price + tokens_out * self.output) / 1e6


class LocalSettings(_Strict):
    """The in-process llama.cpp provider (``local:smollm2`` or ``local:/path/model.gguf``)."""

    n_threads: int | None = Field(None, ge=1, le=256, description="CPU threads (default: half the cores, max 8).")
    n_ctx: int = Field(4096, ge=256, le=262144)
    max_string_chars: int = Field(
        4000, ge=1, le=20000, description="Length bound the grammar gives strings whose schema has no maxLength."
    )
    max_items: int = Field(30, ge=1, le=500, description="Size bound the grammar gives arrays without maxItems.")
    enum_int_range: int = Field(
        101, ge=2, description="Integer fields with min/max spanning at most this many values become enums."
    )
    aliases: dict[str, str] = Field(default_factory=dict, description="Name to GGUF path, e.g. mymodel: /m/x.gguf")


PROVIDER_PRESETS: dict[str, ProviderSettings] = {
    "openai": ProviderSettings(base_url="https://api.openai.com/v1", api_key_env="OPENAI_API_KEY"),
    "deepseek": ProviderSettings(
        base_url="https://api.deepseek.com/v1", api_key_env="DEEPSEEK_API_KEY", structured="json_object"
    ),
    "qwen": ProviderSettings(
        base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
        api_key_env="DASHSCOPE_API_KEY",
        structured="json_object",
    ),
    "dashscope": ProviderSettings(
        base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
        api_key_env="DASHSCOPE_API_KEY",
        structured="json_object",
    ),
    "openrouter": ProviderSettings(base_url="https://openrouter.ai/api/v1", api_key_env="OPENROUTER_API_KEY"),
    "ollama": ProviderSettings(
        base_url="http://127.0.0.1:11434/v1", api_key_env="OLLAMA_API_KEY", key_required=False, free=True,
        concurrency=1,
    ),
    "vllm": ProviderSettings(
        base_url="http://127.0.0.1:8000/v1", api_key_env="VLLM_API_KEY", key_required=False, free=True
    ),
    "sglang": ProviderSettings(
        base_url="http://127.0.0.1:30000/v1", api_key_env="SGLANG_API_KEY", key_required=False, free=True
    ),
    "llamacpp": ProviderSettings(
        base_url="http://127.0.0.1:8080/v1",
        api_key_env="LLAMACPP_API_KEY",
        key_required=False,
        structured="json_object_schema",
        free=True,
        concurrency=1,
    ),
    "local": ProviderSettings(kind="local", key_required=False, free=True, concurrency=1, retries=0),
    "recorded": ProviderSettings(kind="recorded", key_required=False, free=True, retries=0),
}


def _p(i: float, o: float, c: float | None = None) -> ModelPrice:
    return ModelPrice(input=i, output=o, cached=c)


DEFAULT_PRICES: dict[str, ModelPrice] = {
    "openai:gpt-4o-mini": _p(0.15, 0.60, 0.075),
    "openai:gpt-4o": _p(2.50, 10.00, 1.25),
    "openai:gpt-4.1": _p(2.00, 8.00, 0.50),
    "openai:gpt-4.1-mini": _p(0.40, 1.60, 0.10),
    "openai:gpt-4.1-nano": _p(0.10, 0.40, 0.025),
    "openai:o4-mini": _p(1.10, 4.40, 0.275),
    "openai:gpt-5": _p(1.25, 10.00, 0.125),
    "openai:gpt-5-mini": _p(0.25, 2.00, 0.025),
    "openai:gpt-5-nano": _p(0.05, 0.40, 0.005),
    "deepseek:deepseek-chat": _p(0.28, 0.42, 0.028),
    "deepseek:deepseek-reasoner": _p(0.28, 0.42, 0.028),
    "qwen:qwen-turbo": _p(0.05, 0.20),
    "qwen:qwen-flash": _p(0.05, 0.40),
    "qwen:qwen-plus": _p(0.40, 1.20),
    "qwen:qwen-max": _p(1.60, 6.40),
    "dashscope:qwen-turbo": _p(0.05, 0.20),
    "dashscope:qwen-flash": _p(0.05, 0.40),
    "dashscope:qwen-plus": _p(0.40, 1.20),
    "dashscope:qwen-max": _p(1.60, 6.40),
    "openrouter:openai/gpt-4o-mini": _p(0.15, 0.60, 0.075),
    "openrouter:openai/gpt-4o": _p(2.50, 10.00, 1.25),
    "openrouter:anthropic/claude-3.5-haiku": _p(0.80, 4.00, 0.08),
    "openrouter:anthropic/claude-sonnet-4": _p(3.00, 15.00, 0.30),
}


class ModelsSettings(_Strict):
    """``models:`` in guancha.yaml. Providers and prices here extend and override the built-in presets."""

    providers: dict[str, ProviderSettings] = Field(default_factory=dict)
    prices: dict[str, ModelPrice] = Field(default_factory=dict)
    local: LocalSettings = LocalSettings()
    default_max_tokens: int = Field(1024, ge=1, le=262144, description="max_tokens when a call gives none.")
    cache: bool = Field(True, description="Reuse the stored answer to an identical call (no tokens, no cost).")

    def provider(self, name: str) -> ProviderSettings | None:
        """A provider's settings: the preset with any fields set in guancha.yaml laid over it."""
        preset = PROVIDER_PRESETS.get(name)
        own = self.providers.get(name)
        if own is None:
            return preset
        if preset is None:
            return own
        return preset.model_copy(update={k: getattr(own, k) for k in own.model_fields_set})

    def provider_names(self) -> list[str]:
        return sorted(set(PROVIDER_PRESETS) | set(self.providers))

    def price(self, model_name: str) -> ModelPrice | None:
        """The price of ``provider:model``; None when it is in neither guancha.yaml nor the defaults."""
        if model_name in self.prices:
            return self.prices[model_name]
        return DEFAULT_PRICES.get(model_name)


__all__ = [
    "DEFAULT_PRICES",
    "PROVIDER_PRESETS",
    "LocalSettings",
    "ModelPrice",
    "ModelsSettings",
    "ProviderSettings",
    "StructuredMode",
]
