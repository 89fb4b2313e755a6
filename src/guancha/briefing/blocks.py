"""The format readers: plain text, Markdown and HTML, each turned into one flat list of blocks with source lines."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import unquote

from guancha.briefing.model import (
    LEADING_SYMBOLS_RE,
    MAX_TITLE_CHARS,
    TITLE_RE,
    TOC_LABEL_RE,
    URL_RE,
    Block,
    BlockKind,
    Format,
    Link,
    ParsedDocument,
)
from guancha.textrepair import xml_compatible

# --------------------------------------------------------------------------- format detection


def detect_format(text: str, filename: str | None) -> Format:
    name = (filename or "").lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if name.endswith((".txt", ".text", ".wiki", ".mediawiki", ".textile", ".gmi", ".bbcode")):
        return "text"   # wiki, forum and gemtext markup: read line by line, with their headings (``_wiki_heading``)
    head = text[:3000].lower()
    if "<!doctype html" in head or "<html" in head or re.search(r"<(body|p|div|h[1-6])[\s>]", head):
        return "html"
    if re.search(r"^#{1,6} \S", text, re.MULTILINE) or re.search(r"\]\(https?://", text):
        return "markdown"
    if re.search(r"^={1,6} \S[^\n]{0,300} ={1,6}[ \t]*$", text[:3000], re.MULTILINE):
        return "text"   # MediaWiki's "== Heading ==": Markdown would read "==" as an underline
    return "text"


# --------------------------------------------------------------------------- plain text front end

# one raw HTML tag (bounded, so a "<a" with no end costs a fixed scan), an id or name it declares, and a block that
# is one heading element
_HTML_TAG = re.compile(r"<[A-Za-z][^<>]{0,400}>")
_ID_ATTRIBUTE = re.compile(r"\s(?:id|name)\s*=\s*[\"']?([\w:.-]+)")
_HTML_HEADING = re.compile(r"\s*<h([1-6])\b[^<>]{0,400}>[^<]{0,1000}(?:<(?!/h[1-6])[^<>]{0,400}>[^<]{0,1000}){0,20}"
                           r"</h\1>\s*$", re.IGNORECASE)
_FENCE_RE = re.compile(r"^\s*(`{1,3}|~{3})\s*([A-Za-z0-9_-]*)\s*$")
_RULE_RE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*[═=─━]{3,}\s*$")
# a list item: "- ", "* ", "• ", "1. ", "2) ", and an RFC's "o  " (a letter o and two spaces)
_ITEM_RE = re.compile(r"^(\s*)(?:[-*•+]|\d{1,2}[.)]|o(?=[ \t]{2}))\s+(.*)$")


def _text_links(text: str, line: int) -> list[Link]:
    return [Link(text=m.group(0), url=m.group(0), line=line) for m in URL_RE.finditer(text)]


def _without_page_headers(lines: list[str]) -> list[str]:
    """A printed text's page breaks: a form feed opens each new page, and a running header that opens two or more
    pages ("Synthetic Biology Policy briefing, 2026-06-03") is page furniture, not a paragraph of the story or a line
    of the heuristics it fell into. Line numbers are kept."""
    breaks = [k for k, line in enumerate(lines) if line.startswith("\f")]
    if not breaks:
        return _without_paginated_furniture(lines)
    out = list(lines)
    # the header is on the form feed's line, or (a form feed alone on its line, as RFCs have it) the next line set
    heads = {k: next((j for j in range(k, min(k + 3, len(lines))) if lines[j].strip("\f \t")), k) for k in breaks}
    headers = Counter(_running_header(lines[j]) for j in heads.values())
    for k in breaks:
        j = heads[k]
        out[k] = lines[k].lstrip("\f")
        if headers[_running_header(lines[j])] >= 2:
            out[j] = ""
        for j in range(k - 1, max(k - 4, -1), -1):   # the page's footer ("Page 2", "- 2 -") just before its break
            if _PAGE_FOOTER.match(lines[j]):
                out[j] = ""
                break
            if lines[j].strip():
                break
    return out


def _without_paginated_furniture(lines: list[str]) -> list[str]:
    """Page furniture of a text paginated without form feeds (an RFC's "Desk Name        [Page 2]" footer, then the
    next page's running header "Briefing      Topic      November 2026"): blanked, line numbers kept. Read as text,
    the header was a sentence repeated in every story and the footer a paragraph of the story it cut."""
    footers = [k for k, line in enumerate(lines) if line[:1] not in " \t" and _PAGE_FOOTER.match(line)]
    if not footers or (len(footers) < 2 and "[page" not in lines[footers[0]].lower()):
        return lines
    out = list(lines)
    after: dict[int, str] = {}   # the first line of each next page, and how it reads without its spacing
    for k in footers:
        out[k] = ""
        j = next((j for j in range(k + 1, min(k + 4, len(lines))) if lines[j].strip()), None)
        if j is not None:
            after[j] = " ".join(lines[j].split())
    repeated = Counter(after.values())
    for j, key in after.items():
        if repeated[key] >= 2 or (len(lines[j]) <= 100 and _COLUMNS.search(lines[j].strip())):
            out[j] = ""
    return out


# a line laid out in columns: words, a run of three or more spaces, words
_COLUMNS = re.compile(r"\S[ \t]{3,}\S")
_PAGE_FOOTER = re.compile(r"^[^\S\n]*(?:\S[^\n]{0,80}?[^\S\n]{3})?(?:\[?page \d{1,4}(?: of \d{1,4})?\]?|- ?\d{1,4} ?-)[^\S\n]*$",
                          re.IGNORECASE)


def _running_header(line: str) -> str:
    """A page header's steady part: its left column ("(continued)" or a page number may sit on the right)."""
    return re.split(r"\s{3,}", line.strip("\f \t"), maxsplit=1)[0]


def blocks_from_text(text: str, doc: ParsedDocument | None = None) -> list[Block]:
    """Every non-blank line is a block; fenced regions are code; ``- x`` lines are items."""
    blocks: list[Block] = []
    lines = _without_page_headers(text.split("\n"))
    last_closer: dict[str, int] = {}
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
        wiki_code = _WIKI_CODE_OPEN.match(raw)
        if wiki_code is not None:
            closer = _wiki_code_closer(wiki_code)
            if closer not in last_closer:   # where each closing mark last appears: an opener after it scans nothing
                last_closer[closer] = max((k for k, line in enumerate(lines) if line.strip().lower() == closer),
                                          default=-1)
            close_at = next((k for k in range(i + 1, len(lines)) if lines[k].strip().lower() == closer), None) \
                if last_closer[closer] > i else None
            if close_at is not None:
                body = lines[i + 1 : close_at]
                language = _CODE_LANGUAGE.search(wiki_code.group(0))
                blocks.append(Block("code", "\n".join(body), number, close_at + 1, raw="\n".join(body),
                                    info=language.group(1) if language else ""))
                i = close_at + 1
                continue
        if not stripped:
            i += 1
            continue
        under = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _underlines(stripped, under):
            # a line underlined with ==== or ---- (setext style) is a heading, and its underline no rule
            blocks.append(Block("heading", stripped, number, number + 1, level=1 if under[0] == "=" else 2,
                                raw=raw))
            i += 2
            continue
        level = _numbered_section(lines, i)
        if level is not None:   # (its number is the layout's, as a Markdown heading's "##" is: not the headline's)
            title = " ".join(stripped.split()[1:])
            blocks.append(Block("heading", title, number, number, level=level, raw=raw))
            i += 1
            continue
        block = _text_block(raw, number)
        i += 1
        if block.kind == "item" or _NUMBERED_REFERENCE.match(raw):
            i = _wrapped_item(block, lines, i)   # (a reference "[2] Outlet, title," with its address on the next line)
        blocks.append(block)
    _cite_numbered_references(blocks)
    return blocks


# an RFC's section line, flush left: "3.  Research Papers", "2.1.  Fleet caps"
_SECTION_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})\.[ \t]+\S")


