"""Link rules: placeholders, fabricated or disallowed hosts, sources reused across days, stale sources."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import pairwise
from urllib.parse import unquote, urlsplit

from guancha.briefing import EARLIER_REPORT_HREF_RE, Link, numeric_or_foreign_date
from guancha.check.findings import Finding
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    BARE_URL_RE,
    fabricated_reason,
    placeholder_reason,
)
from guancha.check.view import BriefingView
from guancha.collect.urls import (
    hide_url_secrets,
    page_copy_key,
    page_key,
    registrable_domain,
    url_host,
    url_is_allowed,
)


def _distinct_links(doc: BriefingView) -> list[tuple[Link, int | None]]:
    """Each distinct URL once, at its first place in the report."""
    seen: set[str] = set()
    out = []
    for link, story in sorted(_every_link(doc), key=lambda p: p[0].line or 0):
        if link.url not in seen:
            seen.add(link.url)
            out.append((link, story))
    return out


def _every_link(doc: BriefingView) -> list[tuple[Link, int | None]]:
    """Every link in the report with the story it belongs to (None outside stories).

    Linear in the number of links: what was seen is kept in sets (a scan of every earlier URL per link made a
    report of 80,000 links run for a quarter of an hour)."""
    out: list[tuple[Link, int | None]] = []
    seen: set[tuple[str, int | None]] = set()
    seen_urls: set[str] = set()   # the URLs of ``seen``: "this URL anywhere already" is one look-up, not a scan
    story_of = _story_finder(doc)

    def add(link: Link, story: int | None) -> None:
        seen.add((link.url, link.line))
        seen_urls.add(link.url)
        out.append((link, story))

    for story in doc.stories:
        for link in story.inline_links + story.sources:
            if (link.url, link.line) not in seen:
                add(link, story.number)
    for paper in doc.papers:
        if paper.url and (paper.url, paper.line) not in seen:
            add(Link(text=paper.title or "", url=paper.url, line=paper.line), None)
    # a follow-up's link to the earlier report's page on the same site is relative on purpose: not a source
    report_links = {(s.earlier_report.url, s.earlier_report.line) for s in doc.stories if s.earlier_report is not None
                    and EARLIER_REPORT_HREF_RE.fullmatch(s.earlier_report.url)}
    for link in doc.all_links:
        if (link.url, link.line) in report_links:
            continue
        if link.url not in seen_urls:   # an address seen at another line is the same source, listed once
            add(link, story_of(link.line))
    for link in _refused_markdown_links(doc):
        if (link.url, link.line) not in seen:
            add(link, story_of(link.line))
    for ln in doc.lines:
        for m in BARE_URL_RE.finditer(ln.text):
            url = m.group(0).rstrip(".,;:")
            if url not in seen_urls:
                add(Link(text="", url=url, line=ln.line), story_of(ln.line))
    return out


def _story_finder(doc: BriefingView) -> Callable[[int | None], int | None]:
    """``doc.story_of_line`` by bisection when the stories are in line order (they are, as parsed): that method
    walks every story per call, and a report of many links and many stories asks once per link."""
    lines = [s.line for s in doc.stories if s.line is not None]
    if len(lines) != len(doc.stories) or any(a > b for a, b in pairwise(lines)):
        return doc.story_of_line   # a story without a line, or stories out of line order: the method's own walk
    numbers = [s.number for s in doc.stories]
    papers_from = doc.papers[0].line if doc.papers else None

    def story_of(line: int | None) -> int | None:
        if line is None:
            return None
        k = bisect_right(lines, line)
        if k == 0 or (papers_from is not None and line >= papers_from):
            return None
        return numbers[k - 1]

    return story_of


# The schemes a Markdown renderer refuses to make a link of (markdown-it's BAD_PROTO_RE, "data:image/..." apart):
# the briefing parser leaves "[text](javascript:...)" as plain text, so the link rules never saw it; the same
# text in an HTML report is an <a href> they do see. Found here, they get the HTML report's finding.
# the target is read up to a space, "<", ">" or an unbalanced parenthesis ("javascript:void(0)" whole): each scan
# stops at the next parenthesis, so a line of "](](](" is read once, not once per "](" (linear)
_MD_TARGET = re.compile(r"(?:\]\(\s*<?|^ {0,3}\[[^\]\n]{1,200}\]:[ \t]*<?|<(?=[A-Za-z]{3,12}:))"
                        r"([^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)?)", re.M)
_REFUSED_SCHEME = re.compile(r"(?:javascript|vbscript|file|data):", re.I)
_IMAGE_DATA = re.compile(r"data:image/(?:gif|png|jpeg|webp);", re.I)


def _refused_markdown_links(doc: BriefingView) -> list[Link]:
    """Link targets with a javascript:, vbscript:, data: or file: scheme in Markdown source (inline links,
    reference definitions, autolinks)."""
    if doc.format == "html":
        return []   # an HTML report's hrefs are parsed links already
    out: list[Link] = []
    for ln in doc.raw_lines:
        if ":" not in ln.text:
            continue
        for m in _MD_TARGET.finditer(ln.text):
            target = html.unescape(m.group(1)) if "&" in m.group(1) else m.group(1)   # "java&#115;cript:" too
            if _REFUSED_SCHEME.match(target) and not _IMAGE_DATA.match(target):
                out.append(Link(text="", url=target, line=ln.line))
    return out


@rule("link-placeholder", "error", "no example.com, file://, localhost or empty links in a published report")
def _link_placeholder(ctx: CheckContext) -> Iterator[Finding]:
    for link, story in _distinct_links(ctx.doc):
        if ctx.run is not None and ctx.run.is_collected(link.url):
            continue  # a page this run really fetched (sample webs live on loopback)
        if ctx.allowed_hosts and _host_allowed(link.url, ctx.allowed_hosts):
            continue  # the workspace collects from this private host on purpose
        if story is None and link.url.lower().startswith("mailto:"):
            continue   # an address outside the stories (a forwarded mail's "From:", a sign-off) cites nothing
        reason = _placeholder_reason(link.url)
        if reason:
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-placeholder", loc, f"{link.url[:200]}: {reason}; cite the real source page or drop the claim")


def _placeholder_reason(url: str) -> str | None:
    """``placeholder_reason``, and a host of one label (https://TBD/…, https://todo/…): no public page lives on a
    name without a domain. Counter-case: a workspace's own intranet host is in ``allowed_hosts``, checked first."""
    reason = placeholder_reason(url)
    if reason:
        return reason
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    if host and "." not in host and ":" not in host:
        return f"{host} is not a public host name (it has no domain); it looks like a placeholder"
    return None


def _host_allowed(url: str, allowed: frozenset[str]) -> bool:
    try:
        return url_is_allowed(url, allowed)
    except ValueError:
        return False


# link text that shows an address ("https://anssi.fr/avis", "www.nature.com/x", "reuters.com"): the one place a
# reader is told where a link leads. The host is labels joined by single dots (linear), its last label letters only.
_SHOWN_ADDRESS = re.compile(r"(?:https?://)?([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10})(?::\d{1,5})?(?:[/?#]\S*)?",
                            re.IGNORECASE)
# a redirector that carries its destination in the query (Google Docs' exports: google.com/url?q=https://…)
_REDIRECT_TARGET = re.compile(r"(?:^|&)(?:q|url|u|target|dest)=(https?(?::|%3A)[^&]+)", re.IGNORECASE)


def _destination(url: str) -> str:
    """Where a link leads: a redirector's destination from its query, else the link itself."""
    m = _REDIRECT_TARGET.search(urlsplit(url).query)
    return unquote(m.group(1)) if m else url


def _shown_host(text: str) -> str | None:
    """The host a link's text shows, or None when the text is no address ("roadmap.pdf" names a file)."""
    shown = text.strip().rstrip(".,;:")
    m = _SHOWN_ADDRESS.fullmatch(shown)
    if m is None or not m.group(1).rsplit(".", 1)[-1].isalpha():
        return None
    bare = not shown.lower().startswith(("http://", "https://", "www.")) and "/" not in shown
    if bare and m.group(1).rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES:
        return None
    return m.group(1).lower()


# hosts that send a reader on to another site by design: a DOI shown as text opens its publisher's page
_RESOLVERS = frozenset({"doi.org", "handle.net", "archive.org"})
_FILE_SUFFIXES = frozenset({"pdf", "html", "htm", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "md",
                            "json", "xml", "zip", "png", "jpg", "jpeg", "gif", "svg", "mp3", "mp4", "py", "js", "yaml"})


@rule("link-deceptive", "error", "a link whose text shows an address leads to that site")
def _link_deceptive(ctx: CheckContext) -> Iterator[Finding]:
    story_of = _story_finder(ctx.doc)
    for link in ctx.doc.all_links:   # as written: each link with its own text
        story = story_of(link.line)
        shown = _shown_host(link.text) if link.text and link.text != link.url else None
        if shown is None or registrable_domain(shown) in _RESOLVERS:
            continue
        try:
            target = url_host(_destination(link.url.strip()))
        except ValueError:
            continue   # not a URL at all: link-placeholder's finding
        if target and registrable_domain(target) != registrable_domain(shown):
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-deceptive", loc, f"the link shows {link.text.strip()[:80]!r} but leads to {target}; make "
                     "the text name the page the link opens, or link the page the text names")


