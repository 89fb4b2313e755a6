"""Deterministic gates: rules that read a rendered briefing and report what is wrong and how to fix it.

Each rule has a stable name (used in output, the spec's severity overrides and the revision loop), a
default severity (``error`` blocks publishing, ``warning`` does not) and a function that yields findings.
Thresholds come from the watcher spec; without one, the reference defaults apply (6 stories of 350-500
words, at least 4 citations each, 3-6 papers). The rules are general: nothing here knows any fixture.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from guancha.check.findings import Finding, Severity
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    BARE_URL_RE,
    fabricated_reason,
    normalise_for_match,
    placeholder_reason,
    plain_text,
    split_sentences,
    word_count,
    words,
)
from guancha.check.view import EARLIER_REPORT_HREF_RE, BriefingView, Line, Link, StoryView
from guancha.collect.urls import page_key, url_is_allowed
from guancha.textrepair import REPLACEMENT, fix_report_line, is_mojibake

# --------------------------------------------------------------------------- structure

DATE_IN_TITLE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
STORY_LABEL = re.compile(
    r"^\W*(?:story|item|section|part)\s*(?:#?\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*[:.\-—–)]", re.I)
NUMBER_LABEL = re.compile(r"^\s*\d+\s*[.):]\s+")


def _visible_title(ctx: CheckContext) -> Line | None:
    return ctx.doc.title


@rule("title-format", "error", "the title line is 'EMOJI Topic — YYYY-MM-DD' followed by the long date")
def _title_format(ctx: CheckContext) -> Iterator[Finding]:
    title = _visible_title(ctx)
    if title is None or not title.text.strip():
        yield _f("title-format", ctx.loc("title", 1), "the report has no title line; start it with "
                 "'EMOJI Topic — YYYY-MM-DD'")
        return
    text = title.text.strip()
    loc = ctx.loc("title", title.line)
    if narration_reason(text) or BOX_CHARS.search(text) or len(words(text)) == 0:
        yield _f("title-format", loc, f"the title is not a title ({text[:60]!r}); replace it with "
                 "'EMOJI Topic — YYYY-MM-DD'")
        return
    if not DATE_IN_TITLE.search(text):
        yield _f("title-format", loc, f"the title {text[:60]!r} has no YYYY-MM-DD date; write 'EMOJI Topic — YYYY-MM-DD'")
    elif "—" not in text and " - " not in text and "·" not in text:
        yield _f("title-format", loc, "separate topic and date with an em dash: 'Topic — YYYY-MM-DD'", "warning")
    if ctx.watcher_title and ctx.watcher_title.lower() not in text.lower():
        yield _f("title-format", loc, f"the title does not name the watcher's topic '{ctx.watcher_title}'", "warning")
    if ctx.doc.long_date is None:
        yield _f("title-format", loc, "the long date line (e.g. 'Saturday, May 2, 2026') is missing under the title",
                 "warning")
    elif ctx.doc.date is not None:
        expected = f"{ctx.doc.date:%A}, {ctx.doc.date:%B} {ctx.doc.date.day}, {ctx.doc.date.year}"
        if normalise_for_match(expected) not in normalise_for_match(ctx.doc.long_date.text):
            yield _f("title-format", ctx.loc("title", ctx.doc.long_date.line),
                     f"the long date {ctx.doc.long_date.text.strip()!r} does not match the report date; write "
                     f"{expected!r}", "warning")


def _headline_core(text: str) -> str:
    """A headline without its leading emoji, for comparing TOC entries and headlines."""
    return normalise_for_match(re.sub(r"^[^\w\"“']+", "", text))


@rule("headline-format", "error", "each story has a specific headline with an em-dash subtitle, no 'Story N:' labels")
def _headline_format(ctx: CheckContext) -> Iterator[Finding]:
    for story in ctx.doc.stories:
        loc = ctx.loc("story", story.line, story.number)
        h = story.headline.strip()
        if not h:
            yield _f("headline-format", loc, "the story has no headline; write one naming who, what and the figures")
            continue
        if STORY_LABEL.match(h) or NUMBER_LABEL.match(h):
            yield _f("headline-format", loc, f"remove the label from {h[:50]!r}: headlines carry no 'Story N:' numbering")
        if narration_reason(h):
            yield _f("headline-format", loc, f"the headline is agent narration ({h[:50]!r}); write a real headline")
        n_words = len(words(h))
        if n_words < 4:
            yield _f("headline-format", loc, f"the headline {h!r} is too short to be specific; name who did what "
                     "and the figure", "warning")
        elif n_words > 40:
            yield _f("headline-format", loc, f"the headline has {n_words} words; keep it under 30 and move detail "
                     "to the subtitle", "warning")
        if not story.subtitle and "—" not in h and " – " not in h:
            yield _f("headline-format", loc, "add an em-dash subtitle after the headline ('Headline — what it means')",
                     "warning")
    for entry in ctx.doc.toc:
        if STORY_LABEL.match(entry.text) or NUMBER_LABEL.match(entry.text):
            yield _f("headline-format", ctx.loc("toc", entry.line),
                     f"the table of contents entry {entry.text[:50]!r} has a 'Story N' label; list the headline only")


@rule("toc-match", "error", "the table of contents lists exactly the story headlines, in order")
def _toc_match(ctx: CheckContext) -> Iterator[Finding]:
    stories = ctx.doc.stories
    if not stories:
        return
    if not ctx.doc.has_toc or not ctx.doc.toc:
        if len(stories) > 1:
            yield _f("toc-match", ctx.loc("toc", ctx.doc.long_date.line if ctx.doc.long_date else None),
                     "the table of contents is missing; list each story's headline under 'Table of Contents'")
        return
    toc = [_headline_core(t.text) for t in ctx.doc.toc]
    heads = [_headline_core(s.headline) for s in stories]
    if len(toc) != len(heads):
        yield _f("toc-match", ctx.loc("toc", ctx.doc.toc[0].line),
                 f"the table of contents has {len(toc)} entries but the report has {len(heads)} stories; "
                 "make them the same list")
    for i, head in enumerate(heads):
        match = _best_toc_match(head, toc)
        story = stories[i]
        if match is None:
            yield _f("toc-match", ctx.loc("toc", story.line, story.number),
                     f"story {story.number} ({story.headline[:50]!r}) is not in the table of contents; add it")
        elif match != i and len(toc) == len(heads):
            yield _f("toc-match", ctx.loc("toc", ctx.doc.toc[match].line),
                     f"the table of contents lists story {story.number} in position {match + 1}; "
                     "keep the stories' order", "warning")
    for j, entry in enumerate(toc):
        if all(_similar_headline(entry, h) is False for h in heads):
            yield _f("toc-match", ctx.loc("toc", ctx.doc.toc[j].line),
                     f"the table of contents entry {ctx.doc.toc[j].text[:50]!r} has no story; remove it or "
                     "write the story")


def _similar_headline(a: str, b: str) -> bool:
    if a == b or (a and b and (a.startswith(b) or b.startswith(a))):
        return True
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.8


def _best_toc_match(head: str, toc: list[str]) -> int | None:
    for j, entry in enumerate(toc):
        if _similar_headline(entry, head):
            return j
    return None


@rule("story-count", "error", "the number of stories the spec asks for (fewer on a quiet day, never more)")
def _story_count(ctx: CheckContext) -> Iterator[Finding]:
    n, want = len(ctx.doc.stories), ctx.shape.stories
    loc = ctx.loc("report", ctx.doc.title.line if ctx.doc.title else 1)
    if n == 0:
        quiet = any(re.search(r"\bquiet day\b|\bno (?:new |fresh )?stories\b", ln.text, re.I) for ln in ctx.doc.lines)
        if quiet:
            yield _f("story-count", loc, "the report has no stories and says it is a quiet day", "warning")
        else:
            yield _f("story-count", loc, "the report has no stories and does not say why; a briefing needs at least "
                     "one sourced story, or a plain statement that the day was quiet")
    elif n > want:
        yield _f("story-count", loc, f"the report has {n} stories; the spec allows {want}. Cut the weakest "
                 f"{n - want}.")
    elif n < want:
        yield _f("story-count", loc, f"the report has {n} of the {want} stories the spec asks for; fine on a quiet "
                 "day, otherwise add the missing stories", "warning")


@rule("story-words", "warning", "each story is within the spec's word range")
def _story_words(ctx: CheckContext) -> Iterator[Finding]:
    rng = ctx.shape.story_words
    for story in ctx.doc.stories:
        n = word_count(story.body)
        loc = ctx.loc("story", story.line, story.number)
        if n < rng.min:
            sev: Severity = "error" if n < rng.min * 0.4 else "warning"
            available = _source_words(ctx, story)
            if available is not None and available < rng.min:
                # inside a run: the sources hold less than the minimum, so only padding could reach it
                yield _f("story-words", loc, f"story {story.number} has {n} words, below the spec's {rng.min}; its "
                         f"sources hold only {available} words of distinct text - a thin story, not a short one",
                         "warning")
                continue
            yield _f("story-words", loc, f"story {story.number} has {n} words; the spec asks for {rng.min}-{rng.max}. "
                     "Add sourced analysis, not filler.", sev)
        elif n > rng.max:
            sev = "error" if n > rng.max * 1.6 else "warning"
            yield _f("story-words", loc, f"story {story.number} has {n} words; the spec asks for {rng.min}-{rng.max}. "
                     "Cut repetition and background.", sev)


def _source_words(ctx: CheckContext, story: StoryView) -> int | None:
    """Inside a run, how many words of distinct sentences the story's cited articles hold (None outside)."""
    if ctx.run is None:
        return None
    seen: set[str] = set()
    total = 0
    for url in dict.fromkeys(story.all_urls):
        article = ctx.run.article(url)
        if article is None:
            continue
        for sentence in split_sentences(article.text):
            key = normalise_for_match(sentence)
            if key and key not in seen:
                seen.add(key)
                total += len(key.split())
    return total


