"""Text helpers the checks share: sentences, words, numbers (normalised for grounding), quotes, URLs.

Numbers are compared as values, not strings, so "1.6 trillion", "1.6T" and "1,600 billion" are the same
figure and "60%" equals "60 percent"; a rounded figure matches a more precise one in the source.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from guancha.textutil import WORD_RE, split_sentences

# --------------------------------------------------------------------------- words and sentences

CITATION_MARK_RE = re.compile(r"\[(?:S\d+(?:\s*,\s*S?\d+)*)\]")
# link text holds no "[": each "[" then starts at most one scan, so a line of "[[[[" stays linear
MD_LINK_RE = re.compile(r"\[([^\[\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# MD_LINK_RE in parts, for link_texts: every "[a](" of an unclosed run would scan its destination to the same end
_LINK_OPEN_RE = re.compile(r"\[([^\[\]]*)\]\(")
_DESTINATION_END_RE = re.compile(r"[)\s]|\Z")
_LINK_CLOSE_RE = re.compile(r"(?:\s+\"[^\"]*\")?\)")
BARE_URL_RE = re.compile(r"\b(?:https?|file|ftp)://[^\s<>\"')\]]+", re.I)

_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")
_NON_WORD_RE = re.compile(r"[^\w\s]")
_SPACES_RE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def plain_text(markdown: str) -> str:
    """Markdown inline markup reduced to the words a reader sees (link text kept, URLs dropped).

    Cached, like ``normalise_for_match``: the rules of one check reduce the same lines several times."""
    text = link_texts(markdown)
    text = CITATION_MARK_RE.sub("", text)
    return _EMPHASIS_RE.sub("", text)


def link_texts(markdown: str) -> str:
    """``MD_LINK_RE.sub(r"\\1", markdown)`` in linear time: each link reduced to its text.

    The destination runs to the first ")" or space; every link opened before that point ends there too, so where
    the close fails there it fails for all of them and is not tried again ("[a](" * 10,000 took 15 s)."""
    out: list[str] = []
    done = 0                # markdown[:done] is settled
    end = failed = -1       # the last destination end found, and the last end where the close failed
    for m in _LINK_OPEN_RE.finditer(markdown):
        if m.start() < done:
            continue
        if m.end() > end:
            end = _DESTINATION_END_RE.search(markdown, m.end()).start()  # type: ignore[union-attr]  # \Z matches
        if end == m.end() or end == failed:
            continue
        close = _LINK_CLOSE_RE.match(markdown, end)
        if close is None:
            failed = end
            continue
        out += (markdown[done:m.start()], m.group(1))
        done = close.end()
    out.append(markdown[done:])
    return "".join(out)


def words(text: str) -> list[str]:
    """The words a reader sees in Markdown: link text kept, URLs and citation markers ignored."""
    return WORD_RE.findall(BARE_URL_RE.sub(" ", plain_text(text)))


def word_count(text: str) -> int:
    return len(words(text))


@functools.lru_cache(maxsize=4096)
def normalise_for_match(text: str) -> str:
    """Lowercase, unify quotes/dashes, keep letters and digits only: for comparing quotes and sentences."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _NON_WORD_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


# --------------------------------------------------------------------------- numbers

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "t": 1e12,
}
_AMBIGUOUS_SCALES = {"k", "m", "b", "t"}  # "5m" may be metres, "2T" may be a model name
NUMBER_RE = re.compile(
    r"(?<![\w.\-/])"
    r"(?P<cur>US\$|[$€£¥]|RMB\s?|USD\s?|CNY\s?|EUR\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:[\s-]?(?P<pct>%|percent\b|per\s?cent\b|pct\b|percentage points?\b))?"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|bn|tn|trn|mn|mln|[kKmMbBtT])(?![\w]))?",
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_MD_RE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I)
DATE_DM_RE = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\b\.?(?:,?\s+(?P<year>\d{{4}}))?", re.I)
DATE_ISO_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "dozen": 12, "half": 50})


