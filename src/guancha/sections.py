"""The section a news site files a page under, and whether a watcher's topic covers it.

A newsroom files what is not hard news in sections of its own: sport, lifestyle, the arts, food, travel,
puzzles. A page from one of those that shares a watcher's words is almost always sharing them in another sense
(a football club nicknamed "the Miners", a wedding dress in "wine" red, a comedy about cabin crew), which the
embedding of the page cannot tell apart from the topic's sense. The site has already said what the page is
about; selection believes it unless the watcher's own topic is about that field (a football league's finances
may want the sport pages, a vineyards watcher the food and drink ones).

A page says its section in its address (``/sport/``, ``/chronicle/lifestyle/``, ``/kultur/``), in its markup
(``article:section``, JSON-LD ``articleSection``, kept by collection as ``meta["section"]``), in its feed's
categories (``meta["tags"]``) or as a kicker, a first line that is only the section's name ("Deportes").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Section names (lower case, as written in addresses, markup, feed categories and kickers) by field, in the languages
# the samples' outlets write (a Finnish daily's /urheilu/, a Turkish one's /spor/ and /magazin/).
SOFT_SECTIONS: dict[str, frozenset[str]] = {
    "sport": frozenset({"sport", "sports", "deportes", "deporte", "esportes", "esporte", "sportif", "calcio", "fussball",
                        "football", "soccer", "cricket", "rugby", "tennis", "golf", "motorsport", "athletics",
                        "olympics", "urheilu", "spor", "olahraga", "šport", "idrott", "idrett", "sporty", "sportas"}),
    "lifestyle": frozenset({"lifestyle", "life-style", "living", "style", "fashion", "beauty", "wedding", "weddings",
                            "moda", "estilo", "horoscope", "horoscopes", "astrology", "relationships", "parenting",
                            "magazin", "yasam", "yaşam", "gaya-hidup", "elama", "elämä", "livsstil"}),
    "arts": frozenset({"arts", "culture", "cultura", "kultur", "kultura", "entertainment", "showbiz", "celebrity",
                       "celebrities", "music", "film", "films", "movies", "cinema", "tv", "television", "books",
                       "theatre", "theater", "whatson", "whats-on", "what-s-on", "listings", "leisure", "loisirs",
                       "ocio", "espectaculos", "espectáculos", "gossip", "arts-culture", "arts-and-culture",
                       "kulttuuri", "viihde", "kültür", "kultur-sanat", "sanat", "budaya", "hiburan", "zabava"}),
    "food": frozenset({"food", "dining", "restaurants", "recipes", "food-drink", "food-and-drink", "eat", "cuisine",
                       "gastronomia", "gastronomie", "ruoka", "yemek", "kuliner", "hrana"}),
    "travel": frozenset({"travel", "viajes", "reisen", "holidays", "matkailu", "matkat", "seyahat", "gezi", "wisata",
                         "cestovani", "cestování", "potovanja", "reise"}),
    "puzzles": frozenset({"puzzles", "crosswords", "crossword", "comics", "games"}),
}
SECTION_NAMES: dict[str, str] = {name: family for family, names in SOFT_SECTIONS.items() for name in names}

# Topic words that say a watcher follows a field itself, whose sections are then news to it: whole words, and
# stems of five letters or more that a word may begin with ("cultur" for culture and cultural).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "sport": ("sport", "sports", "football", "soccer", "league", "leagues", "club", "clubs", "athlet", "olympi",
              "cricket", "rugby", "tennis", "golf", "esport", "esports", "stadium", "racing"),
    "lifestyle": ("lifestyle", "fashion", "wedding", "bridal", "beauty", "cosmetic", "apparel", "clothing", "garment",
                  "textile", "jewel"),
    "arts": ("art", "arts", "artist", "cultur", "museum", "theatre", "theater", "film", "films", "cinema", "music",
             "book", "books", "publish", "entertainment", "media", "broadcast", "streaming", "celebrit", "festival",
             "television"),
    "food": ("food", "foods", "dining", "restaurant", "cuisine", "recipe", "chef", "chefs", "drink", "drinks", "wine",
             "wines", "winer", "beer", "brewer", "brewing", "coffee", "dairy", "farm", "farms", "farming", "farmer",
             "agricult", "crop", "crops", "grape", "grapes", "vineyard", "fisher", "fishing", "seafood", "meat", "bakery"),
    "travel": ("travel", "touris", "airline", "aviation", "hotel", "hotels", "airport", "cruise", "cruises", "holiday"),
    "puzzles": ("game", "games", "gaming", "puzzle", "puzzles", "toy", "toys"),
}
STEM_MIN = 5

_WORD = re.compile(r"[^\W\d_]+")
_SEGMENT_SPLIT = re.compile(r"[-_.]+")
KICKER_MAX_CHARS = 40


def _family(label: str) -> str | None:
    name = label.strip().casefold()
    family = SECTION_NAMES.get(name) or SECTION_NAMES.get(name.replace(" & ", "-").replace(" and ", "-and-")
                                                          .replace(" ", "-"))
    if family is None and " & " in name:  # "Arts & Culture", "Food & Drink": every part a name of one field
        families = {SECTION_NAMES.get(part.strip()) for part in name.split(" & ")}
        family = families.pop() if len(families) == 1 else None
    return family


def _address_sections(url: str) -> set[str]:
    """Fields the page's address files it under: a folder named as a section (never the page's own file name)."""
    path = urlsplit(url).path
    folders = [segment for segment in path.split("/")[:-1] if segment]
    return {family for segment in folders if (family := _family(segment)) is not None}


def _kicker(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= KICKER_MAX_CHARS else None


def page_sections(url: str, meta: Mapping[str, Any], text: str = "") -> set[str]:
    """The soft fields (``SOFT_SECTIONS``) a page is filed under, by its address, markup, feed or kicker."""
    labels: list[str] = []
    for key in ("section", "tags"):
        value = meta.get(key)
        if isinstance(value, str):
            labels.append(value)
        elif isinstance(value, list):
            labels.extend(v for v in value if isinstance(v, str))
    kicker = _kicker(text)
    if kicker is not None:
        labels.append(kicker)
    found = _address_sections(url)
    found.update(family for label in labels if (family := _family(label)) is not None)
    return found


def fields_named(topic_text: str, field_words: Mapping[str, Sequence[str]]) -> set[str]:
    """The fields of ``field_words`` (each a field's whole words, and stems of ``STEM_MIN`` letters or more that a
    word may begin with) that a watcher's topic (title, description, keywords) names."""
    words = {w.casefold() for w in _WORD.findall(topic_text)}

    def names(word: str, entry: str) -> bool:
        return word == entry or (len(entry) >= STEM_MIN and word.startswith(entry))

    return {field for field, entries in field_words.items() if any(names(w, e) for w in words for e in entries)}


