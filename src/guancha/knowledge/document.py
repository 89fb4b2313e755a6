"""Parse a briefing document (HTML, Markdown or plain text) in the reference layout into its parts.

Used by the importer (to store reports) and by ``guancha check`` (to test the rendered output), so every
part keeps the line it came from. Each format is first turned into a flat list of :class:`Block`
(heading, paragraph, list item, rule, code) with source line numbers; one section parser then reads the
layout from the blocks, whatever the format was:

    title (emoji, topic, date) · long date · table of contents · stories (headline — subtitle,
    paragraphs, Sources:) · Research Papers · Implications · HEURISTICS (raw block for parse.py)

The parser is tolerant of what broken converters produced (fences as ``<p>`yaml``, lists inside code,
escaped entities, list items glued to the previous line); everything it could not place is kept in
``leftover`` with its line, and everything odd is listed in ``problems``. It never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from guancha.textrepair import RepairLog, decode_report_bytes, repair_text

Format = Literal["html", "markdown", "text"]
BlockKind = Literal["heading", "para", "item", "rule", "code"]

LONG_DATE_RE = re.compile(
    r"^\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),?\s+(\d{4})\s*$",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
URL_RE = re.compile(r"https?://[^\s<>()\[\]\"'`]+[^\s<>()\[\]\"'`.,;:!?]")
# The title: optional emoji/symbols, the topic, a separator, an ISO date.
TITLE_RE = re.compile(r"^(?P<emoji>[^\w\s\"'(\[]+\s*)?(?P<topic>.+?)\s*(?:[—–\-·|:]+\s*)(?P<date>\d{4}-\d{2}-\d{2})\s*$")
# TITLE_RE backtracks quadratically on a long run of symbols, so it only ever sees title-sized lines.
MAX_TITLE_CHARS = 300
LEADING_SYMBOLS_RE = re.compile(r"^([^\w\s\"'(\[$€£#@]+)\s*")
NUMBERING_RE = re.compile(r"^\s*(?:(?:\d{1,2}|[IVXLC]{1,5})[.)]|#{1,6})\s+")
# (?<!\s): a whitespace run is tried once from its start, not from each of its characters (linear, not quadratic)
SUBTITLE_SPLIT_RE = re.compile(r"(?<!\s)\s+[—–]\s+")


# --------------------------------------------------------------------------- result types


@dataclass
class Link:
    text: str
    url: str
    line: int
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
    long_date: str | None = None
    long_date_line: int | None = None
    date: dt.date | None = None
    topic: str | None = None
    emoji: str | None = None
    toc: list[TocEntry] = field(default_factory=list)
    toc_line: int | None = None
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


# --------------------------------------------------------------------------- format detection


def detect_format(text: str, filename: str | None) -> Format:
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if name.endswith(".txt"):
        return "text"
    head = text[:3000].lower()
    if "<!doctype html" in head or "<html" in head or re.search(r"<(body|p|div|h[1-6])[\s>]", head):
        return "html"
    if re.search(r"^#{1,6} \S", text, re.MULTILINE) or re.search(r"\]\(https?://", text):
        return "markdown"
    return "text"


# --------------------------------------------------------------------------- plain text front end

_FENCE_RE = re.compile(r"^\s*(`{1,3}|~{3})\s*([A-Za-z0-9_-]*)\s*$")
_RULE_RE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*[═=─━]{3,}\s*$")
_ITEM_RE = re.compile(r"^(\s*)(?:[-*•+]|\d{1,2}[.)])\s+(.*)$")


def _text_links(text: str, line: int) -> list[Link]:
    return [Link(text=m.group(0), url=m.group(0), line=line) for m in URL_RE.finditer(text)]


def blocks_from_text(text: str, doc: ParsedDocument | None = None) -> list[Block]:
    """Every non-blank line is a block; fenced regions are code; ``- x`` lines are items."""
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        number = i + 1
        stripped = raw.strip()
        fence = _FENCE_RE.match(raw)
        if fence and (fence.group(1) != "`" or fence.group(2)):
            # a fence (```lang, ~~~, or a converter's single-backtick `lang): code until the closing mark
            mark = fence.group(1)
            j = i + 1
            while j < len(lines) and not re.match(r"^\s*" + re.escape(mark) + r"\s*$", lines[j]):
                j += 1
            if j >= len(lines):
                # never closed: read the lines as text rather than swallow the rest of the document
                if doc is not None:
                    doc.problem(number, "text", f"code fence '{stripped}' is never closed")
                blocks.append(_text_block(raw, number))
                i += 1
                continue
            body = lines[i + 1 : j]
            blocks.append(
                Block("code", "\n".join(body), number, min(j + 1, len(lines)), raw="\n".join(body), info=fence.group(2))
            )
            i = j + 1
            continue
        if not stripped:
            i += 1
            continue
        blocks.append(_text_block(raw, number))
        i += 1
    return blocks


def _text_block(raw: str, number: int) -> Block:
    stripped = raw.strip()
    if _RULE_RE.match(stripped):
        return Block("rule", stripped, number, number, raw=raw)
    item = _ITEM_RE.match(raw)
    if item:
        return Block("item", item.group(2).strip(), number, number, level=len(item.group(1)) // 2,
                     links=_text_links(raw, number), raw=raw)
    heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
    if heading:
        return Block("heading", heading.group(2).strip(), number, number, level=len(heading.group(1)), raw=raw)
    return Block("para", stripped, number, number, links=_text_links(raw, number), raw=raw)


# --------------------------------------------------------------------------- Markdown front end


_MAX_OPEN_BRACKETS = 100


def _defuse_open_brackets(text: str) -> str:
    """Escape every "[" that no "]" closes when there are many: markdown-it scans for a link label from each
    unclosed "[" to the end of its paragraph, quadratic on hostile input, and an unclosed "[" is never a link."""
    if text.count("[") - text.count("]") <= _MAX_OPEN_BRACKETS:
        return text
    chars = list(text)
    opened: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "[":
            opened.append(i)
        elif ch == "]" and opened:
            opened.pop()
    for i in opened:
        chars[i] = "\\["
    return "".join(chars)


def blocks_from_markdown(text: str) -> list[Block]:
    """markdown-it tokens to blocks, with its line maps; inline links collected per block."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(_defuse_open_brackets(text))
    lines = text.split("\n")
    blocks: list[Block] = []
    depth = 0
    pending: tuple[BlockKind, int, int, int] | None = None  # kind, level, start line, end line
    item_stack: list[int] = []
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "list_item_open":
            item_stack.append(len(blocks))
        elif tok.type == "list_item_close":
            item_stack.pop()
        elif tok.type == "heading_open":
            start, end = tok.map or (0, 1)
            pending = ("heading", int(tok.tag[1:]), start + 1, end)
        elif tok.type == "paragraph_open":
            start, end = tok.map or (0, 1)
            kind: BlockKind = "item" if item_stack and len(blocks) == item_stack[-1] else "para"
            pending = (kind, depth - 1 if kind == "item" else 0, start + 1, end)
        elif tok.type == "inline" and pending is not None:
            kind, level, start, end = pending
            plain, links = _inline_text(tok, start)
            raw = "\n".join(lines[start - 1 : end])
            if kind == "para" and _RULE_RE.match(plain.strip()):
                blocks.append(Block("rule", plain.strip(), start, end, raw=raw))
            else:
                blocks.append(Block(kind, plain, start, end, level=level, links=links, raw=raw))
            pending = None
        elif tok.type in ("fence", "code_block"):
            start, end = tok.map or (0, 1)
            blocks.append(Block("code", tok.content.rstrip("\n"), start + 1, end, raw=tok.content.rstrip("\n"),
                                info=(tok.info or "").strip()))
        elif tok.type == "hr":
            start, end = tok.map or (0, 1)
            blocks.append(Block("rule", tok.markup, start + 1, end))
        elif tok.type == "html_block":
            start, end = tok.map or (0, 1)
            content = re.sub(r"<[^>]+>", " ", tok.content).strip()
            if content:
                blocks.append(Block("para", re.sub(r"\s+", " ", content), start + 1, end, raw=tok.content))
    return blocks


