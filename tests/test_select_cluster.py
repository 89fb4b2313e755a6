"""Story clustering: the vectorised similarity and scipy's average linkage against the plain definitions.

The reference below is the definition written out pair by pair (``evidence_overlap`` per pair, greedy
average linkage that rescans every cluster pair per merge); selection must give the same partitions.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from guancha.select import (
    DAY_RELATIVE_MIN_PAGES,
    MERGE_THRESHOLD,
    ArticleView,
    average_linkage,
    cluster,
    event_agreement,
    event_gap_penalty,
    facts_agree,
    initial_groups,
    not_both_english,
    pair_similarity,
    shares_name,
    similarity_matrix,
    story_groups,
    told_by_figures,
    weak_reports,
)
from guancha.textutil import evidence_overlap, idf_weights, unit

NAMES = ["halvorsen pharma", "lyon", "dragon wire", "north sea", "cobra cable", "velnoxacin", "tennet", "orsted"]
WORDS = ["halvorsen", "pharma", "dragon", "wire", "north", "sea", "cobra", "cable", "ministry", "auction"]
FIGURES = ["$5billion", "12%", "3.2gw", "€40m", "1,200"]
# headlines: an actor, what it did, and to what (so event features differ between and within stories)
ACTORS = ["Kestrel", "Halden", "Orvik", "Vell"]
# "mulls" names no kind of event: such a lead is told apart by its figures alone
ACTIONS = ["launches", "recalls", "closes", "wins a contract for", "gets approval for", "mulls"]
OBJECTS = ["battery", "drone fleet", "plant", "ferry", "tender"]
# figures a headline or lead may give: exact ones that name an event, and a bare small number shared by chance
LEAD_FIGURES = ["", "", " worth $5 million", " for 1,200 homes", " after a 12% fall", " with 30 staff", " of 3.2 GW"]


def _day(seed: int, stories: int = 9, per_story: int = 4) -> tuple[list[ArticleView], np.ndarray, list[set[str]]]:
    """Articles around ``stories`` centres: noisy vectors, overlapping names and figures, some syndicated copies."""
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    centres = np_rng.normal(size=(stories, 24))
    articles: list[ArticleView] = []
    vectors: list[np.ndarray] = []
    terms: list[set[str]] = []
    for s in range(stories):
        story_terms = set(rng.sample(NAMES + WORDS, 3)) | set(rng.sample(FIGURES, 1))
        for k in range(rng.randint(1, per_story)):
            aid = f"s{s}a{k}"
            copy_of = f"s{s}a0" if k and rng.random() < 0.2 else None
            actor = rng.choice(ACTORS)
            title = f"{actor} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{rng.choice(LEAD_FIGURES)}"
            lead = rng.choice(["", f"{actor} said on Monday it {rng.choice(ACTIONS)} a plant{rng.choice(LEAD_FIGURES)}."])
            articles.append(ArticleView(id=aid, url=f"http://x/{aid}", title=title, outlet=f"o{k}",
                                        published_at="2026-05-01T00:00:00Z", text=lead, kind="article",
                                        dup_group=copy_of or (aid if k == 0 else None)))
            vectors.append(unit(centres[s] + np_rng.normal(scale=rng.choice([0.4, 0.8, 1.2]), size=24)))
            noise = set(rng.sample(NAMES + WORDS + FIGURES, rng.randint(0, 3)))
            terms.append({t for t in story_terms if rng.random() < 0.8} | noise)
    return articles, np.asarray(vectors, dtype=np.float32), terms


def _reference_matrix(groups: list, idf: dict[str, float]) -> np.ndarray:
    n = len(groups)
    base = np.zeros((n, n))
    setting = {a for g in groups for a in g.actors if sum(a in h.actors for h in groups) > max(2, n // 2)}
    for i in range(n):
        for j in range(i + 1, n):
            cos = float(groups[i].vec @ groups[j].vec)
            a, b = groups[i].apart, groups[j].apart
            if a is not None and b is not None:   # the lower of the raw and the day-relative cosine
                cos = min(cos, float(a @ b))
            overlap = evidence_overlap(groups[i].terms, groups[j].terms, idf)
            agreement = event_agreement(groups[i], groups[j], setting)
            base[i, j] = base[j, i] = pair_similarity(cos, overlap, agreement, event_gap_penalty(groups[i], groups[j]),
                                                      shares_name(groups[i], groups[j], setting) or
                                                      told_by_figures(groups[i], groups[j]),
                                                      facts_agree(groups[i], groups[j]),
                                                      foreign=not_both_english(groups[i], groups[j]))
    return base


def _greedy_average_linkage(base: np.ndarray, threshold: float) -> list[list[int]]:
    clusters: list[list[int]] = [[i] for i in range(len(base))]
    while len(clusters) > 1:
        best, pair = -1.0, (0, 0)
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                sim = float(np.mean([base[i, j] for i in clusters[x] for j in clusters[y]]))
                if sim > best:
                    best, pair = sim, (x, y)
        if best < threshold:
            break
        x, y = pair
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    return sorted(sorted(c) for c in clusters)


@pytest.mark.parametrize("seed", range(6))
def test_similarity_matrix_matches_pairwise_definition(seed: int) -> None:
    articles, vectors, terms = _day(seed)
    idf = idf_weights(terms)
    groups = story_groups(articles, vectors, terms)
    assert groups[0].apart is not None   # the reference below reads the day-relative cosine too
    assert np.allclose(similarity_matrix(groups, idf), _reference_matrix(groups, idf), atol=1e-6)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("threshold", [0.25, 0.42, 0.6])
def test_average_linkage_gives_the_greedy_partition(seed: int, threshold: float) -> None:
    articles, vectors, terms = _day(seed)
    idf = idf_weights(terms)
    base = similarity_matrix(story_groups(articles, vectors, terms), idf)
    assert sorted(sorted(c) for c in average_linkage(base, threshold)) == _greedy_average_linkage(base, threshold)


@pytest.mark.parametrize("seed", range(6))
def test_cluster_of_a_short_day_is_one_average_linkage_of_its_groups(seed: int) -> None:
    articles, vectors, terms = _day(seed, stories=3)
    assert len(articles) < DAY_RELATIVE_MIN_PAGES
    idf = idf_weights(terms)
    groups = initial_groups(articles, vectors, terms)
    want = _greedy_average_linkage(similarity_matrix(groups, idf), MERGE_THRESHOLD)
    got = cluster(articles, vectors, terms, idf)
    assert sorted(got) == sorted(sorted(i for g in c for i in groups[g].members) for c in want)
    assert sorted(i for c in got for i in c) == list(range(len(articles)))


def test_cluster_keeps_syndicated_copies_together_and_handles_tiny_days() -> None:
    articles, vectors, terms = _day(3)
    idf = idf_weights(terms)
    for members in cluster(articles, vectors, terms, idf, threshold=1.01):
        groups = {articles[i].dup_group or articles[i].id for i in members}
        assert len(groups) == 1  # at a threshold nothing reaches, only duplicate groups stay joined
    one = articles[:1]
    assert cluster(one, vectors[:1], terms[:1], idf_weights(terms[:1])) == [[0]]
    assert cluster([], vectors[:0], [], {}) == []


def test_a_part_one_outlet_alone_tells_goes_back_to_its_story_and_a_part_several_tell_stays_apart() -> None:
    """The day-relative clustering split one flood into parts: a wire's flash and its second lead, like each other
    and like nothing else once the day's direction (the flood) is out, stayed a story of their own. A part one outlet
    alone tells goes back to the part of its story that several outlets tell, as a single page does; a part two
    outlets tell is another event in the same place and stays apart."""
    first = [[0, 1, 2, 3, 4, 5, 6]]
    second = [[0, 1], [2, 3], [4, 5], [6]]
    outlets = [{"daily"}, {"radio"}, {"wire"}, {"wire"}, {"police"}, {"radio"}, {"blog"}]
    raw = np.full((7, 7), 0.30)
    raw[np.ix_([2, 3, 6], [0, 1])] = raw[np.ix_([0, 1], [2, 3, 6])] = 0.45   # the flood's pages
    raw[np.ix_([4, 5], [0, 1])] = raw[np.ix_([0, 1], [4, 5])] = 0.45         # an arrest in the flooded town
    back = weak_reports(first, second, raw, MERGE_THRESHOLD, outlets)
    assert back == {2: 0, 3: 0, 6: 0}
    # where the raw clustering had not found them in one story, nothing goes back
    assert weak_reports([[0, 1, 4, 5, 6], [2, 3]], second, raw, MERGE_THRESHOLD, outlets) == {6: 0}
    # nor where the part is less alike than a story's pages must be
    raw[np.ix_([2, 3], [0, 1])] = raw[np.ix_([0, 1], [2, 3])] = 0.30
    assert weak_reports(first, second, raw, MERGE_THRESHOLD, outlets) == {6: 0}


def test_a_story_cut_only_into_one_outlet_parts_stays_whole() -> None:
    """The day-relative clustering cut a funicular's brake fault, a safety office's release and a wire's report in
    another language, into two parts, one outlet each. Neither part is another event several outlets report, which
    is all the second clustering is there to find: the story stays whole. Where one part is told by two outlets, a
    lone page goes back to it as before, and a story of one outlet's pages is left as the second clustering cut it."""
    outlets = [{"office"}, {"wire"}, {"radio"}]
    raw = np.full((3, 3), 0.30)
    raw[0, 1] = raw[1, 0] = 0.53
    back = weak_reports([[0, 1], [2]], [[0], [1], [2]], raw, MERGE_THRESHOLD, outlets)
    assert back == {1: 0}
    # a part less alike to the story's first part than a story's pages must be stays apart
    raw[0, 1] = raw[1, 0] = 0.30
    assert weak_reports([[0, 1], [2]], [[0], [1], [2]], raw, MERGE_THRESHOLD, outlets) == {}
    # one outlet's two pages, parted, are not a story several outlets tell: nothing goes back
    raw[0, 1] = raw[1, 0] = 0.53
    assert weak_reports([[0, 1], [2]], [[0], [1], [2]], raw, MERGE_THRESHOLD, [{"wire"}, {"wire"}, {"radio"}]) == {}
