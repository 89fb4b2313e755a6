"""Selection: cluster the window's articles into stories, rank them, pick the top N; pick papers.

Clustering joins duplicate groups first (a syndicated copy is the same story) and a page that names nobody to the
one named page that gives its exact count of the same thing, then merges groups by average linkage over a
similarity that mixes static embeddings with shared rare names and numbers (a name's short forms, tickers and
codenames, as the day's articles introduce them, count as the name), adjusted by what the leads report: one actor
doing the same kind of thing is one event (and then the shared names may outweigh differing wording), one actor
doing different things is two.
Ranking puts independent coverage first (distinct outlets, a syndicated copy counting once, scaled by
per-source weights), then topic relevance and recency. Clusters below a relevance floor are off-topic;
clusters that repeat a story the watcher already published, URLs it already cited, and pages that another
page's instructions to AI readers promote ("cite X as the main source") are excluded.
A quiet day yields fewer stories: nothing is padded or repeated.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel, Field
from scipy import sparse
from scipy.cluster import hierarchy

from guancha.arxiv_fields import covered_distant_fields, uncovered_filing, withdrawal_notice
from guancha.collect.urls import page_key
from guancha.collect.used_urls import used_urls
from guancha.injection import promoted_urls
from guancha.outlets import outlet_key, outlet_name, strip_outlet_branding
from guancha.sections import FIELD_READINGS, covered_fields, read_as_field, uncovered_field
from guancha.spec import WatcherSpec, source_kind, source_target
from guancha.store import Database, content_key
from guancha.store import runs as store
from guancha.textutil import (
    FIGURE_WEIGHT,
    distinctive_figure,
    embed,
    evidence_overlap,
    figure_key,
    fold_accents,
    idf_weights,
    is_figure,
    language_of,
    latin_script,
    normalise_sentence,
    salient_terms,
    sparse_floor,
    split_sentences,
    unit,
    unit_rows,
    without_web_addresses,
    word_count,
)
from guancha.timeutil import ENGLISH_MONTHS, iso_z, parse_iso

# Similarity needed to merge two groups into one story (embedding cosine and rare-term overlap, averaged).
MERGE_THRESHOLD = 0.36
# A language other than English with this many of the day's pages has its direction taken out of their vectors
LANGUAGE_AXIS_MIN_PAGES = 2
# clustering compares a day's pages by what sets them apart (``relative_to_day``) when it has this many; two pages
# whose remainders are unrelated are then this alike (over the samples, a story's own pairs average 0.65 by the raw
# cosine and 0.45 by the remainders', other pairs 0.27 and -0.12: 0.35 + 0.65 x maps the one onto the other)
DAY_RELATIVE_MIN_PAGES = 12
DAY_SHARED_SIMILARITY = 0.35
# Two groups whose leads date their events this many days apart lose this much similarity (see event_day).
EVENT_GAP_DAYS = 2
EVENT_GAP_PENALTY = 0.15
# Two groups whose leads report on one actor gain EVENT_WEIGHT * (kind similarity - KIND_NEUTRAL): more when
# they report the same kind of event, less (a loss) when different kinds (see event_adjustment).
EVENT_WEIGHT = 0.3
KIND_NEUTRAL = 0.3
# Weight of the embedding cosine in that similarity (the rest is the rare-name/number overlap).
COSINE_WEIGHT = 0.7
# Two groups whose leads report on one actor, the same kind of event (kind similarity at least KIND_AGREE), on days
# that agree and with no conflicting lead figure, weigh the shared names and figures this much instead (and the
# cosine the rest), when that is higher: a market note and a news report tell one event in different registers, so
# their wording differs while what they name is the same (see event_agreement).
EVIDENCE_WEIGHT = 0.7
KIND_AGREE = 0.5
# Two leads that give the same two exact figures or more ("$1.1 billion" and "40,000 tonnes a year") report one event
# however they word it (a wire in Spanish and a trade title in English share few words for the embedding to see):
# their similarity is at least this. Chance gives two leads one exact figure in common (two contracts of 186 million
# in one town), two seldom.
FACTS_AGREE_SIMILARITY = MERGE_THRESHOLD + 0.1
# The embedding model reads English. Where one of two pages is in another language, its cosine says more about the
# language and the field than about the event. Across the 34 samples, 194 pairs reached the threshold with a page in
# another language and no name or figure in common beyond the day's setting (rare-term overlap at most
# FOREIGN_NO_EVIDENCE_OVERLAP; the region's name alone gives 0.028): 191 were two stories, 3 one. Two Dutch pages on
# a mortgage rule and floating homes were 0.58 alike; a Slovenian rail strike and a funicular's brakes, 0.56. Such a
# pair's similarity is at most FOREIGN_NO_EVIDENCE_SIMILARITY, under the threshold: the two pages join one story
# only through pages that share something with both.
FOREIGN_NO_EVIDENCE_OVERLAP = 0.03
FOREIGN_NO_EVIDENCE_SIMILARITY = MERGE_THRESHOLD - 0.06
# The cosine of two pages of which one is written in a script the embedding model cannot read (mostly letters outside
# the Latin script: Greek, Cyrillic, Chinese) is at most this. The model reads English: a Greek sample's Greek pages
# were 0.80-0.86 alike whatever they told (a lab tender, a recall, a mill death), and one story. Measured on that
# sample: 0.35 keeps pair precision at 1.00 with 5 of 6 stories found, 0.40 the same with more pairs found, 0.45 finds
# 4 (precision 0.86), 0.55 none.
UNREADABLE_COSINE = 0.40
# A cluster is on topic when its centroid is this close to the watcher's topic. Below it, a keyword keeps a cluster
# only when its text is too short for closeness to say much (under SHORT_TEXT_WORDS words: a teaser, a feed summary,
# "Volunteers collect a swarm from the church tower" scores 0.05). An article that far from the topic uses the keyword
# in another sense: a school of whales, a band's "Tuition Blues", a company's office "campus" score 0.04-0.11 for an
# education watcher. Measured on the samples: on-topic clusters score 0.19 and up.
RELEVANCE_FLOOR = 0.18
# A keyword of several words ("dye house", "wool scour") names the subject where one word may not ("Merino", a car):
# a cluster using one is on topic down to this. A dye house's spill, told as a drinking-water story by three outlets,
# scored 0.17 for a wool-mills watcher; the car using "Merino" 0.16.
PHRASE_RELEVANCE_FLOOR = 0.12
SHORT_TEXT_WORDS = 80
# A story one outlet alone tells is weaker evidence that its event is the watcher's news than one several outlets
# report, and closeness to the topic runs on a different scale for every topic (a battery-materials watcher's true
# stories score 0.22 to 0.49, a water watcher's 0.40 to 0.60). So such a story, in one page or several, long or
# short, must also be this share of the median relevance of the day's on-topic stories that two independent outlets
# or more tell. Measured on the samples: single-page stories chosen score 0.72 to 1.77 of that median; long single
# pages using a keyword in another sense (a sales "pipeline", a bakery's "rescue", the "slope" of a bond curve, a
# radio's anniversary) 0.34 to 0.61, others up to 1.42 (a bitcoin "mining" farm) which this does not catch. The ranges
# touch: a sample written to break this has a cooperative's new chair, a true story one long page tells, at 0.60
# (left out), and 6% of the stories several outlets tell score under two thirds of their day's median.
# Short items (under SHORT_TEXT_WORDS words) were first exempt, as a short text's closeness says little; but over 29
# samples the short items one outlet alone tells that use a keyword in another sense (a "Java" tools firm, a café's
# band nights, a radio's two items on an autism "spectrum" centre and "roaming" cattle) score 0.34 to 0.71 of the
# median, and the true ones 0.80 to 1.19; a keyword still keeps a short item below RELEVANCE_FLOOR.
SINGLE_PAGE_RELEVANCE_SHARE = 2 / 3
# A paper is on topic when its abstract is this close to the topic or to one of the day's stories. Measured on
# the samples: papers from another field that share a method name score below 0.06, on-topic ones above 0.18.
PAPER_FLOOR = 0.12
# A paper that shares a watcher keyword must use at least this many distinct terms of the topic (one of them a word
# of the subject, not only keywords), or be this close to the topic as a whole (see paper_on_topic). Measured on the
# samples: a paper from another field whose one keyword is all it shares with the topic scores up to 0.29 (deep-sea
# "brine" pools), robot "swarm" papers 0.2-0.31; on-topic papers with one keyword and nothing else 0.57.
PAPER_MIN_TERMS = 2
PAPER_KEYWORD_ONLY_FLOOR = 0.4
# Papers rank by relevance plus this times the share of their words that the day's press writes the field with
# (TopicVocabulary.field_share). Measured on the samples: a weight from 1.0 to 2.0 puts every on-topic paper above
# the keyword-sharing ones that pass paper_on_topic ("Railway-Oriented Programming", kinesin "cargo docking"); 0.5
# is too little for one sample, 3.0 too much for another (a technical abstract uses few of the press's words).
FIELD_SHARE_WEIGHT = 1.5
# A cluster that is the same story as one reported in the last FOLLOW_UP_DAYS days is a follow-up when at least
# this share of its figures and names is new, otherwise a repeat (see continuation()).
FOLLOW_UP_DAYS = 7
FOLLOW_UP_NOVELTY = 0.35
# A cluster that shares this much of its salient terms with an earlier published story is a repeat.
REPEAT_OVERLAP = 0.6
# A cluster with news that is as alike as this to an earlier story (clustering's similarity, see continuation()) is
# its follow-up even when no headline names the earlier story's subject again and no exact figure of it comes back
# (see continues_event). Measured on the samples: another event of the same actors, sharing only their names, is
# 0.38-0.40 alike (a new ferry on the route of one that broke down; a price accord brokered by the board that won a
# wine name its tag); a strike called after the ballot, told in other words, 0.49.
FOLLOW_UP_WITHOUT_EVENT = 0.45
MAX_SOURCES_PER_STORY = 8


class ArticleView(BaseModel):
    """The fields of an article that selection and writing use."""

    id: str
    url: str
    title: str
    outlet: str
    published_at: str
    text: str
    summary: str = ""
    kind: str
    dup_group: str | None = None
    dup_kind: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    weight: float = 1.0

    @property
    def headline(self) -> str:
        """The title without the outlet's own branding ('PharmaPulse :: ...', '... | Dragon Wire').

        Two stories from one outlet share that branding, which is no evidence that they are one event.
        """
        return strip_outlet_branding(self.title, self.outlet)

    @property
    def body(self) -> str:
        """The page as a reader meets it: its standfirst (when the extracted text lacks it), then the text.

        A template's standfirst often carries the figure that ties two outlets' reports of one event; selection
        reads it with the lead, while writers quote the text itself.
        """
        standfirst = self.meta.get("standfirst")
        return f"{standfirst}\n{self.text}" if isinstance(standfirst, str) and standfirst else self.text

    @property
    def doc(self) -> str:
        """The text clustering looks at: headline, summary and the lead of the body."""
        return without_web_addresses(" ".join(x for x in (self.headline, self.headline, self.summary,
                                                           self.body[:1500]) if x))


class FollowUp(BaseModel):
    """The earlier report's story that a picked story continues, and where that report's files were written."""

    report_date: str
    headline: str
    md_path: str | None = None
    html_path: str | None = None


class StoryPick(BaseModel):
    fingerprint: str
    article_ids: list[str]           # the story's sources, most central first (no syndicated copies)
    copies: list[str] = Field(default_factory=list)  # syndicated copies folded into the sources above
    outlets: list[str]
    independent_outlets: int
    coverage: float
    relevance: float
    recency: float
    score: float
    terms: list[str]
    emoji: str
    follow_up_of: FollowUp | None = None   # set when the story continues one an earlier report told


class PaperPick(BaseModel):
    article_id: str
    relevance: float


class Excluded(BaseModel):
    article_ids: list[str]
    reason: str                       # off-topic, repeat, used-url, ranked below the cut
    relevance: float | None = None


class Selection(BaseModel):
    as_of: str
    window_from: str
    wanted: int
    stories: list[StoryPick]
    papers: list[PaperPick]
    quiet: bool
    note: str | None = None
    considered_articles: int
    considered_papers: int
    excluded: list[Excluded] = Field(default_factory=list)


# --------------------------------------------------------------------------- loading


def _outlet_of(row: Any) -> str:
    return outlet_name(row["outlet"], row["canonical_url"], row["title"])


def _weights(spec: WatcherSpec, db: Database, ids: list[str]) -> dict[str, float]:
    """Per-article weight: the highest ``weight`` of the spec sources that found it (1.0 when unknown)."""
    by_target = {(source_kind(s), source_target(s)): s.weight for s in spec.sources}
    found = store.article_sources(db, spec.id, ids)
    out: dict[str, float] = {}
    for aid in ids:
        ws = [by_target[k] for k in found.get(aid, []) if k in by_target]
        out[aid] = max(ws) if ws else 1.0
    return out


def load_window(db: Database, spec: WatcherSpec, *, as_of: dt.datetime, window_hours: int | None = None,
                exclude_urls: set[str] | None = None) -> tuple[list[ArticleView], list[str]]:
    """The watcher's dated articles inside the window ending at ``as_of``, minus URLs already used.

    Undated articles never qualify: their freshness cannot be verified.
    """
    hours = window_hours if window_hours is not None else spec.window_hours
    start = as_of - dt.timedelta(hours=hours)
    rows = store.watcher_articles(db, spec.id, published_from=iso_z(start), published_to=iso_z(as_of))
    exclude_urls = exclude_urls or set()
    spent = {page_key(u) for u in exclude_urls}
    used = [r["id"] for r in rows if page_key(r["canonical_url"]) in spent]
    rows = [r for r in rows if page_key(r["canonical_url"]) not in spent]
    weights = _weights(spec, db, [r["id"] for r in rows])
    views = []
    for r in rows:
        try:
            meta = json.loads(r["meta_json"]) if r["meta_json"] else {}
        except json.JSONDecodeError:
            meta = {}
        views.append(ArticleView(
            id=r["id"], url=r["canonical_url"], title=(r["title"] or "").strip(), outlet=_outlet_of(r),
            published_at=r["published_at"], text=r["text"] or "", summary=r["summary"] or "", kind=r["kind"],
            dup_group=r["dup_group"], dup_kind=r["dup_kind"], meta=meta if isinstance(meta, dict) else {},
            weight=weights.get(r["id"], 1.0),
        ))
    return views, used


# --------------------------------------------------------------------------- clustering


@dataclass
class _Group:
    members: list[int]
    vec: np.ndarray
    terms: set[str] = field(default_factory=set)
    event_day: dt.date | None = None      # the day the group's lead article says its event happened
    actors: set[str] = field(default_factory=set)     # names its headlines and leads report on (aliases resolved)
    kinds: dict[str, float] = field(default_factory=dict)  # what kind of event its leads report (see event_kinds)
    lead_figures: set[str] = field(default_factory=set)    # figures in its headlines and first sentences
    apart: np.ndarray | None = None   # its vector relative to the day (``relative_to_day``), where the day has one
    language: str | None = None           # its first page's language (``language_of``), None where unknown
    unreadable: bool = False              # its first page is in a script the embedding model cannot read




def article_terms(article: ArticleView) -> set[str]:
    """The salient names and numbers clustering compares: from the title, summary and lead of the body, less the
    day the article was published on ("posted Tuesday 16 May"): every page of that day gives it, and a blog post
    that restates last week's news brings none by its date."""
    text = f"{article.headline}. {article.summary} {article.body[:1500]}"
    return salient_terms(text) - publication_day_figures(text, article.published_at)


# "16 May" or "May 16": groups 1 and 2, or 3 and 4 (see mentioned_day)
_DAY_AND_MONTH = r"\b(?:(\d{1,2})\s+(" + "|".join(ENGLISH_MONTHS) + r")|(" + "|".join(ENGLISH_MONTHS) + r")\s+(\d{1,2}))\b"
_DATE_MENTION = re.compile(_DAY_AND_MONTH, re.IGNORECASE)


def mentioned_day(match: re.Match[str], year: int) -> dt.date | None:
    """The day a ``_DATE_MENTION`` or ``_EVENT_DATE`` match names ("16 May", "May 16") in ``year``; None for a day the
    month lacks ("31 April")."""
    day_text, month_text = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    try:
        return dt.date(year, ENGLISH_MONTHS.index(month_text.lower()) + 1, int(day_text))
    except ValueError:
        return None


def publication_day_figures(text: str, published_at: str) -> set[str]:
    """The day numbers of ``text``'s dates that fall on the day it was published ("16" of "16 May" in a page of
    16 May; a zone away, the day before or after counts too)."""
    try:
        published = parse_iso(published_at).date()
    except ValueError:
        return set()
    out: set[str] = set()
    for match in _DATE_MENTION.finditer(text):
        day = mentioned_day(match, published.year)
        if day is not None and abs((day - published).days) <= 1:
            out.add(figure_key(match.group(1) or match.group(4)))   # as salient_terms writes it: "05" of "05 May"
    return out


def day_term_sets(articles: Sequence[ArticleView], *, fold: bool = True) -> list[set[str]]:
    """``article_terms`` of each article, less single capitalised words that the day's articles also write in
    lower case: "Analysts said ...", "Planners expect ...", "Fix your pipes" open a sentence with an ordinary
    word, which is no name to share (``salient_terms`` applies the same rule within one text). With ``fold``, a
    name's inflected forms are one (``inflected_forms``)."""
    lower = day_lower_words(articles)
    term_sets = [{t for t in article_terms(a) if " " in t or is_figure(t) or t not in lower} for a in articles]
    return folded_inflections(term_sets) if fold else term_sets


def folded_inflections(term_sets: Sequence[set[str]]) -> list[set[str]]:
    """``term_sets`` with each name's inflected forms read as one (``inflected_forms`` over all of them)."""
    folded = inflected_forms(set().union(*term_sets)) if term_sets else {}
    return [{folded.get(t, t) for t in terms} for terms in term_sets]


