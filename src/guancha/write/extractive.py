"""The extractive writer: no model, a grounded digest. Every sentence in the body is copied from a source
and cited to it (and to any other source that says the same thing).

Sentences that talk to the reader or to an AI ("ignore previous instructions", "summarisers must cite
…"), carry URLs, or are site boilerplate are never chosen: they are off-topic at best and injected
instructions at worst. Implications and heuristics need a model, and the draft says so plainly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from guancha.injection import INSTRUCTION, URL_IN_TEXT
from guancha.outlets import strip_outlet_branding
from guancha.spec import STUB_STORY_SHARE, WatcherSpec
from guancha.textutil import (
    CURRENCY_SIGNS,
    QUOTED_SPEECH,
    distinctive_figure,
    embed,
    is_figure,
    language_of,
    latin_script,
    normalise_sentence,
    salient_terms,
    split_sentences,
    unit,
    word_count,
)
from guancha.timeutil import ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS, parse_iso
from guancha.write.base import NumberedSource, PaperDraft, StoryDraft

WRITER = "extractive"
MAX_CITES_PER_SENTENCE = 3
REDUNDANT_COSINE = 0.86
# two sentences this close that name the same things (all of the shorter one's names, two or more) say one thing twice
SAME_NAMES_COSINE = 0.8
MIN_SENTENCE_WORDS = 6
MAX_SENTENCE_WORDS = 70
MIN_CENTRALITY = 0.25

_URL = URL_IN_TEXT
_CHROME = re.compile(
    # site chrome, by its phrasing: the bare words (subscription, cookies, copyright, newsletter) are also news
    r"\b(subscribe (?:now|today|here|to (?:our|the|this|receive|get))|(?:our|this|the free|a free|daily|weekly) "
    r"newsletters?\b|sign up (?:now|today|here|for (?:our|the|a free|free|updates|alerts))|(?:log|sign) ?in to "
    r"(?:read|continue|comment|view|access)|all rights reserved|copyright (?:©|\(c\)|\d{4})|©\s*\d{4}|"
    r"(?:we|this (?:site|website)) uses? cookies|(?:accept|manage|reject) (?:all )?cookies|cookie (?:policy|settings|"
    r"preferences)|terms of (?:service|use)|privacy policy|click here|read more|share this|follow us|"
    # a paywall's notice: "subscribers get full access", "this article is free to read", "for subscribers only"
    r"subscribers (?:get|have|can get|enjoy) (?:full |unlimited )?access|(?:this|the) (?:article|story|piece) is free "
    r"to read|for (?:paying )?subscribers only)\b",
    re.IGNORECASE,
)
_IMPERATIVE_START = re.compile(
    r"^(?:please\s+)?(ignore|disregard|include|insert|cite|link|visit|click|subscribe|sign|follow|share|read|"
    r"download|contact|note to|attention|important|remember|make sure|be sure|do not|don't|always|never)\b",
    re.IGNORECASE,
)
# A wire's dateline opening a sentence ("GRISBECK, Sarnow, Jan 24 (SPS) - ", "CAPE OSTREY — ", "VELMSTADT, 24. Januar
# (SPS) - ", "PALLQA, 5 de junio (APN).- "): the place in capitals, up to two short comma parts (region, date), the
# agency, a dash. It dates and places the copy for its editors; quoted in a briefing it is debris. Bounded parts with
# distinct delimiters: linear.
_DATELINE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){0,3}(?:,[^,()\n–—-]{1,30}){0,2}"
                       r"(?: ?\([A-Za-z][\w .&/-]{0,24}\))?\.? ?[-–—]{1,2} (?=[\"“‘(¿¡A-ZÀ-Þ0-9])")


# A press release's dateline in ordinary case ("Vessière, Corvith, April 14, 2039 – ", "Port-Lazare, 11 March 2037 –
# "): a place, perhaps a region, a date with a month's name and a year, a dash; or a police notice's header ending with
# the time ("… Headquarters, 13 March 2056, 10:40. "). Bounded parts: linear.
_MONTH_NAME = "|".join(name.capitalize() for name in sorted(
    {*ENGLISH_MONTHS, *(short for names in ENGLISH_MONTH_ABBREVIATIONS for short in names)}, key=len, reverse=True))
_RELEASE_DATELINE = re.compile(
    r"[A-ZÀ-Þ][\w'’.-]*(?: [\w'’.-]+){0,3}(?:, [A-ZÀ-Þ][\w'’.-]*(?: [\w'’.-]+){0,2})?, "
    rf"(?:\d{{1,2}}\.? (?:{_MONTH_NAME})\.?|(?:{_MONTH_NAME})\.? \d{{1,2}}),? \d{{4}}"
    r"(?:(?:,? ?[–—-] | ?[–—-]| ?[–—-] )|, \d{1,2}[:.]\d{2}\. )(?=[\"“‘(A-ZÀ-Þ0-9])")
# A live page's time stamp before its entry ("6:58 a.m. A strong aftershock …"), a wire's credit before its copy ("(HTI)
# – "), a transcript's speaker ("Newsreader (Lena Stathi): ", "Reporter (Ana Kos), outside the court: ") or a one-word
# label ("English: ", "Notes: "): how the page was laid out, not what happened
_ENTRY_PREFIX = re.compile(
    r"\d{1,2}[:.]\d{2}(?: ?[ap]\.m\.)? (?=[A-Z])"
    r"|\([A-Z]{2,6}\) ?[–—-] "
    r"|[A-ZÀ-Þ][\w’'-]*(?: [\w’'-]+)? \([^()\n]{2,40}\)(?:, [^:\n]{1,40})?: "
    r"|[A-ZÀ-Þ][\w’'-]*: (?=\S)")


def without_dateline(sentence: str) -> str:
    """A sentence without the wire or press-release dateline, live page's time, wire's credit or transcript speaker's
    label it opens with, if any."""
    for pattern in (_DATELINE, _RELEASE_DATELINE, _ENTRY_PREFIX):
        m = pattern.match(sentence)
        if m:
            sentence = sentence[m.end():]
    return sentence


_ANAPHORIC = re.compile(r"^(?:this|that|these|those|it|its|he|she|they|their|the (?:company|commission|regulator|"
                        r"firm|move|decision|ruling|report|agency|group)|such|but|and|also|however)\b", re.IGNORECASE)
# "The school and a care home have been cleared too": a sentence adding to one before it, whatever that was
_ADDITIVE_END = re.compile(r"(?i)\b(?:too|as well|either)[.!]?[\"'”’)]*$")
# "The union also said …": adds to what the story told before; fine inside a story, not as its first sentence
_ALSO_EARLY = re.compile(r"(?i)^(?:\S+\s){1,5}also\b")


# "On Wednesday morning she printed a new one": a person's pronoun among a sentence's first words, after only a time
# or a place, needs its person named before it (a feature's middle, not a story's first sentence). "Patients should
# keep taking their tablets" and "Police said they" name whom the pronoun means first.
_EARLY_PRONOUN = re.compile(r"^[\"'“‘]?((?:\S+\s+){0,4}?)(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)
_NO_ANTECEDENT = frozenset({
    "on", "in", "at", "by", "for", "from", "after", "before", "since", "until", "during", "last", "early", "late",
    "later", "then", "when", "while", "this", "that", "yesterday", "today", "tonight", "and", "but", "so", "now",
    "once", "still", "there", "here", "as", "if", "of", "to", "with", "a", "an", "the", "morning", "evening", "night",
    "week", "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    *(m.lower() for m in ENGLISH_MONTHS)})


def _names_no_one_first(sentence: str) -> bool:
    """Whether a person's pronoun opens ``sentence`` with no one named before it (see ``_EARLY_PRONOUN``)."""
    m = _EARLY_PRONOUN.match(sentence)
    if m is None:
        return False
    return not any(w[:1].isupper() and w.lower().strip(",.;:") not in _NO_ANTECEDENT for w in m.group(1).split())