def _inline_text(tok: Any, line: int) -> tuple[str, list[Link]]:
    parts: list[str] = []
    links: list[Link] = []
    current: list[str] | None = None
    href = ""
    image_mark = False
    for child in getattr(tok, "children", None) or []:
        ctype = child.type
        if ctype == "link_open":
            href = str(child.attrs.get("href", ""))
            current = []
            image_mark = bool(parts) and parts[-1].endswith("!")
        elif ctype == "link_close":
            anchor = "".join(current or [])
            links.append(Link(text=anchor, url=href, line=line, image=image_mark))
            current = None
        elif ctype == "image":
            src = str(child.attrs.get("src", ""))
            links.append(Link(text=child.content, url=src, line=line, image=True))
        elif ctype in ("softbreak", "hardbreak"):
            parts.append("\n" if ctype == "hardbreak" else " ")
        elif ctype in ("text", "code_inline", "html_inline"):
            content = child.content if ctype != "html_inline" else ""
            parts.append(content)
            if current is not None:
                current.append(content)
        if ctype in ("softbreak", "hardbreak"):
            line += 1
    text = "".join(parts)
    return text.strip(), links


# --------------------------------------------------------------------------- HTML front end

_CHROME_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "form", "iframe", "svg",
                "button", "select", "input", "aside", "head", "title", "meta", "link"}
_CHROME_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|sidebar|topbar|top-bar|footer|header|cookie|consent|banner|"
    r"breadcrumbs?|share|social|subscribe|newsletter-signup|advert|ads?|popup|modal|right-panel|toolbar|"
    r"page-header|skip-link|site-header|site-footer|overlay)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_CLASS_RE = re.compile(r"(?:^|\s)(?:prose|article-body|entry-content|post-content|report-body|markdown-body)(?:\s|$)")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "pre", "table", "thead",
               "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "figure",
               "figcaption", "body", "html", "details", "summary"}


