"""The fetcher against small real servers on loopback: retries, Retry-After, size caps, redirects,
address policy, conditional GET, robots.txt, timeouts."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from guancha.collect.fetch import Fetcher, FetchResult, Validators
from guancha.spec import HttpSettings

Behaviour = Callable[[BaseHTTPRequestHandler, int], None]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, behaviour: dict[str, Behaviour]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviour = behaviour
        self.seen: list[tuple[str, float, dict[str, str]]] = []  # path, server monotonic time, headers
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def times(self, path: str) -> list[float]:
        return [t for p, t, _ in self.seen if p == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        with self.server.lock:
            count = sum(1 for p, _, _ in self.server.seen if p == self.path)
            self.server.seen.append((self.path, time.monotonic(), dict(self.headers.items())))
        handler = self.server.behaviour.get(self.path)
        if handler is None:
            send(self, 404, b"not found")
            return
        handler(self, count)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        h.send_header(name.replace("_", "-"), value)
    h.end_headers()
    if body:
        h.wfile.write(body)


@contextmanager
def server(behaviour: dict[str, Behaviour]) -> Iterator[_Server]:
    srv = _Server(behaviour)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def fetch(url: str, *, purpose: str = "feed", validators: Validators | None = None, **http: Any) -> tuple[FetchResult, list[FetchResult]]:
    settings = HttpSettings(**{"allow_private_hosts": ["127.0.0.1"], "per_host_delay_s": 0, "backoff_s": 0.05, **http})
    recorded: list[FetchResult] = []

    async def go() -> FetchResult:
        async with Fetcher(settings, "guancha-test/1 (+tests@guancha.invalid)", recorder=recorded.append) as f:
            return await f.fetch(url, purpose=purpose, validators=validators)

    return asyncio.run(go()), recorded


def test_429_with_retry_after_is_retried_after_that_delay() -> None:
    def limited(h: BaseHTTPRequestHandler, count: int) -> None:
        if count == 0:
            send(h, 429, b"slow down", Retry_After="1")
        else:
            send(h, 200, b"<rss version='2.0'><channel><title>t</title></channel></rss>")

    with server({"/feed.xml": limited}) as srv:
        result, recorded = fetch(srv.base + "/feed.xml")
        times = srv.times("/feed.xml")
    assert result.ok and result.status == 200 and result.attempts == 2
    assert len(times) == 2 and times[1] - times[0] >= 1.0  # the server saw the retry no sooner than asked
    assert len(recorded) == 1 and recorded[0].attempts == 2


def test_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    with server({"/feed.xml": lambda h, c: send(h, 429, b"", Retry_After="3600")}) as srv:
        result, _ = fetch(srv.base + "/feed.xml", max_retry_after_s=5)
        hits = len(srv.times("/feed.xml"))
    assert result.error_kind == "http-429" and "exceeds" in (result.error or "")
    assert hits == 1


def test_5xx_is_retried_with_backoff_then_reported() -> None:
    with server({"/flaky": lambda h, c: send(h, 503 if c < 1 else 200, b"ok"),
                 "/down": lambda h, c: send(h, 500, b"")}) as srv:
        flaky, _ = fetch(srv.base + "/flaky", retries=2)
        down, _ = fetch(srv.base + "/down", retries=2)
        down_hits = len(srv.times("/down"))
    assert flaky.ok and flaky.attempts == 2
    assert down.error_kind == "http-500" and down.attempts == 3 and down_hits == 3


def test_an_endless_body_is_cut_at_max_bytes_without_reading_the_rest() -> None:
    sent: list[int] = []

    def endless(h: BaseHTTPRequestHandler, count: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()  # no length: the body ends when the connection does
        chunk = b"<p>" + b"x" * 65_533 + b"\n"
        total = 0
        try:
            while total < 2_000_000_000:
                h.wfile.write(chunk)
                total += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sent.append(total)
        h.close_connection = True

    with server({"/endless": endless}) as srv:
        result, _ = fetch(srv.base + "/endless", purpose="page", max_bytes=200_000, respect_robots=False)
        deadline = time.monotonic() + 5
        while not sent and time.monotonic() < deadline:
            time.sleep(0.05)
    assert result.ok and result.truncated and len(result.body) == 200_000
    assert sent and sent[0] < 200_000_000  # the server was stopped long before it could send 2 GB


def test_redirect_loops_stop_at_max_redirects() -> None:
    with server({"/a": lambda h, c: send(h, 302, Location="/b"), "/b": lambda h, c: send(h, 302, Location="/a")}) as srv:
        result, _ = fetch(srv.base + "/a", max_redirects=3)
        hits = len(srv.seen)
    assert result.error_kind == "too-many-redirects"
    assert hits == 4  # the first request and three redirects


def test_redirects_are_followed_and_the_final_url_kept() -> None:
    with server({"/old": lambda h, c: send(h, 301, Location="/new"), "/new": lambda h, c: send(h, 200, b"hello")}) as srv:
        result, _ = fetch(srv.base + "/old")
    assert result.ok and result.body == b"hello" and result.final_url == srv.base + "/new"


def test_loopback_is_refused_unless_allowed_and_nothing_is_sent() -> None:
    with server({"/x": lambda h, c: send(h, 200, b"secret")}) as srv:
        result, recorded = fetch(srv.base + "/x", allow_private_hosts=[])
        hits = len(srv.seen)
    assert result.error_kind == "blocked-private" and "127.0.0.1" in (result.error or "")
    assert hits == 0 and recorded[0].status is None


def test_private_literals_and_names_are_refused_before_any_request() -> None:
    for url in ("http://10.1.2.3/", "http://[::1]:8080/", "http://169.254.169.254/latest/", "http://0.0.0.0/",
                "http://localhost:9/", "http://[::ffff:192.168.1.1]/"):
        result, _ = fetch(url, allow_private_hosts=[], timeout_s=2)
        assert result.error_kind == "blocked-private", (url, result.error)
    for url in ("javascript:alert(1)", "data:text/plain,hi", "file:///etc/passwd", "ftp://example.org/x", "mailto:a@b"):
        result, _ = fetch(url)
        assert result.error_kind == "blocked-scheme", url


def test_conditional_get_sends_validators_and_reads_304() -> None:
    def conditional(h: BaseHTTPRequestHandler, count: int) -> None:
        if h.headers.get("If-None-Match") == '"v1"':
            send(h, 304)
        else:
            send(h, 200, b"<rss/>", ETag='"v1"', Last_Modified="Sat, 02 May 2026 00:00:00 GMT")

    with server({"/feed.xml": conditional}) as srv:
        first, _ = fetch(srv.base + "/feed.xml")
        second, _ = fetch(srv.base + "/feed.xml", validators=Validators(first.headers["etag"], first.headers["last-modified"]))
        sent = srv.seen[-1][2]
    assert first.ok and not first.not_modified
    assert second.ok and second.not_modified and second.conditional and second.body == b""
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Sat, 02 May 2026 00:00:00 GMT"


def test_robots_txt_rules_and_an_unreadable_robots_txt() -> None:
    robots = b"User-agent: *\nDisallow: /private/\n"
    with server({"/robots.txt": lambda h, c: send(h, 200, robots), "/ok.html": lambda h, c: send(h, 200, b"<p>ok</p>"),
                 "/private/x.html": lambda h, c: send(h, 200, b"<p>no</p>")}) as srv:
        ok, _ = fetch(srv.base + "/ok.html", purpose="article")
        blocked, recorded = fetch(srv.base + "/private/x.html", purpose="article")
        private_hits = len(srv.times("/private/x.html"))
    assert ok.ok and blocked.error_kind == "robots-disallowed" and private_hits == 0
    assert [r.purpose for r in recorded] == ["robots", "article"]  # the robots.txt fetch is recorded too
    with server({"/robots.txt": lambda h, c: send(h, 503, b""), "/a.html": lambda h, c: send(h, 200, b"<p>a</p>")}) as srv:
        result, _ = fetch(srv.base + "/a.html", purpose="article", retries=0)
    assert result.error_kind == "robots-disallowed" and "RFC 9309" in (result.error or "")
    # the fix names what happened: no site asked anything, its robots.txt was not there to read
    from guancha.collect.models import fix_for

    assert "could not be fetched" in (fix_for(result.error_kind, result.error or "") or "")
    assert "asked crawlers" in (fix_for(blocked.error_kind or "", blocked.error or "") or "")


def test_a_slow_server_times_out() -> None:
    def slow(h: BaseHTTPRequestHandler, count: int) -> None:
        time.sleep(1.5)
        with suppress(BrokenPipeError, ConnectionResetError):
            send(h, 200, b"late")

    with server({"/slow": slow}) as srv:
        result, _ = fetch(srv.base + "/slow", timeout_s=0.3, retries=0)
    assert result.error_kind == "timeout"


def test_a_connection_reset_mid_answer_and_an_invalid_url_are_named_for_what_they_are() -> None:
    """A reset was "ReadError: " with nothing after it, and an http URL with a control character in it was
    "blocked-scheme" (found by a red-team pass)."""
    import httpx

    from guancha.collect.fetch import _transport_failure

    message = _transport_failure(httpx.ReadError(""))
    assert "connection broke while reading" in message and "no detail given" in message
    with server({"/a": lambda h, c: send(h, 200, b"a")}) as srv:
        bad, _ = fetch(srv.base + "/a\x07b", retries=0)
    assert bad.error_kind == "invalid-url", bad.error


def test_the_user_agent_is_sent() -> None:
    with server({"/x": lambda h, c: send(h, 200, b"x")}) as srv:
        fetch(srv.base + "/x")
        agent = srv.seen[0][2].get("User-Agent")
    assert agent == "guancha-test/1 (+tests@guancha.invalid)"


def test_a_named_host_is_connected_at_the_address_that_was_checked() -> None:
    with server({"/x": lambda h, c: send(h, 200, b"named")}) as srv:
        port = srv.server_address[1]
        result, _ = fetch(f"http://localhost:{port}/x", allow_private_hosts=["localhost"])
        headers = srv.seen[0][2] if srv.seen else {}
    assert result.ok and result.body == b"named" and result.final_url == f"http://localhost:{port}/x"
    assert headers.get("Host") == f"localhost:{port}"  # the site still sees its own name


def test_per_host_delay_spaces_requests_even_when_concurrent() -> None:
    settings = HttpSettings(allow_private_hosts=["127.0.0.1"], per_host_delay_s=0.4, per_host_concurrency=4)
    with server({f"/{i}": (lambda h, c: send(h, 200, b"x")) for i in range(3)}) as srv:

        async def go() -> list[FetchResult]:
            async with Fetcher(settings, "guancha-test/1") as f:
                return list(await asyncio.gather(*(f.fetch(f"{srv.base}/{i}", purpose="feed") for i in range(3))))

        results = asyncio.run(go())
        times = sorted(t for _, t, _ in srv.seen)
    assert all(r.ok for r in results)
    assert times[1] - times[0] >= 0.4 - 0.05 and times[2] - times[1] >= 0.4 - 0.05
