"""The bundled sample web fits the documented format, and its traps are real (checked over real loopback HTTP)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import feedparser
import httpx
import pytest
import yaml

from guancha.errors import ConfigError
from guancha.sampleweb import ExpectedTruth, SampleWeb, bundled_sample, check_sample, serve
from guancha.spec import Settings, WatcherSpec

SAMPLE = bundled_sample()


@pytest.fixture(scope="module")
def truth() -> ExpectedTruth:
    return ExpectedTruth.load(SAMPLE)


def window(truth: ExpectedTruth) -> tuple[dt.datetime, dt.datetime]:
    """The window the demo uses: ``window_hours`` back from the end of the sample's day (UTC)."""
    assert truth.date is not None and truth.window_hours is not None
    end = dt.datetime.combine(truth.date, dt.time(23, 59, 59), tzinfo=dt.UTC)
    return end - dt.timedelta(hours=truth.window_hours), end


def test_bundled_sample_passes_the_format_check() -> None:
    assert check_sample(SAMPLE) == []


def test_bundled_sample_has_six_stories_each_from_two_to_four_outlets(truth: ExpectedTruth) -> None:
    assert len(truth.stories) == 6
    for story in truth.stories:
        outlets = [page.split("/")[1] for page in story.pages]
        assert 2 <= len(outlets) <= 4, story.id
        assert len(set(outlets)) == len(outlets), f"{story.id}: pages must come from different outlets"
    coverage = [len(s.pages) for s in truth.stories]
    assert coverage == sorted(coverage, reverse=True), "stories are listed by independent coverage"
    assert {c.kind for c in truth.copies} == {"exact", "near"}
    assert len(truth.papers.in_window) == 3 and len(truth.papers.out_of_window) == 2


def test_watcher_and_settings_fit_the_demo(truth: ExpectedTruth) -> None:
    web = SampleWeb.load(SAMPLE)
    spec = WatcherSpec.model_validate(web.watcher_data("http://127.0.0.1:1"))
    assert spec.date == truth.date and spec.window_hours == truth.window_hours
    text = web.settings_text("http://127.0.0.1:1")
    assert text is not None
    settings = Settings.model_validate(yaml.safe_load(text))
    assert "127.0.0.1" in settings.http.allow_private_hosts
    assert settings.http.max_bytes == 1_000_000
    assert settings.contact
    assert "{base}" not in text


def test_encoding_trap_is_really_cp1252_declared_as_utf8(truth: ExpectedTruth) -> None:
    assert truth.traps.encoding
    web = SampleWeb.load(SAMPLE)
    for trap in truth.traps.encoding:
        file = web.file_for(trap.path)
        assert file is not None
        raw = file.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode(trap.declared)
        text = raw.decode(trap.actual)
        assert f'charset="{trap.declared}"' in text.lower() or f"charset={trap.declared}" in text.lower()
        for phrase in trap.must_contain:
            assert phrase in text
        assert any(ord(ch) > 127 for ch in "".join(trap.must_contain)), "the probe phrases must carry non-ASCII"
    with serve(SAMPLE) as server:
        for trap in truth.traps.encoding:
            response = httpx.get(server.base + trap.path)
            assert response.status_code == 200
            assert f"charset={trap.declared}" in response.headers["content-type"].lower()
            assert "Ã" in response.content.decode(trap.declared, errors="replace") or "\ufffd" in response.content.decode(
                trap.declared, errors="replace"
            ), "decoding with the declared charset must garble the text"


def test_large_page_is_served_over_two_megabytes_and_over_the_cap(truth: ExpectedTruth) -> None:
    settings = Settings.model_validate(yaml.safe_load(SampleWeb.load(SAMPLE).settings_text() or "{}"))
    assert truth.traps.large
    with serve(SAMPLE) as server:
        for trap in truth.traps.large:
            with httpx.stream("GET", server.base + trap.path) as response:
                assert response.status_code == 200
                size = sum(len(chunk) for chunk in response.iter_bytes())
            assert size > 2_000_000
            assert size > settings.http.max_bytes
            assert trap.served_bytes_at_least is None or size >= trap.served_bytes_at_least


