"""Source kinds and their failure modes: search templates, pages, non-feeds, non-pages, config errors.
A failing source is reported, never fatal; a run where every source failed exits 1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from guancha.collect import collect_watcher
from guancha.sampleweb import serve
from guancha.workspace import open_workspace
from tests.collect_web import ORIGINAL_PARAGRAPHS, Item, Web, make_workspace, page_html, rss
from tests.conftest import run_cli


def test_source_kinds_fail_independently(tmp_path: Path) -> None:
    web = Web(tmp_path / "web")
    web.write("story.html", page_html("A story", ORIGINAL_PARAGRAPHS, outlet="Outlet", published="2026-05-02T08:00:00Z"))
    web.write("search.xml", rss("Search results", [Item("{base}/story.html", "A story", "", "Sat, 02 May 2026 08:00:00 GMT")]))
    web.write("not-a-feed.html", "<html><body><p>Just a page, no feed here.</p></body></html>")
    web.write("paper.pdf", b"%PDF-1.4 not really")
    sample = web.finish({
        "id": "kinds",
        "title": "Kinds",
        "sources": [
            {"search": "Ascend chips", "templates": ["{base}/search.xml?q={query}", "{base}/no-engine.xml?q={query}"]},
            {"search": "Ascend chips", "templates": ["searxng"]},  # searxng_url is not configured
            {"page": "{base}/gone.html"},
            {"page": "{base}/paper.pdf"},
            {"feed": "{base}/not-a-feed.html"},
        ],
    })
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("kinds")
        result = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        workspace.close()
        seen = [p for p, _ in server.headers_seen]

    assert result.status == "done"
    assert (result.sources_ok, result.sources_partial, result.sources_failed) == (0, 1, 4)
    by_kind = {(e.source or "").split(":")[0] + ":" + e.kind for e in result.errors}
    assert {"search:http-404", "search:config-error", "page:http-404", "page:unsupported-content",
            "feed:parse-error"} <= by_kind
    assert result.articles_new == 1  # the story found through the search engine that answered
    assert "/search.xml" in seen  # the query was sent URL-encoded in the template
    config = next(e for e in result.errors if e.kind == "config-error")
    assert "searxng_url" in config.message


def test_cli_exits_1_when_every_source_failed_and_2_for_unknown_watchers(tmp_path: Path) -> None:
    web = Web(tmp_path / "web")
    sample = web.finish({"id": "dead", "title": "Dead", "sources": [{"feed": "{base}/missing.xml"}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        result = run_cli("collect", "dead", "--workspace", str(ws), "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["sources_failed"] == 1 and summary["errors"][0]["kind"] == "http-404"
    unknown = run_cli("collect", "nobody", "--workspace", str(ws))
    assert unknown.returncode == 2 and "fix:" in unknown.stderr
    bad_date = run_cli("collect", "dead", "--workspace", str(ws), "--as-of", "yesterday")
    assert bad_date.returncode == 2 and "--as-of" in bad_date.stderr


def test_feed_without_article_fetching_keeps_summaries_and_still_refuses_bad_links(tmp_path: Path) -> None:
    web = Web(tmp_path / "web")
    summary = " ".join(["The summary alone carries this item, since the watcher asked not to fetch pages."] * 3)
    web.write("feed.xml", rss("Summaries", [
        Item("{base}/never-fetched.html", "Summary only", summary, "Sat, 02 May 2026 08:00:00 GMT"),
        Item("ftp://files.invalid/x", "An ftp link", "x", "Sat, 02 May 2026 08:00:00 GMT"),
    ]))
    sample = web.finish({"id": "summ", "title": "S", "sources": [{"feed": "{base}/feed.xml", "fetch_articles": False}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("summ")
        result = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        rows = workspace.db().query("SELECT url, error_kind FROM fetches WHERE purpose = 'article'")
        article = workspace.db().one("SELECT text, text_via, published_via FROM articles")
        workspace.close()
        requested = [p for p, _ in server.headers_seen]
    assert "/never-fetched.html" not in requested
    assert article is not None and article["text_via"] == "feed-summary" and article["published_via"] == "feed"
    assert article["text"].startswith("The summary alone")
    assert [(r["url"], r["error_kind"]) for r in rows] == [("ftp://files.invalid/x", "blocked-scheme")]
    assert result.articles_new == 1 and result.from_feed_summary == 1


def test_a_feed_longer_than_is_read_says_so(tmp_path: Path) -> None:
    """A feed of 100,000 entries was read as its first 200 and the source showed "ok" (found by a red-team pass): the
    cut is a warning on the source, with what to do."""
    from guancha.collect import CollectOptions

    web = Web(tmp_path / "web")
    web.write("feed.xml", rss("Long", [Item(f"{{base}}/a{k}.html", f"Item {k}", "x", "Sat, 02 May 2026 08:00:00 GMT")
                                      for k in range(5)]))
    sample = web.finish({"id": "long", "title": "L", "sources": [{"feed": "{base}/feed.xml", "fetch_articles": False}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("long")
        result = collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2),
                                 options=CollectOptions(max_items_per_feed=3))
        workspace.close()
    cut = [e for e in result.errors if e.kind == "too-many-items"]
    assert len(cut) == 1 and cut[0].severity == "warning" and "5 entries" in cut[0].message
    assert cut[0].fix and "search feed" in cut[0].fix and result.sources_failed == 0


def _bare_page(title: str, paragraphs: list[str]) -> str:
    """A table-layout page with no site-name meta: only its <title> and its feed say who published it."""
    body = "".join(f"<tr><td>{p}</td></tr>" for p in paragraphs)
    return f"<HTML><HEAD><TITLE>{title}</TITLE></HEAD><BODY><TABLE>{body}</TABLE></BODY></HTML>"


def test_the_outlet_is_named_by_its_own_feed_and_an_aggregator_names_none(tmp_path: Path) -> None:
    """On one loopback server every page's address-derived site name was the host and port, which won over the feed's
    title; a page titled only with the station's name lost its headline; an aggregator's title would have named the
    outlets of the pages it lists."""
    web = Web(tmp_path / "web")
    when = "Sat, 02 May 2026 08:00:00 GMT"
    web.write("radio/a.htm", _bare_page("Radio Vessa 98,1 FM", ORIGINAL_PARAGRAPHS))
    web.write("radio/b.htm", _bare_page("Radio Vessa 98,1 FM - Two lifeboats for Orra harbour", ORIGINAL_PARAGRAPHS[::-1]))
    web.write("radio/feed.xml", rss("Radio Vessa 98,1 FM – News", [
        Item("{base}/radio/a.htm", "Evening bulletin, Friday 1.05.2026", "", when),
        Item("{base}/radio/b.htm", "Two lifeboats for Orra harbour", "", when)]))
    web.write("daily/c.html", _bare_page("Orra tram fares go up 3.5% from June", ORIGINAL_PARAGRAPHS[1:]))
    web.write("finder/feed.xml", rss("Orra Finder", [Item("{base}/daily/c.html", "Orra tram fares", "", when)]))
    sample = web.finish({"id": "names", "title": "Names",
                         "sources": [{"feed": "{base}/radio/feed.xml"}, {"feed": "{base}/finder/feed.xml"}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("names")
        collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        rows = {r["canonical_url"].split("/", 3)[3]: (r["outlet"], r["title"])
                for r in workspace.db().query("SELECT canonical_url, outlet, title FROM articles")}
        workspace.close()
    # one name on both pages (the feed's, less its section), and the bulletin's headline from the feed
    assert rows["radio/a.htm"] == ("Radio Vessa 98,1 FM", "Evening bulletin, Friday 1.05.2026")
    assert rows["radio/b.htm"][0] == "Radio Vessa 98,1 FM"
    outlet, title = rows["daily/c.html"]
    assert outlet != "Orra Finder" and "3.5%" not in outlet and title == "Orra tram fares go up 3.5% from June"


RDF = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{{base}}/newsroom.rdf"><title>Newsroom</title><link>{{base}}/</link><description>d</description>
<items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{items}
</rdf:RDF>"""


