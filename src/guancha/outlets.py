"""Outlets: who published a page, compared loosely, and their branding on headlines.

One home for both select (counting independent outlets, headlines as evidence) and the writers (headlines and
source lines a reader sees).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from guancha.collect.urls import shared_host_segment

# a first path segment this short and all letters is an outlet's initials
_INITIALS_MAX = 3


def outlet_name(outlet: str | None, url: str, title: str | None = None) -> str:
    """Who published an article, for counting independent outlets and naming citations.

    A stored outlet that is only the host (or an IP address), or that merely repeats the title, says nothing;
    then the host names the outlet, and on a host without a domain name (an IP address, ``localhost``, where
    several sites can share one server) the first path segment does.
    """
    name = " ".join((outlet or "").split())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    title_key = re.sub(r"\W+", "", (title or "").lower())
    name_key = re.sub(r"\W+", "", name.lower())
    meaningless = (
        names_only_the_host(name, url) or (bool(title_key) and name_key == title_key) or len(name.split()) > 8
    )
    if not meaningless:
        return name
    segment = shared_host_segment(url)
    if segment and not segment.isdigit() and "." not in segment:
        if len(segment) <= _INITIALS_MAX and segment.isalpha():
            return segment.upper()   # "/sps/", "/npa/": initials ("SPS"), not a word ("Sps")
        return segment.replace("-", " ").replace("_", " ").title()
    return host.removeprefix("www.") or "unknown"


def names_only_the_host(name: str | None, url: str) -> bool:
    """Whether an outlet name says nothing the URL does not: empty, the page's host (with or without its port or
    "www."), or an IP address. A site name read from the address is no name; the feed's title is a better one."""
    name = " ".join((name or "").split()).lower()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return not name or name in {host, parts.netloc.lower(), host.removeprefix("www.")} \
        or bool(re.fullmatch(r"[\d.:\[\]a-f]+", name))


def outlet_key(name: str) -> str:
    """Outlet names compared loosely: 'Dragon Wire' and 'dragonwire' are one outlet."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


BRAND_MAX_WORDS = 4
BRAND_MIN_KEY = 4
_TITLE_SEPARATOR = re.compile(r"\s+(?:::|\||[-–—]|·|»)\s+|\s*::\s*")


def _brand_key(name: str) -> str:
    """``outlet_key`` without a leading "The" ("The Lenna Evening Post" is "Lenna Evening Post"), and of a host its
    name ("www.TechNode.com" is "TechNode")."""
    name = name.strip()
    if " " not in name and "." in name:
        name = name.lower().removeprefix("www.").split(".")[0]
    key = outlet_key(name)
    return key[3:] if key.startswith("the") and len(key) >= 9 else key


# What a masthead adds after its name: a frequency and band ("98.7 FM"), a call sign, "Online", "News".
_BRAND_SUFFIX_WORDS = frozenset({"news", "online", "radio", "tv", "daily", "digital", "live", "fm", "am"})


def _brand_suffix(words: list[str]) -> bool:
    return bool(words) and all(w.lower() in _BRAND_SUFFIX_WORDS or w[:1].isdigit() or (w.isupper() and len(w) <= 4)
                               for w in words)


def _brand_core(name: str) -> str:
    """``_brand_key`` of a name without the masthead words it ends with ("CKMH 98.7 FM News" is "ckmh"), its first
    word always kept."""
    words = name.split()
    keep = len(words)
    while keep > 1 and _brand_suffix(words[keep - 1:keep]):
        keep -= 1
    return _brand_key(" ".join(words[:keep]))


def _brand_keys(outlet: str) -> set[str]:
    """The keys a title may name ``outlet`` by: its whole name and its first segment, each also without its masthead
    words (a feed titled "CKMH 98.7 FM News" brands its pages "CKMH 98.7 FM :: ...")."""
    names = {outlet, _TITLE_SEPARATOR.split(outlet, maxsplit=1)[0]}
    cores = {core for core in map(_brand_core, names) if len(core) >= BRAND_MIN_KEY}
    # an outlet known by its acronym and a section ("NCPA Health") brands its pages by the acronym ("NCPA: ...")
    acronyms = {_brand_key(first) for first in (outlet.split()[:1]) if len(first) >= 3 and first.isalpha()
                and first.isupper()}
    return ({_brand_key(name) for name in names} | cores | acronyms) - {""}


def _names_outlet(segment: str, keys: set[str]) -> bool:
    """Whether a title segment only names the outlet whose ``_brand_keys`` are ``keys``."""
    key = _brand_key(segment)
    if key in keys:
        return True
    words = segment.split()
    if not (len(words) <= BRAND_MAX_WORDS and all(w[:1].isupper() or w[:1].isdigit() for w in words)):
        return False   # a masthead is a short name, every word capitalised
    if _brand_core(segment) in keys:
        return True   # the outlet's name with other masthead words ("CKMH 98.7 FM" of "CKMH 98.7 FM News")
    # a longer name of the outlet ("Kahuroa Advocate" where the outlet is known as "Advocate", "CKMH 98.7 FM" as
    # "Ckmh"): one that ends or begins with the outlet's name
    return len(words) > 1 and any(
        len(k) >= BRAND_MIN_KEY and (key.endswith(k) or (key.startswith(k) and _brand_suffix(words[1:]))) for k in keys)


def names_the_outlet(title: str, outlet: str) -> bool:
    """Whether a page's title is only its outlet's name ("Radio Kalinów 101,3 FM" on a page of "Radio Kalinów 101,3
    FM - News"): no headline at all, where the feed's title for the item is one."""
    keys = _brand_keys(outlet)
    return bool(keys) and bool(title.strip()) and _names_outlet(title, keys)


SITE_NAME_MAX_WORDS = 5


def named_like_a_site(segment: str) -> bool:
    """A short name, every word capitalised or a number but for short joining words inside ("Radio Brannock 96.4",
    "Tory i Ludzie", "Bank of Sora"); a headline has longer words in lower case."""
    words = [w.removeprefix("(") for w in segment.split()]   # "Agencia Pallqa de Noticias (APN)": its initials too
    return 0 < len(words) <= SITE_NAME_MAX_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() or (k > 0 and len(w) <= 3 and w.isalpha()) for k, w in enumerate(words))


