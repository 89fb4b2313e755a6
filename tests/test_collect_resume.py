"""A collection killed with SIGKILL half-way and run again finishes with no duplicates and nothing lost."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from guancha.sampleweb import serve
from tests.collect_web import Item, Web, make_workspace, page_html, rss
from tests.conftest import cli_env, run_cli

PAGES = 24
VOCABULARY = ["province", "factory", "chip", "model", "lab", "cluster", "export", "policy", "subsidy", "investor", "launch", "benchmark", "memory", "wafer", "satellite", "port", "grid", "battery", "robot", "court", "ministry", "startup", "license", "dataset", "budget", "tender", "reactor", "fibre"]


def _paragraphs(seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(60)) + "." for _ in range(3)]


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # tables not created yet


def _slow_site(tmp_path: Path, delay_s: float = 0.3) -> Path:
    """A feed of PAGES article pages, each answered after ``delay_s``: a collection takes seconds."""
    web = Web(tmp_path / "web")
    items = []
    for i in range(PAGES):
        web.write(f"slow/{i}.html", page_html(f"Report {i}", _paragraphs(i), outlet="Slow Times",
                                               published="2026-05-02T06:00:00Z"))
        web.route(f"/slow/{i}.html", delay_s=delay_s)
        items.append(Item(f"{{base}}/slow/{i}.html", f"Report {i}", f"Summary {i}", "Sat, 02 May 2026 06:00:00 GMT"))
    web.write("feed.xml", rss("Slow Times", items))
    return web.finish({"id": "slow", "title": "Slow", "sources": [{"feed": "{base}/feed.xml"}]})


def _collect_until(ws: Path, articles: int) -> subprocess.Popen[bytes]:
    """Start ``guancha collect`` in its own process and return once it has stored ``articles``."""
    args = [sys.executable, "-m", "guancha", "collect", "slow", "--workspace", str(ws), "--as-of", "2026-05-02", "--json"]
    proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count(ws / "guancha.db", "SELECT COUNT(*) FROM articles") < articles and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.05)
    return proc


def test_sigkill_half_way_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    sample = _slow_site(tmp_path)
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base), per_host=2)
        db = ws / "guancha.db"
        proc = _collect_until(ws, 6)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        stored_before = _count(db, "SELECT COUNT(*) FROM articles")
        assert 6 <= stored_before < PAGES, "the kill must land half-way"

        again = run_cli("collect", "slow", "--workspace", str(ws), "--as-of", "2026-05-02", "--json")
        assert again.returncode == 0, again.stderr

    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        articles = conn.execute("SELECT canonical_url, text FROM articles").fetchall()
        assert len(articles) == PAGES
        assert len({a["canonical_url"] for a in articles}) == PAGES
        assert all(a["text"] for a in articles)
        assert conn.execute("SELECT COUNT(*) FROM sightings").fetchone()[0] == PAGES
        assert conn.execute("SELECT COUNT(*) FROM article_urls").fetchone()[0] == PAGES
        statuses = [r[0] for r in conn.execute("SELECT status FROM collections ORDER BY started_at")]
        assert statuses == ["failed", "done"]  # the killed one is marked interrupted, not left 'running'
        first, second = [r[0] for r in conn.execute("SELECT id FROM collections ORDER BY started_at")]
        refetched = conn.execute(
            "SELECT COUNT(*) FROM fetches f WHERE f.collection_id = ? AND f.purpose = 'article' AND EXISTS ("
            " SELECT 1 FROM articles a WHERE a.first_collection_id = ? AND a.url = f.url)",
            (second, first),
        ).fetchone()[0]
        assert refetched == 0  # what the killed run stored was not fetched again
        new_in_second = conn.execute("SELECT COUNT(*) FROM articles WHERE first_collection_id = ?", (second,)).fetchone()[0]
        assert new_in_second == PAGES - stored_before


def test_status_marks_a_killed_collection_interrupted_and_leaves_a_live_one_running(tmp_path: Path) -> None:
    """A collection row of a SIGKILLed process does not say 'running' forever: 'guancha status' marks it
    interrupted (failed, with why; its source runs too) and says so, once; while its process lives, it is
    left running."""
    sample = _slow_site(tmp_path, delay_s=1.5)  # 18 s in all: 'guancha status' has time to look at it running
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base), per_host=2)
        db = ws / "guancha.db"
        proc = _collect_until(ws, 3)
        try:
            assert proc.poll() is None, "the collection must still be running"
            live = run_cli("status", "--workspace", str(ws), "--json")
            assert live.returncode == 0, live.stderr
            assert json.loads(live.stdout)["interrupted_collections"] == []
            assert _count(db, "SELECT COUNT(*) FROM collections WHERE status = 'running'") == 1
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert _count(db, "SELECT COUNT(*) FROM collections WHERE status = 'running'") == 1  # the kill left it so

        after = run_cli("status", "--workspace", str(ws), "--json")
        assert after.returncode == 0, after.stderr
        (marked,) = json.loads(after.stdout)["interrupted_collections"]
        assert marked["watcher_id"] == "slow" and f"pid {proc.pid}" in marked["reason"]
        text = run_cli("status", "--workspace", str(ws))
        assert text.returncode == 0 and "Collections interrupted" not in text.stdout  # marked once, not again

    with sqlite3.connect(db) as conn:
        status, summary = conn.execute("SELECT status, summary_json FROM collections WHERE id = ?",
                                       (marked["collection_id"],)).fetchone()
        assert status == "failed" and json.loads(summary)["interrupted"] is True
        assert conn.execute("SELECT COUNT(*) FROM source_runs WHERE status = 'running'").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 3  # what it stored is kept
    assert not list((ws / ".guancha" / "running").glob("collection-*.pid"))  # the dead process's marker is gone


def test_a_running_collection_nobody_can_vouch_for_is_interrupted_after_the_deadline(tmp_path: Path) -> None:
    """No marker (another host, an older guancha): a 'running' collection is interrupted only once it is older
    than the collection deadline plus the grace; a recent one may still be running elsewhere."""
    import datetime as dt

    from guancha.runstate import INTERRUPTED_GRACE, mark_interrupted_collections
    from guancha.store import collect as collect_sql
    from guancha.timeutil import iso_z
    from guancha.workspace import init_workspace, open_workspace

    init_workspace(tmp_path / "ws")
    workspace = open_workspace(tmp_path / "ws")
    db = workspace.db()
    collect_sql.upsert_watcher(db, "w", "W", None, "h")
    now = dt.datetime.now(dt.UTC)
    deadline = dt.timedelta(seconds=workspace.settings.http.collection_deadline_s)
    for cid, age in (("old", deadline + INTERRUPTED_GRACE + dt.timedelta(minutes=1)), ("recent", dt.timedelta(minutes=1))):
        db.execute("INSERT INTO collections(id, watcher_id, as_of, window_hours, started_at, status)"
                   " VALUES (?, 'w', ?, 24, ?, 'running')", (cid, iso_z(now), iso_z(now - age)))
    marked = mark_interrupted_collections(workspace, "w")
    assert [m["collection_id"] for m in marked] == ["old"] and "past the collection deadline" in marked[0]["reason"]
    assert {r["id"]: r["status"] for r in db.query("SELECT id, status FROM collections")} == {"old": "failed", "recent": "running"}
    assert mark_interrupted_collections(workspace) == []
    workspace.close()
