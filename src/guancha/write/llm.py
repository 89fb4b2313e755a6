"""The model writer: one structured call per story, then one for the papers' significance, one for the
implications across stories, one for heuristics in the knowledge-base schema.

Every unit is persisted as soon as it is written (``run_items``), so a resumed run repeats no model call.
Citations the model returns that are not among the sources it was given are dropped and recorded; a
sentence already in the report is dropped, so nothing repeats. When the budget is spent, the remaining
parts are written extractively and the report says so; on any other model error the run stops (resumable)
or, with ``on_model_error="fallback"``, that part is written extractively. An answer that does not fit
the output type (after the model layer's one repair) is not retried: that part is written without it.

Prompt templates (Jinja2, plain text) are ``system.md``, ``story.md``, ``papers.md``, ``implications.md``
and ``heuristics.md`` in this package's ``prompts/`` directory. A watcher overrides any of them by putting
a file of the same name in ``prompts/<watcher-id>/`` or ``prompts/`` beside its spec file (e.g.
``watchers/prompts/china-ai/story.md``). Templates see ``title``, ``description``, ``date``, ``labels`` and
``sources``/``stories`` (already fenced as quoted data); they never see a URL.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import jinja2
from pydantic import BaseModel, Field, ValidationError

from guancha.errors import ConfigError
from guancha.knowledge.schema import HeuristicProposal
from guancha.store import runs as store
from guancha.textutil import embed, normalise_sentence, split_sentences, strip_urls
from guancha.write.base import (
    CITE_RE,
    Draft,
    PaperDraft,
    SourceBook,
    StoryDraft,
    fence_sources,
    fence_written,
    keep_known_citations,
    scrub_draft,
    written_note,
)
from guancha.write.extractive import (
    clean_title,
    paper_fields,
    write_paper_extractive,
    write_story_extractive,
)

if TYPE_CHECKING:
    from guancha.context import RunContext
    from guancha.models import Model

WRITER = "llm"
PROMPT_NAMES = ("system", "story", "papers", "implications", "heuristics")
# Every string is bounded (items of lists too): llama.cpp grammars for small local models need finite shapes.
Label = Annotated[str, Field(max_length=8, description="a source label such as S3")]
Tag = Annotated[str, Field(max_length=40)]


# --------------------------------------------------------------------------- output types (bounded)


class ParagraphOut(BaseModel):
    text: str = Field(max_length=1000, description="prose with [S1]-style citations")
    citations: list[Label] = Field(default_factory=list, max_length=6, description="labels cited, e.g. S1")


class StoryOut(BaseModel):
    headline: str = Field(max_length=160)
    subtitle: str = Field(max_length=140)
    paragraphs: list[ParagraphOut] = Field(max_length=4)


class PaperWhy(BaseModel):
    label: str = Field(max_length=8)
    why: str = Field(max_length=500)


class PapersOut(BaseModel):
    papers: list[PaperWhy] = Field(max_length=6)


class ImplicationsOut(BaseModel):
    paragraphs: list[ParagraphOut] = Field(max_length=3)


class BoundedProposal(HeuristicProposal):
    """The knowledge base's model-facing heuristic, with its domain tags bounded too."""

    domain: list[Tag] = Field(max_length=6, description="1-6 short topic tags")


class HeuristicsOut(BaseModel):
    heuristics: list[BoundedProposal] = Field(max_length=4)


# --------------------------------------------------------------------------- prompts


def prompt_dirs(spec_path: Path | None, watcher_id: str) -> list[Path]:
    """Where a watcher's prompt overrides may live, most specific first."""
    if spec_path is None:
        return []
    base = spec_path.parent / "prompts"
    return [base / watcher_id, base]


def load_prompt(name: str, overrides: Sequence[Path]) -> str:
    """A prompt template: the watcher's override if present, else the packaged one."""
    for directory in overrides:
        candidate = directory / f"{name}.md"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return (resources.files("guancha.write") / "prompts" / f"{name}.md").read_text(encoding="utf-8")