def blocks_from_html(markup: str, doc: ParsedDocument | None = None) -> tuple[list[Block], str | None]:
    """Strip site chrome, find the content root and walk it into blocks. Returns (blocks, page title)."""
    from lxml import etree
    from lxml import html as lxml_html

    if not markup.strip():
        return [], None
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        if doc is not None:
            doc.problem(1, "html", f"unparseable HTML ({exc}); read as text")
        return blocks_from_text(re.sub(r"<[^>]+>", "", markup)), None
    page_title_el = root.find(".//title")
    page_title = page_title_el.text_content().strip() if page_title_el is not None else None
    content = _content_root(root)
    _strip_chrome(content)
    _drop_in_page_links(root)
    walker = _HtmlWalker()
    walker.walk(content)
    walker.flush()
    return walker.blocks, page_title


def _content_root(root: Any) -> Any:
    candidates = [el for el in root.iter() if isinstance(el.tag, str)
                  and (_CONTENT_CLASS_RE.search(el.get("class") or "") or el.tag in ("article", "main")
                       or el.get("role") == "main")]
    if not candidates:
        body = root.find(".//body")
        return body if body is not None else root
    return max(candidates, key=lambda el: (bool(_CONTENT_CLASS_RE.search(el.get("class") or "")),
                                           len(el.text_content())))


_TOC_LABEL_RE = re.compile(r"\bcontents\b|\bin this (?:issue|report|briefing)\b", re.IGNORECASE)


def _own_part(el: Any) -> bool:
    """A header inside an article is that article's heading, and a nav labelled as a table of contents is the
    document's own; neither is site chrome."""
    if el.tag == "header":
        return any(a.tag == "article" for a in el.iterancestors())
    if el.tag == "nav":
        return bool(_TOC_LABEL_RE.search(el.get("aria-label") or ""))
    return False


def _drop_in_page_links(root: Any) -> None:
    """A link to an anchor of the same page (a table of contents entry) navigates; it cites nothing."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in root.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and href[1:] in ids:
            del a.attrib["href"]


def _strip_chrome(content: Any) -> None:
    doomed = []
    for el in content.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        if el is content:
            continue
        cls = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
        if _own_part(el):
            continue
        if el.tag in _CHROME_TAGS or (cls and _CHROME_CLASS_RE.search(cls)) or el.get("aria-hidden") == "true":
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # lxml keeps the text that followed the element


class _HtmlWalker:
    """Turns a cleaned DOM into blocks; inline runs (text and inline elements) become paragraphs."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.links: list[Link] = []
        self.buf_line = 0
        self.last_line = 1

    def flush(self) -> None:
        raw = "".join(self.buf)
        self.buf = []
        links, self.links = self.links, []
        if not raw.strip():
            return
        text = re.sub(r"[ \t\r\f\v]+", " ", raw).strip()
        text = re.sub(r" ?\n ?", "\n", text)
        kind: BlockKind = "rule" if _RULE_RE.match(text) else "para"
        line = self.buf_line or self.last_line
        end = line + raw.strip("\n").count("\n")
        # a paragraph holding several lines of YAML/code keeps its raw whitespace for the heuristics parser
        self.blocks.append(Block(kind, text, line, end, links=links, raw=raw.strip("\n")))

    def add_text(self, text: str | None, line: int) -> None:
        if not text:
            return
        if not self.buf or not "".join(self.buf).strip():
            self.buf_line = line
        self.buf.append(text)

    def walk(self, el: Any) -> None:
        tag = el.tag
        line = el.sourceline or self.last_line
        self.last_line = line
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            text = _inline_plain(el)
            if text:
                self.blocks.append(Block("heading", text, line, line, level=int(tag[1]), links=_links_in(el, line)))
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block("rule", "---", line, line))
        elif tag == "pre":
            self.flush()
            raw = el.text_content()
            self.blocks.append(Block("code", raw.strip("\n"), line, line + raw.strip("\n").count("\n"),
                                     raw=raw.strip("\n"), info=_code_lang(el)))
        elif tag == "li":
            self.flush()
            depth = sum(1 for a in el.iterancestors() if a.tag in ("ul", "ol")) - 1
            inline, nested = _split_li(el)
            text = re.sub(r"\s+", " ", inline).strip()
            raw = inline.strip("\n")
            if text:
                self.blocks.append(Block("item", text, line, line + raw.count("\n"), level=max(depth, 0),
                                         links=_links_in(el, line, skip=nested), raw=raw))
            for child in nested:
                self.walk(child)
        elif tag == "br":
            self.add_text("\n", line)
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.add_text(el.text, line)
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                self.walk(child)
                self.add_text(child.tail, self.last_line)
            self.flush()
            return
        else:  # inline element: part of the current paragraph
            self._inline(el)

    def _inline(self, el: Any) -> None:
        tag = el.tag
        line = el.sourceline or self.last_line
        if tag == "br":
            self.add_text("\n", line)
            return
        if tag in _BLOCK_TAGS:
            self.walk(el)
            return
        if tag == "a" and el.get("href"):
            anchor = re.sub(r"\s+", " ", el.text_content()).strip()
            before = "".join(self.buf)
            self.links.append(Link(text=anchor, url=el.get("href"), line=line,
                                   image=before.endswith("!")))
        if tag == "img" and el.get("src"):
            self.links.append(Link(text=el.get("alt") or "", url=el.get("src"), line=line, image=True))
        self.add_text(el.text, line)
        for child in el:
            if isinstance(child.tag, str):
                self._inline(child)
            self.add_text(child.tail, self.last_line)


