"""The shape the gates read: a briefing as title, TOC, stories, papers, implications and heuristics,
each piece with its line number, plus every text line for the text-level rules.

It is built from the knowledge base's document parser (``guancha.knowledge.document``), so an imported
briefing and one of ours are checked by the same code. Nothing here parses a briefing itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# A follow-up's link to the earlier report of the same watcher: its page on the same site (a sibling folder,
# "../2026-06-10/"), or its file next to a standalone report ("2026-06-10.html", "2026-06-10.v2.md", or a relative
# path to it when the reports folder moved).
EARLIER_REPORT_HREF_RE = re.compile(r"(?:\.\./)+\d{4}-\d{2}-\d{2}/(?:index\.html)?"
                                    r"|(?:\.\./)*(?:[\w-]+/)*\d{4}-\d{2}-\d{2}(?:\.v\d+)?\.(?:html|md)")


def site_report_href(report_date: str) -> str:
    """Where the earlier report of the same watcher is, from a report's page on the site: its sibling folder
    (``<watcher>/<date>/``, the latest version of that day). Relative, so the link holds wherever it is hosted."""
    return f"../{report_date}/"


@dataclass(frozen=True)
class Line:
    """A piece of text and the 1-based line it starts on in the checked file."""

    text: str
    line: int | None = None


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""
    line: int | None = None


@dataclass
class Paragraph:
    text: str
    line: int | None = None
    links: list[Link] = field(default_factory=list)


@dataclass
class StoryView:
    number: int  # 1-based position in the report
    headline: str
    line: int | None = None
    subtitle: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[Link] = field(default_factory=list)  # the "Sources:" list
    follow_up: bool = False
    earlier_report: Link | None = None  # a follow-up's "Follow-up to <the earlier report>" link: not a source

    @property
    def inline_links(self) -> list[Link]:
        return [link for p in self.paragraphs for link in p.links]

    @property
    def body(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def all_urls(self) -> list[str]:
        return [link.url for link in self.inline_links] + [link.url for link in self.sources]


@dataclass
class PaperView:
    text: str
    line: int | None = None
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None


@dataclass
class HeuristicEntry:
    """One heuristic entry as parsed: its fields (possibly incomplete) and where it starts."""

    fields: dict[str, object]
    line: int | None = None
    ident: str | None = None


@dataclass
class HeuristicsBlock:
    raw: str
    line: int | None = None
    entries: list[HeuristicEntry] = field(default_factory=list)
    problems: list[Line] = field(default_factory=list)  # what the parser could not read, and where


@dataclass
class BriefingView:
    """Everything the gates look at. ``lines`` is the visible text, line by line, for text-level rules."""

    path: str = ""
    format: str = "markdown"  # markdown, html, text
    title: Line | None = None
    long_date: Line | None = None
    date: dt.date | None = None
    toc: list[Line] = field(default_factory=list)
    has_toc: bool = False
    stories: list[StoryView] = field(default_factory=list)
    papers: list[PaperView] = field(default_factory=list)
    has_papers_section: bool = False
    implications: list[Paragraph] = field(default_factory=list)
    has_implications_section: bool = False
    watch: list[Paragraph] = field(default_factory=list)  # "Heuristics watch" entries (optional section)
    watch_line: int | None = None
    heuristics: HeuristicsBlock | None = None
    lines: list[Line] = field(default_factory=list)
    raw_lines: list[Line] = field(default_factory=list)  # the file as decoded, before any encoding repair
    comments: list[Line] = field(default_factory=list)  # HTML/Markdown comments present in the file
    leftover: list[Line] = field(default_factory=list)  # text outside every known section
    all_links: list[Link] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    artifact: str = ""  # not a report but a run artifact (draft, score sheet, log...): what kind

    def story_of_line(self, line: int | None) -> int | None:
        """The story number a line falls in (stories are in file order), or None."""
        if line is None:
            return None
        found = None
        for story in self.stories:
            if story.line is not None and story.line <= line:
                found = story.number
        if found is not None and self.papers and self.papers[0].line is not None and line >= self.papers[0].line:
            return None
        return found
