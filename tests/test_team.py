"""Several `guancha serve` workers on one PostgreSQL: each is its own DBOS executor, none stands by, and a
worker killed in the middle of a run has that run taken over by a live one, which resumes it from its last
finished stage. Real parts: a throwaway PostgreSQL server (tests/pg_support.py) holding both the workspace's
store and DBOS's system database, loopback sample webs, worker subprocesses killed with SIGKILL."""

from __future__ import annotations

import json
import signal
import socket
import time
from collections import Counter
from pathlib import Path

from guancha.store import Database
from tests.pg_support import PostgresServer
from tests.team_support import stop_workers, team
from tests.test_serve import _slow_sample, popen_serve, scheduled

# due every minute on the real clock, so a worker starts it at once; the date is today's, run once
ONE = {"offshore-energy": ("offshore-energy-2026-03-10", "* * * * *", "UTC")}


def _wait(db: Database, sql: str, *, within: float, at_least: int = 1) -> None:
    deadline = time.monotonic() + within
    while db.one(sql)["n"] < at_least:  # type: ignore[index]
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


# --------------------------------------------------------------------------- the acceptance test

TEAM_SERVE = ("  takeover_after_s: 3\n  tick_seconds: 0.5\n  stop_grace_s: 0\n"
              "  concurrency: {loop: 6}\n  worker_concurrency: {loop: 3}\n  runs_per_hour: {loop: 10000}\n")


def _executors(system_url: str) -> dict[str, tuple[str, str]]:
    """workflow id -> (executor id, status) from DBOS's system database (read as the engine wrote it)."""
    import psycopg

    with psycopg.connect(system_url) as conn:
        rows = conn.execute("SELECT workflow_uuid, executor_id, status FROM dbos.workflow_status").fetchall()
    return {str(wid): (str(executor), str(status)) for wid, executor, status in rows}


