"""Several `guancha serve` workers on one PostgreSQL: each is its own DBOS executor, none stands by, and a
worker killed in the middle of a run has that run taken over by a live one, which resumes it from its last
finished stage. Real parts: a throwaway PostgreSQL server (tests/pg_support.py) holding both the workspace's
store and DBOS's system database, loopback sample webs, worker subprocesses killed with SIGKILL."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from pathlib import Path

from guancha.store import Database
from tests.pg_support import PostgresServer
from tests.test_serve import _slow_sample, popen_serve, scheduled

# due every minute on the real clock, so a worker starts it at once; the date is today's, run once
ONE = {"offshore-energy": ("offshore-energy-2026-03-10", "* * * * *", "UTC")}


def _wait(db: Database, sql: str, *, within: float) -> None:
    deadline = time.monotonic() + within
    while db.one(sql)["n"] == 0:  # type: ignore[index]
        assert time.monotonic() < deadline, f"timed out waiting for: {sql}"
        time.sleep(0.1)


def test_a_killed_workers_run_is_taken_over_and_resumed_once(workspace: Path, tmp_path: Path,
                                                            postgres_server: PostgresServer) -> None:
    store_url, system_url = postgres_server.new_database(), postgres_server.new_database()
    with scheduled(workspace, ONE, {"offshore-energy": _slow_sample(tmp_path)}) as ws:
        settings = ws.root / "guancha.yaml"
        text = settings.read_text(encoding="utf-8").replace("database: guancha.db", f"database: {store_url}")
        settings.write_text(text + f"serve:\n  database: {system_url}\n  takeover_after_s: 3\n  tick_seconds: 0.5\n"
                            "  stop_grace_s: 0\n", encoding="utf-8")
        db = Database(store_url)
        first = popen_serve(ws.root)
        # killed in the middle of its collection: some sources finished and stored, one still waiting on its
        # slow feed (3 s), no stage persisted yet
        _wait(db, "SELECT COUNT(*) AS n FROM source_runs WHERE status != 'running'", within=120)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        killed = db.one("SELECT id, status FROM runs")
        assert killed is not None and killed["status"] == "running"
        assert db.one("SELECT COUNT(*) AS n FROM run_stages")["n"] == 0   # type: ignore[index]
        stored_before = db.one("SELECT COUNT(*) AS n FROM articles")["n"]   # type: ignore[index]
        assert stored_before > 0

        # two live workers at once (no standing by on PostgreSQL); after 3 s without a heartbeat from the first,
        # one of them takes its run over and finishes it
        second, third = popen_serve(ws.root), popen_serve(ws.root)
        try:
            _wait(db, "SELECT COUNT(*) AS n FROM runs WHERE status = 'finalised'", within=120)
            _wait(db, "SELECT COUNT(*) AS n FROM deliveries WHERE state = 'sent'", within=60)
        finally:
            for proc in (second, third):
                proc.send_signal(signal.SIGTERM)
            outs = [proc.communicate(timeout=60) for proc in (second, third)]
        assert [p.returncode for p in (second, third)] == [0, 0], [err.decode()[-2000:] for _, err in outs]
        summaries = [json.loads(out) for out, _ in outs]
        resumed = [wid for s in summaries for wid in s["resumed"]]
        assert len(resumed) == 1 and resumed[0].startswith("guancha-run:offshore-energy:"), summaries
        assert b"standing by" not in b"".join(err for _, err in outs)
        assert sum("took over 1 unfinished run" in err.decode() for _, err in outs) == 1

        ws_runs = db.query("SELECT id, status FROM runs")
        assert [(r["id"], r["status"]) for r in ws_runs] == [(killed["id"], "finalised")]   # the same run, resumed
        stages = Counter(r["stage"] for r in db.query("SELECT stage FROM run_stages"))
        assert stages and set(stages.values()) == {1}   # every stage once
        # the pages the killed worker had stored are kept, not stored again
        assert db.one("SELECT COUNT(*) AS n FROM articles")["n"] >= stored_before   # type: ignore[index]
        assert db.one("SELECT COUNT(*) AS n FROM reports")["n"] == 1   # type: ignore[index]
        deliveries = db.query("SELECT state FROM deliveries")
        assert [d["state"] for d in deliveries] == ["sent"]
        posted = [p.json() for p in ws.hooks.posts if p.json()["event"] == "report.published"]
        assert len(posted) == 1 and posted[0]["watcher"] == "offshore-energy"   # delivered once, by one worker
        db.close()
