"""Assertions about rendered reports shared by the briefing tests: links, citations, repeated sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
from markdown_it import MarkdownIt

from guancha.store import Database
from guancha.textutil import normalise_sentence, split_sentences


def markdown_links(text: str) -> set[str]:
    """Every link target a CommonMark renderer (with linkify off) would produce."""
    html = MarkdownIt("commonmark").render(text)
    return html_links(html)


def html_links(html: str) -> set[str]:
    """Every link target of the page except its own anchors (the table of contents points at its stories)."""
    doc = lxml.html.fromstring(html)
    anchors = {f"#{e.get('id')}" for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    links = {a.get("href") for a in doc.iter("a")} - anchors
    links |= {e.get("src") for e in doc.iter() if isinstance(e.tag, str) and e.get("src")}
    return {x for x in links if x is not None}


def json_urls(data: Any) -> set[str]:
    return {c["url"] for c in data["citations"].values()} | {p["url"] for p in data["papers"]}


def check_report_links(db: Database, report_id: str, paths: dict[str, str]) -> set[str]:
    """Links in the Markdown, HTML and JSON are exactly the report's cited articles, all collected."""
    cited = {r["canonical_url"] for r in db.query("SELECT canonical_url FROM report_citations WHERE report_id = ?",
                                                   (report_id,))}
    collected = {r["canonical_url"] for r in db.query("SELECT canonical_url FROM articles")}
    md = Path(paths["md"]).read_text(encoding="utf-8")
    html = Path(paths["html"]).read_text(encoding="utf-8")
    data = json.loads(Path(paths["json"]).read_text(encoding="utf-8"))
    assert markdown_links(md) == cited, markdown_links(md) ^ cited
    assert html_links(html) == cited, html_links(html) ^ cited
    assert json_urls(data) == cited
    assert cited <= collected
    assert "<script" not in html.lower()
    return cited


def body_sentences(data: dict[str, Any]) -> list[str]:
    """Every sentence of the report's prose (stories, paper notes, implications), citations removed."""
    texts: list[str] = []
    for story in data["stories"]:
        texts.extend(p["text"] for p in story["paragraphs"])
    texts.extend(p["why"] for p in data["papers"])
    texts.extend(p["text"] for p in data["implications"])
    out = []
    for t in texts:
        for s in split_sentences(re.sub(r"\[S\d+\]", "", t)):
            if normalise_sentence(s):
                out.append(normalise_sentence(s))
    return out


def assert_no_repeated_sentence(data: dict[str, Any]) -> None:
    sentences = body_sentences(data)
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