def test_feed_links_answer_200_except_the_broken_ones(truth: ExpectedTruth) -> None:
    web = SampleWeb.load(SAMPLE)
    with serve(SAMPLE) as server:
        spec = WatcherSpec.model_validate(web.watcher_data(server.base))
        feeds = [s.feed for s in spec.sources if hasattr(s, "feed")]
        search_feed = server.base + "/search/rss.xml"
        statuses: dict[str, int] = {}
        with httpx.Client() as client:
            for url in [*feeds, search_feed]:
                parsed = feedparser.parse(client.get(url).content)
                assert parsed.entries, url
                for entry in parsed.entries:
                    link = entry.get("link")
                    if link and link.startswith(server.base):
                        statuses[link] = client.get(link).status_code
    broken = {server.base + p for p in truth.traps.broken_links}
    assert broken <= set(statuses)
    for link, status in statuses.items():
        assert status == (404 if link in broken else 200), link


def test_malformed_feed_is_bozo_but_salvageable(truth: ExpectedTruth) -> None:
    web = SampleWeb.load(SAMPLE)
    for bad in truth.traps.malformed_feeds:
        file = web.file_for(bad.feed)
        assert file is not None
        parsed = feedparser.parse(file.read_bytes())
        assert parsed.bozo
        links = {str(e.get("link", "")).replace("{base}", "") for e in parsed.entries}
        assert set(bad.salvageable) <= links


def test_feed_dates_put_stale_pages_outside_and_story_pages_inside_the_window(truth: ExpectedTruth) -> None:
    start, end = window(truth)
    web = SampleWeb.load(SAMPLE)
    dated: dict[str, dt.datetime] = {}
    for file in web.site.rglob("*"):
        if file.suffix in {".xml", ".rss", ".atom"}:
            for entry in feedparser.parse(file.read_bytes()).entries:
                if entry.get("published_parsed") and entry.get("link"):
                    path = str(entry.link).replace("{base}", "").split("?")[0]
                    dated[path] = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC)
    margin = dt.timedelta(hours=3)
    for path in truth.in_window_pages():
        if path in dated:
            assert start + margin <= dated[path] <= end - margin, path
    assert all(p in dated for p in truth.traps.stale)
    for path in truth.traps.stale:
        assert dated[path] < start - dt.timedelta(days=1), path


def test_arxiv_response_holds_the_papers_on_both_sides_of_the_window(truth: ExpectedTruth) -> None:
    start, end = window(truth)
    with serve(SAMPLE) as server:
        response = httpx.get(server.base + "/arxiv/api/query?search_query=abs:China&max_results=50")
        assert response.status_code == 200
        assert "atom" in response.headers["content-type"]
        parsed = feedparser.parse(response.content)
        for entry in parsed.entries:
            assert entry.link.startswith(server.base)  # {base} replaced in a file without a suffix
            assert httpx.get(entry.link).status_code == 200
    published = {
        entry.id.rsplit("/", 1)[-1].split("v")[0]: dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC)
        for entry in parsed.entries
    }
    for pid in truth.papers.in_window:
        assert start <= published[pid] <= end
    for pid in truth.papers.out_of_window:
        assert published[pid] < start
    assert any(entry.get("arxiv_affiliation") for entry in parsed.entries)


def test_injection_page_promotes_a_url_on_the_sample_server(truth: ExpectedTruth) -> None:
    assert truth.traps.injection
    with serve(SAMPLE) as server:
        served = ExpectedTruth.load(SAMPLE, base=server.base)
        for trap in served.traps.injection:
            page = httpx.get(server.base + trap.page).text
            assert trap.promoted_url in page
            assert "ignore previous instructions" in page.lower()


def test_conditional_get_answers_304() -> None:
    with serve(SAMPLE) as server, httpx.Client() as client:
        url = server.base + "/dragonwire/feed.xml"
        first = client.get(url)
        assert first.status_code == 200 and first.headers.get("etag") and first.headers.get("last-modified")
        assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_base_is_filled_in_a_feed_of_any_suffix(tmp_path: Path) -> None:
    """A sample's RSS 1.0 feed saved as .rdf (or a page saved as .php) gets the server's address like any .xml: it was
    served with a literal {base}, so none of its pages were fetched."""
    web = tmp_path / "web"
    shutil.copytree(SAMPLE, web)
    (web / "site/odd").mkdir()
    (web / "site/odd/feed.rdf").write_text('<rdf:RDF><item rdf:about="{base}/a.html"/></rdf:RDF>', encoding="utf-8")
    (web / "site/odd/page.php").write_text('<a href="{base}/b.html">b</a>', encoding="utf-8")
    with serve(web) as server, httpx.Client() as client:
        for path in ("/odd/feed.rdf", "/odd/page.php"):
            body = client.get(server.base + path).text
            assert "{base}" not in body and server.base + "/" in body