@rule("source-unlisted", "warning", "every page a story cites inline is in its Sources list")
def _source_unlisted(ctx: CheckContext) -> Iterator[Finding]:
    """A story's Sources list is what it says it read; a page cited in its prose but missing from the list was
    either never read or left out. A warning: the real reports this project replaces did it in 194 of 662 stories
    that had a list."""
    for story in ctx.doc.stories:
        if not story.sources:
            continue
        listed = {_page(link.url) for link in story.sources}
        for link in story.inline_links:
            key = _page(link.url)
            if key is not None and key not in listed:
                listed.add(key)   # once per page
                yield _f("source-unlisted", ctx.loc("story", link.line, story.number),
                         f"story {story.number} cites {link.url[:120]} in its text but not under Sources; list "
                         "every page the story cites", "warning")


def _page(url: str) -> str | None:
    """The page an http(s) link opens, as the ledger keys it (None for anything else)."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return page_key(url)
    except ValueError:
        return None


# characters a reader cannot see, in an address: the link opens another host than the one shown (U+200B in a host
# name, a soft hyphen, a byte-order mark)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# a sign-in or paywall page that sends the reader on to the article: not the article the story read
_WALL_PAGE = re.compile(r"/(?:log-?in|sign-?in|signin|auth|sso|subscribe|paywall)(?:[/?#.]|$)", re.IGNORECASE)


def _redirect_host(url: str) -> str | None:
    """The host of a link that forwards to another site through its query ("google.com/url?q=https://…"), or None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    forward = _REDIRECT_TARGET.search(parts.query)
    if forward is None:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    dest = url_host(unquote(forward.group(1)))
    return host if dest and registrable_domain(dest) != registrable_domain(host) else None


