"""Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, DashScope, OpenRouter, Ollama, vLLM, SGLang,
llama.cpp's servers) through the official ``openai`` SDK.

The SDK's own retries are off: this module retries 429, 5xx and connection errors itself, with exponential
backoff, honouring Retry-After up to ``max_retry_after_s``, so every attempt is counted in the ledger and a
too-long wait fails at once with a clear error. The API key is read from the environment variable the
provider names, at call time, and kept only in the client object: it is redacted from every message that
leaves this module.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import random
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

import openai

from guancha.httputil import retry_after_seconds as header_retry_after
from guancha.models.base import Completion, Message, Model, StructuredRequest, Usage, estimate_tokens, redact
from guancha.models.errors import ModelAuthError, ModelError, ModelRateLimited, ModelUnavailable
from guancha.models.schema import bounded_schema, schema_name

log = logging.getLogger("guancha.models")

NO_KEY = "no-key"
SERVER_MAX_STRING_CHARS = 800  # longest string a llama.cpp server's schema grammar is asked to allow  # sent to servers that need no key; the SDK refuses an empty one


# The most an endpoint's answer may hold on the wire. A chat completion of the largest max_tokens a watcher asks for
# is a few hundred kilobytes; an endpoint that answers 300 MB (a wrong base_url serving a file, a hostile server)
# took 975 MB of memory before the SDK parsed it.
MAX_ANSWER_BYTES = 16 * 1024 * 1024


class AnswerTooLarge(Exception):
    """An endpoint's answer ran past MAX_ANSWER_BYTES; raised while it is read, so the rest is never held."""


def _sdk_http() -> Any:
    """The HTTP library the openai SDK speaks: httpx, or httpx2 from its 3.x releases (a client of the other one is
    refused)."""
    for base in openai.DefaultHttpxClient.__mro__:
        top = base.__module__.split(".")[0]
        if top not in ("openai", "builtins"):
            return importlib.import_module(top)
    return importlib.import_module("httpx")


def bounded_http_client(timeout: float) -> Any:
    """An HTTP client for the SDK whose answers stop at MAX_ANSWER_BYTES, asked for uncompressed so that the bytes
    counted are the bytes kept."""
    http = _sdk_http()
    most = MAX_ANSWER_BYTES

    class BoundedStream(http.SyncByteStream):  # type: ignore[name-defined]
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def __iter__(self) -> Iterator[bytes]:
            seen = 0
            for chunk in self._stream:
                seen += len(chunk)
                if seen > most:
                    raise AnswerTooLarge(f"the answer ran past {most:,} bytes")
                yield chunk

        def close(self) -> None:
            self._stream.close()

    class BoundedTransport(http.HTTPTransport):  # type: ignore[name-defined]
        def handle_request(self, request: Any) -> Any:
            response = super().handle_request(request)
            if isinstance(response.stream, http.SyncByteStream):
                response.stream = BoundedStream(response.stream)
            return response

    return http.Client(transport=BoundedTransport(), headers={"Accept-Encoding": "identity"}, timeout=timeout)


