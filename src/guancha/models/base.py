"""The model interface everything in guancha writes and judges through.

A model takes messages (and optionally a pydantic output type) and returns text or a validated object,
with usage, latency and cost. Models are named ``provider:model`` (``local:smollm2``,
``deepseek:deepseek-chat``, ``ollama:llama3``...). ``Model.complete`` does the same work for every
provider: cache lookup, budget check, the provider call under a per-provider concurrency limit,
validation with one repair attempt, the ledger row, the cache entry. Providers only implement
``_generate`` (one raw completion).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guancha.models.config import ModelPrice, ModelsSettings, ProviderSettings
from guancha.models.errors import BudgetExceeded, ModelError, ModelOutputError
from guancha.models.schema import compact_json, output_schema
from guancha.store import model_calls as ledger
from guancha.store.db import Database, content_key

if TYPE_CHECKING:
    from guancha.spec import Budget

log = logging.getLogger("guancha.models")

T = TypeVar("T", bound=BaseModel)
CACHE_VERSION = "guancha-model-cache-v1"


class Message(BaseModel):
    """One chat message. ``content`` may hold untrusted source text: it is data for the model, nothing more."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Literal["system", "user", "assistant"]
    content: str


class Usage(BaseModel):
    """Tokens a call consumed. ``tokens_cached`` are prompt tokens the provider served from its prefix cache."""

    model_config = ConfigDict(frozen=True)

    tokens_in: int = Field(0, ge=0)
    tokens_out: int = Field(0, ge=0)
    tokens_cached: int = Field(0, ge=0)

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            tokens_in=self.tokens_in + other.tokens_in,
            tokens_out=self.tokens_out + other.tokens_out,
            tokens_cached=self.tokens_cached + other.tokens_cached,
        )


@dataclass(frozen=True)
class ModelResult(Generic[T]):
    """What a call returns. ``output`` is the validated object when an output type was given.

    ``cost_usd`` is None when the model has no price (see ``warnings``); a cache hit costs 0 and reports
    zero usage, because no tokens were spent.
    """

    text: str
    output: T | None
    usage: Usage
    latency_s: float
    cost_usd: float | None
    cached: bool
    model: str
    attempts: int = 1
    repaired: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallContext:
    """Who a call is for: recorded in the ledger, and the scope of budgets."""

    run_id: str | None = None
    watcher_id: str | None = None
    stage: str | None = None
    budget: Budget | None = None

    def with_stage(self, stage: str) -> CallContext:
        """The same run, watcher and budget, recorded under another stage (write, check, revise...)."""
        return CallContext(run_id=self.run_id, watcher_id=self.watcher_id, stage=stage, budget=self.budget)


@dataclass(frozen=True)
class Completion:
    """One raw answer from a provider, before validation."""

    text: str
    usage: Usage
    finish_reason: str | None = None
    attempts: int = 1
    usage_estimated: bool = False


@dataclass(frozen=True)
class StructuredRequest:
    """What a provider needs to constrain its output: the type, its schema, and the schema shown in the prompt."""

    output_type: type[BaseModel]
    schema: dict[str, Any]


def estimate_tokens(messages: Sequence[Message]) -> int:
    """A deliberately high token count for budgets (about 2x for English prose), never below real tokenizers'.

    ASCII letters count 1 per 3; digits, punctuation and spaces 1 each (tokenizers often split digits);
    other characters 3 tokens per 4 UTF-8 bytes (CJK: about 2 per character); 4 per message for the template.
    """
    total = 2
    for m in messages:
        text = m.content
        ascii_text = text.encode("ascii", "ignore").decode("ascii")
        letters = sum(1 for ch in ascii_text if ch.isalpha())
        other_bytes = len(text.encode("utf-8")) - len(ascii_text)
        total += math.ceil(letters / 3) + (len(ascii_text) - letters) + math.ceil(other_bytes * 0.75) + 4
    return total


