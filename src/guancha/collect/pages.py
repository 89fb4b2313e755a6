"""Article pages: main text and metadata with trafilatura, publication time from the page's own markup,
and rel=canonical honoured only where it can be trusted.

Page text is untrusted data. Nothing here follows links found in a page, and the extracted text is
stored verbatim (after encoding repair), never interpreted.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import trafilatura
import trafilatura.settings
from htmldate import find_date
from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError, XPath
from trafilatura import metadata as trafilatura_metadata
from trafilatura import xpaths as trafilatura_xpaths
from trafilatura.utils import line_processing, load_html

from guancha.collect.urls import (
    absolute_url,
    canonical_url,
    is_home_page,
    registrable_domain,
    url_host,
    url_scheme,
)
from guancha.httputil import parse_http_date
from guancha.outlets import named_like_a_site
from guancha.textrepair import DecodedText, decode_web_bytes, drop_misdecoded, fix_text, normalise_space
from guancha.timeutil import MONTH_NUMBERS, as_utc, parse_iso

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")

_DATE_META = (
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.created"),
    ("name", "sailthru.date"),
    ("name", "parsely-pub-date"),
    ("property", "article:modified_time"),
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Built once: constructing trafilatura's options reads its config file's values on every call. Metadata is
# read by ``page_metadata`` (the fields guancha keeps), not by trafilatura's extraction.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_EXTRACTOR = trafilatura.settings.Extractor(
    output_format="python",
    comments=False,
    tables=True,
    precision=True,
    with_metadata=False,
    date_params=_DATE_PARAMS,
)
# A page laid out in a table (navigation in one cell, the article in the next) comes out of table extraction as
# one long table row, menu and dateline included; read without tables it is the article alone.
_LAYOUT_EXTRACTOR = copy.copy(_EXTRACTOR)
_LAYOUT_EXTRACTOR.tables = False
_LAYOUT_EXTRACTOR.focus = "balanced"  # precision keeps nothing of a page whose every paragraph sits in a table cell
_TRIM_LIMIT = 10_000  # trafilatura's Document.clean_and_trim cut
DATE_CEILING_DAYS = 366  # how far after the collection's as-of time a page's date may lie (see page_metadata)
# compiled once: ``tree.xpath(text)`` compiles its expression on every call
_JSONLD_SCRIPTS = XPath('//script[@type="application/ld+json"]')
_TIME_ELEMENTS = XPath("//article//time[@datetime] | //time[@pubdate][@datetime]")
_CANONICAL_HREFS = XPath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
_TITLE_TEXT = XPath("//title/text()")


@dataclass
class PageTime:
    when: dt.datetime
    precision: str  # "second" or "day"


@dataclass
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    language: str | None
    published: PageTime | None
    canonical: str | None  # trusted canonical URL (already canonicalised), or None
    canonical_note: str | None  # why a declared canonical was ignored
    decoded: DecodedText
    repairs: list[str] = field(default_factory=list)
    sitename_declared: bool = False  # named by the page's meta, not guessed from its <title> or its address
    standfirst: str | None = None  # the page's standfirst (dek) where the extracted body lacks it
    section: str | None = None  # the site's section for the page, as its markup names it


def is_html(content_type: str | None) -> bool:
    if not content_type:
        return True  # unlabelled: try it
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def parse_time(value: str) -> PageTime | None:
    """An ISO-8601 or RFC 2822 timestamp; date-only values keep day precision."""
    value = value.strip()
    if not value:
        return None
    if _DATE_ONLY.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
        return PageTime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), "day")
    try:
        return PageTime(parse_iso(value), "second")
    except ValueError:
        parsed = parse_http_date(value)
    return PageTime(as_utc(parsed), "second") if parsed is not None else None


def _jsonld_dates(tree: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for script in _JSONLD_SCRIPTS(tree):
        try:
            walk(json.loads(script.text_content() or "null"))
        except (json.JSONDecodeError, RecursionError):
            continue
    return found


def page_time(tree: Any) -> PageTime | None:
    """Publication time declared in the page's markup (meta tags, JSON-LD, then <time datetime>).

    ``extract_page`` falls back to trafilatura's date, then to a date written in a byline (``byline_time``).
    """
    for candidate in _declared_times(tree):  # the first that parses wins: later sources are not read
        parsed = parse_time(candidate)
        if parsed is not None:
            return parsed
    return None


def _declared_times(tree: Any) -> Iterator[str]:
    """The page's declared publication times, best source first, read only as far as they are asked for."""
    metas = [(node, {k: v.translate(_ASCII_LOWER) for k, v in node.attrib.items()}) for node in tree.iter("meta")]
    for attribute, name in _DATE_META:  # one walk over the <meta> tags, matched as the XPath translate() did
        for node, lowered in metas:
            if lowered.get(attribute) == name.lower():
                content = node.get("content")
                if content:
                    yield content
    yield from _jsonld_dates(tree)
    for node in _TIME_ELEMENTS(tree):
        yield node.get("datetime") or ""