def leans_on_before(sentence: str) -> bool:
    """Whether a sentence needs the one before it to be understood: it opens with a pronoun or a bare "the company",
    or adds to what was said ("… too"). Such a sentence opens no paragraph."""
    text = sentence.strip("\"'“‘ ")
    return bool(_ANAPHORIC.match(text) or _ADDITIVE_END.search(text))


def opens_nothing(sentence: str) -> bool:
    """Whether a sentence cannot open a story: it leans on the one before (``leans_on_before``) or adds to what the
    story has told ("The union also said")."""
    return leans_on_before(sentence) or bool(_ALSO_EARLY.match(sentence.strip("\"'“‘ ")))


# a narrator's "I", "my", "me": "I have just got home from the infirmary, where my mum spent six hours" quoted in a
# briefing has no one to refer to (the blogger is not named in it), as "It" without its noun has nothing
_FIRST_PERSON = re.compile(r"\b(?:[Mm]y|me|[Mm]yself|I(?:'|’)(?:m|ve|d|ll))\b|\bI\s+[a-z]")
_ROMAN_AFTER = re.compile(r"[A-Z][\w-]*\s+$")   # "Phase I trial", "Tier I capital": a numeral, not a narrator


# the page's own voice talking to its reader or for its staff, outside quotation marks: "If you use the ferries to get to
# work …", "From September you will not be able to pay in cash", "Our team is at the viewing field", "We are also in
# contact with the operators": in a briefing the "you" is not its reader and the "we" has no one named ("us" in lower
# case: "US" is a country)
# words in straight single quotes ('We have given the city back its living room,' said the mayor): an apostrophe
# inside a word ("city's") neither opens nor closes them
_SINGLE_QUOTED = re.compile(r"(?<!\w)'[^'\n]{1,300}'(?!\w)")
_ADDRESSED = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|[Ww]e|[Oo]ur|[Oo]urs|us|[Oo]urselves)\b")


