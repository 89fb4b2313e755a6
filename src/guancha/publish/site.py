"""The static site: dashboard, per-watcher monthly archives, report pages, heuristics library, search and
Atom feeds, rendered from the database with Jinja2 templates a workspace can override.

Only finalised report versions (a held report approved by a person becomes finalised) are read; a held or
drafted report never reaches a page, a feed or the search index. Report bodies are the renderer's own HTML
(``write/render.py``, stored with the report), sanitised once more and embedded in the site's layout.

Layout (every link relative, so the folder can be hosted under any path)::

    index.html                       dashboard
    <watcher>/index.html             the watcher's months and latest reports; <watcher>/feed.atom
    <watcher>/<YYYY-MM>/index.html   one month of reports
    <watcher>/<date>/index.html      the permalink: the latest version of that day's report
    <watcher>/<date>/v<N>/index.html each superseded version of a corrected report
    heuristics/index.html            the library; heuristics/domain/<tag>/, heuristics/watcher/<id>/,
    heuristics/rules/<id>/           one heuristic with versions, confirmations and source reports
    search/index.html                Pagefind search; one index per watcher (and one for the heuristics)
                                     in search/index/<shard>/, merged in the browser, so a new report
                                     re-indexes its watcher's pages only
    feed.atom  sitemap.xml  assets/

Builds are incremental: each page has a key computed from the few facts it shows (report ids and
finalisation times, not their bodies) and the templates; a page whose key is unchanged since the last build
is neither rendered nor written. The keys live in ``.guancha-site.json`` in the output folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import json
import os
import re
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2
import markupsafe
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guancha import yamlload
from guancha.briefing import site_report_href
from guancha.errors import ConfigError, GuanchaError, UsageError
from guancha.knowledge.schema import slugify
from guancha.publish.feed import (
    Feed,
    FeedEntry,
    atom_time,
    entry_id,
    feed_updated,
    render_feed,
    sanitise_fragment,
    tag_id,
)
from guancha.store.alarms import incidents as open_incidents
from guancha.store.db import Database
from guancha.workspace import Workspace, write_whole

SITE_FORMAT = "2"                      # bump when the page layout code changes what pages contain
MANIFEST = ".guancha-site.json"
CACHE_DIR = ".guancha-site-cache"
SITE_SETTINGS_FILE = "site.yaml"
TEMPLATE_OVERRIDES = "site-templates"
DEFAULT_PORT = 8000
FEED_ENTRIES = 50
ASSETS = ("site.css", "search.js")
_SEGMENT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_RESERVED = frozenset({"assets", "heuristics", "search", "pagefind"})
_ARTICLE_RE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
_BODY_RE = re.compile(r"<body\b[^>]*>(.*)</body>", re.S)

CSP_PAGE = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'")
CSP_SEARCH = ("default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
              "connect-src 'self'; form-action 'self'; base-uri 'none'")


class SiteSettings(BaseModel):
    """``site.yaml`` in the workspace (optional): what the site calls itself and where it will be hosted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field("guancha", min_length=1, max_length=200)   # printed on every page and feed
    base_url: str | None = None        # absolute URL the folder is hosted at; feeds and sitemap need one
    tag_authority: str = Field("guancha.invalid", pattern=r"^(?:[A-Za-z0-9._%+-]+@)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$",
                               description="A domain (or email) you own, for feed entry ids; set once, never change")


def load_site_settings(workspace: Workspace) -> SiteSettings:
    path = workspace.root / SITE_SETTINGS_FILE
    if not path.exists():
        return SiteSettings()
    try:
        data = yamlload.safe_load(path.read_text(encoding="utf-8"), aliases=True) or {}
    except UnicodeDecodeError as exc:
        raise ConfigError(f"is not valid UTF-8 (byte {exc.start})", path=path, fix="save the file as UTF-8") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=path, fix="fix the YAML syntax") from exc
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping (title, base_url, tag_authority)", path=path,
                          fix="write 'key: value' lines")
    refused = yamlload.control_character(data)
    if refused is not None:   # an ESC in the title made every Atom feed of the site not well-formed XML
        loc, char = refused
        raise ConfigError(f"holds the control character U+{ord(char):04X} (perhaps written as an escape such as \\e)",
                          path=path, field=".".join(str(p) for p in loc) or None,
                          fix="remove it; write the text as it should read")
    try:
        return SiteSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(first["msg"], path=path, field=".".join(str(p) for p in first["loc"]) or None,
                          fix="allowed keys: title, base_url, tag_authority") from exc


def normalise_base_url(url: str | None) -> str:
    """The absolute base URL for feeds and the sitemap, ending in ``/``; the preview server's by default."""
    if not url:
        return f"http://127.0.0.1:{DEFAULT_PORT}/"
    if not re.match(r"^https?://[^/\s]+", url):
        raise UsageError(f"base URL {url!r} is not an absolute http(s) URL",
                         fix="pass e.g. --base-url https://example.org/briefings/")
    return url if url.endswith("/") else url + "/"


def segment(name: str) -> str:
    """A safe path segment for a watcher, heuristic or domain id. Ids that are slugs and not one of the
    site's own folders stay as they are; anything else gets a ``w.`` form no slug can collide with."""
    if _SEGMENT_RE.match(name) and name not in _RESERVED:
        return name
    slug = slugify(name, max_length=40) or "x"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"w.{slug}.{digest}"


# --------------------------------------------------------------------------- reading the database


