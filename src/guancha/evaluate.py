"""``guancha eval``: run a watcher on a labelled sample web and score what it chose against the truth.

A sample web (see ``guancha.sampleweb``) carries its truth in ``expected.yaml``. The evaluation serves the
sample on loopback, runs the watcher's full briefing as the demo does (the earlier day first, for a two-day
sample, in the same workspace), and measures:

- story clustering over the pages the truth assigns to a story (copies count with their original):
  pairwise precision/recall/F1 and B-cubed precision/recall/F1. Predicted clusters are read from the
  selection record: the chosen stories and every cluster it set aside (off-topic, repeat, below the cut);
  a story page in no cluster (not collected, or not dated inside the window) stands alone;
- story recall: expected stories that appear as exactly one story of the report, citing only that story's
  pages, out of as many as the watcher asks for;
- ranking: Kendall tau-b of the report's order against the expected order (``rank_hint``, else coverage);
- whether "a quiet day" was reported exactly when the truth has fewer stories than the watcher asks for;
- distractors cited (stale, off-topic, undated, broken, rehash pages), the injection's promoted URL or
  claim present anywhere in the briefing, papers precision and recall, and URLs cited again on the second
  day of a two-day sample; follow-up stories marked as follow-ups.

Users with their own labelled days can measure their watcher the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from guancha.demo import run_demo
from guancha.errors import ConfigError, GuanchaError
from guancha.sampleweb import ExpectedTruth, SampleWeb, StoryTruth, check_sample
from guancha.store import runs as runs_store
from guancha.workspace import open_workspace

# Exclusion reasons in the selection record that are not clusters of news (so not scored as clustering).
_NOT_CLUSTERS = ("used-url", "promoted", "off-topic paper")
_ARXIV_VERSION = re.compile(r"v\d+$")


class DayScore(BaseModel):
    """The figures for one report day of a sample."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    status: str
    pages_scored: int
    pairs_true: int              # page pairs that belong together
    pairs_predicted: int         # page pairs the watcher put together
    pairs_right: int             # both
    bcubed_precision: float
    bcubed_recall: float
    stories_wanted: int
    stories_expected: int
    stories_found: list[str]
    stories_reported: int
    kendall_tau: float | None
    quiet_reported: bool
    quiet_expected: bool
    distractors_cited: list[str]
    rehash_cited: list[str]
    injection_present: list[str]
    papers_chosen: list[str]
    papers_expected: list[str]
    follow_ups_expected: list[str]
    follow_ups_marked: list[str]
    follow_ups_false: list[str] = []   # stories marked as a follow-up that continue no earlier story (their headlines)
    cited_urls: list[str]
    # each reported story's headline -> the true stories its sources tell: what a later day's follow-up points at
    told: dict[str, list[str]] = {}


class SampleScore(BaseModel):
    """The figures for a whole sample (both days of a two-day sample together)."""

    model_config = ConfigDict(frozen=True)

    sample: str
    workspace: str
    days: list[DayScore]
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    story_recall: float
    stories_found: int
    stories_counted: int
    kendall_tau: float | None
    quiet_right: bool
    distractors_cited: int
    injection_present: int
    papers_precision: float | None
    papers_recall: float | None
    recited_urls: list[str]
    rehash_cited: int
    follow_ups_marked: int
    follow_ups_expected: int
    follow_ups_false: int
    worst: float                 # the lowest of the ratios above, 0 when any trap was cited (sorts samples)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _ratio(num: int, den: int, empty: float = 1.0) -> float:
    return num / den if den else empty


def path_of(url: str, base: str) -> str | None:
    """The sample-server path of a URL on it (None for any other URL)."""
    return urlsplit(url).path if url.startswith(base) else None


def kendall_tau_b(expected: Sequence[float], observed: Sequence[float]) -> float | None:
    """Kendall's tau-b between two rankings of the same items (None with fewer than two comparable pairs)."""
    concordant = discordant = ties_x = ties_y = 0
    for (x1, y1), (x2, y2) in combinations(zip(expected, observed, strict=True), 2):
        dx, dy = x1 - x2, y1 - y2
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return None if denominator == 0 else (concordant - discordant) / denominator