@rule("citations-per-story", "error", "each story cites its sources inline at least the spec's number of times")
def _citations(ctx: CheckContext) -> Iterator[Finding]:
    for story in ctx.doc.stories:
        # at least the spec's number, or one per sentence when the story has fewer sentences than that
        need = min(ctx.shape.citations_per_story, max(1, len(split_sentences(plain_text(story.body)))))
        inline = story.inline_links
        loc = ctx.loc("story", story.line, story.number)
        if len(inline) < need:
            distinct = len({page_key(link.url) for link in inline})
            listed = len({page_key(s.url) for s in story.sources})
            extra = f", {listed} listed under Sources" if listed else ""
            yield _f("citations-per-story", loc, f"story {story.number} has {len(inline)} inline citation(s) "
                     f"({distinct} distinct source(s){extra}); cite the source in the sentence that uses it, at "
                     f"least {need} times")


# --------------------------------------------------------------------------- links


def _distinct_links(doc: BriefingView) -> list[tuple[Link, int | None]]:
    """Each distinct URL once, at its first place in the report."""
    seen: set[str] = set()
    out = []
    for link, story in sorted(_every_link(doc), key=lambda p: p[0].line or 0):
        if link.url not in seen:
            seen.add(link.url)
            out.append((link, story))
    return out


