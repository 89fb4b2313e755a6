"""The arXiv API (Atom): papers with authors, affiliations, abstract, dates, categories and links.

Parsed with lxml directly (feedparser flattens ``arxiv:affiliation`` per author away). The parser refuses
entities and network access, so a hostile response cannot make it read files or fetch URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from lxml import etree

from guancha.textrepair import fix_text
from guancha.timeutil import iso_z, parse_iso

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_VERSION = re.compile(r"v\d+$")
# An arXiv identifier after ``/abs/``: new style (2604.01234) or old style (hep-th/9901001), optional version.
_ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


class ArxivParseError(ValueError):
    """The arXiv response is not an Atom document."""


@dataclass
class Paper:
    arxiv_id: str  # without version, e.g. 2604.01234
    version: str
    title: str
    abstract: str
    authors: list[dict[str, Any]]  # {"name": ..., "affiliations": [...]}
    published: dt.datetime | None
    updated: dt.datetime | None
    categories: list[str]
    primary_category: str | None
    abs_url: str
    pdf_url: str | None
    comment: str | None = None
    journal_ref: str | None = None
    doi: str | None = None
    repairs: list[str] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        return {
            "arxiv_id": self.arxiv_id,
            "version": self.version,
            "authors": self.authors,
            "affiliations": sorted({a for au in self.authors for a in au["affiliations"]}),
            "categories": self.categories,
            "primary_category": self.primary_category,
            "links": {"abs": self.abs_url, "pdf": self.pdf_url},
            "updated": iso_z(self.updated) if self.updated else None,
            "comment": self.comment,
            "journal_ref": self.journal_ref,
            "doi": self.doi,
        }

    @property
    def author_line(self) -> str:
        return ", ".join(a["name"] for a in self.authors)


def query_url(endpoint: str, query: str, max_results: int) -> str:
    """The API URL for a search query, newest submissions first."""
    params = {
        "search_query": query,
        "start": 0,
        "max_results": max_results,
        "sortBy": "submittedDate",
        "sortOrder": "descending",
    }
    joiner = "&" if "?" in endpoint else "?"
    return endpoint + joiner + urlencode(params)


def _time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return parse_iso(text)
    except ValueError:
        return None


def _text(node: Any, path: str) -> str:
    found = node.find(path)
    return " ".join(found.text.split()) if found is not None and found.text else ""


def entry_arxiv_id(raw_id: str) -> str | None:
    """The arXiv id (with version, if any) of an entry's ``<id>``: the ``/abs/ID`` path on any host.

    A mirror, a proxy or an export host serves the same papers under another host name, so only the path
    counts. None when the ``<id>`` has no ``/abs/`` path or what follows is not an arXiv identifier.
    """
    at = raw_id.find("/abs/")
    if at < 0:
        return None
    rest = raw_id[at + len("/abs/"):].split("?", 1)[0].split("#", 1)[0].strip().rstrip("/")
    return rest if _ARXIV_ID.fullmatch(rest) else None


def parse_arxiv(data: bytes) -> list[Paper]:
    """The papers of an arXiv API answer (entries that are not papers are left out; see ``parse_arxiv_entries``)."""
    return parse_arxiv_entries(data)[0]


def parse_arxiv_entries(data: bytes) -> tuple[list[Paper], list[str]]:
    """The papers of an arXiv API answer, and why each entry that is not one was skipped."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ArxivParseError(f"not XML: {exc}") from exc
    if root is None or root.tag != f"{ATOM}feed":
        raise ArxivParseError("not an Atom feed (expected the arXiv API's <feed>)")
    papers: list[Paper] = []
    skipped: list[str] = []
    for position, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        raw_id = _text(entry, f"{ATOM}id")
        full_id = entry_arxiv_id(raw_id)
        if full_id is None:
            title = _text(entry, f"{ATOM}title")
            if "/api/errors" in raw_id or title.lower() == "error":
                skipped.append(f"entry {position}: the API reported an error: {_text(entry, f'{ATOM}summary')[:200]}")
            else:
                skipped.append(f"entry {position} ({title[:80] or 'untitled'}): its <id> {raw_id[:120]!r} has no "
                               f"'/abs/<arXiv id>' path, so it is not a paper this reader can identify")
            continue
        version_match = _VERSION.search(full_id)
        version = version_match.group(0) if version_match else ""
        arxiv_id = _VERSION.sub("", full_id)
        repairs: list[str] = []
        authors = []
        for author in entry.findall(f"{ATOM}author"):
            name = fix_text(_text(author, f"{ATOM}name"), repairs, what="author")
            affiliations = [
                fix_text(" ".join((a.text or "").split()), repairs, what="affiliation")
                for a in author.findall(f"{ARXIV}affiliation")
                if a.text and a.text.strip()
            ]
            if name:
                authors.append({"name": name, "affiliations": affiliations})
        pdf = None
        abs_url = f"https://arxiv.org/abs/{arxiv_id}"
        for link in entry.findall(f"{ATOM}link"):
            href = link.get("href") or ""
            if link.get("title") == "pdf" or link.get("type") == "application/pdf":
                pdf = href
            elif link.get("rel") == "alternate" and href:
                abs_url = href
        primary = entry.find(f"{ARXIV}primary_category")
        doi = _text(entry, f"{ARXIV}doi") or None
        papers.append(
            Paper(
                arxiv_id=arxiv_id,
                version=version,
                title=fix_text(_text(entry, f"{ATOM}title"), repairs, what="title"),
                abstract=fix_text(_text(entry, f"{ATOM}summary"), repairs, what="abstract"),
                authors=authors,
                published=_time(_text(entry, f"{ATOM}published")),
                updated=_time(_text(entry, f"{ATOM}updated")),
                categories=[c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term")],
                primary_category=primary.get("term") if primary is not None else None,
                abs_url=abs_url,
                pdf_url=pdf,
                comment=_text(entry, f"{ARXIV}comment") or None,
                journal_ref=_text(entry, f"{ARXIV}journal_ref") or None,
                doi=doi,
                repairs=repairs,
            )
        )
    return papers, skipped
