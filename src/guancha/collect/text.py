"""Turning fetched bytes into correct Unicode text, and recording every repair made on the way.

Sites lie about their encoding: windows-1252 bytes declared as UTF-8, UTF-8 declared as ISO-8859-1,
text that was already double-encoded upstream (mojibake). The declared charset (HTTP header, then
``<meta charset>``) is tried first; when the bytes disagree with it the decoding that fits is used and
the mismatch is recorded. Mojibake is repaired with ftfy and everything is NFC-normalised.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

# ftfy's defaults also straighten curly quotes and fold full-width CJK punctuation; both are real text.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    unescape_html=False,
    explain=False,
    normalization="NFC",
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)

# Latin-1 labels: browsers treat them all as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {codecs.lookup(name).name for name in ("latin-1", "ascii", "cp1252")}


@dataclass
class DecodedText:
    text: str
    declared: str | None  # what the server or document claimed (normalised codec name)
    used: str  # what actually decoded the bytes
    repairs: list[str] = field(default_factory=list)


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


def _looks_like_utf8(data: bytes) -> bool:
    """Bytes that decode as UTF-8 and actually contain multi-byte sequences (not plain ASCII)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


def decode_bytes(data: bytes, content_type: str | None = None) -> DecodedText:
    """Decode ``data`` honestly: declared charset if the bytes agree, else the charset that fits, recorded."""
    declared, where = sniff_declared(data, content_type)
    repairs: list[str] = []
    if declared == "utf-8" or declared is None:
        try:
            text = data.decode("utf-8-sig")
            return _finish(DecodedText(text, declared, "utf-8", repairs))
        except UnicodeDecodeError as exc:
            # Truncation can cut a multi-byte character at the very end; that is not a mismatch.
            if exc.start >= len(data) - 3 and _decodes_after_trim(data):
                text = data[: exc.start].decode("utf-8-sig")
                return _finish(DecodedText(text, declared, "utf-8", repairs))
            if declared:
                repairs.append(
                    f"encoding-mismatch: declared utf-8 ({where}) but byte {exc.start} is not UTF-8; "
                    "decoded as windows-1252"
                )
            else:
                repairs.append("encoding-guess: no charset declared and not UTF-8; decoded as windows-1252")
            return _finish(DecodedText(_cp1252(data), declared, "cp1252", repairs))
    if declared in _AS_CP1252:
        if _looks_like_utf8(data):
            repairs.append(f"encoding-mismatch: declared {declared} ({where}) but the bytes are UTF-8; decoded as utf-8")
            return _finish(DecodedText(data.decode("utf-8"), declared, "utf-8", repairs))
        return _finish(DecodedText(_cp1252(data), declared, "cp1252", repairs))
    try:
        return _finish(DecodedText(data.decode(declared), declared, declared, repairs))
    except UnicodeDecodeError as exc:
        if _looks_like_utf8(data):
            used, text = "utf-8", data.decode("utf-8")
        else:
            used, text = "cp1252", _cp1252(data)
        repairs.append(
            f"encoding-mismatch: declared {declared} ({where}) but byte {exc.start} does not fit; decoded as {used}"
        )
        return _finish(DecodedText(text, declared, used, repairs))


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
    if _cp1252_clean(data):
        return data.decode("cp1252")
    return _cp1252_lenient(data)


def _cp1252_clean(data: bytes) -> bool:
    return not any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data)


def _cp1252_lenient(data: bytes) -> str:
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in data)


def _finish(decoded: DecodedText) -> DecodedText:
    decoded.text = unicodedata.normalize("NFC", decoded.text.replace("\r\n", "\n"))
    return decoded


def fix_text(text: str, repairs: list[str] | None = None, *, what: str = "text") -> str:
    """Repair mojibake (ftfy) and NFC-normalise; when the repair changed letters, say so in ``repairs``."""
    if not text:
        return text
    normalised = unicodedata.normalize("NFC", text)
    fixed = ftfy.fix_text(normalised, config=_FTFY)
    if fixed != normalised and repairs is not None:
        example = _first_difference(normalised, fixed)
        repairs.append(f"mojibake-repaired in {what}: {example}")
    return fixed


def _first_difference(before: str, after: str) -> str:
    for i, (a, b) in enumerate(zip(before, after, strict=False)):
        if a != b:
            return f"{before[max(0, i - 8): i + 12]!r} -> {after[max(0, i - 8): i + 12]!r}"
    return f"{before[-20:]!r} -> {after[-20:]!r}"


def normalise_space(text: str) -> str:
    """Collapse runs of spaces inside lines and blank-line runs; keep paragraph breaks."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