def _run_mid_write(db: Database, system_url: str, pids: set[int], *, within: float) -> int:
    """The pid of a worker running a run that is between model calls: at least one call answered and
    ledgered, its write stage not finished."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        rows = db.query(
            "SELECT r.watcher_id, r.report_date FROM runs r WHERE r.status = 'running'"
            " AND EXISTS (SELECT 1 FROM model_calls c WHERE c.run_id = r.id AND c.cached = 0 AND c.error_kind IS NULL)"
            " AND NOT EXISTS (SELECT 1 FROM run_stages s WHERE s.run_id = r.id AND s.stage = 'write')"
            " ORDER BY r.watcher_id")
        if rows:
            executors = _executors(system_url)
            for row in rows:
                executor, status = executors.get(f"guancha-run:{row['watcher_id']}:{row['report_date']}", ("", ""))
                pid = int(executor.rsplit(":", 1)[-1]) if executor.rsplit(":", 1)[-1].isdigit() else 0
                if status == "PENDING" and pid in pids:
                    return pid
        time.sleep(0.05)
    raise AssertionError("no run reached its write stage in time")


def test_three_workers_thirty_watchers_one_killed_mid_write_nothing_twice(tmp_path: Path,
                                                                          postgres_server: PostgresServer) -> None:
    """The issue's acceptance test: three `guancha serve` processes on one PostgreSQL, thirty watchers writing
    with a fixed-delay model; one worker is SIGKILLed while a run of its own is between model calls. Every
    report exists once, the killed worker's runs are taken over and finish as the same runs, no call the
    ledger had recorded is made again, and every report is delivered once."""
    store_url, system_url = postgres_server.new_database(), postgres_server.new_database()
    with team(tmp_path, watchers=30, store_url=store_url, system_url=system_url, delay_s=0.3,
              serve_yaml=TEAM_SERVE) as t:
        db = Database(store_url)
        workers = [t.worker() for _ in range(3)]
        try:
            victim_pid = _run_mid_write(db, system_url, {p.pid for p in workers}, within=150)
            victim = next(p for p in workers if p.pid == victim_pid)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)
            executors = _executors(system_url)
            victim_wids = sorted(wid for wid, (executor, status) in executors.items()
                                 if executor.endswith(f":{victim_pid}") and status == "PENDING")
            killed = db.query("SELECT id, watcher_id FROM runs WHERE status = 'running'")
            ledger_before = db.query("SELECT id, run_id, cache_key FROM model_calls"
                                     " WHERE cached = 0 AND error_kind IS NULL")
            requests_at_kill = len(t.model.requests)
            survivors = [p for p in workers if p is not victim]
            _wait(db, "SELECT COUNT(*) AS n FROM runs WHERE status = 'finalised'", within=120, at_least=30)
            _wait(db, "SELECT COUNT(*) AS n FROM deliveries WHERE state = 'sent'", within=60, at_least=30)
        finally:
            outs = stop_workers([p for p in workers if p.pid != victim_pid] if "victim_pid" in locals() else workers)
        assert [rc for rc, _, _ in outs] == [0, 0], [err.decode()[-2000:] for _, _, err in outs]
        assert len(survivors) == 2 and victim.returncode == -signal.SIGKILL

        # the kill caught a run of the victim's between model calls, and it was not the only one going
        assert victim_wids, "the killed worker had runs in progress"
        killed_ids = {r["id"] for r in killed}
        killed_with_calls = {r["run_id"] for r in ledger_before} & killed_ids
        assert killed_with_calls, "a killed run had answered model calls before the kill"

        # every (watcher, date) ran once, as one run, finalised; the killed runs are among them, resumed
        runs = db.query("SELECT id, watcher_id, report_date, version, status FROM runs")
        assert Counter(r["watcher_id"] for r in runs) == Counter(t.watchers)
        assert {(r["version"], r["status"]) for r in runs} == {(1, "finalised")}
        assert killed_ids <= {r["id"] for r in runs}
        assert db.one("SELECT COUNT(*) AS n FROM reports")["n"] == 30   # type: ignore[index]
        stages = Counter((r["run_id"], r["stage"]) for r in db.query("SELECT run_id, stage FROM run_stages"))
        assert max(stages.values()) == 1 and len({run for run, _ in stages}) == 30

        # the takeover: one survivor claimed the victim and resumed exactly its unfinished runs
        summaries = [json.loads(out) for _, out, _ in outs]
        resumed = sorted(wid for s in summaries for wid in s["resumed"])
        assert resumed == victim_wids, (resumed, victim_wids)
        assert sum(b"took over" in err for _, _, err in outs) == 1
        finished = {wid: state for s in summaries for wid, state in s["finished"].items()}
        assert all(finished.get(wid) == "finalised" for wid in victim_wids), finished
        final = _executors(system_url)
        ran = {final[f"guancha-run:{r['watcher_id']}:{r['report_date']}"][0] for r in runs}
        assert len(ran) >= 2 and f"{socket.gethostname()}:{victim_pid}" not in ran   # spread; none left to the dead

        # the call ledger: no answered call was made twice, neither across the takeover nor anywhere else
        answered = db.query("SELECT id, run_id, cache_key FROM model_calls WHERE cached = 0 AND error_kind IS NULL")
        keys = Counter(r["cache_key"] for r in answered)
        assert keys and max(keys.values()) == 1, [k for k, n in keys.items() if n > 1]
        before_keys = {r["cache_key"] for r in ledger_before}
        after = [r for r in answered if r["id"] > max(r0["id"] for r0 in ledger_before)]
        assert not before_keys & {r["cache_key"] for r in after}
        assert {r["run_id"] for r in after} & killed_with_calls, "the killed runs went on with their later calls"
        # the provider saw each ledgered call once, plus at most the one call each killed run had in flight
        failed = db.one("SELECT COUNT(*) AS n FROM model_calls WHERE cached = 0 AND error_kind IS NOT NULL")["n"]   # type: ignore[index]
        assert failed == 0
        lost = len(t.model.requests) - len(answered)
        assert 0 <= lost <= len(victim_wids), (lost, victim_wids)
        assert requests_at_kill <= len(t.model.requests)

        # every report delivered once, whichever worker ran it
        deliveries = db.query("SELECT report_id, state FROM deliveries")
        assert len(deliveries) == 30 and {d["state"] for d in deliveries} == {"sent"}
        posted = Counter(p.json()["watcher"] for p in t.hooks.posts if p.json()["event"] == "report.published")
        assert posted == Counter(t.watchers)
        db.close()


def test_a_worker_that_finds_itself_taken_over_stops_instead_of_running_twice(workspace: Path,
                                                                               postgres_server: PostgresServer) -> None:
    """A worker only paused (not dead) past serve.takeover_after_s has had its runs claimed by another: at its
    next wake it stops with a clear error rather than go on with runs now resumed elsewhere."""
    import pytest

    from guancha.errors import Busy
    from guancha.serve import WORKER_ID, serve
    from guancha.store.alarms import claim_dead_workers, record_heartbeat
    from guancha.workspace import open_workspace

    store_url, system_url = postgres_server.new_database(), postgres_server.new_database()
    settings = workspace / "guancha.yaml"
    text = settings.read_text(encoding="utf-8").replace("database: guancha.db", f"database: {store_url}")
    settings.write_text(text + f"serve:\n  database: {system_url}\n  takeover_after_s: 3\n", encoding="utf-8")
    db = Database(store_url)
    record_heartbeat(db, WORKER_ID, "2026-03-10T08:00:00Z")
    assert claim_dead_workers(db, me="elsewhere:1", seen_before="2026-03-10T09:00:00Z") == [WORKER_ID]
    ws = open_workspace(workspace)
    try:
        with pytest.raises(Busy, match="elsewhere:1 took its runs over") as caught:
            serve(ws, once=True)
        assert "takeover_after_s" in (caught.value.fix or "")
    finally:
        ws.close()
    assert db.one("SELECT COUNT(*) AS n FROM runs")["n"] == 0   # type: ignore[index]
    db.close()