def narrated(sentence: str) -> bool:
    """The sentence speaks in its writer's first person, or to its reader, outside quotation marks (a quoted "I" or
    "we" is someone's attributed words)."""
    text = _SINGLE_QUOTED.sub(" ", QUOTED_SPEECH.sub(" ", sentence))
    if _ADDRESSED.search(text):
        return True
    for m in _FIRST_PERSON.finditer(text):
        if not (m.group(0).startswith("I") and _ROMAN_AFTER.search(text, max(0, m.start() - 40), m.start())):
            return True
    return False


# a trader's or analyst's note, not prose: a signed change ("RKVG +3.1% to 22.06", "visits +5%"), an equation ("Brevaline =
# DOR 58m"), an approximate figure written with a tilde ("~11% of group sales")
_SHORTHAND = re.compile(r"(?<![\w.,])[+−-]\d[\d.,]*\s?%|\s=\s|(?<![\w~])~\s?\d")
# a press release's boilerplate on its issuer: "About Halvard-Morel – Founded in 1978, …", "About TGGF: The federation …"
_ABOUT_US = re.compile(r"About [A-ZÀ-Þ][\w&.'’-]*(?: [A-ZÀ-Þ0-9][\w&.'’-]*){0,4} ?[–—:-] ")


def usable_sentence(sentence: str) -> bool:
    """A sentence fit to quote in a briefing: reportage, not instructions, boilerplate, a link or a narrator's
    first person."""
    n = word_count(sentence)
    if n < MIN_SENTENCE_WORDS or n > MAX_SENTENCE_WORDS:
        return False
    if _URL.search(sentence) or "@" in sentence:
        return False
    if INSTRUCTION.search(sentence) or _CHROME.search(sentence) or _IMPERATIVE_START.match(sentence.strip("\"'“‘ ")):
        return False
    if not balanced(sentence):
        return False  # a quote or bracket cut by sentence splitting ("…))." or an opened quote) reads as debris
    if narrated(sentence):
        return False
    stripped = sentence.strip()
    if stripped[:1].islower() or _ABOUT_US.match(stripped) or _SHORTHAND.search(stripped):
        return False   # a fragment cut from its start ("the Polderbuurt programme is …"), a release's "About Acme: …",
        # a trader's note
    if stripped.endswith("?") or "|" in stripped or "\ufffd" in stripped:
        return False
    if stripped[:1] in "-*•–—>#" or not re.search(r"[.!。][\"'”’)]*$", stripped):
        return False   # list items, headings and fragments are not sentences to quote
    return not sum(c.isalpha() for c in sentence) < 0.6 * len(sentence.replace(" ", ""))


_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def balanced(sentence: str) -> bool:
    """Brackets and quotation marks pair up (straight double quotes come in twos; a low opening quote, „…“ or „…”,
    takes a closing one: „It is out of service. alone opened a quotation it never closed)."""
    return all(sentence.count(a) == sentence.count(b) for a, b in _PAIRS) and sentence.count('"') % 2 == 0 and \
        (sentence.count("„") + sentence.count("“") + sentence.count("”")) % 2 == 0


def same_fact(a: str, b: str) -> bool:
    """Two sentences that state one fact in different words: they share two figures ('30 GW by 2030'), or all
    of the shorter one's figures (at least one) and most of its names. Figures say what happened; wording varies."""
    return _same_fact(salient_terms(a), salient_terms(b))


