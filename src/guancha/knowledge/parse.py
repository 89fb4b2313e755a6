"""Parse heuristics in every form the reference system wrote them, never dropping an entry silently.

Forms, tried in this order on a HEURISTICS block's raw text:

* v2 code style: ``HEURISTIC some-id { domain: [...] confidence: 0.87 WHEN ... PREFER ... OVER ...
  BECAUSE "..." EVIDENCE { ... } BREAKS_WHEN { ... } meta: { v: 1, by: "...", date: ... } }``
* v1 YAML: a ``heuristics:`` list (or a bare list, or one mapping), fenced or not; HTML entities and
  stray tags from broken converters are removed first.
* v1 YAML whose indentation was lost, whose list markers were dropped, or whose entries were flattened
  onto one line: recovered by scanning for the known field names in their usual order.
* A Markdown table (a row per heuristic, or a (field, value) row per field), TOML tables (``[[heuristic]]``), and
  field lists ("- **When:** ...", an entry per heading): see ``forms``.
* Other vocabularies (context/action/rationale, ...) are mapped onto the schema when the meaning is
  clear; others (pattern/evidence/implication, ...) are kept as unparsed entries with the reason.

Every entry carries its raw line (0-based, in the block's raw text) and its problems.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from guancha import yamlload
from guancha.knowledge import forms
from guancha.knowledge.schema import DECISION_FIELDS, Heuristic, HeuristicSource, heuristic_problems

KNOWN_FIELDS = ("id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence", "source",
                "report", "date", "url", "extracted_by", "version")
#: other names seen for the schema's fields, mapped where the meaning is unambiguous
FIELD_ALIASES: dict[str, str] = {
    "name": "id", "slug": "id", "heuristic_id": "id",
    "domains": "domain", "tags": "domain", "topics": "domain",
    "context": "when", "situation": "when", "condition": "when", "trigger": "when", "if": "when",
    "applies_when": "when",
    "action": "prefer", "recommendation": "prefer", "do": "prefer", "then": "prefer", "prefer_": "prefer",
    "instead_of": "over", "rather_than": "over", "avoid": "over", "alternative": "over",
    "rationale": "because", "reason": "because", "why": "because", "justification": "because",
    "breaks_if": "breaks_when", "fails_when": "breaks_when", "falsified_by": "breaks_when",
    "invalidated_when": "breaks_when", "falsifier": "breaks_when", "break_condition": "breaks_when",
    "certainty": "confidence", "conf": "confidence",
    "extracted_date": "date", "author": "extracted_by", "by": "extracted_by", "v": "version",
}
_EXTRA_FIELDS = ("covers", "evidence", "title", "extracted_date", "status", "meta")


@dataclass
class EntryProblem:
    line: int  # 0-based line in the raw block
    field: str | None
    reason: str


@dataclass
class ParsedEntry:
    """One heuristic entry as found: its fields, the validated heuristic when complete, and problems."""

    index: int
    form: str  # yaml, yaml-recovered, v2, table, toml, fields, mapped-vocabulary, unparsed
    line: int
    raw: str
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    heuristic: Heuristic | None = None
    problems: list[EntryProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        value = self.fields.get("id")
        return str(value) if value is not None else None

    @property
    def present_decision_fields(self) -> list[str]:
        return [f for f in DECISION_FIELDS if _has(self.fields.get(f))]

    @property
    def complete(self) -> bool:
        return self.heuristic is not None and len(self.present_decision_fields) == len(DECISION_FIELDS)


@dataclass
class HeuristicsParse:
    form: str
    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[EntryProblem] = field(default_factory=list)  # block-level (nothing recognisable, ...)

    @property
    def heuristics(self) -> list[Heuristic]:
        return [e.heuristic for e in self.entries if e.heuristic is not None]


def _has(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value)
    return True


# --------------------------------------------------------------------------- cleaning

_TAG_RE = re.compile(r"</?(?:p|code|pre|li|ul|ol|br|span|strong|em|b|i|div)(?:\s[^>]*)?/?>", re.IGNORECASE)
# reStructuredText's and AsciiDoc's code-block openers (".. code-block:: yaml", "[source,yaml]", "----"): fences too
_DIRECTIVE_LINE_RE = re.compile(r"^\s*(?:\.\.\s+(?:code-block|code|sourcecode)::.*|\[source(?:,\s*\w+)?\]|-{4,})\s*$",
                                re.IGNORECASE)
_FENCE_LINE_RE = re.compile(r"^\s*(?:`{1,3}|~~~)\s*(?:ya?ml|json|toml|text|markdown|md|heuristics?)?\s*$",
                            re.IGNORECASE)


def clean_block(raw: str) -> list[str]:
    """Lines with fences, converter tags and HTML entities removed; line count preserved (blanked)."""
    lines = []
    for line in raw.split("\n"):
        text = line
        if "&" in text:
            text = html.unescape(text)
        if "<" in text:
            text = _TAG_RE.sub("", text)
        if _FENCE_LINE_RE.match(text) or _DIRECTIVE_LINE_RE.match(text):
            text = ""
        # a fence glued to the first YAML line: "`yaml heuristics:" or "```yaml - id: x"
        text = re.sub(r"^\s*`{1,3}(?:ya?ml)\s+(?=\S)", "", text)
        text = re.sub(r"\s*`{1,3}\s*$", "", text) if text.strip().endswith("`") and ":" in text else text
        lines.append(text.rstrip())
    return lines


# --------------------------------------------------------------------------- entry point


def parse_heuristics(raw: str, *, default_source: HeuristicSource | None = None,
                     default_extracted_by: str | None = None) -> HeuristicsParse:
    """Parse a HEURISTICS block in whatever form it is. ``default_source`` fills a missing source
    (the importer passes the report's title and date)."""
    lines = clean_block(raw)
    text = "\n".join(lines)
    if _V2_START.search(text):
        result = _parse_v2(text)
    else:
        result = _parse_table(lines) or _parse_other_forms(lines) or _parse_yaml_forms(lines)
    for entry in result.entries:
        _finish(entry, default_source, default_extracted_by)
    if not result.entries and text.strip():
        result.problems.append(EntryProblem(0, None, "no heuristic entries recognised in this block"))
    return result


def _finish(entry: ParsedEntry, default_source: HeuristicSource | None, default_by: str | None) -> None:
    if entry.form == "unparsed":
        return
    fields = entry.fields
    if default_source is not None:
        src = fields.get("source")
        if src is None:
            fields["source"] = {k: v for k, v in default_source.model_dump().items() if v is not None}
        elif isinstance(src, dict):
            for key, value in default_source.model_dump().items():
                if value is not None and not src.get(key):
                    src[key] = value
    if default_by and not fields.get("extracted_by"):
        fields["extracted_by"] = default_by
    stated_version = fields.pop("version", None)
    if stated_version is not None:
        entry.extra["stated_version"] = stated_version
    problems = heuristic_problems({k: v for k, v in fields.items() if k in {
        "id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence", "source", "extracted_by"}})
    for name, reason in problems:
        entry.problems.append(EntryProblem(entry.line, name, reason))
    if not problems:
        try:
            entry.heuristic = Heuristic.model_validate(
                {k: v for k, v in fields.items() if k in Heuristic.model_fields and k != "version"})
        except ValidationError as exc:
            entry.problems.append(EntryProblem(entry.line, None, f"invalid: {exc.errors()[0]['msg']}"))


# --------------------------------------------------------------------------- v2 code style

_V2_START = re.compile(r"HEURISTIC\s+([A-Za-z0-9][\w.-]*)\s*\{")
_V2_KEYWORDS = ("WHEN", "PREFER", "OVER", "BECAUSE", "EVIDENCE", "BREAKS_WHEN")
# A keyword after white space (or at the start). Tried from the second character of a run of white space, where
# (?<=\s) first holds, and not again from each later one: those reach the same keyword by a shorter \s*, and a
# body of 40,000 spaces was 40,000 scans to the run's end (118 s for 'guancha check').
_V2_KEYWORD_RE = re.compile(
    r"(?:(?<=\s)(?<!\s\s)|^)\s*(WHEN|PREFER|OVER|BECAUSE|EVIDENCE|BREAKS_WHEN|EXPECT|REALITY|meta\s*:)(?=[\s{:])")


def _matching_brace(text: str, open_at: int) -> int:
    depth = 0
    in_quote = False
    for k in range(open_at, len(text)):
        ch = text[k]
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "{":
            depth += 1
        elif not in_quote and ch == "}":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _matching_braces(text: str) -> dict[int, int]:
    """``_matching_brace(text, i)`` for every "{" at ``i`` that has a match, in one pass rather than one scan each
    (a block of 15,000 unclosed "HEURISTIC x {" scanned to its end 15,000 times).

    A scan from ``i`` is in quotes where an odd number of quotes lie between ``i`` and it: it counts the braces
    whose count of quotes before them has the parity of ``i``'s. So each parity is matched on its own stack."""
    matches: dict[int, int] = {}
    stacks: tuple[list[int], list[int]] = ([], [])
    parity = 0
    for m in re.finditer(r'[{}"]', text):
        ch, k = m.group(0), m.start()
        if ch == '"':
            parity ^= 1
        elif ch == "{":
            stacks[parity].append(k)
        elif stacks[parity]:
            matches[stacks[parity].pop()] = k
    return matches


def _parse_v2(text: str) -> HeuristicsParse:
    result = HeuristicsParse(form="v2")
    starts = list(_V2_START.finditer(text))
    closing = _matching_braces(text) if starts else {}
    line = counted = 0
    for index, m in enumerate(starts):
        line += text.count("\n", counted, m.start())   # counted on from the last start, not from 0 each time
        counted = m.start()
        brace = m.end() - 1
        end = closing.get(brace, -1)
        entry = ParsedEntry(index=index, form="v2", line=line, raw="")
        if end < 0:
            nxt = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            end = nxt
            entry.notes.append("closing brace missing; entry read up to the next HEURISTIC")
        body = text[brace + 1 : end]
        entry.raw = text[m.start() : end + 1]
        entry.fields["id"] = m.group(1)
        head_end = len(body)
        kw = _V2_KEYWORD_RE.search(body)
        if kw:
            head_end = kw.start()
        head = body[:head_end]
        dm = re.search(r"domain\s*:\s*\[([^\]]*)\]", head)
        if dm:
            entry.fields["domain"] = [t.strip().strip("\"'") for t in dm.group(1).split(",") if t.strip()]
        cm = re.search(r"confidence\s*:\s*([^\s,}]+)", head)
        if cm:
            entry.fields["confidence"] = cm.group(1).strip("\"'")
        sections: dict[str, str] = {}
        found = list(_V2_KEYWORD_RE.finditer(body))
        for k, km in enumerate(found):
            name = re.sub(r"\s*:$", "", km.group(1)).strip()
            stop = found[k + 1].start() if k + 1 < len(found) else len(body)
            if name in sections:
                entry.notes.append(f"{name} appears twice; the first is kept")
                continue
            sections[name] = body[km.end() : stop]
        for keyword, target in (("WHEN", "when"), ("PREFER", "prefer"), ("OVER", "over"), ("BECAUSE", "because"),
                                ("BREAKS_WHEN", "breaks_when")):
            if keyword in sections:
                entry.fields[target] = _v2_text(sections[keyword])
        for keyword in ("EVIDENCE", "EXPECT", "REALITY"):
            if keyword in sections:
                entry.extra[keyword.lower()] = _v2_text(sections[keyword])
        if ("EXPECT" in sections or "REALITY" in sections) and "PREFER" not in sections:
            entry.notes.append("EXPECT/REALITY instead of PREFER/OVER: kept in extra, not mapped (meaning differs)")
        if "meta" in sections:
            meta = sections["meta"]
            for key, target in (("v", "version"), ("by", "extracted_by"), ("date", "date")):
                mm = re.search(rf"\b{key}\s*:\s*(\"[^\"]*\"|[^,}}\s]+)", meta)
                if mm:
                    entry.fields[target] = mm.group(1).strip('"')
            if "date" in entry.fields:
                entry.fields["source"] = {"date": entry.fields.pop("date")}
        result.entries.append(entry)
    return result


def _v2_text(chunk: str) -> str:
    text = chunk.strip()
    if text.startswith("{"):
        end = _matching_brace(text, 0)
        text = text[1:end] if end > 0 else text[1:]
    text = text.strip()
    if text.startswith('"') and text.count('"') >= 2:
        text = text[1 : text.rfind('"')]
    lines = [re.sub(r"^\s*-\s+", "", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\s+", " ", " ".join(ln for ln in lines if ln)).strip()


# --------------------------------------------------------------------------- v1 YAML and its damaged forms

# ^[^\S\n]*, not ^\s*: a line start's \s* read on through every blank line after it (40,000 blank lines: 6 s); the
# count is the same, each match now starting on the line that holds its "id"
_ID_LINE_RE = re.compile(r"^[^\S\n]*(?:-\s+)?(?:id|name|heuristic_id)\s*:\s*\S", re.MULTILINE)


def _parse_yaml_forms(lines: list[str]) -> HeuristicsParse:
    text = "\n".join(lines)
    expected_ids = len(_ID_LINE_RE.findall(text))
    loaded: Any = None
    error: str | None = None
    try:
        loaded = yamlload.safe_load(text) if text.strip() else None
    except yaml.YAMLError as exc:
        error = str(exc).split("\n")[0]
    mappings = _entry_mappings(loaded)
    if mappings is not None and (len([m for m in mappings if _id_of(m)]) >= expected_ids):
        result = HeuristicsParse(form="yaml")
        finder = _IdLines(lines)
        for index, mapping in enumerate(mappings):
            result.entries.append(_entry_from_mapping(index, mapping, finder))
        starts = [e.line for e in result.entries] + [len(lines)]
        for k, entry in enumerate(result.entries):
            entry.raw = "\n".join(lines[entry.line : max(starts[k + 1], entry.line + 1)])
        return result
    result = _recover_by_field_names(lines)
    reason = f"YAML did not load ({error})" if error else "YAML loaded but entries were merged or flattened"
    for entry in result.entries:
        entry.notes.append(f"{reason}; recovered by field names")
    return result


# A heuristic per row of a Markdown table whose header names at least this many of the reference fields.
TABLE_MIN_FIELDS = 3
_TABLE_DELIMITER = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_SOURCE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*$")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", body)]


def _parse_table(lines: list[str]) -> HeuristicsParse | None:
    """Heuristics written as a Markdown table, a row each, its header naming the fields ("| id | domain | when |
    prefer | …"). Domains are the cell's comma-separated tags, a source cell "Report, YYYY-MM-DD" its report and date;
    an empty cell is a missing field. None when the block holds no such table."""
    rows = [(k, line) for k, line in enumerate(lines) if line.strip().startswith("|")]
    if len(rows) < 3 or not _TABLE_DELIMITER.match(rows[1][1].strip()):
        return None
    header = [c.lower().replace("-", "_").replace(" ", "_") for c in _cells(rows[0][1])]
    if len([h for h in header if h in KNOWN_FIELDS or h in FIELD_ALIASES]) < TABLE_MIN_FIELDS:
        return _parse_key_value_table(rows)
    result = HeuristicsParse(form="table")
    for index, (k, line) in enumerate(rows[2:]):
        mapping: dict[str, Any] = {}
        for name, cell in zip(header, _cells(line), strict=False):
            if not cell or not name:
                continue
            if name == "domain":
                mapping[name] = [tag.strip() for tag in cell.split(",") if tag.strip()]
            elif name == "source" and (m := _SOURCE_DATE.search(cell)):
                mapping[name] = {"report": cell[:m.start()].strip().rstrip(",").strip() or None, "date": m.group(1)}
            elif name == "source":
                mapping[name] = {"report": cell}
            else:
                mapping[name] = cell
        entry = ParsedEntry(index=index, form="table", line=k, raw=line)
        _assign_fields(entry, mapping)
        result.entries.append(entry)
    return result


def _parse_key_value_table(rows: list[tuple[int, str]]) -> HeuristicsParse | None:
    """A Markdown table of (field, value) rows, one heuristic after another ("| when | … |"); its header row is
    either "field | value" or the first field's row. None when its first column names too few fields."""
    cells = [_cells(line) for k, line in rows if not _TABLE_DELIMITER.match(line.strip())]
    lines_of = [k for k, line in rows if not _TABLE_DELIMITER.match(line.strip())]
    found = forms.key_value_rows(cells, _WRITTEN_NAMES)
    return _from_mappings("table", [(lines_of[row], mapping) for row, mapping in found]) if found else None


# every field name a non-YAML form may write, lower case with "_" for spaces, to the name it is read as
_WRITTEN_NAMES: dict[str, str] = {**{n: n for n in (*KNOWN_FIELDS, *_EXTRA_FIELDS)}, **FIELD_ALIASES,
                                  "breakswhen": "breaks_when", "breaks": "breaks_when", "prefer_over": "over"}


def _parse_other_forms(lines: list[str]) -> HeuristicsParse | None:
    """Heuristics written as TOML tables or as field lists ("- **When:** …"), or None for neither. TOML that
    does not load is one unparsed entry with TOML's reason, as invalid YAML is."""
    if forms.looks_like_toml(lines):
        found = forms.toml_entries(lines, _WRITTEN_NAMES)
        if isinstance(found, tuple):
            reason, line = found
            result = HeuristicsParse(form="toml")
            entry = ParsedEntry(index=0, form="unparsed", line=line, raw="\n".join(lines))
            entry.problems.append(EntryProblem(line, None, reason))
            result.entries.append(entry)
            return result
        return _from_mappings("toml", found) if found else None
    listed = forms.field_list_entries(lines, _WRITTEN_NAMES)
    return _from_mappings("fields", listed) if listed else None


def _from_mappings(form: str, found: list[tuple[int, dict[str, Any]]]) -> HeuristicsParse:
    result = HeuristicsParse(form=form)
    for index, (line, mapping) in enumerate(found):
        entry = ParsedEntry(index=index, form=form, line=line, raw="")
        _assign_fields(entry, mapping)
        result.entries.append(entry)
    return result


def _id_of(mapping: dict[str, Any]) -> Any:
    return mapping.get("id") or mapping.get("name") or mapping.get("heuristic_id")


def _entry_mappings(loaded: Any) -> list[dict[str, Any]] | None:
    """The list of entry mappings in a loaded YAML document, or None when the shape is not recognised."""
    if isinstance(loaded, dict):
        for key in ("heuristics", "heuristic", "rules"):
            if isinstance(loaded.get(key), list):
                return [m if isinstance(m, dict) else {"_scalar": m} for m in loaded[key]]
        if any(k in loaded for k in ("id", "when", "context", "prefer")):
            return [loaded]
        lists = [v for v in loaded.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if lists:
            return [m for lst in lists for m in lst]
        return None
    if isinstance(loaded, list) and loaded and all(isinstance(m, dict) for m in loaded):
        return list(loaded)
    return None


_ID_VALUE_RE = re.compile(r"^[^\S\n]*(?:-[^\S\n]+)?(?:id|name|heuristic_id)[^\S\n]*:[^\S\n]*(\S.*)$")
_ID_SEARCH_WINDOW = 400  # lines searched for an id written otherwise than on its own 'id:' line


class _IdLines:
    """Where each entry's id is written, found in one pass over the block: entries are looked up in order,
    each after the one before. A scan from the top for each id was N x lines (a pack of 3,000 heuristics read
    30,000 lines 3,000 times), and gave a repeated id the line of its first statement."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.at: dict[str, list[int]] = {}
        for k, line in enumerate(lines):
            if (m := _ID_VALUE_RE.match(line)) is not None:
                value = m.group(1)
                comment = min((at for at in (value.find(" #"), value.find("\t#")) if at >= 0), default=-1)
                value = (value[:comment] if comment >= 0 else value).strip().strip("'\"")
                self.at.setdefault(value, []).append(k)
        self.next = 0  # the line after the last entry found

    def line_of(self, value: Any) -> int:
        """The line of the entry whose id is ``value`` (the next one not taken), or where the last one ended."""
        start = self.next
        if value is None:
            return start
        needle = str(value)
        for k in self.at.get(needle.strip(), []):
            if k >= start:
                self.next = k + 1
                return k
        for k in range(start, min(len(self.lines), start + _ID_SEARCH_WINDOW)):
            if needle in self.lines[k]:
                self.next = k + 1
                return k
        return start


def _entry_from_mapping(index: int, mapping: dict[str, Any], finder: _IdLines) -> ParsedEntry:
    ident = _id_of(mapping)
    line = finder.line_of(ident)
    entry = ParsedEntry(index=index, form="yaml", line=line, raw="")
    _assign_fields(entry, mapping)
    return entry


def _assign_fields(entry: ParsedEntry, mapping: dict[str, Any]) -> None:
    mapped: list[str] = []
    unknown: list[str] = []
    for key, value in mapping.items():
        name = str(key).strip().lower().replace("-", "_").replace(" ", "_")
        if name in KNOWN_FIELDS:
            target = name
        elif name in FIELD_ALIASES:
            target = FIELD_ALIASES[name]
            mapped.append(f"{name}->{target}")
        else:
            if name in _EXTRA_FIELDS:
                entry.extra[name] = value
            else:
                unknown.append(name)
                entry.extra[name] = value
            continue
        if target in ("report", "url"):
            entry.fields.setdefault("source", {})
            if isinstance(entry.fields["source"], dict):
                entry.fields["source"][target] = value
            continue
        if target == "date":
            src = entry.fields.setdefault("source", {})
            if isinstance(src, dict):
                src.setdefault("date", value)
            continue
        if target in entry.fields:
            entry.notes.append(f"{name} repeats {target}; the first is kept")
            continue
        entry.fields[target] = value
    if isinstance(entry.fields.get("source"), dict):
        src = entry.fields["source"]
        entry.fields["source"] = {k: v for k, v in src.items() if k in ("report", "date", "url", "title")}
    if mapped:
        entry.form = "mapped-vocabulary" if entry.form == "yaml" else entry.form
        entry.notes.append("fields mapped from another vocabulary: " + ", ".join(mapped))
    decision = [f for f in ("when", "prefer", "over") if f in entry.fields]
    if not decision and "id" not in entry.fields:
        entry.form = "unparsed"
        keys = ", ".join(sorted(mapping)) or "nothing"
        entry.problems.append(EntryProblem(entry.line, None,
                                           f"vocabulary not recognised as a heuristic ({keys}): no when/prefer/over"))


_FIELD_NAMES = tuple(dict.fromkeys([*KNOWN_FIELDS, *FIELD_ALIASES, *_EXTRA_FIELDS]))
_KEY_RE = re.compile(r"(?:^|(?<=\s))(-\s+)?(" + "|".join(sorted(map(re.escape, _FIELD_NAMES), key=len, reverse=True))
                     + r")\s*:(?=\s|$)")
_SOURCE_SUBKEYS = {"report", "date", "url", "title"}


def _recover_by_field_names(lines: list[str]) -> HeuristicsParse:
    """Read entries whose indentation was lost or that were flattened onto one line: split the text at the
    known field names, in order; a name already used in the entry is prose, not a key."""
    result = HeuristicsParse(form="yaml-recovered")
    tokens: list[tuple[int, int, str, int]] = []  # (line, key offset, key, value offset)
    text = "\n".join(lines)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    for m in _KEY_RE.finditer(text):
        line = _line_at(offsets, m.start())
        tokens.append((line, m.start(), m.group(2), m.end()))
    current: ParsedEntry | None = None
    current_key: str | None = None
    value_start = 0
    seen: set[str] = set()
    in_source = False
    pending: dict[str, str] = {}

    def close_value(stop: int) -> None:
        if current is None or current_key is None:
            return
        value = text[value_start:stop]
        pending[current_key] = value

    def close_entry() -> None:
        nonlocal current
        if current is None:
            return
        mapping: dict[str, Any] = {}
        source: dict[str, Any] = {}
        for key, value in pending.items():
            parsed = _scalar(key, value)
            if key in _SOURCE_SUBKEYS and key != "date":
                source[key] = parsed
            elif key == "date":
                source.setdefault("date", parsed)
            elif key == "source":
                if isinstance(parsed, str) and parsed:
                    source.setdefault("report", parsed)
            else:
                mapping[key] = parsed
        if source:
            mapping["source"] = source
        _assign_fields(current, mapping)
        result.entries.append(current)
        current = None

    before_first: list[str] = []
    for line, start, key, value_at in tokens:
        name = key.lower()
        canonical = FIELD_ALIASES.get(name, name)
        if canonical == "id" and name in ("id", "name", "heuristic_id"):
            close_value(start)
            close_entry()
            current = ParsedEntry(index=len(result.entries), form="yaml-recovered", line=line, raw="")
            pending = {}
            seen = {"id"}
            in_source = False
            current_key = name
            value_start = value_at
            continue
        if current is None:
            before_first.append(name)
            continue
        is_sub = name in _SOURCE_SUBKEYS and in_source
        if (canonical in seen and not is_sub) or (is_sub and name in pending):
            continue  # a field name inside prose ("Also over: ..."): part of the current value
        close_value(start)
        seen.add(canonical)
        if name == "source":
            in_source = True
        elif not is_sub:
            in_source = False
        current_key = name
        value_start = value_at
    close_value(len(text))
    close_entry()
    for entry in result.entries:
        end = result.entries[entry.index + 1].line if entry.index + 1 < len(result.entries) else len(lines)
        entry.raw = "\n".join(lines[entry.line : max(end, entry.line + 1)])
    if before_first and not result.entries:
        keys = ", ".join(dict.fromkeys(before_first))
        unparsed = ParsedEntry(index=0, form="unparsed", line=0, raw=text)
        unparsed.problems.append(EntryProblem(0, None, f"fields without an id ({keys}); not split into entries"))
        result.entries.append(unparsed)
    elif not result.entries and text.strip():
        other = _other_vocabulary(lines)
        if other is not None:
            result.entries.append(other)
    return result


def _other_vocabulary(lines: list[str]) -> ParsedEntry | None:
    keys = re.findall(r"^\s*-?\s*([a-z_]+)\s*:", "\n".join(lines), re.MULTILINE)
    if not keys:
        return None
    entry = ParsedEntry(index=0, form="unparsed", line=0, raw="\n".join(lines))
    entry.problems.append(EntryProblem(0, None, "vocabulary not recognised as a heuristic ("
                                       + ", ".join(dict.fromkeys(keys[:8])) + "): no when/prefer/over"))
    return entry


def _line_at(offsets: list[int], pos: int) -> int:
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if offsets[mid] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _scalar(key: str, value: str) -> Any:
    """A recovered value: block indicators and quotes removed, flow lists parsed, whitespace folded."""
    text = value.strip()
    text = re.sub(r"^[>|][+-]?\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("- ") and key in ("domain", "domains", "tags", "topics"):
        return [t.strip() for t in re.split(r"\s+-\s+", text[2:]) if t.strip()]
    if text.startswith("[") and "]" in text:
        inner = text[1 : text.index("]")]
        return [t.strip().strip("\"'") for t in inner.split(",") if t.strip()]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text
