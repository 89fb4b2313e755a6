"""The monitor's candidate stage (no model): quality on the battery-materials sample, and speed at scale.

    python benchmarks/bench_monitor.py [--quick]

1. Candidate precision and recall on tests/samples/battery-materials-2026-10-20: the sample is served on
   loopback and collected into a fresh workspace; the window's articles are tested against the sample's
   heuristics.yaml. A found (heuristic, page) pair is right when monitor.yaml lists it as evidence; recall
   is over the pairs it lists. Also: how often the proposed kind (breaks/supports) matches the truth, and
   whether any decoy (same names, no bearing) or another domain's heuristic produced a candidate.
2. Time per heuristic per article at 1,000 heuristics x 200 articles, and how it grows with both:
   synthetic articles (15 sentences, made-up company names, figures) and heuristics (breaks_when and when
   naming some of the same companies), so the name index really has work to do. Embedding time included.

Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guancha.knowledge.monitor import MonitoredArticle, WatchedHeuristic, find_candidates, watcher_tags
from guancha.knowledge.schema import Heuristic
from guancha.textutil import embed


def quality() -> None:
    from tests.monitor_sample import (
        WATCHER,
        collected_articles,
        monitor_truth,
        sample_workspace,
        seed_heuristics,
    )

    with tempfile.TemporaryDirectory() as tmp, sample_workspace(Path(tmp) / "ws", seed=False) as (ws, base):
        articles = collected_articles(ws)
        spec, _ = ws.watcher(WATCHER)
        truth = monitor_truth()
        watched = [WatchedHeuristic(h, owner) for h, owner in seed_heuristics()]
        t0 = time.perf_counter()
        found = find_candidates(spec.id, watcher_tags(spec.id, spec.keywords, spec.title), watched, articles)
        elapsed = time.perf_counter() - t0
    pairs = {(c.heuristic_id, c.url[len(base):]): c for c in found}
    right = [p for p in pairs if p in truth.evidence]
    precision = len(right) / len(pairs) if pairs else 1.0
    recall = len(right) / len(truth.evidence) if truth.evidence else 1.0
    kind_ok = sum(1 for p in right if pairs[p].proposed == truth.evidence[p])
    decoys = len(truth.decoys & set(pairs))
    foreign = sum(1 for h, _ in pairs if h in truth.not_watched)
    print(f"sample battery-materials: {len(articles)} in-window articles, {len(watched)} heuristics "
          f"({len(truth.evidence)} bearing pairs, {len(truth.decoys)} decoy pairs)")
    print(f"  candidates {len(pairs)}  precision {precision:.2f}  recall {recall:.2f}  "
          f"decoys taken {decoys}  other-domain candidates {foreign}  ({elapsed * 1000:.0f} ms)")
    print(f"  proposed kind right {kind_ok}/{len(right)} (static embeddings do not read negation: the judge or a "
          "person decides the kind)")
    for (hid, page), c in sorted(pairs.items()):
        mark = truth.evidence.get((hid, page), "WRONG")
        print(f"    {mark:8} {c.proposed:8} cos {c.cosine:.2f} score {c.score:.2f}  {hid}  {page}")


SYLLABLES = ["ka", "ro", "vel", "tan", "mi", "sor", "lu", "dex", "qua", "ni", "bre", "zor", "pal", "tec", "vi", "gon"]
NOUNS = ["output", "prices", "exports", "sales", "capacity", "permits", "quotas", "shipments", "orders", "margins"]
VERBS = ["rose", "fell", "doubled", "stalled", "recovered", "slipped", "jumped", "held steady"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic(n_heuristics: int, n_articles: int, seed: int = 7) -> tuple[list[WatchedHeuristic], list[MonitoredArticle]]:
    rng = random.Random(seed)
    names = sorted({_name(rng) for _ in range(600)})
    places = sorted({_name(rng) + " " + rng.choice(["Basin", "Port", "Valley", "Bay"]) for _ in range(120)})
    articles = []
    for k in range(n_articles):
        sentences = []
        for _ in range(15):
            a, b = rng.sample(names, 2)
            sentences.append(f"{a} said {rng.choice(NOUNS)} at its {rng.choice(places)} site {rng.choice(VERBS)} "
                             f"by {rng.randint(2, 60)} percent, while {b} kept its plans for the year.")
        articles.append(MonitoredArticle(id=f"a{k}", url=f"https://example.org/{k}", title=f"Article {k}",
                                         text=" ".join(sentences)))
    heuristics = []
    for j in range(n_heuristics):
        a, b = rng.sample(names, 2)
        noun = rng.choice(NOUNS)
        h = Heuristic(
            id=f"h{j}", domain=["synthetic"], when=f"{a} and {b} compete for {noun} at {rng.choice(places)}",
            prefer=f"expecting {a} to keep its lead", over=f"betting on {b}", because="scale wins",
            breaks_when=f"{b} {noun} rise by more than {rng.randint(10, 50)} percent in a year",
            confidence="medium")
        heuristics.append(WatchedHeuristic(h, "synthetic"))
    return heuristics, articles


def speed(quick: bool) -> None:
    embed(["warm up the embedding model"])
    grid = [(250, 200), (500, 200), (1000, 50), (1000, 100), (1000, 200)]
    if quick:
        grid = [(250, 50), (1000, 200)]
    print("\ncandidate stage at scale (synthetic; one run each, embeddings included):")
    print(f"  {'heuristics':>10} {'articles':>8} {'sentences':>9} {'candidates':>10} {'seconds':>8} "
          f"{'us/heuristic/article':>21}")
    for n_h, n_a in grid:
        heuristics, articles = synthetic(n_h, n_a)
        t0 = time.perf_counter()
        found = find_candidates("synthetic", {"synthetic"}, heuristics, articles)
        elapsed = time.perf_counter() - t0
        print(f"  {n_h:>10} {n_a:>8} {n_a * 15:>9} {len(found):>10} {elapsed:>8.2f} "
              f"{elapsed / (n_h * n_a) * 1e6:>21.1f}")


if __name__ == "__main__":
    quality()
    speed("--quick" in sys.argv)
