"""Build the gates' view of a briefing from the knowledge base's document parser.

One parser (``guancha.knowledge.document.parse_document``) reads every format; this module only maps its
result onto :class:`~guancha.check.view.BriefingView` and collects what the text-level rules need: the
visible text line by line (from the parser's blocks) and comments present in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from guancha import yamlload
from guancha.check.view import (
    EARLIER_REPORT_HREF_RE,
    BriefingView,
    HeuristicEntry,
    HeuristicsBlock,
    Line,
    Link,
    PaperView,
    Paragraph,
    StoryView,
)
from guancha.errors import UsageError
from guancha.knowledge.document import ParsedDocument, parse_document
from guancha.knowledge.importer import classify
from guancha.knowledge.parse import clean_block, parse_heuristics
from guancha.spec import LimitsSettings
from guancha.textrepair import decode_report_bytes

FOLLOW_UP_RE = re.compile(r"\bfollow[- ]?up\b|\bupdate\s*:", re.I)
# The line under a follow-up's heading that links the report it continues ("Follow-up to [the report of June 10,
# 2026](../2026-06-10/)."): the earlier report's page on the same site, or any http(s) address.
_FOLLOW_UP_LINE_RE = re.compile(r"[*_\s]*follow[- ]?up to\b", re.I)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _earlier_report_line(paragraph: Paragraph) -> bool:
    """A "Follow-up to <earlier report>" line: a short line with that opening and one link, to the earlier report's
    page or an http(s) address (it is a pointer for readers, not prose and not a source)."""
    if len(paragraph.links) != 1 or len(paragraph.text) > 200 or not _FOLLOW_UP_LINE_RE.match(paragraph.text):
        return False
    url = paragraph.links[0].url
    return bool(EARLIER_REPORT_HREF_RE.fullmatch(url)) or url.lower().startswith(("http://", "https://"))


def _links(links: list[Any]) -> list[Link]:
    return [Link(url=link.url, text=link.text, line=link.line) for link in links if not getattr(link, "image", False)]


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
    out = []
    for m in _COMMENT_RE.finditer(parsed.text):
        line = parsed.text.count("\n", 0, m.start()) + 1
        out.append(Line(m.group(0)[:300], line))
    return out


def _heuristics(parsed: ParsedDocument) -> HeuristicsBlock | None:
    block = parsed.heuristics
    if block is None:
        return None
    view = HeuristicsBlock(raw=block.raw, line=block.line)
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
    if result.form != "v2":
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
    if parsed.long_date is not None:
        view.long_date = Line(parsed.long_date, parsed.long_date_line)
    view.has_toc = parsed.toc_line is not None or bool(parsed.toc)
    view.toc = [Line(e.text, e.line) for e in parsed.toc]
    for n, story in enumerate(parsed.stories, start=1):
        headline = story.heading
        paragraphs = [Paragraph(p.text, p.line, _links(p.links)) for p in story.paragraphs]
        earlier = next((p for p in paragraphs if _earlier_report_line(p)), None)
        view.stories.append(
            StoryView(
                number=n,
                headline=headline,
                line=story.line,
                subtitle=story.subtitle,
                paragraphs=[p for p in paragraphs if p is not earlier],
                sources=[Link(url=s.url, text=s.text, line=s.line) for s in story.sources if s.url],
                follow_up=bool(FOLLOW_UP_RE.search(story.heading)) or earlier is not None,
                earlier_report=earlier.links[0] if earlier is not None else None,
            )
        )
    view.has_papers_section = parsed.papers_line is not None or bool(parsed.papers)
    view.papers = [PaperView(text=p.text, line=p.line, title=p.title, url=p.url, date=_paper_date(p.date))
                   for p in parsed.papers]
    view.has_implications_section = parsed.implications_line is not None or bool(parsed.implications)
    view.implications = [Paragraph(p.text, p.line, _links(p.links)) for p in parsed.implications]
    view.watch = [Paragraph(p.text, p.line, _links(p.links)) for p in parsed.watch]
    view.watch_line = parsed.watch_line
    view.heuristics = _heuristics(parsed)
    view.lines = _visible_lines(parsed)
    view.comments = _comments(parsed)
    view.leftover = [Line(left.text, left.line) for left in parsed.leftover]
    view.all_links = [Link(url=link.url, text=link.text, line=link.line) for b in parsed.blocks for link in b.links
                      if not link.image]
    view.repairs = [str(r) for r in parsed.repairs.as_list()]
    return view


def load_view(source: Path | bytes | str, *, filename: str | None = None,
              limits: LimitsSettings | None = None) -> BriefingView:
    """Parse a briefing file (or its bytes/text) and build the gates' view of it.

    The parser repairs damaged encodings (right for importing); the view also keeps the text as it was
    before repair, because a report about to be published must not need repairing. A file over
    ``limits.max_input_bytes`` is refused before it is read."""
    if isinstance(source, Path):
        limits = limits or LimitsSettings()
        size = source.stat().st_size
        if size > limits.max_input_bytes:
            raise UsageError(f"{source} is {size:,} bytes, over the {limits.max_input_bytes:,}-byte input limit",
                             fix="check a smaller file, or raise limits.max_input_bytes in guancha.yaml")
        data: bytes | str = source.read_bytes()
        filename = filename or source.name
        path = str(source)
    else:
        data = source
        path = filename or ""
    parsed = parse_document(data, filename=filename)
    view = view_from_parsed(parsed, path=path)
    kind, artifact_kind, _ = classify(filename or "briefing", parsed)
    view.artifact = (artifact_kind or "artifact") if kind == "artifact" else ""
    raw = decode_report_bytes(data) if isinstance(data, bytes) else data
    view.raw_lines = [Line(text, n) for n, text in enumerate(raw.replace("\r\n", "\n").split("\n"), start=1)
                      if text.strip()]
    return view


__all__ = ["load_view", "view_from_parsed"]