@dataclass(frozen=True)
class ReportMeta:
    """A finalised report version: the facts pages show about it, without its body."""

    id: str
    watcher_id: str
    date: str
    version: int
    title: str
    finalised_at: str
    stories: int
    check_status: str | None
    best_iteration: int | None
    score: float | None
    max_score: float | None
    threshold: float | None
    errors: int | None
    warnings: int | None
    iterations: int
    approval: str | None

    @property
    def month(self) -> str:
        return self.date[:7]

    def key(self) -> list[Any]:
        return [self.id, self.finalised_at, self.title, self.stories, self.check_status, self.score, self.errors,
                self.warnings, self.approval]


@dataclass
class WatcherInfo:
    id: str
    title: str
    created_at: str
    seg: str
    reports: list[ReportMeta] = field(default_factory=list)   # every finalised version, oldest first

    @functools.cached_property
    def name(self) -> str:
        """The watcher as its reports title it (emoji + topic), else its registered title."""
        latest = self.latest_reports()
        if latest:
            title = latest[-1].title
            suffix = f" — {latest[-1].date}"
            return title[: -len(suffix)] if title.endswith(suffix) else title
        return self.title

    @functools.cached_property
    def _by_date(self) -> dict[str, list[ReportMeta]]:
        by_date: dict[str, list[ReportMeta]] = defaultdict(list)
        for r in self.reports:
            by_date[r.date].append(r)
        return {d: sorted(rs, key=lambda r: r.version) for d, rs in sorted(by_date.items())}

    def latest_reports(self) -> list[ReportMeta]:
        """The current version of each day's report, oldest day first (read after loading is complete)."""
        return [rs[-1] for rs in self._by_date.values()]

    def versions(self, day: str) -> list[ReportMeta]:
        return self._by_date.get(day, [])


_REPORTS_SQL = """
SELECT r.id, r.watcher_id, r.report_date, r.version, r.title,
  o.status AS check_status, o.best_iteration, i.score, i.max_score, i.threshold, i.errors, i.warnings,
  (SELECT COUNT(*) FROM check_iterations c WHERE c.run_id = r.id) AS iterations,
  (SELECT a.reason FROM approvals a WHERE a.run_id = r.id ORDER BY a.id DESC LIMIT 1) AS approval
FROM reports r
LEFT JOIN check_outcomes o ON o.run_id = r.id
LEFT JOIN check_iterations i ON i.run_id = r.id AND i.iteration = o.best_iteration
WHERE r.status = 'finalised'
ORDER BY r.watcher_id, r.report_date, r.version
"""


