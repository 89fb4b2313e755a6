"""The check/revise loop of a run: check the rendered report, revise only what failed, re-render, re-check.

It stops when a version passes (no error findings and, when a judge model is configured, a rubric total
at or above the spec's ship threshold) or after the spec's ``max_iterations``, and keeps the best version.
A report whose kept version still fails a gate is held: never finalised, never ledgered, never published,
until a person approves it (``guancha approve RUN --why``). Every iteration is stored with its findings,
scores, what the next revision targeted and what it changed.

Revision is targeted: the failing stories or sections get the findings (and, for a low score, the weakest
metrics) as instructions; low stakes or synthesis triggers a "reframe" pass. The model writer revises with
its model; the extractive writer can only select and trim (drop unsupported or repeated sentences, trim
to length, drop a story with nothing left).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from guancha.check import CheckContext, check_view, run_rules
from guancha.check.findings import CheckResult
from guancha.check.grounding import RunEvidence, evidence_for_articles, evidence_for_collection
from guancha.check.rubric import METRIC_GUIDE, RubricScore, judge_report
from guancha.check.text import (
    extract_figures,
    figures_needing_support,
    normalise_for_match,
    split_sentences,
    word_count,
)
from guancha.check.view import load_view
from guancha.collect.urls import page_key
from guancha.spec import WatcherSpec
from guancha.store import checks as cstore
from guancha.store import runs as rstore
from guancha.write.base import (
    CITE_RE,
    Draft,
    SourceBook,
    StoryDraft,
    cited_labels,
    fence_sources,
    fence_written,
    written_note,
)
from guancha.write.render import RenderedReport, to_json
from guancha.write.stage import render_draft

if TYPE_CHECKING:
    from guancha.context import RunContext
    from guancha.select import Selection

# Rules a revision of a story can fix; findings of other rules (title, TOC, counts) are the renderer's.
STORY_RULES = {
    "story-words", "citations-per-story", "grounding-number", "grounding-quote", "link-fabricated",
    "link-placeholder", "source-reuse", "source-freshness", "hygiene-narration", "hygiene-tool-output",
    "hygiene-config-comment", "hygiene-self-score", "encoding-mojibake", "style-banned", "repetition",
    "duplicate-paragraph", "templated-stories", "headline-format",
}


class CheckOutcome(BaseModel):
    """The check stage's persisted output: the verdict and the kept version."""

    status: Literal["passed", "held"]
    best_iteration: int
    iterations: int
    reason: str
    errors: int
    score: float | None = None
    rendered: RenderedReport
    draft: Draft


@dataclass
class RevisionPlan:
    """What the next revision rewrites and why."""

    stories: dict[int, list[str]] = field(default_factory=dict)  # draft position -> instructions
    implications: list[str] = field(default_factory=list)
    heuristics: list[str] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)
    reframe: bool = False

    @property
    def empty(self) -> bool:
        return not (self.stories or self.implications or self.heuristics)

    def targets(self) -> list[str]:
        out = [f"story {i + 1}" for i in sorted(self.stories)]
        if self.implications:
            out.append("implications")
        if self.heuristics:
            out.append("heuristics")
        return out


def plan_revision(result: CheckResult, score: RubricScore | None, draft: Draft, *, can_rewrite: bool) -> RevisionPlan:
    """Turn failing gates and weak metrics into targeted instructions."""
    plan = RevisionPlan()
    for f in result.errors:
        if f.location.story is not None and f.rule in STORY_RULES and 1 <= f.location.story <= len(draft.stories):
            plan.stories.setdefault(f.location.story - 1, []).append(f"[{f.rule}] {f.message}")
        elif f.rule == "section-implications" and can_rewrite:
            plan.implications.append(f"[{f.rule}] {f.message}")
        elif f.rule.startswith("heuristics-"):
            plan.heuristics.append(f"[{f.rule}] {f.message}")
    if score is not None and not score.passed and can_rewrite:
        weakest = score.weakest(3)
        plan.weakest = [f"{METRIC_GUIDE[m.metric][0]} {m.score}/10: {m.reason}" for m in weakest]
        plan.reframe = score.needs_reframe()
        if plan.reframe:
            instruction = ("Reframe: open with the stakes (who gains, who loses, what decision changes), cut any "
                           "sentence that does not serve that argument, and connect it to the other stories.")
        else:
            instruction = "Strengthen: " + "; ".join(f"{METRIC_GUIDE[m.metric][0]} — {METRIC_GUIDE[m.metric][1]}"
                                                    for m in weakest)
        for i in range(len(draft.stories)):
            plan.stories.setdefault(i, []).extend([instruction, *plan.weakest])
        if plan.reframe and draft.implications:
            plan.implications.append(instruction)
    return plan