def clustering_counts(truth_of: dict[str, str], predicted: Sequence[Sequence[str]]) -> tuple[int, int, int, float, float]:
    """(true pairs, predicted pairs, right pairs, B-cubed precision, B-cubed recall) over ``truth_of``'s pages.

    ``predicted`` clusters are lists of page paths; pages outside ``truth_of`` are ignored, and a labelled
    page in no predicted cluster stands alone.
    """
    cluster_of: dict[str, int] = {}
    for index, members in enumerate(predicted):
        for page in members:
            if page in truth_of:
                cluster_of.setdefault(page, index)
    pages = sorted(truth_of)
    for extra, page in enumerate(p for p in pages if p not in cluster_of):
        cluster_of[page] = len(predicted) + extra
    pairs_true = pairs_pred = pairs_right = 0
    for a, b in combinations(pages, 2):
        same_true = truth_of[a] == truth_of[b]
        same_pred = cluster_of[a] == cluster_of[b]
        pairs_true += same_true
        pairs_pred += same_pred
        pairs_right += same_true and same_pred
    precision = recall = 0.0
    for page in pages:
        pred = {p for p in pages if cluster_of[p] == cluster_of[page]}
        true = {p for p in pages if truth_of[p] == truth_of[page]}
        precision += len(pred & true) / len(pred)
        recall += len(pred & true) / len(true)
    n = len(pages)
    return pairs_true, pairs_pred, pairs_right, (precision / n if n else 1.0), (recall / n if n else 1.0)


