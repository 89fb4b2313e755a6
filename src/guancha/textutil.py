"""Text helpers shared by selection and the writers: static embeddings, sentence splitting, salient terms.

Embeddings come from ``wordllama`` (static word vectors shipped inside the wheel): loaded from the package
directory with downloads disabled, so nothing ever reaches for a model hub.
"""

from __future__ import annotations

import contextlib
import decimal
import functools
import logging
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from guancha.errors import GuanchaError
from guancha.textscan import Branch, LinearAlternation, domain_branch
from guancha.timeutil import MONTH_NAMES_WRITTEN_OUT


class EmbeddingUnavailable(GuanchaError):
    """wordllama could not be loaded from its wheel."""


@contextlib.contextmanager
def _root_logging_kept() -> Iterator[None]:
    """Undo what an import does to the root logger. wordllama calls ``logging.basicConfig(level=INFO)`` when imported:
    from then on every library's INFO records reached stderr, httpx's among them, with each request's full URL (a
    webhook's secret token included) after the first embedding of a run."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
        root.setLevel(level)


@functools.lru_cache(maxsize=1)
def _wordllama() -> Any:
    try:
        with _root_logging_kept():
            import wordllama
            from wordllama import WordLlama
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise EmbeddingUnavailable("wordllama is not installed", fix="pip install wordllama") from exc
    try:
        return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    except (OSError, FileNotFoundError, ValueError) as exc:
        raise EmbeddingUnavailable(
            f"wordllama's bundled weights could not be loaded: {exc}",
            fix="reinstall wordllama (its wheel ships the weights); guancha never downloads them",
        ) from exc


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised static embeddings, one row per text (empty texts give zero rows)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    return unit_rows(np.asarray(_wordllama().embed([t or " " for t in texts]), dtype=np.float32))


def unit(vector: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(vector))
    return vector / n if n > 0 else vector


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


# --------------------------------------------------------------------------- sentences

_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|Corp|Jr|Sr|St|vs|No|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Gen|Gov|Sen|Rep|Dept|Univ|al|approx|est|e\.g|i\.e|etc|U\.S|U\.K|U\.N|E\.U|a\.m|p\.m"
    # Spanish and Portuguese titles and street words: "Av. Grau", "Ing. Mamani", "Lic. Yupanqui", "Dra. Quispe"
    r"|Av|Avda|Ing|Lic|Dra|Sra|Srta|Gral|Pdte|Arq|Cnel|Sto|Sta|Dña)\.$",
    re.IGNORECASE,
)
# Letters of the Latin (with its accents), Greek and Cyrillic scripts, and their capitals: "Pacífico", "Østfold",
# "Yáñez" are names as "Pacific" is (a class of A-Z cut them at the first accent or missed them whole)
LETTERS = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"


def _capitals() -> str:
    """The capital letters among ``LETTERS``, as a character-class body."""
    spans: list[tuple[int, int]] = []
    for first, last in ((0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF)):
        for code in range(first, last + 1):
            if chr(code).isupper() or chr(code).istitle():
                if spans and spans[-1][1] == code - 1:
                    spans[-1] = (spans[-1][0], code)
                else:
                    spans.append((code, code))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in spans)


CAPITALS = _capitals()
_BOUNDARY = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[" + CAPITALS + r"0-9\u4e00-\u9fff])")
_INITIAL = re.compile(r"\b[A-Z]\.$")
# quoted speech, also where a hard-wrapped line holds only one end of the quote ("“I will be asking the board" up to
# the line's end, or "…for a vote,” said" from its start): someone's attributed words, not the writer's own
QUOTED_SPEECH = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|“[^”]*$|^[^“]*”")
# A dateline's place and its state or country abbreviation ("FERRISPORT, Cal.", "Bend, Ore.") opening a paragraph
_DATELINE_PLACE = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}, [A-Z][a-z]{1,4}\.$")
# German, Scandinavian and Czech write a day of the month as an ordinal with a dot ("24. Januar", "3. marts", "5.
# května"): the dot ends no sentence when a month's name (timeutil's, written out) follows it
_ORDINAL_DAY = re.compile(r"(?<![\d.])\d{1,2}\.$")
_MONTH_AFTER_ORDINAL = re.compile(
    r"(?i)(?:" + "|".join(sorted(MONTH_NAMES_WRITTEN_OUT, key=len, reverse=True)) + r")(?![^\W\d_])")
# Both patterns above end at the candidate's end: the longest match ("approx.") with the character before it
# (for the \b) fits in this many final characters, so only they are searched, not the whole sentence.
_TAIL = 10


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations such as 'U.S.' and 'Dr.' intact."""
    return list(_split_sentences(text or ""))


