"""A workspace on PostgreSQL, as a user drives it: the demo run end to end on a real server, ``guancha db
copy`` of a SQLite workspace (verified, refusing a non-empty target) and the same site built from either."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

from guancha.store import Database
from tests.conftest import run_cli
from tests.pg_support import free_port
from tests.site_support import add_report, heuristic, spec_for

UNICODE = "Ünïcödé — 中文 🇨🇳 «quotes» & <angle> 100% ?"


def _tree(root: Path) -> dict[str, bytes]:
    """Every file of a built site, but Pagefind's per-build metadata (``*.pf_meta`` and the entry file naming
    it): Pagefind writes those differently on two builds of the same SQLite database too."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix != ".pf_meta" and p.name != "pagefind-entry.json"}


def _demo(ws: Path, **env: str) -> dict:  # type: ignore[type-arg]
    result = run_cli("demo", "--workspace", str(ws), "--json", **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_demo_runs_whole_on_postgres_and_writes_what_sqlite_writes(tmp_path: Path, postgres_url: str) -> None:
    on_pg = _demo(tmp_path / "pg", GUANCHA_DATABASE_URL=postgres_url)
    on_sqlite = _demo(tmp_path / "sq")
    assert on_pg["run"]["status"] == on_sqlite["run"]["status"] == "finalised"
    assert not (tmp_path / "pg" / "guancha.db").exists()  # everything went to the server

    def report(result: dict, ws: Path) -> str:  # type: ignore[type-arg]
        text = Path(result["run"]["paths"]["md"]).read_text(encoding="utf-8")
        return re.sub(r"127\.0\.0\.1:\d+", "HOST", text)

    assert report(on_pg, tmp_path / "pg") == report(on_sqlite, tmp_path / "sq")
    with Database(postgres_url) as db:
        counts = {t: db.one(f"SELECT COUNT(*) AS n FROM {t}")["n"]  # type: ignore[index]
                  for t in ("reports", "report_citations", "articles", "blobs", "used_urls", "run_stages")}
    with sqlite3.connect(tmp_path / "sq" / "guancha.db") as conn:
        assert counts == {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in counts}
    # commands that read the store work on it too
    status = run_cli("status", "--workspace", str(tmp_path / "pg"), GUANCHA_DATABASE_URL=postgres_url)
    assert status.returncode == 0 and "china-ai" in status.stdout, status.stderr
    again = _demo(tmp_path / "pg", GUANCHA_DATABASE_URL=postgres_url)  # a second run: the next version
    assert again["run"]["status"] == "finalised" and again["run"]["version"] == on_pg["run"]["version"] + 1


def test_db_copy_of_the_demo_gives_the_same_site(tmp_path: Path, postgres_server: object) -> None:
    ws = tmp_path / "ws"
    _demo(ws)
    with Database(ws / "guancha.db") as db:  # more than the demo makes: heuristics, a correction, a held report
        china, orbital = spec_for("china-ai", "China AI", "🇨🇳"), spec_for("orbital", UNICODE, "🛰️")
        add_report(db, china, dt.date(2026, 4, 30), heuristics=[heuristic("origin-test", ["china"], "the origin test")])
        add_report(db, china, dt.date(2026, 4, 30), version=2, extra_text=UNICODE,
                   heuristics=[heuristic("origin-test", ["china"], "the origin test, for every lab")])
        add_report(db, orbital, dt.date(2026, 5, 1), status="held")
        add_report(db, orbital, dt.date(2026, 5, 2), extra_text=UNICODE)
        source_counts = {t: db.one(f"SELECT COUNT(*) AS n FROM {t}")["n"]  # type: ignore[index]
                         for t in ("reports", "heuristics", "heuristic_versions", "blobs", "articles")}
    url = postgres_server.new_database()  # type: ignore[attr-defined]
    copied = run_cli("db", "copy", "--to", url, "--workspace", str(ws), "--json")
    assert copied.returncode == 0, copied.stderr
    summary = json.loads(copied.stdout)
    assert summary["ok"] is True
    tables = {t["table"]: t for t in summary["tables"]}
    assert all(t["source_rows"] == t["target_rows"] and t["same_content"] for t in tables.values())
    assert {t: tables[t]["target_rows"] for t in source_counts} == source_counts
    assert source_counts["heuristics"] >= 1 and source_counts["blobs"] > 0

    refused = run_cli("db", "copy", "--to", url, "--workspace", str(ws))
    assert refused.returncode == 2 and "already holds guancha data" in refused.stderr + refused.stdout
    assert "--replace" in refused.stderr + refused.stdout and "Traceback" not in refused.stderr
    replaced = run_cli("db", "copy", "--to", url, "--workspace", str(ws), "--replace")
    assert replaced.returncode == 0 and "every count and value verified" in replaced.stdout, replaced.stderr

    built_sqlite = run_cli("site", "build", "--workspace", str(ws), "--out", str(tmp_path / "site-sqlite"))
    built_pg = run_cli("site", "build", "--workspace", str(ws), "--out", str(tmp_path / "site-pg"),
                       GUANCHA_DATABASE_URL=url)
    assert built_sqlite.returncode == 0 and built_pg.returncode == 0, built_sqlite.stderr + built_pg.stderr
    sqlite_site, pg_site = _tree(tmp_path / "site-sqlite"), _tree(tmp_path / "site-pg")
    assert any(name.endswith("index.html") and "heuristics" in name for name in sqlite_site)
    assert sorted(sqlite_site) == sorted(pg_site)
    different = [name for name in sqlite_site if sqlite_site[name] != pg_site[name]]
    assert different == []

    # the copy goes on where SQLite left off: new rows get new ids, in order after the copied ones
    with Database(url) as db:
        before = db.one("SELECT MAX(id) AS m FROM heuristic_events")["m"]  # type: ignore[index]
        add_report(db, spec_for("orbital", UNICODE, "🛰️"), dt.date(2026, 5, 3),
                   heuristics=[heuristic("orbit-rule", ["space"], "the launch cadence")])
        after = db.one("SELECT MAX(id) AS m FROM heuristic_events")["m"]  # type: ignore[index]
        assert before is None or after > before


def test_the_settings_file_selects_postgres_and_db_migrate_reports(tmp_path: Path, workspace: Path,
                                                                   postgres_url: str) -> None:
    settings = workspace / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "database: guancha.db", f"database: {postgres_url}"), encoding="utf-8")
    first = run_cli("db", "migrate", "--workspace", str(workspace), "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["backend"] == "postgresql" and data["applied"] and data["schema_version"] == data["applied"][-1]
    second = json.loads(run_cli("db", "migrate", "--workspace", str(workspace), "--json").stdout)
    assert second["applied"] == [] and second["schema_version"] == data["schema_version"]
    assert not (workspace / "guancha.db").exists()
    check = run_cli("db", "check", "--workspace", str(workspace))
    assert check.returncode == 2 and "PostgreSQL" in check.stderr


def test_an_unreachable_server_is_a_clear_error(workspace: Path) -> None:
    url = f"postgresql://nobody:secret-pw@127.0.0.1:{free_port()}/guancha"
    result = run_cli("db", "migrate", "--workspace", str(workspace), GUANCHA_DATABASE_URL=url)
    assert result.returncode == 1
    assert "cannot connect to the PostgreSQL database" in result.stderr and "GUANCHA_DATABASE_URL" in result.stderr
    assert "secret-pw" not in result.stderr + result.stdout and "Traceback" not in result.stderr
    bad = run_cli("db", "migrate", "--workspace", str(workspace), GUANCHA_DATABASE_URL="mysql://x")
    assert bad.returncode == 2 and "postgresql://" in bad.stderr


def test_a_lost_connection_fails_one_statement_and_the_next_one_reconnects(postgres_url: str) -> None:
    """A server restart or a dropped link: the statement that meets it fails (typed), a transaction it cut
    keeps nothing, and the store carries on over a new connection."""
    import psycopg
    import pytest

    db = Database(postgres_url)

    def cut(pid: int) -> None:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    first = db.one("SELECT pg_backend_pid() AS p")["p"]
    cut(first)
    with pytest.raises(sqlite3.OperationalError):
        db.one("SELECT 1 AS n")
    second = db.one("SELECT pg_backend_pid() AS p")["p"]
    assert second != first and db.one("SELECT 1 AS n")["n"] == 1

    with pytest.raises(sqlite3.OperationalError), db.transaction() as cur:
        cur.execute("INSERT INTO heartbeats(worker_id, first_seen_at, seen_at) VALUES ('w', 'a', 'a')")
        cut(second)
        cur.execute("INSERT INTO heartbeats(worker_id, first_seen_at, seen_at) VALUES ('v', 'a', 'a')")
    assert db.one("SELECT COUNT(*) AS n FROM heartbeats")["n"] == 0   # the cut transaction kept nothing
    db.close()
