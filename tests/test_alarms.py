"""Alarms with a controlled clock: ten simulated days of a scheduled watcher on a loopback web, collected and
written for real (SQLite, extractive writer), with a source dead for five days, a held report, a day the
worker was down and caught up. ``guancha watchdog`` runs at set times of each simulated day (in process, and
as the real CLI on the days that matter, twice); notices arrive on a real SMTP server (aiosmtpd) and a
loopback webhook, once per incident event."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from guancha.alarms import conditions, watchdog
from guancha.publish.webhooks import verify
from guancha.review import approve_run
from guancha.run import run_watcher
from guancha.sampleweb import serve
from guancha.store import alarms as store
from guancha.store.model_calls import CallRecord, record_call
from guancha.units import cron_lines, systemd_units
from guancha.workspace import open_workspace
from tests.collect_web import CHIP_PARAGRAPHS, ORIGINAL_PARAGRAPHS, Item, Web, make_workspace, page_html, rss
from tests.conftest import run_cli
from tests.publish_servers import http_server, smtp_server

D1 = dt.date(2026, 5, 1)
SECRET = "alarm-hook-secret"
RECALL = [
    "Voltmark recalled forty thousand home batteries on Tuesday after reports that a faulty cell supplier had "
    "shipped packs that overheat when charged in cold garages, the company said in a filing.",
    "The recall covers units sold since January; Voltmark said owners would get replacement packs within six "
    "weeks and that no injuries had been reported so far.",
]

SPEC = """\
id: china-ai
title: China AI
window_hours: 36
schedule: "0 6 * * *"
keywords: [chips, model, Shenzhen, batteries]
sources:
  - feed: {base}/wire.xml
  - feed: {base}/flaky.xml
    label: Flaky wire
report:
  stories: 2
  story_words: {{min: 20, max: 500}}
  citations_per_story: 1
  papers: {{min: 0, max: 3}}
  heuristics: {{min: 0, max: 3}}
