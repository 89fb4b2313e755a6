"""Sample webs: a directory that stands in for the internet, served on loopback.

Format (any directory in this shape works, not only the bundled one)::

    SAMPLE/
      watcher.yaml     the watcher; URLs use {base}; an optional top-level ``date:`` is the day the demo pretends it is
      expected.yaml    the truth (stories and their pages, copies, traps, papers) for tests and benchmarks
      settings.yaml    optional workspace settings for the demo (e.g. a lower http.max_bytes)
      site/            served at its relative paths; ``{base}`` in text files becomes http://127.0.0.1:PORT
      site/_routes.yaml  optional per-path behaviour (see ``Route``)

The server answers conditional GETs (ETag, Last-Modified) so collection can be tested for 304s.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import mimetypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field

from guancha.errors import UsageError

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".rss", ".atom", ".json", ".txt", ".yaml", ".yml", ".css", ".js"}
EXTRA_TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}
# Fixed so that Last-Modified is stable between server restarts.
LAST_MODIFIED = email.utils.formatdate(1_777_000_000, usegmt=True)


class Route(BaseModel):
    """Per-path behaviour declared in ``site/_routes.yaml`` (keys are URL paths such as ``/feeds/a.xml``)."""

    model_config = ConfigDict(extra="forbid")

    status: int = 200
    statuses: list[int] = Field(default_factory=list, description="Answer these in turn, then `status`.")
    headers: dict[str, str] = Field(default_factory=dict)
    content_type: str | None = None
    pad_to_bytes: int | None = Field(None, description="Pad an HTML body with a comment up to this size.")
    delay_s: float = 0.0
    conditional: bool = Field(True, description="Answer If-None-Match / If-Modified-Since with 304.")
    drop_connection: bool = False


@dataclass
class SampleWeb:
    """A sample web directory, validated enough to serve and to run its watcher."""

    root: Path
    routes: dict[str, Route] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> SampleWeb:
        root = Path(root)
        if not (root / "site").is_dir() or not (root / "watcher.yaml").is_file():
            raise UsageError(
                f"{root} is not a sample web (it needs site/ and watcher.yaml)",
                fix="pass a directory laid out as documented in guancha.sampleweb, or omit --sample",
            )
        routes: dict[str, Route] = {}
        routes_file = root / "site" / "_routes.yaml"
        if routes_file.exists():
            raw = yaml.safe_load(routes_file.read_text(encoding="utf-8")) or {}
            routes = {str(k): Route.model_validate(v or {}) for k, v in raw.items()}
        return cls(root=root, routes=routes)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def watcher_text(self, base: str) -> str:
        return (self.root / "watcher.yaml").read_text(encoding="utf-8").replace("{base}", base)

    def settings_text(self) -> str | None:
        path = self.root / "settings.yaml"
        return path.read_text(encoding="utf-8") if path.exists() else None

    def expected(self, base: str = "{base}") -> dict[str, Any]:
        path = self.root / "expected.yaml"
        if not path.exists():
            return {}
        data = yaml.safe_load(path.read_text(encoding="utf-8").replace("{base}", base))
        return data if isinstance(data, dict) else {}


def bundled_sample() -> Path:
    """The sample web shipped with the package (works after ``pip install``)."""
    return Path(str(resources.files("guancha") / "samples" / "china-ai-2026-05-02"))


class _Handler(BaseHTTPRequestHandler):
    server: _SampleServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read the database, not logs
        self.server.requests.append(f"{self.command} {self.path}")

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        self.server.headers_seen.append((path, dict(self.headers.items())))
        route = self.server.web.routes.get(path, Route())
        if route.delay_s:
            time.sleep(route.delay_s)
        if route.drop_connection:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status = route.status
        with self.server.lock:
            count = self.server.hits.get(path, 0)
            self.server.hits[path] = count + 1
        if count < len(route.statuses):
            status = route.statuses[count]
        body, ctype = self._body(path, route)
        if body is None:
            status = HTTPStatus.NOT_FOUND if status == 200 else status
            body, ctype = b"<html><body><h1>404 Not Found</h1></body></html>", "text/html"
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if status == 200 and route.conditional:
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (inm and inm == etag) or (not inm and ims == LAST_MODIFIED):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self.send_response(status)
        self.send_header("Content-Type", route.content_type or ctype)
        self.send_header("Content-Length", str(len(body)))
        if route.conditional:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            # the client may stop reading (size cap): that is its right
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def _body(self, path: str, route: Route) -> tuple[bytes | None, str]:
        site = self.server.web.site.resolve()
        rel = path.lstrip("/")
        target = (site / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(site) or not target.is_file() or target.name == "_routes.yaml":
            return None, "text/html"
        data = target.read_bytes()
        suffix = target.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            data = data.replace(b"{base}", self.server.base.encode("ascii"))
        if route.pad_to_bytes and len(data) < route.pad_to_bytes:
            filler = b"<!-- padding -->\n"
            pad = filler * ((route.pad_to_bytes - len(data)) // len(filler) + 1)
            data = data.replace(b"</body>", pad + b"</body>", 1) if b"</body>" in data else data + pad
        ctype = EXTRA_TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return data, ctype


class _SampleServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, web: SampleWeb) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.web = web
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.requests: list[str] = []
        self.headers_seen: list[tuple[str, dict[str, str]]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(sample: SampleWeb | Path) -> Iterator[_SampleServer]:
    """Serve a sample web on 127.0.0.1 on a free port until the block ends. ``server.base`` is its URL."""
    web = sample if isinstance(sample, SampleWeb) else SampleWeb.load(sample)
    server = _SampleServer(web)
    thread = threading.Thread(target=server.serve_forever, name="sampleweb", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