def load_watchers(db: Database, known: dict[str, list[Any]] | None = None) -> dict[str, WatcherInfo]:
    """Every registered watcher with its finalised reports (held and drafted ones are never read).

    ``known`` (report id -> [story count, finalisation time], from the last build) saves reading columns
    stored after a report's bodies: a finalised report never changes, and those reads walk its whole row."""
    rows = db.query(_REPORTS_SQL)
    facts: dict[str, tuple[int, str]] = {}
    for r in rows:
        cached = (known or {}).get(r["id"])
        if isinstance(cached, list) and len(cached) == 2:
            facts[r["id"]] = (int(cached[0]), str(cached[1]))
    todo = [r["id"] for r in rows if r["id"] not in facts]
    for i in range(0, len(todo), 500):
        chunk = todo[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in db.query(f"SELECT id, COALESCE(json_array_length(json, '$.stories'), 0) AS n,"
                          f" COALESCE(finalised_at, created_at) AS finalised_at FROM reports"
                          f" WHERE id IN ({marks})", tuple(chunk)):
            facts[r["id"]] = (int(r["n"]), atom_time(r["finalised_at"]))
    watchers: dict[str, WatcherInfo] = {}
    for row in db.query("SELECT id, title, created_at FROM watchers ORDER BY id"):
        watchers[row["id"]] = WatcherInfo(row["id"], row["title"], row["created_at"], segment(row["id"]))
    for row in rows:
        wid = row["watcher_id"]
        if wid not in watchers:
            watchers[wid] = WatcherInfo(wid, wid, facts[row["id"]][1], segment(wid))
        watchers[wid].reports.append(ReportMeta(
            id=row["id"], watcher_id=wid, date=row["report_date"], version=int(row["version"]), title=row["title"],
            finalised_at=facts[row["id"]][1], stories=facts[row["id"]][0],
            check_status=row["check_status"], best_iteration=row["best_iteration"], score=row["score"],
            max_score=row["max_score"], threshold=row["threshold"], errors=row["errors"], warnings=row["warnings"],
            iterations=int(row["iterations"]), approval=row["approval"],
        ))
    return watchers


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_WEEK_RE = re.compile(r"\d{4}-W\d{2}")
# A follow-up's link to the earlier report's file, as the standalone report writes it ("2026-06-10.html",
# "2026-06-10.v2.html", "../old/w/2026-06-10.html"): relative, never with a scheme.
_REPORT_FILE_HREF_RE = re.compile(r'href="(?:\.\./)*(?:[\w-]+/)*(\d{4}-\d{2}-\d{2})(?:\.v\d+)?\.html"')


def article_of(report_html: str) -> str:
    """The report body the renderer wrote (its ``<article>``), sanitised: the site shows exactly that, except that
    a follow-up's link to the earlier report's file becomes a link to that report's page on the site."""
    match = _ARTICLE_RE.search(report_html) or _BODY_RE.search(report_html)
    inner = match.group(1) if match else report_html
    inner = _REPORT_FILE_HREF_RE.sub(lambda m: f'href="{site_report_href(m.group(1))}"', inner)
    return sanitise_fragment(inner, keep_report_links=True)


def _weeklies(db: Database, watcher_id: str) -> list[Any]:
    """The watcher's finalised weekly syntheses, the newest version of each week, newest week first."""
    rows = db.query(
        "SELECT k.id, k.week, k.version, k.title, k.html, k.json FROM weekly_reports k WHERE k.watcher_id = ?"
        " AND k.status = 'finalised' AND NOT EXISTS (SELECT 1 FROM weekly_reports n WHERE n.watcher_id = k.watcher_id"
        " AND n.week = k.week AND n.status = 'finalised' AND n.version > k.version) ORDER BY k.week DESC",
        (watcher_id,))
    return [k for k in rows if _ISO_WEEK_RE.fullmatch(str(k["week"]))]  # a path segment: only guancha's own form


def weekly_article(weekly_html: str, data: dict[str, Any]) -> str:
    """A weekly synthesis's body for its site page (``<watcher>/weekly/<week>/``): its links to the week's
    dailies (file paths or the site's absolute URLs, as the weekly wrote them) become the dailies' pages on
    this site, then the body is sanitised like a report's."""
    for daily in data.get("dailies", []):
        link, date = str(daily.get("link", "")), str(daily.get("date", ""))
        if link and _ISO_DAY_RE.fullmatch(date):
            weekly_html = weekly_html.replace(f'href="{markupsafe.escape(link)}"', f'href="../../{date}/"')
    return article_of(weekly_html)


class _Bodies:
    """Sanitised report bodies, kept in ``.guancha-site-cache/`` of the output folder: a finalised report
    never changes, so a rebuild that rewrites a feed reads its 50 bodies instead of sanitising them again."""

    def __init__(self, db: Database, out: Path) -> None:
        self.db = db
        self.dir = out / CACHE_DIR

    def _path(self, report_id: str, finalised_at: str) -> Path:
        key = hashlib.sha256(f"{SITE_FORMAT}\0{report_id}\0{finalised_at}".encode()).hexdigest()[:32]
        return self.dir / f"{key}.frag"

    def get(self, reports: list[ReportMeta]) -> dict[str, str]:
        out: dict[str, str] = {}
        missing: dict[str, ReportMeta] = {}
        for r in reports:
            path = self._path(r.id, r.finalised_at)
            try:
                out[r.id] = path.read_text(encoding="utf-8")
            except OSError:
                missing[r.id] = r
        ids = list(missing)
        for i in range(0, len(ids), 200):
            chunk = ids[i:i + 200]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(f"SELECT id, html FROM reports WHERE status = 'finalised' AND id IN ({marks})",
                                     tuple(chunk)):
                body = article_of(row["html"])
                out[row["id"]] = body
                self._store(missing[row["id"]], body)
        return out

    def _store(self, r: ReportMeta, body: str) -> None:
        write_whole(self._path(r.id, r.finalised_at), body)


@dataclass(frozen=True)
class HeuristicInfo:
    id: str
    seg: str
    watcher_id: str | None
    status: str
    current_version: int
    confirmations: int
    first_seen: str | None
    last_confirmed: str | None
    merged_into: str | None
    data: dict[str, Any]
    versions: list[dict[str, Any]]
    sightings: list[dict[str, Any]]
    related: list[str]

    @property
    def domains(self) -> list[str]:
        return [str(d) for d in self.data.get("domain") or []]

    def key(self) -> list[Any]:
        return [self.status, self.current_version, self.confirmations, self.last_confirmed, self.merged_into,
                self.data, self.versions, self.sightings, self.related]


def load_heuristics(db: Database) -> list[HeuristicInfo]:
    """Every heuristic of the knowledge base with its versions, sightings and links, in three queries."""
    versions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.query("SELECT heuristic_id, version, data_json, changed_fields, source_ref, source_date"
                      " FROM heuristic_versions ORDER BY heuristic_id, version"):
        versions[r["heuristic_id"]].append({"version": int(r["version"]), "data": json.loads(r["data_json"]),
                                            "changed": json.loads(r["changed_fields"]),
                                            "source_ref": r["source_ref"], "source_date": r["source_date"]})
    sightings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.query("SELECT heuristic_id, source_ref, version, kind, source_date, source_title"
                      " FROM heuristic_sightings ORDER BY heuristic_id, source_date, recorded_at"):
        sightings[r["heuristic_id"]].append({k: r[k] for k in ("source_ref", "version", "kind", "source_date",
                                                               "source_title")})
    related: dict[str, list[str]] = defaultdict(list)
    for r in db.query("SELECT a, b FROM heuristic_links WHERE kind = 'related' ORDER BY a, b"):
        related[r["a"]].append(r["b"])
        related[r["b"]].append(r["a"])
    out = []
    for r in db.query("SELECT * FROM heuristics ORDER BY id"):
        hid = r["id"]
        vs = versions.get(hid, [])
        current = next((v for v in vs if v["version"] == r["current_version"]), vs[-1] if vs else None)
        out.append(HeuristicInfo(
            id=hid, seg=segment(hid), watcher_id=r["watcher_id"], status=r["status"],
            current_version=int(r["current_version"]), confirmations=int(r["confirmations"]),
            first_seen=r["first_seen"], last_confirmed=r["last_confirmed"], merged_into=r["merged_into"],
            data=current["data"] if current else {}, versions=vs, sightings=sightings.get(hid, []),
            related=sorted(set(related.get(hid, []))),
        ))
    return out


# --------------------------------------------------------------------------- writing pages


@dataclass
class SiteBuildResult:
    """What a build did. ``written`` lists the pages rewritten (relative paths)."""

    out: Path
    reports: int
    watchers: int
    heuristics: int
    pages: int
    written: list[str]
    unchanged: int
    removed: list[str]
    searched: bool
    search_seconds: float
    seconds: float
    base_url: str
    base_url_configured: bool

    def summary(self) -> dict[str, Any]:
        return {"out": str(self.out), "reports": self.reports, "watchers": self.watchers,
                "heuristics": self.heuristics, "pages": self.pages, "written": len(self.written),
                "unchanged": self.unchanged, "removed": len(self.removed), "search_indexed": self.searched,
                "search_seconds": round(self.search_seconds, 3), "seconds": round(self.seconds, 3),
                "base_url": self.base_url, "base_url_configured": self.base_url_configured}


def _site_page(out: Path, rel: str) -> Path | None:
    """The file a manifest's page name stands for, or None when it is no page of the site folder: the manifest is
    a file in the output folder, and one naming "../../notes.txt" or an absolute path had the build delete that file
    as a page it no longer writes (found by a red-team pass). A page is a relative path without "..", below ``out``
    even after symbolic links are followed."""
    parts = Path(rel).parts
    if not rel or Path(rel).is_absolute() or ".." in parts or "\\" in rel or "\0" in rel:
        return None
    path = out / rel
    try:
        if not path.resolve().is_relative_to(out.resolve()):
            return None
    except (OSError, RuntimeError):
        return None
    return path


class _PageWriter:
    """Writes a page only when its key changed since the last build (or its file is missing)."""

    def __init__(self, out: Path, fingerprint: str) -> None:
        self.out = out
        self.fingerprint = fingerprint
        self.old: dict[str, str] = {}
        self.old_reports: dict[str, list[Any]] = {}
        manifest = out / MANIFEST
        if manifest.exists():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("format") == SITE_FORMAT:
                    self.old = {str(k): str(v) for k, v in (data.get("pages") or {}).items()
                                if _site_page(out, str(k)) is not None}
                    self.old_reports = {str(k): list(v) for k, v in (data.get("reports") or {}).items()}
            except (OSError, ValueError, TypeError, AttributeError):
                self.old, self.old_reports = {}, {}
        self.new: dict[str, str] = {}
        self.written: list[str] = []
        self.unchanged = 0

    def page(self, rel: str, key: Any, render: Callable[[], str | bytes]) -> None:
        if rel in self.new:
            raise GuanchaError(f"two pages of the site map to {rel}",
                               fix="rename one of the watchers or heuristics whose ids collide")
        digest = hashlib.sha256(
            (self.fingerprint + "\0" + json.dumps(key, sort_keys=True, default=str)).encode("utf-8")).hexdigest()
        self.new[rel] = digest
        path = self.out / rel
        if self.old.get(rel) == digest and path.is_file():
            self.unchanged += 1
            return
        content = render()
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            self.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        self.written.append(rel)

    def finish(self, extra: dict[str, Any]) -> list[str]:
        """Remove pages an earlier build wrote that this one did not (never any other file); save keys."""
        removed = []
        for rel in sorted(set(self.old) - set(self.new)):
            path = _site_page(self.out, rel)
            if path is not None and path.is_file():
                path.unlink()
                removed.append(rel)
        manifest = self.out / MANIFEST
        tmp = manifest.with_name(MANIFEST + ".tmp")
        tmp.write_text(json.dumps({"format": SITE_FORMAT, **extra, "pages": self.new}, indent=0, sort_keys=True),
                       encoding="utf-8")
        tmp.replace(manifest)
        return removed


def _template_sources(override_dir: Path) -> Iterable[tuple[str, bytes]]:
    package = resources.files("guancha.publish") / "templates"
    stack: list[tuple[str, Any]] = [("", package)]
    while stack:
        prefix, node = stack.pop()
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                stack.append((prefix + child.name + "/", child))
            elif not child.name.startswith(("__", ".")):
                yield "pkg:" + prefix + child.name, child.read_bytes()
    if override_dir.is_dir():
        for path in sorted(override_dir.rglob("*")):
            if path.is_file():
                yield "ws:" + path.relative_to(override_dir).as_posix(), path.read_bytes()


def _fingerprint(override_dir: Path) -> str:
    h = hashlib.sha256(SITE_FORMAT.encode())
    for name, data in _template_sources(override_dir):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def template_environment(override_dir: Path, cache_dir: Path | None = None) -> jinja2.Environment:
    """Templates from the workspace's ``site-templates/`` first, then guancha's own; all output escaped.
    With ``cache_dir``, compiled templates are kept there so a small rebuild does not compile them again."""
    bytecode_cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(override_dir)),
        jinja2.PackageLoader("guancha.publish", "templates"),
    ])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             bytecode_cache=bytecode_cache)
    env.filters["long_date"] = _long_date
    return env


