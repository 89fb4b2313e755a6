"""A briefing published as an Atom entry (``.xml``, ``.atom``): the report its ``<content>`` carries.

A feed's entry holds the report as escaped HTML (``<content type="html">&lt;h2&gt;…``), as XHTML inside a ``<div>``
(``type="xhtml"``), or as plain text; read as it lies in the file, the report was one paragraph of markup with no
title, no stories and no sections. The content is returned as the HTML (or text) it carries, placed on the lines
it has in the file, so that every finding keeps the file's line numbers; the entry's own ``<title>`` goes with it
as the page title, for a report whose content has no title line. Anything that is not an Atom document is left
as it is.
"""

from __future__ import annotations

import re
from typing import Any

_ATOM_NS = "http://www.w3.org/2005/Atom"
_XHTML_NS = "http://www.w3.org/1999/xhtml"
# an Atom document opens (after an XML declaration and comments) with <feed> or <entry> in the Atom namespace
_ATOM_OPENING = re.compile(rb"<(?:[\w-]{1,20}:)?(?:feed|entry)\b[^<>]{0,500}" + re.escape(_ATOM_NS.encode()))
_HEAD_BYTES = 4000


def unwrap_feed(data: bytes, filename: str | None) -> tuple[bytes, str | None]:
    """(the first entry's content as UTF-8 bytes, a file name with the content's suffix) for an Atom document;
    else the input unchanged."""
    if _ATOM_OPENING.search(data[:_HEAD_BYTES]) is None:
        return data, filename
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return data, filename   # not well-formed: left for the parsers to read what they can
    entry = root if _local(root.tag) == "entry" else root.find(f"{{{_ATOM_NS}}}entry")
    content = entry.find(f"{{{_ATOM_NS}}}content") if entry is not None else None
    if entry is None or content is None:
        return data, filename
    kind = (content.get("type") or "text").lower()
    title = entry.findtext(f"{{{_ATOM_NS}}}title") or ""
    if kind == "xhtml":
        div = next((child for child in content if isinstance(child.tag, str)), None)
        if div is None:
            return data, filename
        body, line = _inner_markup(div), div.sourceline or content.sourceline or 1
        suffix = ".html"
    elif kind in ("html", "text/html"):
        body, line, suffix = content.text or "", content.sourceline or 1, ".html"
    elif kind in ("text", "text/plain"):
        body, line, suffix = content.text or "", content.sourceline or 1, ".txt"
    else:
        return data, filename   # an attachment (a PDF, an image): nothing to read here
    head = "\n" * (line - 1)
    if suffix == ".html" and title.strip() and line > 1:
        # the entry's title as the page's <title>, on a line the content does not use
        head = _title_element(title) + "\n" * (line - 1)
    stem = (filename or "entry").rsplit(".", 1)[0]
    return (head + body).encode("utf-8"), stem + suffix


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inner_markup(div: Any) -> str:
    """The XHTML inside the wrapping <div>, as HTML text (its namespace prefixes dropped), newlines kept."""
    from lxml import etree

    parts = [div.text or ""]
    for child in div:
        parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
    return re.sub(r"<(/?)html:", r"<\1", "".join(parts)).replace(f' xmlns="{_XHTML_NS}"', "") \
        .replace(f' xmlns:html="{_XHTML_NS}"', "")


def _title_element(title: str) -> str:
    escaped = " ".join(title.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<title>{escaped}</title>"
