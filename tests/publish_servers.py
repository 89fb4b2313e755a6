"""Real loopback servers for publishing tests and benchmarks: an SMTP server (aiosmtpd) that records every
message it accepts, and an HTTP server that records webhook and apprise ``json://`` posts."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    rcpt: list[str]
    message: EmailMessage


@dataclass
class SmtpRecorder:
    """The aiosmtpd handler: refuses the addresses in ``refuse`` with 550 at RCPT; ``before_accept`` runs with
    each message before it is accepted and may return an SMTP reply to refuse it instead (nothing recorded)."""

    refuse: set[str] = field(default_factory=set)
    before_accept: Callable[[int], str | None] | None = None
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    data_seen: int = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.data_seen += 1
            n = self.data_seen
        if self.before_accept is not None:
            reply = self.before_accept(n)
            if reply is not None:
                return reply
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def by_recipient(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.lock:
            for m in self.messages:
                for r in m.rcpt:
                    counts[r] = counts.get(r, 0) + 1
        return counts


@contextmanager
def smtp_server(port: int | None = None, recorder: SmtpRecorder | None = None,
                **smtp_options: Any) -> Iterator[tuple[int, SmtpRecorder]]:
    """aiosmtpd on 127.0.0.1; ``smtp_options`` go to its SMTP class (authenticator, tls_context, ...)."""
    from aiosmtpd.controller import Controller

    rec = recorder or SmtpRecorder()
    port = port or free_port()
    controller = Controller(rec, hostname="127.0.0.1", port=port, **smtp_options)
    controller.start()
    try:
        yield port, rec
    finally:
        controller.stop()


@dataclass
class HttpPost:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HttpRecorder:
    posts: list[HttpPost] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)   # answers to give, in order; then 200
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def http_server() -> Iterator[tuple[str, HttpRecorder]]:
    rec = HttpRecorder()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with rec.lock:
                status = rec.statuses.pop(0) if rec.statuses else 200
                if status == 200:
                    rec.posts.append(HttpPost(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "7200")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", rec
    finally:
        server.shutdown()
        server.server_close()
