"""RSS, Atom and JSON feeds (feedparser; JSON Feed read here), and search sources expanded into query-templated feed
URLs.

A malformed feed is not thrown away: feedparser's lenient parser salvages what entries it can, and the
problem is reported as a warning on the source so a person can tell the site owner.

A well-formed RSS 2.0 feed of the plain, common shape is read with lxml instead (``_fast_parse``): the same
entries feedparser would give, each field put through feedparser's own steps (its encoding detection, URI
joining, HTML sanitiser and date parser), in a tenth of the time. Anything else takes feedparser's path.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

import feedparser
from feedparser.sanitizer import _sanitize_html
from lxml import etree

from guancha.collect.urls import absolute_url
from guancha.errors import ConfigError
from guancha.spec import SearchSettings, SearchSource
from guancha.textrepair import drop_misdecoded, fix_text, normalise_space

_TAG = re.compile(r"<[^>]+>")


@dataclass
class FeedItem:
    """One entry of a feed, as data (nothing in it is trusted)."""

    link: str
    title: str = ""
    summary: str = ""
    author: str = ""
    published: dt.datetime | None = None
    # True when ``published`` is only Atom's <updated>: when the entry last changed, which for an old article
    # edited today is not when it was published, so the page's own date is preferred to it
    updated_only: bool = False
    guid: str = ""
    tags: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


@dataclass
class ParsedFeed:
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)
    malformed: str | None = None  # feedparser's complaint when the XML was not well-formed
    unusable: bool = False  # nothing salvageable: not a feed at all


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed summaries): tags dropped, entities decoded."""
    # re tries _TAG from every "<", and with no ">" after it each try scans to the end (quadratic on "<<<<…"): no
    # tag ends after the last ">", so only the text up to it is searched and the rest is kept as it is
    end = fragment.rfind(">") + 1
    without_tags = _TAG.sub(" ", fragment[:end]) + fragment[end:]
    return normalise_space(html.unescape(without_tags))


# A feed date no clock wrote: a year before the web's feeds or far ahead ("-0001-01-01" that feedparser reads as 2000,
# "99999"), or a zone offset no place has ("+99:00"). Such a date is no date, so the page's own date is used.
_YEAR = re.compile(r"(?<![\d-])-?(\d{1,6})(?=-\d{1,2}-\d{1,2}|\s+\d{1,2}:\d{2})|\b\d{1,2}\s+[A-Za-z]{3,9}\.?\s+(-?\d{1,6})\b")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})\s*$")


def plausible_feed_time(raw: str) -> bool:
    """Whether a feed's date text could have been written by a clock: its year between 1990 and 2200, written
    without a sign, and its zone offset within ±14 hours."""
    text = raw.strip()[:100]   # a date is short; a megabyte of "pubDate" is no date either
    if len(raw.strip()) > 100:
        return False
    m = _YEAR.search(text)
    if m is not None:
        year = m.group(1) or m.group(2)
        if m.group(0).lstrip().startswith("-") or not 1990 <= int(year) <= 2200:
            return False
    offset = _OFFSET.search(text)
    return offset is None or int(offset.group(2)) * 60 + int(offset.group(3)) <= 14 * 60


def _entry_time(entry: Any, keys: tuple[str, ...] = ("published_parsed", "created_parsed")) -> dt.datetime | None:
    """The first of ``keys`` the entry has, as an aware UTC datetime; none where its text is no plausible date."""
    for key in keys:
        value = entry.get(key)
        raw = entry.get(key.removesuffix("_parsed"))
        if value and isinstance(raw, str) and not plausible_feed_time(raw):
            continue
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(data: bytes, content_type: str | None, base_url: str) -> ParsedFeed:
    """Parse feed bytes; feedparser handles the XML encoding declaration itself. A JSON Feed (jsonfeed.org), which
    feedparser does not read, is read by ``parse_json_feed``."""
    if data.lstrip()[:1] == b"{" or "json" in (content_type or "").lower():
        return parse_json_feed(data, base_url)
    headers = {"content-type": content_type} if content_type else {}
    parsed = _fast_parse(data, headers)
    if parsed is None:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    feed = ParsedFeed(title=fix_text(html_to_text(str(parsed.feed.get("title", "")))))
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        feed.malformed = f"{type(exc).__name__}: {exc}" if exc is not None else "not well-formed"
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        if not link:
            for candidate in entry.get("links", []):
                if candidate.get("href"):
                    link = str(candidate["href"]).strip()
                    break
        if not link:
            continue
        summary_html = str(entry.get("summary") or "")
        if not summary_html and entry.get("content"):
            summary_html = str(entry["content"][0].get("value", ""))
        feed.items.append(_feed_item(
            absolute_url(base_url, link), title_html=str(entry.get("title") or ""), summary_html=summary_html,
            author=str(entry.get("author") or ""), published=_entry_time(entry),
            updated=_entry_time(entry, ("updated_parsed",)), guid=str(entry.get("id") or ""),
            tags=[str(t.get("term")) for t in entry.get("tags", []) if t.get("term")]))
    version = parsed.get("version") or ""
    if not feed.items and (not version or feed.malformed):
        feed.unusable = True
    return feed


