"""Story clustering margin on the sample webs: how far apart right and wrong merges are.

    python benchmarks/bench_select.py [SAMPLE_DIR ...]

For each sample web (and each of its days) the demo collects it into a fresh workspace, then the window's articles are grouped
exactly as selection groups them (duplicate groups, then select.similarity_matrix). Pages that
expected.yaml assigns to no story are left out. Average linkage is then run with only RIGHT merges
allowed (two clusters of the same story) until every story is one cluster:

- right-merge floor: the lowest average-linkage similarity among those merges (the threshold must
  stay below it or a story splits);
- wrong-merge ceiling: the highest average-linkage similarity at which greedy linkage would take a WRONG
  merge (two clusters of different stories) instead: at a step where it outranks every right merge
  left, or after the stories are complete (the threshold must stay above it or two stories merge);
- margin: floor - ceiling. Positive means a threshold in between reproduces the expected stories.

Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.demo import run_demo
from guancha.select import (
    MERGE_THRESHOLD,
    day_term_sets,
    load_window,
    similarity_matrix,
    story_groups,
    without_language_axes,
)
from guancha.textutil import embed, idf_weights
from guancha.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[1]


def samples() -> list[Path]:
    """The bundled sample and every sample web under tests/samples/ (as bench_eval.py finds them)."""
    found = [ROOT / "src/guancha/samples/china-ai-2026-05-02"]
    found += sorted(p for p in (ROOT / "tests/samples").iterdir() if (p / "expected.yaml").is_file())
    return found


def page_stories(sample: Path, earlier: bool = False) -> dict[str, str]:
    """URL path -> story id, syndicated copies included (the earlier day's stories when ``earlier``)."""
    truth = yaml.safe_load((sample / "expected.yaml").read_text())
    stories = (truth.get("earlier") or {}).get("stories", []) if earlier else truth["stories"]
    out = {p: st["id"] for st in stories for p in st["pages"]}
    for copy in truth.get("copies") or []:
        if copy["original"] in out:
            out[copy["path"]] = out[copy["original"]]
    return out


def sample_days(sample: Path) -> list[tuple[dt.date, bool]]:
    """(date, is the earlier day) for each day the sample scores: a two-day sample's earlier day first."""
    truth = yaml.safe_load((sample / "expected.yaml").read_text())
    days = [(dt.date.fromisoformat(str(truth["earlier"]["date"])), True)] if truth.get("earlier") else []
    return [*days, (dt.date.fromisoformat(str(truth["date"])), False)]


def margin(base: np.ndarray, labels: list[str]) -> tuple[float, float, tuple[str, str]]:
    """(right-merge floor, wrong-merge ceiling, the two stories at the ceiling) under constrained linkage."""
    clusters = [[i] for i in range(len(labels))]

    def link(x: list[int], y: list[int]) -> float:
        return float(np.mean([base[i, j] for i in x for j in y]))

    floor, ceiling, worst = 1.0, -1.0, ("", "")
    while True:
        best_right, pair = -1.0, None
        best_wrong, wrong = -1.0, ("", "")
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                sim = link(clusters[a], clusters[b])
                la, lb = labels[clusters[a][0]], labels[clusters[b][0]]
                if la == lb and sim > best_right:
                    best_right, pair = sim, (a, b)
                elif la != lb and sim > best_wrong:
                    best_wrong, wrong = sim, (la, lb)
        # greedy linkage takes a wrong merge here if it outranks every right one (or none is left)
        if best_wrong >= best_right and best_wrong > ceiling:
            ceiling, worst = best_wrong, wrong
        if pair is None:
            return floor, ceiling, worst
        floor = min(floor, best_right)
        a, b = pair
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]


def measure(sample: Path) -> list[tuple[str, float, float, tuple[str, str], int]]:
    """(day label, floor, ceiling, closest stories, groups scored) for each day of the sample."""
    out = []
    with tempfile.TemporaryDirectory(prefix="bench-select-") as tmp:
        result = run_demo(sample, workspace=Path(tmp) / "ws")
        ws = open_workspace(Path(tmp) / "ws")
        spec, _ = ws.watcher(result.watcher_id)
        for day, earlier in sample_days(sample):
            as_of = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)
            views, _ = load_window(ws.db(), spec, as_of=as_of)
            news = [a for a in views if a.kind == "article" and (a.text.strip() or a.title)]
            stories = page_stories(sample, earlier)
            vectors = without_language_axes(news, embed([a.doc for a in news]))
            term_sets = day_term_sets(news)
            idf = idf_weights(term_sets)
            groups = story_groups(news, vectors, term_sets)
            base = similarity_matrix(groups, idf)
            labels = [stories.get(urlsplit(news[g.members[0]].url).path) for g in groups]
            keep = [i for i, lab in enumerate(labels) if lab is not None]
            floor, ceiling, worst = margin(base[np.ix_(keep, keep)], [labels[i] or "" for i in keep])
            label = sample.name + (f" ({day.isoformat()})" if earlier else "")
            out.append((label, floor, ceiling, worst, len(keep)))
    return out


def main(argv: list[str]) -> None:
    print(f"merge threshold in select.py: {MERGE_THRESHOLD:.3f}")
    print(f"{'sample (day)':<48} {'groups':>6} {'floor':>7} {'ceiling':>8} {'margin':>7}  closest stories")
    rows = [row for sample in ([Path(a) for a in argv] or samples()) for row in measure(sample)]
    for label, floor, ceiling, worst, n in sorted(rows, key=lambda r: r[1] - r[2]):
        if worst == ("", ""):  # a single story: no wrong merge to compare with
            print(f"{label:<48} {n:>6} {floor:>7.3f} {'-':>8} {'-':>7}")
            continue
        print(f"{label:<48} {n:>6} {floor:>7.3f} {ceiling:>8.3f} {floor - ceiling:>7.3f}  {worst[0]} / {worst[1]}")
    rows = [r for r in rows if r[3] != ("", "")]
    low = min(r[1] for r in rows)
    high = max(r[2] for r in rows)
    print(f"minimum margin: {min(r[1] - r[2] for r in rows):.3f}; all samples together: lowest floor {low:.3f}, "
          f"highest ceiling {high:.3f}, margin {low - high:.3f}, midpoint {(low + high) / 2:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