def says_again(a: str, b: str, cosine: float) -> bool:
    """Sentence ``a`` repeats ``b`` (their embeddings' ``cosine`` given): the same figures, or close wording about
    the same named things or the same exact figure ("short of 312,000 homes, up from 298,000" and "needs 312,000
    more homes, 14,000 more than a year ago": two outlets, one fact, and the second figures differ only by
    arithmetic). Each sentence's terms are read once for all three tests."""
    ta, tb = salient_terms(a), salient_terms(b)
    return _same_fact(ta, tb) or (cosine >= SAME_NAMES_COSINE and (_same_names(ta, tb) or _same_exact_figure(ta, tb)))


def retells_lead(text: str, label: str, order: int, chosen: Sequence[tuple[str, str, int]]) -> int | None:
    """The index of the chosen sentence (text, source label, place among its source's sentences fit to quote) whose
    news ``text`` (from source ``label``, at place ``order`` in it) tells again, if any: both open their sources (a
    story's sources report one event, and each says first what it was), they come from different sources and name two
    things in common, ``text`` quotes no one, and it gives no figure the chosen sentences do not ("Doctors may soon
    have a single-dose pill, after European regulators recommended Halvorsen's velnoxacin" after "The agency's
    committee recommended approval of velnoxacin, Halvorsen's oral antibiotic, on Monday"). Its source then
    corroborates that sentence; the story goes on to what the source adds."""
    if order != 0 or QUOTED_SPEECH.search(text):
        return None   # someone's words are theirs, not a retelling
    terms = salient_terms(text)
    names = {t for t in terms if not is_figure(t)}
    told = {t for other, _, _ in chosen for t in salient_terms(other) if is_figure(t)}
    if not names or any(is_figure(t) and t not in told for t in terms):
        return None
    for i, (other, other_label, other_order) in enumerate(chosen):
        # two names or more named there too: "KBSA will pay for the reassessments" shares one name with the lead,
        # and is not its news again
        shared = _whole_names(names & salient_terms(other))
        if other_order <= 1 and other_label != label and len(shared) >= 2:
            return i
    return None


def _whole_names(names: set[str]) -> set[str]:
    """Names without the words of a longer one among them: ``salient_terms`` gives "harbour union", "harbour" and
    "union" for one name (and "copenhagen rigshospitalet", "copenhagen" and "rigshospitalet" for two: where only the
    parts are shared, the parts count)."""
    return {t for t in names if not any(t != u and f" {t} " in f" {u} " for u in names)}


def _same_fact(ta: set[str], tb: set[str]) -> bool:
    """``same_fact`` of two sentences' ``salient_terms``."""
    fa, fb = {t for t in ta if is_figure(t)}, {t for t in tb if is_figure(t)}
    shared = fa & fb
    if len(shared) >= 2:
        return True
    if not shared or shared != min(fa, fb, key=len):
        return False
    # a measured figure's unit names what it measures ("40gw": gigawatts), as a name would; a share does not
    na, nb = (ta - fa) | _units(fa), (tb - fb) | _units(fb)
    smaller = min(len(na), len(nb))
    return smaller > 0 and len(na & nb) / smaller >= 0.5


def _same_exact_figure(ta: set[str], tb: set[str]) -> bool:
    """The two sentences' terms give one figure specific enough to name one fact (``distinctive_figure``)."""
    return any(distinctive_figure(t) for t in ta & tb)


def _same_names(ta: set[str], tb: set[str]) -> bool:
    """The two sentences' terms name the same things: the shorter list of names (two or more) is all in the other."""
    na, nb = ({t for t in terms if not is_figure(t)} for terms in (ta, tb))
    smaller = min(na, nb, key=len)
    return len(smaller) >= 2 and smaller <= (na & nb)


def _units(figures: set[str]) -> set[str]:
    return {unit for f in figures if (unit := f.lstrip("0123456789." + CURRENCY_SIGNS)) and unit != "percent"}


def clean_title(title: str, outlet: str) -> str:
    """A headline without the outlet's branding (``Title | Outlet``, ``Title - Outlet``, ``OUTLET: Title``; see
    ``strip_outlet_branding``), else its longest `` | `` segment (the rest name a section or a site, either side)."""
    title = " ".join(title.split())
    if outlet:
        stripped = strip_outlet_branding(title, outlet)
        if stripped != title:
            return _without_wire_label(stripped)
    return _without_wire_label(max(title.split(" | "), key=len).strip())


