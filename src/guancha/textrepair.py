"""The one home of decoding and encoding repair, for fetched web pages and for report files alike.

Decoding bytes:

* ``decode_web_bytes`` decodes a fetched page honestly. Sites lie about their encoding: windows-1252
  bytes declared as UTF-8, UTF-8 declared as ISO-8859-1. The declared charset (BOM, HTTP header, then the
  XML declaration or ``<meta charset>``) is tried first; when the bytes disagree with it the decoding that
  fits is used and the mismatch is noted. The result is NFC-normalised with LF line ends.
* ``decode_report_bytes`` reads a report file: UTF-8 first (a report is ours, so UTF-8 is the norm), else
  the charset an HTML report declares, else cp1252; the text is returned as written (no normalisation)
  so a checker can quote its lines.

Repairing text:

* Classic mojibake: UTF-8 bytes decoded as cp1252/Latin-1 (``â€”`` for ``—``). ftfy fixes these.
  ``fix_text`` repairs one collected field; ``repair_mojibake`` repairs a report line by line so line
  numbers stay valid.
* UTF-8 decoded as ISO-8859-7 with the C1 bytes (0x80-0x9F) dropped, as in the reference system's export
  (``β`` where an em dash was, ``π¨π³`` where the flag 🇨🇳 was). Each damaged character is mapped back to
  its ISO-8859-7 byte; the bytes are re-read as UTF-8, knowing that continuation bytes in 0x80-0x9F (and
  the three bytes ISO-8859-7 leaves undefined) may be missing. Complete sequences decode exactly; pairs of
  regional indicators (flags) are exact because their missing bytes are fixed (``F0 9F 87``); a lone
  ``β`` between words is the em dash whose two bytes were dropped; a variation selector whose last byte
  is missing after an emoji is U+FE0F. Anything else is replaced by U+FFFD and logged as unrecoverable.

Recording repairs: a report's repairs go into a ``RepairLog`` (counts and examples per kind, stored with
the imported report). Collection writes each repair as one note string (``kind: detail``) into a plain
list, because those notes are stored as a JSON list of strings with each collected article.

The code is general: it works from the byte structure of UTF-8, not from a table of known strings.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import ftfy
import ftfy.badness

GREEK_CODEC = "iso8859_7"
REPLACEMENT = "\ufffd"
VS16 = "\ufe0f"
#: bytes a damaged export could have lost: C1 controls, and the bytes ISO-8859-7 does not define.
_LOSABLE = frozenset(range(0x80, 0xA0)) | {0xAE, 0xD2, 0xFF}
_MAX_EXAMPLES = 5

# ftfy's defaults also straighten curly quotes, fold full-width CJK punctuation and ligatures and decode
# HTML entities; all of those are real text, so neither use turns them on.
#: for collected web text: fields are whole strings, so line breaks may be unified, terminal escapes and
#: control characters dropped, and the result NFC-normalised like everything stored from the web.
WEB_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    unescape_html=False,
    explain=False,
)
#: for report files: only the encoding fixers, so a repaired line is still that line (no line-break
#: changes, no dropped characters) and the text is kept in the normal form it was written in.
REPORT_FTFY = WEB_FTFY._replace(
    remove_terminal_escapes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)


# --------------------------------------------------------------------------- repair records


@dataclass
class Repair:
    """One kind of repair applied to a text: how often, and a few before/after examples."""

    kind: str
    count: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)
    recoverable: bool = True

    def add(self, before: str, after: str) -> None:
        self.count += 1
        if len(self.examples) < _MAX_EXAMPLES and (before, after) not in self.examples:
            self.examples.append((before, after))

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "count": self.count,
            "recoverable": self.recoverable,
            "examples": [{"before": b, "after": a} for b, a in self.examples],
        }


@dataclass
class RepairLog:
    """Every repair applied to one text, by kind."""

    repairs: dict[str, Repair] = field(default_factory=dict)

    def record(self, kind: str, before: str, after: str, *, recoverable: bool = True) -> None:
        repair = self.repairs.setdefault(kind, Repair(kind=kind, recoverable=recoverable))
        repair.add(before, after)

    def merge(self, other: RepairLog) -> None:
        for kind, rep in other.repairs.items():
            mine = self.repairs.setdefault(kind, Repair(kind=kind, recoverable=rep.recoverable))
            mine.count += rep.count
            for ex in rep.examples:
                if len(mine.examples) < _MAX_EXAMPLES and ex not in mine.examples:
                    mine.examples.append(ex)

    def as_list(self) -> list[Repair]:
        return list(self.repairs.values())

    def __bool__(self) -> bool:
        return bool(self.repairs)


# --------------------------------------------------------------------------- which charset was declared

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)

# Labels browsers decode with a superset (WHATWG Encoding Standard): pages declaring gb2312 routinely
# contain GBK/GB18030 characters, Big5 pages HKSCS ones, Shift_JIS pages Windows-932 ones.
_SUPERSET = {
    codecs.lookup(label).name: codecs.lookup(superset).name
    for label, superset in (("gb2312", "gb18030"), ("gbk", "gb18030"), ("big5", "big5hkscs"),
                            ("shift_jis", "cp932"), ("euc_kr", "cp949"))
}

# Latin-1 labels: browsers treat them all as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {codecs.lookup(name).name for name in ("latin-1", "ascii", "cp1252")}
# The five bytes windows-1252 leaves undefined.
_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def sniff_declared(data: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(declared codec, where it was declared) from the BOM, HTTP header, XML declaration or meta tag."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", "bom"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "bom"
    header = _codec(charset_from_content_type(content_type))
    if header:
        return header, "http-header"
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match:
        found = _codec(match.group(1).decode("ascii", "ignore"))
        if found:
            return found, "document"
    return None, None


# --------------------------------------------------------------------------- web bytes to text


@dataclass
class DecodedText:
    text: str
    declared: str | None  # what the server or document claimed (normalised codec name)
    used: str  # what actually decoded the bytes
    repairs: list[str] = field(default_factory=list)


def _looks_like_utf8(data: bytes) -> bool:
    """Bytes that decode as UTF-8 and actually contain multi-byte sequences (not plain ASCII)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


