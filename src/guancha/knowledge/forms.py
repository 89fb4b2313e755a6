"""Heuristics written in forms other than YAML: TOML tables, field lists ("- **When:** ..."), key/value tables.

Each reader takes a block's cleaned lines and returns the entries it found as ``(0-based line, field mapping)``
pairs, or None when the block is not in its form; ``parse.parse_heuristics`` turns the mappings into entries, so
the same field names, aliases and checks apply whatever form a writer chose. ``names`` maps a written field name
(lower case, "_" for spaces and hyphens) to the schema's name, and holds every name a reader may accept.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from typing import Any

from guancha.briefing.blocks import DECISION_TERMS, MIN_DECISION_TERMS, field_key

Entries = list[tuple[int, dict[str, Any]]]

#: the fields that make a run of "name: value" lines a heuristic, and how many it names: as the HTML reader's
DECISION_NAMES = DECISION_TERMS
MIN_DECISION_FIELDS = MIN_DECISION_TERMS


def field_name(written: str, names: Mapping[str, str]) -> str | None:
    """The schema's name for a field name as written ("Breaks when", "breaks-when", "`over`"), or None."""
    return names.get(field_key(written))


# --------------------------------------------------------------------------- TOML

# a table header ("[[heuristic]]", "[heuristics.cheap-first]", '[heuristics."x"]') or "heuristics = [" opening
_TOML_HEADER = re.compile(r"^\s*\[\[?[A-Za-z_][\w.\"' -]{0,120}\]\]?\s*(?:#.*)?$")
_TOML_ARRAY_OPEN = re.compile(r"^\s*[A-Za-z_][\w-]{0,40}\s*=\s*\[\s*(?:#.*)?$")
_TOML_PAIR = re.compile(r"(?:^|[\s{,])[A-Za-z_][\w-]{0,40} ?= ?\S")
_TOML_ERROR_LINE = re.compile(r"\(at line (\d{1,9})")


def looks_like_toml(lines: list[str]) -> bool:
    """The block opens with a TOML table header or array and sets keys with "=" (YAML sets them with ":")."""
    body = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#") and ln.strip() != "+++"]
    if not body or not (_TOML_HEADER.match(body[0]) or _TOML_ARRAY_OPEN.match(body[0])):
        return False
    return sum(len(_TOML_PAIR.findall(ln)) for ln in body) >= 2   # inline tables hold several pairs a line


def toml_entries(lines: list[str], names: Mapping[str, str]) -> Entries | tuple[str, int]:
    """The heuristics a TOML block holds: an array of tables (``[[heuristic]]``), an array of inline tables, or a
    table of tables keyed by id (``[heuristics.cheap-first]``). A block TOML cannot read gives (reason, line)."""
    text = "\n".join("" if ln.strip() == "+++" else ln for ln in lines)   # Hugo's front-matter fences
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_ERROR_LINE.search(str(exc))
        return f"invalid TOML: {str(exc).split(' (at line')[0]}", int(at.group(1)) - 1 if at else 0
    mappings = _toml_mappings(data, names)
    return list(zip(_toml_lines(lines, mappings), mappings, strict=True))