# A wire's or a live page's label before its headline ("FLASH: Ostrelle recalls …", "URGENT - …", "LIVE: Skua launch
# night"): how the outlet sent it, not what happened; a briefing's own "Update:" is added by the writer
_WIRE_LABEL = re.compile(r"^(?:(?:news)?flash|urgent|breaking(?: news)?|alert|developing|live|exclusive|update(?:d)?"
                         r"(?: \d{1,2})?|(?:1st|2nd|3rd|\d{1,2}th) (?:version|lead|update))\s*(?::|-|–|—)\s+",
                         re.IGNORECASE)


def _without_wire_label(title: str) -> str:
    rest = _WIRE_LABEL.sub("", title, count=1)
    return rest if len(rest) >= 12 else title


def long_date(ts: str) -> str:
    """``2026-04-27T08:00:00Z`` -> ``April 27, 2026``."""
    try:
        d = parse_iso(ts).date()
    except ValueError:
        return ts[:10]
    return f"{d:%B} {d.day}, {d.year}"


# --------------------------------------------------------------------------- sentences of a story


@dataclass
class _Candidate:
    text: str
    label: str
    source_rank: int
    position: int
    vec: np.ndarray
    score: float
    key: str
    readable: bool = True   # in the Latin script, which the embedding model reads (``latin_script``)
    # its place among its source's sentences fit to quote: a page's first sentence is often a standfirst, a byline or
    # a dateline's fragment, so the first one fit to quote (0) is the one that says what happened
    order: int = 0


# The language the report is written in: where a story's sources give sentences or headlines in it, those in
# another language (a German wire's report of the same deal) are left for them
REPORT_LANGUAGE = "en"
_T = TypeVar("_T")


def in_report_language(items: list[_T], key: Callable[[_T], str], stub_under: int = 0) -> list[_T]:
    """``items`` without those whose text (``key``) is in another language than the report's, when some are in it;
    all of them otherwise (a story told only in Portuguese is still quoted). A text no language can be told of (a
    headline of names) stays.

    Where those in the report's language hold fewer than ``stub_under`` words and all of them hold that many, all are
    kept: a regulator's release whose one English sentence is all it did not put in bullets, beside two Portuguese
    reports, made a story of 11 words, and the check held the day's report for it."""
    languages = [language_of(key(item)) for item in items]
    if REPORT_LANGUAGE not in languages:
        return items
    kept = [item for item, language in zip(items, languages, strict=True) if language in (None, REPORT_LANGUAGE)]
    if sum(word_count(key(item)) for item in kept) < stub_under <= sum(word_count(key(item)) for item in items):
        return items
    return kept


def _candidates(sources: Sequence[NumberedSource], seen: set[str], stub_under: int = 0,
                every_language: bool = False) -> list[_Candidate]:
    """The sentences of the story's sources fit to quote and not yet in the report, in the report's language unless
    those would make a stub of fewer than ``stub_under`` words (see ``in_report_language``), or ``every_language``."""
    raw: list[tuple[str, str, int, int]] = []
    for rank, s in enumerate(sources):
        title_key = normalise_sentence(s.title)
        sentences = split_sentences(s.text)
        for pos, sent in enumerate(sentences):
            sent = without_dateline(sent)
            key = normalise_sentence(sent)
            if not key or key in seen or key == title_key or not usable_sentence(sent):
                continue
            raw.append((sent, s.label, rank, pos))
    if not every_language:
        raw = in_report_language(raw, key=lambda r: r[0], stub_under=stub_under)
    if not raw:
        return []
    vecs = embed([r[0] for r in raw])
    orders: dict[str, int] = {}
    out: list[_Candidate] = []
    for i, (t, lab, rank, pos) in enumerate(raw):
        out.append(_Candidate(text=t, label=lab, source_rank=rank, position=pos, vec=vecs[i], score=0.0,
                              key=normalise_sentence(t), readable=latin_script(t), order=orders.get(lab, 0)))
        orders[lab] = orders.get(lab, 0) + 1
    return out


def _model_cosine(a: _Candidate, b: _Candidate) -> float:
    """The embedding cosine of two sentences, or 0 where either is in a script the model cannot read: the model
    found every Greek sentence of a story 0.9 alike, so each was "redundant" with the first, the story kept one
    sentence of 22 words, and the day's report was held for it."""
    return float(a.vec @ b.vec) if a.readable and b.readable else 0.0