# One name in two case forms: a Finnish page's "Lumoran" and "Haukiniemen" are "Lumora" and "Haukiniemi" in
# another's; Hungarian, Estonian and Turkish add endings the same way. Two single-word names are one when they share
# their first INFLECTION_MIN_STEM letters or more and neither runs more than INFLECTION_MAX_ENDING letters past what
# they share. Clustering reads names this way; follow-ups compare a day with earlier days' sources, and keep the forms.
INFLECTION_MIN_STEM = 6
INFLECTION_MAX_ENDING = 3


def inflected_forms(terms: set[str]) -> dict[str, str]:
    """For the day's single-word names (``terms``), each form that is another's inflection -> the shortest form of
    its kin (``INFLECTION_MIN_STEM``, ``INFLECTION_MAX_ENDING``); figures and names of several words are left alone.
    Names that only begin alike may be joined ("Atlantida", "Atlantic"): a shared name is one part of the evidence
    that two pages tell one event, never all of it."""
    buckets: dict[str, list[str]] = {}
    for t in terms:
        if " " not in t and len(t) >= INFLECTION_MIN_STEM and t.isalpha():
            buckets.setdefault(t[:INFLECTION_MIN_STEM], []).append(t)
    out: dict[str, str] = {}
    for forms in buckets.values():
        for t in forms:
            kin = [f for f in forms if _shared_start(t, f) >= max(len(t), len(f)) - INFLECTION_MAX_ENDING]
            root = min(kin, key=lambda f: (len(f), f))
            if root != t:
                out[t] = root
    return out


def _shared_start(a: str, b: str) -> int:
    """How many letters two words begin with in common."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z-]+(?![\w'’])")


def mid_sentence_names(articles: Sequence[ArticleView]) -> set[str]:
    """Single capitalised words the day's articles write inside a sentence (not as its first word), lower-cased:
    names, as opposed to ordinary words that only open sentences and headlines."""
    out: set[str] = set()
    for a in articles:
        for line in f"{a.headline}\n{a.summary}\n{a.body[:1500]}".splitlines():
            for sentence in split_sentences(line):
                out |= {w.lower() for w in _CAPITALISED.findall(sentence)[1:] if sentence.find(w) > 0}
    return out


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w&'’.-]*")


def day_lower_words(articles: Sequence[ArticleView]) -> set[str]:
    """Every word the day's articles write in lower case (in the part clustering reads): ordinary words."""
    lower: set[str] = set()
    for a in articles:
        lower |= set(_LOWER_WORD.findall(f"{a.headline} {a.summary} {a.body[:1500]}"))
    return lower


def initial_groups(articles: Sequence[ArticleView], vectors: np.ndarray,
                   term_sets: Sequence[set[str]]) -> list[_Group]:
    """Duplicate groups (a syndicated copy is the same story), each with its mean vector and term union."""
    by_dup: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_dup.setdefault(a.dup_group or a.id, []).append(i)
    groups = [_Group(members=m, vec=unit(vectors[m].mean(axis=0)),
                     terms=set().union(*(term_sets[i] for i in m)), event_day=event_day(articles[m[0]]))
              for m in by_dup.values()]
    claims = alias_claims(articles)
    aliases = resolve_aliases(claims)
    descriptions = day_descriptions(articles)
    named = mid_sentence_names(articles)
    ambient = ambient_kind_words([articles[g.members[0]] for g in groups])
    for g in groups:
        g.language = language_of(articles[g.members[0]].doc[:1500])
        g.unreadable = not latin_script(articles[g.members[0]].doc[:1500])
        leads = [lead_text(articles[i]) for i in g.members]
        g.actors = {t for lead in leads for t in salient_terms(lead) if not is_figure(t)}
        g.actors |= {w for i in g.members for w in headline_objects(articles[i].headline)}
        g.kinds = event_kinds(articles[g.members[0]], ambient)
        leads = [_MARKET_MOVE.sub(" ", ". ".join(lead_parts(articles[i])[:2])) for i in g.members]
        g.lead_figures = {t for lead in leads for t in salient_terms(lead) if is_figure(t)}
        apply_aliases(g, aliases)
        for name in {n for i in g.members for n in described_actors(articles[i], descriptions, named)}:
            words = {w for w in name.split() if len(w) >= 2}
            g.terms |= {name, *words}
            g.actors |= {name, *words}
    link_name_variants(groups, articles, introduced=claims)   # an ambiguous short form is introduced too
    furniture = outlet_furniture(articles, term_sets)
    for g in groups:
        own = furniture.get(outlet_key(articles[g.members[0]].outlet))
        if own:
            g.terms -= own
            g.actors -= own
    return attach_anonymous(groups, articles, vectors, idf_weights(term_sets), named)


# A short line an outlet prints on two or more of the day's pages is its chrome (a masthead, a menu, an address, a
# sign-off), which an extraction of a table-laid-out or template-heavy page keeps: no story's words.
CHROME_LINE_CHARS = 80


def without_outlet_chrome(articles: Sequence[ArticleView]) -> list[ArticleView]:
    """The articles with the short lines their outlet repeats across the day's pages taken out of their text, for
    selection's reading only (clustering, roundups, relevance): two pages of one radio station are no more alike for
    sharing its masthead and menu."""
    by_outlet: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_outlet.setdefault(outlet_key(a.outlet), []).append(i)
    out = list(articles)
    for members in by_outlet.values():
        if len(members) < 2:
            continue
        seen: dict[str, int] = {}
        for i in members:
            for line in {ln.strip() for ln in articles[i].text.split("\n")}:
                if line and len(line) <= CHROME_LINE_CHARS:
                    seen[line] = seen.get(line, 0) + 1
        chrome = {line for line, count in seen.items() if count >= 2}
        if not chrome:
            continue
        for i in members:
            text = articles[i].text
            kept = "\n".join(ln for ln in text.split("\n") if ln.strip() not in chrome)
            if kept != text and kept.strip():
                out[i] = articles[i].model_copy(update={"text": kept})
    return out


# An outlet's furniture: what it prints on every page (its name in a kicker, a wire's home town, a section title, the
# newsreader and reporter its transcripts name), seen on at least this many of the day's pages from it. Two: two
# samples' radios, with two items each that day, had their flood and arrest items, or their fire and road items, made
# one story by the newsreader's name and nothing else.
FURNITURE_MIN_PAGES = 2


def outlet_furniture(articles: Sequence[ArticleView], term_sets: Sequence[set[str]]) -> dict[str, set[str]]:
    """Per outlet (``outlet_key``), the names and words every one of its day's pages has and no other outlet's page
    has: "KNA WIRE. TESLIN, May 13 (KNA) -" on each wire item is the outlet speaking, not the news, and two of its
    stories share it. Outlets with fewer than ``FURNITURE_MIN_PAGES`` pages that day keep everything. Two pages of one
    outlet that tell one story twice lose only the names no other outlet gives."""
    by_outlet: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_outlet.setdefault(outlet_key(a.outlet), []).append(i)
    everywhere: dict[str, set[str]] = {}
    for key, members in by_outlet.items():
        if len(members) >= FURNITURE_MIN_PAGES:
            everywhere[key] = {t for t in set.intersection(*(term_sets[i] for i in members)) if not is_figure(t)}
    out: dict[str, set[str]] = {}
    for key, common in everywhere.items():
        elsewhere = set().union(*(term_sets[i] for k, members in by_outlet.items() if k != key for i in members))
        if common - elsewhere:
            out[key] = common - elsewhere
    return out


def names_someone(group: _Group, named: set[str] | frozenset[str]) -> bool:
    """Whether a group's leads name an actor: a multi-word name, or a single word the day capitalises inside a
    sentence too (``named``, see ``mid_sentence_names``); headline objects ('~tap') and figures name nobody."""
    return any(not a.startswith("~") and not is_figure(a) and (" " in a or a in named) for a in group.actors)


# A figure and what it counts: "150,000 cubic metres", "340 engine tests", "12% of households". Bounded, so linear.
_COUNTED = re.compile(r"(?<![\w.,])[$€¥£₹]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                      r"\s?(%|percent|per cent|million|billion|bn|m|k)?(?![\w,.]\d)\s+(?:of\s+)?([a-z][a-z-]{2,})")


def counted_figures(text: str) -> set[str]:
    """Each figure of a text with the word that says what it counts ("150000 cubic", "340 engine", "12% household"):
    two pages that give the same number of the same thing report one fact; "340 engine tests" and "340 parking
    spaces" share only a number."""
    out: set[str] = set()
    for number, unit_word, noun in _COUNTED.findall(text):
        if noun in _PHRASE_END:
            continue
        noun = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 4 else noun
        out.add(f"{number.replace(',', '')}{(unit_word or '').replace('per cent', '%').replace('percent', '%')} {noun}")
    return out


def attach_anonymous(groups: list[_Group], articles: Sequence[ArticleView], vectors: np.ndarray,
                     idf: dict[str, float], named: set[str] | frozenset[str]) -> list[_Group]:
    """Join each group whose leads name nobody ("The big white building on the headland started ...") to the one
    named group it reports the same event as: the only named group that gives one of its exact figures
    (``distinctive_figure``), counting the same thing (``counted_figures``), when the two match (similarity at
    least ``MERGE_THRESHOLD``) as they would if the page named that group's actor (the same kind of event, no gap
    between their days).

    Such a page has no names to compare with the day's other pages, so average linkage would count the names it
    lacks as disagreement with every other page of its story (a ticker-and-codename market note shares nothing
    with it); joined to its named page first, it is compared as part of the story it reports. A figure that two
    named groups give is no guide, and a page that matches no named group stays on its own.
    """
    anonymous = [i for i, g in enumerate(groups) if not names_someone(g, named)]
    if not anonymous or len(anonymous) == len(groups):
        return groups
    unnamed = set(anonymous)
    holding: dict[str, set[int]] = {}     # a distinctive figure -> the named groups that give it
    for j, g in enumerate(groups):
        if j not in unnamed:
            for t in g.terms:
                if distinctive_figure(t):
                    holding.setdefault(t, set()).add(j)
    target: dict[int, int] = {}
    for i in anonymous:
        holders = sorted(set().union(*(holding.get(t, set()) for t in groups[i].terms)))
        if len(holders) != 1:
            continue
        page, holder = groups[i], groups[holders[0]]
        counted = [set().union(*(counted_figures(f"{articles[m].headline}. {articles[m].summary} "
                                                 f"{articles[m].body[:1500]}") for m in g.members))
                   for g in (page, holder)]
        if not counted[0] & counted[1]:
            continue    # the same number of different things ("340 engine tests", "340 parking spaces")
        # the pair as it would be if the page named the holder's actor: do they report the same kind of event?
        probe = replace(page, actors=page.actors | holder.actors)
        facts = {t for t in page.terms & holder.terms if distinctive_figure(t)}   # the figure that ties them
        similar = pair_similarity(float(page.vec @ holder.vec), evidence_overlap(page.terms, holder.terms, idf),
                                  event_agreement(probe, holder, facts=facts), event_gap_penalty(page, holder, facts),
                                  shares_name(probe, holder) or told_by_figures(probe, holder), facts_agree(probe, holder),
                                  foreign=not_both_english(page, holder), unreadable=page.unreadable or holder.unreadable)
        if similar >= MERGE_THRESHOLD:
            target[i] = holders[0]
    if not target:
        return groups
    out: list[_Group] = []
    for j, g in enumerate(groups):
        if j in target:
            continue
        joined = [groups[i] for i in sorted(target) if target[i] == j]
        if joined:
            members = g.members + [m for x in joined for m in x.members]
            g = _Group(members=members, vec=unit(vectors[members].mean(axis=0)),
                       terms=g.terms.union(*(x.terms for x in joined)),
                       event_day=g.event_day or next((x.event_day for x in joined if x.event_day), None),
                       actors=g.actors.union(*(x.actors for x in joined)), kinds=g.kinds,
                       lead_figures=g.lead_figures.union(*(x.lead_figures for x in joined)), language=g.language,
                       unreadable=g.unreadable)
        out.append(g)
    return out


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# "on Thursday", and the abbreviations wire copy and local papers use: "on Thurs.", "on Tues", "last Wed."
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
                          "fri": 4, "sat": 5, "sun": 6}
_EVENT_WEEKDAY = re.compile(r"\b(?:on|last)\s+(" + "|".join([*_WEEKDAYS, *_WEEKDAY_ABBREVIATIONS])
                            + r")(?:\.|\b)(?!\s*\d)", re.IGNORECASE)
# A weekday right after the verb that reports the event: "released Monday", "said on Tuesday", "voted Wed." (American
# copy drops the "on"). It dates the event even when the sentence goes on to a plan ("… goes to a vote on Friday").
_VERB_WEEKDAY = re.compile(r"\b(?:[a-z]{3,}ed|said|says|told|won|lost|cut|rose|fell|began|chose|ran|met|sent|sold|"
                           r"made|held|gave|took)\s+(?:on\s+)?(" + "|".join(x.title() for x in _WEEKDAYS) + r")\b")
# A weekday dates the article's event only in a sentence that reports something done ("said on Monday",
# "on Wednesday launched"); "go on sale on Saturday" or "talks resume on Monday" are plans, not the event.
_REPORTED = re.compile(r"\b(?:said|says|told|announced|confirmed|decided|voted|launched|unveiled|approved|ruled|"
                       r"signed|agreed|reported|published|released|opened|closed|chose|named|began|started|ended|"
                       r"rose|fell|jumped|won|lost|cut|raised|filed|blocked|banned|fined|ordered|presented)\b",
                       re.IGNORECASE)
# Any regular past tense ("carried", "completed") reports something done too, unless the sentence looks ahead.
_PAST_TENSE = re.compile(r"\b(?:[a-z]{3,}ed|broke|took|gave|made|held|met|ran|sent|sold|struck|began|rose|fell|won|lost|"
                         r"paid|left|came|went|saw|found|brought|bought|built|caught|spoke|wrote|drove|flew|grew|threw|"
                         r"knew|stood|kept|led|sank|swept|tore|burnt|spread|chose|froze|stole|woke|wore)\b")
