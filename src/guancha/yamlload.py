"""One YAML loader for large or untrusted text (reports' heuristics blocks, imported archives).

PyYAML's pure-Python ``SafeLoader`` costs tens of milliseconds per report; libyaml's ``CSafeLoader`` reads
the same documents about ten times faster with the same results. When PyYAML was built without libyaml the
pure-Python loader is used. Errors always come from the pure-Python loader: its messages and line marks are
the ones findings and notes quote, so a report reads the same whichever loader is installed.

Aliases (``*name``) are refused before anything is built: nested aliases expand exponentially (six hundred bytes of
a "billion laughs" took two gigabytes), and a report's heuristics or an imported archive never need one. So is
nesting past ``MAX_DEPTH`` levels: 50,000 "[" in a heuristics block crashed ``check`` with a RecursionError.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class _ValueErrorsMarked:
    """A constructor whose scalar errors are YAML errors with their line: PyYAML raises a bare ``ValueError`` for a
    timestamp that is no day (``2026-02-30``, ``2026-01-01 25:00``) and for an integer past Python's digit limit, which
    reached users of ``check`` and ``collect`` as a traceback (found by a red-team pass)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, OverflowError) as exc:
            why = str(exc).split("; use sys.")[0]  # Python's advice to a programmer is no fix for the file's author
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read the value {str(node.value)[:40]!r}: {why}", node.start_mark) from exc


class _SafeLoader(_ValueErrorsMarked, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, its scalar errors marked."""


_FAST_LOADER: type[yaml.SafeLoader] = _SafeLoader
if hasattr(yaml, "CSafeLoader"):
    class _CSafeLoader(_ValueErrorsMarked, yaml.CSafeLoader):
        """libyaml's safe loader, its scalar errors marked."""

    _FAST_LOADER = _CSafeLoader  # type: ignore[assignment]


# Deeper than any report's heuristics or an archive's metadata (three or four levels) and far under the depth where
# PyYAML's composer, which recurses per level, exhausts Python's stack (500 levels of "[" raised RecursionError).
MAX_DEPTH = 100


class Refused(yaml.MarkedYAMLError):
    """Untrusted YAML that is refused rather than read (an alias, nesting past ``MAX_DEPTH``)."""


class AliasRefused(Refused):
    """Untrusted YAML used an alias; it is refused rather than expanded."""


class DepthRefused(Refused):
    """Untrusted YAML nests collections deeper than ``MAX_DEPTH``; it is refused rather than recursed into."""


def _mark(mark: Any) -> yaml.Mark | None:
    # libyaml's own Mark type: its line and column are what a message needs
    return yaml.Mark("yaml", 0, mark.line, mark.column, None, 0) if mark is not None else None


def _refuse_events(text: str, loader: type[yaml.SafeLoader], aliases: bool = False) -> None:
    """Walk the parsing events (the parser keeps its own stack: no recursion, nothing built)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) and not aliases:
            raise AliasRefused(problem=f"found an alias (*{event.anchor}): aliases are not read in untrusted "
                                       "YAML; write the value out", problem_mark=_mark(event.start_mark))
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DepthRefused(problem=f"found lists or mappings nested more than {MAX_DEPTH} levels deep: "
                                           "untrusted YAML is not read that deep; flatten it",
                                   problem_mark=_mark(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def refuse_aliases(text: str, *, aliases: bool = False) -> None:
    """Raise ``AliasRefused`` at the first alias in ``text`` and ``DepthRefused`` at the first collection nested
    past ``MAX_DEPTH`` (parsing events only, which builds nothing); a text that does not parse is left for the
    loader to report. ``aliases=True``: a file the user wrote (settings, a watcher) may use aliases; only its depth
    is checked."""
    try:
        _refuse_events(text, _FAST_LOADER, aliases)
    except Refused:
        raise
    except yaml.YAMLError:
        if _FAST_LOADER is _SafeLoader:
            return
        # libyaml stops at its own nesting limit (1,000) with a plain error, and the pure-Python loader that
        # error falls back on recurses per level: its parser's events are counted too (a clean text never gets here)
        try:
            _refuse_events(text, _SafeLoader, aliases)
        except Refused:
            raise
        except yaml.YAMLError:
            return


def safe_load(text: str, *, aliases: bool = False) -> Any:
    """``yaml.safe_load(text)``, on libyaml where it is available (raises ``yaml.YAMLError`` as PyYAML does, and
    ``AliasRefused`` for an alias unless ``aliases``, ``DepthRefused`` for nesting past ``MAX_DEPTH``)."""
    refuse_aliases(text, aliases=aliases)
    try:
        if _FAST_LOADER is _SafeLoader:
            return yaml.load(text, Loader=_SafeLoader)
        try:
            return yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            return yaml.load(text, Loader=_SafeLoader)  # the pure-Python loader's own error (or its result where it reads more)
    except RecursionError as exc:   # not expected past the depth check; a traceback would be worse than a finding
        raise DepthRefused(problem="the YAML nests too deeply to read; flatten it") from exc


def error_place(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """What a YAML error says is wrong, and its 1-based line (None where PyYAML marks none): for the error a user
    reads, naming the line of their file."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return str(getattr(exc, "problem", None) or exc), (mark.line + 1 if mark is not None else None)


# What no settings value, and nothing printed to a terminal, may hold: C0 controls other than tab and line breaks,
# C1 controls (0x9b is a one-byte CSI to some terminals), lone surrogates, and the bidirectional overrides and
# isolates, which reorder what is shown ("evil\u202egpj.exe" reads as "evilexe.jpg"). A character class's body, so
# that the terminal's sanitiser (``cli._common``) adds the carriage return to the same set.
UNSAFE_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_REFUSED = re.compile(f"[{UNSAFE_CHARACTERS}]")


def _refused_character(text: str) -> str | None:
    """The first character of ``text`` no settings value may hold (``UNSAFE_CHARACTERS``)."""
    m = _REFUSED.search(text)
    return m.group() if m else None


def control_character(data: Any, limit: int = 100_000) -> tuple[tuple[int | str, ...], str] | None:
    """Where a loaded settings document holds a refused character (``_refused_character``), and which: a YAML escape
    ("\\e[2J", "\\ud800") passes the reader's check of raw bytes, and a watcher title of "China \\e[2J AI" went into every
    report, e-mail subject and Atom feed (an ESC is no XML character: the feed was not well-formed; found by a
    red-team pass). Keys and values are both read; at most ``limit`` nodes, iteratively (no recursion)."""
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    seen = 0
    while stack and seen < limit:
        loc, node = stack.pop()
        seen += 1
        if isinstance(node, str):
            bad = _refused_character(node)
            if bad is not None:
                return loc, bad
        elif isinstance(node, dict):
            for key, value in node.items():
                bad = _refused_character(key) if isinstance(key, str) else None
                if bad is not None:
                    return loc, bad
                stack.append(((*loc, key), value))
        elif isinstance(node, list):
            stack.extend(((*loc, i), value) for i, value in enumerate(node))
    return None