# --------------------------------------------------------------------------- revisers


def _labels_text(book: SourceBook, labels: list[str]) -> list[str]:
    out = []
    for label in labels:
        src = book.get(label)
        if src is not None:
            out.append(f"{src.title}\n{src.text}")
    return out


def _unsupported_figure(sentence: str, sources: list[str], year: int | None) -> bool:
    figs = figures_needing_support(CITE_RE.sub("", sentence), report_year=year)
    if not figs:
        return False
    pool = [f for s in sources for f in extract_figures(s, include_words=True)]
    return any(not any(fig.matches(p) for p in pool) for fig in figs)


class ExtractiveReviser:
    """The extractive writer's revision: it can only select and trim, never write new prose."""

    name = "extractive"
    can_rewrite = False

    def __init__(self, spec: WatcherSpec, report_date: dt.date | None) -> None:
        self.spec = spec
        self.year = report_date.year if report_date else None
        names = [n for n in spec.checks.forbidden_names if n.strip()]
        self.forbidden = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None

    def revise(self, draft: Draft, book: SourceBook, plan: RevisionPlan) -> tuple[Draft, list[str]]:
        stories: list[StoryDraft] = []
        changes: list[str] = []
        seen: set[str] = set()
        limit = self.spec.report.story_words.max
        for pos, story in enumerate(draft.stories):
            if pos not in plan.stories:
                for p in story.paragraphs:
                    seen.update(normalise_for_match(CITE_RE.sub("", s)) for s in split_sentences(p))
                stories.append(story)
                continue
            kept_paragraphs: list[str] = []
            dropped = 0
            words = 0
            for para in story.paragraphs:
                para_labels = cited_labels(para)
                kept: list[str] = []
                for sentence in split_sentences(para):
                    key = normalise_for_match(CITE_RE.sub("", sentence))
                    labels = cited_labels(sentence) or para_labels or story.labels
                    bad = (
                        key in seen
                        or _unsupported_figure(sentence, _labels_text(book, labels), self.year)
                        or (self.forbidden is not None and self.forbidden.search(sentence) is not None)
                        or words + word_count(CITE_RE.sub("", sentence)) > limit
                    )
                    if bad:
                        dropped += 1
                        if kept and not cited_labels(kept[-1]):
                            kept[-1] = _with_citations(kept[-1], sentence)
                        continue
                    seen.add(key)
                    words += word_count(CITE_RE.sub("", sentence))
                    kept.append(sentence)
                if kept:
                    kept_paragraphs.append(" ".join(kept))
            if kept_paragraphs:
                stories.append(story.model_copy(update={"paragraphs": kept_paragraphs}))
                changes.append(f"story {pos + 1}: trimmed {dropped} sentence(s) (unsupported, repeated or over length)")
            else:
                changes.append(f"story {pos + 1}: dropped (nothing left after trimming)")
        heuristics = draft.heuristics
        if plan.heuristics:
            heuristics, note = _valid_heuristics(draft.heuristics)
            changes.extend(note)
        return draft.model_copy(update={"stories": stories, "heuristics": heuristics}), changes


def _with_citations(kept: str, dropped: str) -> str:
    """``kept`` citing what ``dropped`` cited. A writer cites a run of sentences from one source once, after the
    last of them: dropping that last sentence left the run before it uncited (and the grounding gate then held
    the report for figures "not in the cited source")."""
    marks = "".join(m.group(0) for m in CITE_RE.finditer(dropped))
    if not marks:
        return kept
    body = kept.rstrip()
    end = len(body)
    while end > 0 and body[end - 1] in '.!?"\u201d\u2019)':
        end -= 1
    return f"{body[:end]} {marks}{body[end:]}"


