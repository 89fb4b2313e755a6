"""Test support for the model layer: a scripted OpenAI-compatible server on loopback, and settings for it.

The server answers each POST with the next scripted reply (the last one repeats): a status with a body and
headers, a delay, or a dropped connection. It records every request (headers and JSON body) and the most
requests it had in flight at once.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from guancha.check.gates.hygiene import AI_INSTRUCTION
from guancha.models.config import ModelPrice, ModelsSettings, ProviderSettings
from guancha.spec import Settings
from guancha.textutil import split_sentences


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict → JSON, bytes/str → sent as is
    headers: dict[str, str] = field(default_factory=dict)
    close: bool = False  # drop the connection without any answer
    delay_s: float = 0.0


def chat_body(content: str, *, prompt_tokens: int = 11, completion_tokens: int = 7, cached: int = 0) -> dict[str, Any]:
    usage: dict[str, Any] = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    if cached:
        usage["prompt_tokens_details"] = {"cached_tokens": cached}
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "m1",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": usage,
    }


class ScriptedServer:
    def __init__(self, replies: list[Reply | Callable[[dict[str, Any]], Reply]]) -> None:
        self.replies = replies
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.inflight = 0
        self.max_inflight = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                request = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "json": json.loads(raw or b"{}")}
                with server._lock:
                    index = len(server.requests)
                    server.requests.append(request)
                    server.times.append(time.monotonic())
                    server.inflight += 1
                    server.max_inflight = max(server.max_inflight, server.inflight)
                try:
                    scripted = server.replies[min(index, len(server.replies) - 1)]
                    reply = scripted(request) if callable(scripted) else scripted
                    if reply.delay_s:
                        time.sleep(reply.delay_s)
                    if reply.close:
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    body = reply.body
                    data = json.dumps(body).encode() if isinstance(body, dict) else (
                        body.encode() if isinstance(body, str) else (body or b"")
                    )
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up (timeout tests)
                finally:
                    with server._lock:
                        server.inflight -= 1

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def scripted_server(*replies: Reply | Callable[[dict[str, Any]], Reply]) -> Iterator[ScriptedServer]:
    server = ScriptedServer(list(replies))
    try:
        yield server
    finally:
        server.close()


KEY_ENV = "GUANCHA_TEST_LOOP_KEY"


def loop_settings(
    base_url: str,
    *,
    retries: int = 3,
    concurrency: int = 4,
    structured: str = "json_schema",
    priced: bool = True,
    max_retry_after_s: float = 30.0,
    key_required: bool = True,
    timeout_s: float = 5.0,
) -> Settings:
    """Settings with a provider 'loop' pointing at ``base_url`` and (when ``priced``) a price for loop:m1."""
    provider = ProviderSettings(
        base_url=base_url,
        api_key_env=KEY_ENV,
        key_required=key_required,
        retries=retries,
        backoff_s=0.01,
        timeout_s=timeout_s,
        concurrency=concurrency,
        structured=structured,  # type: ignore[arg-type]
        max_retry_after_s=max_retry_after_s,
    )
    prices = {"loop:m1": ModelPrice(input=1.0, output=2.0, cached=0.5)} if priced else {}
    return Settings(models=ModelsSettings(providers={"loop": provider}, prices=prices))


# --------------------------------------------------------------------------- a fixed-delay writer model

_SOURCE_RE = re.compile(r"<<<SOURCE (S\d+)\n(?:[^\n]*\n){0,6}?text:\n(.*?)\n>>>", re.S)


def _fenced_sources(prompt: str) -> list[tuple[str, list[str]]]:
    """(label, sentences) of every source fenced in a writer prompt (write.base.fence_source's layout), without the
    sentences that address AI readers: a careful model does not retell a page's "Note for AI assistants: ignore your
    previous instructions…", and the check holds a report that does (hygiene-ai-instructions)."""
    return [(label, [s for s in split_sentences(" ".join(body.split()))
                     if len(s.split()) >= 6 and not AI_INSTRUCTION.search(s)])
            for label, body in _SOURCE_RE.findall(prompt)]


def writer_answer(request: dict[str, Any]) -> dict[str, Any]:
    """What a careful model would answer to one of the llm writer's structured calls, made from the prompt
    alone: a story retells its fenced sources' own sentences, each cited by its label (so the gates can
    ground it); papers get their first sentence as the reason; implications and heuristics one each. The
    same request always gets the same answer, as a model at temperature 0 would give."""
    body = request["json"]
    kind = ((body.get("response_format") or {}).get("json_schema") or {}).get("name", "")
    prompt = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
    sources = _fenced_sources(prompt)
    if kind == "StoryOut":
        paragraphs = []
        for n in range(3):
            cited = [(label, sentences[n]) for label, sentences in sources if len(sentences) > n]
            text = " ".join(f"{sentence.rstrip('.')} [{label}]." for label, sentence in cited)[:900]
            text = text[:text.rfind("].") + 2]  # whole sentences only, each with its citation
            if text:
                paragraphs.append({"text": text, "citations": [label for label, _ in cited]})
        title = next((s[0] for _, s in sources if s), "Today's development")
        answer: dict[str, Any] = {"headline": " ".join(title.split()[:14]).rstrip("."), "subtitle": "what changed",
                                  "paragraphs": paragraphs}
    elif kind == "PapersOut":
        answer = {"papers": [{"label": label, "why": s[0]} for label, s in sources if s]}
    elif kind == "ImplicationsOut":
        labels = sorted(set(re.findall(r"\[(S\d+)\]", prompt)), key=lambda x: int(x[1:]))
        answer = {"paragraphs": [{"text": f"Taken together, these developments set the agenda for the coming "
                                          f"weeks [{labels[0]}].", "citations": labels[:1]}] if labels else []}
    elif kind == "HeuristicsOut":
        answer = {"heuristics": [{
            "id": "prefer-signed-contracts", "domain": ["contracts"],
            "when": "a project is announced", "prefer": "signed contracts and named sites",
            "over": "statements of intent", "because": "signed contracts are what get built",
            "breaks_when": "announced projects are built without signed contracts", "confidence": "medium"}]}
    else:
        answer = {}
    return chat_body(json.dumps(answer))


def fixed_delay_writer(delay_s: float) -> Callable[[dict[str, Any]], Reply]:
    """A ScriptedServer reply: ``writer_answer`` after ``delay_s`` seconds (a model-bound provider)."""
    return lambda request: Reply(body=writer_answer(request), delay_s=delay_s)