# a month's name in any language a page writes its date in ("12 marca 2031", "6. Oktober 2038"): timeutil's table
_MONTHS = MONTH_NUMBERS
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|" \
         r"nov(?:ember)?|dec(?:ember)?)\.?"
_ANY_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_VISIBLE_DATES = [
    # 14 September 2026, 14th Sep. 2026, 14 septembre 2026, 14. März 2026, 14 de marzo de 2026, 14 marca 2026 r.
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?" + _ANY_MONTH + r",?\s+(?:de\s+)?(\d{4})\b", re.I),
     ("d", "m", "y")),
    # September 14, 2026; Sept. 14 2026
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), ("m", "d", "y")),
    # 2026-09-14, 2026/09/14, 2026.09.14
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), ("y", "m", "d")),
    # Chinese and Japanese: 2026年9月14日
    (re.compile(r"(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日"), ("y", "m", "d")),
    # Hungarian, year first: 2026. szeptember 14.
    (re.compile(r"\b(\d{4})\.\s+" + _ANY_MONTH + r"\s+(\d{1,2})\.", re.I), ("y", "m", "d")),
    # 14.09.2026 (dots are day-first wherever they are used)
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
    # 10/14/2026 or 14/10/2026: slashes are month-first in the US and day-first elsewhere, so a date counts when a
    # number over 12, a weekday beside it or the collection's day settles its order ("a", "b": see _visible_dates)
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("a", "b", "y")),
]
_BYLINE_CLASS = re.compile(r"byline|dateline|date|time|posted|published|issued|released|meta|timestamp|credit|author",
                           re.I)
_PUBLISHED_LABEL = re.compile(r"\b(published|posted|first published|filed|released|issued)\b", re.I)
# "Published …", "Issued …" opening a line or after a separator ("By A. Writer | Published …"), not mid-sentence;
# such a line gives only a date its label stands close before ("Released today, the 3 March audit…" gives none)
_LABELLED_LINE = re.compile(r"(?:^|[|·•—–]\s*)(?:first\s+)?(published|posted|filed|issued|released)\b", re.I)
_BY_LINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[|·•—–,]|$)")
_UPDATED_LABEL = re.compile(r"\b(updated|modified|edited|revised)\b", re.I)


_WEEKDAYS = {name: i for i, names in enumerate(
    [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"), ("thu", "thur", "thurs", "thursday"),
     ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday")]) for name in names}
# Weekdays in other languages, written out or abbreviated where the abbreviation is no word of its own ("jue 05/06/2036"
# on a Spanish radio's page is Thursday 5 June; "mar" could be March, "dim" English): Spanish, Portuguese, French,
# German, Italian, Dutch, Polish and the Nordic languages
_FOREIGN_WEEKDAYS = [
    ("lunes", "lun", "segunda-feira", "lundi", "montag", "lunedì", "lunedi", "maandag", "poniedziałek", "pon",
     "mandag", "måndag"),
    ("martes", "terça-feira", "terca-feira", "mardi", "dienstag", "martedì", "martedi", "dinsdag", "wtorek",
     "tirsdag", "tisdag"),
    ("miércoles", "miercoles", "mié", "mie", "quarta-feira", "mercredi", "mittwoch", "mercoledì", "mercoledi",
     "woensdag", "środa", "śr", "onsdag"),
    ("jueves", "jue", "quinta-feira", "jeudi", "jeu", "donnerstag", "giovedì", "giovedi", "gio", "donderdag",
     "czwartek", "czw", "torsdag"),
    ("viernes", "vie", "sexta-feira", "vendredi", "freitag", "venerdì", "venerdi", "vrijdag", "piątek", "fredag"),
    ("sábado", "sabado", "sáb", "samedi", "samstag", "sonnabend", "zaterdag", "sobota", "lørdag", "lördag"),
    ("domingo", "dimanche", "sonntag", "domenica", "zondag", "niedziela", "søndag", "söndag"),
]
for _number, _names in enumerate(_FOREIGN_WEEKDAYS):
    for _name in _names:
        _WEEKDAYS.setdefault(_name, _number)
# the names a page may write in lower case: every full name, and the foreign abbreviations above ("sat" and "sun" in
# lower case are words, so English abbreviations count only with their capital)
_WEEKDAY_NAMES = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                            *(name for names in _FOREIGN_WEEKDAYS for name in names)))
_WEEKDAY = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")(?![^\W\d_])\.?",
                      re.I)