@functools.lru_cache(maxsize=4096)
def _split_sentences(text: str) -> tuple[str, ...]:
    """Cached: a check splits the same paragraph for several rules (narration, repetition, grounding)."""
    out: list[str] = []
    # str.split, not re.split(r"\s*\n\s*"): that pattern rescans a long run of spaces at every start
    # position (quadratic on a hostile line); the whitespace around each break is dropped below anyway
    for para in text.split("\n"):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        pieces: list[str] = []
        for m in _BOUNDARY.finditer(para):
            candidate = para[start:m.start()].strip()
            tail = candidate[-_TAIL:]
            if _ABBREV.search(tail) or _INITIAL.search(tail) or (start == 0 and _DATELINE_PLACE.match(candidate)):
                continue
            if _ORDINAL_DAY.search(tail) and _MONTH_AFTER_ORDINAL.match(para, m.end()):
                continue   # "24. Januar"
            pieces.append(para[start:m.end()].strip())
            start = m.end()
        pieces.append(para[start:].strip())
        out.extend(p for p in pieces if p)
    return tuple(out)


# Words common in one language's prose and rare in the others': enough to tell which language a sentence or headline
# is in (an English briefing quotes English where its sources give it). Words two of them share ("in", "a", "to",
# "die", "was") are left out.
_FUNCTION_WORDS = {
    "en": frozenset({"the", "of", "and", "is", "are", "were", "for", "on", "that", "with", "said", "from", "has",
                     "have", "had", "would", "its", "this", "their", "which", "after", "about", "been", "than",
                     "who", "not", "but", "they", "he", "she", "it", "will", "at", "by", "be", "into", "over"}),
    "de": frozenset({"der", "das", "und", "ist", "nicht", "mit", "für", "von", "den", "dem", "im", "auf", "sich",
                     "eine", "einen", "ein", "des", "wird", "sind", "zu", "bei", "nach", "aus", "wie", "soll"}),
    "es": frozenset({"el", "los", "las", "del", "y", "que", "por", "para", "con", "una", "es", "al", "se", "su",
                     "lo", "como", "más", "pero", "sus", "fue", "está", "también", "según", "hasta", "desde"}),
    "pt": frozenset({"os", "do", "da", "dos", "das", "e", "em", "que", "para", "com", "um", "uma", "é", "não", "ao",
                     "na", "no", "pelo", "pela", "mais", "seu", "sua", "o", "às", "aos", "foi", "são", "está", "também",
                     "será", "pelos", "pelas", "nos", "nas", "ou", "seus", "suas"}),
    "fr": frozenset({"le", "les", "des", "du", "et", "est", "pour", "dans", "avec", "une", "sur", "au", "aux",
                     "qui", "ne", "pas", "ce", "cette", "sont", "été", "à", "il", "elle", "ils", "son", "sa", "ses",
                     "leur", "leurs", "par", "plus", "être", "ont", "sera", "selon", "mais", "l", "qu", "aussi"}),
    "pl": frozenset({"i", "w", "z", "na", "się", "że", "nie", "jest", "od", "po", "przez", "dla", "oraz", "który",
                     "która", "także"}),
    "nordic": frozenset({"og", "och", "er", "det", "av", "til", "som", "på", "med", "för", "att", "ikke", "inte",
                         "har", "ble", "blev", "fra", "från"}),
    # not "de", "en" or "die": Spanish, French and German write them as often; nor "door" ("door to door"). "van",
    # "met" and "op" are English words too, but Dutch pages without them were read as no language
    "nl": frozenset({"van", "met", "op", "het", "een", "niet", "voor", "zijn", "bij", "naar", "ook", "maar", "werd",
                     "wordt", "heeft", "hebben", "deze", "dat", "uit", "nog", "aan", "om", "zal", "worden", "tot",
                     "wat", "haar", "hun", "dit"}),
    # not "la", "con", "una", "per" or "il" (French, Spanish and English write them too), nor "ai" or "non" ("AI",
    # "non-profit")
    "it": frozenset({"della", "delle", "degli", "dei", "che", "sono", "gli", "alla", "nel", "nella", "anche", "più",
                     "è", "stato", "stata", "questo", "questa", "dopo", "perché", "hanno", "ha", "dal", "dalla",
                     "sulla", "sul", "agli"}),
    # Finnish: not "on" ("is", an English word) nor "se" and "ne" (Spanish, French)
    "fi": frozenset({"ja", "että", "myös", "oli", "ovat", "joka", "jonka", "mukaan", "kanssa", "sekä", "ei", "hän",
                     "kun", "vain", "mutta", "tai", "olla", "ollut", "tämä", "nyt", "jälkeen", "vuonna"}),
    # Turkish: not "de" or "da" (German, Portuguese)
    "tr": frozenset({"ve", "bir", "ile", "için", "bu", "olarak", "daha", "çok", "gibi", "ancak", "sonra", "olan",
                     "oldu", "ise", "veya", "kadar", "göre", "yüzde", "ayrıca", "değil", "şu"}),
    # Czech and Slovak: not "je", "se", "na" or "za" (Slovenian, Spanish, Polish write them too), nor "ale", "jako" or
    # "aby" (Polish)
    "cs": frozenset({"že", "jsou", "byl", "byla", "bylo", "který", "která", "které", "také", "podle", "jeho",
                     "jejich", "při", "už", "až", "nebo", "bude", "kde", "než", "již"}),
    # Slovenian, Croatian and their neighbours: not "in" or "so" (English), "da" (Portuguese), "le" (French)
    "sl": frozenset({"ki", "tudi", "bo", "bil", "bila", "bilo", "ter", "kot", "pri", "iz", "še", "sta", "bodo",
                     "lahko", "zaradi", "kjer", "jih"}),
    # Indonesian and Malay: not "di" (Italian)
    "id": frozenset({"dan", "yang", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "akan", "pada",
                     "juga", "oleh", "adalah", "telah", "sudah", "karena", "dalam", "bahwa"}),
}
_PROSE_WORD = re.compile(r"[^\W\d_]+")
# A text of at least NOT_ENGLISH_MIN_WORDS words in which English function words make less than ENGLISH_MIN_SHARE of
# the words is in another language, whether or not a list above names it. Measured on the sample webs' pages (their
# first 1,500 characters): English prose gives 0.15-0.35, terse English ticker notes and notices 0.07-0.11, and the
# Finnish pages of a sample written later 0.01-0.05 (Finnish "on" is "is"; no list above has Finnish, so they were
# read as English, and the embedding, which reads English, found them all alike).
NOT_ENGLISH_MIN_WORDS = 30
ENGLISH_MIN_SHARE = 0.06