# a sentence ending with an abbreviation whose dot is its own ("at 7:25 p.m.", "Acme Inc."): dotted letters or a
# company's or a name's suffix (not "no." or "est.", which end sentences as words)
_ABBREVIATION_END = re.compile(r"(?:\b(?:Inc|Ltd|Corp|Jr|Sr|etc)|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")


def _cite(sentence: str, labels: Sequence[str]) -> str:
    """Put the citation before the closing punctuation: ``… 60% [S3].``"""
    marks = "".join(f"[{lab}]" for lab in labels)
    m = re.search(r"([.!。][\"'”’)]*)$", sentence)
    if m:
        head = sentence[: m.start()].rstrip()
        if m.group(1)[0] == "." and _ABBREVIATION_END.search(sentence[max(0, m.start() - 10):m.start() + 1]):
            head += "."   # "at 7:25 p.m." keeps its abbreviation's dot before the mark
        return f"{head} {marks}{m.group(1)}"
    return f"{sentence.rstrip()} {marks}."


def _tokens(key: str) -> set[str]:
    return set(key.split())


def write_story_extractive(
    index: int,
    emoji: str,
    sources: Sequence[NumberedSource],
    spec: WatcherSpec,
    seen: set[str],
    *,
    topic_vec: np.ndarray | None = None,
    fallback_reason: str | None = None,
) -> StoryDraft:
    """The most central non-redundant sentences of the story's sources, each cited, within the word range.

    ``seen`` holds the normalised sentences already in the report; it is updated, so no sentence repeats.
    """
    stub_under = math.ceil(spec.report.story_words.min * STUB_STORY_SHARE)
    doc_vecs = embed([f"{s.title}. {s.title}. {s.text[:2000]}" for s in sources])
    centroid = unit(doc_vecs.mean(axis=0)) if len(sources) else np.zeros(256, dtype=np.float32)

    def central(cands: list[_Candidate]) -> list[_Candidate]:
        for c in cands:
            centrality = float(c.vec @ centroid)
            topical = float(c.vec @ topic_vec) if topic_vec is not None else 0.0
            lead = 0.06 / (1 + c.position)
            figures = 0.03 if re.search(r"\d", c.text) else 0.0
            c.score = centrality + 0.15 * topical + lead + figures
        return [c for c in cands if float(c.vec @ centroid) >= MIN_CENTRALITY]

    cands = central(_candidates(sources, seen, stub_under=stub_under))
    if sum(word_count(c.text) for c in cands) < stub_under:
        # the report's language kept too few central sentences (a market note's two lines beside a Dutch report of
        # the same results): a stub holds the day's report, so the other languages' sentences are quoted too, where
        # with them the story is no stub (as in_report_language decides before centrality)
        every = central(_candidates(sources, seen, stub_under=stub_under, every_language=True))
        if sum(word_count(c.text) for c in every) >= stub_under:
            cands = every

    headline, subtitle = _headline(sources, centroid)
    heading_keys = {normalise_sentence(headline), normalise_sentence(subtitle)}
    lo, hi = spec.report.story_words.min, spec.report.story_words.max
    target = lo + (hi - lo) // 3
    chosen: list[tuple[_Candidate, list[str]]] = []
    words = 0

    def redundant_with(c: _Candidate) -> int | None:
        for i, (p, _) in enumerate(chosen):
            cosine = _model_cosine(c, p)
            if cosine >= REDUNDANT_COSINE:
                return i
            a, b = _tokens(c.key), _tokens(p.key)
            if a and b and len(a & b) / min(len(a), len(b)) >= 0.7:
                return i
            if says_again(c.text, p.text, cosine):
                return i
        return None

    def take(c: _Candidate) -> bool:
        nonlocal words
        if c.key in seen or c.key in heading_keys:
            return False
        dup = redundant_with(c)
        if dup is None:
            dup = retells_lead(c.text, c.label, c.order, [(p.text, p.label, p.order) for p, _ in chosen])
        if dup is not None:
            labels = chosen[dup][1]
            if c.label not in labels and len(labels) < MAX_CITES_PER_SENTENCE:
                labels.append(c.label)   # a second source says the same: corroboration, not repetition
            return False
        n = word_count(c.text)
        if words + n > hi and words >= lo * 0.5:
            return False
        chosen.append((c, [c.label]))
        seen.add(c.key)
        words += n
        return True

    # first the best sentence of each source, so every source is cited; then by score until the range is met
    by_score = sorted(cands, key=lambda c: (-c.score, c.source_rank, c.position))
    for s in sources:
        for c in by_score:
            if c.label == s.label and take(c):
                break
    for c in by_score:
        if words >= target:
            break
        take(c)
    # fold in corroborating sources for what was chosen
    for c in by_score:
        if not any(c is p for p, _ in chosen):
            for p, labels in chosen:
                if c.label not in labels and len(labels) < MAX_CITES_PER_SENTENCE and _model_cosine(c, p) >= \
                        REDUNDANT_COSINE:
                    labels.append(c.label)
                    break

    # a sentence that leans on the one before it in its source ("That is the message tonight from pharmacists", after
    # an instruction no briefing quotes) reads as an orphan without that sentence: it goes, where the story keeps
    # its minimum length without it
    for pl in [pl for pl in chosen if leans_on_before(pl[0].text)]:
        c = pl[0]
        n = word_count(c.text)
        if words - n >= lo and not any(p.label == c.label and p.position == c.position - 1 for p, _ in chosen):
            chosen.remove(pl)
            words -= n

    # reading order: the lead sentence first, then by source rank and position in that source
    if chosen:
        # a source's lead that can open a story; else any chosen sentence that can (a radio transcript opening "That
        # is the message tonight from pharmacists" has no lead of its own to give), one that names who or what
        # before one that names nothing ("Patients should keep taking their tablets"); else the best there is
        # a source's own first sentence before its second: the second is often the background or a detail ("The
        # project was approved in 2037 at a cost of …") that the first sentence's news needs before it
        leads = [pl for pl in chosen if pl[0].order == 0 and not opens_nothing(pl[0].text)] or \
            [pl for pl in chosen if pl[0].position <= 1 and not opens_nothing(pl[0].text)]
        if leads:
            first = max(leads, key=lambda pl: pl[0].score - 0.05 * pl[0].source_rank)
        else:
            able = [pl for pl in chosen if not opens_nothing(pl[0].text) and not _names_no_one_first(pl[0].text)]
            first = max(able or chosen, key=lambda pl: (bool(salient_terms(pl[0].text)),
                                                        pl[0].score - 0.05 * pl[0].source_rank))
        rest = sorted((pl for pl in chosen if pl is not first), key=lambda pl: (pl[0].source_rank, pl[0].position))
        ordered = [first, *rest]
    else:
        ordered = []
    paragraphs = _paragraphs([(c.text, labels) for c, labels in ordered], spec.report.citations_per_story)
    return StoryDraft(index=index, emoji=emoji, headline=headline, subtitle=subtitle, paragraphs=paragraphs,
                      labels=[s.label for s in sources], writer=WRITER, fallback_reason=fallback_reason)