def _code_lang(el: Any) -> str:
    for node in [el, *list(el)]:
        cls = node.get("class") or ""
        m = re.search(r"language-([\w-]+)", cls)
        if m:
            return m.group(1)
    return ""


def _split_li(el: Any) -> tuple[str, list[Any]]:
    """The li's own text (nested lists excluded) and its nested lists."""
    parts: list[str] = [el.text or ""]
    nested: list[Any] = []
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag in ("ul", "ol"):
            nested.append(child)
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts), nested


def _inline_plain(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _links_in(el: Any, line: int, skip: list[Any] | None = None) -> list[Link]:
    links: list[Link] = []
    skipped = set(map(id, skip or []))
    for a in el.iter("a", "img"):
        if any(id(anc) in skipped for anc in a.iterancestors()):
            continue
        if a.tag == "a" and a.get("href"):
            prev_text = (a.getprevious().tail if a.getprevious() is not None else a.getparent().text) or ""
            links.append(Link(text=_inline_plain(a), url=a.get("href"), line=a.sourceline or line,
                              image=prev_text.endswith("!")))
        elif a.tag == "img" and a.get("src"):
            links.append(Link(text=a.get("alt") or "", url=a.get("src"), line=a.sourceline or line, image=True))
    return links


# --------------------------------------------------------------------------- the section parser

_LABELS: dict[str, re.Pattern[str]] = {
    "toc": re.compile(r"^(?:table of )?contents:?$|^in this (?:issue|report|briefing):?$", re.IGNORECASE),
    "papers": re.compile(r"^(?:research )?papers?(?: (?:of note|to watch|this week|&.*))?:?$|^research papers?\b.{0,40}$"
                         r"|^research papers?\s*[:—–(].*$", re.IGNORECASE),
    "implications": re.compile(r"^(?:cross-story |strategic )?implications?\b.{0,40}$|^synthesis:?$"
                               r"|^(?:cross-story |strategic )?implications?\s*[:—–].*$", re.IGNORECASE),
    "watch": re.compile(r"^heuristics? watch:?$", re.IGNORECASE),  # before "heuristics": it starts alike
    "heuristics": re.compile(r"^\.?heuristics?\b.{0,60}$|^heuristic block\b.*$", re.IGNORECASE),
    "sources": re.compile(r"^sources?\s*:?\s*$", re.IGNORECASE),
}


def _label_of(text: str) -> str | None:
    core = _strip_decoration(text)
    for name, pattern in _LABELS.items():
        if pattern.match(core):
            return name
    return None


def _strip_decoration(text: str) -> str:
    """Drop leading emoji/symbols, numbering and markup punctuation: ``🔮 7. Implications`` -> ``Implications``."""
    core = text.strip().strip("*_`#").strip()
    core = LEADING_SYMBOLS_RE.sub("", core)
    core = NUMBERING_RE.sub("", core)
    return core.strip().strip("*_`").strip()


def split_emoji(text: str) -> tuple[str, str]:
    """(leading emoji/symbols, rest)."""
    text = text.strip()
    m = LEADING_SYMBOLS_RE.match(text)
    if not m:
        return "", text
    return m.group(1).strip(), text[m.end():].strip()


def split_headline(text: str) -> tuple[str, str, str, str | None]:
    """``🛡️ 1. Title — Subtitle`` -> (emoji, headline without emoji/numbering, title, subtitle)."""
    emoji, rest = split_emoji(text)
    rest = NUMBERING_RE.sub("", rest).strip()
    parts = SUBTITLE_SPLIT_RE.split(rest, maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        return emoji, rest, parts[0].strip(), parts[1].strip()
    return emoji, rest, rest, None


def _norm(text: str) -> str:
    text = _strip_decoration(text)
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _title_match(text: str) -> re.Match[str] | None:
    return TITLE_RE.match(text) if len(text) <= MAX_TITLE_CHARS else None


def _parse_long_date(text: str) -> dt.date | None:
    m = LONG_DATE_RE.match(text.strip().strip("*_ "))
    if not m:
        return None
    try:
        return dt.datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)}", "%B %d %Y").date()
    except ValueError:
        return None