def _asset(override_dir: Path, name: str) -> bytes:
    custom = override_dir / "assets" / name
    if custom.is_file():
        return custom.read_bytes()
    return (resources.files("guancha.publish") / "templates" / "assets" / name).read_bytes()


def _long_date(day: str) -> str:
    try:
        d = dt.date.fromisoformat(day)
    except ValueError:
        return day
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def _month_label(month: str) -> str:
    try:
        d = dt.date.fromisoformat(month + "-01")
    except ValueError:
        return month
    return f"{d:%B} {d.year}"


def _root(rel: str) -> str:
    depth = rel.count("/")
    return "../" * depth if depth else "./"


def _staleness(latest: str | None, today: dt.date) -> tuple[str, bool]:
    if latest is None:
        return "no report yet", True
    try:
        days = (today - dt.date.fromisoformat(latest)).days
    except ValueError:
        return "unknown", True
    if days <= 0:
        return "today", False
    return (f"{days} day{'s' if days != 1 else ''} ago", days > 2)


def _check_view(r: ReportMeta) -> dict[str, Any]:
    """A report's checks in words for pages: outcome, score against threshold, error and warning counts."""
    if r.check_status is None:
        return {"status": "not checked", "label": "not checked", "score": None, "errors": None, "warnings": None,
                "iterations": r.iterations, "approval": r.approval}
    label = {"passed": "passed", "approved": "approved by a person", "held": "held"}.get(r.check_status,
                                                                                       r.check_status)
    score = None
    if r.score is not None and r.max_score:
        score = f"{r.score:g} / {r.max_score:g}" + (f" (threshold {r.threshold:g})" if r.threshold else "")
    return {"status": r.check_status, "label": label, "score": score, "errors": r.errors, "warnings": r.warnings,
            "iterations": r.iterations, "approval": r.approval}