def retry_after_seconds(headers: Mapping[str, str] | None) -> float | None:
    """Seconds a server asked us to wait: ``retry-after-ms``, ``Retry-After`` as seconds or an HTTP date."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    return header_retry_after(headers.get("retry-after"))


class OpenAICompatModel(Model):
    """A chat model behind an OpenAI-compatible HTTP API."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self._client: openai.OpenAI | None = None
        self._api_key: str | None = None
        self._client_lock = threading.Lock()
        self._mode = self.provider.structured
        # Learned from 400 answers: newer OpenAI reasoning models want max_completion_tokens and reject
        # any temperature but the default.
        self._max_tokens_param = "max_tokens"
        self._send_temperature = True

    def endpoint(self) -> str:
        return (self.base_url or "").rstrip("/")

    def secrets(self) -> list[str]:
        return [self._api_key] if self._api_key and self._api_key != NO_KEY else []

    def structured_schema(self, output_type: type[Any]) -> dict[str, Any]:
        if self.provider.structured == "json_object_schema":
            # llama.cpp servers turn this schema into a grammar: give them the bounded form.
            # llama-cpp-python's server converts it with a converter whose grammars break past ~1000
            # characters per string, so strings are capped there.
            local = self.settings.local
            return bounded_schema(
                output_type,
                max_string_chars=min(local.max_string_chars, SERVER_MAX_STRING_CHARS),
                max_items=local.max_items,
                enum_int_range=local.enum_int_range,
            )
        return super().structured_schema(output_type)

    # ------------------------------------------------------------------ client

    def _get_client(self) -> openai.OpenAI:
        with self._client_lock:
            if self._client is None:
                env = self.provider.api_key_env
                key = os.environ.get(env) if env else None
                if not key:
                    if self.provider.key_required:
                        where = f"the environment variable {env}" if env else "an api_key_env for this provider"
                        raise ModelAuthError(
                            f"no API key: {where} is not set",
                            model=self.name,
                            env_var=env,
                            fix=(
                                f"export {env}=<your key>, or put {env}=<your key> in the workspace's .env "
                                "(keys are never stored in files guancha writes)"
                                if env
                                else f"set api_key_env under models.providers.{self.provider_name} in guancha.yaml"
                            ),
                        )
                    key = NO_KEY
                self._api_key = key
                self._client = openai.OpenAI(
                    api_key=key,
                    base_url=self.endpoint(),
                    timeout=self.provider.timeout_s,
                    max_retries=0,
                    http_client=bounded_http_client(self.provider.timeout_s),
                )
            return self._client

    # ------------------------------------------------------------------ one completion

    def _request(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.model_id,
            "messages": [m.model_dump() for m in messages],
            self._max_tokens_param: max_tokens,
        }
        if self._send_temperature:
            request["temperature"] = temperature
        if seed is not None:
            request["seed"] = seed
        if structured is not None:
            if self._mode == "json_schema":
                request["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {
                        "name": schema_name(structured.output_type),
                        "schema": structured.schema,
                        "strict": False,
                    },
                }
            elif self._mode == "json_object":
                request["response_format"] = {"type": "json_object"}
            elif self._mode == "json_object_schema":
                request["response_format"] = {"type": "json_object", "schema": structured.schema}
        return request

    def _generate(
        self,
        messages: list[Message],
        structured: StructuredRequest | None,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None,
    ) -> Completion:
        try:
            client = self._get_client()
        except ModelAuthError as exc:
            exc.attempts = 0  # nothing was sent
            raise
        tries = [0]
        try:
            return self._loop(client, messages, structured, max_tokens, temperature, seed, tries)
        except ModelError as exc:
            exc.attempts = max(tries[0], 1)
            raise

    def _loop(
        self,
        client: openai.OpenAI,
        messages: list[Message],
        structured: StructuredRequest | None,
        max_tokens: int,
        temperature: float,
        seed: int | None,
        tries: list[int],
    ) -> Completion:
        """The retry loop; ``tries[0]`` counts requests made, for the ledger."""
        attempts = 0
        p = self.provider
        while True:
            attempts += 1
            tries[0] = attempts
            request = self._request(
                messages, structured, max_tokens=max_tokens, temperature=temperature, seed=seed
            )
            try:
                response = client.chat.completions.create(**request)
                return self._completion(response, messages, attempts)
            except json.JSONDecodeError as exc:
                # A 200 whose body is not JSON: the request may have been processed (and billed), so it is
                # not repeated.
                raise ModelUnavailable(
                    f"the endpoint answered with a body that is not JSON ({exc.msg} at char {exc.pos})",
                    model=self.name,
                    fix=f"check that {self.endpoint()} is an OpenAI-compatible API (usually ending in /v1) "
                    "and that no proxy rewrites its answers",
                ) from None
            except openai.APIStatusError as exc:
                if self._downgrade(exc, structured) or self._adapt(exc):
                    attempts -= 1
                    continue
                self._status_error(exc, attempts)  # raises, or returns after sleeping for a retry
            except openai.APITimeoutError:
                if attempts > p.retries:
                    raise ModelUnavailable(
                        f"no answer within {p.timeout_s:g}s, {attempts} attempts",
                        model=self.name,
                        fix="raise models.providers.<name>.timeout_s, lower max_tokens, or check the server",
                    ) from None
                self._sleep(self._backoff(attempts), "timeout", attempts)
            except (AnswerTooLarge, openai.APIConnectionError) as exc:
                if isinstance(exc, AnswerTooLarge) or isinstance(exc.__cause__, AnswerTooLarge):
                    # the SDK lets it through, or wraps it as a connection error: either way, not worth a retry
                    raise ModelUnavailable(
                        f"{self.endpoint()} sent an answer larger than {MAX_ANSWER_BYTES:,} bytes; no chat completion "
                        "is that long",
                        model=self.name,
                        fix="check base_url: it should be the server's OpenAI-compatible API root "
                        f"(try 'guancha models check {self.name} --base-url URL')",
                    ) from None
                if attempts > p.retries:
                    raise ModelUnavailable(
                        f"cannot reach {self.endpoint()} after {attempts} attempts ({self._cause(exc)})",
                        model=self.name,
                        fix="check that the server is running and base_url is right "
                        f"(try 'guancha models check {self.name} --base-url URL')",
                    ) from None
                self._sleep(self._backoff(attempts), "connection", attempts)
            except openai.APIResponseValidationError as exc:
                raise ModelUnavailable(
                    f"the endpoint sent a response that is not a chat completion: {self._detail(exc)}",
                    model=self.name,
                    fix=f"check that {self.endpoint()} is an OpenAI-compatible API (usually ending in /v1)",
                ) from None

    def _downgrade(self, exc: openai.APIStatusError, structured: StructuredRequest | None) -> bool:
        """Switch from json_schema to json_object when the server rejects the response_format we sent.

        Some servers answer an unsupported response_format with 400, some (llama-cpp-python's) with 500.
        """
        if structured is None or self._mode != "json_schema" or exc.status_code in (401, 403, 429):
            return False
        if "response_format" not in self._detail(exc) and "json_schema" not in self._detail(exc):
            return False
        log.warning("%s rejects json_schema output; falling back to json_object", self.name)
        self._mode = "json_object"
        return True

    def _adapt(self, exc: openai.APIStatusError) -> bool:
        """Rename max_tokens or drop temperature when a 400 says the model does not accept them."""
        if exc.status_code != 400:
            return False
        detail = self._detail(exc)
        if "max_completion_tokens" in detail and self._max_tokens_param == "max_tokens":
            self._max_tokens_param = "max_completion_tokens"
            return True
        lowered = detail.lower()
        if self._send_temperature and "temperature" in lowered and ("unsupported" in lowered or "not support" in lowered):
            self._send_temperature = False
            log.warning("%s does not accept a temperature; using the model's default", self.name)
            return True
        return False

    def _status_error(self, exc: openai.APIStatusError, attempts: int) -> None:
        """Raise the typed error for an HTTP error status, or sleep and return when it is worth a retry."""
        p = self.provider
        status = exc.status_code
        if status == 401:
            raise self._auth_error(exc, "the key was refused (401)")
        if status == 403:
            raise self._auth_error(exc, "the key may not use this model (403)")
        if status == 429:
            wait = retry_after_seconds(exc.response.headers)
            if wait is not None and wait > p.max_retry_after_s:
                raise ModelRateLimited(
                    f"rate limited (429); the server asks to wait {wait:.0f}s, more than "
                    f"max_retry_after_s={p.max_retry_after_s:.0f}s",
                    model=self.name,
                    retry_after_s=wait,
                    fix="try again later, lower the provider's concurrency, or raise its max_retry_after_s",
                )
            if attempts > p.retries:
                raise ModelRateLimited(
                    f"still rate limited (429) after {attempts} attempts: {self._detail(exc)}",
                    model=self.name,
                    retry_after_s=wait,
                    fix="lower the provider's concurrency in guancha.yaml, check your plan's limits, or retry later",
                )
            self._sleep(wait if wait is not None else self._backoff(attempts), "429", attempts)
            return
        if status >= 500 or status in (408, 409):
            if attempts > p.retries:
                raise ModelUnavailable(
                    f"the server kept failing (HTTP {status}) after {attempts} attempts: {self._detail(exc)}",
                    model=self.name,
                    fix=f"check the provider's status page or the server at {self.endpoint()}; retry later",
                )
            wait = retry_after_seconds(exc.response.headers)
            if wait is None or wait > p.max_retry_after_s:
                wait = self._backoff(attempts)
            self._sleep(wait, f"HTTP {status}", attempts)
            return
        if status == 404:
            raise ModelUnavailable(
                f"not found (404) at {self.endpoint()}: {self._detail(exc)}",
                model=self.name,
                fix="check the model name after the colon, and that base_url is the API root (often ending in /v1)",
            )
        raise ModelError(
            f"the request was rejected (HTTP {status}): {self._detail(exc)}",
            model=self.name,
            fix="check max_tokens against the model's limits and the size of the messages",
        )

    def _completion(self, response: Any, messages: list[Message], attempts: int) -> Completion:
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list) or not choices or getattr(choices[0], "message", None) is None:
            raise ModelUnavailable(
                "the endpoint answered 200 without any choices: not a chat completion",
                model=self.name,
                fix=f"check that {self.endpoint()} is an OpenAI-compatible API (usually ending in /v1)",
            )
        choice = choices[0]
        text = choice.message.content or ""
        usage = getattr(response, "usage", None)
        if usage is None or getattr(usage, "prompt_tokens", None) is None:
            estimated = Usage(tokens_in=estimate_tokens(messages), tokens_out=max(1, len(text) // 3))
            return Completion(text, estimated, choice.finish_reason, attempts, usage_estimated=True)
        cached = 0
        details = getattr(usage, "prompt_tokens_details", None)
        if details is not None and getattr(details, "cached_tokens", None):
            cached = int(details.cached_tokens)
        extra = getattr(usage, "model_extra", None) or {}
        if not cached and isinstance(extra.get("prompt_cache_hit_tokens"), int):  # DeepSeek
            cached = int(extra["prompt_cache_hit_tokens"])
        return Completion(
            text=text,
            usage=Usage(
                tokens_in=int(usage.prompt_tokens or 0),
                tokens_out=int(usage.completion_tokens or 0),
                tokens_cached=cached,
            ),
            finish_reason=choice.finish_reason,
            attempts=attempts,
        )

    # ------------------------------------------------------------------ helpers

    def _auth_error(self, exc: openai.APIStatusError, what: str) -> ModelAuthError:
        env = self.provider.api_key_env
        return ModelAuthError(
            f"{what}: {self._detail(exc)}",
            model=self.name,
            env_var=env,
            fix=f"check the key in the environment variable {env}" if env else "configure api_key_env",
        )

    def _detail(self, exc: Exception) -> str:
        """The server's error text, redacted and shortened: servers sometimes echo the key back."""
        body = getattr(exc, "body", None)
        text = ""
        if isinstance(body, dict):
            inner = body.get("error", body)
            text = str(inner.get("message", inner)) if isinstance(inner, dict) else str(inner)
        if not text:
            text = getattr(exc, "message", None) or str(exc)
        return redact(text, self.secrets())[:300]

    def _cause(self, exc: Exception) -> str:
        cause = exc.__cause__ or exc.__context__
        return redact(type(cause).__name__ if cause is not None else type(exc).__name__, self.secrets())

    def _backoff(self, attempt: int) -> float:
        return float(self.provider.backoff_s * (2 ** (attempt - 1)) * (1 + random.random() * 0.25))

    def _sleep(self, seconds: float, why: str, attempt: int) -> None:
        log.info("%s: %s on attempt %d; retrying in %.2fs", self.name, why, attempt, seconds)
        time.sleep(seconds)
