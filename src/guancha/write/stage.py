"""The write and render stages of a run: the chosen writer drafts the stories, the renderer turns the
draft into Markdown, HTML and JSON, stored as the run's drafted report.

Both writers persist each finished unit (a story, the papers, ...) as they go, so a killed run resumes
without rewriting them and without repeating a model call.
"""

from __future__ import annotations

import time

from pydantic import BaseModel

from guancha.context import RunContext, run_metadata
from guancha.knowledge.monitor import MonitorOutput
from guancha.select import Selection, topic_text, views_for
from guancha.store import runs as store
from guancha.textutil import embed, normalise_sentence, split_sentences
from guancha.write.base import CITE_RE, Draft, SourceBook, StoryDraft, WatchEntry, mark_follow_ups
from guancha.write.extractive import NO_MODEL_NOTE, WRITER, write_paper_extractive, write_story_extractive
from guancha.write.render import RenderedReport, render, to_json

# Status changes the briefing's Heuristics watch section reports.
WATCHED_MOVES = ("challenged", "broken")


class WriteOutput(BaseModel):
    draft: Draft
    book: SourceBook


def stage_write(ctx: RunContext, selection: Selection, monitored: MonitorOutput | None = None) -> WriteOutput:
    """Write every story (and papers, implications, heuristics), persisting each unit as it is finished;
    heuristics the monitor moved to challenged or broken get the Heuristics watch entries."""
    ids = [a for s in selection.stories for a in s.article_ids] + [p.article_id for p in selection.papers]
    moves = [m for m in (monitored.moves if monitored else []) if m.to_status in WATCHED_MOVES and m.article_id]
    views = views_for(ctx.db, ctx.spec, ids + [m.article_id for m in moves if m.article_id])
    book = SourceBook.build(selection, views)
    emojis = [s.emoji for s in selection.stories]
    if ctx.writer == "llm":
        from guancha.write.llm import write_llm

        draft = write_llm(ctx, book, emojis)
    else:
        draft = write_extractive_run(ctx, book, emojis)
    watch: list[WatchEntry] = []
    for m in moves:
        if m.article_id in views and m.quote:
            label = book.label_for(views[m.article_id])
            watch.append(WatchEntry(heuristic_id=m.heuristic_id, from_status=m.from_status, to_status=m.to_status,
                                    label=label, quote=m.quote, verdict=m.verdict))
    draft = draft.model_copy(update={"watch": watch})
    return WriteOutput(draft=mark_follow_ups(draft, selection), book=book)


def write_extractive_run(ctx: RunContext, book: SourceBook, emojis: list[str]) -> Draft:
    """The extractive writer, story by story, each story persisted (and reused on resume)."""
    topic_vec = embed([topic_text(ctx.spec)])[0]
    done = store.load_items(ctx.db, ctx.run.id, "write")
    seen: set[str] = set()
    stories: list[StoryDraft] = []
    for i, emoji in enumerate(emojis):
        key = f"story-{i}"
        if key in done:
            story = StoryDraft.model_validate(done[key])
            for p in story.paragraphs:
                seen.update(normalise_sentence(s) for s in split_sentences(CITE_RE.sub("", p)))
        else:
            t0 = time.monotonic()
            story = write_story_extractive(i, emoji, book.for_story(i), ctx.spec, seen, topic_vec=topic_vec)
            store.save_item(ctx.db, ctx.run.id, "write", key, story.model_dump(mode="json"),
                            elapsed_ms=int((time.monotonic() - t0) * 1000))
        stories.append(story)
        ctx.progress("write", f"story {i + 1}/{len(emojis)}: {story.headline}")
    papers = [write_paper_extractive(p, topic_vec, seen) for p in book.papers()]
    return Draft(stories=stories, papers=papers, implications=[], heuristics=[], notes=[NO_MODEL_NOTE],
                 writer=WRITER)


def render_draft(ctx: RunContext, selection: Selection, book: SourceBook, draft: Draft) -> RenderedReport:
    """Render a draft (first or revised) with the run's metadata."""
    return render(ctx.spec, ctx.report_date, book, draft, quiet_note=selection.note,
                  run_meta=run_metadata(ctx, selection), report_dir=ctx.workspace.report_folder(ctx.spec.id))


def stage_render(ctx: RunContext, selection: Selection, written: WriteOutput) -> RenderedReport:
    """Render Markdown/HTML/JSON and store them as a drafted report with its citations."""
    rendered = render_draft(ctx, selection, written.book, written.draft)
    store.save_report(ctx.db, run=ctx.run, title=rendered.title, markdown=rendered.markdown, html=rendered.html,
                      json_text=to_json(rendered), citations=rendered.citation_rows())
    return rendered
