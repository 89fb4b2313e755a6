"""The static site and its Atom feeds, built from a real SQLite workspace with reports made by the real
renderer and store: pages, permalinks, versions, held reports kept out, escaping, links, sitemap, feeds,
incremental rebuilds, template overrides, the CLI, the preview server and the Nu HTML Checker."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from guancha.publish.site import build_site
from guancha.workspace import open_workspace
from tests.conftest import cli_env, run_cli
from tests.site_support import add_report, heuristic, spec_for

REPO = Path(__file__).resolve().parents[1]
HELD_WORD = "zeppelinheldword"
SEARCH_WORD = "quasarfab"
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))'
CHINA = spec_for("china-ai", "China AI", "🇨🇳")
ORBITAL = spec_for("orbital", "Orbital Computation", "🛰️")


def _workspace(root: Path) -> Path:
    from guancha.workspace import init_workspace

    init_workspace(root)
    ws = open_workspace(root)
    db = ws.db()
    add_report(db, CHINA, dt.date(2026, 4, 30),
               heuristics=[heuristic("technical-origin-test", ["china", "m-and-a"], "the origin test")])
    add_report(db, CHINA, dt.date(2026, 5, 1), extra_text=HOSTILE)
    add_report(db, CHINA, dt.date(2026, 5, 2),
               heuristics=[heuristic("technical-origin-test", ["china", "m-and-a"], "the origin test")])
    add_report(db, CHINA, dt.date(2026, 5, 2), version=2, extra_text="Corrected figures.",
               heuristics=[heuristic("technical-origin-test", ["china", "m-and-a"], "the origin test, for every lab")])
    add_report(db, CHINA, dt.date(2026, 5, 3), status="held", headline_words=[HELD_WORD, "chip", "fab", "grid"],
               extra_text=HELD_WORD)
    add_report(db, ORBITAL, dt.date(2026, 5, 2), headline_words=[SEARCH_WORD, "orbit", "launch", "cluster"],
               heuristics=[heuristic("launch-cadence-rule", ["space", "compute"], "launch cadence")])
    ws.close()
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = _workspace(tmp_path_factory.mktemp("site") / "ws")
    ws = open_workspace(root)
    result = build_site(ws, base_url="https://example.org/brief/", today=dt.date(2026, 5, 5))
    ws.close()
    assert result.searched
    return root, result.out


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if not p.relative_to(out).as_posix().startswith("search/index/"))


def _doc(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def test_layout_permalinks_and_every_version(built: tuple[Path, Path]) -> None:
    _, out = built
    for rel in ("index.html", "china-ai/index.html", "china-ai/2026-04/index.html", "china-ai/2026-05/index.html",
                "china-ai/2026-04-30/index.html", "china-ai/2026-05-02/index.html",
                "china-ai/2026-05-02/v1/index.html", "orbital/2026-05-02/index.html", "heuristics/index.html",
                "search/index.html", "feed.atom", "china-ai/feed.atom", "orbital/feed.atom", "sitemap.xml",
                "search/index/china-ai/pagefind.js", "search/index/orbital/pagefind.js",
                "search/index/heuristics/pagefind.js"):
        assert (out / rel).is_file(), rel
    current = (out / "china-ai/2026-05-02/index.html").read_text(encoding="utf-8")
    old = (out / "china-ai/2026-05-02/v1/index.html").read_text(encoding="utf-8")
    assert "Corrected figures." in current and "Corrected figures." not in old
    assert "version 1" in current and "superseded" in current
    assert "Read the current version" in old and 'href="../../../china-ai/2026-05-02/"' in old
    dashboard = _doc(out / "index.html")
    rows = {row.findtext(".//th/a"): row for row in dashboard.iter("tr") if row.find(".//th/a") is not None}
    assert set(rows) == {"🇨🇳 China AI", "🛰️ Orbital Computation"}
    china = rows["🇨🇳 China AI"].text_content()
    assert "🇨🇳 China AI — 2026-05-02" in china and "(v2)" in china and "3 days ago" in china
    assert "3" in rows["🇨🇳 China AI"].findall("td")[1].text_content()   # story count of the latest report


def test_held_report_never_appears(built: tuple[Path, Path]) -> None:
    _, out = built
    assert not (out / "china-ai/2026-05-03").exists()
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".atom", ".xml", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert HELD_WORD not in text, path
            assert "2026-05-03" not in text, path


def test_source_links_escaping_and_csp(built: tuple[Path, Path]) -> None:
    _, out = built
    page = (out / "china-ai/2026-05-01/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "onerror" not in page.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in page
    doc = lxml_html.fromstring(page.encode("utf-8"))
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page or "&lt;script&gt;alert(&#34;x&#34;)" in page
    assert not doc.xpath("//img")
    for path in _pages(out):
        d = _doc(path)
        csp = d.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(csp) == 1 and "default-src 'none'" in csp[0], path
        for el in d.xpath("//script|//link|//img|//iframe"):
            src = el.get("src") or el.get("href") or ""
            assert not urlsplit(src).scheme and not src.startswith("//"), (path, src)  # nothing external
        assert not d.xpath("//*[@style]") and not d.xpath("//style"), path
        for a in d.xpath("//a[@href]"):
            if urlsplit(a.get("href")).scheme in {"http", "https"}:
                assert a.get("rel") == "noopener noreferrer nofollow", (path, a.get("href"))
    scripts = [s for p in _pages(out) for s in _doc(p).xpath("//script")]
    assert [s.get("src") for s in scripts] == ["../assets/search.js"]
    cited = doc.xpath("//main//a[@rel='noopener noreferrer nofollow']/@href")
    assert cited and all(h.startswith("https://news.example.net/") or h.startswith("https://arxiv.org/")
                         for h in cited)


def _target(out: Path, page: Path, href: str) -> Path | None:
    """The file an internal link of ``page`` opens, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or href.startswith("#"):
        return None
    assert not href.startswith("/"), f"{page}: root-absolute link {href}"
    base = "file://" + page.as_posix()
    resolved = Path(unquote(urlsplit(urljoin(base, parts.path)).path))
    return resolved / "index.html" if href.split("?")[0].split("#")[0].endswith("/") or resolved.is_dir() \
        else resolved


