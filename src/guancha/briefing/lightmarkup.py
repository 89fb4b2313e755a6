"""AsciiDoc, Org, BBCode and Textile briefings, read as the Markdown they mean, line for line.

A team that writes its briefings in AsciiDoc (``== Headline``, ``https://…[text]``, ``----`` listings) or in
Emacs Org (``* Headline``, ``[[https://…][text]]``, ``#+BEGIN_SRC``) wrote a clean report, and ``guancha check``
found "no stories" in it. Each line is rewritten in place into its Markdown equivalent, so every finding keeps the
line number of the author's own file, and the one Markdown reader does the rest. Only the constructs a briefing
uses are translated; anything else stays as text. Every pattern is linear on untrusted text.
"""

from __future__ import annotations

import re
from typing import Literal

LightMarkup = Literal["asciidoc", "org", "bbcode", "textile"]

_ASCIIDOC_SUFFIXES = (".adoc", ".asciidoc", ".asc")
_ORG_SUFFIXES = (".org",)

_ADOC_TITLE = re.compile(r"^=\s+\S")
_ADOC_SECTION = re.compile(r"^(={1,6})\s+(\S.*)$")
_ORG_KEYWORD = re.compile(r"^#\+([A-Za-z_]+):[ \t]?(.*)$")
_ORG_HEADING = re.compile(r"^(\*{1,6})\s+(\S.*)$")


def light_markup_of(text: str, filename: str | None) -> LightMarkup | None:
    """Which light markup a briefing is written in, by its file name or, without one, by its first lines: an
    AsciiDoc document opens with ``= Title`` and has ``==`` sections; an Org document declares ``#+TITLE:``."""
    name = (filename or "").lower()
    if name.endswith(_ASCIIDOC_SUFFIXES):
        return "asciidoc"
    if name.endswith(_ORG_SUFFIXES):
        return "org"
    if name.endswith(".bbcode"):
        return "bbcode"
    if name.endswith(".textile"):
        return "textile"
    head = text[:5000].split("\n")
    if (name.endswith(".txt") or "." not in name.rsplit("/", 1)[-1]) and _is_textile(head):
        return "textile"   # a Textile page saved as text
    if name.endswith(".txt") and sum(1 for line in head if _BB_MARK.search(line)) >= 3:
        return "bbcode"   # a forum post saved as text
    if name.endswith((".md", ".markdown", ".html", ".htm", ".txt", ".wiki", ".mediawiki", ".gmi")):
        return None
    first = next((line for line in head if line.strip()), "")
    # (MediaWiki closes its headings, "== Contents ==": AsciiDoc never does)
    if _ADOC_TITLE.match(first) and not first.rstrip().endswith("=") \
            and any(line.startswith("== ") and not line.rstrip().endswith("=") for line in head):
        return "asciidoc"
    if any((m := _ORG_KEYWORD.match(line)) and m.group(1).upper() == "TITLE" for line in head[:40]):
        return "org"
    if sum(1 for line in head if _BB_MARK.search(line)) >= 3:
        return "bbcode"   # a forum post: "[b]Headline[/b]", "[*]", "[url=…]…[/url]"
    return None


def as_markdown(text: str, markup: LightMarkup) -> str:
    """The document in Markdown with the same number of lines."""
    lines = text.split("\n")
    out = {"asciidoc": _asciidoc_lines, "org": _org_lines, "bbcode": _bbcode_lines, "textile": _textile_lines}[markup](lines)
    assert len(out) == len(lines)
    return "\n".join(out)


# --------------------------------------------------------------------------- AsciiDoc