# how far before a slashed date (and after it) a weekday is read as that date's: "Wednesday 07/06/2028", "jue
# 05/06/2036 · 08:30", not a weekday elsewhere on the page
_WEEKDAY_REACH = 30


def _slash_date(first: int, second: int, year: int, text: str, latest: dt.date | None) -> dt.date | None:
    """The day a slashed date ``first/second/year`` means: the order a number over 12 settles, else the one reading
    whose weekday the text names, else the one reading that is not after ``latest`` (the collection's day: a page
    is not published after it is read). None when nothing settles it (03/04/2026: March or April)."""
    readings = []
    for month, day in ((first, second), (second, first)):
        with contextlib.suppress(ValueError):
            readings.append(dt.date(year, month, day))
    if len(readings) < 2 or readings[0] == readings[1]:
        return readings[0] if readings else None
    # a weekday written out, or abbreviated with its capital ("sat" and "sun" are words too)
    named = {_WEEKDAYS[m.group(1).lower()] for m in _WEEKDAY.finditer(text)
             if m.group(1).lower() in _WEEKDAY_NAMES or m.group(1)[0].isupper()}
    for keep in (lambda d: d.weekday() in named, lambda d: latest is not None and d <= latest):
        kept = [d for d in readings if keep(d)]
        if len(kept) == 1:
            return kept[0]
    return None


def _visible_dates(text: str, latest: dt.date | None = None) -> list[tuple[int, dt.date]]:
    """(position, date) of each calendar date written out in ``text`` whose reading is settled (see
    ``_slash_date``; ``latest``: the collection's day)."""
    found: list[tuple[int, dt.date]] = []
    for pattern, order in _VISIBLE_DATES:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            if "a" in parts:
                near = text[max(0, m.start() - _WEEKDAY_REACH):m.end() + _WEEKDAY_REACH]
                day = _slash_date(int(parts["a"]), int(parts["b"]), int(parts["y"]), near, latest)
                if day is not None:
                    found.append((m.start(), day))
                continue
            month = _MONTHS.get(parts["m"].lower().rstrip(".")) if not parts["m"].isdigit() else int(parts["m"])
            try:
                found.append((m.start(), dt.date(int(parts["y"]), month or 0, int(parts["d"]))))
            except ValueError:
                continue
    return sorted(found)


TIMESTAMP_LINE_CHARS = 100
TIMESTAMP_OTHER_WORDS = 4
_CLOCK = re.compile(r"\b\d{1,2}(?::|\s?h\s?)\d{2}\b|\b\d{1,2}[.:]\d{2}\s?[ap]\.?m\b", re.I)  # 11:40, 15 h 05, 3.05pm
_LETTER_WORD = re.compile(r"[^\W\d_]+")
# the year, month and day signs of a Chinese or Japanese date ("2054年11月20日"): parts of the date, not words
_CJK_DATE_PARTS = frozenset("年月日")


def _timestamp_line(text: str, latest: dt.date | None) -> bool:
    """A short line holding a date, a time of day and at most a few other words (a place, a weekday, "godz.", an
    agency's name): a time stamp, whatever the template calls it. A sentence with a date in it has more words."""
    found = _visible_dates(text, latest)
    if not found:
        return False
    words = [w for w in _LETTER_WORD.findall(text)
             if w.lower() not in _MONTHS and w.lower().rstrip(".") not in _WEEKDAYS and w not in _CJK_DATE_PARTS]
    return len(words) <= TIMESTAMP_OTHER_WORDS


