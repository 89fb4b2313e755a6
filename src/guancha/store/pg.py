"""PostgreSQL behind the store's one query path: a thin psycopg 3 adapter shaped like ``sqlite3``.

Every query in guancha is written once, in the SQL both engines accept, with ``?`` placeholders. On
PostgreSQL this module is the only difference:

- ``?`` and ``:name`` placeholders become ``%s`` and ``%(name)s`` (and a literal ``%`` becomes ``%%``);
- ``GROUP_CONCAT(x)``, ``json_array_length(x, '$.key')``, ``INSERT OR IGNORE`` and ``LIKE`` (ASCII
  case-insensitive in SQLite) are rewritten to their PostgreSQL forms;
- ``BEGIN IMMEDIATE`` takes one transaction-scoped advisory lock, so writers take turns exactly as they do
  on SQLite (readers never wait: both engines give them a snapshot);
- rows are addressable by name and index like ``sqlite3.Row``; ``lastrowid`` is filled for tables with an
  ``id INTEGER PRIMARY KEY AUTOINCREMENT`` through ``RETURNING id``; ``numeric`` results (``SUM``,
  ``AVG``) come back as ``int``/``float`` and ``bool`` parameters go in as 0/1, as SQLite stores them;
- psycopg's errors are re-raised as the DB-API classes of ``sqlite3`` (``IntegrityError``,
  ``OperationalError``, ``DatabaseError``), so callers and the CLI handle one family of errors.

Migrations are shared files written for SQLite; :func:`ddl` translates their few SQLite-only words
(see its docstring). ``rowid`` (SQLite's implicit insertion order, used in ``ORDER BY rowid``) is an
explicit identity column here that rows hide, as SQLite's ``SELECT *`` does.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.adapt import Dumper, Loader
from psycopg.postgres import types as pg_types

from guancha.collect.urls import hide_url_secrets
from guancha.errors import StoreError

#: The advisory lock every write transaction takes: one writer at a time, as on SQLite.
WRITE_LOCK_KEY = 0x6775616E  # "guan"
LOCK_TIMEOUT_MS = 30000  # as the SQLite connection's busy_timeout
HIDDEN_COLUMN = "rowid"


def masked(url: str) -> str:
    """The URL with its password replaced (in its user part, or as a ``?password=`` parameter), for messages and
    listings; a URL that does not parse is shown with everything before its host hidden."""
    try:
        _ = urlsplit(url).port   # a bracket left open, or a port that is no number, raises here
    except ValueError:
        scheme, sep, rest = url.partition("://")
        return f"{scheme}{sep}***@{rest.rpartition('@')[2]}" if "@" in rest else hide_url_secrets(url)
    return hide_url_secrets(url)   # the user part's password (up to the last "@") and a "?password=" value


def secrets_of(url: str) -> list[str]:
    """The password of a database URL and its pieces around "@" (a driver's message may quote the part after an
    "@" it read as the host), longest first: what an error message must not repeat."""
    netloc = url.partition("://")[2].partition("/")[0]
    password = netloc.rpartition("@")[0].partition(":")[2] if "@" in netloc else ""
    found = [password, *password.split("@")] if password else []
    for m in re.finditer(r"[?&]password=([^&#]+)", url, re.IGNORECASE):
        found.append(m.group(1))
    return sorted({s for s in found if len(s) >= 3}, key=len, reverse=True)


# ---------------------------------------------------------------------------------------------- SQL text


def _segments(sql: str) -> Iterator[tuple[bool, str]]:
    """``sql`` cut into (is_code, text) pieces: string literals, quoted identifiers and comments apart."""
    i, start, n = 0, 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            if i > start:
                yield True, sql[start:i]
            j = i + 1
            while j < n:
                if sql[j] == ch:
                    if j + 1 < n and sql[j + 1] == ch:
                        j += 2
                        continue
                    break
                j += 1
            yield False, sql[i:j + 1]
            i = start = j + 1
        elif ch == "-" and sql.startswith("--", i):
            if i > start:
                yield True, sql[start:i]
            j = sql.find("\n", i)
            j = n if j < 0 else j
            yield False, ""  # a comment: dropped
            i = start = j
        else:
            i += 1
    if start < n:
        yield True, sql[start:]


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_GROUP_CONCAT = re.compile(r"\bGROUP_CONCAT\(\s*(DISTINCT\s+)?([^(),']+?)\s*(?:,\s*('(?:[^']|'')*')\s*)?\)", re.I)
_JSON_ARRAY_LENGTH = re.compile(r"\bjson_array_length\(\s*([\w.]+)\s*,\s*'\$\.(\w+)'\s*\)", re.I)
_LIKE = re.compile(r"(?<![\w.])LIKE(?!\w)", re.I)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|FOR|UNION|EXCEPT|INTERSECT)\b", re.I)
_HAS_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\s*$", re.I)
_IS_DESC = re.compile(r"\bDESC\s*$", re.I)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+(OR\s+IGNORE\s+)?INTO\s+(\w+)", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)


@functools.lru_cache(maxsize=1024)
def translate(sql: str, identity: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """The PostgreSQL text of one portable statement, and whether ``RETURNING id`` was added for lastrowid
    (an insert into one of the ``identity`` tables, see :func:`identity_tables`)."""
    sql = sql.strip().rstrip(";")
    sql = _GROUP_CONCAT.sub(lambda m: f"string_agg({m.group(1) or ''}CAST({m.group(2)} AS TEXT), "
                                      f"{m.group(3) or chr(39) + ',' + chr(39)})", sql)
    sql = _JSON_ARRAY_LENGTH.sub(lambda m: f"json_array_length(CAST({m.group(1)} AS json) -> '{m.group(2)}')", sql)
    out: list[str] = []
    for is_code, text in _segments(sql):
        if is_code:
            text = _LIKE.sub("ILIKE", text.replace("%", "%%"))
            text = _NAMED.sub(r"%(\1)s", text).replace("?", "%s")
        else:
            text = text.replace("%", "%%")
        out.append(text)
    query = _nulls_as_sqlite("".join(out))
    insert = _INSERT_INTO.match(query)
    returning = False
    if insert:
        if insert.group(1):
            query = query[:insert.start(1)] + query[insert.end(1):] + " ON CONFLICT DO NOTHING"
        if insert.group(2).lower() in identity and not _RETURNING.search(query):
            query += " RETURNING id"
            returning = True
    return query, returning


def _nulls_as_sqlite(query: str) -> str:
    """Every ``ORDER BY`` item with SQLite's NULL placement made explicit: NULLs sort first ascending and
    last descending there, the other way round in PostgreSQL."""
    mask = "".join(text if is_code else "\0" * len(text) for is_code, text in _segments(query))
    if len(mask) != len(query) or not _ORDER_BY.search(mask):
        return query  # a comment was dropped (none in queries): leave the text alone
    inserts: list[tuple[int, str]] = []
    for match in _ORDER_BY.finditer(mask):
        depth, i, item_start = 0, match.end(), match.end()
        while i <= len(mask):
            ch = mask[i] if i < len(mask) else ""
            end_word = _ORDER_END.match(mask, i) if depth == 0 and ch.isalpha() and not mask[i - 1].isalnum() else None
            if ch == "" or (ch == ")" and depth == 0) or end_word or (ch == "," and depth == 0):
                item = mask[item_start:i].rstrip()
                if item.strip() and not _HAS_NULLS.search(item):
                    at = item_start + len(item)
                    inserts.append((at, " NULLS LAST" if _IS_DESC.search(item) else " NULLS FIRST"))
                if ch != ",":
                    break
                item_start = i + 1
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            i += 1
    for at, text in sorted(inserts, reverse=True):
        query = query[:at] + text + query[at:]
    return query


# ---------------------------------------------------------------------------------------------- migrations

_TYPE_WORDS = [
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
]
_REFERENCES = re.compile(r"\bREFERENCES\s+\w+\s*\([^)]*\)")
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s*\(", re.I)


def ddl(statement: str) -> str:
    """One migration statement (written for SQLite) in PostgreSQL's words. The translation, all of it:

    - column types: ``INTEGER`` -> ``BIGINT`` (SQLite integers are 64-bit), ``INTEGER PRIMARY KEY
      AUTOINCREMENT`` -> ``BIGSERIAL PRIMARY KEY``, ``REAL`` -> ``DOUBLE PRECISION`` (SQLite reals are
      doubles), ``BLOB`` -> ``BYTEA``, ``TEXT`` -> ``TEXT COLLATE "C"`` (SQLite compares text by bytes;
      the C collation orders UTF-8 the same way, so ``ORDER BY`` gives the same order on both);
    - foreign keys become ``DEFERRABLE INITIALLY IMMEDIATE`` (checked per statement as on SQLite, but
      ``guancha db copy`` can defer them to the end of its one transaction);
    - every table gets a ``rowid BIGSERIAL`` column: SQLite's implicit insertion order, which queries
      use in ``ORDER BY rowid`` and which rows hide.

    Type words are matched in upper case only, outside strings and comments (columns are named in lower
    case, like ``text TEXT``)."""
    out: list[str] = []
    for is_code, text in _segments(statement):
        if is_code:
            for pattern, replacement in _TYPE_WORDS:
                text = pattern.sub(replacement, text)
            text = _REFERENCES.sub(lambda m: m.group(0) + " DEFERRABLE INITIALLY IMMEDIATE", text)
        out.append(text)
    sql = "".join(out).strip()
    if _CREATE_TABLE.match(sql) and sql.endswith(")"):
        sql = sql[:-1].rstrip() + f",\n    {HIDDEN_COLUMN} BIGSERIAL\n)"
    return sql


_IDENTITY_TABLE = re.compile(r"CREATE\s+TABLE\s+(\w+)\s*\(\s*id\s+INTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT", re.I)


def identity_tables(migration_sql: Iterable[str]) -> frozenset[str]:
    """Tables whose ``id`` SQLite assigns (``INTEGER PRIMARY KEY AUTOINCREMENT``): their inserts report it."""
    return frozenset(m.group(1).lower() for sql in migration_sql for m in _IDENTITY_TABLE.finditer(sql))


# ---------------------------------------------------------------------------------------------- rows and types


class Row:
    """A result row addressable by column name and by index, like ``sqlite3.Row``."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: tuple[Any, ...], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._index[key]]
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self._values == other._values and self._index == other._index

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    names = [d.name for d in desc]
    keep = [i for i, name in enumerate(names) if name != HIDDEN_COLUMN]
    index: dict[str, int] = {}
    for position, i in enumerate(keep):
        index.setdefault(names[i], position)
    if len(keep) == len(names):
        return lambda values: Row(tuple(values), index)
    return lambda values: Row(tuple(values[i] for i in keep), index)


