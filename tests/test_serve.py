"""`guancha serve`: the worker on DBOS, driven through simulated days on loopback sample webs.

Real parts: sample webs and a webhook receiver on loopback, `guancha serve` as a subprocess with its DBOS
system database (SQLite) in the workspace, SIGKILL and SIGTERM sent to it. Expected report dates are worked
out here from the cron lines by hand, not by the code under test.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from guancha.sampleweb import SampleWeb, serve
from guancha.store import Database
from tests.conftest import cli_env, kill_when, run_cli
from tests.publish_servers import HttpRecorder, http_server

SAMPLES = Path(__file__).parent / "samples"
SECRET = "serve-test-secret"
# watcher id -> (sample, schedule, time zone)
WATCHERS = {
    "offshore-energy": ("offshore-energy-2026-03-10", "0 22 * * *", "UTC"),
    # 06:30 in Shanghai is 22:30 UTC the day before: the report date is Shanghai's day
    "transit-watch": ("city-transit-2026-06-11", "30 6 * * *", "Asia/Shanghai"),
    # weekly, Mondays 07:00 Berlin (CET, UTC+1, in March before the switch on the 29th)
    "battery-materials": ("battery-materials-2026-10-20", "0 7 * * 1", "Europe/Berlin"),
}


@dataclass
class Scheduled:
    root: Path
    hooks: HttpRecorder

    def db(self) -> Database:
        return Database(self.root / "guancha.db")

    def reports(self) -> dict[str, list[str]]:
        """watcher -> sorted report dates of its runs (every run, any status)."""
        with self.db() as db:
            rows = db.query("SELECT watcher_id, report_date FROM runs ORDER BY report_date")
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r["watcher_id"], []).append(r["report_date"])
        return out

    def assert_each_once(self) -> None:
        """One run, one finalised report and one webhook delivery per (watcher, date); nothing twice."""
        with self.db() as db:
            runs = db.query("SELECT watcher_id, report_date, version, status FROM runs")
            reports = db.one("SELECT COUNT(*) AS n FROM reports")["n"]
            deliveries = db.query("SELECT report_id, channel, recipient, state FROM deliveries")
        keys = Counter((r["watcher_id"], r["report_date"]) for r in runs)
        assert keys and max(keys.values()) == 1, [k for k, n in keys.items() if n > 1]
        assert {r["version"] for r in runs} == {1}
        assert {r["status"] for r in runs} == {"finalised"}, [dict(r) for r in runs if r["status"] != "finalised"]
        assert reports == len(runs)
        assert len(deliveries) == len(runs) and {d["state"] for d in deliveries} == {"sent"}
        posted = Counter((p.json()["watcher"], p.json()["date"]) for p in self.hooks.posts
                         if p.json()["event"] == "report.published")   # weeklies and alarms have their own
        assert posted == Counter(keys), "each finalised report is delivered exactly once"


def _workspace(workspace: Path, base_of: dict[str, str], hook: str, watchers: dict[str, tuple[str, str, str]],
               samples: dict[str, Path]) -> None:
    (workspace / "watchers" / "china-ai.yaml").unlink()
    channels = "".join(f"    {w}:\n      webhooks: [{{url: '{hook}/hook', secret_env: GUANCHA_TEST_HOOK}}]\n"
                       for w in watchers)
    settings = workspace / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\npublish:\n  channels:\n{channels}", encoding="utf-8")
    for watcher, (_, cron, zone) in watchers.items():
        text = SampleWeb.load(samples[watcher]).watcher_text(base_of[watcher])
        text = text.replace("\ndate:", "\n# date:")  # a scheduled watcher's date comes from its ticks
        (workspace / "watchers" / f"{watcher}.yaml").write_text(
            text + f"\nschedule: '{cron}'\ntimezone: {zone}\n", encoding="utf-8")


@contextmanager
def scheduled(workspace: Path, watchers: dict[str, tuple[str, str, str]] | None = None,
              samples: dict[str, Path] | None = None) -> Iterator[Scheduled]:
    """The workspace with the watchers on their sample webs (served here) and a webhook receiver."""
    watchers = watchers or WATCHERS
    samples = samples or {w: SAMPLES / s for w, (s, _, _) in watchers.items()}
    with ExitStack() as stack:
        base_of = {w: stack.enter_context(serve(samples[w])).base for w in watchers}
        hook, hooks = stack.enter_context(http_server())
        _workspace(workspace, base_of, hook, watchers, samples)
        yield Scheduled(workspace, hooks)


def serve_cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return run_cli("serve", "--workspace", str(root), "--json", *args, timeout=timeout, GUANCHA_TEST_HOOK=SECRET)


def popen_serve(root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "guancha", "serve", "--workspace", str(root), "--json", *args],
                            env=cli_env(GUANCHA_TEST_HOOK=SECRET), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def days(month: int, first: int, last: int) -> list[str]:
    return [f"2026-{month:02d}-{d:02d}" for d in range(first, last + 1)]


# --------------------------------------------------------------------------- time travel


def test_simulated_days_each_report_once_and_an_outage_catches_up_once(workspace: Path) -> None:
    with scheduled(workspace) as ws:
        spec = ws.root / "watchers" / "offshore-energy.yaml"  # also a weekly synthesis, Mondays 07:00 UTC
        spec.write_text(spec.read_text(encoding="utf-8") + "weekly: '0 7 * * 1'\n", encoding="utf-8")
        first = serve_cli(ws.root, "--now", "2026-03-05T00:00:00Z", "--until", "2026-03-12T12:00:00Z")
        assert first.returncode == 0, first.stderr
        # the worker is down from 12 March noon to 16 March noon (four days), then comes back
        second = serve_cli(ws.root, "--now", "2026-03-16T12:00:00Z", "--until", "2026-03-19T23:00:00Z")
        assert second.returncode == 0, second.stderr

        reports = ws.reports()
        # 22:00 UTC daily; starting at 5 March 00:00 catches up 4 March's tick; back on the 16th at noon the
        # latest missed tick is the 15th's: it runs once, the 12th-14th never
        assert reports["offshore-energy"] == days(3, 4, 11) + days(3, 15, 19)
        # 06:30 Shanghai: at 5 March 00:00 UTC (08:00 there) the 5th's tick is due; the last tick before 19 March
        # 23:00 UTC is 20 March 06:30 Shanghai
        assert reports["transit-watch"] == days(3, 5, 12) + days(3, 16, 20)
        # Mondays 07:00 Berlin: 2 March (catch-up on the 5th), 9 March; after the outage 16 March (due at 06:00
        # UTC, before the worker came back at noon)
        assert reports["battery-materials"] == ["2026-03-02", "2026-03-09", "2026-03-16"]
        ws.assert_each_once()

        catch_ups = [line for line in second.stderr.splitlines() if "catching up" in line]
        assert len(catch_ups) == 3, second.stderr  # one per watcher, whatever the outage's length
        summary = json.loads(second.stdout)
        assert len(summary["started"]) == len(set(summary["started"])) == 5 + 5 + 1 + 1  # + offshore's weekly

        # weeklies: 2 March's tick would sum up 23 Feb-1 Mar, which has no daily (not written); 9 March's sums
        # up 2-8 March; 16 March's, caught up at noon, waits for the 15th's catch-up daily and includes it
        with ws.db() as db:
            weeklies = db.query("SELECT week, json FROM weekly_reports WHERE watcher_id = 'offshore-energy'"
                                " ORDER BY week")
        assert [w["week"] for w in weeklies] == ["2026-W10", "2026-W11"]
        assert [d["date"] for d in json.loads(weeklies[0]["json"])["dailies"]] == days(3, 4, 8)
        assert [d["date"] for d in json.loads(weeklies[1]["json"])["dailies"]] == [*days(3, 9, 11), "2026-03-15"]

        with ws.db() as db:  # the worker says it is alive on its (simulated) clock: the watchdog's worker alarm
            beats = db.query("SELECT seen_at FROM heartbeats")
        assert len(beats) >= 1 and max(b["seen_at"] for b in beats) >= "2026-03-19T", beats

        again = serve_cli(ws.root, "--now", "2026-03-16T12:00:00Z", "--until", "2026-03-19T23:00:00Z")
        assert again.returncode == 0 and json.loads(again.stdout)["started"] == [], again.stdout
        ws.assert_each_once()


def test_two_workers_on_one_workspace_run_nothing_twice(workspace: Path) -> None:
    with scheduled(workspace) as ws:
        window = ("--now", "2026-03-08T00:00:00Z", "--until", "2026-03-10T23:00:00Z")
        procs = [popen_serve(ws.root, *window) for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1].decode() for o in outs]
        started = [wid for out, _ in outs for wid in json.loads(out)["started"]]
        assert started and len(started) == len(set(started))
        assert any(b"standing by" in err for _, err in outs)  # the second waited for the first
        ws.assert_each_once()
        assert ws.reports()["offshore-energy"] == days(3, 7, 10)


def _same_provider_runs(workspace: Path, tmp_path: Path, concurrency: int) -> list[tuple[str, str]]:
    """Three extractive watchers due at the same tick on the slow sample (one feed answers after 3 s), served
    for one simulated tick with ``serve.concurrency.extractive``; their runs' (started, finished) times."""
    sample = _slow_sample(tmp_path)
    three = {f"wind-{n}": ("offshore-energy-2026-03-10", "0 22 * * *", "UTC") for n in "abc"}
    with scheduled(workspace, three, dict.fromkeys(three, sample)) as ws:
        for watcher in three:
            spec = ws.root / "watchers" / f"{watcher}.yaml"
            spec.write_text(spec.read_text(encoding="utf-8").replace("id: offshore-energy", f"id: {watcher}"),
                            encoding="utf-8")
        settings = ws.root / "guancha.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"serve:\n  concurrency: {{extractive: {concurrency}}}\n",
                            encoding="utf-8")
        ran = serve_cli(ws.root, "--now", "2026-03-10T22:00:00Z", "--until", "2026-03-10T22:30:00Z")
        assert ran.returncode == 0, ran.stderr
        ws.assert_each_once()
        with ws.db() as db:
            runs = db.query("SELECT started_at, finished_at FROM runs ORDER BY started_at")
    assert len(runs) == 3
    return [(r["started_at"], r["finished_at"]) for r in runs]