def _export_wrappers(urls: list[str]) -> frozenset[str]:
    """Redirectors that wrap at least half of a report's links: the exporting tool's doing (Google Docs' "Download
    as HTML" sends every link through google.com/url?q=), read through like link-deceptive does, not a tracking link
    pasted among direct ones."""
    hosts = [h for h in map(_redirect_host, urls) if h is not None]
    counts = Counter(hosts)
    return frozenset(h for h, n in counts.items() if n * 2 >= len(urls) and n >= 2)


def _unsafe_reason(url: str, wrappers: frozenset[str] = frozenset()) -> str | None:
    """Why an http(s) link is no fit citation though it is a real address, or None."""
    if _INVISIBLE.search(url):
        return "it has an invisible character in it, so it opens another address than the one shown"
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if parts.username is not None or parts.password is not None:
        return "it carries a user name or password (user:password@host): delete them, the page needs neither"
    if _WALL_PAGE.search(parts.path) or re.search(r"(?:^|&)paywall=", parts.query, re.IGNORECASE):
        return "it is a sign-in or subscription page, not the article behind it"
    host = (parts.hostname or "").lower().removeprefix("www.")
    if host in LINK_SHORTENERS:
        return "it is a shortened link, which hides the page it leads to (and can be pointed elsewhere later)"
    if _search_results(host, parts.path, parts.query):
        return "it is a list of search results, not a page the story was written from"
    if (mixed := _mixed_script_label(parts.hostname or "")) is not None:
        return (f"its host name mixes Latin letters with {mixed} ones that look alike (a homoglyph), so it opens "
                "another site than the one it seems to name")
    if (redirector := _redirect_host(url)) is not None and redirector not in wrappers:
        dest = url_host(_destination(url.strip()))
        return (f"it is a redirect through {redirector} to {dest}: the reader cannot see where it leads and the "
                "redirector logs the click")
    return None