# "https://host/path[text]" or "link:https://…[text]" (an empty text shows the address)
_ADOC_LINK = re.compile(r"(?:link:)?(https?://[^\s\[\]<>\"]{1,2000})\[([^\]\n]{0,500})\]")
_ADOC_XREF = re.compile(r"<<([^<>,\n]{1,200}),([^<>\n]{1,300})>>")
_ADOC_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\[\]\n]{0,200}\]\s*$")
_ADOC_SOURCE = re.compile(r"^\[source\s*,\s*([\w+-]{1,40})", re.IGNORECASE)
_ADOC_DELIMITERS = ("----", "....", "====", "****", "____", "++++", "////")
_ADOC_ITEM = re.compile(r"^(\*{1,5}|-|\.{1,5})\s+(\S.*)$")
_ADOC_BLOCK_TITLE = re.compile(r"^\.([^\s.].*)$")
_ADOC_ATTRIBUTE = re.compile(r"^:([\w-]{1,40}):\s*(.*)$")


def _adoc_inline(line: str) -> str:
    line = _ADOC_LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", line)
    return _ADOC_XREF.sub(lambda m: m.group(2), line)


def _asciidoc_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    open_block: str | None = None   # the delimiter of the block we are inside
    language = ""
    header = False   # the document header: the lines right after "= Title", up to the first blank line
    for line in lines:
        stripped = line.rstrip()
        if header and not stripped:
            header = False
        elif header and not stripped.startswith((":", "//")):
            # the author line ("Desk Name <desk@…>") and the revision line: document fields, not prose or links
            out.append(":byline: " + stripped.replace("<", "(").replace(">", ")"))
            continue
        if open_block is not None:
            if stripped == open_block:
                out.append("```" if open_block in ("----", "....", "++++") else "")
                open_block = None
            elif open_block == "////":
                out.append("")   # a comment block
            elif open_block in ("----", "...."):
                out.append(line)   # a listing: verbatim
            else:
                out.append(_adoc_inline(line))
            continue
        if stripped in _ADOC_DELIMITERS:
            open_block = stripped
            out.append(f"```{language}" if stripped in ("----", "....", "++++") else "")
            language = ""
            continue
        language = ""
        if (source := _ADOC_SOURCE.match(stripped)) is not None:
            language = source.group(1)
            out.append("")
        elif _ADOC_BLOCK_ATTRIBUTES.match(stripped) or stripped.startswith("//") or stripped == "<<<":
            out.append("")
        elif (section := _ADOC_SECTION.match(stripped)) is not None:
            header = len(section.group(1)) == 1 and not any(o.strip() for o in out)
            out.append("#" * len(section.group(1)) + " " + _adoc_inline(section.group(2)))
        elif stripped == "'''":
            out.append("---")
        elif (attribute := _ADOC_ATTRIBUTE.match(stripped)) is not None:
            out.append(f":{attribute.group(1)}: {attribute.group(2)}".rstrip())   # a document field
        elif (item := _ADOC_ITEM.match(stripped)) is not None:
            marker, body = item.group(1), _adoc_inline(item.group(2))
            depth = len(marker) - 1 if marker != "-" else 0
            out.append("  " * depth + ("1. " if marker.startswith(".") else "- ") + body)
        elif (title := _ADOC_BLOCK_TITLE.match(stripped)) is not None:
            out.append(f"**{_adoc_inline(title.group(1))}**")   # ".Sources": a block's title
        else:
            out.append(_adoc_inline(line))
    return out


# --------------------------------------------------------------------------- Org

_ORG_LINK = re.compile(r"\[\[([^\[\]\n]{1,2000})\](?:\[([^\[\]\n]{1,500})\])?\]")
_ORG_BEGIN = re.compile(r"^\s*#\+begin_(\w+)(?:\s+([\w+-]{1,40}))?", re.IGNORECASE)
_ORG_END = re.compile(r"^\s*#\+end_\w+\s*$", re.IGNORECASE)
_ORG_DRAWER = re.compile(r"^\s*:[A-Za-z]+:\s*$")
_ORG_BOLD = re.compile(r"(?<![\w*])\*([^\s*](?:[^*\n]{0,300}[^\s*])?)\*(?![\w*])")


def _org_inline(line: str) -> str:
    def link(m: re.Match[str]) -> str:
        target, text = m.group(1), m.group(2)
        if not re.match(r"https?://", target):
            return text or target
        return f"[{text}]({target})" if text else f"<{target}>"

    return _ORG_BOLD.sub(r"**\1**", _ORG_LINK.sub(link, line))


