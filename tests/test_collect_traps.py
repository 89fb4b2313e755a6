"""Collection over a generated web full of traps, served on loopback, into a real SQLite file.

One collection (library call) and one re-collection (the CLI with --json) are shared by the tests of this
module; each test checks one behaviour in the database they produced.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from guancha.collect import (
    CollectionResult,
    canonical_url,
    collect_watcher,
    collected_articles,
    is_used,
    record_used,
    used_urls,
)
from guancha.sampleweb import serve
from guancha.store import collect as store
from guancha.store import used_urls as used_url_rows
from guancha.workspace import open_workspace
from tests.collect_web import (
    ANNEX_PARAGRAPHS,
    BROKEN_ONE_PARAGRAPHS,
    BROKEN_TWO_PARAGRAPHS,
    CHIP_PARAGRAPHS,
    INJECTION_PARAGRAPHS,
    INTERVIEW_PARAGRAPHS,
    NO_DATE_PARAGRAPHS,
    ORIGINAL_PARAGRAPHS,
    REWRITES,
    ROBOTS_PARAGRAPHS,
    STALE_PARAGRAPHS,
    UNDATED_PARAGRAPHS,
    WIN1252_PARAGRAPHS,
    Item,
    Web,
    make_workspace,
    page_html,
    rss,
)
from tests.conftest import run_cli

MAX_BYTES = 150_000
AS_OF = "2026-05-02"


class _Recorder(BaseHTTPRequestHandler):
    """A server on 127.0.0.2 that must never be reached: it counts every connection that gets through."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _rewrite(paragraphs: list[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        for old, new in REWRITES:
            paragraph = paragraph.replace(old, new)
        out.append(paragraph)
    return out