def _numbered_section(lines: list[str], i: int) -> int | None:
    """The heading level of a numbered section line written as an RFC writes one: flush left, a blank line under it,
    and its text indented below (the contents' entries are indented, a plain numbered list's text is not); None
    for any other line. Read as list items, an RFC-style report's "3.  Research Papers" was a story."""
    line = lines[i]
    m = _SECTION_NUMBER.match(line)
    if m is None or len(line) > 200 or line.rstrip().endswith((".", ":", ",", ";")) \
            or i + 2 >= len(lines) or lines[i + 1].strip():
        return None
    body = next((lines[j] for j in range(i + 2, min(i + 6, len(lines))) if lines[j].strip()), "")
    if len(body) - len(body.lstrip(" \t")) < 2 or _SECTION_NUMBER.match(body.lstrip()):
        return None
    return 1 + len(m.group(1).split("."))


# a list entry that is a line of YAML ("- id: x"), whose next lines are its fields, not its wrapped text
_YAML_ITEM = re.compile(r"^\s*-\s+[\w\"'-]{1,40}\s*:")
# a line cut at a column by a mailer or an editor (72, 76, 78 characters) is this long, and so are its continuations
_WRAPPED_LINE = (50, 80)


def _wrapped_item(item: Block, lines: list[str], i: int) -> int:
    """Join to a list item the lines an e-mail or a 72-column editor wrapped it onto (up to a blank line or the next
    item), and the address on a line of its own after it; returns the index after them. Read line by line, three
    wrapped papers were "12 papers listed"."""
    if _YAML_ITEM.match(item.raw or ""):
        return i
    last = item.raw or ""
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or _ITEM_RE.match(line) or _NUMBERED_REFERENCE.match(line) or _RULE_RE.match(stripped) \
                or _FENCE_RE.match(line) or stripped.startswith("#") or LEADING_SYMBOLS_RE.match(stripped) \
                or (i + 1 < len(lines) and _underlines(stripped, lines[i + 1].strip())):
            break
        if not URL_RE.fullmatch(stripped):   # (the entry's address on a line of its own always joins it)
            if not (_WRAPPED_LINE[0] <= len(last.rstrip()) <= _WRAPPED_LINE[1] and len(line.rstrip()) <= _WRAPPED_LINE[1]):
                break   # a line of any length not cut at a column (a contents entry, then the first headline): no wrap
            if last.rstrip().endswith((".", "!", "?", ":")) and stripped[0].isupper():
                break   # the entry ended its sentence and a new line begins ("Implications" after the last paper)
        item.text = f"{item.text} {stripped}"
        item.links.extend(_text_links(line, i + 1))
        item.raw = f"{item.raw}\n{line}"
        item.end_line = i + 1
        last = line
        i += 1
    return i


_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def _underlines(line: str, under: str) -> bool:
    """``under`` is a row of = or - about as long as ``line``, and ``line`` reads as a heading (short, no full stop,
    not a list item)."""
    if len(under) < 3 or under[0] not in "=-" or under.strip(under[0]):
        return False
    if _ITEM_RE.match(line) and not _NUMBERED_LINE.match(line):
        return False   # "- item" over a rule; but "1. Headline" underlined is a numbered story's heading
    # fixed-width underlines (60 dashes under a long or a short headline) as well as ones cut to the line's length
    return len(line) <= 200 and not line.endswith(".") and min(0.3 * len(line), 20) <= len(under) <= \
        max(1.5 * len(line) + 3, 80)


# "… the technical report [1] on Friday." with "[1] Outlet: Title <https://…>" (or "1. …") after the story or in one
# numbered list at the end of the report: numbered references, marked "[2]" or "[2, 5]" in the text
# (gemtext writes a reference as a link line: "=> https://… [2] Outlet — title")
_NUMBERED_REFERENCE = re.compile(r"^\s*(?:=>[ \t]*\S+[ \t]+)?(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s")
_REFERENCE_MARK = re.compile(r"\[(\d{1,3}(?:\s{0,3}[,;]\s{0,3}\d{1,3}){0,20})\]")


def _reference(b: Block) -> tuple[str, str] | None:
    """(number, address) of a numbered reference line, or None."""
    if b.kind not in ("para", "item"):
        return None
    m = _NUMBERED_REFERENCE.match(b.raw or b.text)
    if m is None:
        return None
    address = b.links[0].url if b.links else (u.group(0) if (u := URL_RE.search(b.raw or b.text)) else None)
    return (m.group(1) or m.group(2), address) if address else None


def _cite(para: Block, references: dict[str, str]) -> None:
    """One link per use of a mark: "[2]" twice in a paragraph cites twice, as two inline links would. A use already
    linked (a pass before this one, or "[[2]](…)" in Markdown) is not linked again."""
    uses: dict[str, list[str]] = {}
    for mark in _REFERENCE_MARK.finditer(para.text):
        for number in re.split(r"\s*[,;]\s*", mark.group(1)):
            url = references.get(number)
            if url is not None:
                uses.setdefault(url, []).append(number)
    for url, numbers in uses.items():
        linked = sum(1 for ln in para.links if ln.url == url)
        para.links.extend(Link(text=f"[{number}]", url=url, line=para.line) for number in numbers[linked:])


def _cite_numbered_references(blocks: list[Block]) -> None:
    """Give each paragraph the links of the numbered references it cites ("[2]"), as an inline link would have
    been: from the reference lines that follow it under the same heading (numbers counting from 1 in each story),
    and from one numbered list anywhere in the report when no number in it is used twice. A report with one
    reference list at its end had 0 citations in every story and was held."""
    since_heading: list[Block] = []
    references: dict[str, str] = {}
    unique = True
    for b in blocks:
        if b.kind == "heading":
            since_heading = []
            continue
        reference = _reference(b)
        if reference is not None:
            number, url = reference
            for para in since_heading:
                _cite(para, {number: url})
            unique = unique and references.setdefault(number, url) == url
        elif b.kind == "para":
            since_heading.append(b)
    if not unique or not references:
        return
    for b in blocks:
        if b.kind in ("para", "item") and _reference(b) is None:
            _cite(b, references)


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
    wiki = _wiki_heading(stripped)
    if wiki is not None:
        return Block("heading", wiki[1], number, number, level=wiki[0], raw=raw)
    return Block("para", stripped, number, number, links=_text_links(raw, number), raw=raw)