def test_a_providers_concurrency_limit_holds_across_watchers(workspace: Path, tmp_path: Path) -> None:
    # one at a time: each run starts when the one before it has finished (times have one-second precision)
    one = _same_provider_runs(workspace, tmp_path / "one", 1)
    assert all(one[k][1] <= one[k + 1][0] for k in range(2)), one


def test_a_providers_concurrency_allows_parallel_runs(workspace: Path, tmp_path: Path) -> None:
    # three at a time: every run starts before any of them has finished (each waits 3 s on its slow feed)
    three = _same_provider_runs(workspace, tmp_path / "three", 3)
    assert max(start for start, _ in three) < min(end for _, end in three), three


# --------------------------------------------------------------------------- crashes and stops


def _slow_sample(tmp: Path) -> Path:
    """The offshore sample with one feed answering after three seconds, so a run can be caught mid-collect."""
    copy = tmp / "offshore-slow"
    shutil.copytree(SAMPLES / "offshore-energy-2026-03-10", copy)
    (copy / "site" / "_routes.yaml").write_text("/windwire/feed.xml: {delay_s: 3}\n", encoding="utf-8")
    return copy


def test_sigkill_mid_run_then_restart_completes_it_once_before_the_next_day(workspace: Path, tmp_path: Path) -> None:
    one = {"offshore-energy": WATCHERS["offshore-energy"]}
    with scheduled(workspace, one, {"offshore-energy": _slow_sample(tmp_path)}) as ws:
        window = ("--now", "2026-03-10T22:00:00Z", "--until", "2026-03-10T23:00:00Z")
        proc = popen_serve(ws.root, *window)
        with ws.db() as db:
            kill_when(proc, db, "SELECT COUNT(*) AS n FROM runs WHERE status = 'running'", within=120)
            assert db.one("SELECT status FROM runs")["status"] == "running"  # killed mid-run
            assert db.one("SELECT COUNT(*) AS n FROM reports")["n"] == 0
        # back a day later: the interrupted run resumes first, then the next day's (one run per watcher at a time)
        restarted = serve_cli(ws.root, "--now", "2026-03-11T23:00:00Z", "--until", "2026-03-11T23:30:00Z")
        assert restarted.returncode == 0, restarted.stderr
        summary = json.loads(restarted.stdout)
        assert summary["resumed"] == ["guancha-run:offshore-energy:2026-03-10"]
        assert summary["started"] == ["guancha-run:offshore-energy:2026-03-11"]
        assert summary["finished"] == {"guancha-run:offshore-energy:2026-03-10": "finalised",
                                       "guancha-run:offshore-energy:2026-03-11": "finalised"}
        assert any("2026-03-10's run is still going" in s for s in summary["skipped"]), summary["skipped"]
        assert ws.reports() == {"offshore-energy": ["2026-03-10", "2026-03-11"]}
        ws.assert_each_once()
        with ws.db() as db:  # the resumed run's stages were each kept once, the finished ones not redone
            stages = db.query("SELECT r.report_date, s.stage FROM run_stages s JOIN runs r ON r.id = s.run_id")
        assert Counter(s["report_date"] for s in stages) == {"2026-03-10": 7, "2026-03-11": 7}


