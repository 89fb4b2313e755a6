"""The gates' view of a briefing, built from the one briefing parser (:mod:`guancha.briefing`).

The view adds only what checking needs on top of the parsed briefing: story numbers, a follow-up's pointer
to the earlier report kept apart from its sources, the heuristics entries read from the block, the visible
text line by line, the text as it was before encoding repair, and comments present in the file. An imported
briefing and one of ours are checked by the same code; nothing here parses a briefing itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guancha import yamlload
from guancha.briefing import (
    EARLIER_REPORT_HREF_RE,
    HeuristicsBlock,
    Line,
    Link,
    Paper,
    Paragraph,
    ParsedDocument,
    Story,
    parse_document,
)
from guancha.briefing.blocks import fenced_markdown_report
from guancha.briefing.layout import unwrap_container
from guancha.inputfiles import line_count, read_regular_file, too_many_parts
from guancha.knowledge.importer import classify
from guancha.knowledge.parse import clean_block, parse_heuristics
from guancha.spec import LimitsSettings
from guancha.textrepair import decode_report_bytes


@dataclass
class StoryView:
    """A parsed story as the gates read it: its place in the report, the paragraphs a reader sees (without the
    follow-up's pointer line), its "Sources:" links, and whether it continues an earlier report."""

    number: int  # 1-based position in the report
    story: Story
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[Link] = field(default_factory=list)  # the "Sources:" list, entries with an address
    follow_up: bool = False
    earlier_report: Link | None = None  # a follow-up's "Follow-up to <the earlier report>" link: not a source

    @property
    def heading(self) -> str:
        """The heading as written (emoji and numbering included)."""
        return self.story.heading

    @property
    def title(self) -> str:
        """The headline without emoji, numbering or subtitle."""
        return self.story.title

    @property
    def subtitle(self) -> str | None:
        return self.story.subtitle

    @property
    def line(self) -> int:
        return self.story.line

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
class HeuristicEntry:
    """One heuristic entry as parsed: its fields (possibly incomplete) and where it starts."""

    fields: dict[str, object]
    line: int | None = None
    ident: str | None = None


@dataclass
class HeuristicsReading:
    """What the check read from the report's HEURISTICS block: the entries (possibly incomplete) and what could
    not be read, each with its source line."""

    block: HeuristicsBlock
    entries: list[HeuristicEntry] = field(default_factory=list)
    problems: list[Line] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return self.block.raw

    @property
    def line(self) -> int:
        return self.block.line


@dataclass
class BriefingView:
    """Everything the gates look at. ``lines`` is the visible text, line by line, for text-level rules."""

    path: str = ""
    format: str = "markdown"  # markdown, html, text
    title: Line | None = None
    page_title: str | None = None   # an HTML page's <title>
    long_date: Line | None = None
    date: dt.date | None = None
    toc: list[Line] = field(default_factory=list)
    has_toc: bool = False
    toc_run_on_line: int | None = None   # HTML: contents entries a browser runs together (no <br> between them)
    toc_generated: bool = False  # the front matter has the site generate the contents ("toc: true")
    stories: list[StoryView] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    has_papers_section: bool = False
    implications: list[Paragraph] = field(default_factory=list)
    has_implications_section: bool = False
    watch: list[Paragraph] = field(default_factory=list)  # "Heuristics watch" entries (optional section)
    watch_line: int | None = None
    heuristics: HeuristicsReading | None = None
    lines: list[Line] = field(default_factory=list)
    raw_lines: list[Line] = field(default_factory=list)  # the file as decoded, before any encoding repair
    content_lines: tuple[int, int] | None = None  # HTML: the lines of the report's own <article> or <main>
    comments: list[Line] = field(default_factory=list)  # HTML/Markdown comments present in the file
    leftover: list[Line] = field(default_factory=list)  # text outside every known section
    unplaced: list[Line] = field(default_factory=list)  # of it, prose under no story heading
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


FOLLOW_UP_RE = re.compile(r"\bfollow[- ]?up\b|\bupdate\s*:", re.I)
# The line under a follow-up's heading that links the report it continues ("Follow-up to [the report of June 10,
# 2026](../2026-06-10/)."): the earlier report's page on the same site, or any http(s) address; a heading's subtitle
# names the earlier story the same way ("Follow-up to June 10, 2026: <its headline>").
FOLLOW_UP_POINTER_RE = re.compile(r"[*_\s]*follow[- ]?up to\b", re.I)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _earlier_report_line(paragraph: Paragraph) -> bool:
    """A "Follow-up to <earlier report>" line: a short line with that opening and one link, to the earlier report's
    page or an http(s) address (it is a pointer for readers, not prose and not a source)."""
    if len(paragraph.links) != 1 or len(paragraph.text) > 200 or not FOLLOW_UP_POINTER_RE.match(paragraph.text):
        return False
    url = paragraph.links[0].url
    return bool(EARLIER_REPORT_HREF_RE.fullmatch(url)) or url.lower().startswith(("http://", "https://"))


def _links(links: list[Link]) -> list[Link]:
    """The links a reader can follow: a lost image (a converter's "!" + link) is not one."""
    return [link for link in links if not link.image]


def _visible_lines(parsed: ParsedDocument) -> list[Line]:
    """The text a reader sees, one entry per source line (code blocks split into their lines)."""
    out: list[Line] = []
    for block in parsed.blocks:
        if block.kind == "code":
            body = block.raw if block.raw is not None else block.text
            first = block.line + 1 if parsed.format == "markdown" else block.line
            for k, text in enumerate(body.split("\n")):
                if text.strip():
                    out.append(Line(text, first + k))
        elif block.kind in ("para", "item", "heading"):
            parts = block.text.split("\n")
            for k, text in enumerate(parts):
                if text.strip():
                    out.append(Line(text, block.line + k if len(parts) > 1 else block.line))
    return out


def _comments(parsed: ParsedDocument) -> list[Line]:
    """Comments in Markdown or HTML source: invisible when rendered, but published with the file."""
    if parsed.format == "text":
        return []
    text = parsed.text
    styles = _style_spans(text) if parsed.format == "html" else []
    out = []
    line, counted, k = 1, 0, 0
    for m in _COMMENT_RE.finditer(text):
        while k < len(styles) and styles[k][1] <= m.start():
            k += 1   # both in file order: one pass
        if k < len(styles) and styles[k][0] <= m.start():
            continue   # "<style><!-- p.MsoNormal {…} --></style>": an e-mail client's way to hide CSS, not a note
        line += text.count("\n", counted, m.start())
        counted = m.start()
        out.append(Line(m.group(0)[:300], line))
    return out


def _style_spans(text: str) -> list[tuple[int, int]]:
    """Where the page's <style> and <script> elements lie (scanned once, left to right)."""
    lower = text.lower()
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        starts = [k for k in (lower.find("<style", pos), lower.find("<script", pos)) if k >= 0]
        if not starts:
            return spans
        start = min(starts)
        closer = "</style" if lower.startswith("<style", start) else "</script"
        end = lower.find(closer, start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        pos = end + 1


def _heuristics(parsed: ParsedDocument) -> HeuristicsReading | None:
    block = parsed.heuristics
    if block is None:
        return None
    view = HeuristicsReading(block=block)
    entries, problems = _parse_heuristics(block.raw)
    for fields, raw_line in entries:
        ident = fields.get("id")
        view.entries.append(HeuristicEntry(fields=fields, line=block.source_line(raw_line),
                                           ident=str(ident) if ident else None))
    for reason, raw_line in problems:
        view.problems.append(Line(reason, block.source_line(raw_line)))
    return view


def _parse_heuristics(raw: str) -> tuple[list[tuple[dict[str, object], int]], list[tuple[str, int]]]:
    """Entries (field dict, 0-based raw line) and problems (reason, raw line) of a heuristics block, read by
    the knowledge base's parsers (YAML, YAML with lost indentation or flattened entries, the code-style form).

    An explicitly empty list (``heuristics: []``, what a writer without a model renders) is no problem."""
    if _explicitly_empty(raw):
        return [], []
    result = parse_heuristics(raw)
    entries: list[tuple[dict[str, object], int]] = []
    problems: list[tuple[str, int]] = []
    if result.form not in ("v2", "table", "toml", "fields"):   # forms that are no YAML to be strict about
        strict = _strict_yaml_problem(raw)
        if strict is not None:
            recovered = sum(1 for e in result.entries if e.form != "unparsed")
            hint = f" (the lenient reader recovered {recovered} entr{'y' if recovered == 1 else 'ies'})" if recovered else ""
            problems.append((strict[0] + hint, strict[1]))
    for entry in result.entries:
        if entry.form == "unparsed":
            reason = "; ".join(p.reason for p in entry.problems) or "not readable as a heuristic"
            problems.append((reason, entry.line))
            continue
        fields = dict(entry.fields)
        if "version" not in fields and "stated_version" in entry.extra:
            fields["version"] = entry.extra["stated_version"]
        entries.append((fields, entry.line))
    if not result.entries and not _explicitly_empty(raw):
        problems.extend((p.reason, p.line) for p in result.problems)
    return entries, problems


def _strict_yaml_problem(raw: str) -> tuple[str, int] | None:
    """Why the block is not valid YAML, and the 0-based line, or None. A published report must carry YAML that
    any reader can load, even when the knowledge base's lenient reader could recover it."""
    for offset, body in _yaml_bodies(raw):
        try:
            yamlload.safe_load(body)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return f"invalid YAML: {getattr(exc, 'problem', None) or exc}", offset + (mark.line if mark else 0)
    return None


_FENCE = re.compile(r"^\s*(```|~~~)")


def _yaml_bodies(raw: str) -> list[tuple[int, str]]:
    """The YAML a block carries, with the 0-based line each piece starts on: the inside of each code fence
    (a closing fence may be missing), or the whole cleaned block when it has no fence."""
    lines = raw.split("\n")
    if not any(_FENCE.match(ln) for ln in lines):
        return [(0, "\n".join(clean_block(raw)))]
    bodies: list[tuple[int, str]] = []
    inside: int | None = None
    for k, ln in enumerate(lines):
        if _FENCE.match(ln):
            if inside is None:
                inside = k + 1
            else:
                bodies.append((inside, "\n".join(lines[inside:k])))
                inside = None
    if inside is not None:
        bodies.append((inside, "\n".join(lines[inside:])))
    return bodies


def _explicitly_empty(raw: str) -> bool:
    """True when the block's YAML says there are no heuristics (``heuristics: []`` or ``[]``)."""
    for _, body in _yaml_bodies(raw):
        try:
            data = yamlload.safe_load(body)
        except yaml.YAMLError:
            continue
        if data == [] or (isinstance(data, dict) and data.get("heuristics") == []):
            return True
    return False


def view_from_parsed(parsed: ParsedDocument, *, path: str = "") -> BriefingView:
    """Map a parsed briefing onto the view the gates read."""
    view = BriefingView(path=path or (parsed.filename or ""), format=parsed.format, date=parsed.date)
    if parsed.title is not None:
        view.title = Line(parsed.title, parsed.title_line)
    view.page_title = parsed.page_title
    if parsed.long_date is not None:
        view.long_date = Line(parsed.long_date, parsed.long_date_line)
    view.has_toc = parsed.toc_line is not None or bool(parsed.toc)
    view.toc_generated = parsed.toc_generated
    # the contents' entries that name a story: "Research Papers", "Implications" or a "Stories" parent bullet over
    # the headlines name a section of the report, and a clean report was held for listing them
    view.toc = [Line(e.text, e.line) for e in parsed.toc if e.section is None]
    view.toc_run_on_line = parsed.toc_run_on_line
    for n, story in enumerate(parsed.stories, start=1):
        paragraphs = [Paragraph(p.text, p.line, p.end_line, _links(p.links)) for p in story.paragraphs]
        earlier = next((p for p in paragraphs if _earlier_report_line(p)), None)
        view.stories.append(
            StoryView(
                number=n,
                story=story,
                paragraphs=[p for p in paragraphs if p is not earlier],
                sources=[Link(text=s.text, url=s.url, line=s.line) for s in story.sources if s.url],
                follow_up=bool(FOLLOW_UP_RE.search(story.heading)) or earlier is not None,
                earlier_report=earlier.links[0] if earlier is not None else None,
            )
        )
    view.has_papers_section = parsed.papers_line is not None or bool(parsed.papers)
    view.papers = list(parsed.papers)
    view.has_implications_section = parsed.implications_line is not None or bool(parsed.implications)
    view.implications = [Paragraph(p.text, p.line, p.end_line, _links(p.links)) for p in parsed.implications]
    view.watch = [Paragraph(p.text, p.line, p.end_line, _links(p.links)) for p in parsed.watch]
    view.watch_line = parsed.watch_line
    view.heuristics = _heuristics(parsed)
    view.lines = _visible_lines(parsed)
    view.comments = _comments(parsed)
    view.leftover = [Line(left.text, left.line) for left in parsed.leftover]
    view.content_lines = parsed.content_lines
    view.unplaced = [Line(left.text, left.line) for left in parsed.leftover if left.where == "unplaced"]
    view.all_links = [link for b in parsed.blocks for link in _links(b.links)]
    view.repairs = [str(r) for r in parsed.repairs.as_list()]
    return view


def load_view(source: Path | bytes | str, *, filename: str | None = None,
              limits: LimitsSettings | None = None) -> BriefingView:
    """Parse a briefing file (or its bytes/text) and build the gates' view of it.

    The parser repairs damaged encodings (right for importing); the view also keeps the text as it was
    before repair, because a report about to be published must not need repairing. A file over
    ``limits.max_input_bytes`` is refused before it is read."""
    guard = None
    if isinstance(source, Path):
        guard = limits = limits or LimitsSettings()
        data: bytes | str = read_regular_file(source, limits.max_input_bytes, fix_size="check a smaller file, or "
                                              "raise limits.max_input_bytes in guancha.yaml")
        filename = filename or source.name
        path = str(source)
    else:
        data = source
        path = filename or ""
    if guard is not None and isinstance(data, bytes) and (lines := line_count(data)) > guard.max_input_lines:
        raise too_many_parts(path, lines, guard.max_input_lines, "lines", "max_input_lines")
    if isinstance(data, bytes):
        # an .eml's decoded body, an Atom entry's content: what a reader sees
        data, filename = unwrap_container(data, filename)
    parsed = parse_document(data, filename=filename)
    if guard is not None and len(parsed.blocks) > guard.max_input_blocks:   # one line of 100,000 headings
        raise too_many_parts(path, len(parsed.blocks), guard.max_input_blocks, "blocks", "max_input_blocks")
    view = view_from_parsed(parsed, path=path)
    kind, artifact_kind, _ = classify(filename or "briefing", parsed)
    view.artifact = (artifact_kind or "artifact") if kind == "artifact" else ""
    raw = decode_report_bytes(data) if isinstance(data, bytes) else data
    quoted = fenced_markdown_report(raw.replace("\r\n", "\n")) if parsed.format == "markdown" else None
    if quoted is not None:   # the briefing a reply quotes in a ```markdown fence, as the parser read it
        raw = quoted
    view.raw_lines = [Line(text, n) for n, text in enumerate(raw.replace("\r\n", "\n").split("\n"), start=1)
                      if text.strip()]
    return view


__all__ = ["BriefingView", "HeuristicEntry", "HeuristicsReading", "StoryView", "load_view",
           "view_from_parsed"]