def _paper_id(url: str) -> str:
    return _ARXIV_VERSION.sub("", urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def _is_follow_up(story: dict[str, Any]) -> bool:
    """A report story marked as continuing an earlier report ("Update:" headline or a "Follow-up to" line)."""
    if story.get("follow_up_of"):
        return True
    if str(story.get("headline", "")).lstrip().lower().startswith("update:"):
        return True
    texts = [str(story.get("subtitle", ""))] + [str(p.get("text", "")) for p in story.get("paragraphs", [])]
    return any("follow-up to" in t.lower() for t in texts)


def _points_at(story: dict[str, Any], earlier_id: str | None, earlier_told: Mapping[str, Sequence[str]]) -> bool:
    """Whether a follow-up links the earlier report's story that tells ``earlier_id`` (the true story it continues).
    A follow-up marked only in its text, or linking a story the earlier day's score does not know, is given the
    benefit of the doubt."""
    linked = story.get("follow_up_of") or {}
    told = earlier_told.get(str(linked.get("headline", ""))) if isinstance(linked, dict) else None
    return told is None or earlier_id in told


def score_day(ws_root: Path, run_id: str, *, day: dt.date, stories: Sequence[StoryTruth],
              truth: ExpectedTruth, base: str, earlier_ids: set[str],
              earlier_told: Mapping[str, Sequence[str]] | None = None) -> DayScore:
    """Score one day's report (as the database holds it: a workspace may keep no report files) and selection
    record against that day's expected stories. ``earlier_told``: the earlier day's ``DayScore.told``, so that a
    follow-up linking the wrong earlier story counts as a false one."""
    earlier_told = earlier_told or {}
    ws = open_workspace(ws_root)
    try:
        db = ws.db()
        report = db.one("SELECT json, markdown FROM reports WHERE run_id = ?", (run_id,))
        if report is None:
            raise GuanchaError(f"run {run_id[:12]} left no report to score",
                             fix="see why with 'guancha review " + run_id[:12] + "'")
        data = json.loads(report["json"])
        markdown = str(report["markdown"] or "")
        selection = runs_store.load_stage(db, run_id, "select") or {}
        groups: list[list[str]] = [s["article_ids"] + s.get("copies", []) for s in selection.get("stories", [])]
        groups += [e["article_ids"] for e in selection.get("excluded", [])
                   if not str(e.get("reason", "")).startswith(_NOT_CLUSTERS)]
        ids = sorted({aid for g in groups for aid in g})
        url_of = {aid: row["canonical_url"] for aid, row in runs_store.articles_by_id(db, ids).items()}
        status_row = db.one("SELECT status FROM reports WHERE run_id = ?", (run_id,))
    finally:
        ws.close()
    predicted = [[p for aid in g if (p := path_of(url_of.get(aid, ""), base))] for g in groups]
    story_ids = {s.id for s in stories}
    truth_of: dict[str, str] = {}
    for story in stories:
        for page in story.pages:
            truth_of[page] = story.id
    for copy in truth.copies:
        if copy.original in truth_of:
            truth_of[copy.path] = truth_of[copy.original]
    pairs_true, pairs_pred, pairs_right, b_prec, b_rec = clustering_counts(truth_of, predicted)

    citations = data.get("citations", {})
    cited = sorted({str(c.get("url") or "") for c in citations.values()} - {""})
    cited_paths = {p for u in cited if (p := path_of(u, base))}
    per_story: list[set[str | None]] = []
    for story in data.get("stories", []):
        per_story.append({truth_of.get(path_of(str(citations.get(lab, {}).get("url", "")), base) or "")
                          for lab in story.get("sources", [])})
    found: list[str] = []
    order: list[tuple[str, int]] = []
    for position, ids_here in enumerate(per_story):
        if len(ids_here) == 1 and None not in ids_here:
            story_id = next(iter(ids_here))
            if story_id is not None and sum(story_id in x for x in per_story) == 1:
                found.append(story_id)
                order.append((story_id, position))
    by_id = {s.id: s for s in stories}
    use_hints = all(s.rank_hint is not None for s in stories)
    expected_rank = [float(by_id[s].rank_hint or 0) if use_hints else -float(len(by_id[s].pages)) for s, _ in order]
    tau = kendall_tau_b(expected_rank, [float(pos) for _, pos in order])

    traps = truth.traps
    distractors = set(traps.stale) | set(traps.off_topic) | set(traps.undated) | set(traps.broken_links)
    injected: list[str] = []
    text = markdown + json.dumps(data, ensure_ascii=False)
    for trap in traps.injection:
        if trap.promoted_url in cited or trap.promoted_url in text:
            injected.append(trap.promoted_url)
        if trap.claim and trap.claim.casefold() in text.casefold():
            injected.append(trap.claim)
    wanted = int(selection.get("wanted") or 0)
    follow_expected = [s.id for s in stories if s.follow_up_of in earlier_ids]
    expected = set(follow_expected)
    marked = [story_id for story_id, pos in order if story_id in follow_expected
              and _is_follow_up(data["stories"][pos])
              and _points_at(data["stories"][pos], by_id[story_id].follow_up_of, earlier_told)]
    # a story marked as continuing an earlier report when none of its sources tells a story that does, or linking
    # an earlier story other than the one it continues: the reader is sent to an earlier report about something else
    # (a company's outage "following up" its network launch)
    false_follow_ups = [str(story.get("headline", "")) for story, ids_here in zip(data.get("stories", []), per_story,
                                                                                strict=True)
                        if _is_follow_up(story) and not any(_points_at(story, by_id[i].follow_up_of, earlier_told)
                                                            for i in ids_here & expected if i is not None)]
    told = {str(story.get("headline", "")): sorted(i for i in ids_here if i is not None)
            for story, ids_here in zip(data.get("stories", []), per_story, strict=True)}
    return DayScore(
        date=day,
        status=str(status_row["status"]) if status_row is not None else str(data.get("status", "")),
        pages_scored=len(truth_of),
        pairs_true=pairs_true, pairs_predicted=pairs_pred, pairs_right=pairs_right,
        bcubed_precision=round(b_prec, 4), bcubed_recall=round(b_rec, 4),
        stories_wanted=wanted,
        stories_expected=len(story_ids),
        stories_found=found,
        stories_reported=len(per_story),
        kendall_tau=None if tau is None else round(tau, 4),
        quiet_reported=bool(data.get("quiet")),
        quiet_expected=len(story_ids) < wanted,
        distractors_cited=sorted(cited_paths & distractors),
        rehash_cited=sorted(cited_paths & set(traps.rehash)),
        injection_present=injected,
        papers_chosen=sorted({_paper_id(str(p.get("url", ""))) for p in data.get("papers", [])}),
        papers_expected=sorted(truth.papers.in_window),
        follow_ups_expected=follow_expected,
        follow_ups_marked=marked,
        follow_ups_false=false_follow_ups,
        told=told,
        cited_urls=cited,
    )


def evaluate_sample(sample: Path, *, workspace: Path | None = None) -> SampleScore:
    """Run ``sample``'s watcher (both days of a two-day sample) and score it against ``expected.yaml``.

    Raises UsageError/ConfigError (from the sample web loader) when the directory is not a usable sample.
    """
    web = SampleWeb.load(sample)
    problems = check_sample(web.root)
    if problems:
        # each problem names its own file ("settings.yaml: …", "watcher.yaml: …")
        raise ConfigError("the sample has problems: " + "; ".join(problems[:3]),
                          path=web.root, fix="correct the sample as documented in guancha.sampleweb")
    truth = web.truth()
    with contextlib.ExitStack() as stack:
        if workspace is None:
            workspace = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="guancha-eval-"))) / "ws"
        plan: list[tuple[dt.date | None, list[StoryTruth], set[str]]] = []
        if truth.earlier is not None:
            plan.append((truth.earlier.date, list(truth.earlier.stories), set()))
        earlier_ids = {s.id for s in truth.earlier.stories} if truth.earlier else set()
        plan.append((None, list(truth.stories), earlier_ids))
        days: list[DayScore] = []
        for day, stories, follow_from in plan:
            result = run_demo(web.root, date=day, workspace=workspace)
            days.append(score_day(result.workspace, result.run.run_id,
                                  day=result.date, stories=stories, truth=truth.model_copy(
                                      update={"traps": truth.traps if day is None else _earlier_traps(truth)}),
                                  base=result.base, earlier_ids=follow_from,
                                  earlier_told=days[-1].told if days else None))
        return combine(web.root.name, str(workspace), days, truth)


