"""Render a draft as Markdown (the reference layout), HTML and JSON.

Citations are resolved here and only here: a ``[Sn]`` label becomes a link to the article collected as
``Sn``; a label the section was not given is dropped. Writer text is escaped in every output and any
URL-like text in it is removed, so nothing a source or a model wrote can become a link. The set of links
in each output is exactly the set of cited articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from pydantic import BaseModel, Field

from guancha.briefing import site_report_href
from guancha.knowledge.schema import Heuristic, render_yaml
from guancha.spec import WatcherSpec
from guancha.store.runs import CitationRow
from guancha.textutil import strip_urls, word_count
from guancha.write.base import (
    CITE_RE,
    Draft,
    NumberedSource,
    SourceBook,
    WatchEntry,
    cited_labels,
    earlier_report_href,
    keep_known_citations,
)
from guancha.write.extractive import clean_title, format_authors, long_date

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|~])")


class Segment(BaseModel):
    text: str = ""
    labels: list[str] = Field(default_factory=list)


class RenderedReport(BaseModel):
    title: str
    markdown: str
    html: str
    data: dict[str, Any]
    citations: list[dict[str, Any]]       # label, article_id, canonical_url, section, story_index

    def citation_rows(self) -> list[CitationRow]:
        return [CitationRow(c["label"], c["article_id"], c["canonical_url"], c["section"], c["story_index"])
                for c in self.citations]


def report_title(spec: WatcherSpec, report_date: dt.date) -> str:
    return f"{spec.emoji} {spec.title} — {report_date.isoformat()}".strip()


def long_day(d: dt.date) -> str:
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def segments(text: str, allowed: set[str]) -> list[Segment]:
    """Split prose into text and citation segments, keeping only citations of ``allowed`` labels."""
    text, _ = keep_known_citations(strip_urls(text), allowed)
    out: list[Segment] = []
    pos = 0
    for m in CITE_RE.finditer(text):
        if m.start() > pos:
            out.append(Segment(text=text[pos:m.start()]))
        labels = cited_labels(m.group(0))
        if out and out[-1].labels and not out[-1].text:
            out[-1].labels.extend(lab for lab in labels if lab not in out[-1].labels)
        else:
            out.append(Segment(labels=labels))
        pos = m.end()
    if pos < len(text):
        out.append(Segment(text=text[pos:]))
    return out


def md_escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^([#>+=-]|\d+[.)])", r"\\\1", text)


def md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


class _Renderer:
    def __init__(self, spec: WatcherSpec, book: SourceBook, draft: Draft) -> None:
        self.spec = spec
        self.book = book
        self.draft = draft
        self.cited: dict[str, dict[str, Any]] = {}

    def cite(self, label: str, section: str, story_index: int | None) -> NumberedSource:
        source = self.book.get(label)
        assert source is not None
        self.cited.setdefault(label, {"label": label, "article_id": source.article_id,
                                      "canonical_url": source.url, "section": section,
                                      "story_index": story_index})
        return source

    def md_paragraph(self, text: str, allowed: set[str], section: str, story_index: int | None) -> str:
        parts: list[str] = []
        for seg in segments(text, allowed):
            if seg.labels:
                links = [f"[{md_escape(outlet_text(self.cite(lab, section, story_index)))}]"
                         f"({md_url(self.cite(lab, section, story_index).url)})" for lab in seg.labels]
                parts.append(f"({'; '.join(links)})")
            else:
                parts.append(md_escape(seg.text))
        return re.sub(r" +([.,;:])", r"\1", " ".join(p.strip() for p in parts if p.strip()))


def outlet_text(s: NumberedSource) -> str:
    """A source's outlet as a reader sees it (a citation's link text): without URLs, which a page can put in the
    name it gives itself and which read as a second link; an outlet named only by a domain ("reuters.com") is
    named by the host of the link itself, not left an empty, invisible link."""
    return strip_urls(s.outlet) or (urlsplit(s.url).hostname or "").removeprefix("www.") or "source"


def _source_line(s: NumberedSource) -> str:
    return f"{outlet_text(s)}: {strip_urls(clean_title(s.title, s.outlet))} ({long_date(s.published_at)})"


def render(
    spec: WatcherSpec,
    report_date: dt.date,
    book: SourceBook,
    draft: Draft,
    *,
    quiet_note: str | None,
    run_meta: dict[str, Any],
    report_dir: Path | None = None,
) -> RenderedReport:
    """Markdown, HTML and JSON of one report, plus the citations they contain.

    ``report_dir`` is the folder the report's files will be written to: a follow-up's link to the earlier report
    is relative to it, so it resolves from the standalone Markdown and HTML files."""
    r = _Renderer(spec, book, draft)
    title = report_title(spec, report_date)
    notes = [n for n in ([quiet_note] if quiet_note else []) + list(draft.notes) if n]

    # ---------------------------------------------------------------- structure shared by all outputs
    stories: list[dict[str, Any]] = []
    for story in draft.stories:
        allowed = set(story.labels)
        paras = []
        for p in story.paragraphs:
            segs = segments(p, allowed)
            if any(s.text.strip() or s.labels for s in segs):
                paras.append(segs)
        labels: list[str] = []
        for segs in paras:
            for seg in segs:
                labels.extend(lab for lab in seg.labels if lab not in labels)
        stories.append({"draft": story, "paragraphs": paras, "labels": labels})
    story_labels = {lab for s in draft.stories for lab in s.labels}

    # ---------------------------------------------------------------- Markdown
    md: list[str] = [f"# {md_escape(title)}", "", long_day(report_date), "", "## Table of Contents", ""]
    for s in stories:
        d = s["draft"]
        md.append(f"- {d.emoji} {md_escape(_heading(d.headline, d.subtitle))}")
    if not stories:
        md.append("- No stories today")
    md.append("")
    for n in notes:
        md += [f"*{md_escape(n)}*", ""]
    for s in stories:
        d = s["draft"]
        md += ["---", "", f"## {d.emoji} {md_escape(_heading(d.headline, d.subtitle))}", ""]
        if d.follow_up_of is not None:
            md += [f"{FOLLOW_UP_LINE} [the report of {long_date(d.follow_up_of.report_date)}]"
                   f"({earlier_report_href(d.follow_up_of, 'md', report_dir)}).", ""]
        for p in d.paragraphs:
            text = r.md_paragraph(p, set(d.labels), "story", d.index)
            if text:
                md += [text, ""]
        md.append("Sources:")
        for lab in s["labels"]:
            src = r.cite(lab, "story", d.index)
            md.append(f"- [{md_escape(_source_line(src))}]({md_url(src.url)})")
        md.append("")
    md += ["---", "", "## Research Papers", ""]
    for paper in draft.papers:
        src = r.cite(paper.label, "paper", None)
        why = r.md_paragraph(paper.why, set(), "paper", None)
        aff = f" ({md_escape(strip_urls(paper.affiliation))})" if paper.affiliation else ""
        md.append(f"- [{md_escape(strip_urls(paper.title))}]({md_url(src.url)}) — "
                  f"{md_escape(strip_urls(format_authors(paper.authors)))}"
                  f"{aff} ({paper_version(book, paper.label)}{long_date(paper.published)}) — {why}")
    if not draft.papers:
        md.append("No recent papers on this topic were found in the window.")
    md += ["", "---", "", "## Implications", ""]
    for para in draft.implications:
        text = r.md_paragraph(para, story_labels, "implications", None)
        if text:
            md += [text, ""]
    if not draft.implications:
        md += ["Implications need a model writer; this report has none.", ""]
    if draft.watch:
        md += ["---", "", f"## {WATCH_HEADING}", ""]
        md += ["- " + r.md_paragraph(watch_text(w), {w.label}, "watch", None) for w in draft.watch]
        md.append("")
    md += ["---", "", "## Heuristics", ""]
    heuristics = [Heuristic.model_validate(h) for h in draft.heuristics]
    yaml_text = render_yaml(heuristics) if heuristics else "heuristics: []\n"
    if not heuristics:
        md += ["Heuristics need a model writer; this report has none.", ""]
    md += ["```yaml", yaml_text.rstrip("\n"), "```", ""]
    markdown = "\n".join(md)

    # ---------------------------------------------------------------- JSON
    def seg_json(segs: Sequence[Segment]) -> dict[str, Any]:
        text = "".join(seg.text if not seg.labels else "".join(f"[{lab}]" for lab in seg.labels) for seg in segs)
        labels = [lab for seg in segs for lab in seg.labels]
        return {"text": " ".join(text.split()), "citations": list(dict.fromkeys(labels))}

    citations = {
        lab: {**info, "url": info["canonical_url"], "published_at": book.get(lab).published_at,  # type: ignore[union-attr]
              # a page names its outlet and title: URLs in them are dropped here as in the Markdown and HTML
              "outlet": outlet_text(book.get(lab)), "title": strip_urls(book.get(lab).title)}  # type: ignore[arg-type,union-attr]
        for lab, info in r.cited.items()
    }
    data: dict[str, Any] = {
        "watcher": spec.id,
        "title": title,
        "date": report_date.isoformat(),
        "long_date": long_day(report_date),
        "writer": draft.writer,
        "model": draft.model,
        "quiet": quiet_note is not None,
        "notes": notes,
        "stories": [
            {
                "index": s["draft"].index,
                "emoji": s["draft"].emoji,
                "headline": shown_heading(s["draft"].headline),   # as the Markdown and HTML show it
                "subtitle": shown_heading(s["draft"].subtitle),
                # only a follow-up has the key: the report it continues, and that report's page from this one
                **({} if s["draft"].follow_up_of is None else {"follow_up_of": {
                    "report_date": s["draft"].follow_up_of.report_date,
                    "headline": s["draft"].follow_up_of.headline,
                    "href": earlier_report_href(s["draft"].follow_up_of, "html", report_dir),
                    "site_href": site_report_href(s["draft"].follow_up_of.report_date)}}),
                "paragraphs": [seg_json(p) for p in s["paragraphs"]],
                "sources": s["labels"],
                "words": sum(word_count(seg.text) for p in s["paragraphs"] for seg in p),
                "writer": s["draft"].writer,
                "fallback_reason": s["draft"].fallback_reason,
            }
            for s in stories
        ],
        "papers": [
            {"label": p.label, "title": p.title, "authors": p.authors, "affiliation": p.affiliation,
             "published_at": p.published, "version": paper_version(book, p.label).rstrip(", ") or None,
             "why": seg_json(segments(p.why, set()))["text"],
             "url": book.get(p.label).url, "article_id": p.article_id}  # type: ignore[union-attr]
            for p in draft.papers
        ],
        "implications": [seg_json(segments(t, story_labels)) for t in draft.implications],
        "heuristics": [h.to_reference() for h in heuristics],
        "heuristics_watch": [{**w.model_dump(), "text": seg_json(segments(watch_text(w), {w.label}))["text"]}
                             for w in draft.watch],
        "citations": citations,
        "dropped_citations": draft.dropped_citations + [c for s in draft.stories for c in s.dropped_citations],
        "run": run_meta,
    }

    # ---------------------------------------------------------------- HTML
    def link(lab: str, section: str, idx: int | None) -> tuple[str, str]:
        src = r.cite(lab, section, idx)
        return src.url, outlet_text(src)

    html_stories = []
    for s in stories:
        d = s["draft"]
        html_paras: list[list[dict[str, Any]]] = []
        for segs in s["paragraphs"]:
            html_paras.append([{"text": strip_urls(seg.text) if not seg.labels else "",
                           "links": [link(lab, "story", d.index) for lab in seg.labels]} for seg in segs])
        follow_up = None if d.follow_up_of is None else (earlier_report_href(d.follow_up_of, "html", report_dir),
                                                             f"the report of {long_date(d.follow_up_of.report_date)}")
        html_stories.append({"emoji": d.emoji, "heading": _heading(d.headline, d.subtitle), "paragraphs": html_paras,
                             "follow_up": follow_up, "follow_up_line": FOLLOW_UP_LINE,
                             "sources": [(book.get(lab).url, _source_line(book.get(lab)))  # type: ignore[arg-type,union-attr]
                                         for lab in s["labels"]]})
    html_papers = []
    for paper in draft.papers:
        url, _ = link(paper.label, "paper", None)
        why = "".join(seg.text for seg in segments(paper.why, set()))
        html_papers.append({"url": url, "title": strip_urls(paper.title),
                            "authors": strip_urls(format_authors(paper.authors)),
                            "affiliation": strip_urls(paper.affiliation or ""), "date": paper_version(book, paper.label) + long_date(paper.published),
                            "why": " ".join(why.split())})
    html_impl = [[{"text": seg.text if not seg.labels else "",
                   "links": [link(lab, "implications", None) for lab in seg.labels]}
                  for seg in segments(t, story_labels)] for t in draft.implications]
    html_watch = [[{"text": seg.text if not seg.labels else "",
                    "links": [link(lab, "watch", None) for lab in seg.labels]}
                   for seg in segments(watch_text(w), {w.label})] for w in draft.watch]
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    html = env.from_string(_HTML).render(
        title=title, date_iso=report_date.isoformat(), long_date=long_day(report_date), notes=notes,
        stories=html_stories, papers=html_papers, implications=html_impl, yaml_text=yaml_text,
        has_heuristics=bool(heuristics), watch=html_watch, watch_heading=WATCH_HEADING,
    )
    return RenderedReport(title=title, markdown=markdown, html=html, data=data,
                          citations=list(r.cited.values()))


def paper_version(book: SourceBook, label: str) -> str:
    """'v2, ' when the paper's date is that of a later version than its first (empty otherwise): the date shown
    is the latest version's, and a reader must know it is not the first submission."""
    source = book.get(label)
    version = str((source.meta or {}).get("version") or "") if source is not None else ""
    return f"{version}, " if re.fullmatch(r"v([2-9]|\d{2,})", version) else ""