_ENV = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render_prompt(name: str, overrides: Sequence[Path], **values: Any) -> str:
    try:
        return _ENV.from_string(load_prompt(name, overrides)).render(**values)
    except jinja2.TemplateError as exc:
        where = next((d / f"{name}.md" for d in overrides if (d / f"{name}.md").is_file()), None)
        raise ConfigError(f"prompt template {name}.md cannot be rendered: {exc}", path=where,
                          fix="fix the template; available names: title, description, date, labels, sources, "
                              "stories, number, min_words, max_words, citations, min_paragraphs, max_paragraphs, "
                              "min_heuristics, max_heuristics, instructions, story") from exc


# --------------------------------------------------------------------------- helpers


def _clean_line(text: str) -> str:
    text = strip_urls(" ".join(text.split()))
    text = CITE_RE.sub("", text)
    return text.strip(" —–-:\"'")


def paragraph_text(p: ParagraphOut, allowed: set[str], seen: set[str]) -> tuple[str, list[str]]:
    """Inline citations kept (unknown ones dropped); a paragraph without any gets its listed ones appended;
    sentences already in the report are removed."""
    text = " ".join(p.text.split())
    if not CITE_RE.search(text) and p.citations:
        marks = "".join(f"[{c.strip().strip('[]').upper()}]" for c in p.citations if c.strip())
        text = text.rstrip(".") + f" {marks}." if text else ""
    text, dropped = keep_known_citations(text, allowed)
    kept = []
    for sentence in split_sentences(text):
        key = normalise_sentence(CITE_RE.sub("", sentence))
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(sentence)
    return " ".join(kept), dropped


def _source_chars(ctx: RunContext) -> int:
    """How much source text fits one call: small local contexts get less."""
    if (ctx.model or "").startswith("local:"):
        n_ctx = ctx.workspace.settings.models.local.n_ctx
        return max(1200, n_ctx - 2000)
    return 24000