def _paragraphs(sentences: list[tuple[str, list[str]]], min_citations: int = 1) -> list[str]:
    """Sentences in up to four paragraphs, each cited.

    A paragraph never opens with a sentence that leans on the one before ("It", "The company"): the break
    moves past it. Consecutive sentences of a paragraph citing the same sources are cited once, at the end
    of the run, as long as the story keeps ``min_citations`` marks.
    """
    if not sentences:
        return []
    k = max(1, min(4, math.ceil(len(sentences) / 3)))
    size = math.ceil(len(sentences) / k)
    starts: list[int] = []
    i = 0
    while i < len(sentences):
        while starts and i < len(sentences) and leans_on_before(sentences[i][0]):
            i += 1
        if i < len(sentences):
            starts.append(i)
        i += size
    groups = [sentences[a:b] for a, b in zip(starts, [*starts[1:], len(sentences)], strict=True)]
    compressed = [[(text, labels if j + 1 == len(g) or g[j + 1][1] != labels else []) for j, (text, labels)
                   in enumerate(g)] for g in groups]
    # where the story needs more marks than the runs leave, the earliest uncited sentences (paragraph openers first)
    # get theirs back, one at a time
    missing = min(min_citations, len(sentences)) - sum(bool(labels) for g in compressed for _, labels in g)
    order = sorted(((j != 0, gi, j) for gi, g in enumerate(compressed) for j in range(len(g))))
    for _, gi, j in order:
        if missing <= 0:
            break
        text, labels = compressed[gi][j]
        if not labels and groups[gi][j][1]:
            compressed[gi][j] = (text, groups[gi][j][1])
            missing -= 1
    return [" ".join(_cite(text, labels) if labels else text for text, labels in g) for g in compressed]


