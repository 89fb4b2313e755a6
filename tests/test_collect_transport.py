"""The collection transport's cheap idle check (guancha.collect.transport) gives httpcore the answers its own
would: an idle keep-alive connection the server closed is dropped, never used for the next request."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

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