# the scripts whose letters pass for Latin ones in a host name: "marinepowerdaiӏy.com" with a Cyrillic palochka
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


def _mixed_script_label(host: str) -> str | None:
    """The look-alike script mixed with Latin letters in one label of a host name, or None. A label wholly in one
    script (an all-Cyrillic .рф name, a Greek one) is a real name in that language, not a disguise."""
    for label in host.lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                continue
        if label.isascii():
            continue
        scripts = {unicodedata.name(ch, "?").split(" ", 1)[0] for ch in label if ch.isalpha()}
        if "LATIN" in scripts and (lookalike := scripts.intersection(_LOOKALIKE_SCRIPTS)):
            return min(lookalike).title()
    return None


# Services whose addresses only forward to another: a reader cannot see where a citation leads. A site's own short
# link that names it (youtu.be, a newspaper's) is not here.
LINK_SHORTENERS = frozenset({
    "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "is.gd", "v.gd", "rebrand.ly",
    "lnkd.in", "t.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id", "trib.al", "dlvr.it", "ift.tt",
    "shorte.st", "adf.ly", "bl.ink", "short.io", "tinyurl.one", "clck.ru", "dwz.cn", "url.cn", "t.cn",
})
# a web search engine's results ("google.com/search?q=…", "bing.com/news/search?q=…"). A site's own search (arXiv's
# "/search/?query=Qwen3.5-Omni", how a real report pointed at a paper it named) lists the site's pages: left alone.
_SEARCH_ENGINES = re.compile(r"^(?:news\.|search\.|m\.)?(?:google|bing|duckduckgo|yahoo|baidu|yandex|ecosia|qwant|"
                             r"startpage|sogou|naver|search\.brave)\.[a-z.]{2,12}$")
_SEARCH_QUERY = re.compile(r"(?:^|&)(?:q|query|p|wd|text|keywords?|search|s)=[^&]", re.IGNORECASE)


# the engine's results page: its root or a "search" step ("/url?q=…" is Google's redirector, which link-deceptive reads)
_SEARCH_PATH = re.compile(r"^/?$|(?:^|/)(?:search|web|s|html|results)/?$", re.IGNORECASE)


def _search_results(host: str, path: str, query: str) -> bool:
    return bool(_SEARCH_QUERY.search(query)) and bool(_SEARCH_ENGINES.search(host)) and bool(_SEARCH_PATH.search(path))


@rule("link-unsafe", "error", "no citation with hidden characters, credentials, a sign-in page, a shortened link or "
      "search results for its address")
def _link_unsafe(ctx: CheckContext) -> Iterator[Finding]:
    links = _distinct_links(ctx.doc)
    wrappers = _export_wrappers([link.url for link, _ in links])
    for link, story in links:
        reason = _unsafe_reason(link.url, wrappers)
        if reason:
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-unsafe", loc, f"{hide_url_secrets(link.url[:200])!r}: {reason}; cite the article's own "
                     "address")


# static hosts that give each project its own name: the root of "funrec.github.io" is that paper's project page,
# the page a story read, not a site's front page with many articles behind it
_PROJECT_PAGES_HOSTS = (".github.io", ".gitlab.io", ".pages.dev", ".netlify.app", ".codeberg.page")


def _project_pages_host(host: str) -> bool:
    """A per-project subdomain of a static pages host (not the host's own front page, github.io itself)."""
    host = host.lower().rstrip(".")
    return any(host.endswith(suffix) and host.count(".") >= suffix.count(".") for suffix in _PROJECT_PAGES_HOSTS)


@rule("source-homepage", "error", "a Sources entry is the page read, not a site's home page")
def _source_homepage(ctx: CheckContext) -> Iterator[Finding]:
    """A story cannot have read its facts off a home page (the real reports this project replaces listed 105 home
    pages as sources, in 23 of 236 reports: "Harvard Business Review", https://hbr.org/)."""
    for story in ctx.doc.stories:
        for link in story.sources:
            try:
                parts = urlsplit(link.url.strip())
            except ValueError:
                continue
            if (parts.scheme.lower() in ("http", "https") and parts.path in ("", "/") and not parts.query
                    and not _project_pages_host(parts.hostname or "")):
                yield _f("source-homepage", ctx.loc("story", link.line, story.number),
                         f"source {link.url[:120]} is a site's home page; list the article the story was written from")


