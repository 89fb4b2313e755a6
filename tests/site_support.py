"""Reports for site tests and benchmarks, made the way a run makes them: the real renderer, then the real
store functions that save, finalise (with the learn stage's heuristics) or hold a report."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.schema import Heuristic
from guancha.spec import WatcherSpec
from guancha.store import Database
from guancha.store import runs as rstore
from guancha.write.base import Draft, NumberedSource, PaperDraft, SourceBook, StoryDraft
from guancha.write.render import render, to_json

WORDS = ["chip", "export", "licence", "model", "inference", "cluster", "subsidy", "regulator", "dataset", "benchmark", "fab", "wafer", "grid", "agent", "robot", "satellite", "orbit", "launch", "lab", "startup", "merger", "tariff", "court", "ruling", "standard", "token"]


def spec_for(watcher_id: str, title: str, emoji: str) -> WatcherSpec:
    return WatcherSpec.model_validate({"id": watcher_id, "title": title, "emoji": emoji,
                                       "sources": [{"feed": "https://example.org/feed.xml"}]})


def make_draft(seed: str, *, stories: int = 3, headline_words: list[str] | None = None,
               extra_text: str = "", heuristics: list[dict[str, Any]] | None = None,
               host: str = "news.example.net") -> tuple[Draft, SourceBook]:
    """A plausible draft with ``stories`` stories of two cited sources each and one paper."""
    rng = random.Random(seed)
    sources: list[NumberedSource] = []
    story_drafts: list[StoryDraft] = []
    n = 0
    for i in range(stories):
        labels = []
        for _ in range(2):
            n += 1
            label = f"S{n}"
            labels.append(label)
            sources.append(NumberedSource(
                label=label, article_id=f"{seed}-a{n}", url=f"https://{host}/{seed}/story-{n}.html",
                title=f"Story {n} about {rng.choice(WORDS)}", outlet=f"Outlet {n % 5}",
                published_at="2026-05-01T08:00:00Z", text="text", kind="article", story_index=i))
        words = headline_words if (headline_words and i == 0) else [rng.choice(WORDS) for _ in range(4)]
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)) + f". {extra_text} [{labels[0]}]",
                      " ".join(rng.choice(WORDS) for _ in range(60)) + f". [{labels[1]}]"]
        story_drafts.append(StoryDraft(index=i, emoji="🧠", headline=" ".join(words).capitalize(),
                                       subtitle=f"why {rng.choice(WORDS)} matters", paragraphs=paragraphs,
                                       labels=labels, writer="extractive"))
    n += 1
    sources.append(NumberedSource(label=f"S{n}", article_id=f"{seed}-p", url=f"https://arxiv.org/abs/2605.{n:05d}",
                                  title="A paper on inference", outlet="arXiv", published_at="2026-05-01T00:00:00Z",
                                  text="abstract", kind="paper"))
    papers = [PaperDraft(label=f"S{n}", article_id=f"{seed}-p", title="A paper on inference", authors=["A. Author"],
                         published="2026-05-01T00:00:00Z", why="It measures the cost of serving.", writer="extractive")]
    draft = Draft(stories=story_drafts, papers=papers, implications=[], heuristics=heuristics or [],
                  notes=[], writer="extractive")
    return draft, SourceBook(sources=sources)


def add_report(db: Database, spec: WatcherSpec, day: dt.date, *, version: int = 1, status: str = "finalised",
               **draft_kwargs: Any) -> str:
    """Render and store one report version; ``status`` finalised (learning its heuristics) or held."""
    rstore.ensure_watcher(db, watcher_id=spec.id, title=spec.title, spec_path=None, spec_hash="test")
    run = rstore.create_run(db, watcher_id=spec.id, report_date=day.isoformat(), version=version,
                            as_of=f"{day.isoformat()}T23:59:59Z", writer="extractive", model=None, spec_hash="test")
    draft, book = make_draft(f"{spec.id}-{day}-v{version}", **draft_kwargs)
    rendered = render(spec, day, book, draft, quiet_note=None, run_meta={"run_id": run.id, "version": version})
    rstore.save_report(db, run=run, title=rendered.title, markdown=rendered.markdown, html=rendered.html,
                       json_text=to_json(rendered), citations=rendered.citation_rows())
    if status == "held":
        rstore.hold_report(db, run=run, reason="a gate failed")
        return run.id

    def learn(cur: Any) -> None:
        kb = KnowledgeBase(db)
        for entry in rendered.data["heuristics"]:
            h = Heuristic.model_validate({k: v for k, v in entry.items() if k in Heuristic.model_fields})
            kb.record_in(cur, h, source_ref=run.id, source_date=day, source_title=rendered.title,
                         watcher_id=spec.id)

    rstore.finalise_report(db, run=run, paths={}, fingerprints=[], also=learn)
    return run.id


def heuristic(hid: str, domain: list[str], prefer: str) -> dict[str, Any]:
    return {"id": hid, "domain": domain, "when": "a ruling names a foreign buyer", "prefer": prefer,
            "over": "reading it as a one-off", "because": "the same test was applied twice",
            "breaks_when": "a deal with the same structure is approved", "confidence": "high"}