#: The line under a follow-up story's heading that links the earlier report (the check parser knows it).
FOLLOW_UP_LINE = "Follow-up to"

#: The section after Implications listing heuristics the day's news challenged or broke (absent otherwise).
WATCH_HEADING = "Heuristics watch"


def watch_text(w: WatchEntry) -> str:
    """One watch entry as prose citing its source: ``id: active → broken. “sentence” [S7]``."""
    quote = " ".join(w.quote.split()).replace("“", "\"").replace("”", "\"").strip('"')
    return f"{w.heuristic_id}: {w.from_status} → {w.to_status}. “{quote}” [{w.label}]"


def shown_heading(text: str) -> str:
    """A headline or subtitle as the report shows it: one line, without URLs (a page's title is the extractive
    writer's headline, and the JSON's headlines reach the weekly, the follow-up lines and the notices)."""
    return strip_urls(" ".join(text.split()))


def _heading(headline: str, subtitle: str) -> str:
    headline = shown_heading(headline)
    subtitle = shown_heading(subtitle)
    return f"{headline} — {subtitle}" if subtitle else headline


def to_json(report: RenderedReport) -> str:
    return json.dumps(report.data, indent=2, ensure_ascii=False, default=str)


_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif,"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji","Twemoji Mozilla";max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55}
pre{background:#f4f4f4;padding:1rem;overflow-x:auto}.note{font-style:italic}</style>
</head>
<body>
<article>
<header>
<h1>{{ title }}</h1>
<p><time datetime="{{ date_iso }}">{{ long_date }}</time></p>
</header>
<nav aria-label="Table of contents">
<h2>Table of Contents</h2>
<ul>
{% for s in stories %}
<li><a href="#story-{{ loop.index }}">{{ s.emoji }} {{ s.heading }}</a></li>
{% else %}
<li>No stories today</li>
{% endfor %}
</ul>
</nav>
{% for n in notes %}
<p class="note">{{ n }}</p>
{% endfor %}
{% for s in stories %}
<hr>
<section class="story" id="story-{{ loop.index }}">
<h2>{{ s.emoji }} {{ s.heading }}</h2>
{% if s.follow_up %}
<p class="follow-up">{{ s.follow_up_line }} <a href="{{ s.follow_up[0] }}">{{ s.follow_up[1] }}</a>.</p>
{% endif %}
{% for p in s.paragraphs %}
<p>{% for seg in p %}{{ seg.text }}{% if seg.links %} ({% for url, outlet in seg.links %}<a href="{{ url }}" rel="noopener noreferrer nofollow">{{ outlet }}</a>{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}{% endfor %}</p>
{% endfor %}
<p>Sources:</p>
<ul class="sources">
{% for url, line in s.sources %}
<li><a href="{{ url }}" rel="noopener noreferrer nofollow">{{ line }}</a></li>
{% endfor %}
</ul>
</section>
{% endfor %}
<hr>
<section class="papers">
<h2>Research Papers</h2>
{% if papers %}
<ul>
{% for p in papers %}
<li><a href="{{ p.url }}" rel="noopener noreferrer nofollow">{{ p.title }}</a> — {{ p.authors }}{% if p.affiliation %} ({{ p.affiliation }}){% endif %} ({{ p.date }}) — {{ p.why }}</li>
{% endfor %}
</ul>
{% else %}
<p>No recent papers on this topic were found in the window.</p>
{% endif %}
</section>
<hr>
<section class="implications">
<h2>Implications</h2>
{% for p in implications %}
<p>{% for seg in p %}{{ seg.text }}{% if seg.links %} ({% for url, outlet in seg.links %}<a href="{{ url }}" rel="noopener noreferrer nofollow">{{ outlet }}</a>{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}{% endfor %}</p>
{% else %}
<p>Implications need a model writer; this report has none.</p>
{% endfor %}
</section>
{% if watch %}
<hr>
<section class="heuristics-watch">
<h2>{{ watch_heading }}</h2>
<ul>
{% for p in watch %}
<li>{% for seg in p %}{{ seg.text }}{% if seg.links %} ({% for url, outlet in seg.links %}<a href="{{ url }}" rel="noopener noreferrer nofollow">{{ outlet }}</a>{% if not loop.last %}; {% endif %}{% endfor %}){% endif %}{% endfor %}</li>
{% endfor %}
</ul>
</section>
{% endif %}
<hr>
<section class="heuristics">
<h2>Heuristics</h2>
{% if not has_heuristics %}
<p>Heuristics need a model writer; this report has none.</p>
{% endif %}
<pre><code class="language-yaml">{{ yaml_text }}</code></pre>
</section>
</article>
</body>
</html>
"""
