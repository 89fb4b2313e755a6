"""The collection transport's cheap idle check (guancha.collect.transport) gives httpcore the answers its own
would: an idle keep-alive connection the server closed is dropped, never used for the next request."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import httpcore
import httpx
import pytest

from guancha.collect.transport import collection_transport, socket_readable


def test_socket_readable_answers_as_httpcore_does() -> None:
    mine, peer = socket.socketpair()
    try:
        assert not socket_readable(mine)           # nothing to read: a live idle connection
        peer.sendall(b"x")
        assert socket_readable(mine)               # data waiting
        mine.recv(1)
        peer.close()
        assert socket_readable(mine)               # the peer closed: the read would return b""
    finally:
        mine.close()
    assert socket_readable(mine)                   # gone: counts as readable (to be dropped)
    assert socket_readable(None)


@pytest.fixture
def closing_server() -> Iterator[tuple[int, list[int]]]:
    """Answers one request per connection with keep-alive headers, then closes the connection a moment later
    (as a server does when its keep-alive timeout is short). Yields the port and the connection count."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    connections: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            connections.append(1)
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
                stop.wait(0.05)  # then close: the client's pooled connection is now dead

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_a_connection_the_server_closed_is_not_reused(closing_server: tuple[int, list[int]]) -> None:
    port, connections = closing_server

    async def two_requests() -> list[str]:
        async with httpx.AsyncClient(transport=collection_transport(4), trust_env=False, timeout=5) as client:
            first = await client.get(f"http://127.0.0.1:{port}/a")
            await asyncio.sleep(0.3)  # the server has closed the idle connection by now
            second = await client.get(f"http://127.0.0.1:{port}/b")
            return [first.text, second.text]

    assert asyncio.run(two_requests()) == ["ok", "ok"]
    assert len(connections) == 2  # the second request opened a new connection instead of failing on the old


class _Scripted(httpcore.AsyncConnectionInterface):
    """A connection whose state is set by the test: the pool only reads these answers (never any I/O here), so two
    pools given equal scripted states must make equal choices."""

    def __init__(self, name: str, origin: bytes, state: dict[str, bool]) -> None:
        self.name, self.origin, self.state = name, origin, state

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return origin.host == self.origin

    def is_available(self) -> bool:
        return self.state["available"]

    def has_expired(self) -> bool:
        return self.state["expired"]

    def is_idle(self) -> bool:
        return self.state["idle"]

    def is_closed(self) -> bool:
        return self.state["closed"]

    def info(self) -> str:
        return self.name

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        raise AssertionError("the assignment never sends")

    async def aclose(self) -> None:
        raise AssertionError("the assignment never closes")


def test_the_pool_assigns_as_httpcore_does() -> None:
    """guancha's pool (transport._Pool) and httpcore's own, on thousands of random pool states: the same connections
    closed, kept and made, and every queued request on the same connection."""
    import random

    from httpcore._async.connection_pool import AsyncPoolRequest

    from guancha.collect.transport import _Pool

    rng = random.Random(21)
    hosts = [b"a.example", b"b.example", b"c.example"]

    def run(pool_class: type[httpcore.AsyncConnectionPool], seed: int) -> tuple[object, ...]:
        local = random.Random(seed)  # the same draws for both pools
        max_connections, keepalive = local.randint(1, 6), local.randint(0, 6)
        pool = pool_class(max_connections=max_connections, max_keepalive_connections=keepalive)
        made: list[str] = []

        def create(origin: httpcore.Origin) -> _Scripted:
            made.append(f"new{len(made)}")
            return _Scripted(made[-1], origin.host, {"available": False, "expired": False, "idle": False, "closed": False})

        pool.create_connection = create  # type: ignore[method-assign]
        pool._connections = [
            _Scripted(f"c{i}", local.choice(hosts), {k: local.random() < p for k, p in
                      (("available", 0.4), ("expired", 0.15), ("idle", 0.5), ("closed", 0.1))})
            for i in range(local.randint(0, 8))
        ]
        requests = [AsyncPoolRequest(httpcore.Request("GET", f"http://{local.choice(hosts).decode()}/x"))
                    for _ in range(local.randint(0, 8))]
        for request in requests:
            if pool._connections and local.random() < 0.3:
                request.connection = local.choice(pool._connections)  # already assigned: not queued
        pool._requests = list(requests)
        closing = pool._assign_requests_to_connections()
        return ([c.name for c in closing], [c.name for c in pool._connections],  # type: ignore[attr-defined]
                [getattr(r.connection, "name", None) for r in requests], made)

    async def compare() -> int:
        differing_from_idle = 0
        for _ in range(3000):
            seed = rng.randrange(1 << 30)
            ours, theirs = run(_Pool, seed), run(httpcore.AsyncConnectionPool, seed)
            assert ours == theirs, seed
            differing_from_idle += bool(ours[0])
        return differing_from_idle

    assert asyncio.run(compare()) > 500  # plenty of states where connections were closed or replaced


def test_many_more_requests_than_connections_all_answered() -> None:
    """The pool on a real loopback keep-alive server: 80 concurrent requests through 4 connections, every one
    answered with its own body, and never more than 4 connections opened."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    opened: set[tuple[str, int]] = set()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            opened.add(self.client_address)
            body = self.path.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    async def fetch_all() -> list[str]:
        async with httpx.AsyncClient(transport=collection_transport(4)) as client:
            responses = await asyncio.gather(*(client.get(f"http://127.0.0.1:{server.server_port}/{i}") for i in range(80)))
            return [r.text for r in responses]

    try:
        assert asyncio.run(fetch_all()) == [f"/{i}" for i in range(80)]
        assert 1 <= len(opened) <= 4
    finally:
        server.shutdown()
        server.server_close()