def byline_time(tree: Any, latest: dt.datetime | None = None) -> PageTime | None:
    """A publication day written only in visible text: a byline, dateline or "Published …" line.

    Looks at short elements marked as bylines or dates (by class or id), at short "By A. Writer | …" lines and
    at lines with a "Published"/"Posted" label, never at the article's sentences, whose dates are what the
    story is about. A date
    labelled as published wins over one labelled as updated. Day precision: the time of day is not trusted.
    ``latest``: the collection's as-of time, which settles a slashed date's order when only one reading precedes it
    (by a day: the page's zone may be ahead of UTC).
    """
    latest_day = (latest + dt.timedelta(days=1)).date() if latest is not None else None
    texts: list[tuple[str, bool]] = []   # (text, whether only a date its label stands close before counts)
    latest_day_for_lines = (latest + dt.timedelta(days=1)).date() if latest is not None else None
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in {"script", "style", "noscript", "head", "title"}:
            continue
        marker = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemprop') or ''}"
        text = normalise_space(node.text_content() or "")
        if not text or len(text) > 160:
            continue
        if _BYLINE_CLASS.search(marker) or node.tag == "time" or (len(text) <= 100 and _BY_LINE.match(text)):
            texts.append((text, False))
        elif _LABELLED_LINE.search(text):
            texts.append((text, True))
        elif len(text) <= TIMESTAMP_LINE_CHARS and _CLOCK.search(text) and _timestamp_line(text, latest_day_for_lines):
            texts.append((text, False))   # "Stary Brzeg, 12.03.2031, godz. 11:40 (AIW)": a line that is a time stamp
    best: tuple[int, dt.date] | None = None
    for text, label_needed in texts:
        for pos, day in _visible_dates(text, latest_day):
            before = text[:pos]
            label = 0 if _PUBLISHED_LABEL.search(before[-40:]) else 2 if _UPDATED_LABEL.search(before[-40:]) else 1
            if label_needed and label != 0:
                continue
            if best is None or label < best[0]:
                best = (label, day)
    if best is None:
        return None
    day = best[1]
    return PageTime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), "day")


def trusted_canonical(tree: Any, page_url: str) -> tuple[str | None, str | None]:
    """(canonical URL, note) — a declared rel=canonical counts only on the same site, over http(s),
    and not pointing at the home page (a common CMS misconfiguration)."""
    links = _CANONICAL_HREFS(tree)
    if not links:
        return None, None
    declared = absolute_url(page_url, str(links[0]))
    if url_scheme(declared) not in {"http", "https"}:
        return None, f"rel=canonical {declared!r} ignored: not http(s)"
    if registrable_domain(url_host(declared)) != registrable_domain(url_host(page_url)):
        return None, f"rel=canonical {declared} ignored: another site"
    if is_home_page(declared) and not is_home_page(page_url):
        return None, f"rel=canonical {declared} ignored: points at the home page"
    return canonical_url(declared), None


def _author_reach() -> Any:
    """An XPath that, from one author candidate, finds what ``extract_author``'s prune would touch: a discarded
    element at or above the candidate (it would be gone) or inside it (its text would change). Built from
    trafilatura's own discard expressions; None when their shape is not the one this reads (then
    ``extract_author`` runs as it is)."""
    paths = [x.path.strip() for x in trafilatura_xpaths.AUTHOR_DISCARD_XPATHS]
    if len(paths) != 2 or not paths[0].startswith(".//*["):
        return None
    predicates = paths[0][len(".//*"):]
    tags = [part.strip()[2:] for part in paths[1].split("|")]
    if not all(part.strip().startswith("//") for part in paths[1].split("|")) or not all(t.isalpha() for t in tags):
        return None
    # the prune's './/*' starts below the root, hence [parent::*]; its '//time' reaches the whole document
    parts = [f"ancestor-or-self::*[parent::*]{predicates}", f".//*{predicates}"]
    parts += [f"{axis}{tag}" for tag in tags for axis in ("ancestor-or-self::", ".//")]
    return XPath(" | ".join(parts), namespaces={"re": trafilatura_xpaths.REGEXP_NS})


_AUTHOR_REACH = _author_reach()


