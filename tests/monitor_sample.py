"""The battery-materials sample web for the monitor: its heuristic seed, its truth, and a collected workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.monitor import MonitoredArticle
from guancha.knowledge.schema import Heuristic
from guancha.sampleweb import serve
from guancha.workspace import Workspace, init_workspace, open_workspace

SAMPLE = Path(__file__).parent / "samples" / "battery-materials-2026-10-20"
WATCHER = "battery-materials"
DAY = dt.date(2026, 10, 20)


def seed_heuristics() -> list[tuple[Heuristic, str]]:
    """(heuristic, owning watcher) pairs from the sample's heuristics.yaml."""
    data = yaml.safe_load((SAMPLE / "heuristics.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in data["heuristics"]:
        entry = dict(entry)
        owner = entry.pop("watcher")
        out.append((Heuristic.model_validate(entry), owner))
    return out


def load_seed(ws: Workspace) -> None:
    kb = KnowledgeBase(ws.db())
    for h, owner in seed_heuristics():
        kb.record(h, source_ref=f"seed:{owner}", source_date=dt.date(2026, 9, 1), source_title="seed",
                  watcher_id=owner)


@dataclass(frozen=True)
class MonitorTruth:
    evidence: dict[tuple[str, str], str]      # (heuristic, page) -> breaks | supports
    decoys: set[tuple[str, str]]
    not_watched: set[str]


def monitor_truth() -> MonitorTruth:
    data: dict[str, Any] = yaml.safe_load((SAMPLE / "monitor.yaml").read_text(encoding="utf-8"))
    return MonitorTruth(
        evidence={(e["heuristic"], e["page"]): e["kind"] for e in data["evidence"]},
        decoys={(e["heuristic"], e["page"]) for e in data["decoys"]},
        not_watched=set(data["not_watched"]),
    )


@contextmanager
def sample_workspace(root: Path, *, seed: bool = True) -> Iterator[tuple[Workspace, str]]:
    """A workspace with the sample's watcher (and, by default, its heuristic seed), the sample served."""
    init_workspace(root)
    with serve(SAMPLE) as server:
        (root / "guancha.yaml").write_text((SAMPLE / "settings.yaml").read_text().replace("{base}", server.base))
        (root / "watchers" / f"{WATCHER}.yaml").write_text(
            (SAMPLE / "watcher.yaml").read_text().replace("{base}", server.base))
        ws = open_workspace(root)
        if seed:
            load_seed(ws)
        try:
            yield ws, server.base
        finally:
            ws.close()


def collected_articles(ws: Workspace) -> list[MonitoredArticle]:
    """Collect the sample for its day and return the in-window articles as the monitor sees them."""
    from guancha.collect import collect_watcher
    from guancha.run import default_as_of
    from guancha.select import load_window

    spec, path = ws.watcher(WATCHER)
    as_of = default_as_of(DAY)
    collect_watcher(ws, spec, spec_path=path, as_of=as_of)
    views, _ = load_window(ws.db(), spec, as_of=as_of)
    return [MonitoredArticle(id=v.id, url=v.url, title=v.title, text=v.text) for v in views]