def test_sigterm_stops_cleanly_and_the_next_start_resumes(workspace: Path, tmp_path: Path) -> None:
    one = {"offshore-energy": ("offshore-energy-2026-03-10", "* * * * *", "UTC")}  # due now, on real time
    with scheduled(workspace, one, {"offshore-energy": _slow_sample(tmp_path)}) as ws:
        settings = ws.root / "guancha.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "serve:\n  stop_grace_s: 0\n", encoding="utf-8")
        proc = popen_serve(ws.root)
        with ws.db() as db:
            deadline = time.monotonic() + 120
            while db.one("SELECT COUNT(*) AS n FROM runs WHERE status = 'running'")["n"] == 0:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
        assert b"Traceback" not in err
        left = json.loads(out)["interrupted"]
        assert len(left) == 1
        resumed = serve_cli(ws.root, "--once")
        assert resumed.returncode == 0, resumed.stderr
        assert json.loads(resumed.stdout)["resumed"] == left
        ws.assert_each_once()


# --------------------------------------------------------------------------- schedules in status, run, serve


@pytest.mark.parametrize("command", [("status",), ("run", "offshore-energy"), ("serve", "--once")])
def test_an_invalid_schedule_is_refused_with_file_line_and_fix(workspace: Path, command: tuple[str, ...]) -> None:
    spec = workspace / "watchers" / "offshore-energy.yaml"
    spec.write_text("id: offshore-energy\ntitle: Offshore\nsources:\n  - feed: http://127.0.0.1:9/feed.xml\n"
                    "schedule: '0 6 * *'\n", encoding="utf-8")
    result = run_cli(*command, "--workspace", str(workspace))
    assert result.returncode == 2, result.stderr
    assert "offshore-energy.yaml:5" in result.stderr
    assert "fix:" in result.stderr and "0 6 * * *" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_shows_schedule_next_run_last_success_and_lateness(workspace: Path) -> None:
    one = {"offshore-energy": ("offshore-energy-2026-03-10", "0 0 * * *", "UTC")}  # midnight: always past today
    with scheduled(workspace, one) as ws:
        before = run_cli("status", "--workspace", str(ws.root), "--json")
        assert before.returncode == 0, before.stderr
        row = next(s for s in json.loads(before.stdout)["schedules"] if s["watcher"] == "offshore-energy")
        assert row["schedule"] == "0 0 * * *" and row["next_run"].endswith("T00:00:00Z")
        assert row["late"] and row["last_success"] is None
        text = run_cli("status", "--workspace", str(ws.root))
        assert "offshore-energy" in text.stdout and "late" in text.stdout, text.stdout

        ran = serve_cli(ws.root, "--once")
        assert ran.returncode == 0, ran.stderr
        after = run_cli("status", "--workspace", str(ws.root), "--json")
        row = next(s for s in json.loads(after.stdout)["schedules"] if s["watcher"] == "offshore-energy")
        assert not row["late"] and row["last_success"]["date"] == row["due_date"]