def page_author(tree: Any) -> str | None:
    """``trafilatura.metadata.extract_author`` without copying and pruning the whole page first.

    trafilatura copies the tree, prunes comment sections, sidebars, dates and figures from the copy, then takes
    the first author candidate with a plausible text. Pruning only removes elements, and candidates are chosen
    by their tag and attributes, so the candidates of the pruned copy are those of the page the prune leaves
    alone, in the same order. Candidates are read here on the page itself; the first one the prune would
    touch (see ``_author_reach``) hands the page to ``extract_author``, as does a page whose root is not the
    document's (its expressions then read past the copy) or that holds a <rel> element (one candidate test
    reads a child's text, which the prune can change). tests/test_collect_units.py checks the equality.
    """
    meta = trafilatura_metadata
    if _AUTHOR_REACH is None or tree.getparent() is not None or tree.find(".//rel") is not None:
        return meta.extract_author(tree)
    for candidate in _author_candidates(tree):
        if _AUTHOR_REACH(candidate):
            return meta.extract_author(tree)
        content = meta.trim(" ".join(candidate.itertext()))
        if content and 2 < len(content) < 120:  # extract_author's extract_metainfo(..., len_limit=120)
            return meta.normalize_authors(None, content)
    return None


# trafilatura's three author expressions as plain tests on one element: the same matches in the same document
# order, at half the cost (their regular expressions run as XPath extension calls on every element) and read
# only as far as the first plausible author. Used only while trafilatura's expressions are the ones they were
# written from (the digest); a change there brings its own expressions back. The first expression's rel='me'
# (a <rel> child's text) is left out: page_author hands every page holding a <rel> element to extract_author.
_AUTHOR_XPATHS_DIGEST = "e2b00f1a6ccd057a655a872f5ced8cad3590d8ff42890ab3fe382bc5e6cf52d8"
_AUTHOR_TAGS = (frozenset({"a", "address", "div", "link", "p", "span", "strong"}), frozenset({"a", "div", "h3", "h4", "p", "span"}))
_AUTHOR_CLASS_NAME = re.compile("author-?name|AuthorName|authorName")
_AUTHOR_ID = re.compile("author|zuozhe|bianji|xiaobian")
_AUTHOR_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_AUTHOR_ID_ANY = re.compile("[Aa]uthor")
_AUTHOR_CLASS_ANY = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")


def _specific_author(node: Any) -> bool:
    if node.tag == "author":
        return True
    get = node.get
    return node.tag in _AUTHOR_TAGS[0] and (
        get("rel") == "author" or get("id") == "author" or get("class") == "author"
        or get("itemprop") == "author name" or get("data-testid") in ("AuthorCard", "AuthorURL")
        or _AUTHOR_CLASS_NAME.search(get("class") or "") is not None)


def _generic_author(node: Any) -> bool:
    get = node.get
    return node.tag in _AUTHOR_TAGS[1] and (
        get("class") in ("byline", "username", "byl", "BBL") or "author" in (get("itemprop") or "")
        or _AUTHOR_ID.search(get("id") or "") is not None or _AUTHOR_CLASS.search(get("class") or "") is not None)


def _any_author(node: Any) -> bool:
    get = node.get
    return ("Byline" in (get("data-component") or "") or "author" in (get("itemprop") or "")
            or _AUTHOR_ID_ANY.search(get("id") or "") is not None
            or _AUTHOR_CLASS_ANY.search(get("class") or "") is not None)


def _author_tests() -> tuple[Any, ...] | None:
    paths = "\0".join(x.path for x in trafilatura_xpaths.AUTHOR_XPATHS)
    if hashlib.sha256(paths.encode()).hexdigest() != _AUTHOR_XPATHS_DIGEST:
        return None
    return (_specific_author, _generic_author, _any_author)


_AUTHOR_TESTS = _author_tests()


def _author_candidates(tree: Any) -> Iterator[Any]:
    """The elements trafilatura's author expressions select on a page whose root is the document's, expression
    by expression, each in document order."""
    if _AUTHOR_TESTS is None:
        for expression in trafilatura_xpaths.AUTHOR_XPATHS:
            yield from expression(tree)
        return
    for test in _AUTHOR_TESTS:
        for node in tree.iter():
            if isinstance(node.tag, str) and test(node):
                yield node


@dataclass
class PageMetadata:
    """The metadata fields guancha keeps, as ``trafilatura.extract_metadata`` reads them."""

    title: str | None
    author: str | None
    sitename: str | None
    date: str | None
    section: str | None = None  # the site's section for the page (article:section, JSON-LD articleSection)
    sitename_declared: bool = False  # the page's meta names the site (og:site_name, JSON-LD), no guess from its title


def _trimmed(value: str | None) -> str | None:
    """One field as ``Document.clean_and_trim`` leaves it: cut, entities unescaped, spaces and controls gone."""
    if not isinstance(value, str):
        return value
    if len(value) > _TRIM_LIMIT:
        value = value[: _TRIM_LIMIT - 1] + "…"
    return line_processing(html.unescape(value))