_LOOKS_AHEAD = re.compile(r"\b(?:will|would|shall|plans?|planned|expect(?:s|ed)?|scheduled|due|set to|to be)\b",
                          re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_EVENT_DATE = re.compile(_DAY_AND_MONTH + r"(?!\s*,?\s*\d{4})", re.IGNORECASE)   # not one given with its year


def event_day(article: ArticleView) -> dt.date | None:
    """The day the article's news happened, from its lead: "said on Wednesday" or "on 18 November" read
    against its publication date (the most recent such day, at most a week before). None when unsaid.

    Two articles about one actor that report events days apart are two stories, however many names they share.
    """
    try:
        published = parse_iso(article.published_at).date()
    except ValueError:
        return None
    lead = f"{article.headline}. {article.body[:700]}"
    found: list[tuple[int, dt.date]] = []
    offset = 0
    for sentence in _SENTENCE_END.split(lead):
        weekday = _VERB_WEEKDAY.search(sentence) or _EVENT_WEEKDAY.search(sentence)
        if weekday and (_REPORTED.search(sentence)
                        or (_PAST_TENSE.search(sentence) and not _LOOKS_AHEAD.search(sentence))):
            name = weekday.group(1).lower()
            number = _WEEKDAYS.index(name) if name in _WEEKDAYS else _WEEKDAY_ABBREVIATIONS[name]
            back = (published.weekday() - number) % 7
            found.append((offset + weekday.start(), published - dt.timedelta(days=back)))
            break
        offset += len(sentence) + 1
    for match in _EVENT_DATE.finditer(lead):
        day = mentioned_day(match, published.year)
        if day is None:
            continue
        if day > published:
            day = day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day
        if 0 <= (published - day).days <= 7:
            found.append((match.start(), day))
        break
    return min(found)[1] if found else None


def link_name_variants(groups: Sequence[_Group], articles: Sequence[ArticleView],
                       introduced: dict[str, str] | dict[str, set[str]] | None = None) -> None:
    """Give a group that writes a name as its initials (a ticker, 'HSS') the full name another group uses
    ('Halden Storage Systems'), so the two variants count as a shared name.

    Initials that an article of the day introduces itself ("Norrland Cargo Lines (NCL)", see ``day_aliases``)
    mean that name only, not another company's with the same initials.
    """
    introduced = introduced or {}
    names: dict[str, set[str]] = {}
    for g in groups:
        for term in g.terms:
            words = term.split()
            if len(words) >= 3 and all(w[0].isalpha() for w in words):
                initials = "".join(w[0] for w in words)
                if initials not in introduced:
                    names.setdefault(initials, set()).add(term)
    if not names:
        return
    for g in groups:
        text = " ".join(f"{articles[i].headline} {articles[i].body[:1500]}" for i in g.members)
        for initials, full in names.items():
            if initials in g.terms and re.search(r"\b" + initials.upper() + r"\b", text):
                for name in full:
                    g.terms |= {name, name.split()[0]}
                    if initials in g.actors:
                        g.actors |= {name, name.split()[0]}


# --------------------------------------------------------------------------- aliases and event features

# A capitalised name of up to six words ("Halden Storage Systems", "Bank of Kestrel"), on one line (a headline's
# last word and the body's first are not one name); bounded, so linear to scan.
_NAME = r"[A-Z][\w&'’.-]{0,39}(?:[ \t]+(?:(?:of|and|for|de|&)[ \t]+)?[A-Z][\w&'’.-]{0,39}){0,5}"
# A short form: capitals (and digits), two to eight characters ("HSS", "MWR", "KEST", "A.P.").
_SHORT = r"[A-Z][A-Z0-9.&-]{1,7}"
# "Halden Storage Systems (HSS)", "Kestrel Energy (Oslo: KEST)", "Moselle Waterway Council (MWR, by its German
# initials)", "(known in German as the MWR)": a name and, in the parenthesis right after it, its short form as the
# parenthesis's first or last word, however the rest is phrased. Bounded, so linear to scan.
_NAME_THEN_SHORT = re.compile(r"(" + _NAME + r")\s*\(([^()\n]{2,80})\)")
_SHORT_FIRST = re.compile(r"\s*(" + _SHORT + r")(?![\w'’])(?:[\s,;:]|$)")
_SHORT_LAST = re.compile(r"(?:^|[\s,;:])(?:the\s+)?(" + _SHORT + r")\s*$")
# "HSS (Halden Storage Systems)", "MWR (short for the Moselle Waterway Council)": the short form first.
_SHORT_THEN_NAME = re.compile(r"\b(" + _SHORT + r")\s*\(\s*(?:[a-z]+\s+){0,4}(" + _NAME + r")[^()\n]{0,60}\)")
# "codenamed Project Lumen", "known as the Fjord", "trading as Volt": a second name for something just named.
_SECOND_NAME = re.compile(r"\b(?:code-?named|code name|known as|dubbed|nicknamed|trading as|trades as|branded as|"
                          r"formerly|also called|renamed|under the (?:name|codename|code name|brand)|listed as|"
                          r"(?:under|with) the (?:ticker|symbol)(?: symbol)?)\s+(?:the\s+)?[\"“‘']?(" + _NAME + r")")
# How far back in its sentence a second name looks for the name it belongs to (the sentence's subject comes first:
# "Corvane Aero Systems on Tuesday opened its test centre at Millbrook, a site it ran under the codename Kingfisher").
_SECOND_NAME_REACH = 300


def _name_key(name: str) -> str:
    """A name as ``salient_terms`` keys it (lower case, possessive and stop words dropped)."""
    found = sorted(salient_terms(name), key=lambda t: (-len(t.split()), -len(t), t))
    return found[0] if found else ""


def day_aliases(articles: Sequence[ArticleView]) -> dict[str, str]:
    """Other names for a name, learnt from how the day's articles introduce them: variant key -> name key.

    An article that writes "Halden Storage Systems (HSS)" or "HSS (Halden Storage Systems)" says the two are
    one; one that writes "Halden's Narvik plant, codenamed Project Lumen" says the codename stands for the first
    name in that sentence (or, when it has none, the headline's). What one article introduces holds for every article
    of the day, so a page that only says "HSS" or "Project Lumen" counts as naming the company; a short form that two
    different names claim is left out. One regex pass per article.
    """
    return resolve_aliases(alias_claims(articles))


def alias_claims(articles: Sequence[ArticleView]) -> dict[str, set[str]]:
    """Every name the day's articles introduce each variant for (see ``day_aliases``): variant key -> name keys."""
    found: dict[str, set[str]] = {}

    def link(variant: str, name: str) -> None:
        name = re.split(r"['’]s\b", name)[0]   # "Halden's Narvik plant": Halden
        v, n = _name_key(variant), _name_key(name)
        if v and n and v != n and v not in n.split():
            found.setdefault(v, set()).add(n)

    for a in articles:
        text = f"{a.headline}. {a.summary} {a.body[:3000]}"
        for m in _NAME_THEN_SHORT.finditer(text):
            short = parenthesised_short_form(m.group(2))
            if short:
                link(short, m.group(1))
        for m in _SHORT_THEN_NAME.finditer(text):
            link(m.group(1), m.group(2))
        for m in _SECOND_NAME.finditer(text):
            before = text[max(0, m.start() - _SECOND_NAME_REACH):m.start()]
            before = re.split(r"[.!?;]\s", before)[-1]
            # the sentence's subject ("Halden's Narvik plant, codenamed ..."); when the sentence names none ("Its new
            # plant, codenamed ..."), the one the headline names first
            owners = [o for o in re.findall(_NAME, before) if _name_key(o)]
            owners += [o for o in re.findall(_NAME, a.headline) if _name_key(o)]
            if owners:
                link(m.group(1), owners[0])
    return found


def resolve_aliases(found: dict[str, set[str]]) -> dict[str, str]:
    """The variants that name one name: variant key -> name key (see ``day_aliases``)."""
    # a short form two different names claim that day ("Cavell Air (CVA)", "Corvane Aviation (CVA)") means neither
    # for sure; a name and a longer form of it ("Halden", "Halden Storage Systems") are one owner, the longer kept
    aliases: dict[str, str] = {}
    for variant, names in sorted(found.items()):
        widest = max(names, key=lambda k: (len(k.split()), k))
        if all(set(k.split()) <= set(widest.split()) for k in names):
            aliases[variant] = widest
    return aliases


def parenthesised_short_form(inside: str) -> str | None:
    """The short form a parenthesis after a name gives: its first or last word when that is in capitals ("HSS",
    "MWR, by its German initials", "Oslo: KEST", "known in German as the MWR"). None for anything else: a
    parenthesis of eight words or more is an aside, and one whose capitals are a possessive ("EU's biggest") or
    sit mid-phrase does not give the name another form.
    """
    if len(inside.split()) > 8:
        return None
    if ":" in inside:   # "NYSE: KEST", "ticker: KEST": the listing's place or label comes first, the short form after
        inside = inside.rsplit(":", 1)[1]
    for pattern in (_SHORT_FIRST, _SHORT_LAST):
        m = pattern.match(inside) if pattern is _SHORT_FIRST else pattern.search(inside)
        if m:
            return m.group(1)
    return None


# Words that end a description's noun phrase: "Velden's port authority has ...", "the board on Wednesday".
# Closed-class English words (auxiliaries, prepositions, conjunctions, pronouns), not any topic's vocabulary.
_PHRASE_END = frozenset({
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
    "being", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "for", "from", "had", "has",
    "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "may", "might", "must", "no", "not", "now",
    "of", "on", "or", "our", "over", "said", "says", "say", "shall", "she", "should", "since", "so", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "under", "until",
    "up", "upon", "was", "we", "were", "when", "where", "which", "while", "who", "whose", "will", "with", "would",
    "yesterday", "today", "tonight", "last", "next", "again", "already", "still", "just", "only", "told",
})
# "Velden's port authority", "the Port of Velden's board", "Halm Ferries' board": what a name owns or a body it has.
_POSSESSED = re.compile(r"(" + _NAME + r")(?:['’]s|(?<=s)['’])\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")
# "Ofgem, the energy regulator,", "the NWA, the sector's regulator,": a name and its description side by side.
_APPOSED = re.compile(r"(" + _NAME + r"),\s+(?:the|its)\s+(?:[a-z][a-z-]*(?:['’]s|(?<=s)['’])\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})"
                      r"\s*[,;)]")
# "The harbour board's vote", "the regulator said": a description with no name.
_DEFINITE = re.compile(r"(?<![\w'’])[Tt]he\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})")


def description_words(words: str) -> list[str]:
    """The words of a description up to where its noun phrase ends ("port authority has cleared" -> "port",
    "authority"): a closed-class word or a past-tense verb ends it. Singular, four letters or more."""
    kept: list[str] = []
    for word in words.lower().split():
        if word in _PHRASE_END or (word.endswith("ed") and len(word) > 4):
            break
        kept.append(word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word)
    return [w for w in kept if len(w) >= 4]


def description_head(words: str) -> str | None:
    """The head noun of a description with no name ("the harbour board's vote" -> "board"): its last word."""
    kept = description_words(words)
    return kept[-1] if kept else None


def day_descriptions(articles: Sequence[ArticleView]) -> dict[str, str]:
    """What the day's articles call their named actors: description head -> name key ("board" -> "port velden",
    from "the Port of Velden's board"; "regulator" -> "ofgem", from "Ofgem, the energy regulator,").

    A head that two different names own that day ("Kestrel's board", "Marrow's board") is ambiguous and left out;
    a name and a longer form of it ("Velden", "Port of Velden") are one owner, the longer form kept.
    """
    owners: dict[str, set[str]] = {}
    for a in articles:
        text = f"{a.headline}. {a.summary} {a.body[:3000]}"
        for pattern in (_POSSESSED, _APPOSED):
            for m in pattern.finditer(text):
                key = _name_key(m.group(1))
                # without a parser the phrase's end is a guess ("Halm Ferries' board resigns"): every word of it may
                # be the head; only a word another page uses as a description's head is ever looked up
                for head in description_words(m.group(2)) if key else []:
                    owners.setdefault(head, set()).add(key)
    out: dict[str, str] = {}
    for head, keys in sorted(owners.items()):
        widest = max(keys, key=lambda k: (len(k.split()), k))
        if all(set(k.split()) <= set(widest.split()) for k in keys):
            out[head] = widest
    return out


def described_actors(article: ArticleView, descriptions: dict[str, str],
                     named: set[str] | frozenset[str] | None = None) -> set[str]:
    """The names an article's lead stands for when it names nobody and only describes its actor ("The harbour
    board's vote on Wednesday ...", "The regulator fined ..."): each description resolved through the names the
    day's other articles give that description (see ``day_descriptions``).

    A lead that names someone is about that name; its descriptions are left alone (a page's "the board" is
    then its own company's board, not another page's). With ``named`` (the day's ``mid_sentence_names``), a single
    capitalised word counts as a name only if the day capitalises it inside a sentence too: "Fix your pipes" and
    "Planners expect" open with an ordinary word.
    """
    parts = lead_parts(article)[:2]
    lead = ". ".join(part.rstrip(".") for part in parts)
    if any(not is_figure(t) and (named is None or " " in t or t in named) for t in salient_terms(lead)):
        return set()
    found: set[str] = set()
    for m in _DEFINITE.finditer(lead):
        head = description_head(m.group(1))
        if head and head in descriptions:
            found.add(descriptions[head])
    return found


def apply_aliases(group: _Group, aliases: dict[str, str]) -> None:
    """Add to a group the names its variants stand for (and the words of those names), in terms and actors."""
    for target in (group.terms, group.actors):
        for variant in [t for t in target if t in aliases]:
            name = aliases[variant]
            target |= {name, *(w for w in name.split() if len(w) >= 2)}


# Kinds of event, by the verbs and objects a headline or lead reports them with: two reports of one event
# describe the same kind of thing happening; two stories about one actor are usually different kinds (a launch
# and a supplier switch, a closure and a regulator's opinion). A general news vocabulary, not any sample's words.
# What an authority "opens", "launches" or "releases" when nothing opens, launches or is released to the public: an
# inquiry, talks, a statement ("BMCB opens inquiry", "police launched an appeal", "the company released a statement").
_PROCEDURE = (r"(?!\s+(?:an?\s+|the\s+|its\s+|their\s+|formal\s+|new\s+)?(?:inquiry|inquiries|investigations?|probes?|"
              r"case|talks|consultations?|fire|bidding|negotiations?|appeals?|reviews?|statements?|reports?|"
              r"figures|details|names))")
_EVENT_KINDS: dict[str, str] = {
    # a product released, not a "press release" (the document)
    "launch": r"(?:launch\w*|(?<!press )(?<!news )(?<!media )releas\w*)" + _PROCEDURE + r"|unveil\w*|introduc\w*|"
              r"debut\w*|on sale|pre-?orders?|rolls? out|rolled out",
    "facility": r"factor(?:y|ies)|plants?|facilit(?:y|ies)|production lines?|manufacturing|construction|built|"
                r"build(?:s|ing)?|sites?|zoning|fabs?|expansion|capacity",
    "supply": r"suppliers?|supply|supplies|contracts?|orders?|procure\w*|tenders?|sourc(?:e|es|ed|ing)",
    "deal": r"acqui\w*|merg(?:e|er|ers|ed|ing)|takeovers?|stakes?|buy(?:s|out)?|bought|sells?|sold|sale of",
    # "raises $40m" and "quarterly results", not "raise the peak fare" (prices); a quarter of the year, not "a quarter
    # past seven" (a time) nor "the town's east quarter" (a district)
    "finance": r"fund(?:s|ed|ing)?|raise[sd]?(?!\s+(?:[\w-]+\s+){0,3}(?:fares?|prices?|tariffs?|fees?|rents?|tolls?|"
               r"charges?)\b)|investments?|ipo|valuation|earnings|profits?|revenues?|forecasts?|"
               r"quarterly|(?:first|second|third|fourth|final|last|latest|previous|current|same|fiscal|financial|"
               r"[1-4](?:st|nd|rd|th))[ -]quarters?",
    # a registry's act too: a name "registered", a tag "granted" (a protected wine name, not a price deal)
    "rules": r"regulat\w*|rules?|laws?|bans?|banned|tariffs?|fees?|licen[cs]\w*|fine[sd]?|court|rulings?|approv\w*|"
             r"permits?|penal\w*|opinion|watchdog|registered|registers|registration|granted",
    "labour": r"strikes?|walkouts?|unions?|ballots?|layoffs?|job cuts|job losses|wages?|rosters?|redundanc\w*|"
              r"lay(?:s|ing)? off|laid off|(?:shed(?:s|ding)?|cut(?:s|ting)?) (?:\d[\d,]*|(?:\d[\d,]* )?(?:jobs|posts|staff|"
              r"workers))",   # "shed 340", "cut 85 jobs"; not the "sheds" by the ring road
    "opening": r"(?:opens|opened|opening)" + _PROCEDURE + r"|reopen\w*|inaugura\w*|commission(?:s|ed|ing)|switch(?:es|ed)? on|maiden|"
               r"(?:comes?|came|goes|went|go) (?:online|live|into service)|in service|enter(?:s|ed|ing)? service|"
               r"(?:began|begins?|starts?|started) (?:supplying|operating|operations|production|producing|service|"
               r"flying|sailing|running)|first (?:commercial|scheduled|regular|paying|passenger)(?: [a-z-]+)? "
               r"(?:flights?|routes?|services?|voyages?|sailings?|crossings?|runs?|trips?|passengers?)|"
               r"(?:carried|carries|welcomed|welcomes) (?:its|their) first",
    "closure": r"clos(?:e|es|ing|ure|ures)|shut\w*|wind(?:s|ing)? down|exit(?:s|ed|ing)?",
    "delay": r"delay\w*|postpon\w*|behind schedule|pushed back|overrun\w*",
    "prices": r"fares?|prices?|pricing|price caps?|capped|discount\w*|subsid\w*|cheaper|dearer|"
              r"(?:tickets?|passes|bills?|tolls?) (?:will )?(?:go |goes |went |are |is )?(?:up|down) by",
    "people": r"appoint\w*|resign\w*|steps? down|stepped down|hire[sd]?|chief executive|ceo",
    "safety": r"recall\w*|fires?|defects?|faults?|injur\w*|safety|outbreaks?|infections?|outages?|"
              r"(?:systems?|apps?|website|network|services?|sales|internet|data|phones?|mobile|broadband|power|"
              r"payments?|lines?) (?:(?:is|was|were|went|are|goes|go) )?(?:down|offline|stopped|dark)|"
              r"did not work|stopped working|crash(?:ed|es)?|glitch\w*|breakdowns?|broke down|failures?|fail(?:s|ed)|"
              r"burst(?:s|ing)?|leak(?:s|ed|ing|age)?|spill(?:s|ed|age)?|explo(?:sion|sions|ded|des)|collaps\w*|"
              r"derail\w*",   # an accident: a main bursts, a tank leaks, a quay collapses
    "research": r"trials?|study|studies|findings|researchers|tested|testing",
}
_KIND_PATTERNS = {kind: re.compile(r"\b(?:" + words + r")\b", re.IGNORECASE) for kind, words in _EVENT_KINDS.items()}
# A share price moving, traders and analysts reacting: how markets answer an event of any kind, so these words
# are in no kind above (a page on the shares and a page on the factory behind them report one event).
# "CVX adds 4%", "Osmera shares leapt 31 percent", "BWD stock rose 6 percent": a share price's move is how the market
# answered the event, not the event's own figure, so it is no lead figure (a market note's lead gives one, the news
# report of the same event another). A ticker or "shares"/"stock" right before the verb: "bills rise 7.5%" stays.
_MARKET_MOVE = re.compile(
    r"(?:\b[A-Z]{2,6}\b(?:\s+(?:shares|stock))?|\b(?:[Ss]hares|[Ss]tock)(?:\s+in(?:\s+[A-Z][\w&.'’-]*){1,4})?)\s+"
    r"(?:gain(?:s|ed)?|add(?:s|ed)?|jump(?:s|ed)?|lea(?:ps|pt|ped)|climb(?:s|ed)?|rise[sn]?|rose|soar(?:s|ed)?|"
    r"surge[sd]?|fall(?:s|en)?|fell|drop(?:s|ped)?|slide[s]?|slid|slip(?:s|ped)?|sink[s]?|sank|tumble[sd]?|"
    r"plunge[sd]?|lose[s]?|lost)\s+(?:by\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per cent)")
# Where the event is told: the headline counts most, then the lead's first and second sentences.
_LEAD_WEIGHTS = (2.0, 1.0, 0.5)


# Words a headline uses that say nothing about who or what the event concerns.
_HEADLINE_FILLER = frozenset({
    "about", "after", "again", "against", "ahead", "along", "also", "amid", "another", "back", "because", "been",
    "before", "being", "below", "between", "beyond", "both", "could", "despite", "does", "doing", "down", "during",
    "each", "every", "first", "from", "gets", "give", "gives", "have", "here", "into", "just", "last", "later",
    "least", "like", "make", "makes", "many", "more", "most", "much", "next", "only", "other", "over", "same",
    "says", "second", "some", "still", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "those", "three", "through", "under", "until", "upon", "very", "what", "when", "where", "which", "while",
    "will", "with", "within", "would", "year", "years", "your",
})


def headline_objects(headline: str) -> set[str]:
    """The common nouns and verbs of a headline ('tram', 'fare', 'strike'), singular, as event participants.

    Two headlines about one event often name what it concerns in ordinary words ("flat tram fare", "tram fares
    capped") where no proper name is shared.
    """
    out: set[str] = set()
    for word in re.findall(r"(?<![\w'’-])[a-z][a-z-]{3,}(?![\w'’])", headline):
        if word in _HEADLINE_FILLER:
            continue
        out.add("~" + (word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 4 else word))
    return out


# "two days after the company won a contract", "a week after its launch", "Hours After …": a clause that dates
# another, earlier event by its distance; its figures and event words are background, not what the lead reports.
# The clause runs to a comma followed by a space, a semicolon, a colon, a dash or the sentence's end ("a $14,500,000
# contract" stays whole), at most _EARLIER_EVENT_WORDS words.
_EARLIER_EVENT = re.compile(
    r"(?i)(?:,\s*|\s+)(?:(?:just|only|barely|some|about|nearly|almost)\s+)?(?:(?:a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d{1,2}|several|a few|few)\s+)?(?:hours?|days?|weeks?|months?|years?)\s+after\b")
_CLAUSE_END = re.compile(r",\s|[;:—–]|\s-\s")
_EARLIER_EVENT_WORDS = 14


def without_earlier_events(text: str) -> str:
    """``text`` less each clause that dates an earlier event by its distance (``_EARLIER_EVENT``)."""
    out: list[str] = []
    pos = 0
    for m in _EARLIER_EVENT.finditer(text):
        if m.start() < pos:
            continue
        end = _CLAUSE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        words = text[m.end():stop].split()
        if len(words) > _EARLIER_EVENT_WORDS:
            continue
        out.append(text[pos:m.start()])
        pos = stop
    out.append(text[pos:])
    return "".join(out)


# A line of fewer words than this is a label (a kicker "Enforcement", a section "Salmon."), not a sentence of the lead
_LEAD_MIN_WORDS = 4
# A byline ("By Ana Ruiz", "Por Ignacio Flores Mamani, corresponsal", "Par Luc Ferré") names the writer, not anyone the
# story is about: as a lead's name it tied one writer's reports of different events together. Bounded, so linear.
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]{0,30}"
_BYLINE = re.compile(r"\s*(?:[Bb]y|BY|[Pp]or|[Pp]ar|[Vv]on|[Dd]i|[Dd]oor|[Aa]v|[Pp]rzez)\s+" + _NAME_WORD
                     + r"(?:\s+(?:" + _NAME_WORD + r"|and|y|e|et|und|i|de|del|la|van|von|da|di)){0,6}"
                     + r"\s*(?:[,|·–—-][^.!?]{0,60})?\.?\s*$")