def _every_link(doc: BriefingView) -> list[tuple[Link, int | None]]:
    """Every link in the report with the story it belongs to (None outside stories)."""
    out: list[tuple[Link, int | None]] = []
    seen: set[tuple[str, int | None]] = set()
    for story in doc.stories:
        for link in story.inline_links + story.sources:
            key = (link.url, link.line)
            if key not in seen:
                seen.add(key)
                out.append((link, story.number))
    for paper in doc.papers:
        if paper.url and (paper.url, paper.line) not in seen:
            seen.add((paper.url, paper.line))
            out.append((Link(paper.url, paper.title or "", paper.line), None))
    # a follow-up's link to the earlier report's page on the same site is relative on purpose: not a source
    report_links = {(s.earlier_report.url, s.earlier_report.line) for s in doc.stories if s.earlier_report is not None
                    and EARLIER_REPORT_HREF_RE.fullmatch(s.earlier_report.url)}
    for link in doc.all_links:
        if (link.url, link.line) in report_links:
            continue
        if (link.url, link.line) not in seen and not any(link.url == u for (u, _) in seen):
            seen.add((link.url, link.line))
            out.append((link, doc.story_of_line(link.line)))
    for ln in doc.lines:
        for m in BARE_URL_RE.finditer(ln.text):
            url = m.group(0).rstrip(".,;:")
            if not any(url == u for (u, _) in seen):
                seen.add((url, ln.line))
                out.append((Link(url, "", ln.line), doc.story_of_line(ln.line)))
    return out


@rule("link-placeholder", "error", "no example.com, file://, localhost or empty links in a published report")
def _link_placeholder(ctx: CheckContext) -> Iterator[Finding]:
    for link, story in _distinct_links(ctx.doc):
        if ctx.run is not None and ctx.run.is_collected(link.url):
            continue  # a page this run really fetched (sample webs live on loopback)
        if ctx.allowed_hosts and _host_allowed(link.url, ctx.allowed_hosts):
            continue  # the workspace collects from this private host on purpose
        reason = placeholder_reason(link.url)
        if reason:
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-placeholder", loc, f"{link.url[:200]}: {reason}; cite the real source page or drop the claim")


def _host_allowed(url: str, allowed: frozenset[str]) -> bool:
    try:
        return url_is_allowed(url, allowed)
    except ValueError:
        return False


@rule("link-fabricated", "error", "no made-up identifiers (all-zero DOIs, impossible arXiv ids)")
def _link_fabricated(ctx: CheckContext) -> Iterator[Finding]:
    for link, story in _distinct_links(ctx.doc):
        if placeholder_reason(link.url):
            continue
        reason = fabricated_reason(link.url, report_date=ctx.doc.date)
        if reason:
            loc = ctx.loc("story" if story else "report", link.line, story)
            yield _f("link-fabricated", loc, f"{link.url[:200]}: {reason}; link the real paper or article")


@rule("source-reuse", "error", "no URL cited by two stories or by an earlier report of the same watcher")
def _source_reuse(ctx: CheckContext) -> Iterator[Finding]:
    owners: dict[str, set[int]] = defaultdict(set)
    first_line: dict[str, int | None] = {}
    for story in ctx.doc.stories:
        for link in story.inline_links + story.sources:
            key = page_key(link.url)
            owners[key].add(story.number)
            first_line.setdefault(key, link.line)
            if key in ctx.earlier_urls:
                fix = ("a follow-up links the earlier report and cites only new sources" if story.follow_up else
                       "use a fresh source; a story that continues an earlier one is a follow-up that links that report")
                yield _f("source-reuse", ctx.loc("story", link.line, story.number),
                         f"{link.url[:200]} was already cited in {ctx.earlier_urls[key]}; {fix}")
    for paper in ctx.doc.papers:
        if paper.url and page_key(paper.url) in ctx.earlier_urls:
            yield _f("source-reuse", ctx.loc("papers", paper.line),
                     f"{paper.url[:200]} was already listed in {ctx.earlier_urls[page_key(paper.url)]}; pick a "
                     "paper not covered before")
    for key, nums in owners.items():
        if len(nums) > 1:
            yield _f("source-reuse", ctx.loc("report", first_line[key]),
                     f"{key[:200]} is cited by stories {', '.join(map(str, sorted(nums)))}; each source belongs to one "
                     "story - merge the stories or cite different sources", "warning")


_SOURCE_DATE = re.compile(
    r"\((?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4})\)"
)


def _parse_loose_date(text: str) -> dt.date | None:
    for fmt in ("%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%b. %d, %Y"):
        try:
            return dt.datetime.strptime(text.replace("Sept", "Sep"), fmt).date()
        except ValueError:
            continue
    return None