# a wiki's or a forum's code block: MediaWiki's <syntaxhighlight lang="yaml">, DokuWiki's <code yaml>, Confluence's
# {code:language=yaml}, BBCode's [code]; each closed by its own mark on a line of its own
_WIKI_CODE_OPEN = re.compile(r"^\s*(?:<(syntaxhighlight|source|code|pre)\b[^<>\n]{0,120}>|\{(code|noformat)\b[^{}\n]{0,200}\}"
                             r"|\[(code)(?:=[^\[\]\n]{0,40})?\])\s*$", re.IGNORECASE)
_CODE_LANGUAGE = re.compile(r"(?:lang(?:uage)?\s*[=:]\s*[\"']?|<code\s+|\[code=)([A-Za-z][\w+-]{0,20})", re.IGNORECASE)


def _wiki_code_closer(opened: re.Match[str]) -> str:
    if opened.group(1):
        return f"</{opened.group(1).lower()}>"
    if opened.group(2):
        return "{" + opened.group(2).lower() + "}"
    return "[/code]"


_TEXTILE_HEADING = re.compile(r"h([1-6])\.\s+(\S.*)")


def _wiki_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a wiki's heading line: Confluence's and Textile's "h2. Title", MediaWiki's "== Title ==",
    DokuWiki's "====== Title ======" (more signs, higher level). Read as plain lines, a wiki briefing's stories were
    found through its contents but its papers and implications were "missing"."""
    if (m := _TEXTILE_HEADING.fullmatch(line)) is not None:
        return int(m.group(1)), m.group(2).strip()
    signs = len(line) - len(line.lstrip("="))
    if not 1 <= signs <= 6 or not line.endswith("=" * signs) or len(line) <= 2 * signs:
        return None
    inner = line[signs:-signs]
    if inner.startswith("=") or inner.endswith("=") or not inner.strip() \
            or (signs == 1 and not (inner.startswith(" ") and inner.endswith(" "))):
        return None   # "= Title =" spaced, not "=x="
    return (7 - signs if signs >= 5 else signs), inner.strip()


# An e-mail's header lines (RFC 5322), when a briefing was saved from a mailbox: "Subject: …" is no title line.
_MAIL_HEADER = re.compile(r"^(?:From|To|Cc|Bcc|Reply-To|Subject|Date|Sent|Message-ID|MIME-Version|Content-[\w-]+|"
                          r"X-[\w-]+):[ \t]", re.IGNORECASE)


# A box drawn round a title or a section name in plain text ("╔══╗ / ║ Title ║ / ╚══╝", "┌──┐ / │ CONTENTS │ /
# └──┘"): typography, as an underline is. A closed frame of at most three short lines; a tool's box holds more.
_BOX_TOP = re.compile(r"^\s*[┌╔╭┏][─═━]{2,}[┐╗╮┓]\s*$")
_BOX_BOTTOM = re.compile(r"^\s*[└╚╰┗][─═━]{2,}[┘╝╯┛]\s*$")
_BOX_SIDES = "│║┃"
MAX_BOX_LINES = 3


def _box_inside(line: str) -> str | None:
    """The text inside a framed line ("│ CONTENTS │"), or None when the line is no side of a frame (the right side
    may be missing: an emoji's width pushes it out of line)."""
    core = line.strip()
    if len(core) < 2 or core[0] not in _BOX_SIDES or len(core) > 400:
        return None
    core = core[1:].rstrip()
    if core and core[-1] in _BOX_SIDES:
        core = core[:-1]
    return None if any(c in _BOX_SIDES for c in core) else core.strip()


def box_frames(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each closed box of at most three framed lines: the index (0-based) of its top border and the text of its
    framed lines. Scanned once, line by line; whether a box is typography is the section parser's to say."""
    out: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(lines):
        if not _BOX_TOP.match(lines[i]):
            i += 1
            continue
        j = i + 1
        inside: list[str] = []
        while j < len(lines) and j - i <= MAX_BOX_LINES and (text := _box_inside(lines[j])) is not None:
            inside.append(text)
            j += 1
        if inside and j < len(lines) and _BOX_BOTTOM.match(lines[j]):
            out.append((i, inside))
            i = j + 1
        else:
            i = j
    return out


def without_mail_headers(text: str) -> str:
    """The text with a leading e-mail header block (two or more header lines, a From or Subject among them, then a
    blank line) blanked, line numbers kept."""
    lines = text.split("\n")
    k = mail_header_count(lines)
    return "\n" * k + "\n".join(lines[k:]) if k else text


def mail_header_count(lines: list[str]) -> int:
    """How many lines a leading e-mail header block takes (two or more header lines, a From or Subject among them,
    then a blank line); 0 when the text opens with none."""
    k = 0
    while k < len(lines) and (_MAIL_HEADER.match(lines[k]) or (k and lines[k][:1] in (" ", "\t") and lines[k].strip())):
        k += 1
    headers = [line.lower() for line in lines[:k]]
    if k >= 2 and k < len(lines) and not lines[k].strip() and any(h.startswith(("from:", "subject:")) for h in headers):
        return k
    return 0


# a chat app's message header as a copied conversation shows it: the poster's name (one to five words, a "BOT" or
# "APP" tag), a dash, and when ("Today at 07:02", "Yesterday at 7:40 PM", "11/18/2026 7:02 AM")
_CHAT_STAMP = re.compile(r"^[ \t]*[^\s—–-][^—–\n]{0,60}?[ \t][—–-][ \t](?:(?:Today|Yesterday)[ \t]at|"
                         r"\d{1,2}/\d{1,2}/\d{2,4},?)[ \t]\d{1,2}:\d{2}(?:[ \t]?[AaPp]\.?[Mm]\.?)?[ \t]*$")


def without_chat_stamps(text: str) -> str:
    """The text with a chat app's message headers ("Research Bot — Today at 07:02") blanked, line numbers kept: a
    briefing posted as several messages and copied from the channel carries one between its parts, which read as a
    contents entry or a line repeated in every story."""
    if "at " not in text and "/" not in text:
        return text
    lines = text.split("\n")
    stamps = [k for k, line in enumerate(lines) if len(line) <= 100 and _CHAT_STAMP.match(line)]
    for k in stamps:
        lines[k] = ""
    return "\n".join(lines) if stamps else text


# one line of a note app's metadata: a snake_case key, a colon, a value or nothing ("parent_id: 0d1e…", "author: ")
_NOTE_META_LINE = re.compile(r"^([a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){0,4}_?):(?:[ \t]+\S.{0,300})?[ \t]*$")
_NOTE_ID = re.compile(r"^id:[ \t]+(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[ \t]*$",
                      re.IGNORECASE)


def without_note_metadata(text: str) -> str:
    """The text with a note app's metadata trailer blanked, line numbers kept: Joplin's raw export prints the note's
    id, its times and its flags ("id: 5f0c…", "created_time: …", "is_todo: 0") after the body, where it read as the
    last section's content (a heuristic that lacked every field). The trailer is the file's last run of six or more
    "key: value" lines, after a blank line, with a hexadecimal id and two or more times."""
    lines = text.split("\n")
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and _NOTE_META_LINE.match(lines[start - 1]):
        start -= 1
    run = lines[start:end]
    if len(run) < 6 or (start and lines[start - 1].strip()):
        return text
    keys = [line.split(":", 1)[0] for line in run]
    times = sum(1 for key in keys if key.endswith(("_time", "_date")) or key in ("created", "updated", "modified"))
    if times < 2 or not any(_NOTE_ID.match(line) for line in run):
        return text
    return "\n".join(lines[:start] + [""] * len(run) + lines[end:])


# an outliner's bullet: its indent and its text
_OUTLINE_BULLET = re.compile(r"^([ \t]*)([-*])[ \t]+(\S.*)$")


def outline_headings(text: str) -> str:
    """An outliner's page (Roam, Logseq, Workflowy) where every block is a bullet: a top-level bullet set wholly in
    bold with bullets nested under it ("- **Research Papers**", "- **⚡ Headline — subtitle**") is that part's
    heading, written as Logseq writes one ("- ## …"); line numbers kept. Read as a list, the page had no stories and
    no sections. A page is an outline when at least nine in ten of its lines with text after the first, code aside, are bullets."""
    lines = text.split("\n")
    body: list[int] = []
    in_code = False
    for k, line in enumerate(lines):
        core = re.sub(r"^[-*][ \t]+", "", line.strip())
        if core.startswith(("```", "~~~")):   # a fenced block (the heuristics' YAML) is no block of the outline
            in_code = not in_code
        elif line.strip() and not in_code:
            body.append(k)
    body = body[1:]
    bullets = {k: m for k in body if (m := _OUTLINE_BULLET.match(lines[k])) is not None}
    if len(body) < 10 or len(bullets) * 10 < len(body) * 9:
        return text
    heads = []
    for k, m in bullets.items():
        core = m.group(3).strip()
        if m.group(1) or not (len(core) > 4 and core.startswith("**") and core.endswith("**")
                              and "**" not in core[2:-2]):
            continue
        nested = _OUTLINE_BULLET.match(lines[k + 1]) if k + 1 < len(lines) else None
        if nested is not None and len(nested.group(1)) > 0:
            heads.append((k, f"{m.group(2)} ## {core[2:-2].strip()}"))
    if len(heads) < 2:
        return text
    for k, heading in heads:
        lines[k] = heading
    return "\n".join(lines)


# a fence line: its mark (three or more backticks or tildes) and its info string
_ANY_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[ \t]*$")
_MARKDOWN_INFO = {"markdown", "md", "mdown", "gfm", "commonmark"}


def fenced_markdown_report(text: str) -> str | None:
    """The report a message quotes whole in one Markdown code fence (an e-mail reply or a chat post pasting the
    briefing as "```markdown ... ```"), the lines around it blanked and line numbers kept; None for any other text.
    The fence must be labelled Markdown, hold a Markdown heading, and hold at least four in five of the file's lines
    with text: a story that shows a Markdown sample in a fence is left as it is. Fences nested inside (the heuristics'
    ```yaml) are content: a bare fence closes the innermost one opened, the outer one last."""
    lines = text.split("\n")
    start = next((k for k, line in enumerate(lines) if line.strip()), None)
    opener = None
    while start is not None and start < len(lines):
        opener = _ANY_FENCE.match(lines[start])
        if opener is not None:
            break
        start += 1
    if start is None or opener is None or opener.group(2).lower() not in _MARKDOWN_INFO:
        return None
    mark = opener.group(1)
    depth, end = 0, None
    for k in range(start + 1, len(lines)):
        fence = _ANY_FENCE.match(lines[k])
        if fence is None or fence.group(1)[0] != mark[0]:
            continue
        if fence.group(2):
            depth += 1
        elif depth:
            depth -= 1
        elif len(fence.group(1)) >= len(mark):
            end = k
            break
    if end is None:
        return None
    inside = lines[start + 1 : end]
    if not any(re.match(r"^#{1,6} \S", line) for line in inside):
        return None
    with_text = sum(1 for line in lines if line.strip())
    if sum(1 for line in inside if line.strip()) * 5 < with_text * 4:
        return None
    return "\n" * (start + 1) + "\n".join(inside) + "\n" * (len(lines) - end)


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


# Pandoc's extensions, read as what they say: a "% Title" block, "{#id .class}" after a heading, ":::" div fences.
MAX_HEADING_CHARS = 1000
_HEADING_ATTRIBUTES = re.compile(r"\{#([\w-]+)(?:\s+(?:[.#][\w-]+|[\w-]+=\S+))*\}")
_DIV_FENCE = re.compile(r"^\s*:{3,}")
_KRAMDOWN_ATTRIBUTES = re.compile(r"^\s{0,3}\{:[^{}\n]{0,200}\}\s*$")
# Obsidian's callouts ("> [!info] Title" over the callout's lines): the marker dropped, the title kept a line apart
_CALLOUT = re.compile(r"^(\s*>\s?)\[![\w-]+\][+-]?[ \t]*(.*)$")
# Obsidian's wiki links: [[target]], [[target|text]] (no bracket inside, so one pass reads them)
_WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")


# Static-site generators' code blocks and directives on lines of their own: Hugo's "{{< highlight yaml >}}" …
# "{{< /highlight >}}", Jekyll's "{% highlight yaml %}" … "{% endhighlight %}" are code fences; any other directive
# ("{{% notice info %}}", "{% include ad.html %}", "{% raw %}") is the template's, no text of the report.
_SITE_CODE_OPEN = re.compile(r"^\s*(?:\{\{[<%]\s*(?:highlight|code)\b([^{}\n]{0,120})[>%]\}\}"
                             r"|\{%-?\s*highlight\b([^{}\n]{0,120})-?%\})\s*$")
_SITE_CODE_CLOSE = re.compile(r"^\s*(?:\{\{[<%]\s*/\s*(?:highlight|code)\s*[>%]\}\}|\{%-?\s*endhighlight\s*-?%\})\s*$")
_SITE_DIRECTIVE = re.compile(r"^\s*(?:\{\{[<%][^{}\n]{0,200}[>%]\}\}|\{%[^{}\n]{0,200}%\})\s*$")
_CODE_WORD = re.compile(r"(?:lang(?:uage)?\s*=\s*[\"']?)?([A-Za-z][\w+-]{0,20})")


def _site_directive(line: str) -> str | None:
    """What a static-site generator's directive line reads as in Markdown: a code fence ("```yaml", "```") for a
    highlight block, a blank line for any other directive, None for a line of text."""
    if "{" not in line:
        return None
    if (opened := _SITE_CODE_OPEN.match(line)) is not None:
        word = _CODE_WORD.search((opened.group(1) or opened.group(2) or "").strip())
        return "```" + (word.group(1) if word else "")
    if _SITE_CODE_CLOSE.match(line):
        return "```"
    return "" if _SITE_DIRECTIVE.match(line) else None


def _pandoc_markdown(text: str) -> tuple[str, set[str]]:
    """The text with pandoc's title block as a heading, its div fences blank and heading attributes dropped (line
    numbers kept), and the heading ids those attributes gave (a contents list links them)."""
    lines = text.split("\n")
    ids: set[str] = set()
    if lines and lines[0].startswith("% "):
        lines[0] = "# " + lines[0][2:]
        k = 1
        while k < len(lines) and lines[k].startswith("% "):   # the title block's authors, then its date
            last = k + 1 == len(lines) or not lines[k + 1].startswith("% ")
            lines[k] = lines[k][2:] if last else ""
            k += 1
    for k, line in enumerate(lines):
        if (directive := _site_directive(line)) is not None:
            lines[k] = directive
            continue
        callout = _CALLOUT.match(line)
        if callout and k + 1 < len(lines) and lines[k + 1].lstrip().startswith(">"):
            lines[k] = callout.group(1) + callout.group(2).rstrip() + "\\"   # its title is a line of its own
        elif callout:
            lines[k] = callout.group(1) + callout.group(2)
        if _DIV_FENCE.match(line) or _KRAMDOWN_ATTRIBUTES.match(line):
            lines[k] = ""   # a div fence, or kramdown's attribute line ("{: #toc}", "{:.note}") for the block above
        elif line.startswith("#") and len(line) <= MAX_HEADING_CHARS and line.rstrip().endswith("}") and "{#" in line:
            at = line.rfind("{#")
            attributes = _HEADING_ATTRIBUTES.fullmatch(line[at:].rstrip())
            if attributes:
                ids.add(attributes.group(1))
                lines[k] = line[:at].rstrip()
    return "\n".join(lines), ids


# markdown-it makes a token of every emphasis or table delimiter: a line of 2 million "*" took 25 s and 974 MB. A run
# of one delimiter longer than this means nothing more than a shorter one (a rule, a row of stars), so it is cut.
_MAX_DELIMITER_RUN = 64
_DELIMITER_RUN = re.compile(r"([*_~|`])\1{" + str(_MAX_DELIMITER_RUN) + ",}")


def _shorter_run(m: re.Match[str]) -> str:
    return m.group(1) * _MAX_DELIMITER_RUN


def blocks_from_markdown(text: str) -> list[Block]:
    """markdown-it tokens to blocks, with its line maps; inline links collected per block. A table's rows are items
    (a contents table, a table of heuristics), the first one holding the header's lines in its raw text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    text, heading_ids = _pandoc_markdown(_DELIMITER_RUN.sub(_shorter_run, text))
    tokens = md.parse(_defuse_open_brackets(text))
    lines = text.split("\n")
    blocks: list[Block] = []
    depth = 0
    pending: tuple[BlockKind, int, int, int] | None = None  # kind, level, start line, end line
    item_stack: list[int] = []
    row: tuple[int, int, list[str], list[Link]] | None = None   # table row: start, end, cells, links
    header_lines = ""
    for tok in tokens:
        if tok.type == "thead_open":
            start, end = tok.map or (0, 1)
            header_lines = "\n".join(lines[start:end + 1])  # the header row and its delimiter row
        elif tok.type == "tr_open":
            start, end = tok.map or (0, 1)
            row = (start + 1, end, [], [])
        elif tok.type == "inline" and row is not None:
            plain, links = _inline_text(tok, row[0])
            row[2].append(_WIKI_LINK.sub(_wiki_text, plain))
            row[3].extend(links)
        elif tok.type == "tr_close" and row is not None:
            start, end, cells, links = row
            row = None
            if lines[start - 1:end] and header_lines.startswith(lines[start - 1]):
                continue  # the header row: its cells name the columns
            raw = "\n".join(lines[start - 1:end])
            if header_lines:
                raw, header_lines = header_lines + "\n" + raw, ""
            blocks.append(Block("item", " ".join(c for c in cells if c), start, end, level=0, links=links, raw=raw))
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
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
            plain = _WIKI_LINK.sub(_wiki_text, plain)
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
            heading = _HTML_HEADING.match(tok.content)
            if content and heading:   # "<h2 id="st1">Headline</h2>" written in Markdown is a heading
                blocks.append(Block("heading", re.sub(r"\s+", " ", content), start + 1, end, level=int(heading.group(1)),
                                    raw=tok.content))
            elif content:
                blocks.append(Block("para", re.sub(r"\s+", " ", content), start + 1, end, raw=tok.content))
    # ids that raw HTML in the Markdown declares (<a id="s1"></a> before a heading, <h2 id="st1">) are anchors too
    heading_ids = heading_ids | {m.group(1) for tag in _HTML_TAG.finditer(text)
                                 if (m := _ID_ATTRIBUTE.search(tag.group(0)))}
    _drop_heading_anchors(blocks, heading_ids)
    _cite_footnotes(blocks)
    _cite_numbered_references(blocks)
    return blocks


# Markdown footnotes: "… opened its fourth berth on Monday[^1] …" with "[^1]: Port of Gdańsk: … <https://…>" at the
# end of the document (GitHub's and Pandoc's form; CommonMark reads both as plain text)
_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]{1,40})\]")
_FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^([^\]\s]{1,40})\]:")


def _cite_footnotes(blocks: list[Block]) -> None:
    """Give each paragraph the links of the footnotes it marks ("[^3]"), from the footnote definitions anywhere in
    the document, as an inline link would have been: every story of a report written with footnotes had 0 citations
    and was held."""
    definitions: dict[str, str] = {}
    for b in blocks:
        if b.kind not in ("para", "item") or not b.links or not _FOOTNOTE_DEFINITION.match(b.raw or b.text):
            continue
        for line in (b.raw or b.text).split("\n"):   # definitions on consecutive lines are one paragraph
            if (m := _FOOTNOTE_DEFINITION.match(line)) and (address := URL_RE.search(line[m.end():])):
                definitions.setdefault(m.group(1), address.group(0))
    if not definitions:
        return
    for b in blocks:
        if b.kind not in ("para", "item") or _FOOTNOTE_DEFINITION.match(b.raw or b.text):
            continue
        for m in _FOOTNOTE_MARK.finditer(b.text):
            url = definitions.get(m.group(1))
            if url is not None and not any(ln.url == url for ln in b.links):
                b.links.append(Link(text=m.group(0), url=url, line=b.line))


def _wiki_text(match: re.Match[str]) -> str:
    """What a wiki link shows: its text, else its target without the in-page "#"."""
    return (match.group(2) or match.group(1).lstrip("#")).strip()


def _anchor_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", unquote(text).lower())


def _drop_heading_anchors(blocks: list[Block], ids: Collection[str] = ()) -> None:
    """A link to one of the document's own headings ("[…](#storm-surge-tops-flood-gates)", as renderers slug them, or
    an id a heading declares, ``ids``) is a table of contents navigating, not a citation; a bare "#" or an anchor no
    heading has (and whose text names none) stays a link to check."""
    headings = ({_anchor_key(b.text) for b in blocks if b.kind == "heading"} | {_anchor_key(i) for i in ids}) - {""}
    for b in blocks:
        if b.links:
            # by its target, or by its text naming a heading: Notion numbers its anchors ("[Headline](#0)")
            b.links = [ln for ln in b.links if not (ln.url and ln.url.startswith("#") and len(ln.url) > 1
                                                  and (_anchor_key(ln.url[1:]) in headings
                                                       or _anchor_key(ln.text) in headings))]


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

# ("ac:parameter": a Confluence macro's settings, its code block's language or a panel's colour, not its body)
_CHROME_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "form", "iframe", "svg",
                "button", "select", "input", "aside", "head", "title", "meta", "link", "ac:parameter"}
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


_XML_DECLARATION = re.compile(r"^\ufeff?[ \t]*<\?xml\b[^<>\n]{0,300}\?>")


_MARKUP_TAG = re.compile(r"<[A-Za-z/!?]")


def _unwrap_cdata(markup: str) -> str:
    """XML CDATA sections, which an HTML parser reads as a comment up to the first ">" and so drops: a Confluence
    page's code macro (its heuristics) vanished. A section holding markup (an Evernote note's ENML) is put back as
    markup; one holding text is that text, escaped, in a <pre> that keeps its lines. One pass, no regex over it."""
    out: list[str] = []
    pos = 0
    while (start := markup.find("<![CDATA[", pos)) >= 0:
        end = markup.find("]]>", start + 9)
        if end < 0:
            break
        body = markup[start + 9:end]
        out.append(markup[pos:start])
        out.append(body if _MARKUP_TAG.search(body) else "<pre>" + html.escape(body, quote=False) + "</pre>")
        pos = end + 3
    out.append(markup[pos:])
    return "".join(out)


def blocks_from_html(markup: str, doc: ParsedDocument | None = None,
                     label_of: Callable[[str], str | None] | None = None) -> tuple[list[Block], str | None]:
    """Strip site chrome, find the content root and walk it into blocks. Returns (blocks, page title).
    ``label_of`` names the report section a heading's text opens (the section parser's), to tell a rail that holds
    the report's own sections from a site's sidebar."""
    from lxml import etree
    from lxml import html as lxml_html

    if not markup.strip():
        return [], None
    # a form feed after a page's <nav> was a traceback when the <nav> was dropped; the report's raw lines keep the
    # control characters for the rule that reports them
    markup = xml_compatible(markup)
    # an XHTML page (an EPUB chapter) opens with an XML declaration, which lxml refuses in a str ("encoding declaration
    # not supported"): the page was read as tag-stripped text, without a link. The text is decoded already.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if "<![CDATA[" in markup:
        markup = _unwrap_cdata(markup)
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        if doc is not None:
            doc.problem(1, "html", f"unparseable HTML ({exc}); read as text")
        return blocks_from_text(re.sub(r"<[^>]+>", "", markup)), None
    page_title_el = root.find(".//title")
    page_title = page_title_el.text_content().strip() if page_title_el is not None else None
    content = _content_root(root)
    own_rails: list[Any] = []
    if label_of is not None and content.tag not in ("body", "html"):
        own_rails = [el for el in root.iter("aside") if _report_rail(el, label_of)]
        outside = [el for el in own_rails if el is not content and not any(a is content for a in el.iterancestors())]
        if outside:
            # a two-column page: the stories in the main column, the contents, papers and heuristics in a rail
            # beside it, the title in a <header> above both
            masthead = [el for el in root.iter("header") if _title_masthead(el)]
            main, content = content, _common_ancestor([content, *outside, *masthead])
            order = {el: k for k, el in enumerate(root.iter())}
            for rail in reversed([el for el in outside if order[el] < order[main]]):
                # a left rail is read after the main column, as the report's own sections follow its stories
                rail.tail = None
                main.addnext(rail)
    if doc is not None and content.tag not in ("body", "html") and content.sourceline:
        # the post that holds the report's text: its <article> (a blog's entry-content sits inside one)
        post = next((a for a in content.iterancestors() if a.tag == "article"), content)
        lines = [el.sourceline for el in post.iter() if isinstance(el.tag, str) and el.sourceline]
        doc.content_lines = (post.sourceline or content.sourceline, max(lines))
    _strip_chrome(content, own_rails)
    _drop_notebook_inputs(content)
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
    best = max(candidates, key=lambda el: (bool(_CONTENT_CLASS_RE.search(el.get("class") or "")),
                                           len(el.text_content())))
    if best.tag == "article":
        # one <article> per story, with no <main> around them: the briefing is all of them, not the longest
        articles = [el for el in root.iter("article") if not any(a.tag == "article" for a in el.iterancestors())]
        if len(articles) > 1:
            return _common_ancestor(articles)
    return best


def _common_ancestor(elements: list[Any]) -> Any:
    """The lowest element that holds all of ``elements``."""
    paths = [[*reversed(list(el.iterancestors())), el] for el in elements]
    common = paths[0][0]
    for depth in range(min(len(p) for p in paths)):
        if any(p[depth] is not paths[0][depth] for p in paths):
            break
        common = paths[0][depth]
    return common


_TOC_LABEL_RE = re.compile(r"\bcontents\b|\bin this (?:issue|report|briefing)\b", re.IGNORECASE)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _own_part(el: Any) -> bool:
    """A header inside an article or a section is that part's heading, a header that holds a heading and no menu
    (the report's title and date, at the top of its <main> or of a fragment) is the report's own, and a nav labelled
    as a table of contents is the document's own; none of them is site chrome. A site's masthead holds its menu."""
    if el.tag == "header":
        if any(a.tag in ("article", "section") for a in el.iterancestors()):
            return True
        return _headed_without_menu(el)
    if el.tag == "nav":
        return _contents_nav(el)
    return False


_TOC_NAME_RE = re.compile(r"(?:^|[\s_-])(?:toc|contents|table-of-contents)(?:$|[\s_-])", re.IGNORECASE)


def _contents_nav(nav: Any) -> bool:
    """A <nav> is the report's own contents when it says so (its label, its class or id, or the words it opens
    with: "In this issue") or when every one of its links (two or more) leads to a part of the same page. A site's
    menu leads to other pages. A nav labelled only by a bold "In this issue" line was dropped, and the report held
    for having no contents."""
    if _TOC_LABEL_RE.search(nav.get("aria-label") or ""):
        return True
    if _TOC_NAME_RE.search(" ".join(filter(None, [nav.get("class"), nav.get("id")]))):
        return True
    if _opens_as_contents(nav):
        return True
    hrefs = [a.get("href") or "" for a in nav.iter("a")]
    return len(hrefs) >= 2 and all(h.startswith("#") and len(h) > 1 for h in hrefs)


def _opens_as_contents(el: Any) -> bool:
    """The element's text opens by naming the contents ("Contents", "In this issue"), or its first heading does in
    any language the section parser reads ("תוכן העניינים", "Mục lục")."""
    if _TOC_LABEL_RE.search(" ".join(el.text_content()[:40].split())) is not None:
        return True
    first = next(el.iter(*_HEADINGS), None)
    if first is None:
        return False
    name = LEADING_SYMBOLS_RE.sub("", " ".join(first.text_content()[:60].split())).strip("*_ ")
    return TOC_LABEL_RE.match(name) is not None


def _headed_without_menu(el: Any) -> bool:
    """The element is or holds a heading, and holds no menu (no <nav>, at most two links)."""
    headed = el.tag in _HEADINGS or next(el.iter(*_HEADINGS), None) is not None
    return headed and next(el.iter("nav"), None) is None and sum(1 for _ in el.iter("a")) <= 2


# the one chrome word a report's own headings carry in their class: Substack's <h2 class="header-anchor-post">, a
# blog's <div class="post-header"> around the title
_HEADER_WORD_RE = re.compile(r"(?:^|(?<=[\s_-]))(?:post-|entry-)?header(?=$|[\s_-])", re.IGNORECASE)


def _drop_in_page_links(root: Any) -> None:
    """A link to an anchor of the same page (a table of contents entry) navigates; it cites nothing. A footnote
    marker (``<sup><a href="#f1-2">2</a></sup>``) whose note holds one address cites that address, as the inline link
    it stands for would: every story of a report written with such footnotes had 0 citations."""
    targets = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    anchors = [(a, (a.get("href") or "")[1:]) for a in root.iter("a") if (a.get("href") or "").startswith("#")]
    # every note read before any marker is rewritten: the note's "↩" leads back to the marker, which cites nothing
    notes = {key: _note_address(targets[key]) for _, key in anchors if key in targets}
    for a, key in anchors:
        if key in targets:
            address = notes[key]
            if address is not None:
                a.set("href", address)
            else:
                del a.attrib["href"]


def _note_address(note: Any) -> str | None:
    """The one web address a footnote (a short element: a list item, a paragraph) holds, or None: a heading, a story's
    section or a note with several addresses is no single source."""
    if note.tag in _HEADINGS or note.tag in ("section", "article", "main", "body", "nav", "ol", "ul"):
        return None
    if len(note.text_content()) > 600:
        return None
    found = {a.get("href") for a in note.iter("a") if (a.get("href") or "").lower().startswith(("http://", "https://"))}
    return found.pop() if len(found) == 1 else None


def _report_rail(el: Any, label_of: Callable[[str], str | None]) -> bool:
    """An <aside> is the report's own when two or more of its headings name the report's sections (contents,
    papers, heuristics, implications); a site's sidebar is headed "Related posts", "Subscribe" or nothing."""
    labels = {label_of(" ".join(h.text_content()[:80].split())) for h in el.iter(*_HEADINGS)}
    return len(labels - {None, "stories"}) >= 2