# --------------------------------------------------------------------------- the build


def site_dir(workspace: Workspace, out: Path | None) -> Path:
    return (out if out is not None else workspace.root / "site").resolve()


def build_site(
    workspace: Workspace,
    out: Path | None = None,
    *,
    base_url: str | None = None,
    search: bool = True,
    today: dt.date | None = None,
) -> SiteBuildResult:
    """Build (or bring up to date) the static site of ``workspace`` in ``out`` (default ``<workspace>/site``)."""
    t0 = time.monotonic()
    settings = load_site_settings(workspace)
    out_dir = site_dir(workspace, out)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} exists and is not a folder", fix="pass --out with a folder path")
    out_dir.mkdir(parents=True, exist_ok=True)
    # publish.site_url is where the notices and e-mails already send readers: the same place, unless site.yaml says
    configured = base_url or settings.base_url or workspace.settings.publish.site_url
    base = normalise_base_url(configured)
    overrides = workspace.root / TEMPLATE_OVERRIDES
    env = template_environment(overrides, out_dir / CACHE_DIR / "templates")
    try:
        env.get_template("base.html")
    except jinja2.TemplateError as exc:
        raise ConfigError(f"a site template does not load: {exc}", path=overrides,
                          fix="fix or remove the overriding template") from exc
    writer = _PageWriter(out_dir, _fingerprint(overrides))
    db = workspace.db()
    watchers = load_watchers(db, writer.old_reports)
    heuristics = load_heuristics(db)
    day = today or dt.datetime.now(dt.UTC).date()
    common = {"site_title": settings.title, "watcher_links": [(w.seg, w.name) for w in watchers.values()]}
    try:
        _build_pages(env, writer, db, watchers, heuristics, settings, base, day, common, overrides)
    except jinja2.TemplateError as exc:
        raise ConfigError(f"a site template failed to render: {exc}", path=overrides,
                          fix="fix the overriding template (see the defaults in guancha/publish/templates)") from exc
    removed = writer.finish({"base_url": base, "reports": {r.id: [r.stories, r.finalised_at]
                                                           for w in watchers.values() for r in w.reports}})
    searched = False
    search_seconds = 0.0
    if search:
        t1 = time.monotonic()
        searched = update_search(out_dir, search_shards(watchers, heuristics), [*writer.written, *removed])
        search_seconds = time.monotonic() - t1
    return SiteBuildResult(
        out=out_dir, reports=sum(len(w.reports) for w in watchers.values()), watchers=len(watchers),
        heuristics=len(heuristics), pages=len(writer.new), written=writer.written, unchanged=writer.unchanged,
        removed=removed, searched=searched, search_seconds=search_seconds, seconds=time.monotonic() - t0,
        base_url=base, base_url_configured=configured is not None,
    )


