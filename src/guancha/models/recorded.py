"""A recorded-response model for fast pipeline tests: ``recorded:NAME`` or ``recorded:/path/answers.json``.

Answers are looked up by the output type's class name (``"text"`` for plain text calls). A value may be a
string (returned as the raw output), a JSON object (serialised), a list of either (used in order, the last
one repeating), or, for registered responders, a callable ``(messages, output_type) -> str | dict``.
Recorded answers go through the same validation, repair, cache and ledger as real ones, so a bad recorded
answer fails the way a bad model answer would. Real providers are tested separately.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from guancha import yamlload
from guancha.errors import ConfigError
from guancha.models.base import Completion, Message, Model, StructuredRequest, Usage, estimate_tokens
from guancha.models.errors import ModelUnavailable

Responder = Callable[[list[Message], type[BaseModel] | None], Any]

_registry: dict[str, Mapping[str, Any] | Responder] = {}
_registry_lock = threading.Lock()


def register_recorded(name: str, answers: Mapping[str, Any] | Responder) -> None:
    """Make ``recorded:<name>`` answer from ``answers`` (a mapping by type name, or a callable)."""
    with _registry_lock:
        _registry[name] = answers


def unregister_recorded(name: str) -> None:
    with _registry_lock:
        _registry.pop(name, None)


def _load_file(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read recorded answers: {exc}", path=path, fix="check the path") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"recorded answers are not UTF-8 (byte {exc.start})", path=path,
                          fix="save the file as UTF-8") from exc
    # a malformed answers file is the user's to fix: its line, never a traceback (found by a red-team pass)
    try:
        data = yamlload.safe_load(text) if path.suffix in {".yaml", ".yml"} else json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"recorded answers are not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                          fix="correct the JSON near that line") from exc
    except yaml.YAMLError as exc:
        problem, line = yamlload.error_place(exc)
        raise ConfigError(f"recorded answers are not valid YAML: {problem}", path=path, line=line,
                          fix="correct the YAML near that line") from exc
    except RecursionError as exc:
        raise ConfigError("recorded answers nest too deeply to read", path=path, fix="flatten the file") from exc
    if not isinstance(data, dict):
        raise ConfigError("recorded answers must be a mapping of type name to answer", path=path,
                          fix='write e.g. {"text": "...", "MyType": {...}}')
    return data


class RecordedModel(Model):
    """Answers from a registered mapping/callable or a JSON/YAML file; tokens are estimated, cost is 0."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self._counters: dict[str, int] = {}
        self._lock = threading.Lock()
        with _registry_lock:
            registered = _registry.get(self.model_id)
        if registered is not None:
            self._answers: Mapping[str, Any] | Responder = registered
        elif self.model_id.endswith((".json", ".yaml", ".yml")):
            self._answers = _load_file(Path(self.model_id))
        else:
            raise ConfigError(
                f"no recorded answers named {self.model_id!r}",
                field="models",
                fix="call guancha.models.register_recorded(name, answers) first, or name a .json/.yaml file",
            )

    def endpoint(self) -> str:
        return f"recorded:{self.model_id}"

    def _answer(self, messages: list[Message], output_type: type[BaseModel] | None) -> Any:
        if callable(self._answers):
            return self._answers(messages, output_type)
        key = output_type.__name__ if output_type is not None else "text"
        if key not in self._answers:
            raise ModelUnavailable(
                f"no recorded answer for {key}",
                model=self.name,
                fix=f"add a '{key}' entry to the recorded answers",
            )
        value = self._answers[key]
        if isinstance(value, list):
            with self._lock:
                i = self._counters.get(key, 0)
                self._counters[key] = i + 1
            return value[min(i, len(value) - 1)] if value else ""
        return value

    def _generate(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> Completion:
        value = self._answer(messages, structured.output_type if structured else None)
        if isinstance(value, BaseModel):
            text = value.model_dump_json()
        elif isinstance(value, str):
            text = value
        else:
            text = json.dumps(value, ensure_ascii=False)
        usage = Usage(tokens_in=estimate_tokens(messages), tokens_out=max(1, len(text) // 4))
        return Completion(text=text, usage=usage, finish_reason="stop", attempts=1, usage_estimated=True)
