"""Moving a workspace's SQLite database to PostgreSQL (``guancha db copy``), table by table, verified.

Both sides are first brought to the same schema (the shared migrations). Every table is copied in one
PostgreSQL transaction with its rows in SQLite's insertion order (``rowid`` travels along, so ``ORDER BY
rowid`` answers the same), foreign keys checked at commit; identity sequences then continue after the
copied ids. Afterwards each table is verified on both sides: the row count and a digest of every value
(blobs byte for byte, text code point for code point, NULLs as NULL). A target that already holds data is
refused unless the caller asks to replace it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from guancha.errors import StoreError, UsageError
from guancha.store.db import Database, is_postgres_url, migrations

BATCH = 2000


@dataclass(frozen=True)
class TableCopy:
    table: str
    source_rows: int
    target_rows: int
    same_content: bool

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.same_content


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def source_tables(db: Database) -> list[str]:
    """The data tables of a SQLite database, in creation order (schema bookkeeping left out)."""
    return [r["name"] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != 'schema_migrations' ORDER BY rowid")]


def _columns_sqlite(db: Database, table: str) -> list[str]:
    return [r["name"] for r in db.query(f"PRAGMA table_info({_quote(table)})")]


def _columns_pg(db: Database, table: str) -> list[str]:
    return [r["column_name"] for r in db.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? ORDER BY ordinal_position", (table,))]


def _rows(db: Database, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """Every row, ``rowid`` first, in insertion order, read in batches."""
    cols = ", ".join(_quote(c) for c in ["rowid", *columns])
    cur = db.execute(f"SELECT {cols} FROM {_quote(table)} ORDER BY rowid")
    while True:
        batch = cur.fetchmany(BATCH)
        if not batch:
            return
        yield from (tuple(r) for r in batch)


def _digest(rows: Iterable[tuple[Any, ...]]) -> str:
    """A digest of values with their types, so 1, 1.0, '1' and b'1' all differ."""
    h = hashlib.sha256()
    for row in rows:
        for value in row:
            if value is None:
                h.update(b"N;")
            elif isinstance(value, bytes | bytearray | memoryview):
                data = bytes(value)
                h.update(b"B%d:" % len(data) + data)
            elif isinstance(value, bool | int):
                h.update(b"I%d;" % int(value))
            elif isinstance(value, float):
                h.update(b"F" + value.hex().encode() + b";")
            else:
                data = str(value).encode("utf-8", "surrogatepass")
                h.update(b"T%d:" % len(data) + data)
        h.update(b"\n")
    return h.hexdigest()


def _pg_rows(db: Database, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    cols = ", ".join(_quote(c) for c in columns)
    for r in db.query(f"SELECT {cols} FROM {_quote(table)} ORDER BY rowid"):
        yield tuple(r)


def copy_to_postgres(source: Path, url: str, *, replace: bool = False,
                     progress: Callable[[str], None] | None = None) -> list[TableCopy]:
    """Copy the SQLite database at ``source`` into the PostgreSQL database at ``url``; returns, per table,
    the rows on each side and whether their contents are equal. Raises UsageError for a non-empty target
    (unless ``replace``) and StoreError when a table could not be copied or verified."""
    if not is_postgres_url(url):
        raise UsageError(f"{url!r} is not a PostgreSQL URL", fix="give --to postgresql://user:password@host:5432/dbname")
    if not source.is_file():
        raise UsageError(f"no SQLite database at {source}", fix="run it in the workspace whose database to copy")
    say = progress or (lambda _message: None)
    with Database(source) as src, Database(url) as dst:
        if src.schema_version() != dst.schema_version():
            raise StoreError(f"the schemas differ (SQLite {src.schema_version()}, PostgreSQL {dst.schema_version()})",
                             fix="use the same guancha version for both; 'guancha db migrate' brings one up to date")
        tables = source_tables(src)
        plan: list[tuple[str, list[str]]] = []
        for table in tables:
            target_columns = set(_columns_pg(dst, table))
            columns = _columns_sqlite(src, table)
            missing = [c for c in columns if c not in target_columns]
            if not target_columns or missing:
                raise StoreError(f"the PostgreSQL database has no table {table}" if not target_columns
                                 else f"the PostgreSQL table {table} lacks the columns {missing}",
                                 fix="copy into a database made by this guancha version ('guancha db migrate')")
            plan.append((table, columns))
        holding = [t for t, _ in plan if dst.one(f"SELECT 1 AS x FROM {_quote(t)} LIMIT 1") is not None]
        if holding and not replace:
            raise UsageError(f"the target {dst.location} already holds guancha data (in {', '.join(holding[:5])}"
                             f"{'...' if len(holding) > 5 else ''})",
                             fix="copy into an empty database, or pass --replace to empty its guancha tables first")
        _copy_tables(src, dst, plan, replace=replace, say=say)
        results = []
        for table, columns in plan:
            n_src = int(src.one(f"SELECT COUNT(*) AS n FROM {_quote(table)}")["n"])  # type: ignore[index]
            n_dst = int(dst.one(f"SELECT COUNT(*) AS n FROM {_quote(table)}")["n"])  # type: ignore[index]
            same = _digest(r[1:] for r in _rows(src, table, columns)) == _digest(_pg_rows(dst, table, columns))
            results.append(TableCopy(table, n_src, n_dst, same))
        bad = [r for r in results if not r.ok]
        if bad:
            raise StoreError("the copy does not match its source in " + ", ".join(
                f"{r.table} ({r.source_rows} -> {r.target_rows} rows{'' if r.same_content else ', values differ'})"
                for r in bad), fix="report this as a bug; the SQLite database is unchanged")
        return results


def _copy_tables(src: Database, dst: Database, plan: list[tuple[str, list[str]]], *, replace: bool,
                 say: Callable[[str], None]) -> None:
    """One transaction: empty (when replacing), COPY every table, move the sequences on, check the keys."""
    from guancha.store.pg import identity_tables

    raw = cast(Any, dst.conn).raw  # the psycopg connection behind the adapter: COPY is its own protocol
    identity = identity_tables(sql for _, _, sql in migrations())
    import psycopg

    try:
        with raw.transaction():
            cur = raw.cursor()
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            if replace:
                cur.execute("TRUNCATE " + ", ".join(_quote(t) for t, _ in plan) + " RESTART IDENTITY")
            for table, columns in plan:
                cols = ", ".join(_quote(c) for c in ["rowid", *columns])
                n = 0
                with cur.copy(f"COPY {_quote(table)} ({cols}) FROM STDIN") as copy:
                    for row in _rows(src, table, columns):
                        copy.write_row(row)
                        n += 1
                for column in ["rowid", *(["id"] if table.lower() in identity else [])]:
                    cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({_quote(column)}), 0) + 1,"
                                f" false) FROM {_quote(table)}", (table, column))
                say(f"{table}: {n} rows")
    except psycopg.Error as exc:
        raise StoreError(f"copying to {dst.location} failed, nothing was kept: {str(exc).strip()}",
                         fix="fix what the message names in the SQLite database, or report it") from exc
    except sqlite3.Error as exc:
        raise StoreError(f"reading the SQLite database failed: {exc}", fix="run 'guancha db check'") from exc