@rule("link-fabricated", "error", "no made-up identifiers (all-zero DOIs, impossible arXiv ids)")
def _link_fabricated(ctx: CheckContext) -> Iterator[Finding]:
    for link, story in _distinct_links(ctx.doc):
        if _placeholder_reason(link.url):
            continue
        reason = fabricated_reason(link.url, report_date=ctx.doc.date)
        if reason:
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-fabricated", loc, f"{link.url[:200]}: {reason}; link the real paper or article")


@rule("source-reuse", "error", "no URL cited by two stories or by an earlier report of the same watcher")
def _source_reuse(ctx: CheckContext) -> Iterator[Finding]:
    owners: dict[str, set[int]] = defaultdict(set)
    first_line: dict[str, int | None] = {}
    for story in ctx.doc.stories:
        for link in story.inline_links + story.sources:
            key = page_key(link.url)
            owners[key].add(story.number)
            first_line.setdefault(key, link.line)
            if key in ctx.earlier_urls:
                fix = ("a follow-up links the earlier report and cites only new sources" if story.follow_up else
                       "use a fresh source; a story that continues an earlier one is a follow-up that links that report")
                yield _f("source-reuse", ctx.loc("story", link.line, story.number),
                         f"{link.url[:200]} was already cited in {ctx.earlier_urls[key]}; {fix}")
    for paper in ctx.doc.papers:
        if paper.url and page_key(paper.url) in ctx.earlier_urls:
            yield _f("source-reuse", ctx.loc("papers", paper.line),
                     f"{paper.url[:200]} was already listed in {ctx.earlier_urls[page_key(paper.url)]}; pick a "
                     "paper not covered before")
    every = {story.number for story in ctx.doc.stories}
    for key, nums in owners.items():
        if len(every) >= 3 and nums == every:
            # a page behind every story: the stories were not written from their own reporting - one account told
            # several times, or one link pasted into each (a synthetic daily, REFERENCE)
            yield _f("source-reuse", ctx.loc("report", first_line[key]),
                     f"{key[:200]} is cited by every story ({len(nums)}); one page cannot be the source of every "
                     "story - cite the reporting each story was written from")
        elif len(nums) > 1:
            yield _f("source-reuse", ctx.loc("report", first_line[key]),
                     f"{key[:200]} is cited by stories {', '.join(map(str, sorted(nums)))}; each source belongs to one "
                     "story - merge the stories or cite different sources", "warning")


_SOURCE_DATE = re.compile(
    r"\((?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4})\)"
)


def _parse_loose_date(text: str) -> dt.date | None:
    for fmt in ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%b. %d, %Y"):
        try:
            return dt.datetime.strptime(text.replace("Sept", "Sep"), fmt).date()
        except ValueError:
            continue
    return None


def _written_date(text: str, report_date: dt.date) -> dt.date | None:
    """The date written in a source entry ("(May 1, 2026)", "1 May 2026", "2026-05-01"), or None."""
    m = _SOURCE_DATE.search(text)
    if m:
        return _parse_loose_date(m.group("date"))
    from guancha.check.text import DATE_DM_RE, DATE_ISO_RE, DATE_MD_RE, month_number

    for rx in (DATE_ISO_RE, DATE_MD_RE, DATE_DM_RE):
        found = rx.search(text)
        if found and found.group("year"):
            month = found.group("month")
            try:
                return dt.date(int(found.group("year")), int(month) if month.isdigit() else month_number(month),
                               int(found.group("day")))
            except ValueError:
                continue
    return numeric_or_foreign_date(text)   # "(09.06.2026)", "8 juin 2026", "2026年6月8日"


_LAST_PARENTHESES = re.compile(r"\(([^()]{4,60})\)[^()]*$")


def _dated_after_report(text: str, report_date: dt.date) -> dt.date | None:
    """The date a source entry gives itself ("(Nov 23, 2026)", not a date its title names) when it is more than a
    day (time zones) after the report's."""
    dated = _LAST_PARENTHESES.search(text)
    d = _written_date(dated.group(1), report_date) if dated else None
    return d if d is not None and (d - report_date).days > 1 else None


def same_page_key(url: str) -> str | None:
    """``page_key`` with the copies of a page at other addresses folded into it (``page_copy_key``); None for a link
    that is no http(s) page."""
    key = _page(url)
    return None if key is None else page_copy_key(key)