def _org_lines(lines: list[str]) -> list[str]:
    titled = any((m := _ORG_KEYWORD.match(line)) and m.group(1).upper() == "TITLE" for line in lines)
    out: list[str] = []
    verbatim = False
    in_drawer = False
    for line in lines:
        stripped = line.rstrip()
        if verbatim:
            if _ORG_END.match(stripped):
                verbatim = False
                out.append("```")
            else:
                out.append(line)
            continue
        if in_drawer:
            in_drawer = stripped.strip().upper() != ":END:"
            out.append("")
            continue
        if (begin := _ORG_BEGIN.match(stripped)) is not None:
            kind = begin.group(1).lower()
            if kind in ("src", "example"):
                verbatim = True
                out.append("```" + ((begin.group(2) or "") if kind == "src" else ""))
            else:
                out.append("")   # a quote or a centred block: its lines are prose
            continue
        if _ORG_END.match(stripped) or (_ORG_DRAWER.match(stripped) and stripped.strip().upper() == ":END:"):
            out.append("")
            continue
        if _ORG_DRAWER.match(stripped):
            in_drawer = True
            out.append("")
            continue
        if (keyword := _ORG_KEYWORD.match(stripped)) is not None:
            name, value = keyword.group(1).upper(), keyword.group(2).strip()
            if name == "TITLE":
                out.append("# " + _org_inline(value))
            elif name in ("DATE", "AUTHOR", "SUBTITLE"):
                out.append(f":{name.lower()}: {value}")   # a document field
            else:
                out.append("")
            continue
        if stripped == "#" or stripped.startswith("# "):
            out.append("")   # a comment, not a Markdown heading
            continue
        if (heading := _ORG_HEADING.match(stripped)) is not None:
            level = min(len(heading.group(1)) + (1 if titled else 0), 6)
            out.append("#" * level + " " + _org_inline(heading.group(2)))
        elif re.match(r"^-{5,}$", stripped):
            out.append("---")
        else:
            out.append(_org_inline(line))
    return out


# --------------------------------------------------------------------------- BBCode

_BB_MARK = re.compile(r"\[(?:b|\*|url=|url\]|hr|list|code|size=|quote)\b", re.IGNORECASE)
_BB_URL = re.compile(r"\[url=([^\[\]\s]{1,2000})\]([^\[\]]{0,500})\[/url\]|\[url\]([^\[\]\s]{1,2000})\[/url\]",
                     re.IGNORECASE)
_BB_BOLD_OPEN = re.compile(r"\[b\]", re.IGNORECASE)
_BB_BOLD_CLOSE = re.compile(r"\[/b\]", re.IGNORECASE)
_BB_TAG = re.compile(r"\[/?(?:b|i|u|s|size|color|font|center|left|right|quote|list|img|spoiler)(?:=[^\[\]]{0,60})?\]",
                     re.IGNORECASE)


def _bb_inline(line: str) -> str:
    line = _BB_URL.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})" if m.group(1) else f"<{m.group(3)}>",
                       line)
    return _BB_TAG.sub("", line)


def _bbcode_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    code = False
    titled = False
    for line in lines:
        stripped = line.strip()
        low = stripped.lower()
        if low in ("[code]", "[/code]") or low.startswith("[code="):
            code = low != "[/code]"
            out.append("```" + (stripped[6:-1] if low.startswith("[code=") else ""))
            continue
        if code:
            out.append(line)
            continue
        if low == "[hr]":
            out.append("---")
            continue
        bare = _BB_TAG.sub("", _BB_BOLD_CLOSE.sub("\x01", _BB_BOLD_OPEN.sub("\x00", stripped)))
        if bare.startswith("\x00") and bare.endswith("\x01") and "\x00" not in bare[1:]:
            # a line that is all bold is a heading: the first one the title
            out.append(("# " if not titled else "## ") + _bb_inline(bare[1:-1]))
            titled = True
        elif low.startswith("[*]"):
            out.append("- " + _bb_inline(stripped[3:].strip()))
        else:
            out.append(_bb_inline(line))
    return out