_WIDE = {codecs.lookup(n).name for n in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")}
_DETECT_SAMPLE = 256 * 1024
_MULTIBYTE = {codecs.lookup(n).name for n in (
    "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr",
    "cp949", "johab", "hz")}
_MIN_HIGH_BYTES = 32  # below this, a detector's guess on a few accented letters is noise


def _detected(data: bytes) -> tuple[str, str] | None:
    """(codec, text) when charset-normalizer finds a multi-byte charset (GBK, Shift_JIS, Big5, EUC-KR...)
    that decodes ``data`` cleanly, else None. Single-byte guesses are left to windows-1252, as browsers do:
    on a short Western page the detector cannot tell cp1252 from cp1250 and picks wrongly."""
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_SAMPLE]
    if sum(b >= 0x80 for b in sample) < _MIN_HIGH_BYTES:
        return None
    best = from_bytes(sample).best()
    codec = _codec(best.encoding) if best is not None else None
    if codec is None or codec not in _MULTIBYTE:
        return None
    codec = _SUPERSET.get(codec, codec)
    try:
        return codec, data.decode(codec)
    except UnicodeDecodeError:
        return None


# Central European single-byte charsets, tried when windows-1252 leaves symbols inside words: their letters (ą, ż,
# ś, ł) sit on bytes that windows-1252 reads as "±", "¿", "¶", "³" ("Zwi±zek", "Pasa¿erskie").
_CENTRAL_CODECS = ("iso-8859-2", "cp1250")


_IN_WORD_MARKS = frozenset("'’-‐‑.·&/_")   # what may stand between two letters of a word or name


