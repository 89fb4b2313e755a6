"""RSS and Atom feeds (feedparser), and search sources expanded into query-templated feed URLs.

A malformed feed is not thrown away: feedparser's lenient parser salvages what entries it can, and the
problem is reported as a warning on the source so a person can tell the site owner.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

import feedparser

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
    without_tags = _TAG.sub(" ", fragment)
    return normalise_space(html.unescape(without_tags))


def _entry_time(entry: Any, keys: tuple[str, ...] = ("published_parsed", "created_parsed")) -> dt.datetime | None:
    """The first of ``keys`` the entry has, as an aware UTC datetime."""
    for key in keys:
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def parse_feed(data: bytes, content_type: str | None, base_url: str) -> ParsedFeed:
    """Parse feed bytes; feedparser handles the XML encoding declaration itself."""
    headers = {"content-type": content_type} if content_type else {}
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
        link = absolute_url(base_url, link)
        repairs: list[str] = []
        summary_html = str(entry.get("summary") or "")
        if not summary_html and entry.get("content"):
            summary_html = str(entry["content"][0].get("value", ""))
        item = FeedItem(
            link=link,
            title=fix_text(html_to_text(str(entry.get("title") or "")), repairs, what="feed title"),
            summary=drop_misdecoded(fix_text(html_to_text(summary_html), repairs, what="feed summary"), repairs),
            author=fix_text(str(entry.get("author") or ""), repairs, what="feed author"),
            published=_entry_time(entry) or _entry_time(entry, ("updated_parsed",)),
            updated_only=_entry_time(entry) is None and _entry_time(entry, ("updated_parsed",)) is not None,
            guid=str(entry.get("id") or ""),
            tags=[str(t.get("term")) for t in entry.get("tags", []) if t.get("term")][:20],
            repairs=repairs,
        )
        feed.items.append(item)
    version = parsed.get("version") or ""
    if not feed.items and (not version or feed.malformed):
        feed.unusable = True
    return feed


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
