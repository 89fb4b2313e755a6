"""The polite, safe HTTP fetcher every collection goes through.

Polite: per-host concurrency and delay, a global concurrency limit, robots.txt for pages, conditional GET
for feeds, retries with backoff that honour Retry-After, an honest User-Agent. Safe: only http(s); every
URL and every redirect hop is checked (scheme, resolved address) *before* a connection is made; bodies are
streamed and cut at ``max_bytes`` (kept, marked truncated) so a huge response never sits in memory.

The fetcher knows nothing about the database: each ``fetch`` call produces one ``FetchResult`` and hands it
to the ``recorder`` callback, which the collection stores as a ``fetches`` row.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx

from guancha.collect.contentcoding import ACCEPT_ENCODING, BoundedDecoder, ContentCodingError
from guancha.collect.transport import collection_transport
from guancha.collect.urls import (
    absolute_url,
    check_address,
    check_scheme,
    literal_ip,
    strip_userinfo,
    url_host,
)
from guancha.errors import BlockedURL
from guancha.httputil import retry_after_seconds
from guancha.spec import HttpSettings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_ERRORS = frozenset({"timeout", "connect-error", "network-error"})
ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "arxiv": "application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    "robots": "text/plain, */*;q=0.5",
}
ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ROBOTS_MAX_BYTES = 512_000
ROBOTS_AGENT = "guancha"
# Hosts that publish their own minimum interval between requests (arXiv's API terms ask for 3 seconds).
MIN_HOST_DELAY_S = {"export.arxiv.org": 3.0}


@dataclass(frozen=True)
class Validators:
    """Conditional-GET validators remembered from an earlier 200 answer."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass
class FetchResult:
    """One logical fetch (after redirects and retries), or one refusal before any request."""

    url: str
    purpose: str
    source_id: str | None = None
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    truncated: bool = False
    not_modified: bool = False
    conditional: bool = False
    attempts: int = 0
    error_kind: str | None = None
    error: str | None = None
    started_at: str = ""
    elapsed_ms: int = 0
    record_id: int | None = None  # the fetches row, once recorded

    @property
    def ok(self) -> bool:
        return self.error_kind is None and self.status is not None and (200 <= self.status < 300 or self.not_modified)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


Recorder = Callable[[FetchResult], int | None]