def language_of(text: str) -> str | None:
    """The language a text's function words say it is in ("en", "de", "es", "pt", "fr", "pl", "nordic", "nl", "it",
    "fi", "tr", "cs", "sl", "id"),
    "other" for a text long enough to tell that is in none of these nor English, or None when nothing says (a terse
    headline of names) or two tie."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    words = _PROSE_WORD.findall(text.lower())
    for word in words:
        for language, function_words in _FUNCTION_WORDS.items():
            if word in function_words:
                counts[language] += 1
    best = max(counts.values())
    winners = [language for language, n in counts.items() if n == best]
    found = winners[0] if best > 0 and len(winners) == 1 else None
    if found in (None, "en") and len(words) >= NOT_ENGLISH_MIN_WORDS and counts["en"] < ENGLISH_MIN_SHARE * len(words):
        others = {language: n for language, n in counts.items() if language != "en" and n > 0}
        leaders = [language for language, n in others.items() if n == max(others.values(), default=0)]
        return leaders[0] if len(leaders) == 1 else "other"
    return found


def normalise_sentence(sentence: str) -> str:
    """A comparison key: case-folded letters and digits only (so punctuation changes do not hide a repeat)."""
    text = unicodedata.normalize("NFKC", sentence).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


# a word: letters or digits, with inner apostrophes, dots and hyphens ("U.S", "state-owned", "don't"); in Chinese and
# Japanese, written without spaces, each character is one word, as word processors count them (a Chinese story of
# 360 characters was "23 words", a stub)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’.-][^\W_{_CJK}]+)*")


def word_count(text: str) -> int:
    """Words in plain text; the writers, the renderer and the story-words gate all count with this."""
    return len(WORD_RE.findall(text))


# --------------------------------------------------------------------------- salient terms

# A web address written in text ("https://host:8080/page", "www.example.org/x"): no name or figure of the news;
# its host, port and path numbers would otherwise pass for shared facts. One match per address, linear to scan.
WEB_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)\S+")


def without_web_addresses(text: str) -> str:
    """``text`` with every web address replaced by a space."""
    return WEB_ADDRESS.sub(" ", text) if ("://" in text or "www." in text.lower()) else text


_STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "of", "for", "and", "or", "but", "to", "by", "with", "as", "is", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "our", "their", "his", "her", "after",
    "before", "when", "while", "if", "from", "into", "over", "under", "new", "more", "most", "also", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "said", "says", "according",
    "read", "news", "update", "updated", "published", "share", "however", "meanwhile", "there", "here",
    "what", "why", "how", "who", "where", "which", "one", "two", "three", "first", "last", "year", "years", "today",
    "yesterday", "week", "month", "s",
}
# currency signs a figure may open with; the amount, not the currency, is the fact compared
CURRENCY_SIGNS = "$€¥£₹"
# Spanish, Portuguese, Italian, German, Swedish and Dutch write the million and the milliard in their own words (a
# Brazilian "bilhão" is a billion; a Spanish "billón" is a million million, so it is left out)
_MAGNITUDE_WORDS_ABROAD = {"millones": 6, "millón": 6, "milhões": 6, "milhão": 6, "milioni": 6, "milione": 6,
                           "millionen": 6, "milliarde": 9, "milliarden": 9, "miliardi": 9, "miljoner": 6, "miljoen": 6,
                           "miljard": 9, "miljarder": 9, "bilhões": 9, "bilhão": 9,
                           # Finnish, Turkish, Hungarian, Czech, Slovenian and Greek, as the samples in those
                           # languages write them ("3,5 miljoonaa", "18 milyon", "96 millió", "2,8 milionu")
                           "miljoonaa": 6, "miljoona": 6, "miljardia": 9, "milyon": 6, "milyar": 9, "millió": 6,
                           "milliárd": 9, "milion": 6, "milionu": 6, "milionů": 6, "miliony": 6, "miliard": 9,
                           "miliardy": 9, "miliardů": 9, "milijon": 6, "milijona": 6, "milijonov": 6,
                           "milijard": 9, "εκατ": 6, "εκατ.": 6, "εκατομμύρια": 6, "δισ.": 9,
                           # Russian and Ukrainian: "12,5 млн", "3,2 млрд", "850 тыс."
                           "млн": 6, "млрд": 9, "тыс": 3, "тис": 3, "миллиона": 6, "миллионов": 6,
                           "мільйонів": 6, "мільйона": 6}
# A currency code before an amount ("PLN 3,400m", "EUR790m", "USD 1.2bn") is a currency like the sign, so a bare "m"
# after the amount is a million. Any three capitals there are read as one, as ISO 4217 writes them: a currency no
# list names (a small country's, a fictional one's "HAR 62m") is a currency all the same, and its "62m" is the
# "62 million" of another page, not 62 metres.
_CODE = r"(?-i:[A-Z]{3})(?:\s|\u00a0)?"
_HAN = "\u4e00-\u9fff"   # the Chinese characters (CJK unified ideographs) a run of Chinese text is written in
_TERM = re.compile(
    r"(?:(?:[$€¥£₹]|\b" + _CODE + r"(?=\d))?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]?\d)|\d[\d,.]*)"
    r"(?:\s?(?i:%|percent|per\s?cent|p(?:o|ou|e)r\s?c(?:ent|ento|iento)\b|prozent|procent|pct\b|pc\b|proc\b\.?|nm|bn|"
    r"m\$|g\$|k\$|m€|mrd\b\.?|mio\b\.?|mln\b|mld\b|bln\b|mn\b|m\b|b\b|k\b|gw|mw|tops|"
    r"tflops|gb|tb|ktpa|kt\b|mtpa|(?:mega|giga)lit(?:re|er|ro)s?)|\s?ML\b|"
    r"[亿万億萬]|"
    r"[\s-]?(?i:billion|milliards?|million|thousand|trillion|lakh|lac|crore|cr\b|"
    + "|".join(sorted(_MAGNITUDE_WORDS_ABROAD, key=len, reverse=True)) + r"))?)"
    r"|(?:\b[" + CAPITALS + "][" + LETTERS + "&'’.-]*[" + LETTERS + r"](?:\s+(?!" + _CODE + r"\d)[" + CAPITALS + "]["
    + LETTERS + "&'’.-]*[" + LETTERS + "])*)"
    r"|(?:\b[a-z]+[A-Z0-9][A-Za-z0-9-]*)"
    r"|[" + _HAN + r"]{2,}"
)
_CODE_LED = re.compile(_CODE + r"\d")
_FIGURE_PARTS = re.compile(r"([$€¥£₹]|[a-z]{3}\s?)?(\d[\d,]*(?:\.\d+)?)[.,]?[\s-]?"
                           r"((?:[^\W\d_]|%)+(?:\s?c(?:ent|ento|iento)|[$€])?)?")
# French and German write "4,8 M$" for 4.8 million dollars, "2 400" for 2,400: a comma before one or two last digits
# is a decimal comma (thousands come in threes), and a space between groups of three digits joins them
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d|[,.]\d))")   # the last separator: "2,12,00,000" groups
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
# "proc.": Polish; "pct": a wire's; "40 por cento" and "40 Prozent" are the "40 per cent" of an English page
_PERCENT_UNITS = frozenset({"%", "percent", "per cent", "pc", "pct", "proc", "por cento", "porcento", "por ciento",
                            "porciento", "pour cent", "pourcent", "per cento", "percento", "prozent", "procent"})
# "m" and "b" are a million and a billion after a currency sign ("$6m"); "a 6m wall" is metres
# the Indian lakh and crore are magnitudes like any other: "₹212 crore" and "2.12 billion rupees" are one amount
# a mine's or a plant's "40ktpa" (thousand tonnes a year) and "2.5mtpa" (million) are its tonnage in thousands and
# millions, as "40,000 tonnes a year" writes it
# Polish and Russian press write "mln" and "mld" (a milliard is a billion), "bln" in places
_MAGNITUDES = {"k": 3, "thousand": 3, "lakh": 5, "lac": 5, "million": 6, "mn": 6, "crore": 7, "cr": 7, "bn": 9,
               "mln": 6, "mld": 9, "bln": 9, **_MAGNITUDE_WORDS_ABROAD,
               "billion": 9, "trillion": 12, "kt": 3, "ktpa": 3, "mtpa": 6, "milliard": 9, "milliards": 9,
               "mrd": 9, "mio": 6, "k$": 3, "m$": 6, "g$": 9, "m€": 6,
               # Chinese counts in ten thousands and hundred millions: "3500万元" is 35 million yuan, "12亿" 1.2 billion
               "万": 4, "萬": 4, "亿": 8, "億": 8,
               **{f"{prefix}lit{end}": exponent for prefix, exponent in (("mega", 6), ("giga", 9))
                  for end in ("re", "res", "er", "ers", "ro", "ros")}}
_MONEY_MAGNITUDES = {"m": 6, "b": 9}
# a water utility's "45 ML a day" is 45 megalitres, the "45 million litres" of the press: a magnitude of litres, as
# "million" is
_MEGALITRES_SHORT = re.compile(r"(?<=\d)\s?ML$")


# a Chinese or Japanese page's full-width digits and separators ("３６００", "１．２") are the ASCII ones
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def figure_key(raw: str) -> str:
    """One figure however it is written: "$14.5M", "$14.5 million", "14,500,000" -> "14500000"; "$380K" ->
    "380000"; "14pc", "14 per cent", "14%" -> "14percent". A currency sign is dropped (the amount is the fact);
    other units stay ("3nm", "6m" of a wall)."""
    raw = _MEGALITRES_SHORT.sub(" megalitres", raw.strip().translate(_FULL_WIDTH))   # "ML" is megalitres
    text = _GROUP_SPACE.sub("", _DECIMAL_COMMA.sub(".", raw.lower()))
    m = _FIGURE_PARTS.fullmatch(text)
    if m is None:
        return re.sub(r"\s+", "", text).replace(",", "").replace("%", "percent")
    currency, number, unit = m.group(1), m.group(2).replace(",", ""), " ".join((m.group(3) or "").split())
    if unit in _PERCENT_UNITS:
        return f"{number}percent"
    exponent = _MAGNITUDES.get(unit) or (_MONEY_MAGNITUDES.get(unit) if currency else None)
    if exponent:
        return _plain(decimal.Decimal(number).scaleb(exponent))
    return f"{number}{unit}"


def fold_accents(word: str) -> str:
    """``word`` without its accents ("pacífico" -> "pacifico", "yáñez" -> "yanez"): one name however a page spells
    it; ASCII is returned as it is."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _plain(value: decimal.Decimal) -> str:
    """A decimal written without exponent or trailing zeros ("7560000", "2.5")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_YEAR = re.compile(r"(?:19|20)\d\d")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})")


# Russian and Ukrainian letters in Latin ones, as English pages write their names ("Савченко" -> "savchenko",
# "Золотоярский" -> "zolotoyarskiy"; Ukrainian "г" is "h", as in "Kharkiv"): a name written in Cyrillic on one page
# and in Latin letters on another is one term
_CYRILLIC_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "ye", "ґ": "g"})
_UKRAINIAN_ONLY = frozenset("іїєґ")


# Ukrainian in the official romanisation, as Ukrainian wires write names: "Олексій" -> "oleksii", "Щербатюк" ->
# "shcherbatiuk", "Ярема" -> "yarema"; є, ї, й, ю and я are "ye", "yi", "y", "yu", "ya" at a word's start, "ie", "i",
# "i", "iu", "ia" elsewhere
_UKRAINIAN_LATIN = str.maketrans({"г": "h", "и": "y", "є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia", "'": "",
                                  "’": "", "ʼ": ""})
_UKRAINIAN_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def latin_letters(word: str, ukrainian: bool = False) -> str:
    """A lower-case word with its Cyrillic letters written in Latin ones (``_CYRILLIC_LATIN``); others as they are.
    ``ukrainian``: the text is Ukrainian (it has і, ї, є or ґ somewhere), so the official Ukrainian romanisation."""
    if not any("\u0400" <= c <= "\u04ff" for c in word):
        return word
    if ukrainian or any(c in _UKRAINIAN_ONLY for c in word):
        word = _UKRAINIAN_FIRST.get(word[0], word[0]) + word[1:].translate(_UKRAINIAN_LATIN)
    return word.translate(_CYRILLIC_LATIN)


_HAN_RUN = re.compile(f"[{_HAN}]{{2,}}")


def han_terms(run: str) -> list[str]:
    """The terms of a run of Chinese characters, written without spaces: each pair of neighbouring characters, in
    pinyin without tones ("翼渡科技" -> "yidu", "duke", "keji"). A name is two characters or more, so its pairs are
    among them, and in pinyin they are the terms an English page writes the name with ("Yidu Technology" ->
    "yidu"); traditional and simplified characters read alike ("汀瀾", "汀澜" -> "tinglan"). The run as a whole,
    a clause, was a term no other page ever had."""
    from pypinyin import lazy_pinyin  # imported here: its dictionary takes most of a second to load

    return ["".join(lazy_pinyin(run[i:i + 2])) for i in range(len(run) - 1)]


def salient_terms(text: str) -> set[str]:
    """Names and numbers in a text (capitalised phrases, figures with units), lower-cased.

    Multi-word names are kept whole and also split, so 'Huawei Ascend' links to 'Ascend'. Possessives are
    dropped ("TSMC's" is "tsmc"), and a capitalised word that the text also uses in lower case is an
    ordinary word at the start of a sentence, not a name.
    """
    text = without_web_addresses(text or "")
    lower_words = set(re.findall(r"(?<![\w'’])[a-z][a-z-]+", text))
    terms: set[str] = set()
    han_pairs: list[str] = []
    ukrainian = any(c in _UKRAINIAN_ONLY for c in text.lower())
    for match in _TERM.finditer(text):
        raw = re.sub(r"['’]s\b", "", match.group(0).strip()).rstrip(".,")
        if not raw:
            continue
        if raw[0].isdigit() or raw[0] in CURRENCY_SIGNS or _CODE_LED.match(raw):
            start, end = match.span()
            if _DOTTED_DATE.fullmatch(raw) or text[start - 1:start] == ":" or text[end:end + 1] == ":":
                continue   # a date ("13.03.2031") or a time of day ("6:05") says when, not what: no figure
            norm = figure_key(raw)
            # a year is no figure of the story; "1,940 cows", written with a thousands separator, is no year
            if len(norm) >= 2 and not (_YEAR.fullmatch(norm) and _YEAR.fullmatch(raw)):
                terms.add(norm)
            continue
        if _HAN_RUN.fullmatch(raw):
            han_pairs.extend(han_terms(raw))
            continue
        words = [w.strip("'’.-") for w in raw.split()]
        words = [w for w in words if w and w.lower() not in _STOP_CAPS
                 and not (w[0].isupper() and w[1:].islower() and w.lower() in lower_words)]
        if not words:
            continue
        words = [fold_accents(latin_letters(w.lower(), ukrainian)) for w in words]
        if len(words) > 1:
            terms.add(" ".join(words))
        for w in words:
            if len(w) >= 2:
                terms.add(w)
    # the pairs of Chinese characters a text gives twice or more: its names come back (the company, the town), the
    # pairs that straddle two words mostly do not, and would bury the names under hundreds of terms no page shares
    counts = Counter(han_pairs)
    terms |= {pair for pair, n in counts.items() if n >= 2}
    terms |= share_figures(text) | spelled_amounts(text) | vote_tallies(text) | han_amounts(text)
    return terms


# Chinese numerals: "四百二十" is 420, "三千六百" 3,600, "一万二千" 12,000; traditional "萬" and "億" too
_HAN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_GROUPS = {sign: 10 ** _MAGNITUDES[sign] for sign in "万萬亿億"}
_HAN_NUMBER = re.compile("[" + "".join([*_HAN_DIGITS, *_HAN_UNITS, *_HAN_GROUPS]) + "]{2,16}")


def han_amounts(text: str) -> set[str]:
    """Numbers written in Chinese numerals, as ``salient_terms`` writes figures ("四百二十架" -> "420"). Only those
    of two characters or more and worth 10 or more: "一" alone is "a", "万一" is "in case"."""
    out: set[str] = set()
    for m in _HAN_NUMBER.finditer(text):
        total = section = digit = 0
        for ch in m.group(0):
            if ch in _HAN_DIGITS:
                digit = _HAN_DIGITS[ch]
            elif ch in _HAN_UNITS:
                section += (digit or 1) * _HAN_UNITS[ch]
                digit = 0
            else:
                total += (section + digit) * _HAN_GROUPS[ch]
                section = digit = 0
        value = total + section + digit
        if value >= 10 and any(ch not in _HAN_DIGITS for ch in m.group(0)):
            out.add(str(value))
    return out


# Numbers written in words: "six million crowns", "thirty-one thousand fish", "forty-two vessels" are the figures
# 6000000, 31000 and 42, as ``figure_key`` writes their digits. Words joined by spaces, hyphens and "and"; bounded
# alternatives, each repetition consuming a separator and a whole word, so linear to scan.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALE_WORDS = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_UNIT_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
# "point" begins a fraction read digit by digit: "fourteen point six million" is 14600000
_NUMBER_WORD = "|".join(sorted([*_NUMBER_WORDS, *_SCALE_WORDS, "point", "zero"], key=len, reverse=True))
# a number word first ("six million"), or "a" and a scale ("a hundred"): a scale word alone follows digits ("14.5
# million"), which ``figure_key`` reads
# "and a half" or "and a quarter" adds its part: "thirty-eight and a half tonnes" is the "38.5 tonnes" of another page
_SPELLED_NUMBER = re.compile(r"(?i)\b(?:a\s+(?:" + "|".join(_SCALE_WORDS) + r")|(?:" + _UNIT_WORD + r"))"
                             r"(?:[\s-]+(?:and\s+)?(?:" + _NUMBER_WORD + r")|\s+and\s+a\s+(?:half|quarter))*\b")
_PARTS = {"half": decimal.Decimal("0.5"), "quarter": decimal.Decimal("0.25")}


# "6m crowns": a bare "m" is a million when a currency follows it ("$6m" is read by ``figure_key``)
_MILLIONS_OF = re.compile(r"(?i)\b(\d+(?:\.\d+)?)\s?m\s+(?:crowns?|kroner|krona|kronor|euros?|dollars?|pounds?|"
                          r"francs?|yuan|yen|rupees?|won|zloty|lira|usd|eur|gbp|sek|nok|dkk|chf)\b")


def spelled_amounts(text: str) -> set[str]:
    """Amounts written in other ways, as ``salient_terms`` writes figures: "6m crowns" -> "6000000", and numbers in
    words ("six million" -> "6000000", "thirty-one thousand" -> "31000", "forty-two" -> "42"; only from twenty up
    or with a scale word: "one of", "two companies" are words, not figures to match on)."""
    out = {_plain(decimal.Decimal(m.group(1)).scaleb(6)) for m in _MILLIONS_OF.finditer(text)}
    for m in _SPELLED_NUMBER.finditer(text):
        value, scaled = _spelled_value([w for w in re.split(r"[\s-]+", m.group(0).lower()) if w not in {"and", "a"}])
        if _PER_CENT_NEXT.match(text, m.end()) and value > 0:
            out.add(f"{_plain(value)}percent")   # "nine point nine per cent" is the "9,9%" of another page
        elif value >= 20 or (scaled and value > 0):
            out.add(_plain(value))
    return out


_PER_CENT_NEXT = re.compile(r"(?i)\s+(?:per\s?cent|percent)\b")


def _spelled_value(words: list[str]) -> tuple[decimal.Decimal, bool]:
    """The number that ``words`` spell, and whether a scale word is among them. After "point" each digit word is a
    decimal place ("fourteen point six million" -> 14600000); a word that cannot continue the number ends it."""
    total, current, scaled = decimal.Decimal(0), decimal.Decimal(0), False
    fraction: str | None = None   # the digits after "point", once it is read
    for word in words:
        digit = 0 if word == "zero" else _NUMBER_WORDS.get(word)
        if word == "point":
            if fraction is not None:
                break
            fraction = ""
        elif fraction is not None and digit is not None and digit < 10:
            fraction += str(digit)
        elif fraction is not None and word in _SCALE_WORDS and word != "hundred" and fraction:
            current += decimal.Decimal("0." + fraction)
            total, current, scaled, fraction = total + current * 10 ** _SCALE_WORDS[word], decimal.Decimal(0), True, None
        elif fraction is not None or word == "zero":
            break
        elif word in _PARTS:
            current += _PARTS[word]
        elif digit is not None:
            current += digit
        elif word == "hundred":
            current, scaled = max(current, decimal.Decimal(1)) * 100, True
        else:
            total, current, scaled = total + max(current, decimal.Decimal(1)) * 10 ** _SCALE_WORDS[word], \
                decimal.Decimal(0), True
    if fraction:
        current += decimal.Decimal("0." + fraction)
    return total + current, scaled


# A share written in words is the same figure as in digits: "cut by a fifth" and "20 percent" (a shared figure is
# event-level evidence). Only where the words are a share ("by a fifth", "two thirds of", "by half"), not a period
# ("the third quarter", "a quarter century"). Bounded, so linear to scan.
_SHARE = re.compile(r"(?i)\b(?:by\s+(a|one)\s+(third|quarter|fifth|tenth)\b(?!\s+century)"
                    r"|(a|one|two|three|four)\s+(thirds?|quarters?|fifths?|tenths?)\s+of\b"
                    r"|by\s+half\b|half\s+of\b)")
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_PART = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}


def share_figures(text: str) -> set[str]:
    """Shares written in words, as ``salient_terms`` writes a percentage ("by a fifth" -> "20percent")."""
    out: set[str] = set()
    for m in _SHARE.finditer(text):
        count, part = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
        if part is None:
            out.add("50percent")
            continue
        share = 100 * _COUNT[count.lower()] / _PART[part.lower().rstrip("s")]
        if share < 100:
            out.add(f"{round(share)}percent")
    return out


# A vote's tally is one figure however it is written: "voted 9-2", "voted nine to two", "a 7–2 ruling", "by 312 votes
# to 298". Only after a word of voting, so that a score or a range ("3-5 years") is no tally; bounded, linear to scan.
_TALLY_NUMBER = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_TALLY = re.compile(r"(?i)\b(?:voted|votes?|vote of|ruling|ruled|decision|majority|split)\b[\s,a-z]{0,20}?\b"
                    + _TALLY_NUMBER + r"(?:\s?[-–—]\s?|\s+votes?\s+to\s+|\s+to\s+)" + _TALLY_NUMBER + r"\b"
                    r"|\b" + _TALLY_NUMBER + r"[-–—]" + _TALLY_NUMBER + r"\s+(?:vote|ruling|decision|majority|split)\b"
                    r"|\b" + _TALLY_NUMBER + r"\s+votes?\s+to\s+" + _TALLY_NUMBER + r"\b")


def vote_tallies(text: str) -> set[str]:
    """Vote tallies, larger side first, as one figure ("voted nine to two" and "voted 9-2" -> "9-2vote")."""
    out: set[str] = set()
    for m in _TALLY.finditer(text):
        first, second = [g for g in m.groups() if g][:2]
        a, b = (int(x) if x.isdigit() else _NUMBER_WORDS[x.lower()] for x in (first, second))
        out.add(f"{max(a, b)}-{min(a, b)}vote")
    return out


def idf_weights(docs: Sequence[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each term over the docs (a term in every doc weighs ~0)."""
    n = len(docs)
    df: dict[str, int] = {}
    for terms in docs:
        for t in terms:
            df[t] = df.get(t, 0) + 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def weighted_overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """How much of the smaller term set the other shares, weighting rare terms more (0..1)."""
    if not a or not b:
        return 0.0
    shared = math.fsum(idf.get(t, 0.0) for t in a & b)
    smaller = min(math.fsum(idf.get(t, 0.0) for t in a), math.fsum(idf.get(t, 0.0) for t in b))
    return min(1.0, shared / smaller) if smaller > 0 else 0.0