def _iso_date(text: str) -> dt.date | None:
    m = ISO_DATE_RE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class _Sections:
    """Reads the reference layout from a block list into a ParsedDocument."""

    def __init__(self, doc: ParsedDocument, blocks: list[Block], page_title: str | None) -> None:
        self.doc = doc
        self.blocks = blocks
        self.page_title = page_title
        self.explicit_headings = any(b.kind == "heading" for b in blocks)
        self._level: int | None = None

    # -- helpers
    def is_heading(self, b: Block) -> bool:
        if b.kind == "heading":
            return True
        if b.kind != "para":
            return False
        # a section label on its own line (plain text, or a bold paragraph standing in for a heading)
        core = _strip_decoration(b.text)
        if self.explicit_headings and core.endswith(":"):
            return False  # "**Implications:**" inside a story is a run-in label, not a section
        return bool(_label_of(b.text) and len(core) <= (40 if self.explicit_headings else 80))

    def run(self) -> None:
        doc, blocks = self.doc, self.blocks
        i = self._title(0)
        i = self._front_matter(i)
        toc_keys = {_norm(e.text) for e in doc.toc}
        zone = "stories"
        story: Story | None = None
        in_sources = False
        heur_start: int | None = None
        while i < len(blocks):
            b = blocks[i]
            label = _label_of(b.text) if b.kind in ("heading", "para") and len(b.text) < 90 else None
            heading_like = self.is_heading(b) or (b.kind == "para" and bool(toc_keys) and _norm(b.text) in toc_keys
                                                  and not self.explicit_headings) or self._text_headline(i, toc_keys)
            if label == "heuristics" and (heading_like or _strip_decoration(b.text).lower().startswith("heuristics:")):
                heur_start = i
                break
            if heading_like and label == "papers":
                story = self._close(story)
                in_sources = False
                zone = "papers"
                doc.papers_line = b.line
                i += 1
                continue
            if heading_like and label == "implications":
                story = self._close(story)
                in_sources = False
                zone = "implications"
                doc.implications_line = b.line
                i += 1
                continue
            if heading_like and label == "watch":
                story = self._close(story)
                in_sources = False
                zone = "watch"
                doc.watch_line = b.line
                i += 1
                continue
            if label == "sources" and zone == "stories" and story is not None:
                in_sources = True
                story.sources_line = b.line
                i += 1
                continue
            if b.kind == "para" and zone == "stories" and story is not None and re.match(r"^\W*sources?\s*:", b.text, re.I):
                # "Sources: link | link" on one line
                in_sources = True
                story.sources_line = b.line
                rest = re.sub(r"^\W*sources?\s*:\s*", "", b.text, flags=re.I)
                self._inline_sources(story, rest, b)
                i += 1
                continue
            if b.kind == "rule":
                in_sources = False if zone != "stories" else in_sources
                i += 1
                continue
            if heading_like and label is None and zone == "papers" and not (toc_keys and _norm(b.text) in toc_keys):
                # papers written as headings (title heading, then a paragraph saying why)
                doc.papers.append(_parse_paper(b))
                i += 1
                continue
            if heading_like and label is None and zone == "implications" and not (toc_keys and _norm(b.text) in toc_keys):
                doc.leftover.append(Leftover(b.text, b.line, "implications-subheading"))
                i += 1
                continue
            if heading_like and label is None:
                if self._is_story_heading(b, toc_keys, story):
                    if zone != "stories":
                        zone = "stories"
                    story = self._close(story)
                    story = self._open_story(b)
                    in_sources = False
                    i += 1
                    continue
                if story is not None and zone == "stories":
                    story.subheadings.append((b.text, b.line))
                    in_sources = False
                    i += 1
                    continue
                doc.leftover.append(Leftover(b.text, b.line, zone if zone != "stories" else "unplaced"))
                i += 1
                continue
            # content
            if zone == "stories":
                if story is None:
                    doc.leftover.append(Leftover(b.text, b.line, "unplaced"))
                elif in_sources and (b.kind == "item" or (b.kind == "para" and b.links and len(b.text) < 200)):
                    url = b.links[0].url if b.links else None
                    story.sources.append(SourceItem(text=b.text, url=url, line=b.line))
                    story.end_line = b.end_line
                elif b.kind in ("para", "item", "code"):
                    in_sources = False  # prose after the list: the sources are over
                    story.paragraphs.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
                    story.end_line = b.end_line
            elif zone == "papers":
                if b.kind == "para" and doc.papers and doc.papers[-1].why is None and doc.papers[-1].authors is None \
                        and blocks[i - 1].kind == "heading":
                    doc.papers[-1].why = b.text
                elif b.kind == "para" and not b.links and _NO_PAPERS_RE.match(b.text):
                    doc.leftover.append(Leftover(b.text, b.line, "papers-none"))  # says there are none: not a paper
                elif b.kind in ("item", "para"):
                    doc.papers.append(_parse_paper(b))
            elif zone == "implications" and b.kind in ("para", "item"):
                doc.implications.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
            elif zone == "watch" and b.kind in ("para", "item"):
                doc.watch.append(Paragraph(b.text, b.line, b.end_line, list(b.links)))
            i += 1
        self._close(story)
        if heur_start is not None:
            self._heuristics(heur_start)
        self._reattach_orphan_papers()
        unplaced = [lo for lo in doc.leftover if lo.where == "unplaced"]
        if doc.toc and not doc.stories and unplaced:
            doc.problem(unplaced[0].line, "stories",
                        f"the table of contents lists {len(doc.toc)} stories but no story headings were found; "
                        f"{len(unplaced)} block(s) of text are not under any story")

    def _title(self, i: int) -> int:
        doc, blocks = self.doc, self.blocks
        # the title is the first heading (or first line in plain text); when several title-like lines open
        # the document (page title, header, h1), the one with "Topic — date" wins and the rest are preamble
        window = [k for k in range(min(len(blocks), 6)) if blocks[k].kind in ("heading", "para")]
        chosen: int | None = None
        for k in window:
            title_like = blocks[k].kind == "heading" or not self.explicit_headings
            if title_like and _title_match(blocks[k].text) and "—" in blocks[k].text:
                chosen = k
                break
        if chosen is None:
            for k in window:
                if blocks[k].kind == "heading" or not self.explicit_headings:
                    chosen = k
                    break
            # when the first heading only names a section ("## Table of Contents"), the title is a plain first
            # line before it, else the page's <title>; the section is then read as front matter
            first = window[0] if window else None
            if chosen is not None and first is not None and blocks[chosen].kind == "heading" \
                    and _label_of(blocks[chosen].text):
                if first < chosen and blocks[first].kind == "para" \
                        and _parse_long_date(blocks[first].text.strip("*_ ")) is None:
                    chosen = first
                elif self.page_title:
                    self._title_from(self.page_title, None)
                    return first
        if chosen is None:
            if self.page_title:
                self._title_from(self.page_title, None)
            doc.problem(1, "title", "no title line found")
            return 0
        for k in range(chosen):
            doc.leftover.append(Leftover(blocks[k].text, blocks[k].line, "before-title"))
        b = blocks[chosen]
        self._title_from(b.text, b.line)
        i = chosen + 1
        # repeated title lines right after it (page header and h1 both exported) are preamble, not content
        while i < len(blocks) and blocks[i].kind in ("heading", "para") and _norm(blocks[i].text) == _norm(b.text):
            doc.leftover.append(Leftover(blocks[i].text, blocks[i].line, "repeated-title"))
            i += 1
        return i

    def _title_from(self, text: str, line: int | None) -> None:
        doc = self.doc
        doc.title = text.strip()
        doc.title_line = line
        emoji, rest = split_emoji(text)
        doc.emoji = emoji or None
        m = _title_match(rest)
        if m:
            doc.topic = m.group("topic").strip().rstrip(":—–-·| ").strip() or None
            doc.date = _iso_date(m.group("date"))
        else:
            topic = re.split(r"(?<!\s)\s+[—–·|:]\s+|:\s+", rest, maxsplit=1)[0].strip()
            doc.topic = topic or None
            doc.date = _iso_date(rest) or _parse_long_date_anywhere(rest)

    def _front_matter(self, i: int) -> int:
        """Long date and table of contents, in either order, before the first story."""
        doc, blocks = self.doc, self.blocks
        while i < len(blocks):
            b = blocks[i]
            if doc.long_date is None and b.kind in ("para", "heading"):
                text = b.text.split("\n")[0].strip().rstrip("-").strip()
                parsed = _parse_long_date(text)
                if parsed is not None:
                    doc.long_date = text.strip("*_ ")
                    doc.long_date_line = b.line
                    if doc.date is None:
                        doc.date = parsed
                    elif doc.date != parsed:
                        doc.problem(b.line, "date", f"long date {parsed} differs from the title date {doc.date}")
                    i += 1
                    continue
            if b.kind == "rule":
                i += 1
                continue
            if b.kind in ("heading", "para") and _label_of(b.text) == "toc" and len(b.text) < 40:
                doc.toc_line = b.line
                i += 1
                while i < len(blocks) and blocks[i].kind in ("item", "para") and not self._ends_toc(blocks[i]):
                    e = blocks[i]
                    if e.kind == "item" or (e.kind == "para" and len(e.text) < 250 and not e.text.endswith(".")):
                        emoji, headline, _, _ = split_headline(e.text)
                        doc.toc.append(TocEntry(text=e.text, emoji=emoji, headline=headline, line=e.line,
                                                section=_label_of(e.text)))
                    else:
                        doc.leftover.append(Leftover(e.text, e.line, "toc"))
                    i += 1
                continue
            break
        return i

    def _text_headline(self, i: int, toc_keys: set[str]) -> bool:
        """Plain text without a table of contents: a short line with an em-dash subtitle (or a leading emoji),
        not ending like a sentence, followed by a long paragraph, is a story headline."""
        if self.explicit_headings or toc_keys:
            return False
        b = self.blocks[i]
        if b.kind != "para" or len(b.text) > 220 or re.search(r"[.!?:;,]$", b.text):
            return False
        if not (SUBTITLE_SPLIT_RE.search(b.text) or LEADING_SYMBOLS_RE.match(b.text)):
            return False
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return nxt is not None and nxt.kind == "para" and len(nxt.text) > 250

    def _ends_toc(self, b: Block) -> bool:
        if b.kind != "para" or not self.doc.toc:
            return False
        # plain text: the first story heading repeats the first TOC entry
        return _norm(b.text) == _norm(self.doc.toc[0].text)

    def _is_story_heading(self, b: Block, toc_keys: set[str], current: Story | None) -> bool:
        if not re.search(r"\w", b.text):
            return False  # decorative rules set as headings (═══) are never stories
        if b.kind != "heading":
            # plain text: a TOC match, or (without a TOC) the headline shape checked by _text_headline
            return _norm(b.text) in toc_keys if toc_keys else not self.explicit_headings
        key = _norm(b.text)
        if toc_keys:
            if key in toc_keys:
                return True
            # headline edited after the TOC was written: same start
            for k in toc_keys:
                if key and k and (key.startswith(k[:40]) or k.startswith(key[:40])) and min(len(k), len(key)) > 15:
                    return True
            if b.kind != "heading":
                return False
            # a heading at the level stories use, when no story matched yet, is still a story
            return current is None or b.level <= self._story_level()
        return b.level <= self._story_level()

    def _story_level(self) -> int:
        if self._level is not None:
            return self._level
        levels: list[int] = []
        for b in self.blocks:
            if b.kind != "heading" or b.line == self.doc.title_line or not re.search(r"\w", b.text):
                continue
            if _label_of(b.text) in ("papers", "implications", "heuristics"):
                break  # only headings in the stories zone decide the story level
            if _label_of(b.text) is None:
                levels.append(b.level)
        if not levels:
            self._level = 6
            return 6
        # the shallowest level used by more than one heading after the title
        counts: dict[int, int] = {}
        for lv in levels:
            counts[lv] = counts.get(lv, 0) + 1
        repeated = sorted(lv for lv, c in counts.items() if c > 1)
        self._level = repeated[0] if repeated else min(levels)
        return self._level

    def _open_story(self, b: Block) -> Story:
        emoji, headline, title, subtitle = split_headline(b.text)
        return Story(heading=b.text, emoji=emoji, headline=headline, title=title, subtitle=subtitle,
                     line=b.line, end_line=b.end_line)

    def _close(self, story: Story | None) -> Story | None:
        """Finish the open story (if any); returns None so callers can write ``story = self._close(story)``."""
        if story is not None:
            self.doc.stories.append(story)
        return None

    def _inline_sources(self, story: Story, rest: str, b: Block) -> None:
        if b.links:
            for link in b.links:
                story.sources.append(SourceItem(text=link.text, url=link.url, line=link.line))
        elif rest.strip():
            for part in re.split(r"\s*[|;]\s*|,\s+(?=[A-Z])", rest):
                if part.strip():
                    url = URL_RE.search(part)
                    story.sources.append(SourceItem(text=part.strip(), url=url.group(0) if url else None, line=b.line))

    def _heuristics(self, start: int) -> None:
        doc, blocks = self.doc, self.blocks
        head = blocks[start]
        raw_lines: list[str] = []
        line_map: list[int] = []
        is_heading_block = head.kind == "heading" or len(head.text) < 90
        i = start + 1 if is_heading_block else start
        heading_text = head.text if is_heading_block else "HEURISTICS"
        fence_open = False
        seen_content = False
        end = len(blocks)
        while i < len(blocks):
            b = blocks[i]
            raw = b.raw if b.raw is not None else b.text
            stripped = b.text.strip()
            if b.kind == "heading" and seen_content and not stripped.upper().startswith("HEURISTIC ") and not fence_open:
                end = i
                break
            if b.kind == "rule" and seen_content and not fence_open and not re.match(r"^[═=─━]+$", stripped):
                end = i
                break
            if b.kind == "code":
                block_lines = raw.split("\n")
                if b.info:
                    raw_lines.append("```" + b.info)
                    line_map.append(b.line)
                raw_lines.extend(block_lines)
                line_map.extend(b.line + (1 if self.doc.format != "html" else 0) + k for k in range(len(block_lines)))
                seen_content = True
                i += 1
                # a closed code block ends the section, unless more entries follow it (one <pre> per entry)
                nxt = blocks[i] if i < len(blocks) else None
                if nxt is not None and (nxt.kind == "code" or re.match(r"^\s*(?:-\s*)?id\s*:|^HEURISTIC\s", nxt.text)):
                    continue
                end = i
                break
            block_lines = raw.split("\n")
            for k, text in enumerate(block_lines):
                m = re.match(r"^\s*(```|`)\s*([A-Za-z]*)\s*(.*)$", text) if k == 0 else None
                if m and (m.group(2) or not m.group(3)):
                    fence_open = not fence_open if m.group(1) else fence_open
                raw_lines.append(text)
                line_map.append(b.line + k)
            if re.search(r"^\s*`{1,3}\s*$", block_lines[-1]) and seen_content:
                seen_content = True
                i += 1
                end = i
                break
            if stripped and b.kind != "heading":
                seen_content = True
            i += 1
        doc.heuristics = HeuristicsBlock(heading=heading_text, line=head.line, raw="\n".join(raw_lines),
                                         line_map=line_map)
        for b in blocks[end:]:
            if b.kind != "rule" and b.text.strip():
                doc.leftover.append(Leftover(b.text, b.line, "after-heuristics"))

    def _reattach_orphan_papers(self) -> None:
        """A papers heading with nothing under it, and paper-shaped items stranded later (a converter moved
        them): give them back to the papers section and say so."""
        doc = self.doc
        if doc.papers_line is None or doc.papers:
            return
        orphans = [lo for lo in doc.leftover if lo.where in ("after-heuristics", "unplaced") and _looks_like_paper(lo.text)]
        if not orphans:
            return
        for lo in orphans:
            doc.leftover.remove(lo)
            block = Block("item", re.sub(r"^\s*[-*•]\s+", "", lo.text), lo.line, lo.line)
            doc.papers.append(_parse_paper(block))
        doc.problem(orphans[0].line, "papers",
                    f"{len(orphans)} paper item(s) found detached at line {orphans[0].line}, "
                    f"attached to the Research Papers heading at line {doc.papers_line}")