# Words of a feed's section label, no outlet's name: "Latest News | Orra Daily", "Home - Orra Daily".
_SECTION_LABEL_WORDS = frozenset({
    "home", "news", "latest", "top", "stories", "headlines", "breaking", "business", "sport", "sports", "world",
    "local", "national", "politics", "tech", "technology", "opinion", "all", "articles", "feed", "rss", "updates",
    "front", "page", "main", "the", "and", "of", "from", "in", "&", "-",
})


def outlet_from_feed_title(title: str) -> str:
    """The outlet a feed's title names: its first segment named like a site, without the section or slogan beside it
    ("The Pacific Ledger - Business & Tech" is "The Pacific Ledger", "Latest News | Orra Daily" is "Orra Daily"), so
    that its pages' citations name the outlet as their own titles brand it."""
    title = " ".join(title.split())
    # a bilingual outlet gives its name in both languages ("Sarnow Press Service / Sarnower Pressedienst"): each is a
    # segment, and the first named like a site is the name
    segments = [s.strip() for part in _TITLE_SEPARATOR.split(title) for s in part.split(" / ") if s.strip()]
    if len(segments) < 2:
        return title
    return next((s for s in segments if named_like_a_site(s)
                 and not all(w.lower() in _SECTION_LABEL_WORDS for w in s.split())), title)


def strip_outlet_branding(title: str, outlet: str) -> str:
    """``title`` without a leading or trailing segment that only names ``outlet``: the outlet's whole name or its
    first segment (a feed titled "Lenna Evening Post - Local" brands its pages "... :: Lenna Evening Post"; later
    segments are sections, "Local", "Business", no outlet's name)."""
    keys = _brand_keys(outlet)
    text = title.strip()
    if not keys:
        return title

    # a wire's "NCPA: Nurses to strike": a colon parts the outlet's name from the headline only at the start (a
    # later colon is the headline's own, "Maternity: what inspectors found")
    label, colon, rest = text.partition(": ")
    if colon and _names_outlet(label, keys) and rest.strip():
        return rest.strip()
    separators = list(_TITLE_SEPARATOR.finditer(text))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if _names_outlet(text[:first.start()], keys) and text[first.end():].strip():
        return text[first.end():].strip()
    if _names_outlet(text[last.end():], keys) and text[:last.start()].strip():
        return text[:last.start()].strip()
    return title