def redact(text: str, secrets: Sequence[str]) -> str:
    """``text`` with every secret value replaced, for anything that may be stored, logged or raised."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    return text


def json_instruction(schema: dict[str, Any]) -> str:
    return (
        "Answer with one JSON object and nothing else: no prose, no code fences. "
        "It must validate against this JSON Schema:\n" + json.dumps(schema, ensure_ascii=False)
    )


def with_json_instruction(messages: Sequence[Message], schema: dict[str, Any]) -> list[Message]:
    """The messages with the JSON instruction in the system message, so the stable part comes first."""
    instruction = json_instruction(schema)
    if messages and messages[0].role == "system":
        first = Message(role="system", content=messages[0].content.rstrip() + "\n\n" + instruction)
        return [first, *messages[1:]]
    return [Message(role="system", content=instruction), *messages]


def repair_message(errors: str) -> Message:
    return Message(
        role="user",
        content=(
            "Your reply did not validate against the JSON Schema:\n"
            + errors
            + "\nReply again with only the corrected JSON object."
        ),
    )


def validation_summary(exc: ValidationError, limit: int = 6) -> str:
    """The first few validation errors as ``path: message`` lines (inputs left out: they can be long)."""
    lines = []
    for err in exc.errors(include_url=False, include_input=False)[:limit]:
        loc = ".".join(str(p) for p in err["loc"]) or "(root)"
        lines.append(f"- {loc}: {err['msg']}")
    more = exc.error_count() - limit
    if more > 0:
        lines.append(f"- ... and {more} more")
    return "\n".join(lines)


_warned_unpriced: set[str] = set()
_semaphores: dict[tuple[str, str], threading.BoundedSemaphore] = {}
_semaphores_lock = threading.Lock()


def provider_semaphore(provider: str, endpoint: str, concurrency: int) -> threading.BoundedSemaphore:
    """One semaphore per provider endpoint in this process: at most ``concurrency`` calls in flight."""
    key = (provider, endpoint)
    with _semaphores_lock:
        sem = _semaphores.get(key)
        if sem is None:
            sem = _semaphores[key] = threading.BoundedSemaphore(concurrency)
        return sem


class Model(ABC):
    """A named model bound to settings, a ledger database and a call context. Thread-safe."""

    def __init__(
        self,
        name: str,
        *,
        provider_name: str,
        model_id: str,
        provider: ProviderSettings,
        settings: ModelsSettings,
        db: Database | None,
        context: CallContext | None = None,
        base_url: str | None = None,
        no_cache: bool = False,
    ) -> None:
        self.name = name
        self.provider_name = provider_name
        self.model_id = model_id
        self.provider = provider
        self.settings = settings
        self._own_db = db is None
        # Without a workspace database the ledger and cache live in memory, for this model object only.
        self.db = db if db is not None else Database(":memory:")
        self.context = context or CallContext()
        self.base_url = base_url or provider.base_url
        self.no_cache = no_cache or not settings.cache
        self._spent_lock = threading.Lock()
        self._spent_here = 0.0  # per-run budget when the context has no run_id

    # ------------------------------------------------------------------ provider hooks

    @abstractmethod
    def _generate(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> Completion:
        """One completion from the provider. Raise ModelError subclasses, never bare exceptions."""

    def endpoint(self) -> str:
        """What identifies where answers come from (URL or file path) — part of the cache key, never a secret."""
        return self.base_url or ""

    def structured_schema(self, output_type: type[BaseModel]) -> dict[str, Any]:
        """The schema the provider constrains to and shows in the prompt (local models bound it)."""
        return output_schema(output_type)

    def secrets(self) -> list[str]:
        """Values that must never reach the ledger, logs or errors (the API key)."""
        return []

    # ------------------------------------------------------------------ public

    def with_context(self, context: CallContext) -> Model:
        """The same model (same ledger, cache and loaded weights) recording calls under another context."""
        clone = copy.copy(self)
        clone.context = context
        clone._spent_lock = threading.Lock()
        clone._spent_here = 0.0
        return clone

    def price(self) -> ModelPrice | None:
        """The price used for this model: the table's entry, zero for free (self-hosted) providers, else None."""
        found = self.settings.price(self.name)
        if found is not None:
            return found
        if self.provider.free:
            return ModelPrice(input=0.0, output=0.0, cached=0.0)
        return None

    @overload
    def complete(
        self,
        messages: Sequence[Message | dict[str, str]],
        output_type: type[T],
        *,
        max_tokens: int | None = None,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> ModelResult[T]: ...

    @overload
    def complete(
        self,
        messages: Sequence[Message | dict[str, str]],
        output_type: None = None,
        *,
        max_tokens: int | None = None,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> ModelResult[Any]: ...

    def complete(
        self,
        messages: Sequence[Message | dict[str, str]],
        output_type: type[T] | None = None,
        *,
        max_tokens: int | None = None,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> ModelResult[Any]:
        """Complete ``messages``; with ``output_type`` the answer is a validated instance of it.

        Raises ModelAuthError, ModelRateLimited, ModelUnavailable, ModelOutputError or BudgetExceeded;
        every outcome, including a cache hit or a refusal, is one row in the ledger.
        """
        msgs = [m if isinstance(m, Message) else Message.model_validate(m) for m in messages]
        if not msgs:
            raise ValueError("complete() needs at least one message")
        max_tok = max_tokens if max_tokens is not None else self.settings.default_max_tokens
        structured = None
        prepared = msgs
        if output_type is not None:
            structured = StructuredRequest(output_type=output_type, schema=self.structured_schema(output_type))
            prepared = with_json_instruction(msgs, structured.schema)
        key = self._cache_key(msgs, output_type, max_tok, temperature, seed)
        started = time.monotonic()

        if not self.no_cache:
            hit = self._from_cache(key, output_type, started)
            if hit is not None:
                return hit

        price = self.price()
        warnings: list[str] = []
        if price is None:
            warnings.append(
                f"no price for {self.name}: cost unknown (add it under models.prices in guancha.yaml)"
            )
            if self.name not in _warned_unpriced:
                _warned_unpriced.add(self.name)
                log.warning("%s has no price in the table; its cost is recorded as unknown", self.name)
        usage = Usage()
        attempts = 0
        repaired = False

        def call(batch: list[Message]) -> Completion:
            nonlocal attempts, usage
            try:
                done = self._call(batch, structured, max_tok, temperature, seed)
            except ModelError as exc:
                attempts += exc.attempts
                raise
            attempts += done.attempts
            usage = usage + done.usage
            return done

        try:
            self._check_budget(prepared, max_tok, price, pending=0.0)
            first = call(prepared)
            if first.usage_estimated:
                warnings.append("the provider reported no usage; tokens were estimated")
            text, output = first.text, None
            if output_type is not None:
                output, errors = self._validate(first.text, output_type)
                if errors is not None and first.finish_reason == "length":
                    raise ModelOutputError(
                        f"output was cut at max_tokens={max_tok} before the JSON was complete",
                        model=self.name,
                        raw=first.text,
                        errors=errors,
                        fix="raise max_tokens, or give the output type shorter max_length / max_length on lists",
                    )
                if errors is not None:
                    repaired = True
                    retry_msgs = [*prepared, Message(role="assistant", content=first.text), repair_message(errors)]
                    self._check_budget(retry_msgs, max_tok, price, pending=self._cost(price, usage) or 0.0)
                    second = call(retry_msgs)
                    output, errors = self._validate(second.text, output_type)
                    text = second.text
                    if errors is not None:
                        raise ModelOutputError(
                            f"output does not match {output_type.__name__} even after one repair attempt:\n"
                            + errors,
                            model=self.name,
                            raw=second.text,
                            errors=errors,
                            fix="use a stronger model, simplify the output type, or raise max_tokens; "
                            "the raw output is on the exception's .raw",
                        )
        except ModelError as exc:
            self._record(
                key=key, usage=usage, price=price, started=started, attempts=attempts,
                repaired=repaired, output_type=output_type, error=exc,
            )
            raise
        cost = self._cost(price, usage)
        latency = time.monotonic() - started
        # the ledger row and the cached answer are written together: a run resumed after a kill here finds
        # the answer in the cache rather than paying for the same call again
        self._record(
            key=key, usage=usage, price=price, started=started, attempts=attempts,
            repaired=repaired, output_type=output_type, error=None,
            answer=None if self.no_cache else ledger.CachedResponse(
                text=text,
                output_json=output.model_dump_json() if output is not None else None,
                tokens_in=usage.tokens_in,
                tokens_out=usage.tokens_out,
                tokens_cached=usage.tokens_cached,
                cost_usd=cost,
            ),
        )
        return ModelResult(
            text=text, output=output, usage=usage, latency_s=latency, cost_usd=cost, cached=False,
            model=self.name, attempts=attempts, repaired=repaired, warnings=tuple(warnings),
        )

    # ------------------------------------------------------------------ internals

    def _call(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> Completion:
        sem = provider_semaphore(self.provider_name, self.endpoint(), self.provider.concurrency)
        with sem:
            return self._generate(messages, structured, max_tokens=max_tokens, temperature=temperature, seed=seed)

    def _cache_key(
        self,
        messages: list[Message],
        output_type: type[BaseModel] | None,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> str:
        schema = output_schema(output_type) if output_type is not None else None
        return content_key(
            CACHE_VERSION,
            self.name,
            self.endpoint(),
            compact_json([m.model_dump() for m in messages]),
            compact_json(schema),
            compact_json({"max_tokens": max_tokens, "temperature": temperature, "seed": seed}),
        )

    def _from_cache(
        self, key: str, output_type: type[BaseModel] | None, started: float
    ) -> ModelResult[Any] | None:
        hit = ledger.cache_get(self.db, key)
        if hit is None:
            return None
        output = None
        if output_type is not None:
            try:
                output = output_type.model_validate_json(hit.output_json or hit.text)
            except ValidationError:
                return None  # the type changed in a way the schema did not show: call again
        self._record(
            key=key, usage=Usage(), price=ModelPrice(input=0, output=0), started=started, attempts=0,
            repaired=False, output_type=output_type, error=None, cached=True,
        )
        return ModelResult(
            text=hit.text, output=output, usage=Usage(), latency_s=time.monotonic() - started,
            cost_usd=0.0, cached=True, model=self.name, attempts=0,
        )

    @staticmethod
    def _validate(text: str, output_type: type[T]) -> tuple[T | None, str | None]:
        try:
            return output_type.model_validate_json(text.strip()), None
        except ValidationError as exc:
            return None, validation_summary(exc)

    @staticmethod
    def _cost(price: ModelPrice | None, usage: Usage) -> float | None:
        if price is None:
            return None
        return price.cost(usage.tokens_in, usage.tokens_out, usage.tokens_cached)

    def _check_budget(
        self, messages: list[Message], max_tokens: int, price: ModelPrice | None, *, pending: float
    ) -> None:
        """Refuse (before any request) a call whose estimate would take spending past a budget."""
        budget = self.context.budget
        if budget is None or (budget.per_run_usd is None and budget.per_day_usd is None):
            return
        if price is None:
            raise BudgetExceeded(
                "has no price, so the budget cannot be enforced; the call was not made",
                model=self.name, limit_usd=budget.per_run_usd or budget.per_day_usd, spent_usd=None,
                estimate_usd=None,
                fix=f"add '{self.name}': {{input: ..., output: ...}} under models.prices in guancha.yaml",
            )
        tokens_in = estimate_tokens(messages)
        estimate = price.cost(tokens_in, max_tokens)
        if budget.per_run_usd is not None:
            if self.context.run_id is not None:
                spent = ledger.spent_usd(self.db, run_id=self.context.run_id)
            else:
                with self._spent_lock:
                    spent = self._spent_here
            spent += pending
            if spent + estimate > budget.per_run_usd:
                raise BudgetExceeded(
                    f"the run budget of ${budget.per_run_usd:.4f} would be exceeded: ${spent:.4f} spent, "
                    f"this call is estimated at up to ${estimate:.4f} ({tokens_in} tokens in, "
                    f"max_tokens={max_tokens}); the call was not made",
                    model=self.name, limit_usd=budget.per_run_usd, spent_usd=spent, estimate_usd=estimate,
                    fix="raise budget.per_run_usd in the watcher spec, lower max_tokens, or use a cheaper model",
                )
        if budget.per_day_usd is not None:
            today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT00:00:00Z")
            spent = ledger.spent_usd(self.db, watcher_id=self.context.watcher_id, since=today) + pending
            if spent + estimate > budget.per_day_usd:
                who = f"watcher {self.context.watcher_id}" if self.context.watcher_id else "this workspace"
                raise BudgetExceeded(
                    f"the daily budget of ${budget.per_day_usd:.4f} for {who} would be exceeded: "
                    f"${spent:.4f} spent today (UTC), this call is estimated at up to ${estimate:.4f}; "
                    "the call was not made",
                    model=self.name, limit_usd=budget.per_day_usd, spent_usd=spent, estimate_usd=estimate,
                    fix="wait until tomorrow (UTC), raise budget.per_day_usd in the watcher spec, "
                    "or use a cheaper model",
                )

    def _record(
        self,
        *,
        key: str,
        usage: Usage,
        price: ModelPrice | None,
        started: float,
        attempts: int,
        repaired: bool,
        output_type: type[BaseModel] | None,
        error: ModelError | None,
        cached: bool = False,
        answer: ledger.CachedResponse | None = None,
    ) -> None:
        """One ledger row; with ``answer``, the answer cached in the same transaction."""
        cost = self._cost(price, usage)
        if cost and self.context.run_id is None:
            with self._spent_lock:
                self._spent_here += cost
        error_text = redact(str(error), self.secrets())[:1000] if error is not None else None
        record = ledger.CallRecord(
            model=self.name,
            provider=self.provider_name,
            run_id=self.context.run_id,
            watcher_id=self.context.watcher_id,
            stage=self.context.stage,
            cache_key=key,
            cached=cached,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            tokens_cached=usage.tokens_cached,
            latency_ms=round((time.monotonic() - started) * 1000),
            cost_usd=cost,
            priced=price is not None,
            attempts=attempts,
            repaired=repaired,
            output_type=output_type.__name__ if output_type is not None else None,
            error_kind=error.kind if error is not None else None,
            error=error_text,
        )
        if answer is not None:
            ledger.record_answer(self.db, record, key, answer)
        else:
            ledger.record_call(self.db, record)
