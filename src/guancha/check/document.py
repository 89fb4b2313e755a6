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

from guancha.check.view import (
    BriefingView,
    HeuristicEntry,
    HeuristicsBlock,
    Line,
    Link,
    PaperView,
    Paragraph,
    StoryView,
)
from guancha.knowledge.document import ParsedDocument, parse_document
from guancha.textrepair import decode_bytes

FOLLOW_UP_RE = re.compile(r"\bfollow[- ]?up\b|\bupdate\s*:", re.I)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


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
    """Entries (field dict, 0-based raw line) and problems (reason, raw line) of a heuristics block.

    Uses the knowledge base's heuristic parsers when present (every real form: YAML, flattened YAML,
    the code-style form); otherwise reads plain YAML."""
    try:
        from guancha.knowledge import parse as kb_parse  # type: ignore[attr-defined]
    except ImportError:
        kb_parse = None
    if kb_parse is not None and hasattr(kb_parse, "parse_heuristics_block"):
        result = kb_parse.parse_heuristics_block(raw)
        return (
            [(dict(e.fields), int(getattr(e, "line", 0) or 0)) for e in result.entries],
            [(p.reason, int(getattr(p, "line", 0) or 0)) for p in result.problems],
        )
    text = re.sub(r"^\s*(```|~~~)\w*\s*$", "", raw, flags=re.M)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [(f"YAML error: {getattr(exc, 'problem', None) or exc}", mark.line if mark else 0)]
    if isinstance(data, dict) and "heuristics" in data:
        data = data["heuristics"]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [("the block is not a list of heuristics", 0)]
    lines = text.split("\n")
    starts = [k for k, ln in enumerate(lines) if re.match(r"^\s*-\s+\w", ln)]
    entries: list[tuple[dict[str, object], int]] = []
    problems: list[tuple[str, int]] = []
    for n, item in enumerate(data):
        line = starts[n] if n < len(starts) else 0
        if isinstance(item, dict):
            entries.append(({str(k): v for k, v in item.items()}, line))
        else:
            problems.append((f"entry {n + 1} is not a mapping of fields", line))
    return entries, problems


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
        view.stories.append(
            StoryView(
                number=n,
                headline=headline,
                line=story.line,
                subtitle=story.subtitle,
                paragraphs=[Paragraph(p.text, p.line, _links(p.links)) for p in story.paragraphs],
                sources=[Link(url=s.url, text=s.text, line=s.line) for s in story.sources if s.url],
                follow_up=bool(FOLLOW_UP_RE.search(story.heading)),
            )
        )
    view.has_papers_section = parsed.papers_line is not None or bool(parsed.papers)
    view.papers = [PaperView(text=p.text, line=p.line, title=p.title, url=p.url, date=_paper_date(p.date))
                   for p in parsed.papers]
    view.has_implications_section = parsed.implications_line is not None or bool(parsed.implications)
    view.implications = [Paragraph(p.text, p.line, _links(p.links)) for p in parsed.implications]
    view.heuristics = _heuristics(parsed)
    view.lines = _visible_lines(parsed)
    view.comments = _comments(parsed)
    view.leftover = [Line(left.text, left.line) for left in parsed.leftover]
    view.all_links = [Link(url=link.url, text=link.text, line=link.line) for b in parsed.blocks for link in b.links
                      if not link.image]
    view.repairs = [str(r) for r in parsed.repairs.as_list()]
    return view


def load_view(source: Path | bytes | str, *, filename: str | None = None) -> BriefingView:
    """Parse a briefing file (or its bytes/text) and build the gates' view of it.

    The parser repairs damaged encodings (right for importing); the view also keeps the text as it was
    before repair, because a report about to be published must not need repairing."""
    if isinstance(source, Path):
        data: bytes | str = source.read_bytes()
        filename = filename or source.name
        path = str(source)
    else:
        data = source
        path = filename or ""
    view = view_from_parsed(parse_document(data, filename=filename), path=path)
    raw = decode_bytes(data) if isinstance(data, bytes) else data
    view.raw_lines = [Line(text, n) for n, text in enumerate(raw.replace("\r\n", "\n").split("\n"), start=1)
                      if text.strip()]
    return view


__all__ = ["load_view", "view_from_parsed"]