def _symbols_in_words(text: str) -> int:
    """Characters that are neither letters, digits, spaces nor punctuation, between two letters: how windows-1252
    shows another charset's letters."""
    count = 0
    for k in range(1, len(text) - 1):
        c = text[k]
        if not c.isalnum() and not c.isspace() and c not in _IN_WORD_MARKS and text[k - 1].isalpha() \
                and text[k + 1].isalpha():
            count += 1
    return count


def _western_or_central(data: bytes) -> tuple[str, str]:
    """(codec, text) of undeclared or misdeclared single-byte bytes: windows-1252, as browsers guess, unless it
    leaves symbols inside words that a Central European charset reads as letters."""
    western = _cp1252(data)
    odd = _symbols_in_words(western[:_DETECT_SAMPLE]) if not western.isascii() else 0   # a sample: linear, bounded
    if odd < 2:
        return "cp1252", western
    best = ("cp1252", western, odd)
    for codec in _CENTRAL_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _symbols_in_words(text[:_DETECT_SAMPLE])
        if score < best[2]:
            best = (codec, text, score)
    return best[0], best[1]


def _mismatch(data: bytes, declared: str | None, where: str | None, at: int | None) -> DecodedText:
    """The declared charset does not fit the bytes: detect the real one, else windows-1252, and say so."""
    claim = f"declared {declared} ({where})" if declared else "no charset declared"
    where_bad = f" but byte {at} does not fit" if at is not None else " but the bytes do not fit"
    found = _detected(data)
    if found is not None:
        used, text = found
    elif _looks_like_utf8(data):
        used, text = "utf-8", data.decode("utf-8")
    else:
        used, text = _western_or_central(data)
    kind = "encoding-mismatch" if declared else "encoding-guess"
    return _finish(DecodedText(text, declared, used, [f"{kind}: {claim}{where_bad}; decoded as {used}"]))


def decode_web_bytes(data: bytes, content_type: str | None = None) -> DecodedText:
    """Decode ``data`` honestly: declared charset if the bytes agree, else the charset that fits, noted."""
    declared, where = sniff_declared(data, content_type)
    repairs: list[str] = []
    decoder = _SUPERSET.get(declared or "", declared)
    if declared == "utf-8" or declared is None:
        try:
            text = data.decode("utf-8-sig")
            return _finish(DecodedText(text, declared, "utf-8", repairs))
        except UnicodeDecodeError as exc:
            # Truncation can cut a multi-byte character at the very end; that is not a mismatch.
            if exc.start >= len(data) - 3 and _decodes_after_trim(data):
                text = data[: exc.start].decode("utf-8-sig")
                return _finish(DecodedText(text, declared, "utf-8", repairs))
            return _mismatch(data, declared, where, exc.start)
    if declared in _AS_CP1252:
        if _looks_like_utf8(data):
            repairs.append(f"encoding-mismatch: declared {declared} ({where}) but the bytes are UTF-8; decoded as utf-8")
            return _finish(DecodedText(data.decode("utf-8"), declared, "utf-8", repairs))
        return _finish(DecodedText(_cp1252(data), declared, "cp1252", repairs))
    assert decoder is not None
    if declared in _WIDE and where != "bom" and b"\x00" not in data[:4096]:
        # UTF-16/32 text always holds NUL bytes (ASCII letters are half zeros): these bytes are something else
        return _mismatch(data, declared, where, None)
    try:
        return _finish(DecodedText(data.decode(decoder), declared, decoder, repairs))
    except UnicodeDecodeError as exc:
        return _mismatch(data, declared, where, exc.start)