@rule("source-duplicate", "error", "a story's Sources list each page once, not one page under two addresses")
def _source_duplicate(ctx: CheckContext) -> Iterator[Finding]:
    """One page listed twice (a newsletter's utm-tagged copy, its mobile or AMP address) counts one account as two:
    the story looks corroborated by a source it does not have."""
    for story in ctx.doc.stories:
        first: dict[str, Link] = {}
        for link in story.sources:
            key = same_page_key(link.url)
            if key is None:
                continue
            earlier = first.setdefault(key, link)
            if earlier is not link and earlier.url.strip() != link.url.strip():
                yield _f("source-duplicate", ctx.loc("story", link.line, story.number),
                         f"story {story.number} lists {link.url[:120]} and {earlier.url[:120]}, one page under two "
                         "addresses; list it once and add an independent source if the story needs one")


@rule("source-after-report", "error", "no source is dated after the report that cites it")
def _source_after_report(ctx: CheckContext) -> Iterator[Finding]:
    """A report cannot have read a page published days after it (a day's slack for time zones): the date is wrong,
    or the source is not the one read."""
    if ctx.doc.date is None:
        return
    for story in ctx.doc.stories:
        for link in story.sources:
            d = _dated_after_report(link.text, ctx.doc.date)
            if d is not None:
                yield _f("source-after-report", ctx.loc("story", link.line, story.number),
                         f"source {link.text[:60]!r} is dated {d}, {(d - ctx.doc.date).days} days after the report "
                         f"({ctx.doc.date}); correct the date, or cite the page the story was written from")


@rule("source-freshness", "warning", "cited sources are inside the watcher's freshness window; one over a year old "
      "is an error")
def _source_freshness(ctx: CheckContext) -> Iterator[Finding]:
    """Outside a run only the dates written next to sources can be read; inside a run, grounding checks
    every cited article's publication time."""
    if ctx.run is not None or ctx.doc.date is None:
        return
    slack_days = max(1, -(-ctx.window_hours // 24)) + 1
    for story in ctx.doc.stories:
        for link in story.sources:
            if _dated_after_report(link.text, ctx.doc.date) is not None:
                continue   # source-after-report's finding
            d = _written_date(link.text, ctx.doc.date)
            if d is None or (days := (ctx.doc.date - d).days) <= slack_days:
                continue
            if days > STALE_SOURCE_DAYS and not _BACKGROUND.search(link.text):
                yield _f("source-freshness", ctx.loc("story", link.line, story.number),
                         f"source {link.text[:60]!r} is dated {d}, {days} days before the report: over a year old, it "
                         "is no news of the window; cite the fresh report of the event, or label the entry "
                         "'(background)'", "error")
                continue
            yield _f("source-freshness", ctx.loc("story", link.line, story.number),
                     f"source {link.text[:60]!r} is dated {d}, {days} days before the report; "
                     f"the window is {ctx.window_hours} h - use a fresh source or mark the story as a follow-up")


# A source over a year older than its report is an error, not a warning: none of the 236 real reports listed one
# (their oldest was 90-odd days), and a briefing that does has taken an old page for news. An entry its writer labels
# as background ("(background)", "archive", "earlier coverage") is cited as that, and stays a warning.
STALE_SOURCE_DAYS = 365
_BACKGROUND = re.compile(r"(?i)\b(?:background|archive[sd]?|earlier coverage|previous coverage|context|"
                         r"for reference)\b")


# A report whose every listed source is one site tells its readers one outlet's account, however many stories it has.
# A warning: a wire's own desk, or a watcher of one regulator's releases, may rightly cite only that site.
ONE_SITE_MIN_SOURCES = 4


@rule("source-diversity", "warning", "the report's sources are not all from one site")
def _source_diversity(ctx: CheckContext) -> Iterator[Finding]:
    sites: set[str] = set()
    count = 0
    for story in ctx.doc.stories:
        for link in story.sources:
            host = url_host(link.url)
            if host:
                sites.add(registrable_domain(host))
                count += 1
    if len(sites) == 1 and count >= ONE_SITE_MIN_SOURCES and len(ctx.doc.stories) >= 2:
        yield _f("source-diversity", ctx.loc("report"),
                 f"all {count} sources of {len(ctx.doc.stories)} stories are from {sites.pop()}; a reader gets one "
                 "outlet's account - add the independent reports of each event")
