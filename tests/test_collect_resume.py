"""A collection killed with SIGKILL half-way and run again finishes with no duplicates and nothing lost."""

from __future__ import annotations

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


def test_sigkill_half_way_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    web = Web(tmp_path / "web")
    items = []
    for i in range(PAGES):
        web.write(f"slow/{i}.html", page_html(f"Report {i}", _paragraphs(i), outlet="Slow Times",
                                               published="2026-05-02T06:00:00Z"))
        web.route(f"/slow/{i}.html", delay_s=0.3)
        items.append(Item(f"{{base}}/slow/{i}.html", f"Report {i}", f"Summary {i}", "Sat, 02 May 2026 06:00:00 GMT"))
    web.write("feed.xml", rss("Slow Times", items))
    sample = web.finish({"id": "slow", "title": "Slow", "sources": [{"feed": "{base}/feed.xml"}]})
    with serve(sample) as server:
        ws = make_workspace(tmp_path / "ws", (sample / "watcher.yaml").read_text().replace("{base}", server.base), per_host=2)
        db = ws / "guancha.db"
        args = [sys.executable, "-m", "guancha", "collect", "slow", "--workspace", str(ws), "--as-of", "2026-05-02", "--json"]
        proc = subprocess.Popen(args, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while _count(db, "SELECT COUNT(*) FROM articles") < 6 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
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
