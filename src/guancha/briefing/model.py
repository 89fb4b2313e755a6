"""The parsed briefing: every part with the source line it came from, and the layout vocabulary (title, long date, numbering) the readers share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from guancha.textrepair import RepairLog

Format = Literal["html", "markdown", "text"]
BlockKind = Literal["heading", "para", "item", "rule", "code"]

LONG_DATE_RE = re.compile(
    r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+(\d{4})\s*$",
    re.IGNORECASE,
)
# "Friday, 4 December 2026", "4th December 2026": the same line in the order most of the world writes it
LONG_DATE_DAY_FIRST_RE = re.compile(
    r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4})\s*$",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
URL_RE = re.compile(r"https?://[^\s<>()\[\]\"'`]+[^\s<>()\[\]\"'`.,;:!?]")
# The title: optional emoji/symbols, the topic, a separator, an ISO date.
TITLE_RE = re.compile(r"^(?P<emoji>[^\w\s\"'(\[]+\s*)?(?P<topic>.+?)\s*(?:[—–\-·|:]+\s*)(?P<date>\d{4}-\d{2}-\d{2})\s*$")
# TITLE_RE backtracks quadratically on a long run of symbols, so it only ever sees title-sized lines.
MAX_TITLE_CHARS = 300
# The contents' name, alone on its line, in English and the languages a briefing may be written in (the section
# parser's "toc" label; an HTML <nav> headed by it is the report's own contents)
TOC_LABEL_RE = re.compile(r"^(?:table of )?contents:?$|^(?:(?:the )?(?:stories|headlines) )?in this "
                          r"(?:issue|report|briefing|edition):?$|^(?:index|inside|what['’]s inside|in brief):?$"
                          r"|^(?:sommaire|au sommaire|table des matières|inhalt|inhaltsverzeichnis|in dieser ausgabe|"
                          r"índice|sumario|sumário|indice|sommario|目录|目錄|本期内容|本期目录|目次|もくじ|목차|المحتويات|الفهرس|"
                          r"содержание|оглавление|תוכן העניינים|תוכן עניינים|תוכן|mục lục|nội dung|trong số này|"
                          r"विषय-सूची|विषय सूची|अनुक्रमणिका|सामग्री|इस अंक में|فهرست|فهرست مطالب|สารบัญ|"
                          # Polish, Turkish, Indonesian, Greek, Swahili
                          r"spis treści|w tym wydaniu|w numerze|i̇çindekiler|içindekiler|bu sayıda|daftar isi|"
                          r"dalam edisi ini|περιεχόμενα|σε αυτό το τεύχος|yaliyomo|katika toleo hili)\s*[:：]?$",
                          re.IGNORECASE)
LEADING_SYMBOLS_RE = re.compile(r"^([^\w\s\"'(\[$€£#@]+)\s*")
# "1." "IV)" "## " and the outline forms "A.", "b)", "(3)", "2.1", "A.1": a section or story number, no part of its name
# (a letter is no number when a lower-case word follows it: "E. coli outbreak")
NUMBERING_RE = re.compile(r"^\s*(?:(?:\d{1,2}|[A-Z])(?:\.\d{1,2}){1,3}\.?\s+|(?:\d{1,2}|[IVXLC]{1,5})[.)]\s+"
                          r"|[A-Za-z][.)]\s+(?![\sa-z])|\(\d{1,2}\)\s+|#{1,6}\s+)")
# (?<!\s): a whitespace run is tried once from its start, not from each of its characters (linear, not quadratic)
SUBTITLE_SPLIT_RE = re.compile(r"(?<!\s)\s+[—–]\s+")
# A follow-up's link to the earlier report of the same watcher: its page on the same site (a sibling folder,
# "../2026-06-10/"), or its file next to a standalone report ("2026-06-10.html", "2026-06-10.v2.md", or a relative
# path to it when the reports folder moved).
EARLIER_REPORT_HREF_RE = re.compile(r"(?:\.\./)+\d{4}-\d{2}-\d{2}/(?:index\.html)?"
                                    r"|(?:\.\./)*(?:[\w-]+/)*\d{4}-\d{2}-\d{2}(?:\.v\d+)?\.(?:html|md)")


def site_report_href(report_date: str) -> str:
    """Where the earlier report of the same watcher is, from a report's page on the site: its sibling folder
    (``<watcher>/<date>/``, the latest version of that day). Relative, so the link holds wherever it is hosted."""
    return f"../{report_date}/"


# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class Line:
    """A piece of text and the 1-based line it starts on in the parsed file (None: not from the file)."""

    text: str
    line: int | None = None


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    line: int | None
    image: bool = False  # rendered as "!" + link by a broken converter (a lost image)


@dataclass
class Block:
    """One unit of the document: a heading, paragraph, list item, rule or code block, with its lines."""

    kind: BlockKind
    text: str
    line: int
    end_line: int
    level: int = 0  # heading level; list nesting depth for items
    links: list[Link] = field(default_factory=list)
    raw: str | None = None  # text with the original whitespace kept (code, YAML in paragraphs)
    info: str = ""  # code fence language


@dataclass
class Paragraph:
    text: str
    line: int
    end_line: int
    links: list[Link] = field(default_factory=list)


@dataclass
class SourceItem:
    text: str
    url: str | None
    line: int


@dataclass
class TocEntry:
    text: str
    emoji: str
    headline: str
    line: int
    section: str | None = None  # "implications", "papers"... when the entry names a section, not a story


@dataclass
class Story:
    heading: str  # as written, emoji included
    emoji: str
    headline: str  # without emoji and numbering, subtitle included
    title: str  # the part before the em dash
    subtitle: str | None  # the part after the em dash, when present
    line: int
    end_line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[SourceItem] = field(default_factory=list)
    subheadings: list[tuple[str, int]] = field(default_factory=list)
    sources_line: int | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def links(self) -> list[Link]:
        return [link for p in self.paragraphs for link in p.links]

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass
class Paper:
    text: str
    title: str
    authors: str | None
    affiliation: str | None
    date: str | None
    why: str | None
    url: str | None
    line: int

    @property
    def published(self) -> dt.date | None:
        """The date written for the paper (ISO or "Month D, YYYY"), or None when there is none or it is not a date."""
        return _paper_date(self.date)


def _paper_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    text = text.strip().strip("()")
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m2 = re.search(r"([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})", text)
    if m2:
        for fmt in ("%B %d %Y", "%b %d %Y"):
            try:
                return dt.datetime.strptime(f"{m2.group(1)} {m2.group(2)} {m2.group(3)}", fmt).date()
            except ValueError:
                continue
    return None


@dataclass
class HeuristicsBlock:
    """The raw text of the HEURISTICS section; ``line_map[i]`` is the source line of raw line ``i``."""

    heading: str
    line: int
    raw: str
    line_map: list[int]

    def source_line(self, raw_line: int) -> int:
        """Source line of a 0-based line of ``raw`` (the block's start when out of range)."""
        if 0 <= raw_line < len(self.line_map):
            return self.line_map[raw_line]
        return self.line


@dataclass
class Leftover:
    text: str
    line: int
    where: str  # before-title, preamble, after-heuristics, unplaced...


@dataclass
class Problem:
    line: int
    where: str
    reason: str


@dataclass
class ParsedDocument:
    format: Format
    filename: str | None
    title: str | None = None
    title_line: int | None = None
    page_title: str | None = None   # an HTML page's <title>, which a browser's tab and a feed reader show
    long_date: str | None = None
    long_date_line: int | None = None
    date: dt.date | None = None
    topic: str | None = None
    emoji: str | None = None
    toc: list[TocEntry] = field(default_factory=list)
    toc_line: int | None = None
    # HTML: a contents paragraph whose entries sit on lines of the source with no <br> between them, which a browser
    # runs together into one line (a Markdown renderer that dropped the hard breaks)
    toc_run_on_line: int | None = None
    toc_generated: bool = False  # front matter asks the site to generate the contents ("toc: true")
    stories: list[Story] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    papers_line: int | None = None
    implications: list[Paragraph] = field(default_factory=list)
    implications_line: int | None = None
    watch: list[Paragraph] = field(default_factory=list)  # "Heuristics watch": heuristics the news moved
    watch_line: int | None = None
    heuristics: HeuristicsBlock | None = None
    leftover: list[Leftover] = field(default_factory=list)
    repairs: RepairLog = field(default_factory=RepairLog)
    problems: list[Problem] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    text: str = ""  # the repaired text the blocks came from (HTML: the source markup)
    # HTML: the lines of the element that holds the report (its <article> or <main>), when it is not the whole page
    content_lines: tuple[int, int] | None = None

    def problem(self, line: int, where: str, reason: str) -> None:
        self.problems.append(Problem(line=line, where=where, reason=reason))

    def summary(self) -> dict[str, object]:
        return {
            "format": self.format,
            "title": self.title,
            "topic": self.topic,
            "date": self.date.isoformat() if self.date else None,
            "stories": len(self.stories),
            "papers": len(self.papers),
            "implications": len(self.implications),
            "has_heuristics": self.heuristics is not None,
            "repairs": [r.as_dict() for r in self.repairs.as_list()],
            "problems": len(self.problems),
        }
