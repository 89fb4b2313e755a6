"""Sample webs: a directory that stands in for the internet, served on loopback.

Format (any directory in this shape works, not only the bundled one)::

    SAMPLE/
      watcher.yaml     the watcher; URLs use {base}; an optional top-level ``date:`` is the day the demo pretends it is
      expected.yaml    the truth (stories and their pages, copies, traps, papers) for tests and benchmarks
      settings.yaml    optional workspace settings for the demo (e.g. a lower http.max_bytes); may use {base}; only
                       contact, http, search and limits (``SAMPLE_SETTINGS``: a sample picks no files, models or
                       delivery)
      site/            served at its relative paths; ``{base}`` in any file (a page, a feed of any suffix, a file
                       without one such as ``arxiv/api/query``) becomes http://127.0.0.1:PORT; a directory serves its
                       index.html; query strings are ignored
      site/_routes.yaml  optional per-path behaviour (see ``Route``)

The server answers conditional GETs (ETag, Last-Modified) so collection can be tested for 304s.

expected.yaml (validated by ``ExpectedTruth``; every path is a URL path on the sample server, with a leading
``/``, i.e. a file under ``site/``)::

    schema: 1
    date: 2026-05-02              # the sample's day (as in watcher.yaml)
    window_hours: 72              # the watcher's window; in-window pages must be unambiguously inside it
    stories:                      # listed by independent coverage, most first
      - id: manus-ndrc            # a slug
        headline_hint: "..."      # what the story is about, for humans and fuzzy checks
        rank_hint: 1              # optional; 1 = most important
        pages: [/outlet/a.html, /other/b.html]   # independent pages (different outlets); copies go below
        follow_up_of: earlier-id  # optional, two-day samples: this story continues that story of ``earlier``
    earlier:                      # optional: a two-day sample; this day is run first in the same workspace
      date: 2026-05-01
      stories: [...]              # as ``stories`` above, for the earlier day
    copies:                       # pages that repeat another page; they must be grouped with the original
      - {path: /aggregator/x.html, original: /outlet/a.html, kind: exact}   # kind: exact | near
    traps:                        # every list is optional
      encoding:                   # bytes in one encoding, declared as another
        - {path: /p.html, declared: utf-8, actual: cp1252, must_contain: ["“quoted”"]}
      injection:                  # a page telling summarisers what to cite; promoted_url must never be cited
        - {page: /blog/p.html, promoted_url: "{base}/promo/x.html", claim: "optional words never to repeat"}
      large:                      # served bigger than the demo's http.max_bytes; must be capped, not read whole
        - {path: /big.html, served_bytes_at_least: 2300000}
      broken_links: [/gone.html]  # linked from a feed, answers 404
      malformed_feeds:            # not well-formed XML, but these items can be salvaged
        - {feed: /feed.xml, salvageable: [/outlet/c.html]}
      stale: [/old.html]          # on-topic, published well before the window
      off_topic: [/sport.html]    # in the window, not about the watcher's topic
      undated: []                 # pages with no discoverable published time (serve them with
                                  # ``conditional: false`` in _routes.yaml: a Last-Modified header would date them)
      rehash: []                  # two-day samples: this day's pages that only restate an earlier story
    papers:                       # arXiv ids without version, quoted so YAML keeps them strings
      in_window: ["2604.28817"]
      out_of_window: ["2603.15502"]
      off_topic: []               # in the window, but about another field: must not be chosen

``check_sample(root)`` checks a directory against this format (the test suite runs it on the bundled sample).
``guancha eval SAMPLE`` (guancha.evaluate) runs the watcher on a sample and scores it against this truth.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import mimetypes
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import unquote, urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from guancha import yamlload
from guancha.collect.urls import canonical_path
from guancha.errors import ConfigError, UsageError

EXTRA_TYPES = {
    ".rss": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
}
# Fixed so that Last-Modified is stable between server restarts.
LAST_MODIFIED = email.utils.formatdate(1_777_000_000, usegmt=True)


# What a sample web's settings.yaml may set. A sample is untrusted input: one that chose the database or the reports
# folder wrote finalised reports into another workspace (its next `guancha publish` would send them), and one that
# chose a model provider or a publish target would send a reader's keys or the report elsewhere.
SAMPLE_SETTINGS = frozenset({"contact", "http", "search", "limits"})


def refused_sample_settings(settings: dict[str, Any]) -> str | None:
    """What a sample's settings set that a sample may not (see ``SAMPLE_SETTINGS``), as a sentence; None when
    nothing. The one wording for ``check_sample``, the demo and eval."""
    refused = sorted(set(settings) - SAMPLE_SETTINGS)
    if not refused:
        return None
    return f"a sample web may not set {', '.join(refused)} (only {', '.join(sorted(SAMPLE_SETTINGS))})"

# A sample is untrusted input and its server runs inside guancha: a route padding a page to 100 GB, a header the
# HTTP server cannot encode or a status no client reads each printed a server thread's traceback, and a pad of a
# few GB would have been built in memory (found by a red-team pass). These bounds are far above any real sample's.
MAX_PAD_BYTES = 64_000_000
MAX_ROUTE_DELAY_S = 120.0
_HEADER_NAME = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
HttpStatus = Annotated[int, Field(ge=100, le=599)]


def _header_value(value: str) -> str:
    """A value the server can send as one header line: Latin-1, no line break or other control but a tab."""
    if any((ord(c) < 32 and c != "\t") or ord(c) == 127 or ord(c) > 255 for c in value):
        raise ValueError("a header value must be Latin-1 text on one line (no line break, control or other character)")
    return value


class Route(BaseModel):
    """Per-path behaviour declared in ``site/_routes.yaml`` (keys are URL paths such as ``/feeds/a.xml``)."""

    model_config = ConfigDict(extra="forbid")

    status: HttpStatus = 200
    statuses: list[HttpStatus] = Field(default_factory=list, description="Answer these in turn, then `status`.")
    headers: dict[str, Annotated[str, AfterValidator(_header_value)]] = Field(default_factory=dict)
    content_type: Annotated[str, AfterValidator(_header_value)] | None = None
    pad_to_bytes: int | None = Field(None, ge=0, le=MAX_PAD_BYTES,
                                     description="Pad an HTML body with a comment up to this size.")
    delay_s: float = Field(0.0, ge=0, le=MAX_ROUTE_DELAY_S)
    conditional: bool = Field(True, description="Answer If-None-Match / If-Modified-Since with 304.")
    drop_connection: bool = False

    @field_validator("headers")
    @classmethod
    def _header_names(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if not name or len(name) > 100 or not set(name) <= _HEADER_NAME:
                raise ValueError(f"{name[:100]!r} is no header name (letters, digits and !#$%&'*+-.^_`|~ only)")
        return value


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
            raw = _yaml_mapping(_sample_text(routes_file), routes_file)
            for key, value in raw.items():
                try:
                    routes[str(key)] = Route.model_validate(value or {})
                except ValidationError as exc:
                    first = exc.errors()[0]
                    raise ConfigError(f"route {str(key)[:80]!r}: {first['msg']}", path=routes_file,
                                      field=".".join(str(p) for p in first["loc"]) or None,
                                      fix="each route maps a URL path to the fields of guancha.sampleweb.Route "
                                          "(status, headers, conditional, ...)") from exc
        return cls(root=root, routes=routes)

    @property
    def site(self) -> Path:
        return self.root / "site"

    def watcher_text(self, base: str) -> str:
        return _sample_text(self.root / "watcher.yaml").replace("{base}", base)

    def settings_text(self, base: str = "{base}") -> str | None:
        path = self.root / "settings.yaml"
        return _sample_text(path).replace("{base}", base) if path.exists() else None

    def watcher_data(self, base: str = "http://127.0.0.1:9") -> dict[str, Any]:
        """The watcher spec as a mapping, with ``{base}`` replaced (raises ConfigError when not YAML)."""
        return _yaml_mapping(self.watcher_text(base), self.root / "watcher.yaml")

    def sample_date(self) -> dt.date | None:
        """The day the sample pretends it is: ``date:`` in watcher.yaml, else in expected.yaml."""
        for getter in (self.watcher_data, lambda: self.expected()):
            value = getter().get("date")
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    continue
        return None

    def expected(self, base: str = "{base}") -> dict[str, Any]:
        path = self.root / "expected.yaml"
        if not path.exists():
            return {}
        return _yaml_mapping(_sample_text(path).replace("{base}", base), path)

    def truth(self, base: str = "{base}") -> ExpectedTruth:
        """expected.yaml, validated (ConfigError naming the field when it does not fit the schema)."""
        return ExpectedTruth.load(self.root, base=base)

    def file_for(self, url_path: str) -> Path | None:
        """The file the server answers ``url_path`` with (query ignored, directories serve index.html)."""
        site = self.site.resolve()
        rel = unquote(urlsplit(url_path).path).lstrip("/")
        try:   # a symlink loop is a RuntimeError in resolve(), a NUL or an over-long name a ValueError or OSError
            target = (site / rel).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(site) or not target.is_file() or target.name == "_routes.yaml":
                return None
        except (OSError, RuntimeError, ValueError):
            return None
        return target


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
        target = self.server.web.file_for(path)
        if target is None:
            return None, "text/html"
        data = target.read_bytes()
        suffix = target.suffix.lower()
        # every file: a feed saved as .rdf or .php is as much the sample's text as one saved as .xml (filling only a
        # list of suffixes served a literal {base} and emptied that feed)
        data = data.replace(b"{base}", self.server.base.encode("ascii"))
        if route.pad_to_bytes and len(data) < route.pad_to_bytes:
            filler = b"<!-- padding -->\n"
            pad = filler * ((route.pad_to_bytes - len(data)) // len(filler) + 1)
            data = data.replace(b"</body>", pad + b"</body>", 1) if b"</body>" in data else data + pad
        ctype = EXTRA_TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or _script_output_type(suffix, data)
        return data, ctype


# A page saved under a server script's name answers as whatever the script would print: HTML, unless it is a feed
_SCRIPT_SUFFIXES = frozenset({".php", ".asp", ".aspx", ".jsp", ".cfm", ".cgi", ".pl"})


def _script_output_type(suffix: str, data: bytes) -> str:
    if suffix not in _SCRIPT_SUFFIXES:
        return "application/octet-stream"
    head = data[:512].lstrip().lower()
    if head.startswith(b"{"):
        return "application/json"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "application/xml"
    return "text/html"


class _SampleServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, web: SampleWeb, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.web = web
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.requests: list[str] = []
        self.headers_seen: list[tuple[str, dict[str, str]]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (size cap, timeout, end of a run) is normal here; anything else is one line on
        stderr, never a server thread's traceback (the page is answered by a closed connection)."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):
            return
        text = " ".join(str(exc).split())[:200].encode("ascii", "backslashreplace").decode("ascii")
        sys.stderr.write(f"sample server: could not answer a request ({type(exc).__name__}: {text})\n")


@contextmanager
def serve(sample: SampleWeb | Path, port: int = 0) -> Iterator[_SampleServer]:
    """Serve a sample web on 127.0.0.1 until the block ends; ``server.base`` is its URL.

    ``port`` 0 picks a free port; a fixed port lets a workspace keep the same URLs between runs
    (OSError when it is taken).
    """
    web = sample if isinstance(sample, SampleWeb) else SampleWeb.load(sample)
    server = _SampleServer(web, port)
    thread = threading.Thread(target=server.serve_forever, name="sampleweb", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- expected.yaml: the truth


def _sample_text(path: Path) -> str:
    """A sample's YAML file as text; a file that is not UTF-8, or not a regular file (a FIFO would block), is a
    ConfigError naming it."""
    if not path.is_file():
        raise ConfigError("is not a regular file", path=path, fix="make it a plain YAML file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"is not valid UTF-8 (byte {exc.start})", path=path, fix="save the file as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror or type(exc).__name__})", path=path,
                          fix="check the file's permissions") from exc


def _yaml_mapping(text: str, path: Path) -> dict[str, Any]:
    try:
        data = yamlload.safe_load(text)
    except yaml.YAMLError as exc:
        problem, line = yamlload.error_place(exc)
        raise ConfigError(
            f"not valid YAML: {problem}",
            path=path,
            line=line,
            fix="check indentation and quoting near that line (quote values that start with '{')",
        ) from exc
    if data is None:
        return {}   # an empty file
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of fields", path=path, line=1, fix="start the file with 'key: value' lines")
    return data


class _Truth(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _url_path(value: str) -> str:
    """A truth path spelled as guancha stores the page ('/a/' and '/a/index.html' are '/a'), so that scoring
    compares pages, not spellings."""
    if not value.startswith("/"):
        raise ValueError(f"{value!r} must be a URL path on the sample server starting with '/' (a file under site/)")
    return canonical_path(value)


UrlPath = Annotated[str, AfterValidator(_url_path)]


class StoryTruth(_Truth):
    """One story and the independent pages (different outlets) that cover it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    headline_hint: str = ""
    rank_hint: int | None = Field(None, ge=1)
    pages: list[UrlPath] = Field(min_length=1)
    follow_up_of: str | None = None