def _feed_item(link: str, *, title_html: str, summary_html: str, author: str, published: dt.datetime | None,
               updated: dt.datetime | None, guid: str, tags: list[str]) -> FeedItem:
    """One entry as collection reads it, from any kind of feed: title and summary as repaired plain text, the
    publication time, else the last update's (marked ``updated_only``), at most 20 tags."""
    repairs: list[str] = []
    return FeedItem(
        link=link,
        title=fix_text(html_to_text(title_html), repairs, what="feed title"),
        summary=drop_misdecoded(fix_text(html_to_text(summary_html), repairs, what="feed summary"), repairs),
        author=fix_text(author, repairs, what="feed author"),
        published=published or updated,
        updated_only=published is None and updated is not None,
        guid=guid,
        tags=tags[:20],
        repairs=repairs,
    )


# ----------------------------------------------------------------------------- JSON Feed

def parse_json_feed(data: bytes, base_url: str) -> ParsedFeed:
    """A JSON Feed (versions 1 and 1.1): each item's ``url`` (else ``external_url``, else an ``id`` that is an
    address), ``title``, ``summary`` (else its content as text), author, ``date_published`` (else
    ``date_modified``, as Atom's <updated>), ``id`` and ``tags``. JSON that is no JSON Feed is unusable, with why."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))   # nesting past the recursion limit raises RecursionError
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return ParsedFeed(malformed=f"invalid JSON ({type(exc).__name__}: {str(exc)[:200]})", unusable=True)
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")) or \
            not isinstance(doc.get("items"), list):
        return ParsedFeed(malformed="JSON without a jsonfeed.org version and an items list", unusable=True)
    feed = ParsedFeed(title=fix_text(html_to_text(_json_str(doc.get("title")))))
    for entry in doc["items"]:
        if not isinstance(entry, dict):
            continue
        link = _json_str(entry.get("url")) or _json_str(entry.get("external_url"))
        guid = _json_str(entry.get("id"))
        if not link and guid.startswith(("http://", "https://", "/")):
            link = guid
        if not link:
            continue
        summary = _json_str(entry.get("summary")) or _json_str(entry.get("content_text")) or \
            _sanitize_html(_json_str(entry.get("content_html")), "utf-8", "text/html")   # as feedparser's HTML
        authors = _json_list(entry.get("authors")) or [entry.get("author")]   # "author": version 1
        feed.items.append(_feed_item(
            absolute_url(base_url, link), title_html=_json_str(entry.get("title")), summary_html=summary,
            author=next((_json_str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")), ""),
            published=_json_time(entry.get("date_published")), updated=_json_time(entry.get("date_modified")),
            guid=guid, tags=[_json_str(t) for t in _json_list(entry.get("tags")) if isinstance(t, str) and t]))
    return feed


def _json_str(value: object) -> str:
    """A JSON value as text: a string as it is, anything else (a number, a list, null) as nothing."""
    return value.strip() if isinstance(value, str) else ""


def _json_list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _json_time(value: object) -> dt.datetime | None:
    """An RFC 3339 time ("2028-06-09T08:30:00-04:00") as aware UTC; a time without a zone is taken as UTC."""
    text = _json_str(value)
    if not text:
        return None
    if not plausible_feed_time(text):
        return None
    try:
        when = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


# ----------------------------------------------------------------------------- the fast path

try:  # feedparser's own steps, so that the fast path gives what feedparser gives
    from feedparser.datetimes import _parse_date as _feedparser_date
    from feedparser.encodings import convert_to_utf8 as _convert_to_utf8
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urljoin, resolve_relative_uris
    from feedparser.util import FeedParserDict
except ImportError:  # pragma: no cover - a feedparser without them: every feed takes feedparser's path
    _FAST = False
else:
    _FAST = True

_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
# item child -> the key feedparser files its text under; any other child sends the feed to feedparser
_ITEM_FIELDS = {
    "title": "title", "link": "link", "description": "summary", "pubDate": "published", "guid": "id",
    "comments": "comments", "author": "author", f"{_DC}creator": "author", f"{_DC}date": "updated",
    f"{_CONTENT}encoded": "content",
}
# how feedparser types each field's text (None: no declared type, which it treats as HTML)
_FIELD_TYPES = {"title": "text/plain", "summary": "text/html", "content": "text/html"}
# the element name feedparser pops each field under (its URI and sanitising rules go by these names)
_FIELD_ELEMENTS = {"summary": "description", "published": "published", "updated": "updated"}
_CHANNEL_CHILDREN = frozenset({
    "title", "link", "description", "language", "lastBuildDate", "pubDate", "generator", "ttl", "copyright",
    "docs", "category", "managingEditor", "webMaster", "item", "{http://www.w3.org/2005/Atom}link",
})
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_MARKUP = re.compile("[<&\r]")


class _Unusual(Exception):
    """The feed has something the fast path does not read: feedparser reads it."""


def _fast_parse(data: bytes, headers: dict[str, str]) -> Any:
    """feedparser's result for a well-formed RSS 2.0 feed of the common shape, read with lxml; None for any
    other document (malformed, Atom, RDF, a DOCTYPE, xml:base, namespaces beyond dc and content:encoded,
    elements with markup inside, repeated fields, an item without its <link>...), which feedparser reads.

    tests/test_feeds_fast.py compares the two on every sample feed and on feeds of many shapes."""
    if not _FAST or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    result = FeedParserDict(bozo=False)
    utf8 = _convert_to_utf8(dict(headers), data, result)  # feedparser's encoding rules, overrides flagged alike
    if result.get("bozo") or not result.get("encoding"):
        return None
    try:
        root = etree.fromstring(utf8, _XML_PARSER)
        return _rss(root)
    except (etree.XMLSyntaxError, ValueError, _Unusual):
        return None


def _elements(node: Any) -> list[Any]:
    """Child elements (comments and processing instructions, which feedparser ignores, left out); an
    attribute in a namespace (xml:base, xml:lang) is beyond the fast path."""
    children = [child for child in node if isinstance(child.tag, str)]
    for child in children:
        if any(name.startswith("{") for name in child.attrib):
            raise _Unusual
    return children


def _text(node: Any) -> str:
    """An element's text; one holding elements, comments or processing instructions is beyond the fast path."""
    if len(node):
        raise _Unusual
    return str(node.text or "")


