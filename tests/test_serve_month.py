"""Thirty simulated days of `guancha serve` for three watchers, with the watchdog beside it.

The worker runs in this process on a simulated clock, one day at a time (DBOS on a SQLite system database in
the workspace, real loopback sample webs, the extractive writer, a real webhook receiver); the watchdog checks
twice a day, as cron would. Planted: one source dead for five days, a report held for a person and released
the next day, and the worker down for four days. Expected days and alarm times are worked out here from the
cron lines and thresholds by hand, not by the code under test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from guancha.alarms import watchdog
from guancha.review import approve_run
from guancha.serve import serve
from guancha.store import alarms as alarm_store
from guancha.weekly import weekly_briefing
from guancha.workspace import open_workspace
from tests.test_serve import SAMPLES, SECRET, days, scheduled

# watcher id -> (sample, schedule, time zone): two dailies and a weekly, as in test_serve
MONTH_WATCHERS = {
    "offshore-energy": ("offshore-energy-2026-03-10", "0 22 * * *", "UTC"),
    "transit-watch": ("city-transit-2026-06-11", "30 6 * * *", "Asia/Shanghai"),  # 22:30 UTC the day before
    "battery-materials": ("battery-materials-2026-10-20", "0 7 * * 1", "Europe/Berlin"),  # Mondays 06:00 UTC
}
ALARMS = ("alarms:\n  grace_hours: 2\n  source_failures: 3\n  held_hours: 24\n  worker_silent_minutes: 120\n")
DEAD_FEED = "windwire/feed.xml"   # one of offshore-energy's feeds
DEAD = range(5, 10)               # days (of March) whose collections find that feed gone: five
HELD_DAY = 12                     # the worker's run on this day (transit's report for the 13th) is held
OUT = range(18, 22)               # the worker is down on these days


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=dt.UTC)


def _z(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@pytest.mark.slow
def test_thirty_days_three_watchers_outage_dead_source_and_held_report(workspace: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUANCHA_TEST_HOOK", SECRET)
    offshore = tmp_path / "offshore"
    shutil.copytree(SAMPLES / MONTH_WATCHERS["offshore-energy"][0], offshore)
    feed = offshore / "site" / DEAD_FEED
    feed_text = feed.read_text(encoding="utf-8")
    samples = {w: SAMPLES / s for w, (s, _, _) in MONTH_WATCHERS.items()} | {"offshore-energy": offshore}
    with scheduled(workspace, MONTH_WATCHERS, samples) as ws:
        with (ws.root / "guancha.yaml").open("a", encoding="utf-8") as f:
            f.write(ALARMS)
        offshore_spec = ws.root / "watchers" / "offshore-energy.yaml"   # and its weekly synthesis, Mondays 07:00
        offshore_spec.write_text(offshore_spec.read_text(encoding="utf-8") + "weekly: '0 7 * * 1'\n", encoding="utf-8")
        transit = ws.root / "watchers" / "transit-watch.yaml"
        transit_text = transit.read_text(encoding="utf-8")
        workspace_ = open_workspace(ws.root)
        db = workspace_.db()
        started: list[str] = []
        catch_ups: list[str] = []

        def events(line: str) -> None:
            if "catching up" in line:
                catch_ups.append(line)

        for day in range(1, 31):
            if day in DEAD:
                feed.unlink(missing_ok=True)
            elif not feed.exists():
                feed.write_text(feed_text, encoding="utf-8")
            # the operator insists on papers for one day: the city sample has none, so that report is held
            if day == HELD_DAY:
                assert "papers: [0, 3]" in transit_text
                transit.write_text(transit_text.replace("papers: [0, 3]", "papers: [1, 3]")
                                   + "checks:\n  errors: [section-papers]\n", encoding="utf-8")
            elif transit.read_text(encoding="utf-8") != transit_text:
                transit.write_text(transit_text, encoding="utf-8")
            if day == HELD_DAY + 2:   # a person reads the held report and releases it
                held = db.one("SELECT id FROM runs WHERE status = 'held'")
                assert held is not None
                approve_run(workspace_, held["id"][:12], why="papers are not needed for this city", who="test")
            if day not in OUT:
                summary = serve(open_workspace(ws.root), start=_at(day, 0), until=_at(day, 23, 30), events=events)
                started += summary.started
            for hour in (12, 23):
                watchdog(open_workspace(ws.root), now=_at(day, hour, 45))

        reports = ws.reports()
        # starting on 1 March at midnight, each watcher catches up its latest tick once: offshore 28 Feb 22:00,
        # transit 28 Feb 22:30 UTC (1 March in Shanghai), battery Monday 23 Feb 06:00 UTC (07:00 Berlin)
        # offshore: 22:00 UTC daily to the 17th; the worker is back on the 22nd at midnight, where the latest
        # missed tick is the 21st's: it runs once, the 18th-20th never
        assert reports["offshore-energy"] == ["2026-02-28", *days(3, 1, 17), *days(3, 21, 30)]
        # transit: 22:30 UTC on day d is 06:30 on d+1 in Shanghai; the catch-up on the 22nd is the 22nd's
        assert reports["transit-watch"] == days(3, 1, 18) + days(3, 22, 31)
        # battery: Mondays; the 16th ran before the outage and the 23rd after it, so it has nothing to catch up
        assert reports["battery-materials"] == ["2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16",
                                                "2026-03-23", "2026-03-30"]
        assert len(started) == len(set(started))
        assert [line.split(" (")[0][21:] for line in catch_ups] == [
            "start battery-materials 2026-02-23", "start offshore-energy 2026-02-28", "start transit-watch 2026-03-01",
            "start offshore-energy 2026-03-21", "start transit-watch 2026-03-22"], catch_ups

        # offshore's weeklies: each Monday's tick sums up the week before; every one was written once and went
        # out on the watcher's webhook once (its own event), the outage's week included (its dailies 16-17, 21-22)
        with ws.db() as wdb:
            weeklies = wdb.query("SELECT id, week, status FROM weekly_reports ORDER BY week")
        assert [(w["week"], w["status"]) for w in weeklies] == [
            (f"2026-W{n:02d}", "finalised") for n in (9, 10, 11, 12, 13)], weeklies
        weekly_posts = Counter(p.json()["report_id"] for p in ws.hooks.posts
                               if p.json().get("event") == "weekly.published")
        assert weekly_posts == {w["id"]: 1 for w in weeklies}, weekly_posts
        sent = len(ws.hooks.posts)   # asked again (a retry, or a person at the CLI): reused, not sent again
        assert weekly_briefing(open_workspace(ws.root), "offshore-energy", week="2026-W12").reused
        assert len(ws.hooks.posts) == sent

        # every report once, finalised (the held one after its approval), delivered once
        posts = list(ws.hooks.posts)
        ws.assert_each_once()

        # each alarm opened at the first check that could see it, once, and resolved once:
        # - source-failing: the feed's 3rd failed collection in a row is the 7th's (22:00); the 10th's is good
        # - held: transit's run at 22:30 on the 12th, held past 24 h by the 13th's 23:45 check; approved on the 14th
        # - worker-silent: the last heartbeat is from the 17th's last tick; past 120 min at the 18th's 12:45 check;
        #   heard from again on the 22nd
        # - late: offshore's 18th (22:00 + 2 h) and transit's 19th (18th 22:30 UTC + 2 h) are missing at the
        #   19th's 12:45 check; both resolve once the catch-up reports exist (the 22nd's 12:45 check)
        incidents = sorted((i.kind, i.watcher_id, i.opened_at, i.resolved_at) for i in alarm_store.incidents(db))
        assert incidents == [
            ("held", "transit-watch", _z(_at(13, 23, 45)), _z(_at(14, 12, 45))),
            ("late", "offshore-energy", _z(_at(19, 12, 45)), _z(_at(22, 12, 45))),
            ("late", "transit-watch", _z(_at(19, 12, 45)), _z(_at(22, 12, 45))),
            ("source-failing", "offshore-energy", _z(_at(7, 23, 45)), _z(_at(10, 23, 45))),
            ("worker-silent", "", _z(_at(18, 12, 45)), _z(_at(22, 12, 45))),
        ], incidents
        # every alarm went out on the webhook once when it opened and once when it resolved (the watchers share
        # one receiver, so the worker's alarm, which goes to every channel, arrives there once too)
        alarm_posts = Counter((p.json()["kind"], p.json()["watcher"], p.json()["alarm"]) for p in posts
                              if str(p.json().get("event", "")).startswith("alarm."))
        assert alarm_posts == {(kind, watcher, event): 1 for kind, watcher, *_ in incidents
                               for event in ("opened", "resolved")}, alarm_posts
        assert alarm_store.notice_counts(db) == {"sent": 2 * len(incidents)}