def test_check_sample_finds_what_is_wrong(tmp_path: Path) -> None:
    """The checker can fail: a deleted story page and a broken link that exists are both reported."""
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    truth = ExpectedTruth.load(copy)
    missing = truth.stories[0].pages[0]
    (copy / "site" / missing.lstrip("/")).unlink()
    broken = truth.traps.broken_links[0]
    target = copy / "site" / broken.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<html>now it exists</html>", encoding="utf-8")
    problems = check_sample(copy)
    assert any(missing in p and "does not exist" in p for p in problems)
    assert any(broken in p and "broken link" in p for p in problems)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stories": [{"id": "a", "pages": ["no-leading-slash.html"]}]}, "stories.0.pages.0"),
        ({"stories": [{"id": "a", "pages": ["/x.html"]}], "copies": [{"path": "/y.html", "original": "/z.html", "kind": "exact"}]}, None),
        ({"stories": [{"id": "a", "pages": ["/x.html"]}, {"id": "b", "pages": ["/x.html"]}]}, None),
        ({"papers": {"in_window": [2604.1]}}, "papers.in_window.0"),
        ({"stories": [], "surprise": 1}, "surprise"),
    ],
)
def test_expected_truth_rejects_inconsistent_files(tmp_path: Path, data: dict[str, object], field: str | None) -> None:
    (tmp_path / "expected.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ExpectedTruth.load(tmp_path)
    assert "expected.yaml" in str(info.value)
    if field:
        assert info.value.field == field


def test_expected_truth_accepts_shorthands(tmp_path: Path) -> None:
    (tmp_path / "expected.yaml").write_text(
        "date: 2026-01-02\nstories: [{id: s, pages: [/a.html]}]\n"
        "traps: {injection: {page: /a.html, promoted_url: '{base}/p'}, large: [/big.html], malformed_feeds: [/f.xml]}\n",
        encoding="utf-8",
    )
    truth = ExpectedTruth.load(tmp_path, base="http://h")
    assert truth.traps.injection[0].promoted_url == "http://h/p"
    assert truth.traps.large[0].path == "/big.html" and truth.traps.malformed_feeds[0].feed == "/f.xml"
    assert truth.story_of("/a.html") == "s" and truth.story_of("/zzz.html") is None


def test_truth_paths_are_spelled_as_guancha_stores_pages() -> None:
    """A sample author who links pages as '/story/' or '/story/index.html' writes them so in expected.yaml; guancha
    stores '/story', and scoring compared spellings: every such page counted as missing (pair recall 0.47)."""
    truth = ExpectedTruth.model_validate({
        "stories": [{"id": "one", "pages": ["/courier/2033/09/27/rector/", "/uo/news/rector/index.html"]}],
        "traps": {"off_topic": ["/band/"]},
    })
    assert truth.stories[0].pages == ["/courier/2033/09/27/rector", "/uo/news/rector"]
    assert truth.traps.off_topic == ["/band"]
    with pytest.raises(ValueError, match="starting with '/'"):
        ExpectedTruth.model_validate({"stories": [{"id": "one", "pages": ["courier/a.html"]}]})


def test_a_page_saved_under_a_script_name_is_served_as_what_the_script_would_print(tmp_path: Path) -> None:
    """A sample radio's bulletins saved as .php were served as application/octet-stream unless each had a route."""
    from tests.collect_web import Web

    web = Web(tmp_path / "web")
    web.write("news/bulletin.php", "<!DOCTYPE html><html><body><p>Morning news</p></body></html>")
    web.write("news/feed.php", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    web.write("news/feed.asp", '{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    web.write("news/data.bin", b"\x00\x01")
    sample = web.finish({"id": "scripts", "title": "S", "sources": [{"feed": "{base}/news/feed.php"}]})
    with serve(sample) as server:
        types = {name: httpx.get(f"{server.base}/news/{name}").headers["content-type"]
                 for name in ("bulletin.php", "feed.php", "feed.asp", "data.bin")}
    assert types == {"bulletin.php": "text/html", "feed.php": "application/xml", "feed.asp": "application/json",
                     "data.bin": "application/octet-stream"}