# A shared figure (a number, an amount, a percentage) is event-level evidence: two stories about one
# company share its name, two reports of one event share its figures. Weight of a figure against a name.
FIGURE_WEIGHT = 2.0


def is_figure(term: str) -> bool:
    return bool(term) and (term[0].isdigit() or term[0] in CURRENCY_SIGNS)


def distinctive_figure(term: str) -> bool:
    """A figure specific enough to name one fact: three digits or more, or an amount or share with its unit
    ("180000", "2.1m", "12%"); a bare "30" or "2" is shared by chance."""
    return is_figure(term) and (sum(c.isdigit() for c in term) >= 3 or not term.replace(".", "").isdigit())


def evidence_overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Like ``weighted_overlap``, but a shared name counts once and shared figures count more (0..1).

    ``salient_terms`` keeps 'Halvorsen Pharma' whole and also as 'halvorsen' and 'pharma'; when the whole
    name is shared, its parts would add the same evidence twice more, so they are left out of every sum.
    """
    if not a or not b:
        return 0.0
    shared = a & b
    parts = {w for t in shared if " " in t for w in t.split()}

    def weight(t: str) -> float:
        if t in parts and t in shared:
            return 0.0
        return idf.get(t, 0.0) * (FIGURE_WEIGHT if is_figure(t) else 1.0)

    # fsum is exact, so the result does not depend on the sets' iteration order (which varies per process)
    total = math.fsum(weight(t) for t in shared)
    smaller = min(math.fsum(weight(t) for t in a), math.fsum(weight(t) for t in b))
    smaller = max(smaller, sparse_floor(idf))
    return min(1.0, total / smaller) if smaller > 0 else 0.0


# A page that names almost nothing (a short note naming only its town) would be "fully overlapped" by any page
# naming that town: the share is taken of at least this many of the day's rarest terms' weight.
SPARSE_FLOOR_TERMS = 2.0


def sparse_floor(idf: dict[str, float]) -> float:
    """The least evidence weight a term set is measured against (see SPARSE_FLOOR_TERMS)."""
    return SPARSE_FLOOR_TERMS * max(idf.values(), default=0.0)


# As re would match r"(?i)\b[a-z][a-z0-9+.-]*:(?://)?\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|…|dev)(?:/\S*)?\b",
# in linear time (see ``guancha.textscan``): re rescans a dotted run from each of its word boundaries
_URLISH = LinearAlternation(
    Branch(starts=re.compile(r"(?i)\b(?=[a-z])"), body=re.compile(r"(?i)[a-z][a-z0-9+.-]*:(?://)?\S+"),
           run=re.compile(r"(?i)[a-z][a-z0-9+.-]*")),
    Branch(re.compile(r"(?i)\bwww\.\S+")),
    domain_branch("com|net|org|io|ai|cn|co|info|biz|xyz|ly|me|app|dev"),
)


# "[words](address)", Markdown's inline link, in a page's title or text: its words stay, the rest goes whole. Taking
# only the address left "[link](" in a published headline.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,2048}(?:\([^()\s]{0,200}\)[^()\s]{0,200})?\)")


def strip_urls(text: str) -> str:
    """Remove anything that a Markdown renderer could turn into a link (a Markdown link keeps its words)."""
    text = _MARKDOWN_LINK.sub(r"\1", text) if "](" in text else text
    return re.sub(r"[ \t]{2,}", " ", _URLISH.sub("", text)).strip()


def latin_script(text: str) -> bool:
    """Whether most of a text's letters are in the Latin script (with its accents): what the English embedding
    model can read at all. A text with no letters counts as Latin."""
    latin = other = 0
    for ch in text:
        if ch.isalpha():
            if ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff":
                latin += 1
            else:
                other += 1
    return latin >= other