class _NumericLoader(Loader):
    """``numeric`` (what PostgreSQL's SUM and AVG of integers return) as int or float, as SQLite gives them."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode("ascii")
        return int(text) if text.lstrip("-").isdigit() else float(text)


class _BoolAsIntDumper(Dumper):
    """``True``/``False`` parameters stored as 1/0 in the integer flag columns, as SQLite stores them."""

    oid = pg_types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


def _params(params: Sequence[Any] | dict[str, Any] | None) -> Sequence[Any] | dict[str, Any]:
    return () if params is None else params


def _error(exc: psycopg.Error) -> sqlite3.Error:
    """psycopg's error as the DB-API class ``sqlite3`` would raise for the same failure."""
    state = f" [PostgreSQL {exc.sqlstate}]" if exc.sqlstate else ""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    cls: type[sqlite3.Error]
    if isinstance(exc, pg_errors.IntegrityError):
        cls = sqlite3.IntegrityError
    elif isinstance(exc, psycopg.OperationalError | psycopg.ProgrammingError):
        cls = sqlite3.OperationalError  # no such table / column, syntax, lost connection, lock timeout
    elif isinstance(exc, psycopg.DataError):
        cls = sqlite3.DataError
    elif isinstance(exc, psycopg.InterfaceError):
        cls = sqlite3.InterfaceError
    else:
        cls = sqlite3.DatabaseError
    return cls(message + state)


