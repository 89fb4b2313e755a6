"""Atom feeds (RFC 4287) of finalised reports: one entry per report version, with a stable ``tag:`` id.

An entry's id never changes once published (it names the watcher, the report date and the version, not a
URL), its ``updated`` is the moment that version was finalised, and its content is the report's rendered
HTML passed through an allow-list sanitiser, so a feed reader receives no script, style or form even if
the stored HTML were ever tampered with.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as html_escape

import jinja2
from lxml import html as lxml_html
from lxml.etree import ParserError

from guancha.briefing import EARLIER_REPORT_HREF_RE
from guancha.textrepair import xml_compatible
from guancha.timeutil import iso_z, parse_iso

#: Elements a report body may keep in a feed or on the site; everything else is unwrapped or dropped.
ALLOWED_TAGS = frozenset({
    "article", "header", "nav", "section", "aside", "footer", "div", "span", "p", "br", "hr", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "i", "b", "code", "pre", "time", "blockquote", "q",
    "cite", "small", "sup", "sub", "table", "thead", "tbody", "tr", "th", "td", "caption", "dl", "dt", "dd",
})
ALLOWED_ATTRS = frozenset({"href", "rel", "datetime", "class", "id", "aria-label", "title", "lang", "colspan",
                           "rowspan"})

#: Elements removed with everything inside them: active content, embedded documents, forms, metadata.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
                "applet", "form", "input", "textarea", "select", "button", "svg", "math", "link", "meta", "base",
                "head", "title", "img", "picture", "video", "audio", "source", "canvas", "dialog")
_DROP_XPATH = "|".join(f"//{tag}" for tag in DROPPED_TAGS) + "|//comment()|//processing-instruction()"
_SOURCE_REL = "noopener noreferrer nofollow"


def sanitise_fragment(fragment: str, *, keep_report_links: bool = False) -> str:
    """An HTML fragment with only allow-listed elements and attributes, and every outward link marked
    ``rel="noopener noreferrer nofollow"``; links other than http(s) and in-page anchors are unwrapped.
    ``keep_report_links`` (a report page of the site) also keeps a follow-up's link to the earlier report's page,
    a relative sibling folder of exactly that form (``../2026-06-10/``), which only the site can resolve.

    Dangerous elements go with their content; any other unknown element is unwrapped (its text stays)."""
    if not fragment.strip():
        return ""
    try:   # a control character after a dropped <script> was a traceback (textrepair.xml_compatible)
        root = lxml_html.fragment_fromstring(xml_compatible(fragment), create_parent="div")
    except (ParserError, ValueError):
        return ""
    for el in root.xpath(_DROP_XPATH):
        el.drop_tree()
    for el in list(root.iter()):
        if el is root:
            continue
        if el.tag not in ALLOWED_TAGS:
            el.drop_tag()
            continue
        for name in list(el.attrib):
            if name not in ALLOWED_ATTRS:
                del el.attrib[name]
        if el.tag == "a":
            href = (el.get("href") or "").strip()
            if href.startswith("#") or (keep_report_links and EARLIER_REPORT_HREF_RE.fullmatch(href)):
                el.attrib.pop("rel", None)
            elif href.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in href):
                el.set("rel", _SOURCE_REL)
            else:
                el.drop_tag()
        elif "href" in el.attrib:
            del el.attrib["href"]
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return html_escape(root.text or "", quote=False) + inner


@dataclass(frozen=True)
class FeedEntry:
    """One report version as a feed entry. ``content`` is sanitised HTML (escaped again by the template)."""

    id: str
    title: str
    updated: str
    published: str
    url: str
    watcher_id: str
    watcher_name: str
    content: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    alternate_url: str
    updated: str
    entries: list[FeedEntry]


def tag_id(authority: str, report_date: str, *parts: str) -> str:
    """A ``tag:`` URI (RFC 4151) minted on ``report_date``: stable whatever the site's URL becomes."""
    return f"tag:{authority},{report_date}:" + "/".join(parts)


def entry_id(authority: str, watcher_id: str, report_date: str, version: int) -> str:
    return tag_id(authority, report_date, watcher_id, report_date, f"v{version}")


def feed_updated(entries: list[FeedEntry], fallback: str) -> str:
    """The latest entry's ``updated`` (so an unchanged feed is byte-identical across builds)."""
    return max((e.updated for e in entries), default=fallback)


def atom_time(value: str | None, fallback: str = "1970-01-01T00:00:00Z") -> str:
    """An RFC 3339 time from a stored ISO time (``...Z`` or with offset); ``fallback`` when missing."""
    if not value:
        return fallback
    try:
        return iso_z(parse_iso(value))
    except ValueError:
        return fallback


def render_feed(env: jinja2.Environment, feed: Feed) -> str:
    """The Atom document for ``feed`` from the ``feed.atom`` template (user-overridable like the pages)."""
    return env.get_template("feed.atom").render(feed=feed)
