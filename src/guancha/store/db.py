"""The workspace database: a SQLite file (WAL mode) by default, or a PostgreSQL database for a team
(``database: postgresql://...`` in guancha.yaml, or ``GUANCHA_DATABASE_URL``), with append-only recorded
migrations.

Migrations are SQL files in ``store/migrations`` named ``NNN_name.sql``. Each is applied once, inside a
transaction, and recorded with its checksum (of the file's text, the same on both engines); a changed or
unknown applied migration is refused loudly rather than guessed around. The same files serve PostgreSQL
through a small documented translation (``store/pg.py``: ``ddl``), and every query runs unchanged on both
through the adapter there.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, cast

from guancha.errors import StoreError
from guancha.timeutil import utcnow_iso

MIGRATIONS_PACKAGE = "guancha.store.migrations"
ENV_DATABASE_URL = "GUANCHA_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: object) -> bool:
    """Whether a ``database`` setting names a PostgreSQL server rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def utcnow() -> str:
    """Current UTC time as an ISO-8601 string with seconds precision and a ``Z`` suffix."""
    return utcnow_iso()


def content_key(*parts: str | bytes, length: int = 32) -> str:
    """A content-addressed key: sha256 over the parts (separated so ``ab``+``c`` differs from ``a``+``bc``)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:length]


def migrations() -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number, _, rest = name.partition("_")
        if not number.isdigit():
            raise StoreError(f"migration file {name} does not start with a number")
        found.append((int(number), rest[:-4], entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [n for n, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}")
    return found


def damaged(path: Path | str, exc: sqlite3.DatabaseError) -> StoreError:
    """The error for a database file SQLite cannot read: which file, that it is damaged, what to do.

    The file is never re-created silently: it may hold the only copy of months of reports and heuristics."""
    return StoreError(
        f"the database {path} is damaged or not a guancha database ({exc})",
        fix=f"restore {path} from a backup; 'guancha db check' reports what is damaged. To start over instead, "
            f"move {path} aside (do not delete it) and run the command again",
    )


def integrity_problems(path: Path | str) -> list[str]:
    """SQLite's own integrity check of a database file: an empty list when it is sound. Never migrates."""
    if not Path(path).is_file():
        raise StoreError(f"no database at {path}", fix="run a command that uses the workspace first (guancha collect)")
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=30.0)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            rows += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{type(exc).__name__}: {exc}"]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


def _open_fix(path: Path) -> str:
    """What to do when SQLite cannot open ``path`` at all: its own message ("unable to open database file") says
    the same for a folder in the file's place, a missing folder and a permission."""
    if path.is_dir():
        return (f"{path} is a folder, not a database file: move it aside (do not delete it), or point 'database:' "
                "in guancha.yaml at the database file")
    return "check the path and permissions"