class CopyTruth(_Truth):
    """A page that repeats ``original`` (exact: same text; near: a light rewrite). Grouped, not dropped."""

    path: UrlPath
    original: UrlPath
    kind: Literal["exact", "near"]



class EncodingTrap(_Truth):
    """A page whose bytes are in ``actual`` while it declares ``declared``; stored text must contain these."""

    path: UrlPath
    declared: str = "utf-8"
    actual: str
    must_contain: list[str] = Field(default_factory=list)



class InjectionTrap(_Truth):
    """A page with text telling summarisers to cite ``promoted_url``; that URL must never be cited."""

    page: UrlPath
    promoted_url: str
    claim: str | None = None



class LargeTrap(_Truth):
    """A page served larger than the demo's size cap; collection must cap it and mark it truncated."""

    path: UrlPath
    served_bytes_at_least: int | None = Field(None, ge=1)



class MalformedFeed(_Truth):
    """A feed that is not well-formed but whose ``salvageable`` item links must still be collected."""

    feed: UrlPath
    salvageable: list[UrlPath] = Field(default_factory=list)



def _listify(value: Any) -> Any:
    return [value] if isinstance(value, dict | str) else value


class Traps(_Truth):
    encoding: list[EncodingTrap] = Field(default_factory=list)
    injection: list[InjectionTrap] = Field(default_factory=list)
    large: list[LargeTrap] = Field(default_factory=list)
    broken_links: list[UrlPath] = Field(default_factory=list)
    malformed_feeds: list[MalformedFeed] = Field(default_factory=list)
    stale: list[UrlPath] = Field(default_factory=list)
    off_topic: list[UrlPath] = Field(default_factory=list)
    undated: list[UrlPath] = Field(default_factory=list)
    rehash: list[UrlPath] = Field(default_factory=list)

    @field_validator("injection", "encoding", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """A single mapping is accepted where a list is expected."""
        return [value] if isinstance(value, dict) else value

    @field_validator("large", mode="before")
    @classmethod
    def _large_paths(cls, value: Any) -> Any:
        """Shorthand: a bare path for a large page."""
        return [{"path": v} if isinstance(v, str) else v for v in _listify(value)]

    @field_validator("malformed_feeds", mode="before")
    @classmethod
    def _feed_paths(cls, value: Any) -> Any:
        """Shorthand: a bare feed path when no item is salvageable."""
        return [{"feed": v} if isinstance(v, str) else v for v in _listify(value)]



class PaperTruth(_Truth):
    in_window: list[str] = Field(default_factory=list)
    out_of_window: list[str] = Field(default_factory=list)
    off_topic: list[str] = Field(default_factory=list)


class EarlierDay(_Truth):
    """The day before a two-day sample's ``date``: run first, in the same workspace."""

    date: dt.date
    stories: list[StoryTruth] = Field(default_factory=list)


class ExpectedTruth(_Truth):
    """expected.yaml of a sample web (the schema is in this module's docstring)."""

    schema_version: int = Field(1, alias="schema")
    date: dt.date | None = None
    window_hours: int | None = Field(None, ge=1)
    stories: list[StoryTruth] = Field(default_factory=list)
    copies: list[CopyTruth] = Field(default_factory=list)
    traps: Traps = Traps()
    papers: PaperTruth = PaperTruth()
    earlier: EarlierDay | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> ExpectedTruth:
        ids = [s.id for s in self.stories]
        if len(ids) != len(set(ids)):
            raise ValueError(f"story ids must be unique: {ids}")
        owner: dict[str, str] = {}
        for story in self.stories:
            for page in story.pages:
                if page in owner:
                    raise ValueError(f"{page} is listed under both {owner[page]} and {story.id}")
                owner[page] = story.id
        for copy in self.copies:
            if copy.original not in owner:
                raise ValueError(f"copy {copy.path}: its original {copy.original} is not a page of any story")
            if copy.path in owner:
                raise ValueError(f"copy {copy.path} is also listed as an independent story page; list it once")
        stale = set(self.traps.stale)
        clash = stale & set(owner)
        if clash:
            raise ValueError(f"pages cannot be both stale and story pages: {sorted(clash)}")
        both = set(self.papers.in_window) & (set(self.papers.out_of_window) | set(self.papers.off_topic))
        if both:
            raise ValueError(f"papers cannot be both chosen and not chosen: {sorted(both)}")
        earlier_ids = {s.id for s in self.earlier.stories} if self.earlier else set()
        for story in self.stories:
            if story.follow_up_of is not None and story.follow_up_of not in earlier_ids:
                raise ValueError(f"story {story.id}: follow_up_of {story.follow_up_of!r} is not a story of 'earlier'")
        if self.earlier is not None and self.date is not None and self.earlier.date >= self.date:
            raise ValueError(f"earlier.date {self.earlier.date} must be before date {self.date}")
        return self

    @classmethod
    def load(cls, root: Path, base: str = "{base}") -> ExpectedTruth:
        path = Path(root) / "expected.yaml"
        if not path.is_file():
            raise ConfigError("expected.yaml is missing", path=path,
                              fix="write the sample's truth as documented in guancha.sampleweb")
        data = _yaml_mapping(_sample_text(path).replace("{base}", base), path)
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or None
            raise ConfigError(first["msg"], path=path, field=field,
                              fix="follow the expected.yaml schema in guancha.sampleweb's docstring") from exc

    # ---- helpers for tests and benchmarks

    def story_pages(self) -> list[str]:
        """Every independent story page, in story order."""
        return [p for s in self.stories for p in s.pages]

    def story_of(self, path: str) -> str | None:
        """The story id a page (or a copy of one of its pages) belongs to."""
        original = {c.path: c.original for c in self.copies}.get(path, path)
        for story in self.stories:
            if original in story.pages:
                return story.id
        return None

    def in_window_pages(self) -> list[str]:
        """Pages that must be marked inside the window: story pages, copies and off-topic pages."""
        return [*self.story_pages(), *(c.path for c in self.copies), *self.traps.off_topic]

    def named_pages(self) -> list[str]:
        """Every path that must exist under site/ (broken links are the ones that must not)."""
        t = self.traps
        paths = [*self.story_pages(), *(c.path for c in self.copies), *(c.original for c in self.copies)]
        paths += [x.path for x in t.encoding] + [x.page for x in t.injection] + [x.path for x in t.large]
        paths += [m.feed for m in t.malformed_feeds] + [p for m in t.malformed_feeds for p in m.salvageable]
        paths += [*t.stale, *t.off_topic, *t.undated, *t.rehash]
        paths += [p for s in (self.earlier.stories if self.earlier else []) for p in s.pages]
        return list(dict.fromkeys(paths))


# --------------------------------------------------------------------------- format check


def check_sample(root: Path) -> list[str]:
    """Problems that stop a directory from being a usable sample web (empty list: it is fine).

    Checks that watcher.yaml and settings.yaml validate, expected.yaml fits ``ExpectedTruth``, every page it
    names exists, broken links really are missing, and every ``{base}`` link in the watcher's feeds resolves.
    """
    import feedparser

    from guancha.spec import Settings, WatcherSpec

    problems: list[str] = []
    try:
        web = SampleWeb.load(root)
    except UsageError as exc:
        return [exc.message]
    base = "http://127.0.0.1:9"
    spec: WatcherSpec | None = None
    try:
        spec = WatcherSpec.model_validate(web.watcher_data(base))
    except (ConfigError, ValidationError) as exc:
        problems.append(f"watcher.yaml: {exc}")
    settings_text = web.settings_text(base)
    if settings_text is not None:
        try:
            settings = _yaml_mapping(settings_text, web.root / "settings.yaml")
            Settings.model_validate(settings)
            refused = refused_sample_settings(settings)
            if refused:
                problems.append(f"settings.yaml: {refused}")
        except (ConfigError, ValidationError) as exc:
            problems.append(f"settings.yaml: {exc}")
    try:
        truth = web.truth()
    except ConfigError as exc:
        return [*problems, str(exc)]
    if spec is not None and truth.date is not None and spec.date is not None and truth.date != spec.date:
        problems.append(f"expected.yaml date {truth.date} differs from watcher.yaml date {spec.date}")
    if spec is not None and truth.window_hours is not None and truth.window_hours != spec.window_hours:
        problems.append(f"expected.yaml window_hours {truth.window_hours} differs from watcher.yaml {spec.window_hours}")
    for path in truth.named_pages():
        if web.file_for(path) is None:
            problems.append(f"expected.yaml names {path}, but site{path} does not exist")
    for path in truth.traps.undated:
        if web.routes.get(path, Route()).conditional:
            problems.append(f"undated page {path} is served with a Last-Modified header, which collection takes as its "
                            f"publication time; give it 'conditional: false' in site/_routes.yaml")
    broken = set(truth.traps.broken_links)
    for path in broken:
        if web.file_for(path) is not None:
            problems.append(f"{path} is listed as a broken link but site{path} exists")
    if spec is None:
        return problems
    for source in spec.sources:
        url = getattr(source, "feed", None) or getattr(source, "page", None)
        if not isinstance(url, str) or not url.startswith(base):
            continue
        file = web.file_for(url[len(base):])
        if file is None:
            problems.append(f"watcher source {url[len(base):]} does not exist under site/")
            continue
        if not hasattr(source, "feed"):
            continue
        parsed = feedparser.parse(file.read_bytes().replace(b"{base}", base.encode()))
        for entry in parsed.entries:
            link = str(entry.get("link") or "")
            if not link.startswith(base):
                continue
            target = urlsplit(link[len(base):]).path
            if web.file_for(target) is None and target not in broken:
                problems.append(f"feed {url[len(base):]} links {target}, which does not exist and is not in broken_links")
    return problems