def covered_fields(topic_text: str) -> set[str]:
    """The soft fields a watcher's topic (title, description, keywords) is itself about."""
    return fields_named(topic_text, FIELD_WORDS)


def uncovered_field(url: str, meta: Mapping[str, Any], text: str, covered: set[str]) -> str | None:
    """The soft field a page is filed under that the topic does not cover (``covered``, see ``covered_fields``), if
    any: such a page is not the watcher's news."""
    fields = page_sections(url, meta, text) - covered
    return min(fields) if fields else None


# A page says what it is in its words even where the site files it with the news. A match report names a score, a
# coach, a striker, a trophy; a page about a band or a show names the band, its album, its singer, the concert. These
# are the words of such pages (English, the language selection reads). The strong ones rarely mean anything else in
# news, the weak ones ("win", "season", "tour", "tickets", "stage") often do, so a page needs many of them, several
# strong (the play or the performance itself, not the ground, the venue or the fans, which news about a stadium's
# rail halt or a concert hall's ferry also names), and a share of its words, before it reads as that field.
# Measured on the repository's samples: match reports use 3 to 5 strong sport words and 9 to 14 in all (4% to 12% of
# their words), news pages at most 1 strong one and 4 in all; pages about a band use 3 to 5 strong performance words
# and 7 to 11 in all (6% to 10%), news pages at most 1 strong one ("pay band 5", "encore" in French). The counts
# cannot tell a page about a band from news told with one: a sample written to break this reports growers blocking a
# road with a brass band, a stage and a singer (6 strong words, 4.6%), and that page is left out as a band's.


@dataclass(frozen=True)
class FieldReading:
    """The words that make a text read as one soft field (see above), and what such a text is called."""

    called: str
    strong: frozenset[str]
    weak: frozenset[str]
    min_words: int      # distinct words of either list
    min_strong: int     # distinct strong ones among them
    min_share: float    # of the text's words, counting every use
    # A brief item (under BRIEF_MAX_WORDS words: a radio bulletin's two sentences) has too few words for the counts
    # above; it reads as the field when it has this line (a result and its score) and brief_min_words of the words
    brief_line: re.Pattern[str] | None = None
    brief_min_words: int = 0