def _headline(sources: Sequence[NumberedSource], centroid: np.ndarray) -> tuple[str, str]:
    """The cluster's best title (central, specific) and an em-dash subtitle from another outlet's angle."""
    titles = in_report_language([(clean_title(s.title, s.outlet), s) for s in sources if s.title.strip()],
                                key=lambda t: t[0])
    if not titles:
        return ("Untitled story", "")
    vecs = embed([t for t, _ in titles])
    scored = []
    for (t, s), v in zip(titles, vecs, strict=True):
        specificity = min(len(salient_terms(t)), 6) * 0.02
        n = word_count(t)
        shape = 0.0 if 5 <= n <= 18 else -0.1
        scored.append((float(v @ centroid) + specificity + shape, t, s, v))
    scored.sort(key=lambda x: -x[0])
    _, best, best_src, best_vec = scored[0]
    if " — " in best:
        head, _, dek = best.partition(" — ")
        if word_count(head) >= 4 and word_count(dek) >= 2:
            return head.strip(), dek.strip()
    subtitle = ""
    for _, t, s, v in scored[1:]:
        if s.outlet.casefold() != best_src.outlet.casefold() and float(v @ best_vec) < 0.92 and \
                normalise_sentence(t) != normalise_sentence(best):
            subtitle = t
            break
    if not subtitle:
        outlets = list(dict.fromkeys(s.outlet for s in sources))
        subtitle = "reported by " + _join(outlets) if len(outlets) > 1 else f"as reported by {outlets[0]}"
    return best, subtitle


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------- papers


def paper_fields(source: NumberedSource) -> tuple[list[str], str | None]:
    """Authors and a short affiliation string from an arXiv item's metadata."""
    meta = source.meta
    authors: list[str] = []
    affiliations: list[str] = []
    for a in meta.get("authors") or []:
        if isinstance(a, dict):
            if a.get("name"):
                authors.append(str(a["name"]))
            aff = a.get("affiliation") or a.get("affiliations")
            if isinstance(aff, list):
                affiliations.extend(str(x) for x in aff if x)
            elif aff:
                affiliations.append(str(aff))
        elif a:
            authors.append(str(a))
    extra = meta.get("affiliations") or meta.get("affiliation")
    if isinstance(extra, list):
        affiliations.extend(str(x) for x in extra if x)
    elif isinstance(extra, str) and extra:
        affiliations.append(extra)
    if not authors and source.meta.get("author"):
        authors = [str(source.meta["author"])]
    affs = list(dict.fromkeys(part.strip() for a in affiliations for part in a.split(";") if part.strip()))
    return authors, ("; ".join(affs[:3]) if affs else None)


def format_authors(authors: Sequence[str], limit: int = 6) -> str:
    if not authors:
        return "Unknown authors"
    shown = ", ".join(authors[:limit])
    return shown + (" et al." if len(authors) > limit else "")


def write_paper_extractive(source: NumberedSource, topic_vec: np.ndarray, seen: set[str]) -> PaperDraft:
    """Title, authors, affiliation, date and the abstract's key sentence (the finding, near the topic)."""
    authors, affiliation = paper_fields(source)
    sentences = [s for s in split_sentences(source.text) if usable_sentence(s)
                 and normalise_sentence(s) not in seen]
    why = ""
    if sentences:
        vecs = embed(sentences)
        centroid = unit(vecs.mean(axis=0))
        best_score, best = -9.0, sentences[0]
        for s, v in zip(sentences, vecs, strict=True):
            finding = 0.08 if re.search(r"\b(we (show|find|demonstrate|propose|introduce|present)|results? "
                                         r"(show|indicate)|outperform|achiev)", s, re.I) else 0.0
            score = float(v @ centroid) + 0.3 * float(v @ topic_vec) + finding
            if score > best_score:
                best_score, best = score, s
        why = best
        seen.add(normalise_sentence(best))
    else:
        why = "The abstract offers no quotable finding."
    return PaperDraft(label=source.label, article_id=source.article_id, title=clean_title(source.title, ""),
                      authors=authors, affiliation=affiliation, published=source.published_at, why=why,
                      writer=WRITER)


NO_MODEL_NOTE = (
    "This briefing was written by the extractive writer: every sentence is quoted from a cited source. "
    "Implications across the stories and heuristics need a model writer; none were written for this report."
)