def test_every_internal_link_resolves(built: tuple[Path, Path]) -> None:
    _, out = built
    checked = 0
    for page in _pages(out):
        doc = _doc(page)
        ids = set(doc.xpath("//@id"))
        for attr in doc.xpath("//a/@href|//link/@href|//script/@src|//form/@action"):
            if attr.startswith("#"):
                assert attr[1:] in ids, (page, attr)
                continue
            target = _target(out, page, attr)
            if target is None:
                continue
            checked += 1
            assert target.is_file(), f"{page.relative_to(out)} links to {attr}, which is missing"
            assert out in target.parents, f"{page} links outside the site: {attr}"
    assert checked > 100


def test_sitemap_lists_every_page(built: tuple[Path, Path]) -> None:
    _, out = built
    tree = etree.parse(str(out / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = tree.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert all(loc.startswith("https://example.org/brief/") for loc in locs)
    expected = {"https://example.org/brief/" + p.relative_to(out).as_posix().removesuffix("index.html")
                for p in _pages(out) if p.relative_to(out).as_posix() != "search/index.html"}
    assert set(locs) == expected


def test_feeds_parse_with_stable_ids(built: tuple[Path, Path], tmp_path: Path) -> None:
    root, out = built
    site = feedparser.parse((out / "feed.atom").read_bytes())
    assert site.bozo == 0, site.get("bozo_exception")
    ids = [e.id for e in site.entries]
    assert "tag:guancha.invalid,2026-05-02:china-ai/2026-05-02/v1" in ids
    assert "tag:guancha.invalid,2026-05-02:china-ai/2026-05-02/v2" in ids
    assert len(ids) == len(set(ids)) == 5                       # every finalised version, the held one not
    assert site.feed.updated == max(e.updated for e in site.entries)
    v2 = next(e for e in site.entries if e.id.endswith("china-ai/2026-05-02/v2"))
    assert v2.link == "https://example.org/brief/china-ai/2026-05-02/"
    v1 = next(e for e in site.entries if e.id.endswith("china-ai/2026-05-02/v1"))
    assert v1.link == "https://example.org/brief/china-ai/2026-05-02/v1/"
    assert "Corrected figures." in v2.content[0].value and "<script" not in v2.content[0].value
    hostile = next(e for e in site.entries if e.id.endswith("2026-05-01/v1"))
    body = hostile.content[0].value
    assert "<script" not in body and "<img" not in body and "javascript:" not in body
    assert 'rel="noopener noreferrer nofollow"' in body
    orbital = feedparser.parse((out / "orbital/feed.atom").read_bytes())
    assert orbital.bozo == 0 and [e.id for e in orbital.entries] == [
        "tag:guancha.invalid,2026-05-02:orbital/2026-05-02/v1"]
    # a full rebuild into a new folder with another base URL keeps every id
    ws = open_workspace(root)
    again = build_site(ws, tmp_path / "other", base_url="https://mirror.example.com/", search=False)
    ws.close()
    rebuilt = feedparser.parse((again.out / "feed.atom").read_bytes())
    assert [e.id for e in rebuilt.entries] == ids
    assert [e.updated for e in rebuilt.entries] == [e.updated for e in site.entries]
    html_page = _doc(out / "orbital/2026-05-02/index.html")
    feeds = html_page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert feeds == ["../../feed.atom", "../../orbital/feed.atom"]


def test_heuristics_library_filters(built: tuple[Path, Path]) -> None:
    _, out = built
    library = (out / "heuristics/index.html").read_text(encoding="utf-8")
    assert "technical-origin-test" in library and "launch-cadence-rule" in library
    space = (out / "heuristics/domain/space/index.html").read_text(encoding="utf-8")
    assert "launch-cadence-rule" in space and "technical-origin-test" not in space
    china = (out / "heuristics/watcher/china-ai/index.html").read_text(encoding="utf-8")
    assert "technical-origin-test" in china and "launch-cadence-rule" not in china
    rule = _doc(out / "heuristics/rules/technical-origin-test/index.html")
    text = rule.text_content()
    assert "version 2" in text and "1 confirmation" in text and "the origin test, for every lab" in text
    assert "Version 1" in text and "Changed: prefer" in text            # the history, newest first
    sources = rule.xpath("//section[@aria-label='Source reports']//a/@href")
    assert sources == ["../../../china-ai/2026-04-30/", "../../../china-ai/2026-05-02/v1/",
                       "../../../china-ai/2026-05-02/"]


def test_incremental_rebuild_writes_only_changed_pages(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    ws = open_workspace(root)
    first = build_site(ws, today=dt.date(2026, 5, 5))
    assert len(first.written) == first.pages and first.searched
    old_page = first.out / "china-ai/2026-04-30/index.html"
    stamp = old_page.stat().st_mtime_ns
    index = first.out / "search" / "index"
    china_index = (index / "china-ai" / "pagefind-entry.json").stat().st_mtime_ns
    orbital_index = (index / "orbital" / "pagefind-entry.json").stat().st_mtime_ns
    second = build_site(ws, today=dt.date(2026, 5, 5))
    assert second.written == [] and second.unchanged == second.pages and not second.searched
    add_report(ws.db(), ORBITAL, dt.date(2026, 5, 4))
    third = build_site(ws, today=dt.date(2026, 5, 5))
    assert third.searched     # only the orbital watcher's search index is rebuilt
    assert (index / "china-ai" / "pagefind-entry.json").stat().st_mtime_ns == china_index
    assert (index / "orbital" / "pagefind-entry.json").stat().st_mtime_ns != orbital_index
    assert set(third.written) == {
        "orbital/2026-05-04/index.html",       # the new report
        "orbital/2026-05-02/index.html",       # its predecessor gains a "next" link
        "orbital/index.html", "orbital/2026-05/index.html", "index.html",
        "orbital/feed.atom", "feed.atom", "sitemap.xml",
    }
    assert old_page.stat().st_mtime_ns == stamp
    # a page deleted by hand is written again; a page the site no longer has is removed
    (first.out / "china-ai/2026-04-30/index.html").unlink()
    (first.out / "china-ai/2026-04-30/notes.txt").write_text("mine", encoding="utf-8")
    fourth = build_site(ws, search=False, today=dt.date(2026, 5, 5))
    assert fourth.written == ["china-ai/2026-04-30/index.html"]
    assert (first.out / "china-ai/2026-04-30/notes.txt").read_text(encoding="utf-8") == "mine"
    ws.close()


def test_workspace_templates_override_the_defaults(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    custom = root / "site-templates"
    custom.mkdir()
    (custom / "dashboard.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Our desk</h1>{% for w in watchers %}'
        '<p><a href="{{ root }}{{ w.seg }}/">{{ w.name }}</a></p>{% endfor %}{% endblock %}', encoding="utf-8")
    (root / "site.yaml").write_text("title: The <Desk>\n", encoding="utf-8")
    ws = open_workspace(root)
    result = build_site(ws, search=False)
    page = (result.out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Our desk</h1>" in page and "The &lt;Desk&gt;" in page
    assert "The &lt;Desk&gt;" in (result.out / "china-ai/2026-04-30/index.html").read_text(encoding="utf-8")
    (root / "site.yaml").write_text("titel: typo\n", encoding="utf-8")
    from guancha.errors import ConfigError

    with pytest.raises(ConfigError, match=r"site\.yaml.*titel"):
        build_site(ws, search=False)
    ws.close()


def test_cli_build_and_serve(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    out = tmp_path / "public"
    proc = run_cli("site", "build", "--workspace", str(root), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["out"] == str(out.resolve()) and summary["reports"] == 5 and summary["search_indexed"]
    bad = run_cli("site", "build", "--workspace", str(root), "--base-url", "example.org")
    assert bad.returncode == 2 and "not an absolute http(s) URL" in bad.stderr and "Traceback" not in bad.stderr
    missing = run_cli("site", "serve", "--workspace", str(root), "--port", "0")
    assert missing.returncode == 2 and "guancha site build" in missing.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "guancha", "site", "serve", "--dir", str(out), "--port", str(port)],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/china-ai/2026-05-02/", timeout=5) as r:
                    body = r.read()
                    break
            except OSError:
                time.sleep(0.1)
        assert "🇨🇳 China AI — 2026-05-02".encode() in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.atom", timeout=5) as r:
            assert r.headers["Content-Type"].startswith("application/atom+xml")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_demo_builds_the_site(tmp_path: Path) -> None:
    proc = run_cli("demo", "--workspace", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr
    site = (tmp_path / "demo" / "site").resolve()
    assert f"site: {site}" in proc.stdout.replace("\n", "")
    assert "guancha site serve --workspace" in proc.stdout
    assert (site / "china-ai" / "2026-05-02" / "index.html").is_file()


# --------------------------------------------------------------------------- the Nu HTML Checker


def vnu_jar() -> Path | None:
    configured = os.environ.get("GUANCHA_VNU_JAR")
    candidates = [Path(configured)] if configured else []
    candidates.append(REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    return next((c for c in candidates if c.is_file()), None)


def test_html_validates_with_nu_checker(built: tuple[Path, Path]) -> None:
    _, out = built
    jar = vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        (pytest.fail if os.environ.get("GUANCHA_REQUIRE_SITE_TOOLS") else pytest.skip)("the Nu HTML Checker needs java and vnu.jar (npm install --prefix .tools vnu-jar; "
                    ".ci/run installs both)")
    pages = [str(p) for p in _pages(out)]
    proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], json.dumps(errors[:10], indent=1, ensure_ascii=False)
    css = subprocess.run([java, "-jar", str(jar), "--errors-only", "--css", str(out / "assets" / "site.css")],
                         capture_output=True, text=True, timeout=300)
    assert css.returncode == 0, css.stderr


def test_empty_workspace_builds_a_site_that_says_so(workspace: Path) -> None:
    ws = open_workspace(workspace)
    result = build_site(ws)
    ws.close()
    assert result.reports == 0 and not result.searched
    assert "No watcher has run yet" in (result.out / "index.html").read_text(encoding="utf-8")
    search = _doc(result.out / "search/index.html")
    assert search.get_element_by_id("search-results").get("data-indexes") == ""
    assert feedparser.parse((result.out / "feed.atom").read_bytes()).bozo == 0
