"""A throwaway PostgreSQL server for the tests (a pytest plugin, loaded from conftest.py).

``postgres_server`` (session scope) runs ``initdb`` into a temporary folder and ``pg_ctl start`` on a free
loopback port, and stops it at the end. As root it runs the server as the ``postgres`` user (initdb refuses
root). When no server can be started the tests that need one are skipped with the reason; with
``GUANCHA_REQUIRE_POSTGRES=1`` (CI) they fail instead. ``GUANCHA_TEST_POSTGRES_URL`` uses a running server
instead (a superuser URL: each test gets a database of its own).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRE_ENV = "GUANCHA_REQUIRE_POSTGRES"
EXTERNAL_ENV = "GUANCHA_TEST_POSTGRES_URL"
SUPERUSER = "guancha"


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """A running server: ``url()`` for a database on it, ``new_database()`` for an empty one."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def url(self, dbname: str = "postgres") -> str:
        head = self.base_url.rsplit("/", 1)[0] if self.base_url.count("/") > 2 else self.base_url
        return f"{head}/{dbname}"

    def new_database(self) -> str:
        """A new empty database, its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)


class _Unavailable(Exception):
    pass


def start_server(tmp: Path) -> tuple[PostgresServer, list[str]]:
    bindir = _bindir()
    if bindir is None:
        raise _Unavailable("no PostgreSQL server binaries (initdb, pg_ctl) are installed: "
                           "apt-get install postgresql-15 (or postgresql)")
    run_as: list[str] = []
    if os.geteuid() == 0:
        user = "postgres"
        try:
            import pwd

            pwd.getpwnam(user)
        except KeyError:
            raise _Unavailable("running as root and there is no 'postgres' user to run the server as "
                               "(initdb refuses root): apt-get install postgresql-15 creates one") from None
        runuser = shutil.which("runuser")
        if runuser is None:
            raise _Unavailable("running as root without runuser(1) to start the server as 'postgres'")
        run_as = [runuser, "-u", user, "--"]
        shutil.chown(tmp, user=user)
    data = tmp / "data"
    port = free_port()
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    init = subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    if init.returncode != 0:
        raise _Unavailable(f"initdb failed: {(init.stderr or init.stdout).strip()[-500:]}")
    options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={tmp} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    start = subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "server.log"),
                            "-o", options, "-w", "-t", "60", "start"],
                           capture_output=True, text=True, env=env, timeout=120, check=False)
    if start.returncode != 0:
        log = (tmp / "server.log").read_text(errors="replace")[-800:] if (tmp / "server.log").exists() else ""
        raise _Unavailable(f"pg_ctl start failed: {(start.stderr or start.stdout).strip()[-300:]} {log}")
    stop = [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
    return PostgresServer(f"postgresql://{SUPERUSER}@127.0.0.1:{port}/postgres"), stop


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test session, or a skip (a failure under GUANCHA_REQUIRE_POSTGRES=1)."""
    external = os.environ.get(EXTERNAL_ENV, "").strip()
    if external:
        yield PostgresServer(external)
        return
    tmp = Path(tempfile.mkdtemp(prefix="guancha-pg-"))
    try:
        server, stop = start_server(tmp)
    except (_Unavailable, OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        message = f"no PostgreSQL server could be started here: {exc}"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{message} ({REQUIRE_ENV}=1)")
        pytest.skip(message)
    try:
        yield server
    finally:
        subprocess.run(stop, capture_output=True, timeout=120, check=False)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A new empty PostgreSQL database for one test."""
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database lives, once per backend: a SQLite file, then a new database on the test
    PostgreSQL server. A test (or fixture) that opens ``Database(backend_target)`` runs on both."""
    if request.param == "sqlite":
        return str(tmp_path / "guancha.db")
    return str(request.getfixturevalue("postgres_url"))
