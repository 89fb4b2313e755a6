"""Typst briefings, read as the Markdown they mean, line for line.

A team that writes its briefings in Typst (``= Headline``, ``#link("https://…")[text]``, ``#line(length: 100%)``)
wrote a clean report, and ``guancha check`` read it as plain text: its contents under ``= Contents`` were no contents.
Each line is rewritten in place, so every finding keeps the author's line number; only what a briefing uses is
translated, one left-to-right pass per line (no pattern that backtracks on untrusted text).
"""

from __future__ import annotations

import re

_SETTING = re.compile(r"^#(?:set|show|let|import|include)\b")
_DOCUMENT_TITLE = re.compile(r"^#set\s+document\s*\(.*?\btitle\s*:\s*\"([^\"\n]{1,300})\"")
_HEADING = re.compile(r"^(={1,6})\s+(\S.*)$")
_CALL = re.compile(r"#([A-Za-z][\w.-]{0,40})")
_RULES = ("#line(", "#hrule")


def is_typst(text: str, filename: str | None) -> bool:
    """A Typst source: by its file name, or by its opening settings (``#set document(…)``, ``#set page(…)``) and
    ``=`` headings."""
    if (filename or "").lower().endswith(".typ"):
        return True
    head = text[:4000].split("\n")
    return any(line.startswith(("#set document(", "#set page(")) for line in head[:20]) \
        and any(_HEADING.match(line) for line in head)


def typst_as_markdown(text: str) -> str:
    """The document in Markdown with the same number of lines."""
    lines = text.split("\n")
    titled = any(_DOCUMENT_TITLE.match(line) for line in lines[:20])
    out: list[str] = []
    raw = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            raw = not raw
            out.append(stripped)
            continue
        if raw:
            out.append(line)
            continue
        if (m := _DOCUMENT_TITLE.match(stripped)) is not None:
            out.append("# " + m.group(1))   # the document's title, as the title heading
        elif _SETTING.match(stripped) or stripped.startswith("//"):
            out.append("")
        elif stripped.startswith(_RULES) and stripped.endswith(")"):
            out.append("---")
        elif (h := _HEADING.match(stripped)) is not None:
            level = len(h.group(1)) + (1 if titled else 0)
            out.append("#" * min(level, 6) + " " + _inline(h.group(2)))
        elif stripped.startswith("+ "):
            out.append("1. " + _inline(stripped[2:]))
        else:
            out.append(_inline(line))
    assert len(out) == len(lines)
    return "\n".join(out)


def _inline(line: str) -> str:
    """One line's markup: ``#link("u")[t]`` as ``[t](u)``, a bare ``#link("u")`` as ``<u>``, other calls'
    wrappers (``#align(center)[…]``, ``#text(size: 18pt)[…]``) dropped round their content, ``\\`` breaks as spaces."""
    if "#" not in line and "\\" not in line:
        return line
    out: list[str] = []
    closers: list[str] = []   # what each open "[" closes as
    i = 0
    while i < len(line):
        c = line[i]
        if c == "#" and (m := _CALL.match(line, i)) is not None:
            name, j = m.group(1), m.end()
            args = ""
            if j < len(line) and line[j] == "(":
                end = line.find(")", j)
                if end < 0:
                    out.append(line[i:])
                    break
                args, j = line[j + 1:end], end + 1
            url = args.strip().strip("\"") if name == "link" else ""
            if j < len(line) and line[j] == "[":
                if name == "link":
                    out.append("[")
                    closers.append(f"]({url})")
                else:
                    closers.append("")
                i = j + 1
                continue
            if name == "link" and url:
                out.append(f"<{url}>")
            i = j
            continue
        if c == "[":
            closers.append("]")
            out.append("[")
        elif c == "]" and closers:
            out.append(closers.pop())
        elif c == "\\" and (i + 1 == len(line) or line[i + 1] == " "):
            out.append(" ")   # a line break inside the paragraph
        else:
            out.append(c)
        i += 1
    return "".join(out)