def test_a_failed_run_is_retried_and_resumes_once_its_sources_are_back(workspace: Path) -> None:
    from tests.publish_servers import free_port

    port = free_port()  # the sample's address, nobody listening there yet: every source fails
    one = {"offshore-energy": ("offshore-energy-2026-03-10", "0 0 * * *", "UTC")}
    with http_server() as (hook, hooks):
        _workspace(workspace, {"offshore-energy": f"http://127.0.0.1:{port}"}, hook, one,
                   {"offshore-energy": SAMPLES / "offshore-energy-2026-03-10"})
        settings = workspace / "guancha.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + "serve:\n  retries: 1\n  retry_delay_s: 0\n",
                            encoding="utf-8")
        ws = Scheduled(workspace, hooks)
        failed = serve_cli(ws.root, "--once")
        assert failed.returncode == 1, failed.stderr  # for cron: the work failed
        (first,) = json.loads(failed.stdout)["finished"].items()
        assert first[1] == "failed" and "sources failed" in failed.stderr
        with serve(SAMPLES / "offshore-energy-2026-03-10", port=port):
            retried = serve_cli(ws.root, "--once")
            assert retried.returncode == 0, retried.stderr
            assert json.loads(retried.stdout)["finished"] == {f"{first[0]}:retry-1": "finalised"}
            spent = serve_cli(ws.root, "--once")
            assert json.loads(spent.stdout)["started"] == []
        ws.assert_each_once()  # the retry resumed the failed run: one run, one report, one delivery