def test_an_rdf_feeds_time_on_the_pages_own_day_dates_the_page_to_the_second(tmp_path: Path) -> None:
    """A newsroom's RDF feed gives dc:date (read as an update) and its pages only a day: the day alone put a page
    published late on 1 May in every window that touches 1 May. The feed's time on that day says when; a feed time
    weeks after the page's day is a re-listing, and the page's own day stays."""
    entries = [("fresh", "2026-05-01T21:30:00+03:00", "2026-05-01"), ("relisted", "2026-05-01T09:00:00+03:00",
                                                                      "2026-04-02")]
    web = Web(tmp_path / "web")
    for slug, _, day in entries:
        web.write(f"{slug}.html", page_html(f"The {slug} release", ORIGINAL_PARAGRAPHS, outlet="Newsroom",
                                            published=day))
    seq = "".join(f'<rdf:li rdf:resource="{{base}}/{slug}.html"/>' for slug, _, _ in entries)
    items = "".join(f'<item rdf:about="{{base}}/{slug}.html"><title>The {slug} release</title>'
                    f"<link>{{base}}/{slug}.html</link><dc:date>{when}</dc:date></item>" for slug, when, _ in entries)
    web.write("newsroom.rdf", RDF.format(seq=seq, items=items))
    sample = web.finish({"id": "rdf", "title": "R", "sources": [{"feed": "{base}/newsroom.rdf"}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        workspace = open_workspace(ws)
        spec, path = workspace.watcher("rdf")
        collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
        rows = {r["url"].rsplit("/", 1)[-1]: r for r in workspace.db().query(
            "SELECT url, published_at, published_precision, published_via FROM articles")}
        workspace.close()
    fresh, relisted = rows["fresh.html"], rows["relisted.html"]
    assert (fresh["published_at"], fresh["published_precision"], fresh["published_via"]) == \
        ("2026-05-01T18:30:00Z", "second", "feed-updated")
    assert (relisted["published_precision"], relisted["published_via"]) == ("day", "page-meta")
    assert relisted["published_at"].startswith("2026-04-02")


def test_a_page_a_search_feed_listed_first_takes_its_own_feeds_summary_when_that_lists_it(tmp_path: Path) -> None:
    """A search feed's teaser is about the search ("The Ledger - result for water OR sewage"); the page's own feed
    says what the page says. Which feed was fetched first decided which teaser a page kept, so the day's stories
    changed from run to run (the Quenmark sample's Merrowdale stories merged one run in three)."""
    import yaml

    web = Web(tmp_path / "web")
    web.write("ledger/burst.html", page_html("Burst main leaves 4,200 homes dry", ORIGINAL_PARAGRAPHS, outlet="Ledger",
                                             published="2026-05-02T08:00:00Z"))
    web.write("ledger/rss.xml", rss("The Ledger", [Item("{base}/ledger/burst.html", "Burst main leaves 4,200 homes dry",
                                                        "A 1974 trunk main split under Harrow Street.",
                                                        "Sat, 02 May 2026 08:00:00 GMT")]))
    web.write("search/feed.xml", rss("Search: water", [Item("{base}/ledger/burst.html", "Burst main",
                                                            "The Ledger - result for water OR sewage",
                                                            "Sat, 02 May 2026 08:00:00 GMT")]))
    sample = web.finish({"id": "searcher", "title": "S", "sources": [{"feed": "{base}/search/feed.xml"}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base))
        (ws / "watchers" / "reader.yaml").write_text(yaml.safe_dump(
            {"id": "reader", "title": "R", "sources": [{"feed": f"{server.base}/ledger/rss.xml"}]}), encoding="utf-8")
        workspace = open_workspace(ws)
        rows = []
        for watcher_id in ("searcher", "reader"):
            spec, path = workspace.watcher(watcher_id)
            collect_watcher(workspace, spec, spec_path=path, as_of=dt.date(2026, 5, 2))
            rows.append(workspace.db().one("SELECT summary, meta_json FROM articles"))
        workspace.close()
    assert rows[0]["summary"] == "The Ledger - result for water OR sewage" and "feed" not in json.loads(rows[0]["meta_json"])
    assert rows[1]["summary"] == "A 1974 trunk main split under Harrow Street."
    assert json.loads(rows[1]["meta_json"])["feed"] == "The Ledger"