def _toml_mappings(data: dict[str, Any], names: Mapping[str, str]) -> list[dict[str, Any]]:
    if _is_entry(data, names):
        return [data]
    found: list[dict[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            found.extend(v for v in value if _is_entry(v, names))
        elif isinstance(value, dict):
            if _is_entry(value, names):                      # [cheap-first]: a table named by its id
                found.append({"id": key, **value})
            else:                                            # [heuristics.cheap-first]: a table of tables
                found.extend({"id": k, **v} if "id" not in v else v
                             for k, v in value.items() if isinstance(v, dict) and _is_entry(v, names))
    return found


def _is_entry(table: dict[str, Any], names: Mapping[str, str]) -> bool:
    return any(field_name(str(k), names) in DECISION_NAMES for k in table)


_TOML_ID = re.compile(r"(?:^|[\s{,])id ?= ?[\"']([^\"'\n]{1,120})[\"']")


def _toml_lines(lines: list[str], mappings: list[dict[str, Any]]) -> list[int]:
    """The line each entry starts on: its id's line ('id = "…"', or a header that names it), else its table's
    header, else the block's first line. One pass over the block, not one per entry (a pack of thousands)."""
    headers: list[int] = []
    named: dict[str, int] = {}
    for k, line in enumerate(lines):
        if _TOML_HEADER.match(line):
            headers.append(k)
            name = line.strip().strip("[]").rsplit(".", 1)[-1].strip().strip("\"'")
            named.setdefault(name, k)
        elif (m := _TOML_ID.search(line)) is not None:
            named.setdefault(m.group(1), k)
    out = []
    for index, mapping in enumerate(mappings):
        ident = mapping.get("id")
        at = named.get(ident) if isinstance(ident, str) else None
        out.append(at if at is not None else headers[index] if index < len(headers) else 0)
    return out


# --------------------------------------------------------------------------- field lists

_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BACKTICKED = re.compile(r"`([^`\n]{1,120})`")
_ID_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")
_BLOCK_INDICATOR = re.compile(r"^[>|][+-]?\s*")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


class _Line:
    """One line of a field list: a field ("**When:** …"), a title that starts an entry, or a continuation."""

    def __init__(self, text: str, names: Mapping[str, str]) -> None:
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)   # Google Docs' export writes "**breaks\_when:**"
        self.text = text
        marker = _LIST_MARKER.match(text)
        self.marked = marker is not None
        self.indent = len(text) - len(text.lstrip())
        body = text[marker.end():] if marker else text.strip()
        self.body = body.strip()
        self.field: str | None = None
        self.value = ""
        self.styled = False
        colon = body.find(":", 0, 48)
        if colon > 0:
            written = body[:colon]
            name = field_name(written, names)
            if name is not None:
                emphasis = written.lstrip()[:1] in ("*", "_")
                rest = body[colon + 1:]
                if emphasis:
                    rest = rest.lstrip("*_")
                bare = written.strip().strip("`*_ ")
                self.field, self.value = name, rest.strip()
                # written as prose, not as a YAML key: in bold, capitalised or with a space ("Breaks when")
                self.styled = emphasis or bare[:1].isupper() or " " in bare


def field_list_entries(lines: list[str], names: Mapping[str, str]) -> Entries | None:
    """Heuristics written as lists of "Field: value" lines (in bold, capitalised, or one field per list item),
    each entry opened by a title (a heading, a bold line, a backticked id) or by its id field. None when the
    block is not such a list, so that YAML, whose keys are lower case and one item per entry, is read as YAML."""
    parsed = [_Line(text, names) for text in lines]
    if not _is_field_list(parsed):
        return None
    entries: Entries = []
    current: dict[str, Any] | None = None
    start = 0
    last: str | None = None
    field_indent = 0

    def close() -> None:
        if current is not None and any(k != "id" for k in current):
            entries.append((start, {k: _value(k, v) for k, v in current.items()}))

    for k, line in enumerate(parsed):
        if not line.body:
            continue
        if line.field is not None:
            repeated = line.field in (current or {}) and not (line.field == "id" and last is None)
            if current is None or repeated:
                close()
                current, start = {}, k
            current[line.field] = line.value
            last, field_indent = line.field, line.indent
        elif current is not None and last is not None and line.indent > field_indent and not line.marked:
            current[last] = f"{current[last]} {line.body}".strip()   # a wrapped value
        elif current is not None and last is not None and line.marked and line.indent > field_indent:
            current[last] = ", ".join(filter(None, (current[last], line.body)))   # items under "Domain:"
        else:
            close()
            ident = _title_id(line.body)
            current, start, last = ({"id": ident} if ident else {}), k, None
    close()
    return entries


def _is_field_list(parsed: list[_Line]) -> bool:
    styled: set[str] = set()
    previous: _Line | None = None
    for line in parsed:
        if not line.body:
            continue
        one_per_item = line.marked and previous is not None and previous.marked and previous.field is not None \
            and previous.indent == line.indent
        if line.field in DECISION_NAMES and (line.styled or one_per_item):
            styled.add(line.field)
        previous = line
    return len(styled) >= MIN_DECISION_FIELDS


def _title_id(body: str) -> str | None:
    """The id a title names: a backticked id, or the whole title when it is written as one ("cheap-first")."""
    text = _HEADING.sub("", body).strip()
    quoted = _BACKTICKED.search(text)
    if quoted and _ID_TEXT.fullmatch(quoted.group(1).strip()):
        return quoted.group(1).strip()
    text = text.strip("*_ ").rstrip(":").strip()
    return text if _ID_TEXT.fullmatch(text) and any(c in text for c in "-_.") else None


def _value(key: str, raw: Any) -> Any:
    """A written value as the YAML form would hold it: quotes and code marks off, domains split at commas."""
    if not isinstance(raw, str):
        return raw
    text = _BLOCK_INDICATOR.sub("", raw.strip())
    text = " ".join(text.split())
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`":
        text = text[1:-1].strip()
    if key in ("domain", "domains", "tags", "topics"):
        text = text.strip("[]")
        return [part.strip().strip("\"'`") for part in re.split(r"[,;]|\s+-\s+", text) if part.strip().strip("-")]
    return text


# --------------------------------------------------------------------------- key/value tables


def key_value_rows(rows: list[list[str]], names: Mapping[str, str]) -> list[tuple[int, dict[str, Any]]] | None:
    """Heuristics written as a table of (field, value) rows, as a word processor's two-column table is converted:
    an "id" row or a repeated field opens the next entry; a header row ("field | value") is skipped. Returns
    (row index, mapping) pairs, or None when the first column does not name enough decision fields."""
    firsts = [field_name(cells[0], names) if len(cells) >= 2 else None for cells in rows]
    if len({f for f in firsts if f in DECISION_NAMES}) < MIN_DECISION_FIELDS:
        return None
    entries: list[tuple[int, dict[str, Any]]] = []
    current: dict[str, Any] | None = None
    start = 0
    for k, (cells, name) in enumerate(zip(rows, firsts, strict=True)):
        if name is None:
            continue
        if current is None or name in current:
            if current:
                entries.append((start, current))
            current, start = {}, k
        current[name] = _value(name, cells[1])
    if current:
        entries.append((start, current))
    return entries