def _build_pages(
    env: jinja2.Environment, writer: _PageWriter, db: Database, watchers: dict[str, WatcherInfo],
    heuristics: list[HeuristicInfo], settings: SiteSettings, base: str, today: dt.date, common: dict[str, Any],
    overrides: Path,
) -> None:
    bodies = _Bodies(db, writer.out)

    def render(template: str, rel: str, **ctx: Any) -> Callable[[], str]:
        return lambda: env.get_template(template).render(root=_root(rel), rel=rel, **common, **ctx)

    for name in ASSETS:
        data = _asset(overrides, name)
        writer.page(f"assets/{name}", hashlib.sha256(data).hexdigest(), lambda data=data: data)  # type: ignore[misc]

    report_pages: dict[str, str] = {}      # report id -> its page (relative dir)
    for w in watchers.values():
        current = {r.id for r in w.latest_reports()}
        for r in w.reports:
            report_pages[r.id] = f"{w.seg}/{r.date}/" if r.id in current else f"{w.seg}/{r.date}/v{r.version}/"

    # ---------------------------------------------------------------- dashboard
    rows = []
    for w in watchers.values():
        latest = w.latest_reports()
        last = latest[-1] if latest else None
        stale, is_stale = _staleness(last.date if last else None, today)
        rows.append({"seg": w.seg, "name": w.name, "id": w.id, "reports": len(latest),
                     "last": None if last is None else {"date": last.date, "title": last.title,
                                                       "href": report_pages[last.id], "stories": last.stories,
                                                       "check": _check_view(last), "version": last.version},
                     "stale": stale, "is_stale": is_stale})
    alarms = [{"kind": i.kind, "watcher": i.watcher_id, "summary": i.summary, "since": i.opened_at}
              for i in open_incidents(db, state="open")]
    writer.page("index.html", ["dashboard", rows, common, len(heuristics), alarms],
                render("dashboard.html", "index.html", watchers=rows, heuristics_count=len(heuristics),
                       alarms=alarms, csp=CSP_PAGE))

    # ---------------------------------------------------------------- watchers, months, reports
    for w in watchers.values():
        latest = w.latest_reports()
        months: dict[str, list[ReportMeta]] = defaultdict(list)
        for r in latest:
            months[r.month].append(r)

        def entry(r: ReportMeta, w: WatcherInfo = w) -> dict[str, Any]:
            return {"date": r.date, "title": r.title, "href": report_pages[r.id], "stories": r.stories,
                    "check": _check_view(r), "version": r.version,
                    "versions": [(v.version, report_pages[v.id]) for v in w.versions(r.date)]}

        month_list = [{"month": m, "label": _month_label(m), "count": len(rs)} for m, rs in sorted(months.items(),
                                                                                                  reverse=True)]
        recent = [entry(r) for r in reversed(latest[-10:])]
        weeklies = _weeklies(db, w.id)
        weekly_list = [{"week": k["week"], "title": k["title"]} for k in weeklies]
        rel = f"{w.seg}/index.html"
        writer.page(rel, ["watcher", w.id, w.name, month_list, recent, common, *([weekly_list] if weekly_list else [])],
                    render("watcher.html", rel, watcher={"seg": w.seg, "name": w.name, "id": w.id},
                           months=month_list, recent=recent, weeklies=weekly_list, csp=CSP_PAGE))
        for k in weeklies:
            rel = f"{w.seg}/weekly/{k['week']}/index.html"
            writer.page(rel, ["weekly", k["id"], w.name, common], render(
                "weekly.html", rel, watcher={"seg": w.seg, "name": w.name, "id": w.id}, csp=CSP_PAGE,
                weekly={"week": k["week"], "title": k["title"], "version": k["version"]},
                article=weekly_article(k["html"], json.loads(k["json"]))))
        for m, rs in months.items():
            rel = f"{w.seg}/{m}/index.html"
            items = [entry(r) for r in reversed(rs)]
            writer.page(rel, ["month", w.id, w.name, m, items, common],
                        render("month.html", rel, watcher={"seg": w.seg, "name": w.name, "id": w.id}, month=m,
                               month_label=_month_label(m), reports=items, csp=CSP_PAGE))
        for idx, cur in enumerate(latest):
            prev_r = latest[idx - 1] if idx > 0 else None
            next_r = latest[idx + 1] if idx + 1 < len(latest) else None
            versions = w.versions(cur.date)
            for r in versions:
                page_dir = report_pages[r.id]
                rel = page_dir + "index.html"
                nav = {"prev": None if prev_r is None else {"date": prev_r.date, "href": report_pages[prev_r.id]},
                       "next": None if next_r is None else {"date": next_r.date, "href": report_pages[next_r.id]}}
                version_list = [{"version": v.version, "href": report_pages[v.id], "finalised_at": v.finalised_at,
                                 "current": v.id == r.id, "latest": v.id == cur.id} for v in versions]
                key = ["report", r.key(), w.name, nav, version_list, cur.id == r.id, common]
                writer.page(rel, key, functools.partial(
                    _render_report, env, db, bodies, rel, r, w, nav, version_list, cur.id == r.id, common,
                    report_pages[cur.id]))

        # per-watcher feed
        entries_meta = sorted(w.reports, key=lambda r: (r.finalised_at, r.version), reverse=True)[:FEED_ENTRIES]
        rel = f"{w.seg}/feed.atom"
        feed_key = ["feed", w.id, w.name, [r.key() for r in entries_meta], base, settings.model_dump()]
        writer.page(rel, feed_key, functools.partial(
            _render_feed, env, bodies, settings, base, entries_meta, watchers, report_pages,
            feed_id=tag_id(settings.tag_authority, "2026", w.id, "feed"), title=f"{w.name} — {settings.title}",
            self_rel=rel, alternate_rel=f"{w.seg}/", fallback=atom_time(w.created_at)))

    # ---------------------------------------------------------------- site feed
    everything = [r for w in watchers.values() for r in w.reports]
    entries_meta = sorted(everything, key=lambda r: (r.finalised_at, r.watcher_id, r.version),
                          reverse=True)[:FEED_ENTRIES]
    writer.page("feed.atom", ["feed", "all", [r.key() for r in entries_meta], base, settings.model_dump(),
                              {w.id: w.name for w in watchers.values()}],
                functools.partial(_render_feed, env, bodies, settings, base, entries_meta, watchers, report_pages,
                                  feed_id=tag_id(settings.tag_authority, "2026", "feed"), title=settings.title,
                                  self_rel="feed.atom", alternate_rel="", fallback="1970-01-01T00:00:00Z"))

    # ---------------------------------------------------------------- heuristics library
    finalised_ids = set(report_pages)

    def h_row(h: HeuristicInfo) -> dict[str, Any]:
        conf = h.data.get("confidence") or {}
        return {"id": h.id, "seg": h.seg, "status": h.status, "version": h.current_version,
                "confirmations": h.confirmations, "domains": [(d, segment(d)) for d in h.domains],
                "watcher": None if h.watcher_id is None or h.watcher_id not in watchers
                else (watchers[h.watcher_id].seg, watchers[h.watcher_id].name, h.watcher_id),
                "prefer": str(h.data.get("prefer", "")), "confidence": conf.get("level") if isinstance(conf, dict)
                else str(conf), "last_confirmed": h.last_confirmed}

    all_rows = [h_row(h) for h in heuristics]
    domain_counts: dict[str, int] = defaultdict(int)
    for row in all_rows:
        for d, _ in row["domains"]:
            domain_counts[d] += 1
    domains = sorted(((d, segment(d), n) for d, n in domain_counts.items()), key=lambda x: (-x[2], x[0]))
    watcher_counts: dict[str, int] = defaultdict(int)
    for row in all_rows:
        if row["watcher"]:
            watcher_counts[row["watcher"][2]] += 1
    watcher_filters = [(watchers[wid].seg, watchers[wid].name, n) for wid, n in sorted(watcher_counts.items())]
    filters = {"domains": domains, "watchers": watcher_filters}

    def library(rel: str, heading: str, rows: list[dict[str, Any]], current: str | None) -> None:
        writer.page(rel, ["library", heading, rows, filters, current, common],
                    render("heuristics.html", rel, heading=heading, heuristics=rows, filters=filters,
                           current=current, csp=CSP_PAGE))

    library("heuristics/index.html", "Heuristics library", all_rows, None)
    for d, seg, _ in domains:
        library(f"heuristics/domain/{seg}/index.html", f"Heuristics in {d}",
                [r for r in all_rows if any(x == d for x, _ in r["domains"])], f"domain:{d}")
    for wseg, name, _ in watcher_filters:
        library(f"heuristics/watcher/{wseg}/index.html", f"Heuristics of {name}",
                [r for r in all_rows if r["watcher"] and r["watcher"][0] == wseg], f"watcher:{wseg}")
    known = {h.id: h.seg for h in heuristics}
    for h, row in zip(heuristics, all_rows, strict=True):
        rel = f"heuristics/rules/{h.seg}/index.html"
        sightings = [{**s, "href": report_pages.get(s["source_ref"]) if s["source_ref"] in finalised_ids else None}
                     for s in h.sightings]
        h_versions = [{**v, "href": report_pages.get(v["source_ref"]) if v["source_ref"] in finalised_ids
                       else None} for v in h.versions]
        related = [(rid, known.get(rid)) for rid in h.related]
        writer.page(rel, ["heuristic", h.key(), row, sightings, h_versions, related, common],
                    render("heuristic.html", rel, h=row, data=h.data, versions=h_versions, sightings=sightings,
                           related=related, first_seen=h.first_seen, merged_into=h.merged_into and
                           (h.merged_into, known.get(h.merged_into)), csp=CSP_PAGE))

    # ---------------------------------------------------------------- search, sitemap
    shards = list(search_shards(watchers, heuristics))
    writer.page("search/index.html", ["search", common, shards],
                render("search.html", "search/index.html", csp=CSP_SEARCH, shards=shards))
    html_pages = sorted(rel for rel in writer.new if rel.endswith("index.html") and rel != "search/index.html")
    lastmod: dict[str, str] = {}
    for w in watchers.values():
        for r in w.reports:
            lastmod[report_pages[r.id] + "index.html"] = r.finalised_at[:10]
    urls = [(base + rel.removesuffix("index.html"), lastmod.get(rel)) for rel in html_pages]
    writer.page("sitemap.xml", ["sitemap", urls], lambda: sitemap_xml(urls))


