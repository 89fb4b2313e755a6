"""The fields arXiv files a paper under, and whether a watcher's topic covers them.

arXiv files every paper under one or more categories (``cs.LG``, ``physics.geo-ph``), chosen by its authors and
checked by its moderators: the archive has already said what the paper is about. A few fields lend their words
to everyone else's as metaphors and borrow everyone else's words for their own: machine learning "distils" a
"teacher" into "students" and "leaks" data down "pipelines", a network attack "floods" a server, a blazar has a
"jet", a photodiode an "avalanche", a detector a copper "housing", a composite a "broadband" spectrum, a CT scan a
patient's "dose". Such a paper shares a watcher's keywords and, with a static embedding, most of its closeness to the
topic; its categories still say computing, astrophysics, particle physics, neuroscience, detectors, materials or
medical physics.

So a paper filed *only* under fields the watcher's topic does not cover is not the watcher's paper, like a page a
news site files under its sport pages (``guancha.sections``). A paper cross-listed to any other field (a wildfire
map from satellite images in ``cs.CV`` and ``physics.geo-ph``) is applied work and is judged by its words as
before. A watcher covers a field when its title, description or keywords name it ("AI", "software", "satellite")
or when its arXiv query asks for one of the field's categories (``cat:cs.LG``).

Known cost: an on-topic paper its authors filed under computer science alone (a model of ferry cancellations in
``cs.LG`` only) is left out for a watcher that does not cover computing; its exclusion says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from guancha.sections import fields_named

# Fields whose categories (``prefixes``: a category is in the field when it starts with one, less ``except_``)
# mostly borrow other fields' words rather than study what those words name.
DISTANT_FIELDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    # Computers and Society (cs.CY) studies people and institutions, and Computational Engineering (cs.CE) applies
    # computing to an engineering field: both are applied work, not computing's own subject
    # image and video processing (eess.IV) is computer vision's twin under electrical engineering
    "computer science": (("cs.", "stat.ML", "eess.IV"), frozenset({"cs.CY", "cs.CE"})),
    # stars, galaxies and the universe; the solar system's planets and the instruments that watch the sky are a field
    # of their own, the one a watcher of satellites and rockets comes near: a binary star's "orbital decay", the
    # "launch" of its wind and a galaxy's "satellites" are not
    "astrophysics": (("astro-ph",), frozenset({"astro-ph.EP", "astro-ph.IM"})),
    "planetary science and astronomical instruments": (("astro-ph.EP", "astro-ph.IM"), frozenset()),
    "quantum physics": (("quant-ph",), frozenset()),
    # detectors and the instruments of the physics laboratory: an "avalanche" photodiode, a detector's copper
    # "housing", its "trigger" and "shielding"
    "instrumentation and detectors": (("physics.ins-det",), frozenset()),
    # the physics of solids and materials: a composite's "broadband" dielectric "spectrum", "shot noise" and
    # "booster" stages of an amplifier, a biscuit's loss of crispness on a "sea freight" voyage
    "condensed matter and materials": (("cond-mat",), frozenset()),
    # imaging and radiation physics in medicine: a CT scan's organ "dose" for a "patient", a "trial" of a phantom
    "medical physics": (("physics.med-ph",), frozenset()),
    # with plasma physics (physics.plasm-ph), the physics of fusion: a tokamak's fuel "pellets", a plasma "torch"
    "particle, nuclear and gravitational physics": (("hep-", "nucl-", "gr-qc", "physics.plasm-ph"), frozenset()),
    # the bench's biology: neurons, molecules, cells, genomes, tissues. Neuroscience speaks of "avalanches",
    # "tremor", "broadband" activity and small-world "networks"; populations and evolution (q-bio.PE: epidemics,
    # fish stocks, crop disease) and quantitative methods (q-bio.QM) are where applied work is filed
    "laboratory biology and neuroscience": (("q-bio.",), frozenset({"q-bio.PE", "q-bio.QM"})),
}

# Topic words that say a watcher follows the field itself (whole words, or stems of five letters or more that a
# word may begin with, as in ``guancha.sections.FIELD_WORDS``).
DISTANT_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "computer science": ("ai", "ml", "llm", "llms", "comput", "software", "algorithm", "algorithms", "artificial",
                         "intelligence", "robot", "robots", "robotic", "cyber", "cybersecurity", "internet", "digital",
                         "data", "chip", "chips", "microchip", "semiconduct", "telecom",
                         "neural", "tech", "startup", "startups", "crypto", "blockchain", "online"),
    "astrophysics": ("astronom", "astrophys", "telescope", "telescopes", "cosmolog", "galaxy", "galaxies", "stellar"),
    "planetary science and astronomical instruments": ("astronom", "astrophys", "satellite", "satellites", "planet",
                                                       "planets", "planetar", "telescope", "telescopes", "rocket",
                                                       "rockets", "orbit", "orbital", "lunar", "moon", "mars"),
    "quantum physics": ("quantum", "qubit", "qubits", "physics"),
    "instrumentation and detectors": ("instrum", "detector", "detectors", "sensor", "sensors", "physics"),
    "condensed matter and materials": ("physics", "material", "materials", "semiconduct", "superconduct", "battery",
                                       "batteries", "crystal", "crystals", "alloy", "alloys", "magnet", "magnetic",
                                       "polymer", "polymers", "graphene", "chip", "chips", "microchip", "solar",
                                       "photovolt"),
    "medical physics": ("physics", "radiolog", "radiother", "imaging", "scan", "scans", "scanner", "scanners",
                        "tomograph", "mri", "ultrasound", "radiation"),
    "particle, nuclear and gravitational physics": ("physics", "particle", "particles", "nuclear", "fusion",
                                                    "collider", "gravit", "plasma", "plasmas", "tokamak"),
    # the science's own words, not its institutions: a seismic watcher follows the retrofit of "schools, hospitals
    # and homes", not medicine
    "laboratory biology and neuroscience": ("biolog", "biotech", "neuro", "brain", "brains", "medic", "health",
                                            "disease", "diseases", "gene", "genes", "genom", "genet", "cell", "cells",
                                            "protein", "proteins", "molecul", "pharma", "drug", "drugs", "antibiot",
                                            "antimicrob", "bacteri", "microb", "vaccin", "virus", "viral", "infect",
                                            "cancer"),
}

# ``cat:cs.LG`` in an arXiv query (the query is the watcher's own configuration)
_QUERY_CATEGORY = re.compile(r"cat:\s*([A-Za-z-]+(?:\.[A-Za-z-]+)?)")


def category_field(category: str) -> str | None:
    """The distant field (``DISTANT_FIELDS``) an arXiv category belongs to, if any."""
    for name, (prefixes, except_) in DISTANT_FIELDS.items():
        if category not in except_ and category.startswith(prefixes):
            return name
    return None


def covered_distant_fields(topic_text: str, arxiv_queries: Iterable[str] = ()) -> set[str]:
    """The distant fields a watcher covers: named by its topic (title, description, keywords) or asked for by a
    category in one of its arXiv queries."""
    covered = fields_named(topic_text, DISTANT_FIELD_WORDS)
    for query in arxiv_queries:
        covered.update(field for category in _QUERY_CATEGORY.findall(query)
                       if (field := category_field(category)) is not None)
    return covered


def uncovered_filing(categories: Sequence[str], covered: set[str]) -> str | None:
    """The distant field a paper is filed under when every one of its ``categories`` is in a distant field the
    watcher does not cover (``covered``, see ``covered_distant_fields``); None for a paper with no categories or one
    filed under any other field."""
    fields = [category_field(c) for c in categories]
    if not fields or any(f is None or f in covered for f in fields):
        return None
    return fields[0]


# How arXiv and authors mark a withdrawn version: the abstract replaced by a notice ("This paper has been withdrawn
# by the authors: ...", "Withdrawn due to an error in Section 3") or a comment saying so. Read only at the abstract's
# start and in the comment: an abstract may well tell of a licence "withdrawn by the regulator".
_WITHDRAWN = re.compile(r"\b(?:paper|article|submission|manuscript|preprint|version|work)\s+"
                        r"(?:has\s+been\s+|was\s+|is\s+)?withdrawn\b", re.IGNORECASE)


def withdrawal_notice(summary: str, comment: str = "") -> bool:
    """Whether a paper's abstract (``summary``) or arXiv comment says this version is withdrawn: a reader must never
    be sent to a paper its authors took back, however on topic it reads."""
    head = summary.lstrip()[:300]
    return head.lower().startswith("withdrawn") or any(
        _WITHDRAWN.search(text) is not None or text.lower().lstrip().startswith("withdrawn")
        for text in (head, comment[:300]))
