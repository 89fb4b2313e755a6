"""The lxml fast path of feed parsing gives exactly what feedparser gives, or steps aside.

Every sample feed in the repository and feeds made here in many shapes are parsed twice, once with the fast
path and once with feedparser alone, and the ParsedFeeds must be equal. The made feeds that the fast path
should read are checked to be read by it (so that the comparison is not feedparser against itself), and the
ones it must leave to feedparser are checked to be left.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.collect import feeds
from guancha.collect.feeds import parse_feed

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8431"
CONTENT_TYPES = [None, "application/rss+xml", "text/xml", "application/xml; charset=utf-8",
                 "text/xml; charset=iso-8859-1", "application/atom+xml"]


def _sample_feeds() -> list[Path]:
    found = []
    for top in (ROOT / "tests" / "samples", ROOT / "src" / "guancha" / "samples"):
        found += [p for p in sorted(top.glob("*/site/**/*")) if p.suffix in {".xml", ".rss", ".atom"}]
    return found


def _both(data: bytes, content_type: str | None, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    fast = parse_feed(data, content_type, BASE + "/feeds/x.xml")
    with monkeypatch.context() as patch:
        patch.setattr(feeds, "_FAST", False)
        slow = parse_feed(data, content_type, BASE + "/feeds/x.xml")
    return fast, slow


def _rss(items: str, channel: str = "<title>Harbour Notes</title><link>/</link>", head: str = "",
         encoding: str = "utf-8") -> bytes:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    return (f'{declaration}<rss version="2.0"{head}><channel>{channel}{items}</channel></rss>').encode(
        "utf-8" if encoding.lower() == "utf-8" else encoding, "xmlcharrefreplace")


def _item(*fields: str) -> str:
    return "<item>" + "".join(fields) + "</item>"


LINK = f"<link>{BASE}/a/1.html</link>"
DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'

# feeds the fast path reads
FAST = {
    "plain": _rss(_item("<title>Ferry tolls rise</title>", LINK, "<description>Tolls rise by a tenth.</description>",
                        "<pubDate>Tue, 02 Mar 2027 08:00:00 GMT</pubDate>")),
    "html summary": _rss(_item(
        "<title>Dredging &amp; silt</title>", LINK,
        "<description><![CDATA[<p>The <b>canal</b> is closed.</p><script>alert(1)</script><style>p{}</style>"
        "<a href='/more'>More</a> <a href='http:///quay.example//x'>x</a> <a href='  /spaced  '>s</a> &amp; <img src=x onerror=y>more &hellip; &#8220;quoted&#8221;</p>]]></description>")),
    "escaped html summary": _rss(_item(
        "<title>A &lt;b onclick='x'&gt;bold&lt;/b&gt; title</title>", LINK,
        "<description>&lt;div&gt;Lock &lt;i&gt;gates&lt;/i&gt; refitted&lt;/div&gt;&lt;!-- note --&gt;</description>")),
    "title that looks like html": _rss(_item("<title>Weirs &amp;amp; sluices &lt;/em&gt;</title>", LINK)),
    "relative links": _rss(_item("<title>T</title>", "<link>/a/2.html</link>",
                                 "<guid>/a/2.html</guid><comments>/a/2.html#c</comments>")),
    "link with a query": _rss(_item("<title>Q</title>", f"<link>{BASE}/a?id=3&amp;lang=en&amp;x;</link>")),
    "guid not a permalink": _rss(_item("<title>G</title>", LINK, '<guid isPermaLink="false">http:///quay.example/7</guid>')),
    "guid a permalink": _rss(_item("<title>G</title>", '<guid isPermaLink="true">/a/8.html</guid>', LINK)),
    "dc date only": _rss(_item("<title>D</title>", LINK, "<dc:date>2027-03-01T09:30:00+01:00</dc:date>"), head=DC),
    "dc date and pubDate": _rss(_item("<title>D</title>", LINK, "<dc:date>2027-03-01T09:30:00Z</dc:date>",
                                      "<pubDate>Mon, 01 Mar 2027 07:00:00 +0200</pubDate>"), head=DC),
    "odd dates": _rss(_item("<title>1</title>", LINK, "<pubDate>2027-03-01</pubDate>")
                      + _item("<title>2</title>", LINK.replace("1.html", "2.html"), "<pubDate>yesterday</pubDate>")
                      + _item("<title>3</title>", LINK.replace("1.html", "3.html"), "<pubDate>1 Mar 2027 10:00 EST</pubDate>")),
    "creator": _rss(_item("<title>C</title>", LINK, "<dc:creator>Ines Varga</dc:creator>"), head=DC),
    "author without address": _rss(_item("<title>C</title>", LINK, "<author>  Pell Orr  </author>")),
    "categories": _rss(_item("<title>K</title>", LINK, "<category>Ports</category><category>Ports</category>"
                             "<category></category><category>Rivers &amp; canals</category>")),
    "content before description": _rss(_item(
        "<title>E</title>", LINK, "<content:encoded><![CDATA[<p>Full text here.</p>]]></content:encoded>",
        "<description>Short</description>"), head=CONTENT),
    "content after an empty description": _rss(_item(
        "<title>E</title>", LINK, "<description></description>",
        "<content:encoded><![CDATA[<p>Full <em>text</em>.</p>]]></content:encoded>"), head=CONTENT),
    "content only": _rss(_item("<title>E</title>", LINK, "<content:encoded>&lt;p&gt;Only body&lt;/p&gt;</content:encoded>"),
                         head=CONTENT),
    "enclosure and comments inside": _rss(_item(
        "<!-- a comment --><title>N</title>", LINK, f'<enclosure url="{BASE}/a.mp3" length="1" type="audio/mpeg"/>',
        "<?pi here?>")),
    "non-ascii": _rss(_item("<title>Ærø–Svendborg “ferry” ×2</title>", LINK,
                            "<description>Fährverbindung: 3 € – naïve café</description>")),
    "mojibake and C1 controls": _rss(_item("<title>CafÃ© \u0093quoted\u0094</title>", LINK,
                                           "<description>SÃ£o Tom\u00c3\u00a9 \u0080 euro</description>")),
    "windows-1252 declared": _rss(_item("<title>Caf\u00e9 \u201csmart\u201d</title>", LINK), encoding="windows-1252"),
    "iso-8859-1 declared": _rss(_item("<title>Gr\u00fc\u00dfe aus K\u00f6ln</title>", LINK), encoding="iso-8859-1"),
    "link with extra slashes": _rss(_item("<title>S</title>", "<link>http:///127.0.0.1:8431//a/1.html</link>")),
    "whitespace": _rss(_item("<title>\n   Spaced   out\n</title>", f"<link>\n  {BASE}/a/1.html  \n</link>",
                             "<description>\n  lines\n\n  of text \n</description>")),
    "channel furniture": _rss(_item("<title>F</title>", LINK), channel=(
        "<title>Quay &amp; Wire</title><link>/</link><description>d</description><language>en</language>"
        "<lastBuildDate>Tue, 02 Mar 2027 08:00:00 GMT</lastBuildDate><generator>g</generator><ttl>5</ttl>"
        f'<atom:link href="{BASE}/feed.xml" rel="self" type="application/rss+xml"/>'),
        head=' xmlns:atom="http://www.w3.org/2005/Atom"'),
    "empty channel": _rss("", channel="<title>Nothing yet</title>"),
    "version 0.91": _rss(_item("<title>Old</title>", LINK)).replace(b'version="2.0"', b'version="0.91"'),
}

# feeds it leaves to feedparser
SLOW = {
    "atom": (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>x</title>'
             b'<link href="/a"/><updated>2027-03-01T00:00:00Z</updated></entry></feed>'),
    "rdf": (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item><title>i</title>'
            b"<link>http://x.example/a</link></item></rdf:RDF>"),
    "malformed": _rss(_item("<title>Broken & bare</title>", LINK)),
    "doctype": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY co "Quay">]><rss version="2.0"><channel>'
               b"<title>&co;</title><item><title>t</title><link>http://x.example/a</link></item></channel></rss>",
    "xml:base": _rss(_item("<title>B</title>", "<link>a/1.html</link>")).replace(b"<item>", b'<item xml:base="http://b.example/">'),
    "author with an address": _rss(_item("<title>A</title>", LINK, "<author>desk@quay.example (Quay Desk)</author>")),
    "media namespace": _rss(_item("<title>M</title>", LINK, '<media:title>Other</media:title>'),
                            head=' xmlns:media="http://search.yahoo.com/mrss/"'),
    "no link": _rss(_item("<title>L</title>", "<guid>http://x.example/a</guid>")),
    "two titles": _rss(_item("<title>One</title><title>Two</title>", LINK)),
    "markup in a field": _rss(_item("<title>T</title>", LINK, "<description>a<b>bold</b></description>")),
    "typed title": _rss(_item('<title type="html">T</title>', LINK)),
    "source element": _rss(_item("<title>S</title>", LINK, '<source url="http://s.example/rss">S</source>')),
    "image in channel": _rss(_item("<title>I</title>", LINK), channel="<title>C</title><image><title>Logo</title>"
                             "<url>http://x.example/l.png</url><link>http://x.example/</link></image>"),
    "default namespace": _rss(_item("<title>N</title>", LINK)).replace(
        b'<rss version="2.0">', b'<rss version="2.0" xmlns="http://backend.userland.com/rss2">'),
    "capitalised element": _rss(_item("<Title>Caps</Title>", LINK)),
    "category with a domain": _rss(_item("<title>D</title>", LINK, '<category domain="x">Ports</category>')),
    "not a feed": b"<html><body><p>Hello</p></body></html>",
}


def _raw_fields(parsed: object) -> list[object]:
    """The entry fields collection reads, as feedparser's result holds them (before guancha's own cleaning)."""
    out: list[object] = [parsed.feed.get("title"), bool(parsed.get("bozo")), bool(parsed.get("version"))]  # type: ignore[attr-defined]
    for entry in parsed.entries:  # type: ignore[attr-defined]
        out.append([entry.get(key) for key in ("link", "title", "summary", "author", "id", "published_parsed",
                                                "updated_parsed", "created_parsed")]
                   + [[c.get("value") for c in entry.get("content", [])], [t.get("term") for t in entry.get("tags", [])]])
    return out


def test_fast_entries_hold_what_feedparser_entries_hold() -> None:
    """Field by field against feedparser's own result, stricter than comparing what collection keeps."""
    import feedparser

    datas = [p.read_bytes().replace(b"{base}", BASE.encode()) for p in _sample_feeds()] + list(FAST.values())
    compared = 0
    for data in datas:
        fast = feeds._fast_parse(data, {})
        if fast is not None:
            reference = feedparser.parse(data, response_headers={}, sanitize_html=True, resolve_relative_uris=True)
            assert _raw_fields(fast) == _raw_fields(reference), data[:200]
            compared += 1
    assert compared >= len(FAST) + 30