def _title_masthead(el: Any) -> bool:
    """A <header> holding the report's title line ("🌊 Topic — 2026-12-05") as a heading, and no menu."""
    if not _headed_without_menu(el):
        return False
    return any(TITLE_RE.match(" ".join(h.text_content()[:MAX_TITLE_CHARS].split())) for h in el.iter(*_HEADINGS))


def _strip_chrome(content: Any, own_rails: Collection[Any] = ()) -> None:
    doomed = []
    for el in content.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        if el is content or any(el is rail for rail in own_rails):
            continue
        cls = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")]))
        if _own_part(el):
            continue
        if el.tag in _CHROME_TAGS or el.get("aria-hidden") == "true":
            doomed.append(el)
        elif cls and _CHROME_CLASS_RE.search(cls):
            if _CHROME_CLASS_RE.search(_HEADER_WORD_RE.sub(" ", cls)) is None and _headed_without_menu(el):
                continue   # a heading named "header…" by its class (or the title's box) is the report's own
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # lxml keeps the text that followed the element


# Jupyter's HTML (nbconvert, JupyterLab's template and the classic one): a cell's prompts, its code, its outputs
_NOTEBOOK_PROMPTS = {"jp-InputPrompt", "jp-OutputPrompt", "prompt", "input_prompt", "output_prompt"}
_NOTEBOOK_CODE_CELLS = {"jp-CodeCell", "code_cell"}
_NOTEBOOK_INPUTS = {"jp-InputArea", "jp-Cell-inputWrapper", "input"}
_NOTEBOOK_OUTPUTS = {"jp-OutputArea", "jp-Cell-outputWrapper", "output_wrapper", "output"}