def drop_misdecoded(text: str, repairs: list[str] | None = None) -> str:
    """Collected text without the sentences that still look mis-decoded after repair (mojibake, U+FFFD).

    Dropping a sentence costs little; letting it into a draft holds the whole day's report at the gate."""
    if not text or text.isascii():
        return text
    kept_lines = []
    dropped = 0
    for line in text.split("\n"):
        if line.isascii() or not (REPLACEMENT in line or is_mojibake(line)):
            kept_lines.append(line)
            continue
        sentences = _SENTENCE_END.split(line)
        good = [s for s in sentences if not (REPLACEMENT in s or is_mojibake(s))]
        dropped += len(sentences) - len(good)
        kept_lines.append(" ".join(good))
    if dropped and repairs is not None:
        repairs.append(f"misdecoded-dropped: {dropped} sentence(s) still mis-decoded after repair were left out")
    return "\n".join(kept_lines) if dropped else text


_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])\s*")


def _decodes_after_trim(data: bytes) -> bool:
    for cut in range(1, 4):
        try:
            data[:-cut].decode("utf-8-sig")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _cp1252(data: bytes) -> str:
    """windows-1252, mapping its five undefined bytes to C1 controls as browsers do."""
    if not any(b in _CP1252_UNDEFINED for b in data):
        return data.decode("cp1252")
    return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def _finish(decoded: DecodedText) -> DecodedText:
    decoded.text = unicodedata.normalize("NFC", without_terminal_escapes(decoded.text.replace("\r\n", "\n")))
    return decoded


# A terminal's escape sequences: colour and cursor codes ("ESC [ 2 J", "ESC [ 31 m"), and operating-system commands
# ("ESC ] 8 ; ; url ESC \\" opens a hyperlink, "ESC ] 0 ; title BEL" retitles the window). An HTML parser drops the
# ESC and leaves the rest, "[2J[31mRED[0m ]8;;http://…", in a published headline; ftfy removes only the first kind.
# The text an OSC 8 hyperlink wraps (its words) stays.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\[[0-?]{0,32}[ -/]{0,8}[@-~]|[@-Z\\-_])")


def without_terminal_escapes(text: str) -> str:
    """``text`` without terminal escape sequences, whole (see ``_TERMINAL_ESCAPE``)."""
    return _TERMINAL_ESCAPE.sub("", text) if "\x1b" in text else text


# --------------------------------------------------------------------------- report bytes to text


def decode_report_bytes(data: bytes, log: RepairLog | None = None) -> str:
    """Bytes to text: UTF-16 or UTF-32 when a byte-order mark says so (Windows Notepad's "Unicode"), UTF-8 (BOM
    stripped), else the charset an HTML page declares, else cp1252."""
    log = log if log is not None else RepairLog()
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):   # UTF-32's little-endian mark begins with UTF-16's: it is tried first
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break   # a mark that lies: read as the bytes it is
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    for codec in ([match.group(1).decode("ascii")] if match else []) + ["cp1252"]:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        log.record("decoded-as-" + codec.lower(), "invalid UTF-8", f"read as {codec}")
        return text
    text = data.decode("utf-8", errors="replace")
    log.record("undecodable-bytes", "invalid UTF-8", REPLACEMENT, recoverable=False)
    return text


# --------------------------------------------------------------------------- classic mojibake


# the parser behind re.compile (typeshed has no stubs for these modules, hence Any)
re_parser: Any = importlib.import_module("re._parser")
re_constants: Any = importlib.import_module("re._constants")


