"""Outlets: who published a page, compared loosely, and their branding on headlines.

One home for both select (counting independent outlets, headlines as evidence) and the writers (headlines and
source lines a reader sees).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def outlet_name(outlet: str | None, url: str, title: str | None = None) -> str:
    """Who published an article, for counting independent outlets and naming citations.

    A stored outlet that is only the host (or an IP address), or that merely repeats the title, says nothing;
    then the host names the outlet, and on a host without a domain name (an IP address, ``localhost``, where
    several sites can share one server) the first path segment does.
    """
    name = " ".join((outlet or "").split())
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    netloc = parts.netloc.lower()
    title_key = re.sub(r"\W+", "", (title or "").lower())
    name_key = re.sub(r"\W+", "", name.lower())
    meaningless = (
        not name or name.lower() in {host, netloc, host.removeprefix("www.")}
        or (bool(title_key) and name_key == title_key) or len(name.split()) > 8
        or bool(re.fullmatch(r"[\d.:\[\]a-f]+", name.lower()))
    )
    if not meaningless:
        return name
    if host == "localhost" or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        segment = next((p for p in parts.path.split("/") if p), "")
        if segment and not segment.isdigit() and "." not in segment:
            return segment.replace("-", " ").replace("_", " ").title()
    return host.removeprefix("www.") or "unknown"


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


def strip_outlet_branding(title: str, outlet: str) -> str:
    """``title`` without a leading or trailing segment that only names ``outlet``: the outlet's whole name or its
    first segment (a feed titled "Lenna Evening Post - Local" brands its pages "... :: Lenna Evening Post"; later
    segments are sections, "Local", "Business", no outlet's name)."""
    keys = {_brand_key(outlet), _brand_key(_TITLE_SEPARATOR.split(outlet, maxsplit=1)[0])} - {""}
    text = title.strip()
    if not keys:
        return title

    def names_outlet(segment: str) -> bool:
        key = _brand_key(segment)
        if key in keys:
            return True
        # a longer name of the outlet ("Kahuroa Advocate" where the outlet is known as "Advocate", "CKMH 98.7 FM" as
        # "Ckmh"): a short name, every word capitalised, that ends or begins with the outlet's name
        words = segment.split()
        return 1 < len(words) <= BRAND_MAX_WORDS and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
            and any(len(k) >= BRAND_MIN_KEY and (key.endswith(k) or (key.startswith(k) and _brand_suffix(words[1:])))
                    for k in keys)

    # a wire's "NCPA: Nurses to strike": a colon parts the outlet's name from the headline only at the start (a
    # later colon is the headline's own, "Maternity: what inspectors found")
    label, colon, rest = text.partition(": ")
    if colon and names_outlet(label) and rest.strip():
        return rest.strip()
    separators = list(_TITLE_SEPARATOR.finditer(text))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    if names_outlet(text[:first.start()]) and text[first.end():].strip():
        return text[first.end():].strip()
    if names_outlet(text[last.end():]) and text[:last.start()].strip():
        return text[:last.start()].strip()
    return title