def build_trap_web(root: Path, private_port: int) -> Path:
    web = Web(root)
    lumen_title = "Shenzhen lab trains a 72-billion-parameter model on domestic chips"
    web.write("shenzhen-daily/lumen.html", page_html(lumen_title, ORIGINAL_PARAGRAPHS, outlet="Shenzhen Daily",
                                                     published="2026-05-02T08:00:00Z", author="Chen Yu"))
    # the syndicated copy: same article, another outlet's page around it
    copy = page_html(lumen_title, ORIGINAL_PARAGRAPHS, outlet="River Wire", published="2026-05-02T10:00:00Z",
                     author="Chen Yu").replace("Most read", "Wire picks")
    web.write("river-wire/lumen-copy.html", copy)
    web.write("east-tribune/lumen-rewrite.html", page_html(
        "Homegrown Ascend cluster trains Pengcheng Lumen model", _rewrite(ORIGINAL_PARAGRAPHS), outlet="East Tribune",
        published="2026-05-02T12:00:00Z"))
    web.write("shenzhen-daily/lithography.html", page_html(
        "Lithography imports fall by a third", CHIP_PARAGRAPHS, outlet="Shenzhen Daily", published="2026-05-02T06:00:00Z"))
    web.write("harbour-post/compute-commons.html", page_html(
        "City fund bets \u20ac5 billion on \u201ccompute commons\u201d", WIN1252_PARAGRAPHS, outlet="Harbour Post",
        published="2026-05-02T07:00:00Z").encode("cp1252"))  # declared utf-8 in <meta charset>, bytes are cp1252
    web.write("harbour-post/big.html", page_html(
        "Regulators publish a very long annex", ANNEX_PARAGRAPHS, outlet="Harbour Post", published="2026-05-02T05:00:00Z"))
    web.route("/harbour-post/big.html", pad_to_bytes=MAX_BYTES * 3)
    web.write("harbour-post/labelling-rules.html", page_html(
        "Draft rules would require labels on synthetic images", INJECTION_PARAGRAPHS, outlet="Harbour Post",
        published="2026-05-02T09:00:00Z"))
    web.write("shenzhen-daily/price-war.html", page_html(
        "Inference price war begins", STALE_PARAGRAPHS, outlet="Shenzhen Daily", published="2026-04-10T09:00:00Z"))
    web.write("shenzhen-daily/vouchers-explainer.html", page_html(
        "How compute vouchers work", UNDATED_PARAGRAPHS, outlet="Shenzhen Daily"))
    web.route("/shenzhen-daily/vouchers-explainer.html", conditional=False)  # no Last-Modified header either
    web.write("private/hidden.html", page_html("Hidden", ROBOTS_PARAGRAPHS, outlet="Hidden"))
    web.write("robots.txt", "User-agent: *\nDisallow: /private/\n")
    web.write("east-tribune/standalone.html", page_html(
        "Interview: a chip designer on yield", INTERVIEW_PARAGRAPHS, outlet="East Tribune",
        published="2026-05-02T07:30:00Z"))
    web.write("east-tribune/no-date.html", page_html(
        "A page that only its server dates", NO_DATE_PARAGRAPHS, outlet="East Tribune"))
    web.write("broken-news/one.html", page_html("Salvaged story one", BROKEN_ONE_PARAGRAPHS,
                                                outlet="Broken News", published="2026-05-02T02:00:00Z"))
    # redirects to addresses that must be refused before any connection
    web.write("go/private.html", "<html><body>moved</body></html>")
    web.route("/go/private", status=302, headers={"Location": f"http://127.0.0.2:{private_port}/trap"})
    web.route("/go/metadata", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    may2 = "Sat, 02 May 2026"
    web.write("feeds/wire.xml", rss("Shenzhen Daily and Harbour Post", [
        Item("{base}/shenzhen-daily/lumen.html?utm_source=rss&utm_medium=feed#top", lumen_title,
             "A lab trained a large model on Ascend chips.", f"{may2} 08:00:00 GMT"),
        Item("{base}/shenzhen-daily/lithography.html", "Lithography imports fall", "Customs data.", f"{may2} 06:00:00 GMT"),
        Item("{base}/harbour-post/compute-commons.html", "Compute commons", "A city fund.", f"{may2} 07:00:00 GMT"),
        Item("{base}/harbour-post/big.html", "A long annex", "Very long.", f"{may2} 05:00:00 GMT"),
        Item("{base}/harbour-post/missing.html", "A page that is gone", "Gone.", f"{may2} 04:00:00 GMT"),
        Item("{base}/harbour-post/labelling-rules.html", "Labelling rules", "Draft rules.", f"{may2} 09:00:00 GMT"),
        Item("{base}/shenzhen-daily/price-war.html", "Price war", "Old news.", "Fri, 10 Apr 2026 09:00:00 GMT"),
        Item("{base}/shenzhen-daily/vouchers-explainer.html", "Vouchers explained", "How vouchers work."),
        Item("{base}/private/hidden.html", "Behind robots.txt",
             "The feed's own summary of a page that robots.txt keeps crawlers away from.", f"{may2} 03:00:00 GMT"),
    ]))
    web.write("feeds/syndication.xml", rss("Syndicated and odd links", [
        Item("{base}/river-wire/lumen-copy.html", lumen_title, "Syndicated.", f"{may2} 10:00:00 GMT"),
        Item("{base}/east-tribune/lumen-rewrite.html", "Homegrown cluster", "Rewritten.", f"{may2} 12:00:00 GMT"),
        Item("{base}/shenzhen-daily/lumen.html", lumen_title, "Seen again.", f"{may2} 08:00:00 GMT"),
        Item("file:///etc/passwd", "A local file", "Must be refused.", f"{may2} 01:00:00 GMT"),
        Item("ftp://files.invalid/lumen.pdf", "An FTP file", "Must be refused.", f"{may2} 01:00:00 GMT"),
        Item("javascript:alert(document.cookie)", "A script link", "", f"{may2} 01:00:00 GMT"),
        Item("data:text/html;base64,PGgxPmhpPC9oMT4=", "A data link", "", f"{may2} 01:00:00 GMT"),
        Item("{base}/go/private", "A redirect into the private network", "", f"{may2} 01:00:00 GMT"),
        Item("{base}/go/metadata", "A redirect to a cloud metadata address", "", f"{may2} 01:00:00 GMT"),
    ]))
    web.write("feeds/broken.xml", (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Broken & Sons News</title>\n'
        "<item><title>Salvaged story one</title><link>{base}/broken-news/one.html</link>"
        f"<pubDate>{may2} 02:00:00 GMT</pubDate><description>First.</description></item>\n"
        "<item><title>Salvaged story two</title><link>{base}/broken-news/two.html</link>"
        f"<pubDate>{may2} 02:30:00 GMT</pubDate><description>The second item has a <b>broken tag.</description></item>\n"
        "</channel>\n"
    ))
    web.write("broken-news/two.html", page_html("Salvaged story two", BROKEN_TWO_PARAGRAPHS,
                                                outlet="Broken News", published="2026-05-02T02:30:00Z"))
    web.write("arxiv/query", ARXIV_RESPONSE)
    web.route("/arxiv/query", content_type="application/atom+xml")
    watcher = {
        "id": "traps",
        "title": "Trap web",
        "window_hours": 36,
        "sources": [
            {"feed": "{base}/feeds/wire.xml"},
            {"feed": "{base}/feeds/syndication.xml"},
            {"feed": "{base}/feeds/broken.xml"},
            {"feed": "{base}/feeds/does-not-exist.xml"},
            {"page": "{base}/east-tribune/standalone.html"},
            {"page": "{base}/east-tribune/no-date.html"},
            {"arxiv": "abs:Ascend", "endpoint": "{base}/arxiv/query"},
        ],
        "keywords": ["Ascend"],
    }
    return web.finish(watcher)


ARXIV_RESPONSE = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>arXiv Query: abs:Ascend</title>
  <entry>
    <id>http://arxiv.org/abs/2605.00123v2</id>
    <updated>2026-05-02T03:00:00Z</updated>
    <published>2026-05-01T18:00:00Z</published>
    <title>Stable Mixed-Precision Training on
      Domestic Accelerators</title>
    <summary>We describe kernel rewrites and loss-scaling schedules that let a 72B model train for eleven weeks on 4,096 accelerators without restarts.</summary>
    <author><name>Lin Qiao</name><arxiv:affiliation>Pengcheng Laboratory</arxiv:affiliation></author>
    <author><name>Marta Ruiz</name><arxiv:affiliation>Universidad de Chile</arxiv:affiliation><arxiv:affiliation>Tsinghua University</arxiv:affiliation></author>
    <link href="http://arxiv.org/abs/2605.00123v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/2605.00123v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.DC" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2603.04567v1</id>
    <updated>2026-03-03T10:00:00Z</updated>
    <published>2026-03-03T10:00:00Z</published>
    <title>An Older Survey of Accelerator Software Stacks</title>
    <summary>A survey from March, outside any daily window.</summary>
    <author><name>Ada Obi</name></author>
    <link href="http://arxiv.org/abs/2603.04567v1" rel="alternate" type="text/html"/>
    <category term="cs.AR" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
"""


@dataclass
class Traps:
    root: Path
    base: str
    first: CollectionResult
    second: dict[str, Any]
    rows_after_first: dict[str, int]
    rows_after_second: dict[str, int]
    headers_second_pass: list[tuple[str, dict[str, str]]]
    requests_second_pass: list[str]
    private_hits: list[str]

    def db(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.root / "ws" / "guancha.db")
        conn.row_factory = sqlite3.Row
        return conn

    def article(self, path: str) -> sqlite3.Row:
        with self.db() as conn:
            row = conn.execute(
                "SELECT a.* FROM articles a JOIN article_urls u ON u.article_id = a.id WHERE u.url = ?",
                (canonical_url(self.base + path),),
            ).fetchone()
        assert row is not None, f"no article for {path}"
        return row  # type: ignore[no-any-return]


TABLES = ("articles", "article_urls", "sightings", "blobs", "article_minhash", "sources", "watchers")


def _counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture(scope="module")
def traps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Traps]:
    root = tmp_path_factory.mktemp("traps")
    _Recorder.hits = []
    private = ThreadingHTTPServer(("127.0.0.2", 0), _Recorder)
    thread = threading.Thread(target=private.serve_forever, daemon=True)
    thread.start()
    sample = build_trap_web(root / "web", private.server_address[1])
    try:
        with serve(sample) as server:
            ws_root = make_workspace(root / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base),
                                     max_bytes=MAX_BYTES, retries=1)
            workspace = open_workspace(ws_root)
            spec, spec_path = workspace.watcher("traps")
            first = collect_watcher(workspace, spec, spec_path=spec_path, as_of=dt.date(2026, 5, 2))
            workspace.close()
            rows_first = _counts(ws_root / "guancha.db")
            server.headers_seen.clear()
            server.requests.clear()
            again = run_cli("collect", "traps", "--workspace", str(ws_root), "--as-of", AS_OF, "--json")
            assert again.returncode == 0, again.stderr
            yield Traps(
                root=root, base=server.base, first=first, second=json.loads(again.stdout),
                rows_after_first=rows_first, rows_after_second=_counts(ws_root / "guancha.db"),
                headers_second_pass=list(server.headers_seen), requests_second_pass=list(server.requests),
                private_hits=list(_Recorder.hits),
            )
    finally:
        private.shutdown()
        private.server_close()


def test_story_pages_are_collected_with_text_and_metadata(traps: Traps) -> None:
    lumen = traps.article("/shenzhen-daily/lumen.html")
    assert "4,096 Ascend 910C chips" in lumen["text"]
    assert "We use cookies" not in lumen["text"] and "Most read" not in lumen["text"]
    assert lumen["published_via"] == "feed" and lumen["published_at"] == "2026-05-02T08:00:00Z"
    assert lumen["text_via"] == "trafilatura" and lumen["raw_hash"]
    chips = traps.article("/shenzhen-daily/lithography.html")
    assert "deep-ultraviolet" in chips["text"]
    standalone = traps.article("/east-tribune/standalone.html")
    assert standalone["published_via"] == "page-meta" and standalone["published_at"] == "2026-05-02T07:30:00Z"


def test_tracking_parameters_and_fragment_do_not_split_an_article(traps: Traps) -> None:
    lumen = traps.article("/shenzhen-daily/lumen.html")
    assert lumen["canonical_url"] == canonical_url(traps.base + "/shenzhen-daily/lumen.html")
    assert "utm_" not in lumen["canonical_url"]
    with traps.db() as conn:
        sources = conn.execute("SELECT COUNT(*) FROM sightings WHERE article_id = ?", (lumen["id"],)).fetchone()[0]
        fetched = conn.execute(
            "SELECT COUNT(*) FROM fetches WHERE purpose = 'article' AND url LIKE ?", ("%/shenzhen-daily/lumen.html%",)
        ).fetchone()[0]
    assert sources == 2  # seen through both feeds
    assert fetched == 1  # but fetched once


def test_syndicated_copy_and_rewrite_are_grouped_with_the_original(traps: Traps) -> None:
    original = traps.article("/shenzhen-daily/lumen.html")
    copy = traps.article("/river-wire/lumen-copy.html")
    rewrite = traps.article("/east-tribune/lumen-rewrite.html")
    assert original["dup_kind"] == "original" and original["dup_group"] == original["id"]
    assert copy["dup_group"] == original["id"] and copy["dup_kind"] == "exact"
    assert rewrite["dup_group"] == original["id"] and rewrite["dup_kind"] == "near"
    assert 0.35 <= rewrite["dup_similarity"] < 1.0
    chips = traps.article("/shenzhen-daily/lithography.html")
    assert chips["dup_group"] == chips["id"]  # a different story stays alone
    assert traps.first.duplicates_exact == 1 and traps.first.duplicates_near == 1


def test_windows_1252_page_declared_utf8_is_stored_without_mojibake(traps: Traps) -> None:
    page = traps.article("/harbour-post/compute-commons.html")
    assert "\u20ac5 billion \u2014 roughly" in page["text"]
    assert "\u201ccompute commons\u201d" in page["text"] and "caf\u00e9" in page["text"]
    assert "\u00e2\u20ac" not in page["text"] and "\ufffd" not in page["text"]
    assert page["encoding_declared"] == "utf-8" and page["encoding_used"] == "cp1252"
    repairs = json.loads(page["text_repairs"])
    assert any(r.startswith("encoding-mismatch") for r in repairs)


def test_large_page_is_capped_and_marked_truncated(traps: Traps) -> None:
    page = traps.article("/harbour-post/big.html")
    assert page["truncated"] == 1
    assert "watermark robustness" in page["text"]
    with traps.db() as conn:
        fetch = conn.execute("SELECT bytes, truncated FROM fetches WHERE url LIKE '%/harbour-post/big.html'").fetchone()
        size = conn.execute("SELECT size FROM blobs WHERE hash = ?", (page["raw_hash"],)).fetchone()[0]
    assert fetch["bytes"] == MAX_BYTES and fetch["truncated"] == 1
    assert size == MAX_BYTES
    assert traps.first.truncated == 1


def test_404_item_is_a_source_error_and_the_other_items_are_kept(traps: Traps) -> None:
    errors = [e for e in traps.first.errors if e.url and e.url.endswith("/harbour-post/missing.html")]
    assert [e.kind for e in errors] == ["http-404"]
    assert errors[0].fix and "dead" in errors[0].fix  # every problem says what to do
    with traps.db() as conn:
        missing = conn.execute("SELECT COUNT(*) FROM article_urls WHERE url LIKE '%missing.html'").fetchone()[0]
        wire = conn.execute("SELECT id FROM sources WHERE target LIKE '%/feeds/wire.xml'").fetchone()[0]
        run = conn.execute("SELECT status, items_seen FROM source_runs WHERE source_id = ? ORDER BY started_at LIMIT 1",
                           (wire,)).fetchone()
    assert missing == 0
    assert run["status"] == "partial" and run["items_seen"] == 8  # nine items, one 404


def test_malformed_feed_is_salvaged_and_reported(traps: Traps) -> None:
    kinds = {e.kind for e in traps.first.errors if e.url and e.url.endswith("/feeds/broken.xml")}
    assert kinds == {"malformed-feed"}
    one = traps.article("/broken-news/one.html")
    assert one["title"] == "Salvaged story one"
    assert traps.article("/broken-news/two.html")["title"] == "Salvaged story two"
    with traps.db() as conn:
        kinds = {r[0] for r in conn.execute("SELECT error_kind FROM fetches WHERE url LIKE '%/feeds/broken.xml'")}
    assert kinds == {"malformed-feed"}  # the fetch row says what was wrong with the document


def test_missing_feed_fails_its_source_only(traps: Traps) -> None:
    failed = [e for e in traps.first.errors if e.url and e.url.endswith("/feeds/does-not-exist.xml")]
    assert [e.kind for e in failed] == ["http-404"]
    assert traps.first.sources_failed == 1
    assert traps.first.sources_ok + traps.first.sources_partial == 6
    assert traps.first.status == "done"


def test_window_marks_stale_out_and_keeps_undated(traps: Traps) -> None:
    stale = traps.article("/shenzhen-daily/price-war.html")
    undated = traps.article("/shenzhen-daily/vouchers-explainer.html")
    fresh = traps.article("/harbour-post/labelling-rules.html")
    assert undated["published_at"] is None and undated["published_via"] == "none"
    header_dated = traps.article("/east-tribune/no-date.html")  # the sample server's fixed Last-Modified
    assert header_dated["published_via"] == "http-header" and header_dated["published_at"] == "2026-04-24T03:06:40Z"
    with traps.db() as conn:
        def window(article_id: str) -> set[int | None]:
            return {r[0] for r in conn.execute("SELECT in_window FROM sightings WHERE article_id = ?", (article_id,))}
        assert window(stale["id"]) == {0}
        assert window(undated["id"]) == {None}
        assert window(fresh["id"]) == {1}
    assert traps.first.out_of_window == 3  # the stale page, the header-dated page and the March paper
    assert traps.first.undated == 1


def test_redirects_to_private_addresses_are_refused_before_connecting(traps: Traps) -> None:
    with traps.db() as conn:
        rows = {
            r["url"].rsplit("/", 1)[-1]: r
            for r in conn.execute("SELECT url, final_url, error_kind, error FROM fetches WHERE url LIKE '%/go/%'")
        }
    assert rows["private"]["error_kind"] == "blocked-private" and "127.0.0.2" in rows["private"]["error"]
    assert rows["private"]["final_url"].startswith("http://127.0.0.2:")
    assert rows["metadata"]["error_kind"] == "blocked-private" and "169.254.169.254" in rows["metadata"]["error"]
    assert traps.private_hits == []  # the 127.0.0.2 server never saw a request


def test_file_and_ftp_links_are_refused_with_a_recorded_reason(traps: Traps) -> None:
    with traps.db() as conn:
        rows = {r["url"].split(":")[0]: r for r in conn.execute("SELECT url, error_kind, error, status_code FROM fetches")}
    # feedparser itself rewrites file:///etc/passwd as file://etc/passwd; either way it is refused
    for scheme in ("file", "ftp", "javascript", "data"):
        assert rows[scheme]["error_kind"] == "blocked-scheme", scheme
        assert rows[scheme]["status_code"] is None
        assert "only http and https" in rows[scheme]["error"]
    kinds = {(e.url or "").split(":")[0]: e.kind for e in traps.first.errors}
    assert kinds["file"] == kinds["ftp"] == "blocked-scheme"


def test_robots_txt_is_obeyed_and_the_feed_summary_stands_in(traps: Traps) -> None:
    hidden = traps.article("/private/hidden.html")
    assert hidden["text_via"] == "feed-summary"
    assert "robots.txt keeps crawlers away" in hidden["text"]
    with traps.db() as conn:
        row = conn.execute("SELECT error_kind FROM fetches WHERE url LIKE '%/private/hidden.html'").fetchone()
    assert row["error_kind"] == "robots-disallowed"


def test_prompt_injection_is_stored_as_data_and_its_link_never_followed(traps: Traps) -> None:
    page = traps.article("/harbour-post/labelling-rules.html")
    assert "ignore all previous instructions" in page["text"]
    with traps.db() as conn:
        promo = conn.execute("SELECT COUNT(*) FROM fetches WHERE url LIKE '%promo.invalid%'").fetchone()[0]
    assert promo == 0


def test_arxiv_papers_keep_authors_affiliations_and_links(traps: Traps) -> None:
    with traps.db() as conn:
        paper = conn.execute("SELECT * FROM articles WHERE kind = 'paper' AND canonical_url LIKE '%2605.00123'").fetchone()
    meta = json.loads(paper["meta_json"])
    assert paper["title"] == "Stable Mixed-Precision Training on Domestic Accelerators"
    # a paper is as fresh as its latest version (v2 here), not its first (issue 10)
    assert paper["published_via"] == "arxiv-updated" and paper["published_at"] == "2026-05-02T03:00:00Z"
    assert meta["authors"][1] == {"name": "Marta Ruiz", "affiliations": ["Universidad de Chile", "Tsinghua University"]}
    assert meta["links"]["pdf"] == "http://arxiv.org/pdf/2605.00123v2" and meta["categories"] == ["cs.LG", "cs.DC"]
    assert meta["version"] == "v2" and "4,096 accelerators" in paper["text"]
    assert traps.first.papers == 2


def test_every_attempt_is_recorded_with_the_user_agent(traps: Traps) -> None:
    with traps.db() as conn:
        purposes = {r[0] for r in conn.execute("SELECT DISTINCT purpose FROM fetches")}
    assert {"feed", "article", "page", "arxiv", "robots"} <= purposes
    agents = {h.get("User-Agent", "") for _, h in traps.headers_second_pass}
    assert agents and all(a.startswith("guancha/") and "tests@guancha.invalid" in a for a in agents)


def test_collecting_again_adds_no_rows_and_uses_conditional_requests(traps: Traps) -> None:
    assert traps.rows_after_second == traps.rows_after_first
    second = traps.second
    assert second["articles_new"] == 0
    assert second["articles_seen"] == traps.first.articles_seen
    feed_headers = {path: h for path, h in traps.headers_second_pass if path.startswith("/feeds/")}
    assert "If-None-Match" in feed_headers["/feeds/wire.xml"]
    assert second["not_modified"] >= 3  # wire, syndication and broken answered 304
    # stored articles are not fetched again
    article_gets = [r for r in traps.requests_second_pass if "/shenzhen-daily/" in r or "/harbour-post/" in r]
    assert article_gets == ["GET /harbour-post/missing.html"]  # only the 404 is tried again
    assert second["in_window"] == traps.first.in_window and second["duplicates_near"] == 1


def test_collection_rows_and_cli_json_counts(traps: Traps) -> None:
    with traps.db() as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM collections ORDER BY started_at")]
    assert statuses == ["done", "done"]
    second = traps.second
    for key in ("sources_ok", "sources_failed", "fetches", "in_window", "out_of_window", "undated", "truncated",
                "repaired", "duplicates_exact", "errors"):
        assert key in second
    assert second["truncated"] == 1 and second["repaired"] >= 1


def test_sources_command_shows_health(traps: Traps) -> None:
    result = run_cli("sources", "traps", "--workspace", str(traps.root / "ws"), "--json")
    assert result.returncode == 0, result.stderr
    health = {s["target"].rsplit("/", 1)[-1]: s for s in json.loads(result.stdout)["sources"]}
    assert health["does-not-exist.xml"]["last_status"] == "failed"
    assert health["does-not-exist.xml"]["last_error"]["kind"] == "http-404"
    assert health["does-not-exist.xml"]["last_success_at"] is None
    assert health["wire.xml"]["items_seen"] == 8 and health["wire.xml"]["runs"] == 2
    assert health["wire.xml"]["last_success_at"] is not None
    assert health["wire.xml"]["fetch_count"] > 9
    table = run_cli("sources", "traps", "--workspace", str(traps.root / "ws"), COLUMNS="240")
    assert table.returncode == 0 and "does-not-exist.xml" in table.stdout


def test_used_url_ledger_matches_any_spelling_of_an_article(traps: Traps) -> None:
    workspace = open_workspace(traps.root / "ws")
    db = workspace.db()
    try:
        lumen = traps.base + "/shenzhen-daily/lumen.html"
        assert not is_used(db, "traps", lumen)
        assert record_used(db, "traps", lumen + "?utm_campaign=x", report_id="r1", report_date="2026-05-02")
        assert not record_used(db, "traps", lumen, report_id="r2", report_date="2026-05-03")
        assert is_used(db, "traps", lumen + "#section")
        assert used_urls(db, "traps") == {canonical_url(lumen)}
        assert [r["report_id"] for r in used_url_rows.entries(db, "traps")] == ["r1"]
    finally:
        workspace.close()


def test_collected_articles_reads_a_collection_back(traps: Traps) -> None:
    workspace = open_workspace(traps.root / "ws")
    db = workspace.db()
    try:
        latest = store.latest_collection(db, "traps")
        assert latest == traps.second["collection_id"]
        everything = collected_articles(db, latest)
        fresh = collected_articles(db, latest, in_window_only=True, originals_only=True)
    finally:
        workspace.close()
    assert len(everything) == traps.first.articles_seen
    assert {a.in_window for a in everything} == {True, False, None}
    assert all(a.in_window and a.is_original for a in fresh)
    titles = {a.title for a in fresh}
    assert "Shenzhen lab trains a 72-billion-parameter model on domestic chips" in titles
    assert "Homegrown Ascend cluster trains Pengcheng Lumen model" not in titles  # the rewrite is a duplicate
    lumen = next(a for a in everything if a.canonical_url.endswith("/shenzhen-daily/lumen.html"))
    assert len(lumen.source_ids) == 2 and lumen.published_at == dt.datetime(2026, 5, 2, 8, tzinfo=dt.UTC)