def _pop(element: str, text: str, content_type: str | None, *, uri: bool = True) -> str:
    """One field's text as feedparser's ``pop`` leaves it (for a feed already converted to UTF-8)."""
    mixin = _FeedParserMixin
    output = text.strip()
    if uri and element in mixin.can_be_relative_uri and output:
        output = _urljoin("", output)
    if content_type == "text/plain" and mixin.looks_like_html(output):
        content_type = "text/html"
    content_type = content_type or "text/html"
    # text with no markup, entity or carriage return comes out of feedparser's URI resolver and sanitiser as it
    # went in (tests/test_feeds_fast.py checks that premise): most summaries, spared two HTML parses
    if content_type in mixin.html_types and _MARKUP.search(output):
        if element in mixin.can_contain_relative_uris:
            output = resolve_relative_uris(output, "", "utf-8", content_type)
        if element in mixin.can_contain_dangerous_markup:
            output = _sanitize_html(output, "utf-8", content_type)
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):  # feedparser's repair of UTF-8 read as Latin-1
        output = output.encode("iso-8859-1").decode("utf-8")
    return str(output.translate(_cp1252))


def _rss(root: Any) -> Any:
    if root.tag != "rss" or set(root.attrib) - {"version"}:
        raise _Unusual
    channels = _elements(root)
    if len(channels) != 1 or channels[0].tag != "channel" or channels[0].attrib:
        raise _Unusual
    version = root.get("version", "")
    feed = FeedParserDict()
    entries = []
    titles = 0
    for child in _elements(channels[0]):
        if child.tag not in _CHANNEL_CHILDREN:
            raise _Unusual
        if child.tag == "item":
            entries.append(_item(child))
        elif child.tag == "title":
            titles += 1
            feed["title"] = _pop("title", _text(child), "text/plain")
        else:
            _text(child)
    if titles > 1:
        raise _Unusual
    versions = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
    return FeedParserDict(bozo=False, feed=feed, entries=entries,
                          version=versions.get(version) or ("rss20" if version.startswith("2.") else "rss"))