def _written_date(text: str, report_date: dt.date) -> dt.date | None:
    """The date written in a source entry ("(May 1, 2026)", "1 May 2026", "2026-05-01"), or None."""
    m = _SOURCE_DATE.search(text)
    if m:
        return _parse_loose_date(m.group("date"))
    from guancha.check.text import DATE_DM_RE, DATE_ISO_RE, DATE_MD_RE, month_number

    for rx in (DATE_ISO_RE, DATE_MD_RE, DATE_DM_RE):
        found = rx.search(text)
        if found and found.group("year"):
            month = found.group("month")
            try:
                return dt.date(int(found.group("year")), int(month) if month.isdigit() else month_number(month),
                               int(found.group("day")))
            except ValueError:
                continue
    return None


@rule("source-freshness", "warning", "cited sources are inside the watcher's freshness window")
def _source_freshness(ctx: CheckContext) -> Iterator[Finding]:
    """Outside a run only the dates written next to sources can be read; inside a run, grounding checks
    every cited article's publication time."""
    if ctx.run is not None or ctx.doc.date is None:
        return
    slack_days = max(1, -(-ctx.window_hours // 24)) + 1
    for story in ctx.doc.stories:
        for link in story.sources:
            d = _written_date(link.text, ctx.doc.date)
            if d is not None and (ctx.doc.date - d).days > slack_days:
                yield _f("source-freshness", ctx.loc("story", link.line, story.number),
                         f"source {link.text[:60]!r} is dated {d}, {(ctx.doc.date - d).days} days before the report; "
                         f"the window is {ctx.window_hours} h - use a fresh source or mark the story as a follow-up")


# --------------------------------------------------------------------------- sections


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
    for paper in ctx.doc.papers:
        if not paper.url:
            yield _f("section-papers", ctx.loc("papers", paper.line), f"the paper {paper.text[:50]!r} has no link; "
                     "link its arXiv or publisher page", "warning")


_ARXIV_MONTH = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{2})(\d{2})\.\d{4,5}", re.I)


@rule("paper-freshness", "warning", "papers are recent (within the spec's paper window)")
def _paper_freshness(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.doc.date is None:
        return
    limit = ctx.checks.paper_window_days
    for paper in ctx.doc.papers:
        loc = ctx.loc("papers", paper.line)
        if paper.date is not None:
            age = (ctx.doc.date - paper.date).days
            if age > limit:
                yield _f("paper-freshness", loc, f"the paper {(paper.title or paper.text)[:50]!r} is dated {paper.date}, "
                         f"{age} days old; pick papers from the last {limit} days")
            continue
        m = _ARXIV_MONTH.search(paper.url or paper.text)
        if m:
            yy, mm = int(m.group(1)), int(m.group(2))
            months = (ctx.doc.date.year * 12 + ctx.doc.date.month) - ((2000 + yy) * 12 + mm)
            if months * 30 - 30 > limit:
                yield _f("paper-freshness", loc, f"arXiv id {m.group(1)}{m.group(2)} is {months} months before the "
                         f"report; pick papers from the last {limit} days")


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


# --------------------------------------------------------------------------- heuristics

HEURISTIC_FIELDS = ("id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence")


_WATCH_ENTRY = re.compile(r"^\W*([a-z0-9]+(?:-[a-z0-9]+)*)\s*:\s*(active|challenged|broken)\s*(?:→|->)\s*"
                          r"(challenged|broken)\b")


@rule("section-watch", "error", "an optional Heuristics watch section after Implications: each entry names a "
      "heuristic, its move (challenged/broken) and cites the sentence's source")
def _section_watch(ctx: CheckContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.watch_line is None and not doc.watch:
        return
    line = doc.watch_line
    if not doc.watch:
        yield _f("section-watch", ctx.loc("watch", line), "the Heuristics watch section is empty; leave it out "
                 "when no heuristic moved today")
    impl = doc.implications[-1].line if doc.implications else None
    heur = doc.heuristics.line if doc.heuristics is not None else None
    if line is not None and ((impl is not None and line < impl) or (heur is not None and line > heur)):
        yield _f("section-watch", ctx.loc("watch", line), "the Heuristics watch section belongs after "
                 "Implications and before Heuristics; move it there")
    for p in doc.watch:
        text = plain_text(p.text)
        if not _WATCH_ENTRY.match(text):
            yield _f("section-watch", ctx.loc("watch", p.line), f"watch entry {text[:60]!r} does not say which "
                     "heuristic moved and how ('id: active → broken'); write it in that form")
        if not p.links:
            yield _f("section-watch", ctx.loc("watch", p.line), f"watch entry {text[:60]!r} cites no source; cite "
                     "the article the sentence comes from")


@rule("heuristics-yaml", "error", "the heuristics block parses (YAML list or the code-style form)")
def _heuristics_yaml(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        if ctx.shape.heuristics.min > 0:
            yield _f("heuristics-yaml", ctx.loc("heuristics"), "the report has no HEURISTICS block; add "
                     f"{ctx.shape.heuristics.min}-{ctx.shape.heuristics.max} entries in the reference YAML layout",
                     "warning")
        return
    for problem in block.problems:
        yield _f("heuristics-yaml", ctx.loc("heuristics", problem.line),
                 f"heuristic not readable: {problem.text}; write it as a YAML list entry with the reference fields")
    rng = ctx.shape.heuristics
    n = len(block.entries)
    if not block.problems and n < rng.min:
        yield _f("heuristics-yaml", ctx.loc("heuristics", block.line),
                 f"the HEURISTICS block has {n} heuristic(s); the spec asks for {rng.min}-{rng.max} (a report "
                 "written without a model has none)", "warning")
    elif n > rng.max:
        yield _f("heuristics-yaml", ctx.loc("heuristics", block.line),
                 f"the HEURISTICS block has {n} heuristics; the spec allows at most {rng.max}", "warning")


@rule("heuristics-fields", "error", "every heuristic has id, domain, when, prefer, over, because, breaks_when, confidence")
def _heuristics_fields(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        return
    ids: Counter[str] = Counter()
    for entry in block.entries:
        missing = [f for f in HEURISTIC_FIELDS if _empty(entry.fields.get(f))]
        name = entry.ident or str(entry.fields.get("id") or "?")
        ids[name] += 1
        if missing:
            yield _f("heuristics-fields", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} lacks {', '.join(missing)}; every heuristic needs all decision fields")
    for name, n in ids.items():
        if n > 1 and name != "?":
            yield _f("heuristics-fields", ctx.loc("heuristics", block.line),
                     f"heuristic id {name!r} appears {n} times; give each heuristic its own id")


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


@rule("heuristics-confidence", "warning", "confidence uses one scale (high/medium/low or 0-1) across the report")
def _heuristics_confidence(ctx: CheckContext) -> Iterator[Finding]:
    block = ctx.doc.heuristics
    if block is None:
        return
    scales: dict[str, list[str]] = defaultdict(list)
    for entry in block.entries:
        raw = entry.fields.get("confidence")
        if _empty(raw):
            continue
        scale = _confidence_scale(raw)
        name = entry.ident or str(entry.fields.get("id") or "?")
        if scale is None:
            yield _f("heuristics-confidence", ctx.loc("heuristics", entry.line),
                     f"heuristic {name!r} has confidence {raw!r}, which is neither high/medium/low nor a number 0-1",
                     "error")
        else:
            scales[scale].append(name)
    if len(scales) > 1:
        detail = "; ".join(f"{k}: {', '.join(v[:3])}" for k, v in sorted(scales.items()))
        yield _f("heuristics-confidence", ctx.loc("heuristics", block.line),
                 f"confidence mixes scales ({detail}); use high/medium/low throughout")


def _confidence_scale(raw: object) -> str | None:
    try:
        from guancha.knowledge.schema import Confidence
    except ImportError:  # the knowledge base is not merged yet: read the plain forms only
        Confidence = None  # type: ignore[assignment,misc]
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return "number" if 0 <= raw <= 100 else None
    text = str(raw).strip()
    if re.fullmatch(r"\d+(\.\d+)?\s*%?", text) or re.fullmatch(r"\.\d+", text):
        return "number"
    if Confidence is not None:
        try:
            Confidence.parse(text)
        except ValueError:
            return None
        return "word"
    return "word" if text.lower() in {"high", "medium", "low", "moderate", "very high", "very low"} else None


# --------------------------------------------------------------------------- hygiene

_NARRATION_PATTERNS = [
    r"^(?:now|okay|ok|alright|great|good|perfect)[,!.]?\s+(?:i|let me|let's|i'll|i will|i've|i have)\b",
    r"^(?:now\s+)?let(?: me|'s|’s)\s+(?:now\s+)?(?:compile|write|search|check|draft|start|look|gather|verify|fetch|"
    r"create|generate|produce|put|finali[sz]e|assemble|review|begin|research|find|try|read|summari[sz]e|re-?write|"
    r"revise|fix|update|build|score|grade|run|format|convert|save|publish|do|get|see|think|analy[sz]e|examine|"
    r"extract|pull|collect|continue|proceed|focus|dig|explore|identify|finish|complete|make|prepare|craft)\b",
    r"^i(?:'ll|’ll| will| am going to|'m going to|’m going to| need to| should| can now)\s+(?:now\s+)?"
    r"(?:compile|write|search|check|draft|start|gather|verify|fetch|create|generate|produce|put|finali[sz]e|assemble|"
    r"review|begin|research|find|try|read|summari[sz]e|re-?write|revise|fix|update|build|score|run|format|save|"
    r"publish|proceed|continue|focus|look|prepare|craft|search)\b",
    r"^(?:i have|i've|i’ve|we have|we've)\s+(?:now\s+)?(?:enough|gathered|collected|completed|finished|written|"
    r"verified|got|compiled|drafted|found sufficient|identified)\b",
    r"\bprevious (?:draft|attempt|run|version|iteration|report) (?:failed|was rejected|did not|didn't|scored)\b",
    r"^(?:now\s+)?(?:searching|writing|compiling|drafting|fetching|generating|gathering|checking|verifying|"
    r"re-?writing|revising|scoring) (?:for |the |a |an |fresh |more |additional |up |all |each |final )",
    r"^here(?:'s| is|’s) (?:the|my|your|a) (?:final |complete |revised |updated |full |finished )?"
    r"(?:report|briefing|draft|digest|version|newsletter)\b",
    r"\bas an ai language model\b|^as an ai\b|\bi cannot browse\b|\bmy (?:knowledge|training) cut-?off\b",
    r"^(?:based on my research|after (?:reviewing|searching|researching|gathering))\b",
    r"^(?:the|this|my) (?:report|briefing|draft) (?:has been|is now|is) (?:written|saved|complete|ready|finished|done)\b",
    r"^(?:done|finished|complete)[.!]\s*$",
    r"^(?:step|task|iteration) \d+\s*[:.]\s*(?:search|write|draft|gather|score|check|verify|compile)",
    r"^(?:writing|saving) (?:the )?(?:complete |final )?report\b",
    r"^i (?:found|see|notice|need|must|will|should|can)\b",
]
NARRATION_START_RE = re.compile("|".join(f"(?:{p.removeprefix('^')})" for p in _NARRATION_PATTERNS if p.startswith("^")),
                                re.I)
NARRATION_ANY_RE = re.compile("|".join(f"(?:{p})" for p in _NARRATION_PATTERNS if not p.startswith("^")), re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def narration_reason(text: str) -> str | None:
    """The narration phrase in ``text`` (a line of the report's own prose), or None. Quoted speech is
    ignored: a source saying "let me know" is not the agent talking."""
    unquoted = _QUOTED.sub(" ", plain_text(text))
    for sentence in split_sentences(unquoted) or [unquoted]:
        s = re.sub(r"^[\W_]+", "", sentence.strip())
        m = NARRATION_START_RE.match(s) or NARRATION_ANY_RE.search(s)
        if m:
            return m.group(0)
    return None


def _published_lines(ctx: CheckContext) -> list[Line]:
    """The text hygiene rules read: for Markdown and text the file itself, line by line (tables, comments and
    code included - everything that gets published); for HTML the visible text the parser extracted."""
    if ctx.doc.format != "html" and ctx.doc.raw_lines:
        return ctx.doc.raw_lines
    return ctx.doc.lines


@rule("hygiene-narration", "error", "no agent narration ('Now I have enough material…', 'Let me…')")
def _hygiene_narration(ctx: CheckContext) -> Iterator[Finding]:
    for ln in _published_lines(ctx):
        phrase = narration_reason(ln.text)
        if phrase:
            yield _f("hygiene-narration", ctx.loc("report", ln.line),
                     f"agent narration {phrase.strip()!r} in {ln.text.strip()[:70]!r}; delete it - the report speaks "
                     "about the topic, never about its own writing")


# box-drawing corners/sides and prompt markers; a bare line of ─ or ═ is a divider, not tool output
BOX_CHARS = re.compile(r"[│┃┌┐└┘├┤┬┴┼╭╮╯╰║╔╗╚╝╠╣╦╩╬◇◆]")
_TOOL_PATTERNS = [
    r"^\s*Traceback \(most recent call last\)",
    r"^\s*File \"[^\"]+\", line \d+",
    r"^\s*(?:[A-Z]\w*(?:Error|Exception)|KeyError|ValueError|TypeError|RuntimeError)(?::\s|$)",
    r"^\s*at [\w.$<>]+\(.*:\d+(?::\d+)?\)\s*$",
    r"^\s*(?:\$|>>>|❯|➜|PS [A-Z]:\\[^>]*>)\s+[a-z./~_-]",
    r"^\s*[\w.-]+@[\w.-]+:[~/][^$#]*[$#]\s",
    r"^\s*(?:npm (?:ERR|WARN)!|error\[E\d+\]|fatal:|warning: )",
    r"^\s*\[(?:INFO|DEBUG|WARN|WARNING|ERROR|CRITICAL)\]\s",
    r"^\s*(?:INFO|DEBUG|WARNING|ERROR|CRITICAL):[\w.]*:",
    r"^\s*\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?\s+(?:INFO|DEBUG|WARN|WARNING|ERROR)\b",
    r"(?:exit (?:code|status)|exited with code) -?\d+",
    r"<(?:function_calls|tool_use|tool_result|invoke)\b",
    r"\"(?:tool_call|tool_calls|function_call|tool_use_id)\"\s*:",
    r"^\s*(?:stdout|stderr)\s*:",
    r"\bcommand not found\b|\bPermission denied \(publickey\)|No such file or directory",
]
TOOL_RE = re.compile("|".join(f"(?:{p})" for p in _TOOL_PATTERNS))


@rule("hygiene-tool-output", "error", "no CLI boxes, tracebacks, shell prompts or tool calls in the report")
def _hygiene_tool_output(ctx: CheckContext) -> Iterator[Finding]:
    for ln in _published_lines(ctx):
        m = BOX_CHARS.search(ln.text) or TOOL_RE.search(ln.text)
        if m:
            yield _f("hygiene-tool-output", ctx.loc("report", ln.line),
                     f"tool output ({m.group(0).strip()[:30]!r} in {ln.text.strip()[:60]!r}); delete terminal and "
                     "tool text - it never belongs in a briefing")


CONFIG_RE = re.compile(
    r"<!--.*?(?:-->|$)|&lt;!--|^\s*[A-Z][A-Z0-9]*_[A-Z0-9_]+\s*[:=]\s*\S+|\b(?:SHIP_THRESHOLD|loop_runner|"
    r"MIN_HEURISTICS|REQUIRED_STORY_COUNT)\b",
    re.S,
)


@rule("hygiene-config-comment", "error", "no internal config comments (<!-- SHIP_THRESHOLD: 91 -->) in the report")
def _hygiene_config(ctx: CheckContext) -> Iterator[Finding]:
    for ln in [*ctx.doc.comments, *_published_lines(ctx)]:
        m = CONFIG_RE.search(ln.text)
        if m:
            yield _f("hygiene-config-comment", ctx.loc("report", ln.line),
                     f"internal comment or config {m.group(0).strip()[:50]!r}; remove it from the published report")


_METRIC_NAMES = (
    r"synthesis|attribution|headline specificity|signal density|cross[- ]thread|strategic vision|deep stakes|"
    r"signal[- ]to[- ]noise|timeliness"
)
SELF_SCORE_RE = re.compile(
    r"\b(?:score[ds]?|scoring|total|rubric|grade[ds]?|rating|rated)\b[^.\n]{0,40}?\b\d{1,3}(?:\.\d)?\s*/\s*(?:9\d|100|10|5)\b"
    r"|\b\d{1,3}\s*/\s*(?:90|91)\b"
    r"|(?:^|\s|[|*✅❌])(?:PASS(?:ED)?|FAIL(?:ED)?)(?:\s*[|✅❌:!.]|\s*$)"
    r"|\bship(?:ping)? threshold\b|\bready to ship\b|\bquality loop\b|\biteration \d+ (?:score|of \d)"
    rf"|^\s*\|?\s*(?:\*\*)?(?:{_METRIC_NAMES})(?:\*\*)?\s*(?:\||:)\s*\d",
    re.I | re.M,
)
_CAPS_PASS = re.compile(r"\b(PASS|FAIL|PASSED|FAILED)\b")


@rule("hygiene-self-score", "error", "no self-grading (scores, PASS/FAIL, rubric tables) inside the report")
def _hygiene_self_score(ctx: CheckContext) -> Iterator[Finding]:
    for ln in _published_lines(ctx):
        text = ln.text
        m = SELF_SCORE_RE.search(text)
        if not m:
            continue
        hit = m.group(0).strip()
        # lower-case "pass"/"fail" is ordinary English; only the shouted verdicts count
        if re.fullmatch(r"[|*✅❌:!.\s]*(pass(ed)?|fail(ed)?)[|✅❌:!.\s]*", hit, re.I) and not _CAPS_PASS.search(hit):
            continue
        yield _f("hygiene-self-score", ctx.loc("report", ln.line),
                 f"self-grading text ({hit[:40]!r}); scores live in the run record, never in the report")


@rule("hygiene-personal-data", "warning", "no e-mail addresses or delivery logs in the report")
def _hygiene_personal(ctx: CheckContext) -> Iterator[Finding]:
    email = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+\b")
    for ln in _published_lines(ctx):
        for m in email.finditer(ln.text):
            if BARE_URL_RE.search(ln.text) and m.group(0) in " ".join(BARE_URL_RE.findall(ln.text)):
                continue
            yield _f("hygiene-personal-data", ctx.loc("report", ln.line),
                     f"e-mail address {m.group(0)!r}; remove personal data from the published report")


# --------------------------------------------------------------------------- encoding and style

_GREEK_DAMAGE = re.compile(r"π[\u00a0-\u00bf\u0384-\u038f]|(?<=[A-Za-z,.]\s)[α-ωΑ-Ω](?=\s+[A-Za-z0-9])")


@rule("encoding-mojibake", "error", "no mis-decoded text (â€™, Ã©, π¨π³, �)")
def _encoding(ctx: CheckContext) -> Iterator[Finding]:
    reported: set[int | None] = set()
    for ln in [*(ctx.doc.raw_lines or ctx.doc.lines), *ctx.doc.lines]:
        if ln.line in reported:
            continue
        text = ln.text
        if text.isascii():
            continue  # mis-decoding always leaves non-ASCII characters behind
        bad = None
        if REPLACEMENT in text:
            bad = "replacement characters (�) where text was lost"
        elif is_mojibake(text):
            fixed = fix_report_line(text)
            bad = "mis-decoded text" + (f" (reads {_diff_word(text, fixed)!r} once repaired)" if fixed != text else "")
        elif _GREEK_DAMAGE.search(text) and _latin_dominant(text):
            bad = "UTF-8 read as Greek (π¨ for a flag, β for a dash)"
        if bad:
            reported.add(ln.line)
            yield _f("encoding-mojibake", ctx.loc("report", ln.line),
                     f"{bad} in {_strip_tags(text)[:50]!r}; save the report as UTF-8 (or repair it) before publishing")


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).strip()


def _diff_word(before: str, after: str) -> str:
    """The first differing stretch of the repaired text, for the message."""
    i = 0
    while i < min(len(before), len(after)) and before[i] == after[i]:
        i += 1
    start = max(0, i - 15)
    return after[start : i + 15]


def _latin_dominant(text: str) -> bool:
    latin = sum(1 for c in text if "a" <= c.lower() <= "z")
    greek = sum(1 for c in text if "\u0370" <= c <= "\u03ff")
    return latin > 10 * max(greek, 1)


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str] | None:
    items = [p.strip() for p in phrases if p.strip()]
    if not items:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(items, key=len, reverse=True)) + r")(?!\w)", re.I)


def _prose_lines(ctx: CheckContext) -> Iterator[tuple[Line, int | None]]:
    """The report's own prose (story paragraphs, implications, headlines), with story numbers."""
    for story in ctx.doc.stories:
        yield Line(story.headline, story.line), story.number
        if story.subtitle:
            yield Line(story.subtitle, story.line), story.number
        for p in story.paragraphs:
            yield Line(p.text, p.line), story.number
    for p in ctx.doc.implications:
        yield Line(p.text, p.line), None


@rule("style-banned", "warning", "no scaffolding, hype words or forbidden names (lists in the spec)")
def _style_banned(ctx: CheckContext) -> Iterator[Finding]:
    groups: list[tuple[str, re.Pattern[str] | None, Severity, str]] = [
        ("scaffolding", _phrase_re(ctx.checks.scaffolding), "warning", "say it directly"),
        ("hype word", _phrase_re(ctx.checks.hype_words), "warning", "state the concrete effect instead"),
        ("forbidden name", _phrase_re(ctx.checks.forbidden_names), "error", "this watcher must not name it"),
    ]
    for ln, story in _prose_lines(ctx):
        text = _QUOTED.sub(" ", plain_text(ln.text))
        for label, rx, sev, fix in groups:
            if rx is None:
                continue
            for m in rx.finditer(text):
                loc = ctx.loc("story" if story else "implications", ln.line, story)
                yield _f("style-banned", loc, f"{label} {m.group(0)!r}; {fix}", sev)


# --------------------------------------------------------------------------- repetition


def _sentences_with_place(ctx: CheckContext) -> Iterator[tuple[str, int | None, int | None]]:
    for ln, story in _prose_lines(ctx):
        for sentence in split_sentences(plain_text(ln.text)):
            yield sentence, ln.line, story
    for paper in ctx.doc.papers:
        for sentence in split_sentences(plain_text(paper.text)):
            yield sentence, paper.line, None


@rule("repetition", "error", "no sentence repeated (padding)")
def _repetition(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    originals: dict[str, str] = {}
    for sentence, line, story in _sentences_with_place(ctx):
        key = normalise_for_match(sentence)
        if len(key.split()) < 6:
            continue
        seen[key].append((line, story))
        originals.setdefault(key, sentence)
    for key, places in seen.items():
        if len(places) > 1:
            line, story = places[1]
            yield _f("repetition", ctx.loc("story" if story else "report", line, story),
                     f"the sentence {originals[key][:70]!r} appears {len(places)} times; keep it once and cut the "
                     "padding")


def _shingles(tokens: list[str], n: int = 5) -> set[str]:
    """Word 5-grams, each joined by spaces (tokens never hold one): strings hash faster than tuples."""
    return {" ".join(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


@rule("duplicate-paragraph", "error", "no paragraph repeated or near-copied across stories")
def _duplicate_paragraph(ctx: CheckContext) -> Iterator[Finding]:
    paras: list[tuple[int | None, int | None, list[str], str]] = []
    for story in ctx.doc.stories:
        for p in story.paragraphs:
            toks = normalise_for_match(plain_text(p.text)).split()
            if len(toks) >= 20:
                paras.append((story.number, p.line, toks, p.text))
    for p in ctx.doc.implications:
        toks = normalise_for_match(plain_text(p.text)).split()
        if len(toks) >= 20:
            paras.append((None, p.line, toks, p.text))
    shingles = [_shingles(t) for _, _, t, _ in paras]
    reported: set[int] = set()
    for j in range(len(paras)):
        for i in range(j):
            if j in reported:
                break
            sim = _jaccard(shingles[i], shingles[j])
            if sim >= 0.6:
                reported.add(j)
                s_i, s_j = paras[i][0], paras[j][0]
                where = f"story {s_i}" if s_i else "the implications"
                yield _f("duplicate-paragraph", ctx.loc("story" if s_j else "implications", paras[j][1], s_j),
                         f"this paragraph ({paras[j][3][:50]!r}) repeats one in {where} ({sim:.0%} the same); "
                         "write new analysis or cut it")


_NAMEISH = re.compile(r"^(?:[A-Z][\w'’.-]*|\d[\d.,%]*\w*)$")


def _masked_tokens(text: str) -> list[str]:
    """Tokens with names and numbers replaced by placeholders: two stories that are the same template
    with different names become the same sequence."""
    out = []
    for i, tok in enumerate(plain_text(text).split()):
        core = tok.strip(".,;:!?()[]\"“”'’")
        if not core:
            continue
        if _NAMEISH.match(core) and i > 0:
            out.append("<N>")
        else:
            out.append(core.lower())
    return out


@rule("templated-stories", "error", "stories are not one text with the names swapped")
def _templated(ctx: CheckContext) -> Iterator[Finding]:
    stories = [s for s in ctx.doc.stories if word_count(s.body) >= 40]
    masked = {s.number: _shingles(_masked_tokens(s.body), 6) for s in stories}
    raw = {s.number: _shingles(normalise_for_match(plain_text(s.body)).split(), 6) for s in stories}
    flagged: set[int] = set()
    for j, b in enumerate(stories):
        for a in stories[:j]:
            if b.number in flagged:
                break
            m_sim = _jaccard(masked[a.number], masked[b.number])
            r_sim = _jaccard(raw[a.number], raw[b.number])
            if m_sim >= 0.5 and m_sim > r_sim + 0.1:
                flagged.add(b.number)
                yield _f("templated-stories", ctx.loc("story", b.line, b.number),
                         f"story {b.number} is story {a.number}'s text with names and numbers swapped "
                         f"({m_sim:.0%} the same once names are masked); write each story from its own sources")


__all__ = ["narration_reason"]