def sitemap_xml(urls: list[tuple[str, str | None]]) -> str:
    """sitemaps.org XML for (absolute URL, last modified day) pairs (built directly: it can be long)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls:
        mod = f"<lastmod>{xml_escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{xml_escape(loc)}</loc>{mod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


_REPORT_HREF_ATTR_RE = re.compile(r'href="((?:\.\./)+\d{4}-\d{2}-\d{2}/)"')


def _render_report(env: jinja2.Environment, db: Database, bodies: _Bodies, rel: str, r: ReportMeta,
                   w: WatcherInfo, nav: dict[str, Any], versions: list[dict[str, Any]], is_latest: bool,
                   common: dict[str, Any], latest_href: str) -> str:
    article = bodies.get([r]).get(r.id)
    if article is None:
        raise GuanchaError(f"report {r.id[:12]} changed while the site was built", fix="build again")
    depth = rel.count("/") - 2   # a correction's page (<watcher>/<date>/v2/) is a folder deeper than <watcher>/<date>/
    if depth > 0:   # the body links an earlier report as its page's sibling: one more level up from here
        article = _REPORT_HREF_ATTR_RE.sub(lambda m: f'href="{"../" * depth}{m.group(1)}"', article)
    findings: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    if r.best_iteration is not None:
        findings = [dict(f) for f in db.query(
            "SELECT rule, severity, section, story, message FROM check_findings WHERE run_id = ? AND iteration = ?"
            " ORDER BY seq", (r.id, r.best_iteration))]
        scores = [dict(s) for s in db.query(
            "SELECT metric, score, weight, reason FROM rubric_scores WHERE run_id = ? AND iteration = ?"
            " ORDER BY rowid", (r.id, r.best_iteration))]
    return env.get_template("report.html").render(
        root=_root(rel), rel=rel, **common, csp=CSP_PAGE, report={"title": r.title, "date": r.date,
                                                                  "version": r.version, "month": r.month},
        watcher={"seg": w.seg, "name": w.name, "id": w.id}, month_label=_month_label(r.month),
        article=article, check=_check_view(r), findings=findings, scores=scores, nav=nav,
        versions=versions, is_latest=is_latest, latest_href=latest_href,
    )


def _render_feed(env: jinja2.Environment, cache: _Bodies, settings: SiteSettings, base: str,
                 entries_meta: list[ReportMeta], watchers: dict[str, WatcherInfo], report_pages: dict[str, str], *,
                 feed_id: str, title: str, self_rel: str, alternate_rel: str, fallback: str) -> str:
    bodies = cache.get(entries_meta)
    entries = []
    for r in entries_meta:
        w = watchers[r.watcher_id]
        suffix = f" (correction, version {r.version})" if r.version > 1 else ""
        entries.append(FeedEntry(
            id=entry_id(settings.tag_authority, r.watcher_id, r.date, r.version), title=r.title + suffix,
            updated=r.finalised_at, published=r.finalised_at, url=base + report_pages[r.id],
            watcher_id=r.watcher_id, watcher_name=w.name, content=bodies.get(r.id, ""),
        ))
    feed = Feed(id=feed_id, title=title, self_url=base + self_rel, alternate_url=base + alternate_rel,
                updated=feed_updated(entries, fallback), entries=entries)
    return render_feed(env, feed)


# --------------------------------------------------------------------------- search and preview


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the PyPI package ``pagefind[bin]``."""
    try:
        import pagefind_bin
    except ImportError as exc:
        raise GuanchaError("the search indexer Pagefind is not installed",
                           fix="pip install 'pagefind[bin]' (or build with --no-search)") from exc
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError as exc:
        raise GuanchaError(f"the Pagefind binary is missing: {exc}",
                           fix="reinstall it: pip install --force-reinstall 'pagefind[bin]'") from exc