def _drop_notebook_inputs(content: Any) -> None:
    """A notebook exported as HTML shows the code that made an output ("In [3]: print(heuristics)") beside the
    output itself: the prompts and the code of a cell that has an output are the notebook's, not the report's. Read
    as the report, the code was the heuristics block and the YAML printed under it was left out."""
    doomed = []
    for el in content.iter():
        if not isinstance(el.tag, str):
            continue
        classes = set((el.get("class") or "").split())
        if classes & _NOTEBOOK_PROMPTS:
            doomed.append(el)
        elif classes & _NOTEBOOK_CODE_CELLS and _has_output(el):
            doomed.extend(child for child in el.iter() if child is not el and isinstance(child.tag, str)
                          and set((child.get("class") or "").split()) & _NOTEBOOK_INPUTS)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _has_output(cell: Any) -> bool:
    return any(set((el.get("class") or "").split()) & _NOTEBOOK_OUTPUTS and el.text_content().strip()
               for el in cell.iter() if isinstance(el.tag, str))


# An e-mail's lists, written with line breaks: "<b>Contents</b><br>• Headline<br>• Headline<br><br>"
_BULLETED_RUN = re.compile(r"\n[•·▪‣◦] \S")
_BULLET_LINE = re.compile(r"^[•·▪‣◦] ")