def _valid_heuristics(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Keep only heuristics that validate against the knowledge-base schema."""
    from pydantic import ValidationError

    from guancha.knowledge.schema import Heuristic

    kept, notes = [], []
    for entry in entries:
        try:
            Heuristic.model_validate({k: v for k, v in entry.items() if k in Heuristic.model_fields})
        except ValidationError as exc:
            notes.append(f"heuristics: dropped {entry.get('id', '?')!r} ({exc.errors()[0]['msg']})")
            continue
        kept.append(entry)
    return kept, notes


class LlmReviser:
    """The model writer's revision: one structured call per failing story (and the implications)."""

    name = "llm"
    can_rewrite = True

    def __init__(self, ctx: RunContext, model: Any) -> None:
        from guancha.write.llm import prompt_dirs

        self.ctx = ctx
        self.overrides = prompt_dirs(ctx.spec_path, ctx.spec.id)  # revision prompts honour them like the rest
        self.model = model
        self.fallback = ExtractiveReviser(ctx.spec, ctx.report_date)

    def _call(self, prompt: str, output_type: type[BaseModel], max_tokens: int) -> Any:
        from guancha.models import Message
        from guancha.write.llm import render_prompt

        system = render_prompt("system", self.overrides, title=self.ctx.spec.title,
                               description=self.ctx.spec.description or self.ctx.spec.title)
        messages = [Message(role="system", content=system), Message(role="user", content=prompt)]
        self.ctx.progress("check", f"model call: revising ({output_type.__name__.removesuffix('Out').lower()})")
        return self.model.complete(messages, output_type, max_tokens=max_tokens, temperature=0.0).output

    def revise(self, draft: Draft, book: SourceBook, plan: RevisionPlan) -> tuple[Draft, list[str]]:
        from guancha.models import ModelError
        from guancha.textutil import normalise_sentence
        from guancha.write.llm import (
            ImplicationsOut,
            StoryOut,
            paragraph_text,
            render_prompt,
            stories_digest,
            story_from_answer,
        )

        spec = self.ctx.spec
        stories = list(draft.stories)
        changes: list[str] = []
        failed: dict[int, list[str]] = {}
        for pos in sorted(plan.stories):
            story = stories[pos]
            seen = {normalise_sentence(CITE_RE.sub("", s)) for other in stories if other is not story
                    for p in other.paragraphs for s in split_sentences(p)}
            sources = book.for_story(story.index)
            allowed = {s.label for s in sources}
            prompt = render_prompt(
                "revise_story", self.overrides, number=pos + 1, date=self.ctx.report_date.isoformat(),
                instructions="\n".join(f"- {i}" for i in plan.stories[pos]),
                story=written_note("STORY") + "\n\n" + fence_written(
                    "STORY", str(pos + 1), f"{story.headline} — {story.subtitle}\n\n" + "\n\n".join(story.paragraphs)),
                min_words=spec.report.story_words.min, max_words=spec.report.story_words.max,
                labels=", ".join(sorted(allowed, key=lambda x: int(x[1:]))), sources=fence_sources(sources, max_chars=3000),
            )
            try:
                out: StoryOut = self._call(prompt, StoryOut, 1600)
            except ModelError as exc:
                failed[pos] = plan.stories[pos]
                changes.append(f"story {pos + 1}: revision failed ({str(exc).splitlines()[0]}); trimmed instead")
                continue
            new = story_from_answer(out, story.index, story.emoji, sources, allowed, seen)
            if new is None:
                failed[pos] = plan.stories[pos]
                changes.append(f"story {pos + 1}: the revision had no usable prose; trimmed instead")
                continue
            before, after = word_count(" ".join(story.paragraphs)), word_count(" ".join(new.paragraphs))
            stories[pos] = new
            changes.append(f"story {pos + 1}: rewritten ({before} -> {after} words) for "
                           + ", ".join(sorted({i[1:].split(']')[0] for i in plan.stories[pos] if i.startswith('[')}) or
                                       {"the rubric"}))
        implications = list(draft.implications)
        if plan.implications:
            labels = sorted({lab for s in stories for lab in s.labels}, key=lambda x: int(x[1:]))
            prompt = render_prompt("revise_implications", self.overrides, date=self.ctx.report_date.isoformat(),
                                                       instructions="; ".join(plan.implications),
                                                       stories=stories_digest(stories), labels=", ".join(labels))
            try:
                out_i: ImplicationsOut = self._call(prompt, ImplicationsOut, 1200)
                seen_all = {normalise_sentence(CITE_RE.sub("", s)) for st in stories for p in st.paragraphs
                            for s in split_sentences(p)}
                new_paras = [t for t, _ in (paragraph_text(p, set(labels), seen_all) for p in out_i.paragraphs) if t]
                if new_paras:
                    implications = new_paras
                    changes.append(f"implications: rewritten ({len(new_paras)} paragraph(s))")
            except ModelError as exc:
                changes.append(f"implications: revision failed ({str(exc).splitlines()[0]})")
        revised = draft.model_copy(update={"stories": stories, "implications": implications})
        if failed or plan.heuristics:
            trim_plan = RevisionPlan(stories=failed, heuristics=plan.heuristics)
            revised, trim_changes = self.fallback.revise(revised, book, trim_plan)
            changes.extend(c for c in trim_changes if not c.endswith("trimmed 0 sentence(s) (unsupported, repeated or over length)"))
        return revised, changes


# --------------------------------------------------------------------------- checking a rendered report


# What the HTML rendering is checked for as well: what a template or renderer could add on its own.
HTML_RULES = ("link-placeholder", "link-fabricated", "grounding-citation", "hygiene-narration", "hygiene-tool-output",
              "hygiene-config-comment", "hygiene-self-score", "encoding-mojibake")


def check_markdown(markdown: str, spec: WatcherSpec, *, evidence: RunEvidence | None = None,
                   earlier_urls: dict[str, str] | None = None, filename: str = "report.md",
                   html: str | None = None) -> CheckResult:
    """The gates over one rendered report, with this watcher's thresholds (and a run's evidence). With
    ``html``, the HTML rendering is also checked for links and hygiene; its findings say "(HTML)"."""
    view = load_view(markdown, filename=filename)
    result = check_view(view, shape=spec.report, checks=spec.checks, window_hours=spec.window_hours,
                        watcher_title=spec.title, earlier_urls=earlier_urls, run=evidence)
    if html is not None:
        ctx = CheckContext(doc=load_view(html, filename="report.html"), shape=spec.report, checks=spec.checks,
                           window_hours=spec.window_hours, watcher_title=spec.title,
                           earlier_urls=earlier_urls or {}, run=evidence)
        seen = {(f.rule, f.message) for f in result.findings}
        for f in run_rules(ctx, only=HTML_RULES).findings:
            if (f.rule, f.message) not in seen:
                seen.add((f.rule, f.message))
                result.findings.append(replace(f, message=f"(HTML) {f.message}"))
    return result


def run_evidence(ctx: RunContext, book: SourceBook, collection_id: str | None) -> RunEvidence:
    """What this run collected: the collection's articles plus everything handed to the writer."""
    as_of = ctx.as_of
    window = ctx.spec.window_hours
    ev = evidence_for_collection(ctx.db, collection_id) if collection_id else RunEvidence(as_of=as_of,
                                                                                          window_hours=window)
    ev.as_of, ev.window_hours = as_of, window
    extra = evidence_for_articles(ctx.db, [s.article_id for s in book.sources], as_of=as_of, window_hours=window)
    for key, art in extra.articles.items():
        ev.articles.setdefault(key, art)
    return ev


def earlier_url_map(db: Any, watcher_id: str, report_date: str | None) -> dict[str, str]:
    """URLs the watcher's reports of earlier dates cited, with where (for the source-reuse gate)."""
    return {page_key(u): f"the report of {d}"
            for u, _, d in cstore.earlier_urls(db, watcher_id, before_date=report_date)}


def _judge_model(ctx: RunContext) -> Any | None:
    name = ctx.spec.models.judge
    if not name:
        return None
    from guancha.models import CallContext, get_model

    return get_model(name, settings=ctx.workspace.settings, db=ctx.db,
                     context=CallContext(run_id=ctx.run.id, watcher_id=ctx.spec.id, stage="check",
                                         budget=ctx.spec.budget))


def _reviser(ctx: RunContext) -> ExtractiveReviser | LlmReviser:
    if ctx.writer != "llm":
        return ExtractiveReviser(ctx.spec, ctx.report_date)
    from guancha.models import CallContext, get_model

    if ctx.model_factory is not None:
        model = ctx.model_factory(ctx)
    elif ctx.model:
        model = get_model(ctx.model, settings=ctx.workspace.settings, db=ctx.db,
                          context=CallContext(run_id=ctx.run.id, watcher_id=ctx.spec.id, stage="revise",
                                              budget=ctx.spec.budget))
    else:
        return ExtractiveReviser(ctx.spec, ctx.report_date)
    return LlmReviser(ctx, model)


@dataclass
class _Version:
    iteration: int
    rendered: RenderedReport
    draft: Draft
    result: CheckResult
    score: RubricScore | None
    passed: bool

    def rank(self) -> tuple[int, int, float, int, int]:
        return (int(self.passed), -len(self.result.errors), self.score.total if self.score else 0.0,
                -len(self.result.warnings), self.iteration)


def stage_check(ctx: RunContext, selection: Selection, book: SourceBook, draft: Draft,
                collection_id: str | None) -> CheckOutcome:
    """Check, revise what failed, re-render, re-check; keep the best version; pass it or hold it."""
    from guancha.models import ModelError

    spec = ctx.spec
    db = ctx.db
    evidence = run_evidence(ctx, book, collection_id)
    earlier = earlier_url_map(db, spec.id, ctx.run.report_date)
    judge = _judge_model(ctx)
    reviser = _reviser(ctx)
    versions: list[_Version] = []
    changes: list[str] = []
    judge_error: str | None = None
    for iteration in range(spec.checks.max_iterations):
        rendered = render_draft(ctx, selection, book, draft)
        result = check_markdown(rendered.markdown, spec, evidence=evidence, earlier_urls=earlier, html=rendered.html)
        score: RubricScore | None = None
        if judge is not None:
            try:
                score = judge_report(judge, rendered.markdown, spec.checks, max_chars=spec.checks.judge_max_chars)
            except ModelError as exc:
                judge_error = str(exc).splitlines()[0]
        passed = result.passed and (judge is None or (score is not None and score.passed))
        version = _Version(iteration, rendered, draft, result, score, passed)
        versions.append(version)
        plan = plan_revision(result, score, draft, can_rewrite=reviser.can_rewrite)
        if passed:
            action = "stop-passed"
        elif judge is not None and score is None:
            action = "stop-judge-failed"
        elif iteration + 1 >= spec.checks.max_iterations:
            action = "stop-limit"
        elif plan.empty:
            action = "stop-stuck"
        else:
            action = "reframe" if plan.reframe else "revise"
        _save(db, ctx.run.id, version, action, plan.targets() if not action.startswith("stop") else [], changes)
        ctx.progress("check", f"iteration {iteration}: {len(result.errors)} error(s)"
                     + (f", score {score.total:g}/{score.max_score:g}" if score else "") + f" -> {action}")
        if action.startswith("stop"):
            break
        new_draft, changes = reviser.revise(draft, book, plan)
        if new_draft == draft:
            cstore.set_action(db, ctx.run.id, iteration, "stop-stuck", [])
            break
        draft = new_draft
    cstore.drop_iterations_after(db, ctx.run.id, versions[-1].iteration)
    best = max(versions, key=_Version.rank)
    if best.passed:
        status: Literal["passed", "held"] = "passed"
        reason = f"iteration {best.iteration} passed"
    else:
        status = "held"
        reason = _hold_reason(best, judge_error, spec)
    rstore.save_report(db, run=ctx.run, title=best.rendered.title, markdown=best.rendered.markdown,
                       html=best.rendered.html, json_text=to_json(best.rendered), citations=best.rendered.citation_rows())
    cstore.set_outcome(db, ctx.run.id, status=status, best_iteration=best.iteration, reason=reason)
    return CheckOutcome(status=status, best_iteration=best.iteration, iterations=len(versions), reason=reason,
                        errors=len(best.result.errors), score=best.score.total if best.score else None,
                        rendered=best.rendered, draft=best.draft)


def _hold_reason(best: _Version, judge_error: str | None, spec: WatcherSpec) -> str:
    parts = []
    if best.result.errors:
        rules = sorted({f.rule for f in best.result.errors})
        parts.append(f"{len(best.result.errors)} error finding(s): {', '.join(rules)}")
    if judge_error:
        parts.append(f"the judge model failed ({judge_error})")
    elif best.score is not None and not best.score.passed:
        parts.append(f"rubric {best.score.total:g} below the ship threshold {spec.checks.ship_threshold:g}")
    return "held: " + "; ".join(parts)


def _save(db: Any, run_id: str, v: _Version, action: str, targets: list[str], changes: list[str]) -> None:
    findings = [cstore.FindingRow(f.rule, f.severity, f.location.section, f.location.story, f.location.line,
                                  f.message) for f in v.result.findings]
    scores = ([cstore.ScoreRow(m.metric, m.score, m.weight, m.reason, v.score.judge) for m in v.score.metrics]
              if v.score else [])
    cstore.save_iteration(
        db, run_id=run_id, iteration=v.iteration, findings=findings, scores=scores,
        score=v.score.total if v.score else None, max_score=v.score.max_score if v.score else None,
        threshold=v.score.threshold if v.score else None, passed=v.passed, action=action, targets=targets,
        changes=changes, markdown=v.rendered.markdown, draft_json=v.draft.model_dump_json(),
    )


__all__ = [
    "CheckOutcome",
    "ExtractiveReviser",
    "LlmReviser",
    "RevisionPlan",
    "check_markdown",
    "plan_revision",
    "stage_check",
]