# --------------------------------------------------------------------------- Textile

# a block's signature: "h2. ", "p. ", "bq. ", "bc. " / "bc.. " (extended: up to the next signature), "pre. ",
# "fn1. ", each with optional attributes ("h2(#toc). ", "p{color:red}. ", "p>. ")
_TEXTILE_BLOCK = re.compile(r"^(h[1-6]|p|bq|bc|pre|fn\d{1,3}|notextile)((?:\([^()\n]{0,60}\)|\{[^{}\n]{0,200}\}|\[[^\[\]\n]{0,20}\]"
                            r"|[<>=]{1,2}){0,4})(\.\.?)(?:\s+|$)")
_TEXTILE_ITEM = re.compile(r"^([*#]{1,6})\s+(\S.*)$")
# "link text":https://… and "text(a title)":https://…; the address ends at a space, and the sentence's own
# punctuation after it is not the address's
_TEXTILE_LINK = re.compile(r"\"([^\"\n]{1,500})\":((?:https?://|/|#)[^\s<>\"]{1,2000})")
_TEXTILE_CODE = re.compile(r"@([^@\n]{1,300})@")


def _is_textile(head: list[str]) -> bool:
    """Two or more "hN. " headings and Textile's own links or code blocks: a Confluence page has the headings but
    writes its links "[text|url]"."""
    headings = sum(1 for line in head if re.match(r"h[1-6]\.\s", line))
    signs = sum(1 for line in head if line.startswith(("bc. ", "bc.. ")) or _TEXTILE_LINK.search(line))
    return headings >= 2 and signs >= 2


def _textile_link(m: re.Match[str]) -> str:
    text, url = m.group(1), m.group(2)
    trail = len(url) - len(url.rstrip(".,;:!?)"))
    url, after = (url[: len(url) - trail], url[len(url) - trail:]) if trail else (url, "")
    text = re.sub(r"\s*\([^()]{0,200}\)$", "", text) or text   # "text(title)": the title is a tooltip
    return f"[{text}]({url}){after}"


def _textile_inline(line: str) -> str:
    return _TEXTILE_CODE.sub(r"`\1`", _TEXTILE_LINK.sub(_textile_link, line))


def _textile_lines(lines: list[str]) -> list[str]:
    """Textile into Markdown: headings, lists ("#" is a numbered item, never a heading), "bc." code as an indented
    code block (for "bc.." up to the next block signature), links, "@code@"."""
    out: list[str] = []
    code: str | None = None   # "bc" inside a one-paragraph code block, "bc.." inside an extended one
    for line in lines:
        stripped = line.strip()
        block = _TEXTILE_BLOCK.match(line)
        if code is not None:
            if (code == "bc" and not stripped) or (code == "bc.." and block is not None):
                code = None
            else:
                out.append("    " + line if stripped else "")
                continue
        if block is not None:
            kind, extended, rest = block.group(1), block.group(3) == "..", line[block.end():]
            if kind in ("bc", "pre"):
                code = "bc.." if extended else "bc"
                out.append("    " + rest if rest.strip() else "")
            elif kind.startswith("h"):
                out.append("#" * int(kind[1]) + " " + _textile_inline(rest.strip()))
            elif kind == "bq":
                out.append("> " + _textile_inline(rest.strip()))
            elif kind == "notextile":
                out.append(rest)
            else:   # "p. ", a footnote "fn1. "
                out.append((f"[{kind[2:]}] " if kind.startswith("fn") else "") + _textile_inline(rest.strip()))
            continue
        if (item := _TEXTILE_ITEM.match(stripped)) is not None:
            marks = item.group(1)
            out.append("  " * (len(marks) - 1) * 2 + ("1. " if marks[-1] == "#" else "- ") + _textile_inline(item.group(2)))
        else:
            out.append(_textile_inline(stripped))
    return out