class Database:
    """A connection to the workspace database with migrations applied.

    Use ``with db.transaction() as cur:`` for writes that must be atomic; reads can use ``db.query``.
    """

    def __init__(self, path: Path | str, *, migrate: bool = True) -> None:
        """``path``: a SQLite file (or ``:memory:``), or a ``postgresql://`` URL."""
        self.backend = "postgresql" if is_postgres_url(path) else "sqlite"
        self._batch: WriteBatch | None = None
        if self.backend == "postgresql":
            self._open_postgres(str(path), migrate=migrate)
            return
        self.path = Path(path)
        self.location = str(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}", fix=_open_fix(self.path)) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if str(path) != ":memory:":
                self._use_wal()
                self.conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                self.migrate()
        except sqlite3.OperationalError as exc:
            self.conn.close()
            raise StoreError(f"cannot use database {path}: {exc}",
                             fix="check the file's permissions and that the disk is not full") from exc
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise damaged(path, exc) from exc

    def _open_postgres(self, url: str, *, migrate: bool) -> None:
        """Connect through the adapter (``store/pg.py``), typed as sqlite3's connection: it implements the
        part of it the store uses, so every query keeps one code path and one signature."""
        from guancha.store import pg

        self.location = pg.masked(url)
        self.path = Path(self.location)
        identity = pg.identity_tables(sql for _, _, sql in migrations())
        self.conn = cast(sqlite3.Connection, pg.PgConnection(url, identity=identity))
        try:
            if migrate:
                self.migrate()
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot use the PostgreSQL database {self.location}: {exc}",
                             fix="check that the user may create tables in that database") from exc
        except BaseException:
            self.conn.close()
            raise

    def _use_wal(self, *, attempts: int = 100) -> None:
        """Switch a new file to WAL. Two first commands opening a fresh file race for the switch, and SQLite
        answers "locked" at once there instead of waiting for its busy timeout: so wait here, a bounded while."""
        for attempt in range(attempts):
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05)

    # ------------------------------------------------------------------ migrations

    def migrate(self) -> list[int]:
        """Apply every migration not yet recorded. Returns the versions applied now.

        The whole check-and-apply runs in one IMMEDIATE transaction: two first commands on a fresh workspace
        take turns, and the second finds the migrations recorded instead of applying them again. An up-to-date
        database (the usual case) is recognised without taking the write lock."""
        if self._up_to_date():
            return []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            done = self._migrate_locked()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return done

    def _up_to_date(self) -> bool:
        try:
            applied = {(row["version"], row["checksum"])
                       for row in self.conn.execute("SELECT version, checksum FROM schema_migrations")}
        except sqlite3.OperationalError:
            return False  # no table yet: a fresh database
        return applied == {(number, content_key(sql, length=16)) for number, _, sql in migrations()}

    def _migrate_locked(self) -> list[int]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {
            row["version"]: row["checksum"]
            for row in self.conn.execute("SELECT version, checksum FROM schema_migrations")
        }
        known = migrations()
        known_versions = {n for n, _, _ in known}
        newer = sorted(set(applied) - known_versions)
        if newer:
            raise StoreError(
                f"database {self.location} has migrations {newer} that this guancha does not know",
                fix="upgrade guancha, or use a workspace created by this version",
            )
        done: list[int] = []
        for number, name, sql in known:
            checksum = content_key(sql, length=16)
            if number in applied:
                if applied[number] != checksum:
                    raise StoreError(
                        f"migration {number:03d}_{name} changed after it was applied to {self.location}",
                        fix="migrations are append-only: add a new migration instead of editing an old one",
                    )
                continue
            try:
                for statement in _split_sql(sql):
                    self.conn.execute(self._dialect(statement))
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    (number, name, checksum, utcnow()),
                )
            except sqlite3.OperationalError as exc:
                raise StoreError(f"migration {number:03d}_{name} failed on {self.backend}: {exc}") from exc
            done.append(number)
        return done

    def _dialect(self, statement: str) -> str:
        """A migration statement as this backend takes it: as written for SQLite, translated for PostgreSQL."""
        if self.backend == "sqlite":
            return statement
        from guancha.store.pg import ddl

        return ddl(statement)

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) AS v FROM schema_migrations").fetchone()
        return int(row["v"] or 0)

    # ------------------------------------------------------------------ access

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        """An IMMEDIATE transaction: committed on success, rolled back on any exception."""
        if self._batch is not None:
            raise StoreError("a transaction was started inside an open write batch",
                             fix="write through the batch's unit() while it is open (a bug in guancha)")
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            # a lost connection (PostgreSQL: the server rolled the transaction back) makes ROLLBACK fail too;
            # the error being raised says why, a second one about the rollback would only hide it
            with contextlib.suppress(sqlite3.OperationalError):
                cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    @contextmanager
    def batch(self) -> Iterator[WriteBatch]:
        """Many small atomic writes in few transactions (see ``WriteBatch``). What was written completely is
        committed when the block ends, however it ends."""
        if self._batch is not None:
            raise StoreError("a write batch was opened inside another one",
                             fix="use the open batch (a bug in guancha)")
        batch = self._batch = WriteBatch(self)
        try:
            yield batch
        finally:
            self._batch = None
            batch.close()

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """A single autocommitted statement."""
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class WriteBatch:
    """Small writes (a collection's articles, fetches and sightings) grouped into one transaction.

    A commit per article made committing a large part of collecting, and on PostgreSQL each commit is a
    round trip. Here each ``unit()`` is a savepoint inside the batch's transaction: a unit that fails is
    undone alone, as its own transaction was before, and the units written so far stay. ``commit()`` makes
    them durable; the caller commits every few units or fractions of a second, so that readers see progress
    and a killed process loses at most that little (it is fetched again on the next run). The transaction
    takes the write lock, like every write, so it is never left open for long.

    While a batch is open, ``Database.transaction()`` is refused: its BEGIN would fail on SQLite and commit
    the batch early on PostgreSQL.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cur: sqlite3.Cursor | None = None
        self.pending = 0  # units written since the last commit
        self.opened_at: float | None = None  # time.monotonic() when the open transaction began

    @contextmanager
    def unit(self) -> Iterator[sqlite3.Cursor]:
        """One atomic group of writes: all of it is kept, or (on any exception) none of it."""
        if self._cur is None:
            cur = self._db.conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            self._cur, self.opened_at = cur, time.monotonic()
        cur = self._cur
        cur.execute("SAVEPOINT unit")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK TO SAVEPOINT unit")
            cur.execute("RELEASE SAVEPOINT unit")
            raise
        cur.execute("RELEASE SAVEPOINT unit")
        self.pending += 1

    def commit(self) -> None:
        """Make every unit written so far durable (nothing to do when none is)."""
        cur, self._cur, self.opened_at, self.pending = self._cur, None, None, 0
        if cur is None:
            return
        try:
            cur.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def close(self) -> None:
        self.commit()


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (migrations hold no semicolons inside strings or triggers)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