"""


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """Simulated day ``day`` (1 = May 1) at hour:minute UTC."""
    d = D1 + dt.timedelta(days=day - 1)
    return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=dt.UTC)


def _web(root: Path) -> Web:
    web = Web(root)
    web.write("wire/a.html", page_html("Shenzhen lab trains model on domestic chips", ORIGINAL_PARAGRAPHS,
                                       outlet="Wire", published="2026-05-01T02:00:00Z"))
    web.write("wire/b.html", page_html("Lithography imports fall by a third", CHIP_PARAGRAPHS, outlet="Wire",
                                       published="2026-05-01T03:00:00Z"))
    web.write("wire.xml", rss("Wire", [
        Item("{base}/wire/a.html", "Shenzhen lab trains model on domestic chips", pub_date="Fri, 01 May 2026 02:00:00 GMT"),
        Item("{base}/wire/b.html", "Lithography imports fall by a third", pub_date="Fri, 01 May 2026 03:00:00 GMT")]))
    web.write("flaky.xml", rss("Flaky wire", []))
    web.finish({"id": "unused", "title": "unused"})
    return web


def _settings(smtp_port: int, base: str) -> str:
    return (f"publish:\n  email:\n    smtp_host: 127.0.0.1\n    smtp_port: {smtp_port}\n    security: none\n"
            f"    from_address: 'Guancha <alarms@example.org>'\n    timeout_s: 5\n    unsubscribe_mailto: leave@example.org\n"
            f"  channels:\n    china-ai:\n      webhooks: [{{url: '{base}/hook', secret_env: GUANCHA_TEST_ALARM_HOOK}}]\n"
            f"alarms:\n  email_to: [ops@example.org]\n  grace_hours: 2\n  source_failures: 3\n  held_hours: 24\n"
            f"  worker_silent_minutes: 15\n")


def test_ten_simulated_days_fire_each_alarm_on_its_day_once_and_resolve_once(tmp_path: Path) -> None:
    web = _web(tmp_path / "web")
    env = {"GUANCHA_TEST_ALARM_HOOK": SECRET}
    with serve(web.root) as server, smtp_server() as (smtp_port, mails), http_server() as (hook_base, hooks):
        base = server.base
        root = make_workspace(tmp_path / "ws", SPEC.format(base=base))
        with (root / "guancha.yaml").open("a", encoding="utf-8") as f:
            f.write(_settings(smtp_port, hook_base))
        ws = open_workspace(root)
        db = ws.db()
        flaky = web.root / "site" / "flaky.xml"
        flaky_text = flaky.read_text(encoding="utf-8")
        spec_file = root / "watchers" / "china-ai.yaml"
        spec_text = spec_file.read_text(encoding="utf-8")
        exits: dict[str, list[int]] = {}

        def beat(when: dt.datetime) -> None:
            store.record_heartbeat(db, "worker-1", when.isoformat().replace("+00:00", "Z"))

        def check(when: dt.datetime, *, cli: bool = False) -> None:
            """The watchdog at ``when``: in process, or as the real command (twice, to prove no double send)."""
            if not cli:
                watchdog(ws, now=when, env=env)
                return
            for _ in range(2):
                proc = run_cli("watchdog", "--now", when.isoformat(), "--workspace", str(root), "--json",
                               GUANCHA_TEST_ALARM_HOOK=SECRET)
                assert proc.returncode in (0, 1), proc.stderr[-2000:]
                exits.setdefault(when.isoformat(), []).append(proc.returncode)
                json.loads(proc.stdout)

        def run_day(day: int, *, at: dt.datetime | None = None) -> str:
            tick = at or _at(day, 6)
            beat(tick)
            return run_watcher(ws, "china-ai", report_date=D1 + dt.timedelta(days=day - 1), as_of=tick).status

        statuses: dict[int, str] = {}
        held_run = ""
        for day in range(1, 11):
            if day == 3:
                flaky.unlink()                 # dead from day 3 to day 7 (five collections fail)
            if day == 7:
                spec_file.write_text(spec_text, encoding="utf-8")
            if day == 8:
                flaky.write_text(flaky_text, encoding="utf-8")
            if day == 6:   # the operator insists on papers for a day: none were published, the report is held
                spec_file.write_text(spec_text.replace("papers: {min: 0,", "papers: {min: 1,")
                                     + "checks:\n  errors: [section-papers]\n", encoding="utf-8")
                web.write("wire/c.html", page_html("Voltmark recalls home batteries", RECALL, outlet="Wire",
                                                   published="2026-05-06T02:00:00Z"))
                web.write("wire.xml", (web.root / "site" / "wire.xml").read_text(encoding="utf-8").replace(
                    "<item>", "<item><title>Voltmark recalls home batteries</title><link>{base}/wire/c.html</link>"
                    "<pubDate>Wed, 06 May 2026 02:00:00 GMT</pubDate><guid>{base}/wire/c.html</guid></item>\n<item>", 1))
            if day == 9:                       # the worker is down: no heartbeat, no run until 13:00
                check(_at(9, 7))
                check(_at(9, 12), cli=True)
                statuses[9] = run_day(9, at=_at(9, 13))
                beat(_at(9, 13, 59))
                check(_at(9, 14), cli=True)
                continue
            statuses[day] = run_day(day)
            if day == 6:
                held_run = db.one("SELECT id FROM runs WHERE report_date = '2026-05-06'")["id"]
            if day == 8:
                approve_run(ws, held_run[:12], why="read it: the recall story is fine to name", who="test")
            beat(_at(day, 6, 59))
            check(_at(day, 7), cli=day == 5)
            beat(_at(day, 11, 59))
            check(_at(day, 12))

        assert statuses == {d: ("held" if d == 6 else "finalised") for d in range(1, 11)}, statuses

        incidents = {i.kind: i for i in store.incidents(db)}
        assert sorted(Counter(i.kind for i in store.incidents(db)).items()) == [
            ("held", 1), ("late", 1), ("source-failing", 1), ("worker-silent", 1)]
        # each alarm opened on the right simulated day, at the first check that could see it, and resolved
        assert (incidents["source-failing"].opened_at, incidents["source-failing"].resolved_at) == (
            "2026-05-05T07:00:00Z", "2026-05-08T07:00:00Z")   # third failed collection; first good one
        assert "Flaky wire" in incidents["source-failing"].summary
        assert (incidents["held"].opened_at, incidents["held"].resolved_at) == (
            "2026-05-07T07:00:00Z", "2026-05-08T07:00:00Z")   # 24 h after the held run; approved on day 8
        assert (incidents["late"].opened_at, incidents["late"].resolved_at) == (
            "2026-05-09T12:00:00Z", "2026-05-09T14:00:00Z")   # 06:00 + 2 h grace passed by noon; caught up at 13:00
        assert "2026-05-09" in incidents["late"].summary
        assert (incidents["worker-silent"].opened_at, incidents["worker-silent"].resolved_at) == (
            "2026-05-09T07:00:00Z", "2026-05-09T14:00:00Z")

        # the real command: exit 1 while an alarm is open, 0 when all are resolved; the same answer twice
        assert exits["2026-05-05T07:00:00+00:00"] == [1, 1]
        assert exits["2026-05-09T12:00:00+00:00"] == [1, 1]
        assert exits["2026-05-09T14:00:00+00:00"] == [0, 0]

        # each opened and each resolved notice arrived once: 4 incidents x 2 events, on email and the webhook
        posts = [p.json() for p in hooks.posts]
        assert len(posts) == 8, [(p["event"], p["summary"]) for p in posts]
        assert Counter(p["event"] for p in posts) == {"alarm.opened": 4, "alarm.resolved": 4}
        assert Counter((p["kind"], p["alarm"]) for p in posts) == {
            (k, e): 1 for k in ("held", "late", "source-failing", "worker-silent") for e in ("opened", "resolved")}
        assert len({p["delivery_id"] for p in posts}) == 8
        assert all(verify(SECRET, p.body, p.headers["x-guancha-signature"]) for p in hooks.posts)
        assert mails.by_recipient() == {"ops@example.org": 8}
        subjects = sorted(str(m.message["Subject"]) for m in mails.messages)
        assert sum(s.startswith("[guancha] ALARM source-failing") for s in subjects) == 1
        assert sum(s.startswith("[guancha] RESOLVED late") for s in subjects) == 1
        assert len({m.message["Message-ID"] for m in mails.messages}) == 8
        assert store.notice_counts(db) == {"sent": 16}

        status = run_cli("status", "--workspace", str(root), "--json")
        assert status.returncode == 0, status.stderr
        assert len(json.loads(status.stdout)["alarms"]["resolved"]) == 4


def test_silent_source_spend_and_a_never_started_worker(tmp_path: Path) -> None:
    """The conditions read straight from rows a real collection and the model ledger write."""
    web = _web(tmp_path / "web")
    with serve(web.root) as server:
        base = server.base
        spec = SPEC.format(base=base).replace("report:", "budget:\n  per_day_usd: 1.0\nreport:")
        root = make_workspace(tmp_path / "ws", spec)
        ws = open_workspace(root)
        db = ws.db()
        for day in (1, 2, 3, 4):   # new items every day on the wire: its usual interval is one day
            web.write(f"wire/n{day}.html", page_html(f"Day {day} note on chips", [
                *CHIP_PARAGRAPHS[day % 3:], f"Note number {day * 7919} of the series."],
                                                     outlet="Wire", published=f"2026-05-0{day}T02:00:00Z"))
            web.write("wire.xml", (web.root / "site" / "wire.xml").read_text(encoding="utf-8").replace(
                "<item>", f"<item><title>Day {day} note</title><link>{{base}}/wire/n{day}.html</link>"
                f"<pubDate>{_at(day, 2).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>\n<item>", 1))
            run_watcher(ws, "china-ai", report_date=D1 + dt.timedelta(days=day - 1), as_of=_at(day, 6))
        wire = db.one("SELECT id FROM sources WHERE target LIKE '%wire.xml'")["id"]
        assert not any(k[0] == "source-silent" for k in conditions(db, ws, _at(6, 7)))   # 2 days: not yet
        found = conditions(db, ws, _at(8, 7))                                             # 4 days > 3 x 1 day
        assert ("source-silent", "china-ai", wire) in found
        assert "2026-05-04T06:00:00Z" in found[("source-silent", "china-ai", wire)].summary

        now = dt.datetime.now(dt.UTC)
        record_call(db, CallRecord(model="openai:gpt-test", provider="openai", stage="write", watcher_id="china-ai",
                                   tokens_in=1000, tokens_out=100, cost_usd=0.5))
        assert not any(k[0] == "spend" for k in conditions(db, ws, now))                 # 50% < 80%
        record_call(db, CallRecord(model="openai:gpt-test", provider="openai", stage="write", watcher_id="china-ai",
                                   tokens_in=1000, tokens_out=100, cost_usd=0.35))
        spend = conditions(db, ws, now)[("spend", "china-ai", now.date().isoformat())]
        assert "$0.85" in spend.summary and "85%" in spend.summary

    assert ("worker-silent", "", "") not in conditions(db, ws, now)   # no worker expected here
    settings = root / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "alarms:\n  expect_worker: true\n", encoding="utf-8")
    ws = open_workspace(root)
    assert conditions(ws.db(), ws, now)[("worker-silent", "", "")].summary == "no worker has ever been heard from"


def test_a_watcher_that_never_ran_and_a_missing_weekly_are_late(tmp_path: Path) -> None:
    """A scheduled watcher with no report is late after its first tick since guancha first saw it (not for the
    days before it existed); a weekly synthesis is late when its week has a daily to sum up but no weekly."""
    web = _web(tmp_path / "web")
    with serve(web.root) as server:
        spec = SPEC.format(base=server.base).replace('schedule: "0 6 * * *"',
                                                     'schedule: "0 6 * * *"\nweekly: "0 7 * * 1"')
        root = make_workspace(tmp_path / "ws", spec)
        ws = open_workspace(root)
        db = ws.db()
        # first seen on Friday 1 May at 10:00: the 1st's 06:00 tick was before it; the 2nd's is the first due
        assert ("late", "china-ai", "") not in conditions(db, ws, _at(1, 10))
        assert ("late", "china-ai", "") not in conditions(db, ws, _at(2, 7, 59))     # 06:00 + 2 h: not yet
        late = conditions(db, ws, _at(2, 8, 1))[("late", "china-ai", "")]
        assert "no report for 2026-05-02" in late.summary and "none yet" in late.detail
        assert "guancha run china-ai --date 2026-05-02" in late.detail

        # a report for Sunday the 3rd; the Monday 4 May 07:00 weekly sums up 27 April - 3 May
        assert run_watcher(ws, "china-ai", report_date=D1 + dt.timedelta(days=2), as_of=_at(3, 6)).status == "finalised"
        assert ("late", "china-ai", "weekly") not in conditions(db, ws, _at(4, 8, 59))  # 07:00 + 2 h: not yet
        weekly = conditions(db, ws, _at(4, 9, 1))[("late", "china-ai", "weekly")]
        assert "no weekly synthesis for 2026-W18" in weekly.summary
        assert "guancha weekly china-ai --week 2026-W18" in weekly.detail
        from guancha.weekly import weekly_briefing

        assert weekly_briefing(ws, "china-ai", week="2026-W18").status in ("finalised", "held")
        assert ("late", "china-ai", "weekly") not in conditions(db, ws, _at(4, 9, 1))


def test_bad_alarm_settings_and_bad_now_are_usage_errors(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", SPEC.format(base="http://127.0.0.1:9"))
    bad_now = run_cli("watchdog", "--now", "yesterday", "--workspace", str(root))
    assert bad_now.returncode == 2 and "--now 'yesterday' is not an ISO time" in bad_now.stderr
    assert "Traceback" not in bad_now.stderr
    with (root / "guancha.yaml").open("a", encoding="utf-8") as f:
        f.write("alarms:\n  source_failures: 0\n")
    bad = run_cli("watchdog", "--workspace", str(root))
    assert bad.returncode == 2 and "alarms.source_failures" in bad.stderr and "guancha.yaml" in bad.stderr


def test_emitted_units_verify_and_the_crontab_is_quoted(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "my ws%1", SPEC.format(base="http://127.0.0.1:9"))
    out = tmp_path / "units"
    proc = run_cli("schedule", "emit", "--systemd", "--out", str(out), "--every", "15", "--workspace", str(root))
    assert proc.returncode == 0, proc.stderr
    timer = (out / "guancha-watchdog.timer").read_text(encoding="utf-8")
    assert "Persistent=true" in timer and "OnCalendar=*:0/15" in timer
    assert f'"{sys.executable}"' not in (out / "guancha-serve.service").read_text() or " " in sys.executable
    assert '--workspace "' + str(root.resolve()).replace("%", "%%") + '"' in (out / "guancha-serve.service").read_text()
    assert set(systemd_units(root)) == {p.name for p in out.iterdir()}
    cron = cron_lines(root)
    assert "\\%1" in cron and "'" + str(root.resolve()).replace("%", "\\%") + "'" in cron
    assert run_cli("schedule", "emit", "--workspace", str(root)).returncode == 2
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here")
    verified = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in out.iterdir())],
                              capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0, verified.stderr
    (out / "guancha-watchdog.timer").write_text(timer.replace("OnCalendar=*:0/15", "OnCalendar=every tuesdayish"))
    broken = subprocess.run(["systemd-analyze", "verify", str(out / "guancha-watchdog.timer")],
                            capture_output=True, text=True, timeout=60)
    assert broken.returncode != 0   # the verification can fail: it is not a formality


def test_open_alarms_show_on_the_dashboard_as_text(tmp_path: Path) -> None:
    from guancha.publish.site import build_site
    from guancha.store.alarms import Condition, reconcile

    root = make_workspace(tmp_path / "ws", SPEC.format(base="http://127.0.0.1:9"))
    ws = open_workspace(root)
    reconcile(ws.db(), {("source-failing", "china-ai", "s1"): Condition("china-ai: source <b>Flaky</b> failed")},
              now="2026-05-05T07:00:00Z")
    page = (build_site(ws, search=False).out / "index.html").read_text(encoding="utf-8")
    assert "Alarms (1 open)" in page and "source-failing" in page and "since 2026-05-05T07:00:00Z" in page
    assert "&lt;b&gt;Flaky&lt;/b&gt;" in page and "<b>Flaky" not in page
    reconcile(ws.db(), {}, now="2026-05-06T07:00:00Z")
    assert "Alarms (" not in (build_site(ws, search=False).out / "index.html").read_text(encoding="utf-8")
