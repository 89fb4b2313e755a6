"""The HTTP transport collection fetches through: httpx's, with a connection pool that costs little per request.

httpcore's pool looks at every pooled connection on every request and every response end, and asks each idle
one whether its socket is readable (a readable idle socket means the server closed it). Through anyio that
question rebuilds the stream's whole attribute table, several system calls included, every time: a fifth of
a busy collection's CPU (issue 13's profile; `benchmarks/bench_collect.py --baseline`). This module answers
it from the raw socket, kept once per connection, with one ``poll`` — the same answer, as httpcore computes
it. Everything else is httpx's and httpcore's own public behaviour: HTTP/1.1 keep-alive, the pool sized to
the collection's concurrency, TLS verified with certifi.

The pool also hands queued requests to connections in linear time (``_Pool``): httpcore 1.0 builds two lists
of every connection for each queued request and, while tidying, a list of every connection for each idle one,
on every request and every response end; the same assignments, found with a first match instead.
"""

from __future__ import annotations

import select
import socket
import ssl
import typing

import httpcore
import httpx


def socket_readable(sock: socket.socket | None) -> bool:
    """Whether a read would return at once (data, or the b"" of a closed connection); a socket that is gone
    counts as readable, as httpcore counts it."""
    fd = None if sock is None else sock.fileno()
    if fd is None or fd < 0:
        return True
    if not hasattr(select, "poll"):  # Windows
        ready, _, _ = select.select([fd], [], [], 0)
        return bool(ready)
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class _Stream(httpcore.AsyncNetworkStream):
    """anyio's stream, with 'is_readable' answered from the raw socket it keeps."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "is_readable":
            return socket_readable(self._socket)
        return self._inner.get_extra_info(info)


class _Backend(httpcore.AnyIOBackend):
    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: typing.Iterable[tuple[typing.Any, ...]] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        return _Stream(await super().connect_tcp(host, port, timeout, local_address, socket_options))


class _Pool(httpcore.AsyncConnectionPool):
    """httpcore's pool, its ``_assign_requests_to_connections`` rewritten to stop at the first match.

    Step for step the method of httpcore 1.0.x (the version range ``_POOL_VERSIONS`` names; other versions keep
    httpcore's own): connections closed, expired or surplus-idle leave the pool (httpcore's surplus test counts
    every connection, idle or not, and so does this), then each queued request, in order, takes the first
    available connection for its origin, else a new connection while there is room, else replaces the first
    idle one. Every test it calls is a read of a connection's state, so asking fewer of them changes nothing.
    tests/test_collect_transport.py runs both on the same pool states.
    """

    def _assign_requests_to_connections(self) -> list[httpcore.AsyncConnectionInterface]:
        closing: list[httpcore.AsyncConnectionInterface] = []
        connections = self._connections
        for connection in list(connections):
            if connection.is_closed():
                connections.remove(connection)
            elif connection.has_expired() or (
                connection.is_idle() and len(connections) > self._max_keepalive_connections
            ):
                connections.remove(connection)
                closing.append(connection)
        for pool_request in [request for request in self._requests if request.is_queued()]:
            origin = pool_request.request.url.origin
            chosen = next((c for c in connections if c.can_handle_request(origin) and c.is_available()), None)
            if chosen is None and len(connections) >= self._max_connections:
                idle = next((c for c in connections if c.is_idle()), None)
                if idle is None:
                    continue  # no room: the request waits for a connection to come free
                connections.remove(idle)
                closing.append(idle)
            if chosen is None:
                chosen = self.create_connection(origin)
                connections.append(chosen)
            pool_request.assign_to_connection(chosen)
        return closing


_POOL_VERSIONS = ("1.0.",)  # httpcore versions whose assignment method _Pool mirrors


def _pool_class() -> type[httpcore.AsyncConnectionPool]:
    version = getattr(httpcore, "__version__", "")
    mirrored = version.startswith(_POOL_VERSIONS) and hasattr(httpcore.AsyncConnectionPool, "_assign_requests_to_connections")
    return _Pool if mirrored else httpcore.AsyncConnectionPool


def collection_transport(connections: int) -> httpx.AsyncHTTPTransport:
    """httpx's transport (its error mapping, its request and response handling) over a pool of ``connections``
    keep-alive connections whose idle check is cheap. Should httpx ever keep its pool elsewhere, the assignment
    below does nothing and its own pool serves: slower, the same answers."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    transport._pool = _pool_class()(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=True,
        http2=False,
        network_backend=_Backend(),
    )
    return transport