def _badness_triggers(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class such that every match of ftfy's badness ``pattern`` holds one of its characters.

    The pattern is one alternation of fixed-length character sequences. From each alternative this takes
    the smallest of its character classes that holds only non-ASCII characters; the union of those classes
    is the pre-test. A line with none of them (the em dashes, arrows, emoji and box rules of most report
    lines) cannot match, so ftfy's slow scan is skipped and the answer is the same. Derived from the
    installed ftfy's own pattern, so an ftfy upgrade cannot make it wrong: where the pattern has a shape
    this reading does not understand, None (no pre-test).
    """
    if pattern.flags & re.IGNORECASE:
        return None
    tree = re_parser.parse(pattern.pattern, pattern.flags)
    if len(tree.data) != 1 or tree.data[0][0] is not re_constants.BRANCH:
        return None
    triggers: set[int] = set()
    for alternative in tree.data[0][1][1]:
        classes = [cls for cls in (_non_ascii_class(item) for item in alternative.data) if cls]
        if not classes:
            return None
        triggers |= min(classes, key=len)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(triggers)) + "]")


def _non_ascii_class(item: tuple[Any, Any]) -> set[int] | None:
    """The code points one pattern item matches when it is a literal or a plain class of only non-ASCII
    characters; None for anything else (anchors, categories, negated classes, repeats, ASCII)."""
    op, arg = item
    codes: set[int] = set()
    if op is re_constants.LITERAL:
        codes.add(arg)
    elif op is re_constants.IN:
        for member_op, member in arg:
            if member_op is re_constants.LITERAL:
                codes.add(member)
            elif member_op is re_constants.RANGE:
                codes.update(range(member[0], member[1] + 1))
            else:
                return None
    else:
        return None
    return codes if codes and min(codes) >= 128 else None


@functools.cache
def badness_pretest() -> re.Pattern[str] | None:
    """The pre-test for the installed ftfy, derived once on first use (about 10 ms, kept off import)."""
    return _badness_triggers(ftfy.badness.BADNESS_RE)


@functools.lru_cache(maxsize=8192)
def is_mojibake(text: str) -> bool:
    """ftfy sees mis-decoded text here; mis-decoding always leaves non-ASCII characters behind.

    Cached: a report's lines are scanned when it is read and again by the encoding gate (raw and cleaned),
    and ftfy's badness scan is the costly part; a line without any character the scan can match skips it.
    """
    if text.isascii():
        return False
    pretest = badness_pretest()
    if pretest is not None and not pretest.search(text):
        return False
    return ftfy.badness.is_bad(text)


def fix_report_line(line: str) -> str:
    """One report line with its mojibake repaired by ftfy's encoding fixers only."""
    return ftfy.fix_text(line, REPORT_FTFY)


# The only ASCII characters WEB_FTFY changes: control characters (dropped), CR (line breaks unified) and ESC
# (terminal escapes). Text without them and without non-ASCII characters skips ftfy entirely.
_ASCII_FTFY_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")




def fix_text(text: str, repairs: list[str] | None = None, *, what: str = "text") -> str:
    """Repair mojibake in one collected field and NFC-normalise; when letters changed, note it in ``repairs``.
    Terminal escapes are dropped whole, never left as "]8;;…" once their ESC is gone."""
    if not text or (text.isascii() and not _ASCII_FTFY_WORK.search(text)):
        return text  # plain printable ASCII: nothing for ftfy to repair and NFC leaves it as it is
    text = without_terminal_escapes(text)
    normalised = unicodedata.normalize("NFC", text)
    fixed = ftfy.fix_text(normalised, config=WEB_FTFY)
    if fixed != normalised and repairs is not None:
        before, after = _diff_snippet(normalised, fixed, context=8, width=12)
        repairs.append(f"mojibake-repaired in {what}: {before!r} -> {after!r}")
    return fixed


def repair_mojibake(text: str, log: RepairLog) -> str:
    """ftfy's encoding fixers, line by line so each fixed line is logged and line numbers never move."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not is_mojibake(line):
            continue
        fixed = fix_report_line(line)
        if fixed != line and fixed.count("\n") == 0:
            lines[index] = fixed
            before, after = _diff_snippet(line, fixed)
            log.record("mojibake", before, after)
    return "\n".join(lines)


def _diff_snippet(before: str, after: str, context: int = 12, width: int | None = None) -> tuple[str, str]:
    """The changed stretch of both texts with ``context`` characters around it; with ``width``, only that
    many characters from the first difference on (a short note instead of the whole changed span)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    lo = max(0, start - context)
    if width is not None:
        return before[lo : start + width], after[lo : start + width]
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    return before[lo : end_b + context], after[lo : end_a + context]


# --------------------------------------------------------------------------- ISO-8859-7 damage


def _greek_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for byte in range(0xA0, 0x100):
        try:
            table[bytes([byte]).decode(GREEK_CODEC)] = byte
        except UnicodeDecodeError:
            continue
    return table


_GREEK_TABLE = _greek_table()
_GREEK_CHARS_RE = re.compile("[" + re.escape("".join(ch for ch in _GREEK_TABLE if "\u0370" <= ch <= "\u03ff")) + "]")
_GREEK_RUN_RE = re.compile("[" + re.escape("".join(sorted(_GREEK_TABLE))) + "]+")


def _greek_byte(ch: str) -> int | None:
    """The ISO-8859-7 byte (>= 0xA0) this character would be, or None."""
    return _GREEK_TABLE.get(ch)


def _expected_continuations(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 1
    if 0xE0 <= lead <= 0xEF:
        return 2
    if 0xF0 <= lead <= 0xF4:
        return 3
    return -1


_GREEK_WORD = re.compile(r"[\u0370-\u03ff]{4,}")


def greek_damage_score(text: str) -> tuple[int, int, int]:
    """(strong signs, lone dashes, genuine-looking Greek words). Strong signs are complete UTF-8 sequences
    spelled in ISO-8859-7 characters (``Β·``) and regional-indicator halves (``π¨``); lone dashes are ``β``
    between spaces, which an ordinary text about beta decay can also have."""
    if not _GREEK_CHARS_RE.search(text):
        return 0, 0, 0  # every sign of this damage has a Greek-block character in it
    # each maximal run of characters that are ISO-8859-7 bytes, found by the regex engine, not a Python loop
    strong = sum(_count_valid_sequences([_GREEK_TABLE[ch] for ch in m.group()]) for m in _GREEK_RUN_RE.finditer(text))
    dashes = len(re.findall(r"(?<=\s)β(?=\s)", text))
    genuine = len(_GREEK_WORD.findall(text))
    return strong, dashes, genuine


def _count_valid_sequences(run: list[int]) -> int:
    found = 0
    i = 0
    while i < len(run):
        need = _expected_continuations(run[i])
        if need > 0 and i + need < len(run) + 0:
            seq = bytes(run[i : i + need + 1])
            if len(seq) == need + 1 and all(0x80 <= b <= 0xBF for b in seq[1:]):
                try:
                    seq.decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    found += 1
                    i += need + 1
                    continue
        if run[i] == 0xF0 and i + 1 < len(run) and 0xA6 <= run[i + 1] <= 0xBF:
            found += 1
        i += 1
    return found


def looks_greek_damaged(text: str) -> bool:
    """Damaged when a strong sign is backed by a second sign, or when many lone ``β`` dashes stand in a text
    with no other Greek letter; and the signs outnumber genuine Greek words."""
    strong, dashes, genuine = greek_damage_score(text)
    if strong + dashes <= genuine:
        return False
    if strong >= 1 and strong + dashes >= 2:
        return True
    other_greek = re.search(r"[\u0370-\u03b1\u03b3-\u03ff]", text) is not None
    return dashes >= 5 and not other_greek


def _regional(last: int) -> str:
    return chr(0x1F1E6 + last - 0xA6)


def _is_regional_half(run: list[int], i: int) -> bool:
    """``F0`` followed by one present byte in A6..BF and then no further continuation byte."""
    return (
        i + 1 < len(run)
        and run[i] == 0xF0
        and 0xA6 <= run[i + 1] <= 0xBF
        and (i + 2 >= len(run) or not 0x80 <= run[i + 2] <= 0xBF)
    )


def _decode_damaged_run(
    chars: str, run: list[int], before: str, after: str, log: RepairLog
) -> str:
    """Re-read one run of ISO-8859-7 characters as UTF-8 whose C1 bytes were dropped."""
    out: list[str] = []
    i = 0
    n = len(run)
    while i < n:
        lead = run[i]
        need = _expected_continuations(lead)
        if need < 0:
            # a continuation byte with no lead, or a byte UTF-8 never uses: not this damage, keep it
            out.append(chars[i])
            i += 1
            continue
        j = i + 1
        while j < n and j - i - 1 < need and 0x80 <= run[j] <= 0xBF:
            j += 1
        present = run[i + 1 : j]
        piece = chars[i:j]
        if len(present) == need:
            try:
                decoded = bytes(run[i:j]).decode("utf-8")
            except UnicodeDecodeError:
                out.append(REPLACEMENT)
                log.record("greek-unrecoverable", piece, REPLACEMENT, recoverable=False)
            else:
                out.append(decoded)
                log.record("greek-mojibake", piece, decoded)
            i = j
            continue
        # some continuation bytes are missing
        if _is_regional_half(run, i) and (_is_regional_half(run, j) or (i >= 2 and _is_regional_half(run, i - 2))):
            flag_half = _regional(run[i + 1])
            out.append(flag_half)
            log.record("flag-restored", piece, flag_half)
            i = j
            continue
        if lead == 0xF0 and not present and _is_regional_half(run, j):
            # a lone F0 right before a flag half: its last byte was 0xAE (undefined in ISO-8859-7) -> 🇮
            out.append(_regional(0xAE))
            log.record("flag-restored", piece, _regional(0xAE))
            i = j
            continue
        if lead == 0xEF and present == [0xB8] and out and _is_pictographic(out[-1]):
            out.append(VS16)
            log.record("variation-selector-restored", piece, "U+FE0F")
            i = j
            continue
        if lead == 0xE2 and not present and len(run) == 1:
            prev = before[-1:] if i == 0 else ""
            nxt = after[:1]
            if prev.isspace() and (nxt.isspace() or nxt == ""):
                out.append("—")
                log.record("em-dash-restored", " β ", " — ")
                i = j
                continue
            if prev.isalpha() and nxt.isalpha():
                out.append("’")
                log.record("apostrophe-restored", f"{prev}β{nxt}", f"{prev}’{nxt}")
                i = j
                continue
        out.append(REPLACEMENT)
        log.record("greek-unrecoverable", piece, REPLACEMENT, recoverable=False)
        i = j
    return "".join(out)


def _is_pictographic(ch: str) -> bool:
    return ch == REPLACEMENT or ord(ch) >= 0x2600


def repair_greek_damage(text: str, log: RepairLog) -> str:
    """Undo UTF-8-read-as-ISO-8859-7 with dropped C1 bytes (only call on text that shows the damage)."""
    out: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if _greek_byte(text[i]) is None:
            i += 1
            continue
        j = i
        run: list[int] = []
        while j < n:
            b = _greek_byte(text[j])
            if b is None:
                break
            run.append(b)
            j += 1
        out.append(text[start:i])
        out.append(_decode_damaged_run(text[i:j], run, text[max(0, i - 1) : i], text[j : j + 1], log))
        start = i = j
    out.append(text[start:])
    return "".join(out)


# --------------------------------------------------------------------------- whole texts


def repair_text(text: str, log: RepairLog | None = None) -> tuple[str, RepairLog]:
    """Apply every repair that the text shows a need for; returns the text and what was done."""
    log = log if log is not None else RepairLog()
    text = repair_greek_damage(text, log) if looks_greek_damaged(text) else repair_mojibake(text, log)
    return text, log


def normalise_space(text: str) -> str:
    """Collapse runs of spaces inside lines and blank-line runs; keep paragraph breaks."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# XML allows no control character but tab and line breaks (nor U+FFFE, U+FFFF): lxml parses one inside text, then
# refuses to move that text when an element before it is dropped ("All strings must be XML compatible").
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_compatible(text: str) -> str:
    """``text`` without the characters XML forbids, for lxml to parse and edit."""
    return _XML_INCOMPATIBLE.sub("", text)