def month_number(name: str) -> int:
    """1-12 for a month name or its abbreviation ("Sept", "May", "december")."""
    return _MONTHS[name.lower().rstrip(".")]


@dataclass(frozen=True)
class Figure:
    """One figure found in text: its kind, the values it may mean, and how close a match must be."""

    text: str
    kind: str  # "quantity", "percent", "date", "year"
    values: tuple[float, ...]
    tolerances: tuple[float, ...]
    start: int

    def matches(self, other: Figure) -> bool:
        if self.kind == "date" or other.kind == "date":
            return self.kind == other.kind and self.values[:2] == other.values[:2]
        kinds = {self.kind, other.kind}
        if len(kinds) > 1 and kinds != {"quantity", "year"}:
            return False
        return any(
            abs(a - b) <= tol + 1e-9 * max(abs(a), 1.0)
            for a, tol in zip(self.values, self.tolerances, strict=True)
            for b in other.values
        )


def _date_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of every written date."""
    spans: list[tuple[int, int, int, int]] = []
    for rx in (DATE_MD_RE, DATE_DM_RE):
        for m in rx.finditer(text):
            day = int(m.group("day"))
            if 1 <= day <= 31:
                spans.append((m.start(), m.end(), _MONTHS[m.group("month").lower()], day))
    for m in DATE_ISO_RE.finditer(text):
        month, day = int(m.group("month")), int(m.group("day"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            spans.append((m.start(), m.end(), month, day))
    return spans


def extract_figures(text: str, *, include_words: bool = False) -> list[Figure]:
    """Every figure in ``text``: amounts (with scale words and currencies), percentages, dates and years.

    Digits that belong to names (V4, Qwen3.5, H100, GPT-4) are not figures. With ``include_words``,
    number words ("three", "a dozen") count too - used on source text, where writers paraphrase digits.
    """
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for start, end, month, day in _date_spans(text):
        figures.append(Figure(text[start:end], "date", (float(month), float(day)), (0.0, 0.0), start))
        taken.append((start, end))
        year_m = re.search(r"\d{4}", text[start:end])
        if year_m:
            taken.remove((start, end))
            taken.append((start, start + year_m.start()))
    for m in NUMBER_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        raw = m.group("num")
        value = float(raw.replace(",", ""))
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        if m.group("pct"):
            figures.append(Figure(m.group(0).strip(), "percent", (value,), (0.5 * 10**-decimals,), m.start()))
            continue
        scale_word = (m.group("scale") or "").lower()
        scale = _SCALES.get(scale_word, 1.0)
        if not m.group("cur") and not scale_word and decimals == 0 and "," not in raw and 1900 <= value <= 2100:
            figures.append(Figure(raw, "year", (value,), (0.0,), m.start()))
            continue
        tol = 0.5 * 10**-decimals
        values: tuple[float, ...]
        tols: tuple[float, ...]
        if scale_word in _AMBIGUOUS_SCALES:
            values, tols = (value * scale, value), (tol * scale, tol)
        else:
            values, tols = (value * scale,), (tol * scale,)
        figures.append(Figure(m.group(0).strip(), "quantity", values, tols, m.start()))
    if include_words:
        for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", text, re.I):
            v = float(_NUMBER_WORDS[m.group(1).lower()])
            kind = "quantity"
            after = text[m.end() : m.end() + 12].lower()
            if after.lstrip().startswith(("percent", "per cent")):
                kind = "percent"
            figures.append(Figure(m.group(0), kind, (v,), (0.0,), m.start()))
    return figures


def figures_needing_support(sentence: str, *, report_year: int | None = None) -> list[Figure]:
    """The figures in a report sentence that a cited source must contain.

    Small bare counts (0-10, no unit), the report's own year and footnote-like digits are left out: they
    are rarely claims and usually paraphrase number words.
    """
    out = []
    for f in extract_figures(plain_text(sentence)):
        if f.kind == "year" and report_year is not None and abs(f.values[0] - report_year) <= 0:
            continue
        if f.kind == "quantity" and len(f.values) == 1 and f.values[0] <= 10 and f.tolerances[0] <= 0.5 and not re.search(
            r"[$€£¥%]|RMB|USD", f.text
        ):
            continue
        out.append(f)
    return out


# --------------------------------------------------------------------------- quotes

QUOTE_RE = re.compile(r"“([^”]{3,600})”|\"([^\"\n]{3,600})\"")


CITATION_GROUP_RE = re.compile(r"\s*\(\s*\[[^\]]*\]\([^)\s]+\)(?:\s*[;,]\s*\[[^\]]*\]\([^)\s]+\))*\s*\)")


def strip_citations(markdown: str) -> str:
    """Prose without its citation groups ("([Outlet](url); [Other](url))") and [S1] marks: what the
    writer claims, as opposed to where it says the claim comes from."""
    return CITATION_MARK_RE.sub("", CITATION_GROUP_RE.sub("", markdown))


def quoted_spans(text: str, *, min_words: int = 4) -> list[str]:
    """Quoted passages long enough to be a claim about what someone said or wrote (not scare quotes).
    Citations the renderer placed inside a quotation are not part of it."""
    spans = []
    for m in QUOTE_RE.finditer(plain_text(strip_citations(text))):
        span = (m.group(1) or m.group(2) or "").strip()
        if len(WORD_RE.findall(span)) >= min_words:
            spans.append(span)
    return spans


def quote_found(span: str, source_text: str) -> bool:
    """True when every fragment of the quote (split at ellipses) occurs in the source, ignoring case,
    punctuation and quote styles."""
    haystack = normalise_for_match(source_text)
    fragments = [normalise_for_match(f) for f in re.split(r"\.\.\.|…|\[[^\]]*\]", span)]
    fragments = [f for f in fragments if f]
    return bool(fragments) and all(f in haystack for f in fragments)


# --------------------------------------------------------------------------- URLs

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ncid)$", re.I)


_PLACEHOLDER_HOSTS = re.compile(
    r"^(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost|local|localdomain)$"
    r"|^(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+)$",
    re.I,
)
# A placeholder fills a whole path segment or query value ("/TODO", "?url=your-link-here", "/insert-link-here.html",
# "/xxx/"), or sits in brackets or braces ("/2026/11/[insert-link-here]", "?id={id}"). Counter-case: a real slug that
# holds such a word among others is a page ("/todo-lo-que-hay-que-saber" in Spanish, "/crash-test-dummy-rules").
_PLACEHOLDER_WORD = (r"(?:placeholder|your[-_]?(?:url|link|site|domain|page)|todo|tbd|insert[-_]?(?:link|url)|"
                     r"lorem[-_]?ipsum|x{3,}|url|link|dummy|here|goes)")
_PLACEHOLDER_PATH = re.compile(
    r"(?:^|[/=])" + _PLACEHOLDER_WORD + r"(?:[-_]" + _PLACEHOLDER_WORD + r"){0,4}(?=$|[/?#&]|\.html?(?:$|[?#]))"
    r"|\[[^\]/]{0,60}\]|\{[^}/]{0,60}\}",
    re.I,
)
# the words a placeholder segment may be made of alone would also be real segments: "/link", "/url", "/here"
_PLAIN_SEGMENTS = re.compile(r"(?:^|[/=])(?:url|link|here|goes)(?=$|[/?#&]|\.html?(?:$|[?#]))", re.I)


def placeholder_reason(url: str) -> str | None:
    """Why a link is a placeholder rather than a real public page, or None."""
    raw = url.strip()
    if not raw or raw in {"#", "URL", "url", "link", "LINK"} or raw.startswith(("#", "[", "<")):
        return "the link has no target"
    try:
        parts = urlsplit(raw)
    except ValueError:
        return "the link is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme in {"javascript", "vbscript"}:
        return f"a {scheme}: link runs code in the reader's browser when followed; it is no source"
    if scheme in {"file", "data", "about", "chrome", "vscode"}:
        return f"a {scheme}: link points at a local or inline resource, not a public page"
    if scheme not in {"http", "https"}:
        return "the link is not an http(s) URL" if scheme else "the link is relative or has no scheme"
    host = parts.hostname or ""
    if not host:
        return "the link has no host"
    if _PLACEHOLDER_HOSTS.match(host):
        return f"{host} is a placeholder or private host"
    where = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    for m in _PLACEHOLDER_PATH.finditer(where):
        if not _PLAIN_SEGMENTS.fullmatch(m.group(0)):
            return f"the link's path has a placeholder in it ({m.group(0).strip('/=')[:40]!r})"
    return None


_ARXIV_ID_RE = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<seq>\d{4,5})(?:v(?P<v>\d+))?",
                          re.I)
_DOI_RE = re.compile(r"(?:doi\.org/|/doi/(?:full/|abs/|pdf/)?)(?P<doi>10\.\d{4,9}/[^\s?#]+)", re.I)
_ALL_ZERO_GROUP = re.compile(r"(?<!\d)0{4,}(?!\d)")
_SEQUENTIAL = re.compile(r"(?<!\d)(?:12345|123456|1234567|98765)(?!\d)")


# DOI prefixes no publisher holds: 10.5555 is reserved by Crossref for examples, 10.1234 and 10.0000 are what
# writers (and language models) put in a made-up DOI
_EXAMPLE_DOI_PREFIXES = frozenset({"10.5555", "10.1234", "10.0000", "10.12345"})


def fabricated_reason(url: str, *, report_date: dt.date | None = None) -> str | None:
    """Why a link's identifier looks made up (all-zero DOI or article number, impossible arXiv id), or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    path = parts.path
    m = _ARXIV_ID_RE.search(url)
    if m:
        yy, mm, seq = int(m.group("yy")), int(m.group("mm")), int(m.group("seq"))
        if mm < 1 or mm > 12:
            return f"arXiv id {m.group(0).rsplit('/', 1)[-1]} has month {mm:02d}, which does not exist"
        if seq == 0 or len(set(m.group("seq"))) == 1:
            return f"arXiv id {m.group(0).rsplit('/', 1)[-1]} has a made-up sequence number"
        if m.group("v") is not None and (m.group("v").startswith("0")):
            # arXiv numbers a paper's versions from v1: "v0" or "v01" was never published
            return f"arXiv id {m.group(0).rsplit('/', 1)[-1]} names version v{m.group('v')}, which arXiv never issues"
        if report_date is not None:
            month_index = (2000 + yy) * 12 + mm
            if month_index > report_date.year * 12 + report_date.month:
                return f"arXiv id {yy:02d}{mm:02d}.{m.group('seq')} is from after the report date {report_date}"
    d = _DOI_RE.search(url)
    if d:
        prefix, suffix = d.group("doi").split("/", 1)
        if prefix in _EXAMPLE_DOI_PREFIXES:
            return f"DOI {d.group('doi')[:60]} uses the prefix {prefix}, which documentation uses for made-up examples"
        if not re.search(r"\d", suffix) and len(suffix) <= 12:
            return f"DOI {d.group('doi')} has no article number"
    if _ALL_ZERO_GROUP.search(path) and (d or m or re.search(r"/(?:articles?|abs|doi|papers?|pii)/", path, re.I)):
        return "the identifier in the link is all zeros"
    if _SEQUENTIAL.search(path) and (d or re.search(r"/(?:articles?|doi|papers?)/", path, re.I)):
        return "the identifier in the link is a counting sequence"
    return None


__all__ = [
    "Figure",
    "extract_figures",
    "fabricated_reason",
    "figures_needing_support",
    "normalise_for_match",
    "placeholder_reason",
    "plain_text",
    "quote_found",
    "quoted_spans",
    "split_sentences",
    "word_count",
    "words",
]