_NO_PAPERS_RE = re.compile(r"(?:there (?:are|were) )?no\b[^.\n]{0,60}?\bpapers?\b", re.IGNORECASE)


def _parse_long_date_anywhere(text: str) -> dt.date | None:
    m = re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                  r"\s+\d{1,2},?\s+\d{4}", text)
    return _parse_long_date(m.group(0)) if m else None


_PAREN_RE = re.compile(r"\(([^()]*)\)")
_DATEISH_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}(?:-\d{2})?|\b20\d{2}\b"
)


def _looks_like_paper(text: str) -> bool:
    return len(SUBTITLE_SPLIT_RE.split(text)) >= 3 and bool(_DATEISH_RE.search(text))


def _parse_paper(b: Block) -> Paper:
    """``Title — Authors (affiliation) (date) — why it matters``; missing parts stay None."""
    text = b.text.strip()
    parts = SUBTITLE_SPLIT_RE.split(text, maxsplit=2)
    title = parts[0].strip().strip("*_\"“”")
    authors = affiliation = date = why = None
    if len(parts) >= 2:
        middle = parts[1].strip()
        parens = _PAREN_RE.findall(middle)
        affiliations: list[str] = []
        for p in reversed(parens):
            if _DATEISH_RE.search(p) and date is None:
                date = p.strip()
                continue
            affiliations.insert(0, p.strip())
        affiliation = "; ".join(affiliations) or None
        authors = _PAREN_RE.sub("", middle).strip(" ,;") or None
        if not parens and _DATEISH_RE.fullmatch(middle):
            date, authors = middle, None
    if len(parts) >= 3:
        why = parts[2].strip()
    url = None
    for link in b.links:
        if not link.image:
            url = link.url
            break
    if url is None:
        m = URL_RE.search(text)
        url = m.group(0) if m else None
    return Paper(text=text, title=title, authors=authors, affiliation=affiliation, date=date, why=why, url=url,
                 line=b.line)