def _item(node: Any) -> Any:
    if node.attrib:
        raise _Unusual
    entry = FeedParserDict()
    texts: dict[str, str] = {}
    tags: list[Any] = []
    guid_is_link = True
    for child in _elements(node):
        tag = child.tag
        if tag == "enclosure":  # a link of its own kind: the entry's link stays its <link>
            _text(child)
            continue
        if tag == "category":
            if child.attrib:
                raise _Unusual
            term = _pop("category", _text(child), None)
            value = FeedParserDict(term=term, scheme=None, label=None)
            if term and value not in tags:
                tags.append(value)
            continue
        key = _ITEM_FIELDS.get(tag)
        if key is None or key in texts:
            raise _Unusual
        attributes = {name.lower(): value for name, value in child.attrib.items()}
        if tag == "guid" and set(attributes) <= {"ispermalink"}:
            if attributes.get("ispermalink", "true") not in {"true", "false"}:
                raise _Unusual
            guid_is_link = attributes.get("ispermalink", "true") == "true"
        elif attributes:
            raise _Unusual
        texts[key] = _text(child)
    if "link" not in texts:
        raise _Unusual
    for key, text in texts.items():
        element = _FIELD_ELEMENTS.get(key, key)
        value = _pop(element, text, _FIELD_TYPES.get(key), uri=key != "id" or guid_is_link)
        if key == "link":
            value = _LINK_ENTITY.sub(r"&\g<1>", value.replace("&amp;", "&"))
            if not value:
                raise _Unusual
            entry["link"] = value
        elif key == "author" and "@" in value:
            raise _Unusual  # feedparser splits an e-mail address out of it
        elif key == "content":
            entry["content"] = [FeedParserDict(value=value)]
        elif key in ("published", "updated"):
            entry[key] = value
            entry[f"{key}_parsed"] = _feedparser_date(value)
        else:
            entry[key] = value
    if "summary" not in entry and "content" in entry:
        entry["summary"] = entry["content"][0]["value"]
    if tags:
        entry["tags"] = tags
    return entry


def search_feed_urls(source: SearchSource, search: SearchSettings) -> list[tuple[str, str]]:
    """(template name, URL) for each search template a search source uses; ``{query}`` is URL-encoded."""
    templates = search.all_templates()
    chosen = source.templates if source.templates is not None else search.use
    out: list[tuple[str, str]] = []
    for name in chosen:
        if "{query}" in name:
            template, label = name, "custom"
        elif name in templates:
            template, label = templates[name], name
        else:
            raise ConfigError(
                f"search template '{name}' is not defined",
                field="search.use",
                fix=f"use one of {', '.join(sorted(templates))} or add it under search.templates in guancha.yaml",
            )
        if "{searxng_url}" in template:
            if not search.searxng_url:
                raise ConfigError(
                    "the searxng search template needs search.searxng_url",
                    field="search.searxng_url",
                    fix="set search.searxng_url in guancha.yaml to your SearXNG instance, or drop searxng from search.use",
                )
            template = template.replace("{searxng_url}", search.searxng_url.rstrip("/"))
        out.append((label, template.replace("{query}", quote_plus(source.search))))
    return out