def _bulleted_parts(text: str, links: list[Link], line: int) -> list[Block]:
    """A run of text that lists with "•" after line breaks, as blocks: each stretch between blank lines a paragraph,
    each "• …" line an item. Read as one paragraph, a newsletter's contents were a paragraph that began with the long
    date, and the report had no contents."""
    out: list[Block] = []
    for chunk in re.split(r"\n{2,}", text):
        for part in re.split(r"\n(?=[•·▪‣◦] )", chunk.strip()):
            part = part.strip()
            if not part:
                continue
            bullet = _BULLET_LINE.match(part)
            body = part[bullet.end():].strip() if bullet else part
            mine = [ln for ln in links if ln.text and ln.text in body]
            out.append(Block("item" if bullet else "para", body, line, line, links=mine, raw=part))
    placed = {id(ln) for b in out for ln in b.links}
    if out:   # a link whose text no part holds whole (it spans a break) stays with the run's first part
        out[0].links.extend(ln for ln in links if id(ln) not in placed)
    return out


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
        if kind == "para" and _BULLETED_RUN.search(text):
            self.blocks.extend(_bulleted_parts(text, links, line))
            return
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
        if tag in _HEADINGS or _summary_heading(el):
            self.flush()
            text = _inline_plain(el)
            if text:
                level = int(tag[1]) if tag in _HEADINGS else self._summary_level()
                self.blocks.append(Block("heading", text, line, line, level=level, links=_links_in(el, line)))
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
        elif tag == "dl" and (fields := _heuristic_terms(el)) is not None:
            self.flush()
            self.blocks.append(self._heuristic_entry(el, fields, line))
        elif tag == "table" and (entries := _heuristic_rows(el)) is not None:
            self.flush()
            self.blocks.extend(self._heuristic_entry(el, fields, line) for fields in entries)
        elif tag in _BLOCK_TAGS or tag == "nav":
            self.flush()
            if tag == "nav" and not _opens_as_contents(el):
                # the report's own contents (site menus were stripped as chrome): labelled as contents even when the
                # author gave it no heading, so that its entries are read as the contents
                self.blocks.append(Block("para", "Contents", line, line))
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

    def _heuristic_entry(self, dl: Any, fields: list[tuple[str, str]], line: int) -> Block:
        """A heuristic written as a definition list, as the YAML entry it means. Its id is an "id" term, else the
        heading just before it when that heading is an id ("<h3>cheap-first</h3>"), else its section's id."""
        named = dict(fields)
        if "id" not in named:
            before = self.blocks[-1] if self.blocks else None
            if before is not None and before.kind == "heading" and _SLUG.fullmatch(before.text):
                named["id"] = self.blocks.pop().text
            elif (holder := dl.getparent()) is not None and holder.get("id"):
                named["id"] = holder.get("id")
        ordered = sorted(named.items(), key=lambda kv: kv[0] != "id")   # the id first, as the YAML form has it
        raw = "\n".join(f"{'- ' if k == 0 else '  '}{key}: {_yaml_value(key, value)}"
                        for k, (key, value) in enumerate(ordered))
        return Block("code", raw, line, line, raw=raw, info="yaml")

    def _summary_level(self) -> int:
        """A <summary> heading sits at the level of the last heading before it (the contents', or the story's
        before it), which is where the section parser looks for story headings."""
        levels = [b.level for b in self.blocks if b.kind == "heading" and b.level]
        return levels[-1] if levels else 2

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