class _Answer:
    """What one request on one hop produced."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes, truncated: bool) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.truncated = truncated


class _FetchFailed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class _Host:
    slots: asyncio.Semaphore
    delay: float
    gate: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")  # ms: fetch order


class Fetcher:
    """Use as ``async with Fetcher(settings.http, settings.user_agent(), recorder=...) as f``."""

    def __init__(
        self,
        http: HttpSettings,
        user_agent: str,
        *,
        recorder: Recorder | None = None,
        respect_robots: bool | None = None,
    ) -> None:
        self.http = http
        self.user_agent = user_agent
        self.recorder = recorder
        self.respect_robots = http.respect_robots if respect_robots is None else respect_robots
        self.allow = frozenset(http.allow_private_hosts)
        self._global = asyncio.Semaphore(http.concurrency)
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, asyncio.Future[tuple[urllib.robotparser.RobotFileParser | None, str]]] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(self.http.timeout_s),
            # only the codings ``BoundedDecoder`` undoes, whatever compression packages happen to be installed
            headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            transport=collection_transport(self.http.concurrency),  # keep-alive pool sized to the concurrency
            trust_env=False,  # a proxy would resolve hosts itself and defeat the address check
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    # ------------------------------------------------------------------ public

    async def fetch(
        self,
        url: str,
        *,
        purpose: str,
        source_id: str | None = None,
        validators: Validators | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch ``url`` (redirects, retries, robots.txt for pages); never raises for network problems."""
        started = time.monotonic()
        url = strip_userinfo(url)  # never sent as Basic auth, never stored
        result = FetchResult(url=url, purpose=purpose, source_id=source_id, started_at=_now_iso())
        try:
            check_scheme(url)
            if self.respect_robots and purpose in {"page", "article"}:
                await self._check_robots(url, source_id)
            await self._fetch_with_retries(result, validators, max_bytes or self.http.max_bytes)
            if purpose == "robots" and result.status in (404, 410):
                # a site without robots.txt is normal, not a failure: everything is allowed
                result.error_kind, result.error = None, f"no robots.txt (HTTP {result.status}): all paths allowed"
        except BlockedURL as exc:
            result.error_kind, result.error = exc.kind, exc.message
            if exc.url != url:
                result.final_url = exc.url  # the redirect hop that was refused
        except _FetchFailed as exc:
            result.error_kind, result.error = exc.kind, exc.message
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
        if self.recorder is not None:
            result.record_id = self.recorder(result)
        return result

    # ------------------------------------------------------------------ retries and redirects

    async def _fetch_with_retries(self, result: FetchResult, validators: Validators | None, cap: int) -> None:
        extra = validators.headers() if validators else {}
        result.conditional = bool(extra)
        extra["Accept"] = ACCEPT.get(result.purpose, ACCEPT_HTML)
        for attempt in range(self.http.retries + 1):
            result.attempts = attempt + 1
            failure: _FetchFailed | None = None
            answer: _Answer | None = None
            try:
                answer, final = await self._follow(result.url, extra, cap)
            except _FetchFailed as exc:
                failure = exc
            if failure is not None:
                if failure.kind in RETRY_ERRORS and attempt < self.http.retries:
                    await asyncio.sleep(self.http.backoff_s * 2**attempt)
                    continue
                raise failure
            assert answer is not None
            result.final_url = final
            result.status = answer.status
            result.headers = answer.headers
            if answer.status in RETRY_STATUSES:
                wait = retry_after_seconds(answer.headers.get("retry-after"))
                if wait is not None and wait > self.http.max_retry_after_s:
                    result.error_kind = f"http-{answer.status}"
                    result.error = (
                        f"HTTP {answer.status}; Retry-After {wait:.0f}s exceeds http.max_retry_after_s "
                        f"({self.http.max_retry_after_s:.0f}s), not retried"
                    )
                    return
                if attempt < self.http.retries:
                    delay = wait if wait is not None else self.http.backoff_s * 2**attempt
                    self._host(final).next_at = max(self._host(final).next_at, time.monotonic() + delay)
                    await asyncio.sleep(delay)
                    continue
                result.error_kind = f"http-{answer.status}"
                result.error = f"HTTP {answer.status} after {attempt + 1} attempts"
                return
            if answer.status == 304 and result.conditional:
                result.not_modified = True
                return
            if not 200 <= answer.status < 300:
                result.error_kind = f"http-{answer.status}"
                result.error = f"HTTP {answer.status}"
                return
            result.body = answer.body
            result.truncated = answer.truncated
            if answer.truncated:
                result.error = f"body cut at {len(answer.body)} bytes (http.max_bytes)"
            return

    async def _follow(self, url: str, headers: dict[str, str], cap: int) -> tuple[_Answer, str]:
        """Request ``url``, following redirects by hand so every hop passes the safety policy first."""
        current = url
        origin = urlsplit(url).netloc.lower()
        for _hop in range(self.http.max_redirects + 1):
            check_scheme(current)
            # a redirect may stay on the allowed host and port it started from, never wander to another port
            address = await self._check_address(current, any_port=urlsplit(current).netloc.lower() == origin)
            answer = await self._request(current, headers, cap, address)
            location = answer.headers.get("location")
            if answer.status in REDIRECT_STATUSES and location:
                current = absolute_url(current, location)
                continue
            return answer, current
        raise _FetchFailed(
            "too-many-redirects", f"more than {self.http.max_redirects} redirects (last: {current})"
        )

    async def _check_address(self, url: str, *, any_port: bool = True) -> str | None:
        """Resolve the host and apply the address policy; returns the vetted address to connect to
        (None for an IP literal), so DNS cannot answer differently between the check and the connection."""
        host = url_host(url)
        literal = literal_ip(url)
        if literal is not None:
            check_address(url, [literal], self.allow, any_port=any_port)
            return None
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise BlockedURL(f"refused: bad port in {url}", url=url, kind="blocked-scheme") from exc
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise _FetchFailed("dns-error", f"cannot resolve {host}: {exc}") from exc
        addresses = [str(info[4][0]) for info in infos]
        check_address(url, addresses, self.allow, any_port=any_port)
        addresses.sort(key=lambda a: ":" in a)  # IPv4 first: loopback services often listen on it only
        return addresses[0] if addresses else None

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        host = self._hosts.get(key)
        if host is None:
            polite = key.split(":")[0] in MIN_HOST_DELAY_S
            host = self._hosts[key] = _Host(
                slots=asyncio.Semaphore(1 if polite else self.http.per_host_concurrency),
                delay=max(self.http.per_host_delay_s, MIN_HOST_DELAY_S.get(key.split(":")[0], 0.0)),
            )
        return host

    async def _request(self, url: str, headers: dict[str, str], cap: int, address: str | None) -> _Answer:
        host = self._host(url)
        assert self._client is not None, "use the Fetcher as an async context manager"
        async with self._global, host.slots:
            async with host.gate:
                wait = host.next_at - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.next_at = time.monotonic() + host.delay
            try:
                async with asyncio.timeout(self.http.timeout_s * 3):
                    return await self._stream(url, headers, cap, address)
            except TimeoutError as exc:
                raise _FetchFailed("timeout", f"no complete answer within {self.http.timeout_s * 3:.0f}s") from exc
            except httpx.TimeoutException as exc:
                raise _FetchFailed("timeout", f"timed out after {self.http.timeout_s:.0f}s ({type(exc).__name__})") from exc
            except httpx.ConnectError as exc:
                raise _FetchFailed("connect-error", f"cannot connect: {exc}") from exc
            except httpx.UnsupportedProtocol as exc:
                raise BlockedURL(f"refused: {exc}", url=url, kind="blocked-scheme") from exc
            except httpx.InvalidURL as exc:   # a control character or a space in an http URL: no scheme problem
                raise BlockedURL(f"refused: not a valid URL ({exc})", url=url, kind="invalid-url") from exc
            except httpx.TransportError as exc:
                raise _FetchFailed("network-error", _transport_failure(exc)) from exc
            except ContentCodingError as exc:
                raise _FetchFailed("bad-encoding", str(exc)) from exc

    async def _stream(self, url: str, headers: dict[str, str], cap: int, address: str | None) -> _Answer:
        assert self._client is not None
        wire_url = url
        parts = urlsplit(url)
        if address is not None and parts.scheme == "http":
            # Plain http: connect to the address that was checked (the Host header keeps the site's name), so
            # DNS cannot answer differently between the check and the connection. For https the certificate
            # check already ties the connection to the name, and pooled TLS connections must not be shared
            # between names that happen to share an address.
            ip = f"[{address}]" if ":" in address else address
            wire_url = urlunsplit(("http", ip + (f":{parts.port}" if parts.port else ""), parts.path or "/",
                                   parts.query, ""))
            headers = {**headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
        async with self._client.stream("GET", wire_url, headers=headers) as response:
            answer_headers = {k.lower(): v for k, v in response.headers.items()}
            if not 200 <= response.status_code < 300:
                return _Answer(response.status_code, answer_headers, b"", False)
            chunks: list[bytes] = []
            size = 0
            truncated = False
            # raw bytes, undone here with a bound: httpx would inflate each chunk whole (a gzip bomb)
            decoder = BoundedDecoder(answer_headers.get("content-encoding"))
            async for raw in response.aiter_raw():
                for chunk in decoder.decode(raw, cap - size + 1):
                    chunks.append(chunk)
                    size += len(chunk)
                if size > cap:
                    chunks[-1] = chunks[-1][: len(chunks[-1]) - (size - cap)]
                    size = cap
                    truncated = True
                    break  # leaving the block closes the connection: the rest is never read
            return _Answer(response.status_code, answer_headers, b"".join(chunks), truncated)

    # ------------------------------------------------------------------ robots.txt

    async def _check_robots(self, url: str, source_id: str | None) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        future = self._robots.get(origin)
        if future is None:
            future = self._robots[origin] = asyncio.get_running_loop().create_future()
            robots = await self.fetch(
                origin + "/robots.txt", purpose="robots", source_id=source_id, max_bytes=ROBOTS_MAX_BYTES
            )
            future.set_result(_robots_parser(robots))
        parser, why = await future
        if parser is not None and not parser.can_fetch(ROBOTS_AGENT, url):
            unread = why.startswith(ROBOTS_UNREAD)
            raise BlockedURL(
                f"refused: {why}",
                url=url,
                kind="robots-disallowed",
                # a robots.txt that could not be fetched asked nothing: the site is down or unreachable
                fix=(f"check that {origin} is up and reachable from here, then run again" if unread else
                     "the site asked crawlers not to fetch it; use its feed or another source"),
            )


def _transport_failure(exc: httpx.TransportError) -> str:
    """What broke, for a person: httpx's ReadError after a reset carries no message ("ReadError: ")."""
    detail = str(exc) or str(exc.__cause__ or "") or "no detail given"
    what = {"ReadError": "the connection broke while reading the answer",
            "WriteError": "the connection broke while sending the request",
            "RemoteProtocolError": "the server broke the HTTP protocol"}.get(type(exc).__name__, type(exc).__name__)
    return f"{what} ({detail})"


# how a refusal names a robots.txt that could not be fetched (a site down, a port closed): no site asked anything
# (``models.fix_for`` reads it)
ROBOTS_UNREAD = "robots.txt could not be read"


def _robots_parser(result: FetchResult) -> tuple[urllib.robotparser.RobotFileParser | None, str]:
    """RFC 9309: a 4xx robots.txt allows everything; 5xx or unreachable means assume disallowed."""
    parser = urllib.robotparser.RobotFileParser()
    if result.ok and result.body:
        parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
        return parser, "robots.txt disallows this URL for guancha"
    if result.status is not None and 400 <= result.status < 500:
        return None, ""
    if result.error_kind in {"blocked-private", "blocked-scheme", "invalid-url"}:
        return None, ""  # the page fetch itself will be refused with the precise reason
    parser.parse(["User-agent: *", "Disallow: /"])
    return parser, f"{ROBOTS_UNREAD} ({result.error_kind or result.status}); RFC 9309 says assume disallowed"