# ---------------------------------------------------------------------------------------------- connection


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses, over a psycopg cursor."""

    def __init__(self, conn: PgConnection) -> None:
        self._conn = conn
        self._cur: Any = conn.live().cursor(row_factory=_row_factory)
        self.lastrowid: int | None = None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = ()) -> PgCursor:
        self.lastrowid = None
        word = sql.strip().rstrip(";").upper()
        try:
            if word == "BEGIN IMMEDIATE":
                self._cur.execute("BEGIN")
                self._cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                return self
            query, returning = translate(sql, self._conn.identity)
            self._cur.execute(query, _params(params))
            if returning:
                row = self._cur.fetchone()
                self.lastrowid = int(row[0]) if row is not None else None
        except psycopg.Error as exc:
            raise _error(exc) from exc
        return self

    def executemany(self, sql: str, seq: Iterable[Sequence[Any] | dict[str, Any]]) -> PgCursor:
        query, _ = translate(sql, self._conn.identity)
        try:
            self._cur.executemany(query, [_params(p) for p in seq])
        except psycopg.Error as exc:
            raise _error(exc) from exc
        return self

    def fetchone(self) -> Any:
        if self._cur.description is None or self._cur.pgresult is None:
            return None
        try:
            return self._cur.fetchone()
        except psycopg.Error as exc:
            raise _error(exc) from exc

    def fetchall(self) -> list[Any]:
        if self._cur.description is None:
            return []
        try:
            return list(self._cur.fetchall())
        except psycopg.Error as exc:
            raise _error(exc) from exc

    def fetchmany(self, size: int = 1) -> list[Any]:
        if self._cur.description is None:
            return []
        return list(self._cur.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)

    @property
    def description(self) -> Any:
        return self._cur.description

    def close(self) -> None:
        self._cur.close()


class PgConnection:
    """The part of ``sqlite3.Connection`` the store uses: ``execute``, ``cursor``, ``close``. Autocommit,
    like the store's SQLite connection (``isolation_level=None``); transactions are explicit."""

    def __init__(self, url: str, *, identity: frozenset[str] = frozenset(), connect_timeout: int = 10) -> None:
        self.identity = identity
        self._url = url
        self._connect_timeout = connect_timeout
        self._closed = False
        self.raw: psycopg.Connection[Any] = self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            raw: psycopg.Connection[Any] = psycopg.connect(self._url, autocommit=True,
                                                           connect_timeout=self._connect_timeout)
        except psycopg.Error as exc:
            said = str(exc).strip() or type(exc).__name__
            for secret in secrets_of(self._url):
                said = said.replace(secret, "***")
            raise StoreError(
                f"cannot connect to the PostgreSQL database {masked(self._url)}: {said}",
                fix="check that the server runs and accepts this user, and the URL in guancha.yaml 'database' "
                    "or GUANCHA_DATABASE_URL (postgresql://user:password@host:port/dbname)",
            ) from exc
        raw.adapters.register_loader("numeric", _NumericLoader)
        raw.adapters.register_dumper(bool, _BoolAsIntDumper)
        # a writer waits for the write lock as long as SQLite's busy timeout, then fails instead of hanging
        raw.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
        return raw

    def live(self) -> psycopg.Connection[Any]:
        """The server connection, opened again when the last one was lost (a server restart, a dropped network
        link, an idle timeout): the statement that met the loss failed with OperationalError, the next one runs
        on a new connection. A transaction cut by the loss is rolled back by the server, never half kept; a
        server that stays down is a StoreError naming the URL (password masked) and the fix."""
        if not self._closed and (self.raw.broken or self.raw.closed):
            self.raw = self._connect()
        return self.raw

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = ()) -> PgCursor:
        return self.cursor().execute(sql, params)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def close(self) -> None:
        self._closed = True
        self.raw.close()