_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{1,80}")
_TERM = re.compile(r"[a-z][a-z_ -]{0,29}")
# the fields that make a run of (name, value) pairs a heuristic rather than any list, and how many it must name
DECISION_TERMS = frozenset({"when", "prefer", "over", "because", "breaks_when"})
MIN_DECISION_TERMS = 3


def _heuristic_terms(dl: Any) -> list[tuple[str, str]] | None:
    """The (term, definition) pairs of a definition list that spells out a heuristic's fields, or None."""
    pairs: list[tuple[str, str]] = []
    term: str | None = None
    for child in dl:
        if child.tag == "dt":
            term = field_key(child.text_content())
        elif child.tag == "dd" and term is not None:
            pairs.append((term, " ".join(child.text_content().split())))
            term = None
    keys = {k for k, _ in pairs}
    if len(keys & DECISION_TERMS) < MIN_DECISION_TERMS or not all(_TERM.fullmatch(k) for k in keys):
        return None
    return pairs


# a header row's names for the column of field names and the column of their values
_FIELD_COLUMN = {"field", "key", "name", "attribute", "property"}
_VALUE_COLUMN = {"value", "content", "text", "definition"}


def _heuristic_rows(table: Any) -> list[list[tuple[str, str]]] | None:
    """The heuristics a table spells out as (field, value) rows, as a word processor's two-column table converts
    (mammoth's .docx tables), one list of pairs per heuristic: an "id" row or a field met again opens the next.
    A header row naming the columns ("field | value | note") says which two to read. None for any other table."""
    rows = [[" ".join(cell.text_content().split()) for cell in tr if cell.tag in ("td", "th")]
            for tr in table.iter("tr")]
    rows = [r for r in rows if any(r)]
    if not rows:
        return None
    head = [c.lower() for c in rows[0]]
    term_at, value_at = 0, 1
    if any(c in _FIELD_COLUMN for c in head) and any(c in _VALUE_COLUMN for c in head):
        term_at = next(k for k, c in enumerate(head) if c in _FIELD_COLUMN)
        value_at = next(k for k, c in enumerate(head) if c in _VALUE_COLUMN)
        rows = rows[1:]
    pairs = [(field_key(r[term_at]), r[value_at]) for r in rows if len(r) > max(term_at, value_at)]
    keys = {k for k, _ in pairs}
    if len(keys & DECISION_TERMS) < MIN_DECISION_TERMS or not all(_TERM.fullmatch(k) for k in keys):
        return None
    entries: list[list[tuple[str, str]]] = []
    for key, value in pairs:
        if not entries or key == "id" or key in dict(entries[-1]):
            entries.append([])
        entries[-1].append((key, value))
    return entries


def field_key(text: str) -> str:
    """A heuristic field's name as a term, a table cell or a bold label writes it ("Breaks when:", "breaks-when",
    "`over`") in the YAML's spelling ("breaks_when"): the one reading of a written field name."""
    return " ".join(text.split()).lower().strip("`*_ ").rstrip(":").strip("`*_ ").replace(" ", "_").replace("-", "_")


def _yaml_value(key: str, value: str) -> str:
    """A definition's text as a YAML value: a number stays a number, a domain is a list, the rest quoted."""
    if key == "confidence" and re.fullmatch(r"[01](?:\.\d{1,4})?|\.\d{1,4}", value):
        return value
    if key == "domain":
        return json.dumps([part.strip() for part in value.strip("[]").split(",") if part.strip()], ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _summary_heading(el: Any) -> bool:
    """A folded story (``<details><summary>Headline</summary>…</details>``) is headed by its summary, as an
    ``<h2>`` would head it. A summary that holds a heading element is read through that heading."""
    if el.tag != "summary":
        return False
    parent = el.getparent()
    return parent is not None and parent.tag == "details" and next(el.iter(*_HEADINGS), None) is None


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
