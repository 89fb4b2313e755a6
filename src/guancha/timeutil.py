"""One home for times: the ISO-8601 "Z" form stored everywhere, reading it back, and a report day's end.

Stored times are UTC with seconds precision and a ``Z`` suffix (``2026-05-02T23:59:59Z``), so they sort as
text; a naive time read back is taken as UTC. A report date's window ends at the last second of that day
in UTC, which is how a bare ``--as-of`` date and a run's default reference time are both read.
"""

from __future__ import annotations

import datetime as dt
import unicodedata


def iso_z(value: dt.datetime) -> str:
    """``value`` in UTC, seconds precision, ``Z`` suffix (a naive value is taken as UTC)."""
    return as_utc(value).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def utcnow_iso() -> str:
    """Now, as ``iso_z`` writes it."""
    return iso_z(dt.datetime.now(dt.UTC))


def parse_iso(value: str) -> dt.datetime:
    """An ISO-8601 time (``Z`` or an offset; naive means UTC) as an aware UTC datetime. Raises ValueError."""
    return as_utc(dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")))


def as_utc(value: dt.datetime) -> dt.datetime:
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of ``day`` in UTC: where a report date's freshness window ends."""
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- month names
# One home for the names of months, as dates write them: collection reads a page's visible date by them ("12 marca
# 2031", "6. Oktober 2038"), and the sentence splitter knows that "24." before one is a day, not a sentence's end.
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december")
ENGLISH_MONTH_ABBREVIATIONS = (("jan",), ("feb",), ("mar",), ("apr",), (), ("jun",), ("jul",), ("aug",), ("sep", "sept"),
                          ("oct",), ("nov",), ("dec",))
# In the languages news pages are translated from (Polish, Czech, Russian, Ukrainian and Greek in the genitive: "12
# marca 2031", "5. května", "2 апреля 2056", "14 Μαρτίου 2056"; Finnish in the partitive, "18. maaliskuuta"; Turkish
# and Hungarian as written, "14 Mart 2049", "2056. március 14.")
FOREIGN_MONTHS = (
    ("janvier", "januar", "jänner", "enero", "gennaio", "janeiro", "januari", "stycznia", "ledna", "января", "січня",
     "ιανουαρίου", "tammikuuta", "ocak", "január"),
    ("février", "februar", "febrero", "febbraio", "fevereiro", "februari", "lutego", "února", "февраля", "лютого",
     "φεβρουαρίου", "helmikuuta", "şubat", "február"),
    ("mars", "märz", "marzo", "março", "maart", "marca", "marts", "března", "марта", "березня", "μαρτίου",
     "maaliskuuta", "mart", "március"),
    ("avril", "abril", "aprile", "kwietnia", "dubna", "апреля", "квітня", "απριλίου", "huhtikuuta", "nisan",
     "április"),
    ("mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "května", "мая", "травня", "μαΐου", "toukokuuta", "mayıs",
     "május"),
    ("juin", "juni", "junio", "giugno", "junho", "czerwca", "června", "июня", "червня", "ιουνίου", "kesäkuuta",
     "haziran", "június"),
    ("juillet", "juli", "julio", "luglio", "julho", "lipca", "července", "июля", "липня", "ιουλίου", "heinäkuuta",
     "temmuz", "július"),
    ("août", "agosto", "augustus", "sierpnia", "srpna", "августа", "серпня", "αυγούστου", "elokuuta", "ağustos",
     "augusztus"),
    ("septembre", "septiembre", "setiembre", "settembre", "setembro", "września", "září", "сентября", "вересня",
     "σεπτεμβρίου", "syyskuuta", "eylül", "szeptember"),
    ("octobre", "oktober", "octubre", "ottobre", "outubro", "października", "října", "октября", "жовтня",
     "οκτωβρίου", "lokakuuta", "ekim", "október"),
    ("novembre", "noviembre", "novembro", "listopada", "listopadu", "ноября", "листопада", "νοεμβρίου",
     "marraskuuta", "kasım"),
    ("décembre", "dezember", "diciembre", "dicembre", "dezembro", "grudnia", "desember", "prosince", "декабря",
     "грудня", "δεκεμβρίου", "joulukuuta", "aralık"),
)


def _without_accents(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# a month's name (lower case; a foreign one also without its accents, "marz") -> its number
MONTH_NUMBERS: dict[str, int] = {name: number for number, (full, short) in enumerate(
    zip(ENGLISH_MONTHS, ENGLISH_MONTH_ABBREVIATIONS, strict=True), start=1) for name in (*short[:1], full, *short[1:])}
for _number, _names in enumerate(FOREIGN_MONTHS, start=1):
    for _name in _names:
        MONTH_NUMBERS.setdefault(_name, _number)
        MONTH_NUMBERS.setdefault(_without_accents(_name), _number)
# the names written out, in every language (no abbreviation)
MONTH_NAMES_WRITTEN_OUT = frozenset((*ENGLISH_MONTHS, *(n for names in FOREIGN_MONTHS for n in names),
                                     *(_without_accents(n) for names in FOREIGN_MONTHS for n in names)))


# The days a report can have: a window reaches days before its date and a week to its Sunday, which year 1 and
# year 9999 do not have room for (an OverflowError)
FIRST_DAY, LAST_DAY = dt.date(1971, 1, 1), dt.date(9998, 12, 31)