def test_every_sample_feed_parses_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _sample_feeds()
    assert len(paths) >= 40
    read_fast = 0
    for path in paths:
        data = path.read_bytes().replace(b"{base}", BASE.encode())
        for content_type in CONTENT_TYPES:
            fast, slow = _both(data, content_type, monkeypatch)
            assert fast == slow, (path, content_type)
        read_fast += feeds._fast_parse(data, {}) is not None
    assert read_fast >= 30  # most sample feeds are plain RSS 2.0: the comparison above covers the fast path


@pytest.mark.parametrize("name", sorted(FAST))
def test_the_fast_path_reads_feed_as_feedparser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = FAST[name]
    assert feeds._fast_parse(data, {}) is not None, "expected the fast path to read this feed"
    for content_type in CONTENT_TYPES:
        fast, slow = _both(data, content_type, monkeypatch)
        assert fast == slow, content_type


@pytest.mark.parametrize("name", sorted(SLOW))
def test_unusual_feeds_are_left_to_feedparser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = SLOW[name]
    assert feeds._fast_parse(data, {}) is None
    fast, slow = _both(data, "application/rss+xml", monkeypatch)
    assert fast == slow


def test_fast_path_fields_as_collection_reads_them() -> None:
    """Spot values, so that equal-to-feedparser is also right: entities, sanitised summaries, dates, links."""
    import datetime as dt

    feed = parse_feed(FAST["html summary"], "application/rss+xml", BASE + "/feeds/x.xml")
    (item,) = feed.items
    assert item.title == "Dredging & silt"
    assert "alert" not in item.summary and "canal is closed." in item.summary and "\u201cquoted\u201d" in item.summary
    dated = parse_feed(FAST["dc date only"], None, BASE + "/feeds/x.xml").items[0]
    assert dated.published == dt.datetime(2027, 3, 1, 8, 30, tzinfo=dt.UTC) and dated.updated_only
    relative = parse_feed(FAST["relative links"], None, BASE + "/feeds/x.xml").items[0]
    assert relative.link == BASE + "/a/2.html"
    query = parse_feed(FAST["link with a query"], None, BASE + "/feeds/x.xml").items[0]
    assert query.link == BASE + "/a?id=3&lang=en&x"
    tags = parse_feed(FAST["categories"], None, BASE + "/feeds/x.xml").items[0].tags
    assert tags == ["Ports", "Rivers & canals"]


def test_plain_text_passes_feedparsers_html_steps_unchanged() -> None:
    """The fast path skips feedparser's URI resolver and sanitiser for text without '<', '&' or a carriage return,
    on the premise that they return such text as it is; checked here on random texts of awkward characters."""
    import random

    from feedparser.sanitizer import _sanitize_html
    from feedparser.urls import resolve_relative_uris

    rng = random.Random(11)
    alphabet = "ab XY 09 \"'>=/;:!?()[]{}#%\u00e9\u2019\u201c\u20ac\u4e2d\n\t\u00a0\u0093-_.,*+|~^`\\$@"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))).strip()
        assert feeds._MARKUP.search(text) is None
        resolved = resolve_relative_uris(text, "", "utf-8", "text/html")
        assert _sanitize_html(resolved, "utf-8", "text/html") == text