FIELD_READINGS: dict[str, FieldReading] = {
    "sport": FieldReading(
        called="a sport report",
        strong=frozenset({
            # the play itself: who scored, who coached, who played where
            "coach", "coaches", "striker", "strikers", "goal", "goals", "scored", "scorer", "goalscorer", "pre-season",
            "preseason", "trophy", "forwards", "half-time", "halftime", "squad", "midfielder", "defender",
            "goalkeeper", "winger", "innings", "wicket", "wickets", "quarterback", "touchdown", "podium", "medal",
            "medals", "teammates", "halfback", "try-scorer", "hat-trick", "penalty-kick", "relegated", "relegation",
        }),
        weak=frozenset({
            # what news about a ground, a club or an event also says
            "stadium", "league", "fans", "derby", "fixture", "fixtures", "kick-off", "kickoff", "whistle", "referee",
            "playoff", "playoffs", "play-off", "play-offs", "tournament", "semi-final", "semifinal", "championship",
            "olympic", "athlete", "athletes", "sideline", "match", "matches", "season", "cup", "tries", "champions",
            "final", "captain", "supporters", "victory", "defeat", "win", "won", "beat", "draw", "drew", "points",
            "table", "promotion", "title", "transfer", "signs", "signed", "signing", "player", "players", "team",
            "opponents", "round", "game", "games", "kit", "shirt", "shirts", "pitch", "penalty", "penalties", "bench",
            "race", "lap", "scores",
        }),
        min_words=7, min_strong=3, min_share=0.025,
        # "beat the Riverside Pike 11-8", "drew 1-1 with", "won 3-1": a result verb, at most four words, a score
        brief_line=re.compile(r"\b(?:beat|beats|edged|edges|edge|defeated|defeats|thrashed|won|wins|lost|loses|drew|"
                              r"draws)\b(?:\s+[^\s\d]\S*){0,4}\s+\d{1,3}\s?[-–]\s?\d{1,3}\b"),
        brief_min_words=3,
    ),
    "arts": FieldReading(
        called="a page about a band or a show",
        strong=frozenset({
            # the performance itself: who plays, what they play
            "band", "bands", "bandmates", "album", "albums", "singer", "singers", "vocalist", "vocals", "guitarist",
            "guitarists", "drummer", "bassist", "frontman", "frontwoman", "songwriter", "song", "songs", "lyrics",
            "rapper", "choir", "orchestra", "symphony", "concert", "concerts", "gig", "gigs", "encore", "setlist",
            "headliner", "headliners", "headlining", "discography",
        }),
        weak=frozenset({
            # what news about a hall, a festival's traffic or a theatre's funding also says
            "tour", "touring", "tickets", "ticket", "sold-out", "stage", "show", "shows", "venue", "fans", "doors",
            "single", "music", "musician", "musicians", "festival", "audience", "crowd", "performance", "perform",
            "performed", "played", "play", "hits", "chart", "debut", "anthem", "dance", "playlist", "premiere",
            "theatre", "comedy", "film", "actor", "actress",
        }),
        min_words=6, min_strong=3, min_share=0.025,
    ),
}
_LOWER_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
BRIEF_MAX_WORDS = 80


def field_words(text: str, reading: FieldReading) -> list[str]:
    """The words of ``reading`` (strong ones first) that make ``text`` read as its field, or an empty list when it
    does not."""
    low = text.lower()
    words = _LOWER_WORD.findall(low)
    used = [w for w in words if w in reading.strong or w in reading.weak]
    distinct = sorted(set(used))
    strong = [w for w in distinct if w in reading.strong]
    brief = (len(words) < BRIEF_MAX_WORDS and reading.brief_line is not None
             and len(distinct) >= reading.brief_min_words and reading.brief_line.search(low) is not None)
    if not brief and (len(distinct) < reading.min_words or len(strong) < reading.min_strong
                      or len(used) < reading.min_share * len(words)):
        return []
    return strong + [w for w in distinct if w not in reading.strong]


def read_as_field(text: str, covered: set[str]) -> tuple[str, list[str]] | None:
    """The soft field ``text`` reads as by its words (``FIELD_READINGS``) that the watcher does not cover
    (``covered``, see ``covered_fields``), with the words that say so; None when it reads as none."""
    for name, reading in FIELD_READINGS.items():
        if name not in covered and (words := field_words(text, reading)):
            return name, words
    return None
