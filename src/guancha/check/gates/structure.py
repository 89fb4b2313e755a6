"""Structure rules: the title, headlines, the table of contents, story count, length and citations."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from guancha.briefing import Line, parse_long_date
from guancha.briefing.model import TITLE_RE
from guancha.check.findings import Finding, Severity
from guancha.check.gates.hygiene import BOX_CHARS, narration_reason
from guancha.check.rules import CheckContext, _f, rule
from guancha.check.text import (
    normalise_for_match,
    plain_text,
    split_sentences,
    word_count,
    words,
)
from guancha.check.view import StoryView
from guancha.collect.urls import page_key
from guancha.spec import STUB_STORY_SHARE

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
    written = DATE_IN_TITLE.search(text)
    if written is not None and (impossible := _impossible_date(*(int(g) for g in written.groups()))):
        yield _f("title-format", loc, f"the title's date {written.group(0)} does not exist ({impossible}); write the "
                 "report's real date")
        return
    if written is None and ctx.doc.date is not None:
        # a date written out ("30th November 2026") or only in the file name: the report's date is known, and every
        # date rule reads it; only the spec's form is missing
        yield _f("title-format", loc, f"the title {text[:60]!r} writes no YYYY-MM-DD date (the report date read is "
                 f"{ctx.doc.date.isoformat()}); write 'EMOJI Topic — YYYY-MM-DD'", "warning")
    elif written is None:
        yield _f("title-format", loc, f"the title {text[:60]!r} has no YYYY-MM-DD date; write 'EMOJI Topic — YYYY-MM-DD'")
    elif "—" not in text and " - " not in text and "·" not in text:
        yield _f("title-format", loc, "separate topic and date with an em dash: 'Topic — YYYY-MM-DD'", "warning")
    tab = _page_title_date(ctx, title)
    if tab is not None:
        # a page whose <title> (its browser tab, its feed entry, its bookmark) names another day than its visible
        # title: one of the two was left from another issue
        yield _f("title-format", loc, f"the page's <title> is dated {tab}, but its title says "
                 f"{ctx.doc.date.isoformat() if ctx.doc.date else '?'}; make them the same day")
    if ctx.watcher_title and ctx.watcher_title.lower() not in text.lower():
        yield _f("title-format", loc, f"the title does not name the watcher's topic '{ctx.watcher_title}'", "warning")
    if ctx.doc.long_date is None:
        yield _f("title-format", loc, "the long date line (e.g. 'Saturday, May 2, 2026') is missing under the title",
                 "warning")
    elif ctx.doc.date is not None:
        expected = f"{ctx.doc.date:%A}, {ctx.doc.date:%B} {ctx.doc.date.day}, {ctx.doc.date.year}"
        if normalise_for_match(expected) not in normalise_for_match(ctx.doc.long_date.text):
            said = ctx.doc.long_date.text.strip()
            read = parse_long_date(said)
            if read is not None and read != ctx.doc.date:
                # two dates for one report: which day's news is it?
                yield _f("title-format", ctx.loc("title", ctx.doc.long_date.line),
                         f"the long date {said!r} is {read.isoformat()}, but the title says "
                         f"{ctx.doc.date.isoformat()}; make them the same day ({expected!r})")
            elif (named := _weekday_named(said)) is not None and named != f"{ctx.doc.date:%A}":
                yield _f("title-format", ctx.loc("title", ctx.doc.long_date.line),
                         f"the long date {said!r} says {named}, but {ctx.doc.date.isoformat()} is a "
                         f"{ctx.doc.date:%A}; write {expected!r}")
            elif read is None or not _foreign(said):
                how = "is written in another order" if read == ctx.doc.date else "does not match the report date"
                yield _f("title-format", ctx.loc("title", ctx.doc.long_date.line),
                         f"the long date {said!r} {how}; write {expected!r}", "warning")


def _page_title_date(ctx: CheckContext, title: Line) -> str | None:
    """The YYYY-MM-DD an HTML page's <title> ends with, where the page writes its title in the body too and that
    title reads another date; else None."""
    tab = ctx.doc.page_title
    if not tab or title.line is None or ctx.doc.date is None or len(tab) > 300:
        return None
    m = TITLE_RE.match(" ".join(tab.split()))
    if m is None or m.group("date") == ctx.doc.date.isoformat():
        return None
    return m.group("date")


def _impossible_date(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is no day of the calendar ("September 2026 has 30 days"), or None."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f"{calendar.month_name[month]} {year} has {last} days" if not 1 <= day <= last else None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_named(long_date: str) -> str | None:
    """The English weekday a long date line names, if any."""
    return next((day for day in _WEEKDAYS if re.search(rf"(?i)\b{day}\b", long_date)), None)


def _foreign(long_date: str) -> bool:
    """A long date written in another language ("Mittwoch, 3. Juni 2026"): right for a briefing in that language."""
    return not re.search(r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                         r"december)\b", long_date)


def _headline_core(text: str) -> str:
    """A headline without its leading emoji, for comparing TOC entries and headlines."""
    return normalise_for_match(re.sub(r"^[^\w\"“']+", "", text))


@rule("headline-format", "error", "each story has a specific headline with an em-dash subtitle, no 'Story N:' labels")
def _headline_format(ctx: CheckContext) -> Iterator[Finding]:
    for story in ctx.doc.stories:
        loc = ctx.loc("story", story.line, story.number)
        h = story.heading.strip()
        if not h:
            yield _f("headline-format", loc, "the story has no headline; write one naming who, what and the figures")
            continue
        if STORY_LABEL.match(h):
            yield _f("headline-format", loc, f"remove the label from {h[:50]!r}: headlines carry no 'Story N:' numbering")
        elif NUMBER_LABEL.match(h):
            # "1. Headline" is a numbered layout many briefings use, not a label standing in for a headline
            yield _f("headline-format", loc, f"the headline {h[:50]!r} opens with its position; the spec's headlines "
                     "carry no numbering", "warning")
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
        if STORY_LABEL.match(entry.text):
            yield _f("headline-format", ctx.loc("toc", entry.line),
                     f"the table of contents entry {entry.text[:50]!r} has a 'Story N' label; list the headline only")


@rule("toc-match", "error", "the table of contents lists exactly the story headlines, in order")
def _toc_match(ctx: CheckContext) -> Iterator[Finding]:
    stories = ctx.doc.stories
    if not stories:
        return
    if not ctx.doc.has_toc or not ctx.doc.toc:
        # front matter's "toc: true": the site builds the contents from the story headings, so it cannot differ
        if len(stories) > 1 and not ctx.doc.toc_generated:
            yield _f("toc-match", ctx.loc("toc", ctx.doc.long_date.line if ctx.doc.long_date else None),
                     "the table of contents is missing; list each story's headline under 'Table of Contents'")
        return
    if ctx.doc.toc_run_on_line is not None:
        yield _f("toc-match", ctx.loc("toc", ctx.doc.toc_run_on_line),
                 "the table of contents' entries are on lines of their own in the source but have no <br> or list "
                 "between them, so a browser shows them as one run-on line; make the contents a list", "warning")
    toc = [_headline_core(t.text) for t in ctx.doc.toc]
    heads = [_headline_core(s.heading) for s in stories]
    if len(toc) != len(heads):
        yield _f("toc-match", ctx.loc("toc", ctx.doc.toc[0].line),
                 f"the table of contents has {len(toc)} entries but the report has {len(heads)} stories; "
                 "make them the same list")
    for i, head in enumerate(heads):
        match = _best_toc_match(head, toc)
        story = stories[i]
        if match is None:
            yield _f("toc-match", ctx.loc("toc", story.line, story.number),
                     f"story {story.number} ({story.heading[:50]!r}) is not in the table of contents; add it")
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


# more than a dek or a sign-off: prose of this many words under no heading was meant as stories
_UNREAD_PROSE_WORDS = 60


@rule("story-count", "error", "the number of stories the spec asks for (fewer on a quiet day, never more)")
def _story_count(ctx: CheckContext) -> Iterator[Finding]:
    n, want = len(ctx.doc.stories), ctx.shape.stories
    loc = ctx.loc("report", ctx.doc.title.line if ctx.doc.title else 1)
    if n == 0:
        quiet = any(re.search(r"\bquiet day\b|\bno (?:new |fresh )?stories\b", ln.text, re.I) for ln in ctx.doc.lines)
        if quiet:
            yield _f("story-count", loc, "the report has no stories and says it is a quiet day", "warning")
        elif word_count(" ".join(ln.text for ln in ctx.doc.unplaced)) >= _UNREAD_PROSE_WORDS:
            # prose the reader could not place: more likely a layout it does not know than a report with no news
            first = ctx.doc.unplaced[0].line
            yield _f("story-count", ctx.loc("report", first),
                     f"no story headings were found: {len(ctx.doc.unplaced)} block(s) of text from line {first} are "
                     "under no story. A story is read from a heading (Markdown '## Headline', HTML <h2>, or a "
                     "headline on a line of its own above its paragraphs); give each story one, or say plainly "
                     "that the day was quiet")
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
            sev: Severity = "error" if n < rng.min * STUB_STORY_SHARE else "warning"
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