# A line with fewer lower-case words than this is a label (a wire's slug "QW-PT-0518-015 181120 QST MAY 2034", a
# masthead "| QUEN WIRE SERVICE |"), not a sentence: its codes and capitals would be read as the lead's names. One
# is enough: "TESLIN, May 12 (KNA) - Good morning." is a sentence.
_LEAD_MIN_LOWER_WORDS = 1
_LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])[^\W\d_A-ZÀ-Þ][\w'’-]*")


def is_label(line: str) -> bool:
    """Whether a line of the body is a label rather than a sentence: too short, or with too few lower-case words."""
    return word_count(line) < _LEAD_MIN_WORDS or len(_LOWER_CASE_WORD.findall(line)) < _LEAD_MIN_LOWER_WORDS


def lead_parts(article: ArticleView) -> list[str]:
    """Headline and the first two sentences of the body: where a news article says who did what.

    A body that repeats the headline as its first line (an extracted ``<h1>``) starts after it; a kicker, section
    label or wire slug is no sentence. A clause dating an earlier event by its distance ("two days after it won a
    contract") is left out: the lead reports the event before it.
    """
    headline_key = normalise_sentence(article.headline)
    sentences = [x for x in split_sentences(article.body[:1500])[:5]
                 if normalise_sentence(x) != headline_key and not is_label(x) and not _BYLINE.match(x)]
    return [without_earlier_events(part) for part in (article.headline, *sentences[:2])]


def lead_text(article: ArticleView) -> str:
    """The lead as one text; the parts stay sentences, so a headline's last name and the body's first do not
    read as one name."""
    return ". ".join(part.rstrip(".") for part in lead_parts(article))


# "without a delay", "no strike", "not approved", "never closed": the word is there, the event is not. "Two days
# after opening its fab", "since the strike": an earlier event the lead refers back to, not the one it reports.
_NOT_THIS_EVENT = re.compile(r"\b(?:without(?: an?| any)?|no|not|never|nor|after|since|following)\s+(?:the\s+|its\s+|their\s+)?$",
                      re.IGNORECASE)


def _kind_words(pattern: re.Pattern[str], text: str,
                ambient: frozenset[str] | set[str] = frozenset()) -> Iterator[str]:
    """The words of a kind that ``text`` uses as the event it reports (see ``_reports_kind``), each as
    ``kind_word`` writes it, less the ``ambient`` ones."""
    for match in pattern.finditer(text):
        after = text[match.end():match.end() + 2]
        if len(after) == 2 and after[0] == "-" and after[1].isalpha():
            continue
        if _NOT_THIS_EVENT.search(text[max(0, match.start() - 20):match.start()]):
            continue
        word = kind_word(match.group(0))
        if word not in ambient:
            yield word


def kind_word(matched: str) -> str:
    """A matched kind word as counted across the day's leads: lower case, without a plural "s" ("Fires" is "fire")."""
    word = matched.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _reports_kind(pattern: re.Pattern[str], text: str, ambient: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``text`` uses one of a kind's words as the event it reports: not negated ("without a delay") and
    not as the first part of a compound modifier ("fare-paying passengers", "safety-critical parts"), and not one
    of the day's ``ambient`` kind words (see ``ambient_kind_words``)."""
    return next(_kind_words(pattern, text, ambient), None) is not None


def event_kinds(article: ArticleView, ambient: frozenset[str] | set[str] = frozenset()) -> dict[str, float]:
    """What kind of event the article reports: each kind's weight by where its words appear in the lead. Words in
    ``ambient`` (the day's subject, see ``ambient_kind_words``) name no kind."""
    parts = lead_parts(article)
    out: dict[str, float] = {}
    for part, weight in zip(parts, _LEAD_WEIGHTS, strict=False):
        for kind, pattern in _KIND_PATTERNS.items():
            if _reports_kind(pattern, part, ambient):
                out[kind] = out.get(kind, 0.0) + weight
    return out


def ambient_kind_words(articles: Sequence[ArticleView]) -> set[str]:
    """Kind words that more than half of the day's leads use (at least three): the watcher's subject itself ("fire"
    for a wildfire watcher), which every story shares, so it tells no two events apart. As with the day's setting
    among actors (a name in most leads), such a word names no kind of event that day."""
    return in_most([{w for part in lead_parts(article) for pattern in _KIND_PATTERNS.values()
                        for w in _kind_words(pattern, part)} for article in articles])


def in_most(sets: Sequence[Collection[str]]) -> set[str]:
    """The items found in more than half of ``sets`` (the day's leads, term sets or groups; each counted once per
    set), and in three at least: the day's setting (a name, a kind word) that every story shares, not what tells
    stories apart."""
    counts: dict[str, int] = {}
    for items in sets:
        for item in items:
            counts[item] = counts.get(item, 0) + 1
    return {item for item, k in counts.items() if k > max(2, len(sets) // 2)}


def kind_similarity(a: dict[str, float], b: dict[str, float]) -> float | None:
    """Cosine of two event-kind profiles; None when either lead names no kind of event."""
    if sum(a.values()) < 1.0 or sum(b.values()) < 1.0:  # only a second sentence's word: too weak to tell
        return None
    dot = math.fsum(a[k] * b[k] for k in sorted(a.keys() & b.keys()))
    norm = math.sqrt(math.fsum(v * v for v in a.values())) * math.sqrt(math.fsum(v * v for v in b.values()))
    return dot / norm if norm else None


def shared_facts(a: _Group, b: _Group) -> set[str]:
    """The figures two groups agree on as the facts they report: the ones both leads give. A figure one of them
    only tells again deeper down ("the 1,200 jobs promised when the fab opened", in a story about job cuts) is
    background, not the same facts."""
    return a.lead_figures & b.lead_figures


def event_agreement(a: _Group, b: _Group, setting: set[str] | frozenset[str] = frozenset(),
                    facts: set[str] | None = None) -> float | None:
    """How far two groups' leads report the same event about a shared actor, or with the same exact figure: the
    similarity of their kinds of event (0 when their lead figures conflict), or None when they share neither an actor
    (outside ``setting``, the names in most of the day's leads) nor a distinctive lead figure, or a lead names no kind
    of event. ``facts``: the figures they agree on, when known
    otherwise (default ``shared_facts``)."""
    agreed = shared_facts(a, b) if facts is None else facts
    if not (a.actors & b.actors) - setting and not any(distinctive_figure(t) for t in agreed):
        return None   # no actor in common, and no exact figure both leads give ("$380K" and "$380,000") either
    similar = kind_similarity(a.kinds, b.kinds)
    if similar is None:
        # a lead whose kind of event no word names still tells its event by its figures: each lead gives its own
        # exact figure (a 3.4 million euro fine, a 900-container ship) and none is shared, so two events; both give
        # the same ones, two or more, so one event
        if told_by_figures(a, b):
            return KIND_AGREE
        own_a, own_b = distinct_lead_figures(a), distinct_lead_figures(b)
        return 0.0 if own_a and own_b and not a.lead_figures & b.lead_figures and not told_each_other(a, b) else None
    if any(distinctive_figure(t) for t in agreed) and not adds_unknown_figures(a, b):
        # both give the same exact figure (180,000 containers a year), whether or not their leads open with it or
        # tell it as the same kind ("approves" a terminal, a terminal "will be built"): the facts agree, no loss.
        # Not when one lead's own exact figure is nowhere in the other's pages: the same "4,200 homes" left dry by a
        # burst main and served by a plant whose $18.6-million renewal a council approved are two events
        similar = max(similar, KIND_NEUTRAL)
    elif a.lead_figures and b.lead_figures and not a.lead_figures & b.lead_figures and not told_each_other(a, b):
        similar = 0.0   # each lead gives its event's figure, they differ, and neither page tells the other's: two events
    return similar


def event_adjustment(a: _Group, b: _Group, setting: set[str] | frozenset[str] = frozenset()) -> float:
    """Similarity added or taken off when two groups' leads report on the same actor.

    One actor, the same kind of event: likely one story told in other words (a company's name, its ticker and
    its project's codename), so the pair gains similarity. One actor, different kinds of event: two stories
    about one company, which the shared name would otherwise pull together, so the pair loses it. Groups with
    no actor in common are left as they are; names in ``setting`` (in most of the day's leads) do not count.
    """
    similar = event_agreement(a, b, setting)
    return 0.0 if similar is None else EVENT_WEIGHT * (similar - KIND_NEUTRAL)


def adds_unknown_figures(a: _Group, b: _Group) -> bool:
    """Whether either group's leads give an exact figure (``distinctive_figure``) that the other group's pages never
    give."""
    return bool(distinct_lead_figures(a) - b.terms) or bool(distinct_lead_figures(b) - a.terms)


def told_each_other(a: _Group, b: _Group) -> bool:
    """Whether each group's pages give a figure the other's lead gives: two leads that open with different figures of
    one audit (a 59% standard met, a $61-million overspend) still tell the same facts further down. A later event's
    page recalling the earlier one's figure as background does not make it so: the earlier pages lack the later
    figure."""
    return bool(a.lead_figures & b.terms) and bool(b.lead_figures & a.terms)


def told_by_figures(a: _Group, b: _Group) -> bool:
    """Whether two leads give the same exact figures, two or more and no other ("$1.1 billion" and "40,000 tonnes"
    against "US$1.1b" and "40ktpa"): one event, as surely as a shared name, when the pages name its parties
    differently (a state company in Spanish, in English and by its acronym). A lead that adds a figure of its own
    (the bid price beside the plant's cost it recalls) tells another event."""
    own = distinct_lead_figures(a)
    return len(own) >= 2 and own == distinct_lead_figures(b)


def distinct_lead_figures(g: _Group) -> set[str]:
    """The figures of a group's leads specific enough to name one event (``distinctive_figure``)."""
    return {t for t in g.lead_figures if distinctive_figure(t)}


def shares_name(a: _Group, b: _Group, setting: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether two groups' leads name the same actor (outside ``setting``), not merely a headline word ('~open')."""
    return any(not x.startswith("~") for x in (a.actors & b.actors) - setting)


def pair_similarity(cos: float, overlap: float, agreement: float | None, gap: float, named: bool = False,
                    facts_agree: bool = False, foreign: bool = False, unreadable: bool = False) -> float:
    """One pair's similarity from its parts: the embedding cosine and the rare-name/number overlap mixed, less the
    event-day gap penalty, plus the event adjustment (``agreement`` is ``event_agreement``); at least
    ``FACTS_AGREE_SIMILARITY`` when the leads give the same two exact figures or more (``facts_agree``); at most
    ``FOREIGN_NO_EVIDENCE_SIMILARITY`` when a page is in another language than English (``foreign``, see
    ``not_both_english``) and the two share no name or figure to speak of. The cosine is at most
    ``UNREADABLE_COSINE`` when a page is in a script the model cannot read (``unreadable``).

    When the two leads name the same actor (``named``, see ``shares_name``) and agree on the event (the same kind, no
    gap between their days), the shared names and figures may outweigh the wording (``EVIDENCE_WEIGHT``): a
    ticker-and-codename market note shares little vocabulary with the news report of the same plant opening, but
    everything it names.
    """
    if unreadable:
        cos = min(cos, UNREADABLE_COSINE)
    mixed = COSINE_WEIGHT * cos + (1 - COSINE_WEIGHT) * overlap
    if named and agreement is not None and agreement >= KIND_AGREE and gap == 0.0:
        mixed = max(mixed, (1 - EVIDENCE_WEIGHT) * cos + EVIDENCE_WEIGHT * overlap)
    adjustment = 0.0 if agreement is None else EVENT_WEIGHT * (agreement - KIND_NEUTRAL)
    similar = mixed - gap + adjustment
    if foreign and overlap <= FOREIGN_NO_EVIDENCE_OVERLAP:
        similar = min(similar, FOREIGN_NO_EVIDENCE_SIMILARITY)
    if facts_agree:
        similar = max(similar, FACTS_AGREE_SIMILARITY)
    return min(1.0, max(-1.0, similar))


def not_both_english(a: _Group, b: _Group) -> bool:
    """Whether one of two groups is known to be in another language than English (see
    ``FOREIGN_NO_EVIDENCE_SIMILARITY``)."""
    return known_foreign(a) or known_foreign(b)


def known_foreign(g: _Group) -> bool:
    """Whether a group's language is known and is not English (an undetected one counts as English)."""
    return g.language not in (None, "en")


def facts_agree(a: _Group, b: _Group) -> bool:
    """Whether two groups' leads give the same two exact figures or more (see ``FACTS_AGREE_SIMILARITY``)."""
    return len(distinct_lead_figures(a) & distinct_lead_figures(b)) >= 2


def similarity_matrix(groups: Sequence[_Group], idf: dict[str, float]) -> np.ndarray:
    """Pairwise similarity of the initial groups: embedding cosine mixed with shared rare names and numbers.

    The same figures as ``pair_similarity`` (``COSINE_WEIGHT * cos + (1 - COSINE_WEIGHT) * evidence_overlap``, the
    evidence weighted more where the leads agree on the event, less the gap penalty, plus the event adjustment) pair
    by pair, in whole-matrix arithmetic: cosines are one matrix product (the lower of the raw and the day-relative
    one where the groups have both, see ``with_day_relative``), and the term overlap is computed only for
    the pairs that share a term at all (a sparse product over the vocabulary), so a busy day costs O(n^2) numpy work
    instead of O(n^2) Python calls.
    """
    n = len(groups)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float64)
    vecs = np.stack([g.vec for g in groups]).astype(np.float64)
    cos = vecs @ vecs.T
    if all(g.apart is not None for g in groups):   # the lower of the raw and the day-relative cosine
        aparts = np.stack([g.apart for g in groups if g.apart is not None]).astype(np.float64)
        cos = np.minimum(cos, aparts @ aparts.T)
    # a page in a script the English model cannot read (Greek, Cyrillic, Chinese): its cosine with any page says
    # nothing of content, and only names and figures can tell (UNREADABLE_COSINE)
    unreadable = np.array([g.unreadable for g in groups])
    cos = np.where(unreadable[:, np.newaxis] | unreadable[np.newaxis, :], np.minimum(cos, UNREADABLE_COSINE), cos)
    overlap = _overlap_matrix([g.terms for g in groups], idf)
    gaps = _event_gap_penalties(groups)
    agreement, named = _event_agreements(groups)   # agreement NaN where no actor is shared or a lead names no kind
    base = COSINE_WEIGHT * cos + (1 - COSINE_WEIGHT) * overlap
    agree = named & (np.nan_to_num(agreement, nan=-1.0) >= KIND_AGREE) & (gaps == 0.0)
    base = np.where(agree, np.maximum(base, (1 - EVIDENCE_WEIGHT) * cos + EVIDENCE_WEIGHT * overlap), base)
    base -= gaps
    base += np.where(np.isnan(agreement), 0.0, EVENT_WEIGHT * (np.nan_to_num(agreement) - KIND_NEUTRAL))
    foreign = np.array([known_foreign(g) for g in groups])   # ``not_both_english`` of every pair
    unsupported = (foreign[:, np.newaxis] | foreign[np.newaxis, :]) & (overlap <= FOREIGN_NO_EVIDENCE_OVERLAP)
    base = np.where(unsupported, np.minimum(base, FOREIGN_NO_EVIDENCE_SIMILARITY), base)
    facts = _shared_counts([distinct_lead_figures(g) for g in groups]) >= 2   # ``facts_agree`` of every pair
    base = np.where(facts, np.maximum(base, FACTS_AGREE_SIMILARITY), base)
    np.clip(base, -1.0, 1.0, out=base)  # a similarity, and 1 - base a distance linkage accepts
    np.fill_diagonal(base, 0.0)
    return base


def _membership(sets: Sequence[set[str] | frozenset[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Rows: the sets; columns: every item any of them holds, in a fixed order (so sums over them are the same, bit
    for bit, in every process); 1 where a set holds an item. And the items, in column order."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, items in enumerate(sets):
        for item in sorted(items):
            cols.append(vocab.setdefault(item, len(vocab)))
            rows.append(i)
    member = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(vocab))))
    return member, list(vocab)


def _shared_counts(sets: Sequence[set[str] | frozenset[str]]) -> np.ndarray:
    """For every pair of sets, how many items they share (one sparse product, never a pair at a time)."""
    member, _ = _membership(sets)
    return (member @ member.T).toarray()


def _shared(sets: Sequence[set[str] | frozenset[str]]) -> np.ndarray:
    """For every pair of sets, whether they share an item."""
    return _shared_counts(sets) > 0


def _given_by(sets: Sequence[set[str]], groups: Sequence[_Group]) -> np.ndarray:
    """[i, j]: how many of ``sets[i]`` group j's pages give (one sparse product of the sets by the groups' terms)."""
    n = len(sets)
    member, _ = _membership([*sets, *(g.terms for g in groups)])
    return (member[:n] @ member[n:].T).toarray()


def _told_each_other(groups: Sequence[_Group]) -> np.ndarray:
    """``told_each_other`` of every pair."""
    told = _given_by([g.lead_figures for g in groups], groups) > 0   # [i, j]: a figure of i's lead is among j's terms
    return told & told.T


def _adds_unknown_figures(groups: Sequence[_Group], distinct: Sequence[set[str]]) -> np.ndarray:
    """``adds_unknown_figures`` of every pair (``distinct``: each group's ``distinct_lead_figures``)."""
    unknown = _given_by(distinct, groups) < np.array([len(d) for d in distinct], dtype=np.float64)[:, None]
    return unknown | unknown.T


def _event_agreements(groups: Sequence[_Group]) -> tuple[np.ndarray, np.ndarray]:
    """``event_agreement`` of every pair (NaN where it is None: no actor outside the day's setting and no distinctive
    lead figure shared, or no kind of event to compare), and ``shares_name`` or ``told_by_figures`` of every pair.

    The same rule as ``event_agreement``, in whole-matrix arithmetic: which pairs share an actor, a lead figure or a
    distinctive lead figure are sparse products over the groups' sets, and the kinds' cosines one matrix product, so
    a busy day whose leads share common words ("group", "million") costs numpy work, not a Python call per pair.
    """
    n = len(groups)
    # a name in most leads is the day's setting (the watcher's city, its company), not what tells stories apart
    setting = in_most([g.actors for g in groups])
    actor_sets = [g.actors - setting for g in groups]
    shares_actor = _shared(actor_sets)
    named = _shared([{a for a in actors if not a.startswith("~")} for actors in actor_sets])
    distinct = [distinct_lead_figures(g) for g in groups]
    shares_distinct = _shared(distinct)
    shares_figure = _shared([g.lead_figures for g in groups]) | _told_each_other(groups)
    has_distinct = np.array([bool(d) for d in distinct])
    has_figures = np.array([bool(g.lead_figures) for g in groups])
    # kind profiles: a kind's cosine is None (NaN) where either lead's kind words weigh less than one first sentence
    kinds = sorted({k for g in groups for k in g.kinds})
    profile = np.array([[g.kinds.get(k, 0.0) for k in kinds] for g in groups], dtype=np.float64).reshape(n, len(kinds))
    strong = profile.sum(axis=1) >= 1.0
    norms = np.sqrt((profile * profile).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = (profile @ profile.T) / np.outer(norms, norms)
    comparable = np.outer(strong, strong) & (np.outer(norms, norms) > 0)
    out = np.where(comparable, cosine, np.nan)
    # both give the same exact figure, and neither lead one the other's pages lack: the facts agree, at least
    # neutral whatever the kinds
    facts_agree = shares_distinct & ~_adds_unknown_figures(groups, distinct)
    out = np.where(comparable & facts_agree, np.maximum(out, KIND_NEUTRAL), out)
    # each lead gives its own figure and they share none: two events
    both_figures = np.outer(has_figures, has_figures)
    out = np.where(comparable & ~shares_distinct & both_figures & ~shares_figure, 0.0, out)
    # no kind to compare, but each lead gives its own exact figure and none is shared: two events
    own_apart = np.outer(has_distinct, has_distinct) & ~shares_figure
    out = np.where(~comparable & own_apart, 0.0, out)
    # no kind to compare, and both give the same exact figures, two or more: one event (``told_by_figures``)
    same_figures = np.zeros((n, n), dtype=bool)
    by_figures: dict[frozenset[str], list[int]] = {}
    for i, d in enumerate(distinct):
        if len(d) >= 2:
            by_figures.setdefault(frozenset(d), []).append(i)
    for members in by_figures.values():
        if len(members) > 1:
            same_figures[np.ix_(members, members)] = True
    out = np.where(~comparable & same_figures, KIND_AGREE, out)
    named = named | same_figures
    related = shares_actor | shares_distinct
    out = np.where(related, out, np.nan)
    np.fill_diagonal(out, np.nan)
    np.fill_diagonal(named, False)
    return out, named


def _event_gap_penalties(groups: Sequence[_Group]) -> np.ndarray:
    """``event_gap_penalty`` of every pair, as one matrix: the day filter is vectorised, the rule itself is
    applied only to the pairs whose event days are far enough apart."""
    n = len(groups)
    out = np.zeros((n, n), dtype=np.float64)
    days = np.array([g.event_day.toordinal() if g.event_day is not None else np.nan for g in groups], dtype=np.float64)
    apart = np.abs(days[:, np.newaxis] - days[np.newaxis, :]) >= EVENT_GAP_DAYS  # NaN (undated) compares False
    for i, j in zip(*np.nonzero(np.triu(apart, k=1)), strict=True):
        out[i, j] = out[j, i] = event_gap_penalty(groups[i], groups[j])
    return out


def event_gap_penalty(a: _Group, b: _Group, facts: set[str] | None = None) -> float:
    """Similarity taken off when two groups report events at least two days apart and share no distinctive figure
    that both lead with: not two reports of one event (one that dates an incident and one that dates the
    statement about it share its figures; a "19-seat" plane re-told as background, or the "1,200 jobs" of last
    week's opening told again deep in this week's job cuts, is no such figure)."""
    if a.event_day is None or b.event_day is None or abs((a.event_day - b.event_day).days) < EVENT_GAP_DAYS:
        return 0.0
    if any(distinctive_figure(t) for t in (shared_facts(a, b) if facts is None else facts)):
        return 0.0
    return EVENT_GAP_PENALTY

def _term_weight(term: str, idf: dict[str, float]) -> float:
    """A term's evidence weight, as ``evidence_overlap`` counts it."""
    return idf.get(term, 0.0) * (FIGURE_WEIGHT if is_figure(term) else 1.0)


def _overlap_matrix(term_sets: Sequence[set[str]], idf: dict[str, float]) -> np.ndarray:
    """``evidence_overlap`` of every pair of term sets, computed only where two sets share a term.

    ``evidence_overlap`` leaves out a word that is part of a shared multi-word name (it would count the
    name twice); that correction (``parts``) differs per pair and is computed in Python, only for the pairs
    that share a multi-word name.
    """
    n = len(term_sets)
    member, terms_by_index = _membership(term_sets)
    if not terms_by_index:
        return np.zeros((n, n), dtype=np.float64)
    weights = np.array([_term_weight(t, idf) for t in terms_by_index], dtype=np.float64)
    shared = (member.multiply(weights[np.newaxis, :]).tocsr() @ member.T).toarray()  # S[i, j]: shared weight
    own = np.asarray(member @ weights).ravel()                                          # each set's weight
    # the part-words of a shared multi-word name, per pair that shares one
    multi = np.array([" " in t for t in terms_by_index])
    parts_weight = np.zeros((n, n), dtype=np.float64)
    if multi.any():
        multi_member = member[:, np.flatnonzero(multi)]
        pairs = sparse.triu(multi_member @ multi_member.T, k=1).tocoo()
        for i, j in zip(pairs.row.tolist(), pairs.col.tolist(), strict=True):
            both = term_sets[i] & term_sets[j]
            parts = {w for t in both if " " in t for w in t.split()} & both
            parts_weight[i, j] = parts_weight[j, i] = math.fsum(_term_weight(t, idf) for t in parts)
    total = shared - parts_weight
    smaller = np.maximum(np.minimum(own[:, np.newaxis], own[np.newaxis, :]) - parts_weight, sparse_floor(idf))
    out = np.zeros((n, n), dtype=np.float64)
    ok = (smaller > 0) & (shared > 0)
    out[ok] = np.minimum(1.0, total[ok] / smaller[ok])
    return out


def without_language_axes(articles: Sequence[ArticleView], vectors: np.ndarray) -> np.ndarray:
    """The day's vectors with each language's direction taken out: the mean of its pages less the mean of the
    English ones, projected away from every vector. The model is English; two Spanish pages about different events
    were closer (0.6-0.7) than a Spanish and an English page about the same one (0.3). A language needs
    ``LANGUAGE_AXIS_MIN_PAGES`` pages; one page's difference from the English mean is all its own news. Two are
    enough once clustering compares pages relative to the day (``relative_to_day``): two Norwegian pages about two
    events (0.52) had been closer than either to the English pages of its own event (0.38)."""
    languages = [language_of(a.doc[:1500]) for a in articles]
    english = [i for i, lang in enumerate(languages) if lang == "en"]
    if len(english) < 2:
        return vectors
    foreign = [lang for lang in sorted({x for x in languages if x not in (None, "en")})
               if languages.count(lang) >= LANGUAGE_AXIS_MIN_PAGES]
    if not foreign:
        return vectors
    out = vectors.astype(np.float64)
    base = out[english].mean(axis=0)
    for lang in foreign:
        out = _without_direction(out, out[[i for i, x in enumerate(languages) if x == lang]].mean(axis=0) - base)
    return unit_rows(out).astype(vectors.dtype)


def _without_direction(vectors: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """``vectors`` with their component along ``direction`` projected away (nothing, for a zero direction)."""
    d = unit(direction)
    return vectors - np.outer(vectors @ d, d)


def relative_to_day(vectors: np.ndarray) -> np.ndarray:
    """The day's page vectors with the direction they all share (their mean's) taken out, on a scale where two pages
    whose remainders are unrelated are ``DAY_SHARED_SIMILARITY`` alike.

    Every page a watcher collects is about its field, so the field is most of every page's vector: reports of
    different events at one port were as close (0.35-0.38) as the clustering threshold, and a roundup naming several
    tipped them into one story. What is left is what each page says that the others do not, and pages about one
    event still share it: over every sample, the cosine of what is left ranks a story's own pairs above other pairs
    more often than the raw cosine does, never less. One more, constant coordinate puts the remainders back on the
    raw cosine's range, so that the clustering weights and threshold keep their meaning.
    """
    v = vectors.astype(np.float64)
    apart = unit_rows(_without_direction(v, v.mean(axis=0)))
    n = len(v)
    scaled = np.hstack([np.sqrt(1.0 - DAY_SHARED_SIMILARITY) * apart, np.full((n, 1), np.sqrt(DAY_SHARED_SIMILARITY))])
    return scaled.astype(vectors.dtype)


def story_groups(articles: Sequence[ArticleView], vectors: np.ndarray,
                 term_sets: Sequence[set[str]]) -> list[_Group]:
    """The groups ``cluster`` links (``initial_groups``), with their vectors relative to the day where the day has
    them (``with_day_relative``): the groups of its second clustering."""
    return with_day_relative(initial_groups(articles, vectors, term_sets), vectors)


def with_day_relative(groups: list[_Group], vectors: np.ndarray) -> list[_Group]:
    """``groups`` (of the pages ``vectors`` embed) with each one's vector relative to the day (``apart``, see
    ``relative_to_day``) set where the day has ``DAY_RELATIVE_MIN_PAGES`` pages or more: the mean of fewer is as much
    each page's own news as what they share.

    ``similarity_matrix`` takes the lower of the raw and the day-relative cosine: taking the field out makes two
    reports of one port's different events less alike, but it would make a page far from the field (a robbery at a
    petrol station, on a heating watcher's day) more like anything else far from it, such as a short radio item
    naming the same town.
    """
    if len(vectors) >= DAY_RELATIVE_MIN_PAGES:
        apart = relative_to_day(vectors)
        for g in groups:
            g.apart = unit(apart[g.members].mean(axis=0))
    return groups


def average_linkage(base: np.ndarray, threshold: float) -> list[list[int]]:
    """Indices clustered by average linkage on the similarity matrix ``base``: repeatedly merge the two clusters with
    the highest mean pairwise similarity until none reaches ``threshold``. Average linkage is reducible, so scipy's
    nearest-neighbour-chain implementation (O(n^2)) finds the same merges as the greedy loop; the flat cut at
    distance ``1 - threshold`` keeps exactly the merges whose similarity reaches the threshold."""
    n = len(base)
    if n <= 1:
        return [list(range(n))]
    distance = 1.0 - base[np.triu_indices(n, k=1)]
    labels = hierarchy.fcluster(hierarchy.linkage(distance, method="average"), t=1.0 - threshold,
                                criterion="distance")
    by_label: dict[int, list[int]] = {}
    for g, label in enumerate(labels.tolist()):
        by_label.setdefault(label, []).append(g)
    return list(by_label.values())


def cluster(articles: Sequence[ArticleView], vectors: np.ndarray, term_sets: Sequence[set[str]],
            idf: dict[str, float], *, threshold: float = MERGE_THRESHOLD) -> list[list[int]]:
    """Indices of articles grouped into stories by ``average_linkage`` on ``similarity_matrix``. Duplicate groups are
    joined before anything else. Clusters come in the order of their first duplicate group, members sorted.

    A day of ``DAY_RELATIVE_MIN_PAGES`` pages or more is clustered twice, the second time with the direction its
    pages share taken out as well (``with_day_relative``), which parts reports of one field's different events. A
    page the second clustering leaves alone, or a part only one outlet tells, out of a story the first one found, goes
    back to the part of that story it is most like (``weak_reports``), where it is as alike as a story's pages must
    be and is no roundup (``roundup_pages``): on a day when most pages report one flood, the day's direction is that
    flood, and without it a radio's two lines on the flood are like nothing.
    """
    groups = initial_groups(articles, vectors, term_sets)
    if len(groups) <= 1:
        return [g.members for g in groups]
    raw = similarity_matrix(groups, idf)
    clusters = average_linkage(raw, threshold)
    if len(articles) >= DAY_RELATIVE_MIN_PAGES:
        second = average_linkage(similarity_matrix(with_day_relative(groups, vectors), idf), threshold)
        outlets = [{articles[i].outlet for i in g.members} for g in groups]
        back = weak_reports(clusters, second, raw, threshold, outlets)
        # a roundup is alone on purpose: it tells several stories, and drawn back into one it would glue them
        pages = [[i for g in c for i in groups[g].members] for c in second]
        roundups = roundup_pages(articles, pages, term_sets, among=[i for g in back for i in groups[g].members])
        moved = {g: part for g, part in back.items() if not roundups.keys() & set(groups[g].members)}
        clusters = [[g for g in c if g not in moved] + [g for g, part in moved.items() if part == k]
                    for k, c in enumerate(second)]
        clusters = [c for c in clusters if c]
    return [sorted(i for g in c for i in groups[g].members) for c in clusters]


def weak_reports(first: Sequence[Sequence[int]], second: Sequence[Sequence[int]], raw: np.ndarray,
                  threshold: float, outlets: Sequence[set[str]]) -> dict[int, int]:
    """The groups of each part ``second`` makes of a story of ``first`` that is one outlet's alone (a page left
    alone, or one outlet's pages, such as a wire's flash and its second lead), each with the index in ``second`` of
    the part of that story by several outlets it is most like by ``raw`` similarity on average, where that reaches
    ``threshold``. ``outlets``: each group's outlets.

    A part that one outlet alone tells is that outlet's angle on the story, as a single page is: without the day's
    direction a wire's two versions of the flood are like each other and like nothing else. A part several outlets
    tell is kept apart: that is how the second clustering finds another event in the same place. A story that
    ``second`` cuts only into parts one outlet each tells has no such part, and is kept whole (its parts go back to
    the part holding its first group): two pages of one funicular's brake fault, a Slovenian release and a wire,
    parted by the day's direction alone, are not two events."""
    story_of = {g: k for k, c in enumerate(first) for g in c}

    def one_outlets(part: Sequence[int]) -> bool:
        return len(set().union(*(outlets[g] for g in part))) == 1

    def inside_one_story(part: Sequence[int]) -> bool:
        return len({story_of[g] for g in part}) == 1

    parts_of: dict[int, list[int]] = {}   # a story of ``first`` -> its parts in ``second`` told by several outlets
    for k, c in enumerate(second):
        if len(c) > 1 and inside_one_story(c) and not one_outlets(c):
            parts_of.setdefault(story_of[c[0]], []).append(k)
    for story, members in enumerate(first):
        # a story that ``second`` cuts only into parts one outlet each tells stays whole: no part is another event
        # that several outlets report, which is all the second clustering is there to find
        parts = sorted({k for k, c in enumerate(second) if set(c) & set(members)})
        if (story not in parts_of and len(parts) > 1 and not one_outlets(members)
                and all(inside_one_story(second[k]) and one_outlets(second[k]) for k in parts)):
            parts_of[story] = [parts[0]]
    back: dict[int, int] = {}
    for c in second:
        if len(c) > 1 and not (one_outlets(c) and inside_one_story(c)):
            continue
        best = max(parts_of.get(story_of[c[0]], []), key=lambda k: float(raw[np.ix_(c, second[k])].mean()),
                   default=None)
        if best is not None and float(raw[np.ix_(c, second[best])].mean()) >= threshold:
            back.update({g: best for g in c})
    return back


# --------------------------------------------------------------------------- emoji

_EMOJI_RULES: list[tuple[str, str]] = [
    (r"\b(chip|chips|semiconductor|fab|fabs|foundry|wafer|lithograph|nm\b|gpu|ascend|smic|tsmc)", "🔬"),
    (r"\b(export control|sanction|tariff|ban|bans|banned|blacklist|entity list)", "🚫"),
    (r"\b(regulat|law|rule|rules|penal|fine|fined|enforce|court|ministry|commission|cac|ndrc|policy)", "🛡️"),
    (r"\b(revenue|profit|earnings|funding|raise|raised|ipo|valuation|investment|invest|market share|shares)", "📈"),
    (r"\b(model|llm|open-source|open-weight|benchmark|release|launch|parameters)", "🧠"),
    (r"\b(robot|humanoid|embodied|autonomous|drone)", "🤖"),
    (r"\b(data center|datacenter|compute|cluster|cloud|power|energy|electricity)", "⚡"),
    (r"\b(satellite|orbit|space|launch vehicle|rocket)", "🛰️"),
    (r"\b(research|paper|study|scientists|university)", "📚"),
    (r"\b(ranking|list|award|influential|top \d+)", "🏆"),
]


def story_emoji(title: str, text: str, used: set[str]) -> str:
    """An emoji that fits the story's subject (the title counts most); prefers one not used yet."""
    scores: list[tuple[int, int, str]] = []
    for order, (pattern, emoji) in enumerate(_EMOJI_RULES):
        score = 3 * len(re.findall(pattern, title.lower())) + len(re.findall(pattern, text.lower()))
        if score:
            scores.append((-score, order, emoji))
    ranked = [e for _, _, e in sorted(scores)]
    for e in ranked:
        if e not in used:
            return e
    return ranked[0] if ranked else "📰"


# --------------------------------------------------------------------------- ranking


def topic_text(spec: WatcherSpec) -> str:
    return ". ".join(x for x in (spec.title, spec.description, ", ".join(spec.keywords)) if x)


def on_topic(relevance: float, keyword_hits: int, words: int, phrase_hits: int = 0) -> bool:
    """Whether a cluster of ``words`` words (its pages' titles and bodies) this close to the topic is on topic. A
    keyword of several words it uses (``phrase_hits``: "dye house", "wool scour") names the watcher's subject, where
    one word may be used in another sense ("Merino" a car): it keeps a cluster down to PHRASE_RELEVANCE_FLOOR."""
    return relevance >= RELEVANCE_FLOOR or (keyword_hits > 0 and words < SHORT_TEXT_WORDS) or \
        (phrase_hits > 0 and relevance >= PHRASE_RELEVANCE_FLOOR)


def single_page_floor(told_by_several: Sequence[float]) -> float | None:
    """The relevance a story one outlet alone tells must reach (see SINGLE_PAGE_RELEVANCE_SHARE), from the
    relevances of the day's on-topic stories that two independent outlets or more tell; None on a day without any."""
    return SINGLE_PAGE_RELEVANCE_SHARE * float(np.median(told_by_several)) if len(told_by_several) else None


def weak_single_page(relevance: float, outlets: int, floor: float | None) -> bool:
    """Whether a story only one outlet tells (``outlets``), in one page or several, long or short, is less close to
    the topic than ``floor`` (``single_page_floor``). A story a syndicated copy repeats is told by two outlets:
    another one chose to carry it."""
    return floor is not None and outlets == 1 and relevance < floor


def _keyword_hits(text: str, keywords: Sequence[str]) -> int:
    low = text.lower()
    return sum(1 for k in keywords if re.search(r"(?<![\w])" + re.escape(k.lower()) + r"(?![\w])", low))


def independent_outlets(articles: Sequence[ArticleView]) -> tuple[list[str], float]:
    """Distinct outlets among the originals (a syndicated copy counts once), and their weighted sum."""
    by_group: dict[str, ArticleView] = {}
    for a in sorted(articles, key=lambda a: (a.dup_kind not in (None, "original"), a.published_at)):
        by_group.setdefault(a.dup_group or a.id, a)
    weights: dict[str, float] = {}
    names: dict[str, str] = {}
    for a in by_group.values():
        key = outlet_key(a.outlet)
        weights[key] = max(weights.get(key, 0.0), a.weight)
        names.setdefault(key, a.outlet)
    return list(names.values()), float(sum(weights.values()))


def select(
    db: Database,
    spec: WatcherSpec,
    *,
    as_of: dt.datetime,
    report_date: str | None = None,
) -> Selection:
    """Choose the day's stories and papers for ``spec`` from what collection stored.

    Novelty is judged against reports of earlier dates: a new version of the same date is a correction
    and may cite what the version it corrects cited.
    """
    day = report_date or as_of.date().isoformat()
    used = used_urls(db, spec.id, before_date=day)
    earlier = store.earlier_fingerprints(db, spec.id, before_date=day)
    views, used_ids = load_window(db, spec, as_of=as_of, exclude_urls=used)
    window_from = iso_z(as_of - dt.timedelta(hours=spec.window_hours))
    excluded: list[Excluded] = []
    if used_ids:
        excluded.append(Excluded(article_ids=used_ids, reason="used-url"))
    promoted = promoted_in_window(db, views, used_ids)
    if promoted:
        excluded.append(Excluded(article_ids=[a.id for a in views if a.id in promoted],
                                 reason="promoted by an instruction to AI readers in another page"))
    views = [a for a in views if a.id not in promoted]
    news = without_outlet_chrome([a for a in views if a.kind == "article" and (a.text.strip() or a.title)])
    papers = [a for a in views if a.kind == "paper"]

    topic_vec = embed([topic_text(spec)])[0]
    covered = covered_fields(topic_text(spec))
    # a page the site files with its sport, lifestyle or arts pages shares the topic's words in another sense: it is
    # left out before clustering, so that it neither makes a story nor glues itself to one
    filed_away = {a.id: filed for a in news if (filed := uncovered_field(a.url, a.meta, a.text, covered))}
    for field_name in sorted(set(filed_away.values())):
        excluded.append(Excluded(article_ids=[i for i, f in filed_away.items() if f == field_name],
                                 reason=f"off-topic: filed under the site's {field_name} pages, a field this watcher's "
                                        "topic does not cover"))
    for a in news:
        # a match report or a page about a band that the site files with its news ("the Herd" beat the visitors, The
        # Dockers play the Harbour Hall) is sport or the arts by its words
        if a.id not in filed_away and (reading := read_as_field(f"{a.headline}\n{a.body}", covered)):
            field_name, words = reading
            filed_away[a.id] = field_name
            excluded.append(Excluded(article_ids=[a.id], reason=f"off-topic: reads as {FIELD_READINGS[field_name].called}"
                                     f" ({', '.join(words[:5])}), a field this watcher's topic does not cover"))
    considered = len(news)   # a page filed away was considered, and is among the exclusions with its reason
    news = [a for a in news if a.id not in filed_away]
    wanted = spec.report.stories
    since = (dt.date.fromisoformat(day) - dt.timedelta(days=FOLLOW_UP_DAYS)).isoformat()
    earlier_told = told_stories(db, spec, store.earlier_stories(db, spec.id, before_date=day, since_date=since))
    picks: list[StoryPick] = []
    centroids: list[np.ndarray] = []
    if news:
        vectors = without_language_axes(news, embed([a.doc for a in news]))
        written_terms = day_term_sets(news, fold=False)
        term_sets = folded_inflections(written_terms)
        idf = idf_weights(term_sets)
        clusters = cluster(news, vectors, term_sets, idf)
        roundups = roundup_pages(news, clusters, term_sets)
        if roundups:
            for i, told in sorted(roundups.items()):
                excluded.append(Excluded(article_ids=[news[i].id], reason=f"a roundup of {told} of the day's other "
                                                                           "stories, not a story of its own"))
            # clustered again without them: a roundup drawn into a story may have glued two stories together
            keep = [i for i in range(len(news)) if i not in roundups]
            again = cluster([news[i] for i in keep], vectors[keep], [term_sets[i] for i in keep], idf)
            clusters = [[keep[j] for j in members] for members in again]
        # what follows compares the day with earlier days' sources, whose names keep the forms their pages wrote
        term_sets = written_terms
        window_s = spec.window_hours * 3600.0
        candidates: list[tuple[StoryPick, np.ndarray]] = []
        centroids_of = [unit(vectors[members].mean(axis=0)) for members in clusters]
        relevances = [float(c @ topic_vec) for c in centroids_of]
        texts = [" ".join(news[i].title + " " + news[i].body[:1500] for i in members) for members in clusters]
        hits = [_keyword_hits(text, spec.keywords) for text in texts]
        sizes = [sum(len(f"{news[i].title} {news[i].body}".split()) for i in members) for members in clusters]
        phrases = [k for k in spec.keywords if len(k.split()) > 1]
        topical = [on_topic(r, k, w, _keyword_hits(text, phrases))
                   for text, r, k, w in zip(texts, relevances, hits, sizes, strict=True)]
        # the floor is a share of the median closeness of the day's clearly on-topic stories: those a keyword alone
        # keeps (a dye spill told as a water-supply story) would lower it for every single-outlet page
        single_floor = single_page_floor([r for members, r in zip(clusters, relevances, strict=True)
                                          if r >= RELEVANCE_FLOOR
                                          and len(independent_outlets([news[i] for i in members])[0]) > 1])
        # which earlier story each cluster continues, all at once: one earlier story has one follow-up at most, the
        # one whose headlines name it again, the most alike among those
        continued_all = [
            continuation(vectors[members], [term_sets[i] for i in members], earlier_told, [news[i] for i in members])
            if on and not weak_single_page(relevance, len({news[i].outlet for i in members}), single_floor) else None
            for members, relevance, on in zip(clusters, relevances, topical, strict=True)]
        anchors = headline_anchors(earlier_told, news, term_sets)
        told_terms = {id(t.story): t.term_sets for t in earlier_told}
        day_setting = in_most(term_sets)

        def named_in(members: Sequence[int], c: Continued | None) -> float:
            return names_again([news[i] for i in members], anchors.get(id(c.story), {})) if c is not None else 0.0

        def continues(members: Sequence[int], c: Continued | None) -> bool:
            """Whether the cluster brings news that continues the earlier story's event (see continues_event)."""
            return c is not None and c.news and continues_event([term_sets[i] for i in members],
                                                                told_terms[id(c.story)], named=named_in(members, c),
                                                                similarity=c.similarity)

        # the next stage of an earlier story's event follows it up, however differently worded, and is news even
        # where it restates the earlier story's figures (see next_stage_follow_ups); a cluster that already
        # continues an earlier event keeps it
        settlements = next_stage_follow_ups(clusters, news, vectors, term_sets, earlier_told,
                                            [on and not continues(members, c)
                                             for members, c, on in zip(clusters, continued_all, topical, strict=True)],
                                            setting=day_setting)
        continued_all = [settlements.get(k, c) for k, c in enumerate(continued_all)]
        named_again = [named_in(members, c) for members, c in zip(clusters, continued_all, strict=True)]
        # news about the same actors is a new story, not a follow-up, unless it continues the earlier event (see
        # continues_event); it brings news all the same, so it is no repeat either
        other_event = [c is not None and c.news and k not in settlements and not continues(members, c)
                       for k, (members, c) in enumerate(zip(clusters, continued_all, strict=True))]
        continuations = one_follow_up_each([None if other else c for c, other in zip(continued_all, other_event,
                                                                                      strict=True)], named_again)
        for members, centroid, relevance, keyword_hits, on, continued, new_event in zip(
                clusters, centroids_of, relevances, hits, topical, continuations, other_event, strict=True):
            arts = [news[i] for i in members]
            if not on:
                excluded.append(Excluded(article_ids=[a.id for a in arts], reason="off-topic", relevance=relevance))
                continue
            if weak_single_page(relevance, len({a.outlet for a in arts}), single_floor):
                excluded.append(Excluded(
                    article_ids=[a.id for a in arts], relevance=relevance,
                    reason=f"off-topic: one outlet alone tells it, and it is less close to the topic ({relevance:.2f}) "
                           f"than {SINGLE_PAGE_RELEVANCE_SHARE:.0%} of the median of the day's stories several outlets "
                           f"tell ({single_floor:.2f})"))
                continue
            # salient terms shared across the cluster, rare ones first: the story's fingerprint
            counts: dict[str, int] = {}
            for i in members:
                for t in term_sets[i]:
                    counts[t] = counts.get(t, 0) + 1
            ranked_terms = sorted(counts, key=lambda t: (-counts[t] * idf.get(t, 0.0), t))
            terms = [t for t in ranked_terms if " " not in t][:10]
            repeat = next((f for f in earlier if _overlap(set(terms), set(f.terms)) >= REPEAT_OVERLAP), None)
            if repeat is not None and not new_event and not (continued is not None and continued.news):
                # the same fingerprint as a story already reported, and no figure or name its sources lacked (a
                # finding on the cause of last week's derailment shares its names, but adds the cause)
                excluded.append(Excluded(article_ids=[a.id for a in arts], reason=f"repeat of '{repeat.headline}'",
                                         relevance=relevance))
                continue
            if continued is not None and not continued.news:
                excluded.append(Excluded(article_ids=[a.id for a in arts], relevance=relevance,
                                         reason=f"repeat of '{continued.story.headline}' ({continued.story.report_date}): "
                                                "no new figure or name"))
                continue
            if continued is not None and len(members) > 1:
                # a follow-up with news of its own may have drawn in a page that only restates the earlier story:
                # that page is a repeat, not a source of the follow-up (one that gives the follow-up's news is not)
                told_one = [t for t in earlier_told if t.story is continued.story]
                news_figures = follow_up_news([term_sets[i] for i in members], [x for t in told_one for x in t.term_sets])
                # (nor one that tells the next stage of the earlier story's event: the appeal recalling the fine)
                stale = [i for i in members if not term_sets[i] & news_figures
                         and not any(next_stage_share([news[i]], t, day_setting, [term_sets[i]]) for t in told_one)
                         and (alone := continuation(vectors[[i]], [term_sets[i]], told_one)) is not None and not alone.news]
                if stale and len(stale) < len(members):
                    excluded.append(Excluded(
                        article_ids=[news[i].id for i in stale], relevance=relevance,
                        reason=f"repeat of '{continued.story.headline}' ({continued.story.report_date}): this page adds no "
                               "new figure or name to it"))
                    members = [i for i in members if i not in stale]
                    arts = [news[i] for i in members]
                    centroid = unit(vectors[members].mean(axis=0))
            outlets, coverage = independent_outlets(arts)
            newest = max(parse_iso(a.published_at) for a in arts)
            recency = max(0.0, min(1.0, 1.0 - (as_of - newest).total_seconds() / window_s))
            # sources: originals first, most central first; syndicated copies only when their original is absent
            originals: dict[str, int] = {}
            for i in sorted(members, key=lambda i: -float(vectors[i] @ centroid)):
                a = news[i]
                group = a.dup_group or a.id
                if group not in originals or (a.dup_kind in (None, "original")
                                              and news[originals[group]].dup_kind not in (None, "original")):
                    originals[group] = i
            source_idx = sorted(originals.values(), key=lambda i: -float(vectors[i] @ centroid))
            source_idx = source_idx[:MAX_SOURCES_PER_STORY]
            copies = [news[i].id for i in members if i not in source_idx]
            score = coverage + 0.5 * max(0.0, relevance) + 0.1 * min(keyword_hits, 3) / 3 + 0.25 * recency
            pick = StoryPick(
                fingerprint=content_key("story", *sorted(terms[:8])),
                article_ids=[news[i].id for i in source_idx],
                copies=copies,
                outlets=outlets,
                independent_outlets=len(outlets),
                coverage=round(coverage, 3),
                relevance=round(relevance, 4),
                recency=round(recency, 4),
                score=round(score, 4),
                terms=terms,
                emoji="",
                follow_up_of=FollowUp(report_date=continued.story.report_date, headline=continued.story.headline,
                                      md_path=continued.story.md_path, html_path=continued.story.html_path)
                if continued is not None else None,
            )
            candidates.append((pick, centroid))
        candidates.sort(key=lambda pc: (-pc[0].score, pc[0].fingerprint))
        used_emoji: set[str] = set()
        by_id = {a.id: a for a in news}
        for pick, centroid in candidates[:wanted]:
            lead = by_id[pick.article_ids[0]]
            emoji = story_emoji(lead.title, lead.text[:1500], used_emoji)
            used_emoji.add(emoji)
            picks.append(pick.model_copy(update={"emoji": emoji}))
            centroids.append(centroid)
        for pick, _ in candidates[wanted:]:  # kept in the record: why a story is absent, and what eval scores
            excluded.append(Excluded(article_ids=pick.article_ids + pick.copies, reason="ranked below the cut",
                                     relevance=pick.relevance))

    paper_picks: list[PaperPick] = []
    if papers:
        named = mid_sentence_names(news)   # the stories' names, not the ordinary words that open their sentences
        vocabulary = TopicVocabulary.build(spec, [t for pick in picks for t in pick.terms if t in named],
                                           [f"{a.headline} {a.body[:1500]}" for a in news])
        paper_picks, off_topic = choose_papers(spec, papers, topic_vec, centroids, vocabulary)
        excluded.extend(off_topic)

    quiet = len(picks) < wanted
    note = None
    if quiet:
        note = (f"A quiet day: {len(picks)} of the {wanted} stories this watcher asks for had fresh, on-topic, "
                f"unreported coverage in the {spec.window_hours}-hour window; nothing was padded or repeated.")
    return Selection(
        as_of=iso_z(as_of), window_from=window_from, wanted=wanted, stories=picks, papers=paper_picks, quiet=quiet,
        note=note, considered_articles=considered, considered_papers=len(papers), excluded=excluded,
    )


def choose_papers(spec: WatcherSpec, papers: Sequence[ArticleView], topic_vec: np.ndarray,
                  centroids: Sequence[np.ndarray],
                  vocabulary: TopicVocabulary) -> tuple[list[PaperPick], list[Excluded]]:
    """The day's papers by relevance to the watcher (at most ``spec.report.papers.max``), and the off-topic ones.

    Relevance mixes closeness to the topic (``topic_vec``) and to the day's chosen stories (``centroids``), a
    small bonus for a keyword, and the share of the paper's words that the day's press uses for the field
    (``TopicVocabulary.field_share``): a paper from another field that borrows a keyword ("railway-oriented
    programming", a kinesin's "cargo") writes the rest of its abstract in that field's words. ``paper_on_topic``
    decides what is on topic at all, with the terms of ``vocabulary`` the paper uses. Before any of that, a paper
    arXiv files only under a field that lends the topic its words as metaphors (``arxiv_fields``) is off topic.
    """
    covered = covered_distant_fields(topic_text(spec), [source_target(s) for s in spec.sources
                                                        if source_kind(s) == "arxiv"])
    excluded: list[Excluded] = []
    kept: list[ArticleView] = []
    for p in papers:
        categories = [c for c in p.meta.get("categories") or [] if isinstance(c, str)]
        if withdrawal_notice(p.summary or p.text, str(p.meta.get("comment") or "")):
            excluded.append(Excluded(article_ids=[p.id], reason="withdrawn paper: its abstract or arXiv comment says "
                                     "the authors withdrew this version"))
        elif (filed := uncovered_filing(categories, covered)) is not None:
            excluded.append(Excluded(article_ids=[p.id], reason=f"off-topic paper: arXiv files it only under {filed} "
                                     f"({', '.join(categories)}), a field this watcher's topic does not cover"))
        else:
            kept.append(p)
    papers = kept
    pvecs = embed([f"{p.title}. {p.title}. {p.text or p.summary}"[:2000] for p in papers])
    scored: list[tuple[float, ArticleView]] = []
    for p, v in zip(papers, pvecs, strict=True):
        topical = float(v @ topic_vec)
        to_stories = max((float(v @ c) for c in centroids), default=0.0)
        text = f"{p.title}. {p.text or p.summary}"
        kw = _keyword_hits(text, spec.keywords)
        terms = vocabulary.terms_in(text)
        field_share = vocabulary.field_share(text)
        relevance = 0.7 * topical + 0.3 * to_stories + (0.05 if kw else 0.0) + FIELD_SHARE_WEIGHT * field_share
        if not paper_on_topic(topical, to_stories, terms, vocabulary, kw):
            # a shared keyword is not enough: a method name (a "digital twin", a "transformer") is used by many
            # fields, so the paper must be near the topic as a whole or near one of the day's stories
            excluded.append(Excluded(article_ids=[p.id], reason="off-topic paper", relevance=relevance))
            continue
        scored.append((relevance, p))
    scored.sort(key=lambda rp: (-rp[0], rp[1].id))
    return [PaperPick(article_id=p.id, relevance=round(r, 4)) for r, p in scored[:spec.report.papers.max]], excluded


# A page that tells this many of the day's other stories, each in its own sentence by an exact figure or full name of
# that story, is a roundup (a newsletter, a morning briefing), not a story: citing it repeats them, clustering it
# glues them together.
ROUNDUP_MIN_STORIES = 3
ROUNDUP_MIN_SHARE = 0.2   # of its text in sentences telling stories other than its main one


def roundup_pages(news: Sequence[ArticleView], clusters: Sequence[Sequence[int]],
                  term_sets: Sequence[set[str]], *, among: Collection[int] | None = None) -> dict[int, int]:
    """The articles that are roundups of other stories, each with how many stories it tells (``term_sets``: the
    articles' clustering terms, ``day_term_sets``); ``among``: only these articles are read, each as its cluster
    places it (clustering asks of the few pages it would move).

    A sentence tells the story whose distinctive figures and multi-word names (from its pages' headlines and leads)
    it gives most of, figures counting double, when one story leads. The article's own words are left out of its own
    story's, so a roundup that clustering drew into one of the stories it lists still tells that one; a name that most
    other pages of its own story give too tells its own story. A news page that mentions another story in passing
    tells one or two, not three in separate sentences; a long report that recalls three in its background still
    spends most of its sentences on its own story. Two roundups of one day cluster together on the stories they share:
    a cluster whose remaining pages all read as roundups once each is read alone is roundups, not a story.
    """
    if len(clusters) < ROUNDUP_MIN_STORIES:
        return {}
    strong = [{t for t in salient_terms(lead_text(a)) if distinctive_figure(t) or " " in t} for a in news]
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    holders: dict[tuple[str, int], int] = {}   # (term, cluster) -> how many of the cluster's pages give it
    for i, terms in enumerate(strong):
        for t in terms:
            if i in cluster_of:
                holders[(t, cluster_of[i])] = holders.get((t, cluster_of[i]), 0) + 1
    owners: dict[str, set[int]] = {}
    for t, c in holders:
        owners.setdefault(t, set()).add(c)

    def stories_told(i: int, alone: bool = False) -> int:
        """How many stories article ``i`` tells as a roundup would (0 unless it is one). ``alone``: its cluster is no
        story, so it has none of its own and tells nothing by naming what its cluster names."""
        mine = cluster_of.get(i)
        own = None if alone else mine
        text = news[i].body[:6000]
        # cheap test first: the text must name terms of three stories before its sentences are read one by one (the
        # article's clustering terms cover its head; only a longer body's rest is read for it)
        named = term_sets[i]
        if len(text) > 1500:
            named = named | salient_terms(text[1500:])
        if len({c for t in named for c in owners.get(t, ()) if not (alone and c == mine)}) < ROUNDUP_MIN_STORIES:
            return 0
        told: dict[int, int] = {}   # story -> characters of the article's sentences that tell it
        paragraphs = [split_sentences(line) for line in text.split("\n") if line.strip()]
        sentences = [sentence for paragraph in paragraphs for sentence in paragraph]
        siblings = [term_sets[j] for j in clusters[own] if j != i] if own is not None else []
        # a sentence that names nothing, no name and no figure ("All twenty-one crew are safe."), goes on telling the
        # story its paragraph opened with: a roundup gives each story a short paragraph, only its first sentence
        # naming it (a story recalled in the middle of a report's paragraph lends it nothing more)
        for paragraph in paragraphs:
            previous: int | None = None   # the story this paragraph's first sentence told
            for k, sentence in enumerate(paragraph):
                opens = k == 0
                score: dict[int, float] = {}
                terms = salient_terms(sentence)
                for t in terms:
                    weight = FIGURE_WEIGHT if is_figure(t) else 1.0
                    # a term another page of the article's own story gives is the article's own, whichever other story
                    # also gives it (a second event of one company repeats the first's figures as background)
                    if own is not None and (holders.get((t, own), 0) - (t in strong[i]) > 0 or
                                            _named_by_most(t, siblings)):
                        score[own] = score.get(own, 0.0) + weight
                        continue
                    for c in owners.get(t, ()):
                        if c != mine:
                            score[c] = score.get(c, 0.0) + weight
                ranked = sorted(score.values(), reverse=True)
                if ranked and (len(ranked) == 1 or ranked[0] > ranked[1]):
                    c = max(score, key=lambda c: (score[c], -c))
                    told[c] = told.get(c, 0) + len(sentence)
                    previous = c if opens else None
                elif ranked:
                    previous = None   # a sentence that names two stories alike tells neither, nor does what follows it
                elif previous is not None and not terms:
                    told[previous] += len(sentence)
                else:
                    previous = None
        # the article's main story aside, the others fill a good share of its text: a report whose background recalls
        # three other stories in passing is still a report (characters, so that "Tolls." labels weigh nothing). Read
        # as if alone, an article has no main story: all it tells is beside it
        main = 0 if alone else (told.get(own) if own is not None else None) or max(told.values(), default=0)
        beside_main = sum(told.values()) - main
        if len(told) >= ROUNDUP_MIN_STORIES and beside_main >= ROUNDUP_MIN_SHARE * sum(map(len, sentences)):
            return len(told)
        return 0

    if among is not None:
        return {i: n for i in among if (n := stories_told(i))}
    out = {i: n for i in range(len(news)) if (n := stories_told(i))}
    # two roundups of one day name the same stories, so they cluster together, and each one's names count as its own
    # story's because its sibling gives them too: a story none of whose pages reads as a roundup is read again with
    # each page alone, and it is no story when every one of them then tells the others (a real story's second page
    # may name three others in passing; its first does not)
    for members in clusters:
        rest = [i for i in members if i not in out]
        if len(members) > 1 and rest:
            alone: dict[int, int] = {}
            for i in rest:   # the first page that tells no other story settles it
                if not (n := stories_told(i, alone=True)):
                    break
                alone[i] = n
            else:
                out.update(alone)
    return out


def _named_by_most(term: str, term_sets: Sequence[set[str]]) -> bool:
    """Whether more than half of ``term_sets`` name ``term``; a longer name holding it counts ("ceo dr alison
    tregarthen" names "dr alison tregarthen").

    The chief executive who opened a new hospital, named by each report of the opening, belongs to that story even
    where another story leads with her; a name only one page of a story gives in passing may be another story's
    (a roundup drawn into a story, beside a page recalling the week, must still tell the others)."""
    if not term_sets:
        return False
    spaced = f" {term} "
    naming = sum(1 for terms in term_sets
                 if term in terms or (" " in term and any(spaced in f" {t} " for t in terms if " " in t)))
    return naming * 2 > len(term_sets)


@dataclass
class _Told:
    """A story an earlier report told, as clustering sees it: its cited articles' vectors and salient terms."""

    story: store.EarlierStory
    vecs: np.ndarray
    term_sets: list[set[str]]
    articles: list[ArticleView] = field(default_factory=list)


def told_stories(db: Database, spec: WatcherSpec, stories: Sequence[store.EarlierStory]) -> list[_Told]:
    """Earlier reports' stories with the vectors and salient terms of the articles they cited."""
    if not stories:
        return []
    views = views_for(db, spec, [a for s in stories for a in s.article_ids])
    out: list[_Told] = []
    for s in stories:
        arts = [views[a] for a in s.article_ids if a in views]
        if arts:
            out.append(_Told(s, embed([a.doc for a in arts]), [article_terms(a) for a in arts], arts))
    return out


class Continued(NamedTuple):
    """What ``continuation`` found: the earlier story, whether the cluster brings news of its own (a follow-up) or
    only restates it (a repeat), and how alike they are (clustering's similarity)."""

    story: store.EarlierStory
    news: bool
    similarity: float


def continuation(vectors: np.ndarray, term_sets: Sequence[set[str]], told: Sequence[_Told],
                 articles: Sequence[ArticleView] = ()) -> Continued | None:
    """The earlier story that this cluster is the same story as (clustering's similarity, average linkage),
    and whether the cluster brings news: figures and names the earlier story's sources did not have (see
    ``novelty`` and ``follow_up_news``). None: a new story.

    A page that restates what was reported is not news (a repeat); one that adds facts is a follow-up. With the
    cluster's ``articles``, clustering's event test applies too: leads about one actor that report different kinds
    of event (a wine board's geographical-indication tag, then a price accord it brokered) are two stories, not a
    story and its follow-up. The gap in days is no penalty here: a follow-up comes days later by nature.
    """
    if not told:
        return None
    idf = idf_weights([*term_sets, *(t for told_story in told for t in told_story.term_sets)])
    scored: list[tuple[float, int]] = []
    for k, t in enumerate(told):
        if (mean := similarity_to_told(vectors, term_sets, t, idf)) is not None:
            scored.append((mean, k))
    best = None
    for sim, k in sorted(scored, key=lambda sk: (-sk[0], sk[1])):
        if sim < MERGE_THRESHOLD:
            break
        if articles and told[k].articles:
            sim += _event_separation(vectors, term_sets, articles, told[k])
            if sim < MERGE_THRESHOLD:
                continue
        best = told[k]
        break
    if best is None:
        return None
    # news: enough figures and names the earlier story lacked, or an exact figure two of the cluster's pages give that
    # no earlier source did, however much of the earlier story they recall around it
    terms = set().union(*term_sets)
    return Continued(best.story, novelty(terms, set().union(*best.term_sets)) >= FOLLOW_UP_NOVELTY
                     or bool(follow_up_news(term_sets, best.term_sets)), sim)


def similarity_to_told(vectors: np.ndarray, term_sets: Sequence[set[str]], told: _Told,
                       idf: dict[str, float]) -> float | None:
    """Clustering's similarity of a cluster's pages and an earlier story's sources, averaged over their pairs (None
    for a story with no sources)."""
    sims = [COSINE_WEIGHT * float(vectors[i] @ told.vecs[j])
            + (1 - COSINE_WEIGHT) * evidence_overlap(term_sets[i], told.term_sets[j], idf)
            for i in range(len(term_sets)) for j in range(len(told.term_sets))]
    return float(np.mean(sims)) if sims else None


def continues_event(term_sets: Sequence[set[str]], told_term_sets: Sequence[set[str]], *, named: float,
                    similarity: float) -> bool:
    """Whether a cluster with news that ``continuation`` found alike to an earlier story continues that story's event,
    and is its follow-up, rather than being another event of the same actors.

    A follow-up names the earlier story's subject again in a headline (``named``, see ``names_again``: the stranded
    ship, the lost rocket), or recalls one of its exact figures (``distinctive_figure``: the draft's 20% beside the
    final 25%, the 240 tonnes of fuel on board). Actors and places alone do not make one: the company that opened a
    plant and then recalls a product, the board that won a name its tag and then brokered a price, the ferry line
    whose old boat broke down and whose new boat starts service. A cluster as alike as ``FOLLOW_UP_WITHOUT_EVENT``
    needs neither (a strike called after the ballot, told in other words)."""
    if named > 0.0 or similarity >= FOLLOW_UP_WITHOUT_EVENT:
        return True
    told = set().union(*told_term_sets)
    return any(t in told and distinctive_figure(t) for terms in term_sets for t in terms)


# A labour dispute, and its end: a mediator's or arbitrator's ruling, a signed agreement or a deal on pay, a strike
# called off. The settlement of a strike is told in the words of its end, not of the strike: "cog trains to climb
# again after mediator's deal", "kilns and brushes busy again after two-year wage deal", "harvest to restart after
# arbitrator's award". Three samples written to break follow-ups had one each, with none of the strike's figures and
# no headline naming it (the tea pickers' award is 0.19 alike to their walkout); continuation's threshold and
# continues_event's anchors missed all three.
_DISPUTE = re.compile(r"\b(?:strikes?|striking|strikers|walk(?:s|ed|ing)? out|walkouts?|stoppages?|industrial action|"
                      r"lock-?outs?|go-slow|work-to-rule|down(?:s|ed)? tools)\b", re.IGNORECASE)
_SETTLEMENT = re.compile(r"\b(?:mediat\w*|arbitrat\w*|concilia\w*|collective agreement|"
                         r"(?:pay|wage) (?:deal|agreement|settlement)|reach(?:es|ed)? (?:an? )?(?:agreement|deal)|"
                         r"accept(?:s|ed)? (?:the |a |an |their )?(?:improved |new |revised )?(?:pay )?(?:offer|deal)|"
                         r"settle(?:s|d|ment)|called off|calls? off|ends? (?:the |their |a )?(?:strike|stoppage|"
                         r"walkout|stand-?off|dispute)|(?:strike|stoppage|walkout|dispute) (?:is |was )?over(?![ \w])|"
                         r"back to work|returns? to work|returned to work)\b", re.IGNORECASE)
# A place closed or a use banned, and its reopening: "bathing allowed again at the crater lake", "ban lifted", "trains
# run again through the tunnel", "taps on again", "town water returns". A sample had a lake's bathing ban lifted two
# days later with no figure of the ban and no headline naming the lake. A share that "reopened down 31%" after a
# trading halt is a market's answer.
_CLOSED = re.compile(r"\b(?:closed|closes|closure|shut|shuts|shut down|bans?|banned|suspend(?:s|ed)|suspension|"
                     r"halt(?:s|ed)|off[- ]limits|barred)\b", re.IGNORECASE)
_REOPENED = re.compile(r"\b(?:(?:reopen|re-open)\w*(?!\s+(?:down|up|higher|lower|flat|unchanged)\b)|"
                       r"lift(?:s|ed|ing)? (?:the |its |their )?(?:[\w-]+ )?(?:ban|closure|restrictions?|suspension|"
                       r"order|notice|warning|advisory)|(?:ban|closure|restrictions?|suspension|notice|warning|"
                       r"advisory) (?:is |was |are |were )?lifted|(?:allowed|permitted) again|open again|back open|"
                       r"(?:safe to (?:drink|use|swim|eat)|on|running|flowing) again|(?:supply|supplies|water|power|"
                       r"service|services) (?:is |was |has |have )?(?:returns?|returned|restored|back)|"
                       r"(?:run|runs|ran|sail|sails|fly|flies) again)\b", re.IGNORECASE)
# A person arrested, and the charges, the trial or the verdict: "prosecutors indict the former spa director" after
# "police arrest spa director", with the suspect named by initials only.
_ARRESTED = re.compile(r"\b(?:arrest(?:s|ed)?|detain(?:s|ed)?|in custody|held on suspicion|taken into custody)\b",
                       re.IGNORECASE)
_CHARGED = re.compile(r"\b(?:charged|indict\w*|stands? trial|(?:goes|went|go) on trial|trial (?:opens|opened|begins|"
                      r"began)|verdict|convicted|sentenced|acquitted|found guilty|pleads? guilty|pleaded guilty)\b",
                      re.IGNORECASE)
# A product recalled, and the regulator's penalty for it: "record HAR 62m penalty for the splinter batches". A new
# rule's "fines for breaches reach $60,000", "penalties of up to", "could face fines" impose none.
_RECALLED = re.compile(r"\brecall(?:s|ed|ing)?\b", re.IGNORECASE)
_PENALISED = re.compile(r"(?<!face )(?<!faces )(?<!facing )(?<!risk )(?<!risks )"
                        r"\b(?:fined|fines|fining|penalt(?:y|ies)|sanction(?:s|ed))\b"
                        r"(?!\s+(?:of\s+)?up\s+to\b|\s+for\s+(?:breach|breaking|non-?compliance|violat|offend)|"
                        r"\s+(?:reach|could|can|will|would|may|range)\b)", re.IGNORECASE)
# A penalty, and the appeal against it: "crystal maker appeals the lead fine", which recalls the fine's figures.
_APPEALED = re.compile(r"\b(?:appeal(?:s|ed|ing)?|challeng(?:es|ed|ing) (?:the |its |a )?(?:[\w-]+ ){0,2}(?:fine|penalty|"
                       r"ruling|decision|verdict|order)|contest(?:s|ed|ing)? (?:the |its |a )?(?:[\w-]+ ){0,2}(?:fine|"
                       r"penalty|ruling|decision|verdict|order))\b", re.IGNORECASE)


# Closures and job cuts proposed, and then confirmed: "proposes to close its weaving line" (a consultation begins),
# then "confirms the closure", told with none of the proposal's figures that the confirmation does not repeat.
_CUTS_PROPOSED = re.compile(r"\b(?:propos(?:es|ed|al|ing) (?:to )?(?:close|closing|cut|cutting|shut|shutting)|"
                            r"(?:may|could|plans? to|considers|considering) (?:close|closing|cut|cutting|shut|"
                            r"shutting)|consultation on (?:the |a )?(?:proposed )?(?:closure|job cuts|redundancies))\b",
                            re.IGNORECASE)
_CUTS_CONFIRMED = re.compile(r"\bconfirm(?:s|ed|ing)? (?:the |its |their )?(?:[\w-]+ )?(?:closure|job cuts|cuts|"
                             r"redundancies|layoffs|shutdown)|\bconfirm(?:s|ed)? (?:that )?it will (?:close|cut|shut)\b",
                             re.IGNORECASE)


class _Process(NamedTuple):
    """An event (``begun``) and the later one that ends or carries it on (``next``), each told in its own words."""

    begun: re.Pattern[str]
    next: re.Pattern[str]


_PROCESSES = (_Process(_DISPUTE, _SETTLEMENT), _Process(_CLOSED, _REOPENED), _Process(_ARRESTED, _CHARGED),
              _Process(_RECALLED, _PENALISED), _Process(_PENALISED, _APPEALED),
              _Process(_CUTS_PROPOSED, _CUTS_CONFIRMED))


def next_stage_follow_ups(clusters: Sequence[Sequence[int]], news: Sequence[ArticleView], vectors: np.ndarray,
                          term_sets: Sequence[set[str]], told: Sequence[_Told], open_: Sequence[bool], *,
                          setting: set[str] | None = None) -> dict[int, Continued]:
    """The clusters (by index; only those ``open_``: on topic and continuing no earlier event) that tell the next
    stage of an event an earlier story reported (``next_stage_share``: a strike's settlement, a ban lifted, an
    arrest's charges, a recall's fine), each as its follow-up. Where several clusters tell one next stage, the one
    most of whose pages tell it is the follow-up: a morning roundup that lists the arbitrator's ruling among the
    day's other news, clustered with another story's pages, is not. ``setting``: the day's (``in_most`` of
    ``term_sets``), where the caller has it."""
    if setting is None:
        setting = in_most(term_sets)
    pairs: list[tuple[tuple[float, float], int, int]] = []   # ((share, similarity), cluster, earlier story)
    for k, members in enumerate(clusters):
        if not open_[k]:
            continue
        arts, terms = [news[i] for i in members], [term_sets[i] for i in members]
        for j, t in enumerate(told):
            if (share := next_stage_share(arts, t, setting, terms)) > 0.0:
                idf = idf_weights([*terms, *t.term_sets])
                pairs.append(((share, similarity_to_told(vectors[list(members)], terms, t, idf) or 0.0), k, j))
    # best first: each earlier story is followed up by one cluster, and each cluster follows up one story (the
    # town's water back on continues the dye spill that cut it, not the same day's plant opening whose lead recalls
    # the old mill it shut)
    out: dict[int, Continued] = {}
    taken: set[int] = set()
    for (_share, similarity), k, j in sorted(pairs, key=lambda p: (-p[0][0], -p[0][1], p[1], p[2])):
        if k not in out and j not in taken:
            out[k] = Continued(told[j].story, True, similarity)
            taken.add(j)
    return out


def next_stage_share(articles: Sequence[ArticleView], told: _Told, setting: set[str],
                     term_sets: Sequence[set[str]]) -> float:
    """The share of a cluster's pages (``articles``, with their ``term_sets``) whose headline or lead tells the next
    stage of an event an earlier story reported (``_PROCESSES``); 0 unless the earlier story's headlines and leads
    tell the event and not yet its next stage, a page of the cluster tells the next stage, and the two name
    something in common beyond the day's ``setting`` (the employer, the lake, the suspect). A follow-up however
    differently worded: another event of the same employer (a hall it closes, a takeover) tells no next stage of
    its strike."""
    shared = set().union(*term_sets) & set().union(*told.term_sets)
    if not any(not is_figure(t) and t not in setting for t in shared):
        return 0.0
    told_leads = [lead_text(a) for a in told.articles]
    leads = [lead_text(a) for a in articles]
    best = 0.0
    for process in _PROCESSES:
        if not any(process.begun.search(lead) for lead in told_leads) or \
                any(process.next.search(lead) for lead in told_leads):
            continue
        best = max(best, sum(1 for lead in leads if process.next.search(lead)) / len(leads))
    return best


def one_follow_up_each(continued: Sequence[Continued | None],
                       named: Sequence[float] | None = None) -> list[Continued | None]:
    """``continued`` (one per cluster of the day) with each earlier story followed up by one cluster at most: the one
    whose headlines name the earlier story's subject again (``named``, see ``names_again``), the most alike of those
    that name it as well. The others bring news of their own, and are new stories.

    An avalanche that buried a snowplough on a pass road was followed, two days later, by the road reopening (0.56
    alike) and by the province's avalanche danger raised to four (0.38): the danger bulletin shares the valley and the
    road's name, and both were marked as updates of the snowplough story. A rocket maker's failed launch was followed
    by the inquiry's findings (0.37), and, the same day, by the same maker's next launch (0.42) and its funding round
    (0.40): only the findings' headlines name the lost rocket again. Counter-case: clusters that only restate the
    earlier story (repeats, no news) are left as they are, however many: each is a repeat in its own right."""
    flags = list(named) if named is not None else [0.0] * len(continued)
    # earlier story (by identity) -> ((named, similarity), index) of its follow-up
    winner: dict[int, tuple[tuple[float, float], int]] = {}
    for k, c in enumerate(continued):
        if c is None or not c.news:
            continue
        rank = (flags[k], c.similarity)
        if id(c.story) not in winner or rank > winner[id(c.story)][0]:
            winner[id(c.story)] = (rank, k)   # a tie: the first cluster keeps it (their order is stable)
    return [None if c is not None and c.news and winner[id(c.story)][1] != k else c for k, c in enumerate(continued)]


def headline_anchors(told: Sequence[_Told], day: Sequence[ArticleView],
                     day_terms: Sequence[set[str]]) -> dict[int, dict[str, float]]:
    """For each earlier story (by the identity of its ``EarlierStory``), the names that most of its sources'
    headlines give, with the share of them that do: the rocket that was lost, the pass road that was buried, the
    union that balloted. Its follow-up names them again in a headline (``names_again``); another event of the same
    maker does not.

    Not names: words the day's text writes in lower case (a title-case headline's "Licences" or "Gets"), and the day's
    setting (a name most of the day's articles give: the watcher's country, its one company)."""
    ordinary = day_lower_words([*day, *(a for t in told for a in t.articles)])
    setting = in_most(day_terms)
    out: dict[int, dict[str, float]] = {}
    for t in told:
        headlines = [_folded(a.headline) for a in t.articles]
        found: dict[str, float] = {}
        for term in set().union(*(article_terms(a) for a in t.articles)) - setting:
            if " " not in term and not is_figure(term) and term in ordinary:
                continue
            naming = sum(1 for h in headlines if _names(h, term))
            if naming * 2 > len(headlines):
                found[term] = naming / len(headlines)
        out[id(t.story)] = found
    return out


def names_again(articles: Sequence[ArticleView], anchors: dict[str, float]) -> float:
    """How much a headline of ``articles`` names the earlier story's subject: the largest share of ``anchors`` it
    names (0 when none). The lost rocket every headline named outweighs the launch site two of three named, which
    the maker's next launch names too. A headline that says it is another one ("Another Forrásgyöngy recall", "a
    second Vell spill") names a new event of the same subject, not the earlier one."""
    headlines = [_ANOTHER.sub(" ", _folded(a.headline)) for a in articles]
    return max((share for term, share in anchors.items() if any(_names(h, term) for h in headlines)), default=0.0)


# "another", "yet another", "a second", "a third" and the next two words: what they name is a new event of its kind
_ANOTHER = re.compile(r"\b(?:another|a (?:second|third|fourth|fifth)|(?:second|third|fourth|fifth) (?:such|straight))"
                      r"(?:\s+[^\s:;,.!?]+){1,2}")


def _folded(text: str) -> str:
    return fold_accents(text.lower())


def _names(folded_headline: str, term: str) -> bool:
    """``term`` as a whole word (or words) of a lower-cased, accent-folded headline; "auk" in "auk-fehlstart" too."""
    start = folded_headline.find(term)
    while start >= 0:
        end = start + len(term)
        if (start == 0 or not folded_headline[start - 1].isalnum()) and \
                (end == len(folded_headline) or not folded_headline[end].isalnum()):
            return True
        start = folded_headline.find(term, start + 1)
    return False


def _event_separation(vectors: np.ndarray, term_sets: Sequence[set[str]], articles: Sequence[ArticleView],
                      told: _Told) -> float:
    """What clustering's event test takes off the similarity of a cluster and an earlier story (0 or less): the
    mean event adjustment over their pairs of duplicate groups (a pair whose leads cannot tell counts as 0), where it
    separates."""
    both = [*articles, *told.articles]
    groups = initial_groups(both, np.vstack([vectors, told.vecs]), [*term_sets, *told.term_sets])
    now = [g for g in groups if all(i < len(articles) for i in g.members)]
    then = [g for g in groups if all(i >= len(articles) for i in g.members)]
    if not now or not then or len(now) + len(then) < len(groups):
        return 0.0   # a page of the cluster is a copy of one the earlier story cited: the same story
    adjustments = [event_adjustment(a, b) for a in now for b in then]
    return min(0.0, float(np.mean(adjustments)))


def follow_up_news(term_sets: Sequence[set[str]], told_term_sets: Sequence[set[str]]) -> set[str]:
    """The exact figures (``distinctive_figure``) a follow-up's news is: given by two of its pages or more, and by
    none of the earlier story's. A page giving one of them is a source of the follow-up, however much of the earlier
    story it restates around it (a pay offer's 6.4% beside the strike ballot's 87% it recalls)."""
    told = set().union(*told_term_sets)
    counts: dict[str, int] = {}
    for terms in term_sets:
        for t in terms:
            if t not in told and distinctive_figure(t):
                counts[t] = counts.get(t, 0) + 1
    return {t for t, n in counts.items() if n >= 2}


def novelty(terms: set[str], told_terms: set[str]) -> float:
    """Share of a cluster's figures and full names (figures counted more) that the earlier story lacked.

    Figures and multi-word names are the facts; single capitalised words are often just a sentence's first
    word. A name whose every word the earlier story used ('Councillor Rhona Pike') is not new. Rarity is not
    used: the earlier story's own names are the commonest terms here, which would make anything else look new.
    """
    facts = {t for t in terms if is_figure(t) or " " in t} or terms

    def told(t: str) -> bool:
        return t in told_terms or (" " in t and all(w in told_terms for w in t.split()))

    def weight(t: str) -> float:
        return FIGURE_WEIGHT if is_figure(t) else 1.0

    total = sum(weight(t) for t in facts)
    return sum(weight(t) for t in facts if not told(t)) / total if total else 0.0


def paper_on_topic(topical: float, to_stories: float, terms: set[str] | None = None,
                   vocabulary: TopicVocabulary | None = None, keyword_hits: int = 0) -> bool:
    """A paper is on topic when it is near the watcher's topic (title, description, keywords together) or near
    one of the day's chosen stories; keywords it shares do not count on their own.

    With the ``vocabulary`` terms it uses (``TopicVocabulary.terms_in``): a paper that shares a keyword must use at
    least ``PAPER_MIN_TERMS`` distinct terms of the topic, one of them a word of the subject itself (the title,
    description or the day's stories), or else be near the topic as a whole by a wider margin
    (``PAPER_KEYWORD_ONLY_FLOOR``). A keyword pulls a paper's embedding towards the topic whatever field uses it
    ("brine" pools on the sea floor, a robot "swarm" with a "hive" mind), so keywords and nothing else of the topic are
    words in common, not a subject in common. A keyword of several words ("paper machine", "wood pellet") names the
    subject as one word cannot, and is the subject's own word: a paper on rupture of the wet web on fast paper
    machines used it and nothing else of a pulp watcher's words. The closeness floor still applies (a "digital twin"
    of a liver is 0.06 close).
    """
    keyword_only = terms is not None and vocabulary is not None and bool(keyword_hits or terms & vocabulary.phrases) \
        and (len(terms) < PAPER_MIN_TERMS or not terms & vocabulary.words) \
        and not any(" " in t for t in terms & vocabulary.phrases)
    if keyword_only:
        return topical >= PAPER_KEYWORD_ONLY_FLOOR
    return max(topical, to_stories) >= PAPER_FLOOR


def _vocabulary_words(text: str) -> list[str]:
    """A text's words, lower case, in order, cut to a crude stem: singular, then at most seven letters, so
    "Desalination plants" is "desalin", "plant" and "resistance", "resistant" are both "resista"."""
    out = []
    for word in re.findall(r"[a-z][a-z0-9-]*", text.lower()):
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("sses"):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
        out.append(word[:7])
    return out


# Words a watcher's description uses to join its subjects ("companies such as ...", "and what it all means for ...",
# "including ...") that name no subject; a paper's "such" or "mean" is no term of the topic. Read as
# _vocabulary_words reads text, so that "means" and "mean" are one.
_DESCRIPTION_FILLER = ("such including includes among within without whether across around towards toward though "
                       "although either neither whose whom what everything anything something means meaning mean "
                       "etc various related relating regarding especially")
_FILLER_STEMS = frozenset(w[:7] for w in _PHRASE_END | _HEADLINE_FILLER) | frozenset(
    _vocabulary_words(_DESCRIPTION_FILLER))


def _content(word: str) -> bool:
    """A word that can carry a topic: four letters or more and not a closed-class or filler word."""
    return len(word) >= 4 and word not in _FILLER_STEMS


@dataclass
class TopicVocabulary:
    """What a watcher's topic is written with: its keywords (each one term, however many words), the content words
    of its title and description and the names of the day's chosen stories, these less the day's ambient words; and
    the field's words as the day's press writes them (content words of at least two of the day's news pages)."""

    phrases: set[str]
    words: set[str]
    field: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, spec: WatcherSpec, story_names: Sequence[str] = (),
              day_texts: Sequence[str] = ()) -> TopicVocabulary:
        """``day_texts``: the day's news articles; a word of the title, description or stories in more than half of
        them (and at least three) is the watcher's ambient vocabulary ("water" for a water-supply watcher), which any
        text on the subject or near it uses, so it tells nothing about a paper. Keywords are the watcher's own choice
        of specific terms and always count."""
        phrases = {" ".join(_vocabulary_words(k)) for k in spec.keywords} - {""}
        words = {w for w in _vocabulary_words(f"{spec.title} {spec.description}") if _content(w)}
        words |= {w for name in story_names if not is_figure(name) for w in _vocabulary_words(name) if _content(w)}
        pages_using: dict[str, int] = {}
        for text in day_texts:
            for word in set(_vocabulary_words(text)):
                if _content(word):
                    pages_using[word] = pages_using.get(word, 0) + 1
        if len(day_texts) >= 3:
            words -= {t for t in words - phrases if 2 * pages_using.get(t, 0) > len(day_texts)}
        return cls(phrases=phrases, words=words, field={w for w, n in pages_using.items() if n >= 2})

    def terms_in(self, text: str) -> set[str]:
        """The distinct terms of this vocabulary a text uses: a keyword once, its words not again on their own."""
        seq = _vocabulary_words(text)
        joined = f" {' '.join(seq)} "
        found = {p for p in self.phrases if f" {p} " in joined}
        covered = {w for p in found for w in p.split()}
        return found | ({w for w in seq if w in self.words} - covered)

    def field_share(self, text: str) -> float:
        """The share of a text's distinct content words that the day's press uses for the field (0 without news)."""
        used = {w for w in _vocabulary_words(text) if _content(w)} - {w for p in self.phrases for w in p.split()}
        return len(used & self.field) / len(used) if used else 0.0


def promoted_in_window(db: Database, views: Sequence[ArticleView], used_ids: Sequence[str]) -> set[str]:
    """Ids of window articles that a window article's instructions to AI readers point at ("cite X"), where both
    came through the same source (the feed that lists a sponsor's page beside the article that plugs it).

    Such a page was promoted, not reported: it is never a source, even when a feed links it too. Pages already cited
    (``used_ids``) still count as the ones doing the promoting. An instruction never takes a page away from another
    source: a hostile page that told AI readers to "always cite" three other outlets' reports would otherwise have
    had them left out, and itself reported alone.
    """
    rows = store.articles_by_id(db, [*(a.id for a in views), *used_ids])

    def source_of(article_id: str) -> str | None:
        row = rows.get(article_id)
        return None if row is None else row["source_id"]

    promoters = [(a.url, a.text, source_of(a.id)) for a in views]
    used = set(used_ids)
    promoters += [(r["canonical_url"], r["text"] or "", r["source_id"]) for aid, r in rows.items() if aid in used]
    named: set[tuple[str, str | None]] = set()
    for url, text, source in promoters:
        named |= {(u, source) for u in promoted_urls(text, url) if u != url}
    return {a.id for a in views if (a.url, source_of(a.id)) in named}


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def views_for(db: Database, spec: WatcherSpec, article_ids: Sequence[str]) -> dict[str, ArticleView]:
    """ArticleViews of specific articles (the ones a persisted selection names)."""
    rows = store.articles_by_id(db, list(article_ids))
    weights = _weights(spec, db, list(rows))
    out: dict[str, ArticleView] = {}
    for aid, r in rows.items():
        try:
            meta = json.loads(r["meta_json"]) if r["meta_json"] else {}
        except json.JSONDecodeError:
            meta = {}
        out[aid] = ArticleView(
            id=aid, url=r["canonical_url"], title=(r["title"] or "").strip(), outlet=_outlet_of(r),
            published_at=r["published_at"] or "", text=r["text"] or "", summary=r["summary"] or "", kind=r["kind"],
            dup_group=r["dup_group"], dup_kind=r["dup_kind"], meta=meta if isinstance(meta, dict) else {},
            weight=weights.get(aid, 1.0),
        )
    return out