def _max_tokens(ctx: RunContext, large: int) -> int:
    """Output budget per call; an in-process model gets a quarter of it (its context and speed are small)."""
    return max(200, large // 4) if (ctx.model or "").startswith("local:") else large


def get_writer_model(ctx: RunContext) -> Model:
    from guancha.models import CallContext, get_model

    if ctx.model_factory is not None:
        return ctx.model_factory(ctx)
    assert ctx.model is not None
    return get_model(ctx.model, settings=ctx.workspace.settings, db=ctx.db,
                     context=CallContext(run_id=ctx.run.id, watcher_id=ctx.spec.id, stage="write",
                                         budget=ctx.spec.budget))


def _seen_from(stories: Sequence[StoryDraft]) -> set[str]:
    seen: set[str] = set()
    for s in stories:
        for p in s.paragraphs:
            seen.update(normalise_sentence(CITE_RE.sub("", x)) for x in split_sentences(p))
    return seen


# --------------------------------------------------------------------------- the writer


def write_llm(ctx: RunContext, book: SourceBook, emojis: Sequence[str]) -> Draft:
    """Write the draft with the run's model, persisting each unit; resumes from persisted units."""
    from guancha.models import BudgetExceeded, Message, ModelError, ModelOutputError
    from guancha.select import topic_text

    spec = ctx.spec
    overrides = prompt_dirs(ctx.spec_path, spec.id)
    model = get_writer_model(ctx)
    system = render_prompt("system", overrides, title=spec.title, description=spec.description or spec.title)
    topic_vec = embed([topic_text(spec)])[0]
    done = store.load_items(ctx.db, ctx.run.id, "write")
    notes: list[str] = []
    dropped_all: list[str] = []
    budget_spent: str | None = None
    chars = _source_chars(ctx)

    calls = 0

    def call(prompt: str, output_type: type[BaseModel], max_tokens: int) -> Any:
        nonlocal calls
        calls += 1
        what = output_type.__name__.removesuffix("Out").lower()
        ctx.progress("write", f"model call {calls} ({what}), {len(stories)} of {len(emojis)} stories written")
        messages = [Message(role="system", content=system), Message(role="user", content=prompt)]
        return model.complete(messages, output_type, max_tokens=_max_tokens(ctx, max_tokens), temperature=0.0)

    def fallback_reason(exc: Exception) -> str:
        nonlocal budget_spent
        if isinstance(exc, BudgetExceeded):
            budget_spent = f"the model budget was spent ({exc.message})"
            return budget_spent
        if isinstance(exc, ModelOutputError):
            # deterministic: asking again gives the same unusable answer, so this part is written without it
            return "the model's answer did not fit the required structure"
        if ctx.on_model_error == "fallback":
            return f"the model failed: {exc}".split("\n")[0]
        raise exc

    stories: list[StoryDraft] = []
    for i, emoji in enumerate(emojis):
        key = f"story-{i}"
        if key in done:
            stories.append(StoryDraft.model_validate(done[key]))
            continue
        seen = _seen_from(stories)
        sources = book.for_story(i)
        allowed = {s.label for s in sources}
        t0 = time.monotonic()
        story: StoryDraft | None = None
        reason = budget_spent
        if reason is None:
            prompt = render_prompt(
                "story", overrides, title=spec.title, description=spec.description, date=ctx.report_date.isoformat(),
                number=i + 1, labels=", ".join(sorted(allowed, key=lambda x: int(x[1:]))),
                sources=fence_sources(sources, max_chars=max(400, chars // max(1, len(sources)))),
                min_words=spec.report.story_words.min, max_words=spec.report.story_words.max,
                citations=min(spec.report.citations_per_story, len(sources)), min_paragraphs=3, max_paragraphs=4,
            )
            try:
                out: StoryOut = call(prompt, StoryOut, 1600).output
                story = story_from_answer(out, i, emoji, sources, allowed, seen)
                if story is None:
                    reason = "the model's answer had no new, usable prose for it"
            except ModelError as exc:
                reason = fallback_reason(exc)
        if story is None:
            story = write_story_extractive(i, emoji, sources, spec, seen, topic_vec=topic_vec, fallback_reason=reason)
        store.save_item(ctx.db, ctx.run.id, "write", key, story.model_dump(mode="json"), elapsed_ms=_ms(t0))
        stories.append(story)
        ctx.progress("write", f"story {i + 1}/{len(emojis)} ({story.writer}): {story.headline}")
    for s in stories:
        dropped_all.extend(s.dropped_citations)
        if s.fallback_reason and s.writer != WRITER:
            notes.append(f"Story {s.index + 1} was written extractively because {s.fallback_reason}.")

    # papers
    seen = _seen_from(stories)
    paper_sources = book.papers()
    if "papers" in done:
        papers = [PaperDraft.model_validate(p) for p in done["papers"]["papers"]]
    else:
        t0 = time.monotonic()
        papers = [write_paper_extractive(p, topic_vec, set(seen)) for p in paper_sources]
        if paper_sources and budget_spent is None:
            labels = [p.label for p in paper_sources]
            prompt = render_prompt("papers", overrides, title=spec.title, description=spec.description,
                                   date=ctx.report_date.isoformat(), labels=", ".join(labels),
                                   sources=fence_sources(paper_sources,
                                                         max_chars=max(400, chars // len(paper_sources))))
            try:
                out_p: PapersOut = call(prompt, PapersOut, 1200).output
                whys = {w.label.strip().strip("[]").upper(): w.why for w in out_p.papers}
                for n, p in enumerate(papers):
                    why = _clean_line(whys.get(p.label, ""))
                    if why and normalise_sentence(why) not in seen:
                        seen.add(normalise_sentence(why))
                        authors, affiliation = paper_fields(paper_sources[n])
                        papers[n] = p.model_copy(update={"why": why, "writer": WRITER, "authors": authors,
                                                         "affiliation": affiliation,
                                                         "title": clean_title(p.title, "")})
            except ModelError as exc:
                notes.append("Paper summaries are extractive because " + fallback_reason(exc) + ".")
        store.save_item(ctx.db, ctx.run.id, "write", "papers",
                        {"papers": [p.model_dump(mode="json") for p in papers]}, elapsed_ms=_ms(t0))

    story_labels = {lab for s in stories for lab in s.labels}
    digest = stories_digest(stories)
    # implications
    if "implications" in done:
        implications = list(done["implications"]["paragraphs"])
    else:
        t0 = time.monotonic()
        implications = []
        if stories and budget_spent is None:
            prompt = render_prompt("implications", overrides, title=spec.title, description=spec.description,
                                   date=ctx.report_date.isoformat(),
                                   labels=", ".join(sorted(story_labels, key=lambda x: int(x[1:]))), stories=digest)
            try:
                out_i: ImplicationsOut = call(prompt, ImplicationsOut, 1200).output
                for para in out_i.paragraphs:
                    text, dropped = paragraph_text(para, story_labels, seen)
                    dropped_all.extend(dropped)
                    if text:
                        implications.append(text)
            except ModelError as exc:
                notes.append("No implications: " + fallback_reason(exc) + ".")
        store.save_item(ctx.db, ctx.run.id, "write", "implications", {"paragraphs": implications},
                        elapsed_ms=_ms(t0))

    # heuristics
    if "heuristics" in done:
        heuristics = list(done["heuristics"]["heuristics"])
    else:
        t0 = time.monotonic()
        heuristics = []
        if stories and budget_spent is None:
            prompt = render_prompt("heuristics", overrides, title=spec.title, description=spec.description,
                                   date=ctx.report_date.isoformat(), min_heuristics=spec.report.heuristics.min,
                                   max_heuristics=spec.report.heuristics.max, stories=digest,
                                   labels=", ".join(sorted(story_labels)))
            try:
                out_h: HeuristicsOut = call(prompt, HeuristicsOut, 2000).output
                from guancha.write.render import report_title

                ids: set[str] = set()
                for proposal in out_h.heuristics[: spec.report.heuristics.max]:
                    try:
                        h = proposal.to_heuristic(report=report_title(spec, ctx.report_date), date=ctx.report_date,
                                                  extracted_by=ctx.model)
                    except ValidationError:
                        continue
                    if h.id in ids:
                        continue
                    ids.add(h.id)
                    heuristics.append(h.model_dump(mode="json"))
            except ModelError as exc:
                notes.append("No heuristics: " + fallback_reason(exc) + ".")
        store.save_item(ctx.db, ctx.run.id, "write", "heuristics", {"heuristics": heuristics}, elapsed_ms=_ms(t0))
    if budget_spent:
        notes.append(f"Parts of this report are extractive: {budget_spent}.")
    draft = Draft(stories=stories, papers=papers, implications=implications, heuristics=heuristics,
                  notes=list(dict.fromkeys(notes)), writer=WRITER, model=ctx.model, dropped_citations=dropped_all)
    return scrub_draft(draft, book)


def story_from_answer(out: StoryOut, index: int, emoji: str, sources: Sequence[Any], allowed: set[str],
                seen: set[str]) -> StoryDraft | None:
    """A StoryDraft from the model's answer, or None when it has no usable prose (then: extractive)."""
    local_seen = set(seen)
    paragraphs: list[str] = []
    dropped: list[str] = []
    for p in out.paragraphs:
        text, d = paragraph_text(p, allowed, local_seen)
        dropped.extend(d)
        if text:
            paragraphs.append(text)
    headline = _clean_line(out.headline)
    if not paragraphs or not headline:
        return None
    seen.update(local_seen)
    subtitle = _clean_line(out.subtitle)
    if normalise_sentence(subtitle) == normalise_sentence(headline):
        subtitle = ""
    return StoryDraft(index=index, emoji=emoji, headline=headline, subtitle=subtitle, paragraphs=paragraphs,
                      labels=[s.label for s in sources], writer=WRITER, dropped_citations=dropped)


def stories_digest(stories: Sequence[StoryDraft]) -> str:
    """Today's stories as the implications and heuristics prompts see them (already-written, cited prose)."""
    parts = [written_note("STORY")]
    for s in stories:
        body = "\n".join(s.paragraphs)
        parts.append(fence_written("STORY", str(s.index + 1), f"{s.headline} — {s.subtitle}\n{body}"))
    return "\n\n".join(parts)


def _ms(t0: float) -> int:
    return int((time.monotonic() - t0) * 1000)