# --------------------------------------------------------------------------- entry point


def parse_document(data: bytes | str, *, filename: str | None = None) -> ParsedDocument:
    """Parse a briefing in any of the three formats. Never raises on malformed content: what cannot be
    placed is in ``leftover``, what looks wrong is in ``problems``, and encoding repairs in ``repairs``."""
    log = RepairLog()
    text = decode_report_bytes(data, log) if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = detect_format(text, filename)
    if fmt == "html":
        # entities must be decoded before the damage can be seen; repair the markup's text, line-preserving
        text, _ = repair_text(text, log)
    else:
        text, _ = repair_text(text, log)
    doc = ParsedDocument(format=fmt, filename=filename, repairs=log, text=text)
    page_title: str | None = None
    if fmt == "html":
        blocks, page_title = blocks_from_html(text, doc)
    elif fmt == "markdown":
        blocks = blocks_from_markdown(text)
    else:
        blocks = blocks_from_text(text, doc)
    doc.blocks = blocks
    _Sections(doc, blocks, page_title).run()
    if doc.date is None and filename:
        doc.date = _iso_date(filename.rsplit("/", 1)[-1])
    if doc.topic is None and page_title:
        doc.topic = re.split(r"\s+[—–·|:-]\s+", split_emoji(page_title)[1])[0].strip() or None
    return doc
