"""Red team 20: hostile input (compression, databases, model output) and exactly-once delivery."""

from __future__ import annotations

import asyncio
import gzip
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest


def _zeros_gzipped(megabytes: int) -> bytes:
    """``megabytes`` MB of zeros in gzip: about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join([packer.compress(block) for _ in range(megabytes)] + [packer.flush()])


class _Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: ClassVar[dict[str, tuple[list[tuple[str, str]], bytes]]] = {}

    def log_message(self, *args: object) -> None:
        """Quiet: a test's output is its assertions."""

    def do_GET(self) -> None:
        headers, body = self.pages.get(self.path, ([], b""))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", "text/html")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def pages() -> Iterator[tuple[str, dict[str, tuple[list[tuple[str, str]], bytes]]]]:
    handler = type("Pages", (_Pages,), {"pages": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", handler.pages
    finally:
        server.shutdown()
        server.server_close()


def _fetch(url: str, max_bytes: int = 5_000_000) -> Any:
    from guancha.collect.fetch import Fetcher
    from guancha.spec import HttpSettings

    settings = HttpSettings(allow_private_hosts=["127.0.0.1"], per_host_delay_s=0, retries=0,
                            respect_robots=False, max_bytes=max_bytes)

    async def go() -> Any:
        async with Fetcher(settings, "guancha-test/1 (+tests@guancha.invalid)") as f:
            return await f.fetch(url, purpose="page")

    return asyncio.run(go())


# --------------------------------------------------------------------------- 1. compression bombs


@pytest.mark.parametrize("coding", [[("Content-Encoding", "gzip, gzip")],
                                    [("Content-Encoding", "gzip"), ("Content-Encoding", "x-gzip")]])
def test_a_body_compressed_twice_is_inflated_only_to_the_cut(pages: Any, coding: list[tuple[str, str]]) -> None:
    """300 MB of zeros gzipped twice is a few KB on the wire; httpx inflated each chunk whole (gigabytes)."""
    host, served = pages
    served["/bomb"] = (coding, gzip.compress(_zeros_gzipped(300)))
    tracemalloc.start()
    try:
        result = _fetch(f"http://{host}/bomb", max_bytes=1_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and result.truncated and len(result.body) == 1_000_000
    assert set(result.body) == {0}
    assert peak < 40_000_000, peak


def test_compressed_pages_read_as_sent_and_bad_ones_are_named(pages: Any) -> None:
    host, served = pages
    text = b"<html><body><p>Harbour cranes at Velmora idle for a third day.</p></body></html>" * 50
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    served["/gz"] = ([("Content-Encoding", "gzip")], gzip.compress(text))
    served["/zlib"] = ([("Content-Encoding", "deflate")], zlib.compress(text))
    served["/raw"] = ([("Content-Encoding", "deflate")], raw.compress(text) + raw.flush())
    served["/word"] = ([("Content-Encoding", "utf-8")], text)  # a misconfigured server: no coding at all
    served["/bad"] = ([("Content-Encoding", "gzip")], text)
    served["/br"] = ([("Content-Encoding", "br")], b"\x0b\x02\x80hello\x03")
    served["/deep"] = ([("Content-Encoding", ", ".join(["gzip"] * 40))], b"")
    for path in ("/gz", "/zlib", "/raw", "/word"):
        result = _fetch(f"http://{host}{path}")
        assert result.ok and result.body == text, path
    from guancha.collect.models import fix_for

    for path, words in (("/bad", "not valid gzip"), ("/br", "'br'"), ("/deep", "40 times")):
        result = _fetch(f"http://{host}{path}")
        assert result.error_kind == "bad-encoding" and words in (result.error or ""), (path, result.error)
        assert fix_for("bad-encoding", result.error or "")