SEARCH_INDEX_DIR = "search/index"


def search_shards(watchers: dict[str, WatcherInfo], heuristics: list[HeuristicInfo]) -> dict[str, str]:
    """Search index shards: each watcher with a report, and the heuristics library; name -> page prefix."""
    shards = {w.seg: f"{w.seg}/" for w in watchers.values() if w.reports}
    if heuristics:
        shards["heuristics"] = "heuristics/rules/"
    return shards


def update_search(out_dir: Path, shards: dict[str, str], changed: list[str]) -> bool:
    """(Re)index the shards whose pages changed or whose index is missing; drop indexes of gone shards.
    Returns whether any shard was indexed."""
    index_root = out_dir / SEARCH_INDEX_DIR
    stale = [name for name, prefix in shards.items()
             if not (index_root / name / "pagefind.js").is_file() or any(rel.startswith(prefix) for rel in changed)]
    if index_root.is_dir():
        for folder in index_root.iterdir():
            if folder.name in shards or not folder.is_dir():
                continue
            if folder.is_symlink():
                folder.unlink()   # the link only: removing the tree it leads to emptied a folder outside the site
            elif folder.resolve().is_relative_to(out_dir.resolve()):
                _remove_tree(folder)
    if not stale:
        return False
    exe = pagefind_executable()
    workers = max(1, min(4, os.cpu_count() or 1, len(stale)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda name: run_pagefind(exe, out_dir, shards[name], index_root / name), stale))
    return True


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()
    folder.rmdir()


def run_pagefind(exe: Path, out_dir: Path, prefix: str, bundle: Path) -> None:
    """Index the pages under ``prefix`` marked ``data-pagefind-body`` into ``bundle``; runs offline."""
    try:
        proc = subprocess.run([str(exe), "--site", str(out_dir), "--glob", f"{prefix}**/*.html",
                               "--output-path", str(bundle), "--quiet"],
                              capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GuanchaError(f"Pagefind could not index {out_dir / prefix}: {exc}",
                           fix="build with --no-search, or reinstall 'pagefind[bin]'") from exc
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise GuanchaError(f"Pagefind failed indexing {out_dir / prefix}: {' '.join(tail)}",
                           fix="build with --no-search to skip search, and report the message")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,  # noqa: RUF012 (the base's shape)
                      ".atom": "application/atom+xml", ".wasm": "application/wasm", ".js": "text/javascript",
                      ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
                      ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream"}

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("GUANCHA_SITE_LOG"):
            super().log_message(format, *args)

    def send_head(self) -> Any:
        """A path holding a NUL ("/%00") is no file: 404, where ``open`` raised ValueError and the preview printed
        a traceback for one request of any page in the browser (found by a red-team pass)."""
        if "\x00" in self.translate_path(self.path):
            self.send_error(http.HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()


class _SiteServer(http.server.ThreadingHTTPServer):
    """The preview server: a request that fails anyway is one line on stderr, never a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        error = sys.exc_info()[1]
        sys.stderr.write(f"a request from {client_address[0]} failed: {type(error).__name__}\n")


def make_server(directory: Path, port: int = DEFAULT_PORT) -> http.server.ThreadingHTTPServer:
    """A preview server for a built site, bound to 127.0.0.1 only (port 0 picks a free one)."""
    if not (directory / "index.html").is_file():
        raise UsageError(f"{directory} holds no built site (no index.html)",
                         fix="run 'guancha site build' first, or pass --dir with the folder it built")
    handler = functools.partial(_SiteHandler, directory=str(directory))
    try:
        return _SiteServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}",
                         fix="pass --port with a free port") from exc
