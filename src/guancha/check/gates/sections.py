"""Section rules: the papers section (count and freshness) and the implications section."""

from __future__ import annotations

import re
from collections.abc import Iterator

from guancha.check.findings import Finding
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    word_count,
)
from guancha.collect.urls import page_key


@rule("section-papers", "error", "a Research Papers section with the spec's number of papers")
def _section_papers(ctx: CheckContext) -> Iterator[Finding]:
    rng = ctx.shape.papers
    n = len(ctx.doc.papers)
    if not ctx.doc.has_papers_section and rng.min > 0:
        yield _f("section-papers", ctx.loc("papers"), f"the Research Papers section is missing; list {rng.min}-{rng.max} "
                 "recent papers as 'Title — Authors (affiliation) (date) — why it matters'")
        return
    line = ctx.doc.papers[0].line if ctx.doc.papers else None
    if n > rng.max:
        yield _f("section-papers", ctx.loc("papers", line), f"{n} papers listed; the spec allows at most {rng.max}")
    elif n == 0 and rng.min > 0:
        yield _f("section-papers", ctx.loc("papers"), f"no papers listed; the spec asks for {rng.min}-{rng.max} "
                 "(fine when the window had none)", "warning")
    elif n < rng.min:
        yield _f("section-papers", ctx.loc("papers", line), f"{n} paper{'' if n == 1 else 's'} listed; the spec asks for {rng.min}-{rng.max} "
                 "(fine when the window had fewer)", "warning")
    seen: dict[str, int] = {}
    for k, paper in enumerate(ctx.doc.papers):
        if not paper.url:
            yield _f("section-papers", ctx.loc("papers", paper.line), f"the paper {paper.text[:50]!r} has no link; "
                     "link its arXiv or publisher page", "warning")
        for key in _paper_keys(paper.url, paper.title):
            if (earlier := seen.setdefault(key, k)) != k:
                yield _f("section-papers", ctx.loc("papers", paper.line),
                         f"the paper {paper.text[:50]!r} is listed twice (first as paper {earlier + 1}); list each "
                         "paper once")
                break


# one arXiv paper under its abstract, PDF or HTML page, any version
_ARXIV_PAPER = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})", re.I)


def _paper_keys(url: str | None, title: str | None) -> list[str]:
    """What makes two list entries one paper: its arXiv id, its page, its title."""
    keys = []
    if url and (m := _ARXIV_PAPER.search(url)) is not None:
        keys.append("arxiv:" + m.group(1))
    elif url:
        keys.append("page:" + page_key(url))
    if title and len(title) > 12:
        keys.append("title:" + " ".join(title.lower().split()))
    return keys


_ARXIV_MONTH = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{2})(\d{2})\.\d{4,5}", re.I)


@rule("paper-freshness", "warning", "papers are recent (within the spec's paper window) and none is dated after "
      "the report (an error)")
def _paper_freshness(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.doc.date is None:
        return
    limit = ctx.checks.paper_window_days
    for paper in ctx.doc.papers:
        loc = ctx.loc("papers", paper.line)
        published = paper.published
        if published is not None:
            age = (ctx.doc.date - published).days
            name = (paper.title or paper.text)[:50]
            # a paper cannot come out after the report that lists it: a wrong or made-up date. Counter-case: one day
            # later is a time zone (arXiv dates in UTC, the report in the watcher's zone), not an error
            if age < -1:
                yield _f("paper-freshness", loc, f"the paper {name!r} is dated {published}, {-age} days after the "
                         f"report date {ctx.doc.date}; correct the paper's date from its arXiv or publisher page",
                         "error")
            elif age > limit:
                yield _f("paper-freshness", loc, f"the paper {name!r} is dated {published}, {age} days old; the "
                         f"paper window is {limit} days (checks.paper_window_days) - pick a paper from that window")
            continue
        m = _ARXIV_MONTH.search(paper.url or paper.text)
        if m:
            yy, mm = int(m.group(1)), int(m.group(2))
            months = (ctx.doc.date.year * 12 + ctx.doc.date.month) - ((2000 + yy) * 12 + mm)
            if months * 30 - 30 > limit:
                yield _f("paper-freshness", loc, f"arXiv id {m.group(1)}{m.group(2)} is {months} months before the "
                         f"report; the paper window is {limit} days (checks.paper_window_days) - pick a paper from "
                         "that window")


@rule("section-implications", "error", "an Implications section that synthesises across stories")
def _section_implications(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.doc.has_implications_section:
        yield _f("section-implications", ctx.loc("implications"),
                 "the Implications section is missing; add cross-story structural arguments (not a summary)")
        return
    text = " ".join(p.text for p in ctx.doc.implications)
    n = word_count(text)
    line = ctx.doc.implications[0].line if ctx.doc.implications else None
    if n == 0:
        yield _f("section-implications", ctx.loc("implications", line), "the Implications section is empty")
    elif n < 40:
        yield _f("section-implications", ctx.loc("implications", line),
                 f"the Implications section has {n} words; argue what the stories mean together", "warning")