def page_metadata(tree: Any, url: str, *, with_date: bool, latest: dt.datetime | None = None) -> PageMetadata:
    """Title, author, site name and (``with_date``) date, step for step as ``extract_metadata`` finds them,
    without the fields guancha never reads (host name, categories, tags, licence: a third of its time, and
    the host name loads the public-suffix list once per process) and without htmldate's date search when
    the page's own markup already dated it. tests/test_collect_units.py checks the equality with
    ``extract_metadata`` on every page the tests collect.

    ``latest``: the collection's as-of time. htmldate rejects any date after its ceiling (by default the machine's
    clock), so a collection replayed for another day (``--as-of``, ``guancha eval``) would lose every date it reads
    from a URL path; worse, a ceiling below the page's real date makes it answer another date it finds (the 1st of
    the month). The ceiling is a year after the as-of time: a page dated after the as-of time keeps its own date
    and stays out of that day's window."""
    meta = trafilatura_metadata
    found = meta.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    # extract_metadata's own guard around its JSON-LD reader (which fills ``found`` in place), kept so that the
    # results stay equal; a broken JSON-LD block costs its fields, never the page
    with contextlib.suppress(Exception):
        found = meta.extract_meta_json(tree, found)
    title = found.title or meta.extract_title(tree)
    author = found.author or page_author(tree)
    page_url = found.url or meta.extract_url(tree, url)
    date = None
    if with_date:
        ceiling = {"max_date": max(latest + dt.timedelta(days=DATE_CEILING_DAYS),
                                   dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d")} if latest is not None else {}
        date = find_date(tree, **{**_DATE_PARAMS, "url": page_url, **ceiling})
    declared = bool(found.sitename)
    sitename = found.sitename or sitename_in_title(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif page_url:
        match = meta.META_URL.match(page_url)
        if match:
            sitename = match[1]
    return PageMetadata(title=_trimmed(title), author=_trimmed(author), sitename=_trimmed(sitename),
                        date=_trimmed(date), section=page_section(tree, found.categories), sitename_declared=declared)


_SECTION_META = XPath('.//head//meta[@property="article:section"][@content]')


def page_section(tree: Any, json_ld_sections: Any = None) -> str | None:
    """The section the site files the page under: its ``article:section`` meta tag, else its JSON-LD
    ``articleSection`` (``json_ld_sections``, as trafilatura's JSON-LD reader lists them). Selection reads it as
    a sign of what the page is about (``guancha.sections``)."""
    for node in _SECTION_META(tree):
        value = normalise_space(str(node.get("content") or ""))
        if value:
            return value[:80]
    if isinstance(json_ld_sections, list):
        for value in json_ld_sections:
            if isinstance(value, str) and value.strip():
                return normalise_space(value)[:80]
    return None


# Class, id or itemprop words that mark a standfirst (dek, strapline, subtitle) in news templates.
_STANDFIRST_MARK = frozenset({"dek", "deck", "standfirst", "stand", "subhead", "subheading", "subheadline", "subtitle",
                              "sub-title", "strap", "strapline", "lede", "lead", "intro", "summary", "description",
                              "alternativeheadline"})
_STANDFIRST_OUTSIDE = frozenset({"nav", "aside", "footer", "ul", "ol", "li", "form", "button", "a", "figure",
                                 "figcaption", "table"})
_MARK_SPLIT = re.compile(r"[\s_-]+")
_STANDFIRST_MIN, _STANDFIRST_MAX = 20, 400


# Class or id words of the site's own header: a blog's "site-description" is its tagline ("Milking 380 cows on the
# Pukenui flats"), printed on every page, not a story's standfirst.
_SITE_CHROME_MARK = frozenset({"site", "masthead", "branding", "tagline", "logo"})


def _mark_words(node: Any) -> set[str]:
    return {w.lower() for part in (node.get("class"), node.get("id"), node.get("itemprop"))
            for w in _MARK_SPLIT.split(part or "") if w}


def _marked_standfirst(node: Any) -> bool:
    words = _mark_words(node)
    return bool(words & _STANDFIRST_MARK) and not words & _SITE_CHROME_MARK \
        and not _BYLINE_CLASS.search(" ".join(sorted(words)))


def page_standfirst(tree: Any, title: str | None) -> str | None:
    """The page's standfirst: the sentence under the headline that sums the story up ("Microcontrollers worth
    some six million crowns were bound for …"). Templates put it outside the article body, so trafilatura's
    extraction drops it, and with it the one figure that ties two outlets' reports of one event.

    Read from an element marked as such (class, id or itemprop: dek, standfirst, subtitle, …) or, failing
    that, a heading directly under the ``<h1>``; never from navigation, lists, links, asides or footers, never
    a byline. ``og:description`` stands in when the page marks none. Short (20–400 characters) and not just
    the headline again.
    """
    def usable(text: str) -> str | None:
        text = normalise_space(text)
        if not _STANDFIRST_MIN <= len(text) <= _STANDFIRST_MAX or _BY_LINE.match(text):
            return None
        if title and normalise_space(title).casefold() == text.casefold():
            return None
        return text

    def outside(node: Any) -> bool:
        return node.tag in _STANDFIRST_OUTSIDE or any(
            isinstance(up.tag, str) and (up.tag in _STANDFIRST_OUTSIDE or _mark_words(up) & _SITE_CHROME_MARK)
            for up in node.iterancestors())

    body = tree.find("body") if tree.tag == "html" else tree
    if body is None:
        return None
    for node in body.iter("p", "h2", "h3", "div"):
        if _marked_standfirst(node) and not outside(node) and len(node) <= 3:
            found = usable(node.text_content() or "")
            if found:
                return found
    for heading in body.iter("h1"):
        following = heading.getnext()
        if following is not None and following.tag in {"h2", "h3"} and not outside(following):
            found = usable(following.text_content() or "")
            if found:
                return found
        break
    for node in tree.iter("meta"):
        if (node.get("property") or node.get("name") or "").lower() in {"og:description", "twitter:description"}:
            found = usable(node.get("content") or "")
            if found:
                return found
    return None


def sitename_in_title(tree: Any) -> str | None:
    """A site's name from its ``<title>``: of a title in two segments, the one named like a site (an address,
    "TechNode.com", or a short name with every word capitalised, "Radio Brannock 96.4") beside one told like a
    headline (a word in lower case).

    trafilatura takes any segment with a full stop for the site's name, and so names the site by a headline that
    gives a figure or a date ("Train drivers will strike on 24 March; 3.900 trains will not run"): two pages of one
    site then count as two outlets, and the citation names a headline as its outlet.
    """
    _, first, second = trafilatura_metadata.examine_title_element(tree)
    if not first or not second:
        return None
    first, second = normalise_space(first), normalise_space(second)
    for name, other in ((second, first), (first, second)):
        if not any(c.isspace() for c in name) and "." in name:
            return name   # an address
        if named_like_a_site(name) and not named_like_a_site(other) and len(other.split()) >= 3:
            return name   # beside a headline, which has words in lower case
    return None


def _told_like_a_headline(segment: str, beside: str) -> bool:
    words = segment.split()
    return len(words) >= max(4, len(beside.split()) + 2) and any(w[:1].islower() for w in words)


SHORT_TITLE_WORDS = 4   # "Radio Kalinów 101,3 FM"


def headline_segment(tree: Any, title: str) -> str:
    """The headline half of a ``<title>`` that names the site first ("RPS | Farm company ordered to pay workers").

    Without a single ``<h1>``, trafilatura takes the title element's first segment when it has no full stop: the
    site's name, where a site puts its name first. A title that is one short segment of the element, named like a
    site (every word capitalised), gives way to a longer segment (four words, two more than it) told like a headline
    (some word in lower case)."""
    _, first, second = trafilatura_metadata.examine_title_element(tree)
    if not first or not second or title.strip() not in (first.strip(), second.strip()):
        return title
    other = normalise_space(second if title.strip() == first.strip() else first)
    site_first = len(title.split()) <= SHORT_TITLE_WORDS and named_like_a_site(title)
    return other if site_first and _told_like_a_headline(other, title) else title


def _extractor_for(url: str, base: Any = _EXTRACTOR) -> Any:
    """The shared trafilatura options with this page's URL, set as ``Extractor.__init__`` sets it."""
    options = copy.copy(base)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


PROSE_CELL_WORDS = 12


def is_layout_table(text: str) -> bool:
    """Whether extracted text is mostly one table row: a page whose layout is a table, not an article with a
    table in it (a data table's rows are short and many; a layout row holds the whole article)."""
    if not text.startswith("|"):
        return False
    lines = text.split("\n")
    longest = max(lines, key=len)
    if longest.startswith("|") and len(longest) >= 0.5 * len(text) and len(longest) >= 400:
        return True
    # or most of the text in table rows whose cells are prose (sentences of a dozen words and more): a page laid out
    # in a table row by row, which a data table's short cells never are
    rows = [line for line in lines if line.startswith("|")]
    row_chars = sum(map(len, rows))
    prose = sum(len(cell) for row in rows for cell in row.split("|") if len(cell.split()) >= PROSE_CELL_WORDS)
    return row_chars >= 0.5 * len(text) and prose >= 0.5 * row_chars


def extract_page(body: bytes, content_type: str | None, url: str, latest: dt.datetime | None = None) -> ExtractedPage:
    """Decode, extract main text and metadata. Never raises on bad HTML: an empty text means 'use the
    feed summary'. ``latest``: the collection's as-of time, the newest date a page may carry."""
    decoded = decode_web_bytes(body, content_type)
    repairs = list(decoded.repairs)
    tree: Any = None
    own_tree: Any = None
    if decoded.text.strip():
        try:
            # parsed once, as trafilatura parses it; bare_extraction works on its own copy of this tree
            tree = own_tree = load_html(decoded.text)
            if own_tree is None:  # trafilatura refuses the document; the page's own markup may still date it
                own_tree = lxml_html.document_fromstring(decoded.text)
        except (ParserError, XMLSyntaxError, ValueError):
            own_tree = None
    published = page_time(own_tree) if own_tree is not None else None
    canonical, note = trusted_canonical(own_tree, url) if own_tree is not None else (None, None)
    doc: Any = None
    metadata: PageMetadata | None = None
    if tree is not None:
        try:
            doc = trafilatura.bare_extraction(tree, options=_extractor_for(url))
            if doc is not None and is_layout_table(str(getattr(doc, "text", None) or "")):
                # bare_extraction read its own copy: the parsed tree is intact for a second reading
                plain = trafilatura.bare_extraction(tree, options=_extractor_for(url, _LAYOUT_EXTRACTOR))
                if plain is not None and getattr(plain, "text", None):
                    doc = plain
            if doc is not None:  # no text, no metadata: as trafilatura's extraction with metadata answers
                metadata = page_metadata(own_tree, url, with_date=published is None, latest=latest)
        except (ValueError, TypeError, ParserError, XMLSyntaxError, RecursionError):
            doc = metadata = None
    data: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    if metadata is not None:
        data.update(title=metadata.title, author=metadata.author, sitename=metadata.sitename, date=metadata.date)
    text = drop_misdecoded(fix_text(normalise_space(str(data.get("text") or "")), repairs, what="text"), repairs)
    title = fix_text(normalise_space(str(data.get("title") or "")), repairs, what="title") or None
    if title is None and own_tree is not None:
        found = _TITLE_TEXT(own_tree)
        title = fix_text(normalise_space(str(found[0])), repairs, what="title") if found else None
    if title is not None and own_tree is not None:
        title = fix_text(headline_segment(own_tree, title), repairs, what="title") or title
    if published is None and data.get("date"):
        published = parse_time(str(data["date"]))
        if published is not None and _DATE_ONLY.match(str(data["date"]).strip()):
            published.precision = "day"
    if published is None and own_tree is not None:
        published = byline_time(own_tree, latest)
    standfirst = page_standfirst(own_tree, title) if own_tree is not None and text else None
    if standfirst:
        standfirst = drop_misdecoded(fix_text(standfirst, repairs, what="standfirst"), repairs)
        if not standfirst or normalise_space(standfirst).casefold() in text[:3000].casefold():
            standfirst = None  # the body already says it
    author = fix_text(normalise_space(str(data.get("author") or "")), repairs, what="author") or None
    sitename = fix_text(normalise_space(str(data.get("sitename") or "")), repairs, what="site name") or None
    return ExtractedPage(
        text=text,
        title=title,
        author=author,
        sitename=sitename,
        sitename_declared=metadata is not None and metadata.sitename_declared and sitename is not None,
        language=(str(data["language"]) if data.get("language") else None),
        published=published,
        canonical=canonical,
        canonical_note=note,
        decoded=decoded,
        repairs=repairs,
        standfirst=standfirst,
        section=metadata.section if metadata is not None else None,
    )
