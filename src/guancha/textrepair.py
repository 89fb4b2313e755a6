"""Repair damaged text encodings, logging every repair.

Two kinds of damage are handled:

* Classic mojibake: UTF-8 bytes decoded as cp1252/Latin-1 (``â€”`` for ``—``). ftfy fixes these; we run
  only its encoding fixers (no quote uncurling, no line-break changes) so line numbers stay valid.
* UTF-8 decoded as ISO-8859-7 with the C1 bytes (0x80-0x9F) dropped, as in the reference system's export
  (``β`` where an em dash was, ``π¨π³`` where the flag 🇨🇳 was). Each damaged character is mapped back to
  its ISO-8859-7 byte; the bytes are re-read as UTF-8, knowing that continuation bytes in 0x80-0x9F (and
  the three bytes ISO-8859-7 leaves undefined) may be missing. Complete sequences decode exactly; pairs of
  regional indicators (flags) are exact because their missing bytes are fixed (``F0 9F 87``); a lone
  ``β`` between words is the em dash whose two bytes were dropped; a variation selector whose last byte
  is missing after an emoji is U+FE0F. Anything else is replaced by U+FFFD and logged as unrecoverable.

The code is general: it works from the byte structure of UTF-8, not from a table of known strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ftfy
import ftfy.badness

GREEK_CODEC = "iso8859_7"
REPLACEMENT = "\ufffd"
VS16 = "\ufe0f"
#: bytes a damaged export could have lost: C1 controls, and the bytes ISO-8859-7 does not define.
_LOSABLE = frozenset(range(0x80, 0xA0)) | {0xAE, 0xD2, 0xFF}
_MAX_EXAMPLES = 5


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


# --------------------------------------------------------------------------- bytes to text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, log: RepairLog | None = None) -> str:
    """Bytes to text: UTF-8 (BOM stripped), else the charset an HTML page declares, else cp1252."""
    log = log if log is not None else RepairLog()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
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
    strong = 0
    run: list[int] = []
    for ch in text + "\n":
        b = _greek_byte(ch)
        if b is not None:
            run.append(b)
            continue
        if run:
            strong += _count_valid_sequences(run)
            run = []
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


# --------------------------------------------------------------------------- classic mojibake

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_mojibake(text: str, log: RepairLog) -> str:
    """ftfy's encoding fixers, line by line so each fixed line is logged and line numbers never move."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.isascii() or not ftfy.badness.is_bad(line):
            continue
        fixed = ftfy.fix_text(line, _FTFY_CONFIG)
        if fixed != line and fixed.count("\n") == 0:
            lines[index] = fixed
            before, after = _diff_snippet(line, fixed)
            log.record("mojibake", before, after)
    return "\n".join(lines)


def _diff_snippet(before: str, after: str, context: int = 12) -> tuple[str, str]:
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    lo = max(0, start - context)
    return before[lo : end_b + context], after[lo : end_a + context]


def repair_text(text: str, log: RepairLog | None = None) -> tuple[str, RepairLog]:
    """Apply every repair that the text shows a need for; returns the text and what was done."""
    log = log if log is not None else RepairLog()
    text = repair_greek_damage(text, log) if looks_greek_damaged(text) else repair_mojibake(text, log)
    return text, log