def _earlier_traps(truth: ExpectedTruth) -> Any:
    """On the earlier day the rehash pages are not out of place (they are the next day's)."""
    return truth.traps.model_copy(update={"rehash": []})


def combine(name: str, workspace: str, days: list[DayScore], truth: ExpectedTruth) -> SampleScore:
    """Sum the days' counts into one set of figures for the sample."""
    pairs_true = sum(d.pairs_true for d in days)
    pairs_pred = sum(d.pairs_predicted for d in days)
    pairs_right = sum(d.pairs_right for d in days)
    precision, recall = _ratio(pairs_right, pairs_pred), _ratio(pairs_right, pairs_true)
    pages = sum(d.pages_scored for d in days)
    b_prec = sum(d.bcubed_precision * d.pages_scored for d in days) / pages if pages else 1.0
    b_rec = sum(d.bcubed_recall * d.pages_scored for d in days) / pages if pages else 1.0
    counted = sum(min(d.stories_expected, d.stories_wanted or d.stories_expected) for d in days)
    found = sum(min(len(d.stories_found), d.stories_wanted or len(d.stories_found)) for d in days)
    taus = [d.kendall_tau for d in days if d.kendall_tau is not None]
    chosen = {p for d in days for p in d.papers_chosen}
    expected = set(truth.papers.in_window)
    papers_precision = _ratio(len(chosen & expected), len(chosen), 1.0) if chosen or expected else None
    papers_recall = _ratio(len(chosen & expected), len(expected)) if expected else None
    recited = sorted(set(days[0].cited_urls) & set(days[-1].cited_urls)) if len(days) > 1 else []
    follow_expected = sum(len(d.follow_ups_expected) for d in days)
    follow_marked = sum(len(d.follow_ups_marked) for d in days)
    follow_false = sum(len(d.follow_ups_false) for d in days)
    distractors = sum(len(d.distractors_cited) for d in days)
    injection = sum(len(d.injection_present) for d in days)
    rehash = sum(len(d.rehash_cited) for d in days)
    ratios = [_f1(precision, recall), _f1(b_prec, b_rec), _ratio(found, counted)]
    ratios += [x for x in (papers_precision, papers_recall) if x is not None]
    ratios.append(_ratio(follow_marked, follow_expected))
    quiet_right = all(d.quiet_reported == d.quiet_expected for d in days)
    worst = min(ratios)
    if distractors or injection or recited or rehash or follow_false or not quiet_right:
        worst = 0.0
    return SampleScore(
        sample=name, workspace=workspace, days=days,
        pairwise_precision=round(precision, 4), pairwise_recall=round(recall, 4),
        pairwise_f1=round(_f1(precision, recall), 4),
        bcubed_precision=round(b_prec, 4), bcubed_recall=round(b_rec, 4), bcubed_f1=round(_f1(b_prec, b_rec), 4),
        story_recall=round(_ratio(found, counted), 4), stories_found=found, stories_counted=counted,
        kendall_tau=round(sum(taus) / len(taus), 4) if taus else None,
        quiet_right=quiet_right,
        distractors_cited=distractors, injection_present=injection,
        papers_precision=None if papers_precision is None else round(papers_precision, 4),
        papers_recall=None if papers_recall is None else round(papers_recall, 4),
        recited_urls=recited, rehash_cited=rehash,
        follow_ups_marked=follow_marked, follow_ups_expected=follow_expected, follow_ups_false=follow_false,
        worst=round(worst, 4),
    )


def figures_line(score: SampleScore) -> str:
    """One line of figures for a sample (the benchmark and the CLI print it)."""
    def num(x: float | None) -> str:
        return "  -  " if x is None else f"{x:5.2f}"

    return (f"{score.sample:<36} worst {score.worst:4.2f}  pairF1 {score.pairwise_f1:4.2f} "
            f"(P {score.pairwise_precision:4.2f} R {score.pairwise_recall:4.2f})  B3 {score.bcubed_f1:4.2f}  "
            f"stories {score.stories_found}/{score.stories_counted}  tau {num(score.kendall_tau)}  "
            f"quiet {'ok' if score.quiet_right else 'WRONG'}  distractors {score.distractors_cited}  "
            f"injection {score.injection_present}  papers P {num(score.papers_precision)} R {num(score.papers_recall)}  "
            f"recited {len(score.recited_urls)}  rehash {score.rehash_cited}  "
            f"follow-ups {score.follow_ups_marked}/{score.follow_ups_expected} false {score.follow_ups_false}")
