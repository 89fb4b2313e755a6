"""Alarms that do not depend on the thing that failed: read from the workspace database and the watcher specs
alone, so ``guancha watchdog`` (cron or a systemd timer) reports a dead worker, a missed day or a dead source
even when ``guancha serve`` is not running.

Conditions (thresholds in the settings' ``alarms:`` section, guancha.spec.AlarmSettings):

- ``late``: a scheduled watcher has no report (finalised, or held for a person) for the date of its last tick
  that is more than ``grace_hours`` old, i.e. nothing within its cadence plus the grace. A watcher that has
  never produced a report is late once a tick after guancha first saw it (``watchers_seen``) is that old. A
  weekly synthesis (``weekly:``) is late the same way, for a week that has a finalised daily to sum up.
- ``source-failing``: a source failed its last ``source_failures`` collections in a row.
- ``source-silent``: a source that had new items in at least ``source_silent_history`` collections has had
  none for ``source_silent_factor`` times its usual (median) interval between new items.
- ``held``: a report held for a person longer than ``held_hours`` (since its run's reference time).
- ``spend``: a watcher's model spend today (UTC) reached ``spend_share`` of its ``budget.per_day_usd``.
- ``worker-silent``: the newest worker heartbeat (guancha.store.alarms.record_heartbeat) is older than
  ``worker_silent_minutes``; with ``expect_worker``, also when no worker ever sent one.

Times of collections and held runs are their reference times (``as_of``), so an evaluation at a controlled
``now`` (``guancha watchdog --now``) sees the workspace as it was then. Notices (opened and resolved) go out
once each on the watcher's chat and webhook channels and to the operators' addresses in ``alarms.email_to``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import json
import statistics
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, cast

from guancha.errors import DeliveryFailed
from guancha.publish import chat, mail, webhooks
from guancha.publish.notice import Notice, plain
from guancha.spec import AlarmSettings, WatcherSpec, WebhookSettings, source_kind, source_target
from guancha.store import Database, content_key
from guancha.store import alarms as store
from guancha.store.alarms import Condition, Incident, Key, PlannedNotice
from guancha.store.collect import source_id
from guancha.store.model_calls import spent_usd
from guancha.timeutil import iso_z, parse_iso
from guancha.workspace import Workspace

KINDS = ("late", "source-failing", "source-silent", "held", "spend", "worker-silent")


# --------------------------------------------------------------------------- conditions


def _watchers(workspace: Workspace) -> list[WatcherSpec]:
    """Every watcher spec of the workspace; an invalid one raises ConfigError (file, line, fix)."""
    return [workspace.watcher(stem)[0] for stem in workspace.watcher_files()]


def _late(db: Database, spec: WatcherSpec, cfg: AlarmSettings, now: dt.datetime) -> Condition | None:
    from guancha.schedule import cadence, last_tick, next_tick, report_date

    if spec.schedule is None:
        return None
    due_tick = last_tick(spec.schedule, spec.timezone, now - dt.timedelta(hours=cfg.grace_hours))
    due_date = report_date(due_tick, spec.timezone).isoformat()
    row = db.one("SELECT MAX(report_date) AS d FROM reports WHERE watcher_id = ? AND status IN ('finalised', 'held')",
                 (spec.id,))
    last = row["d"] if row is not None else None
    if last is not None and last >= due_date:
        return None
    if last is None:
        # no report yet: late only once a tick after guancha first saw the watcher has passed its grace (a new
        # watcher is not late for the days before it existed; one whose runs never start is not silent forever)
        seen = parse_iso(store.first_seen(db, spec.id, iso_z(now)))
        if next_tick(spec.schedule, spec.timezone, seen) > due_tick:
            return None
    gap = cadence(spec.schedule, spec.timezone, due_tick)
    return Condition(
        summary=f"{spec.id}: no report for {due_date} (due {iso_z(due_tick)}, {cfg.grace_hours:g} h grace passed)",
        detail=f"last report: {last or 'none yet'}; schedule '{spec.schedule}' ({spec.timezone}), every "
               f"{_span(gap)}; run it with 'guancha run {spec.id} --date {due_date}'")


def _weekly_late(db: Database, spec: WatcherSpec, cfg: AlarmSettings, now: dt.datetime) -> Condition | None:
    """The weekly synthesis of the week its last tick (grace passed) sums up is missing, though that week has a
    finalised daily to sum up (a week without one is not written, so it cannot be late)."""
    from guancha.schedule import week_due

    if spec.weekly is None:
        return None
    tick, week, monday = week_due(spec.weekly, spec.timezone, now - dt.timedelta(hours=cfg.grace_hours))
    sunday = monday + dt.timedelta(days=6)
    if db.one("SELECT 1 FROM weekly_reports WHERE watcher_id = ? AND week = ?", (spec.id, week)) is not None:
        return None
    if db.one("SELECT 1 FROM reports WHERE watcher_id = ? AND status = 'finalised' AND report_date BETWEEN ? AND ?",
              (spec.id, monday.isoformat(), sunday.isoformat())) is None:
        return None
    return Condition(
        summary=f"{spec.id}: no weekly synthesis for {week} (due {iso_z(tick)}, {cfg.grace_hours:g} h grace passed)",
        detail=f"weekly schedule '{spec.weekly}' ({spec.timezone}); write it with "
               f"'guancha weekly {spec.id} --week {week}'")


def _source_runs(db: Database, sid: str, now_iso: str, limit: int) -> list[Any]:
    return db.query(
        "SELECT sr.status, sr.items_new, sr.errors_json, c.as_of FROM source_runs sr JOIN collections c"
        " ON c.id = sr.collection_id WHERE sr.source_id = ? AND c.as_of <= ? AND sr.status != 'running'"
        " ORDER BY c.as_of DESC, sr.started_at DESC LIMIT ?", (sid, now_iso, limit))


def _error_kinds(errors_json: str | None) -> str:
    """The error kinds of a source run (http-404, timeout...): recorded by guancha, never a server's words."""
    try:
        errors = json.loads(errors_json or "[]")
    except ValueError:
        return "unknown"
    kinds = [str(e.get("kind", "error")) for e in errors if isinstance(e, dict)]
    return ", ".join(dict.fromkeys(kinds)) or "unknown"


def _sources(db: Database, spec: WatcherSpec, cfg: AlarmSettings, now: dt.datetime) -> dict[Key, Condition]:
    found: dict[Key, Condition] = {}
    now_iso = iso_z(now)
    for source in spec.sources:
        kind, target = source_kind(source), source_target(source)
        sid = source_id(spec.id, kind, target)
        name = f"{kind} {source.label or target}"
        recent = _source_runs(db, sid, now_iso, cfg.source_failures)
        if len(recent) == cfg.source_failures and all(r["status"] == "failed" for r in recent):
            found[("source-failing", spec.id, sid)] = Condition(
                summary=f"{spec.id}: source {name} failed {cfg.source_failures} collections in a row",
                detail=f"failing since {recent[-1]['as_of']}; last error: {_error_kinds(recent[0]['errors_json'])}; "
                       f"'guancha sources {spec.id}' shows its history")
            continue
        silent = _silent(db, sid, cfg, now)
        if silent is not None:
            found[("source-silent", spec.id, sid)] = Condition(
                summary=f"{spec.id}: source {name} has had no new items since {silent[0]}",
                detail=f"it usually has new items every {_span(silent[1])}; check that it still publishes")
    return found


def _silent(db: Database, sid: str, cfg: AlarmSettings, now: dt.datetime) -> tuple[str, dt.timedelta] | None:
    """(last time with new items, usual interval) when the source has been silent too long, else None."""
    rows = db.query(
        "SELECT DISTINCT c.as_of FROM source_runs sr JOIN collections c ON c.id = sr.collection_id"
        " WHERE sr.source_id = ? AND sr.items_new > 0 AND c.as_of <= ? ORDER BY c.as_of", (sid, iso_z(now)))
    times = [parse_iso(r["as_of"]) for r in rows]
    if len(times) < cfg.source_silent_history:
        return None
    usual = dt.timedelta(seconds=statistics.median((b - a).total_seconds() for a, b in itertools.pairwise(times)))
    if usual <= dt.timedelta(0) or now - times[-1] <= usual * cfg.source_silent_factor:
        return None
    return iso_z(times[-1]), usual


def _held(db: Database, cfg: AlarmSettings, now: dt.datetime, watchers: set[str]) -> dict[Key, Condition]:
    found: dict[Key, Condition] = {}
    rows = db.query(
        "SELECT r.id, r.watcher_id, r.report_date, r.version, u.as_of, u.error FROM reports r JOIN runs u ON u.id = r.run_id"
        " WHERE r.status = 'held' AND NOT EXISTS (SELECT 1 FROM reports f WHERE f.watcher_id = r.watcher_id"
        " AND f.report_date = r.report_date AND f.status = 'finalised')")
    for r in rows:
        if r["watcher_id"] not in watchers:
            continue
        since = parse_iso(r["as_of"])
        if now - since <= dt.timedelta(hours=cfg.held_hours):
            continue
        found[("held", r["watcher_id"], r["id"])] = Condition(
            summary=f"{r['watcher_id']}: the report of {r['report_date']} v{r['version']} has waited for a person "
                    f"since {r['as_of']}",
            detail=f"read it with 'guancha review {r['id'][:12]} --draft'; release it with "
                   f"'guancha approve {r['id'][:12]} --why \"...\"'")
    return found


def _spend(db: Database, spec: WatcherSpec, cfg: AlarmSettings, now: dt.datetime) -> Condition | None:
    budget = spec.budget.per_day_usd
    if budget is None:
        return None
    day = now.date()
    spent = spent_usd(db, watcher_id=spec.id, since=f"{day.isoformat()}T00:00:00Z")
    if spent < budget * cfg.spend_share or spent == 0:
        return None
    return Condition(
        summary=f"{spec.id}: spent ${spent:.2f} on {day} of its ${budget:.2f} daily budget "
                f"({spent / budget:.0%}, alarm at {cfg.spend_share:.0%})" if budget else
                f"{spec.id}: spent ${spent:.2f} on {day} with a daily budget of $0",
        detail="'guancha costs --by model --since " + day.isoformat() + "' shows where it went")


def _worker(db: Database, cfg: AlarmSettings, now: dt.datetime) -> Condition | None:
    beat = store.latest_heartbeat(db)
    if beat is None:
        if not cfg.expect_worker:
            return None
        return Condition(summary="no worker has ever been heard from",
                         detail="start it with 'guancha serve' (see 'guancha schedule emit --systemd')")
    seen = parse_iso(beat["seen_at"])
    if now - seen <= dt.timedelta(minutes=cfg.worker_silent_minutes):
        return None
    return Condition(summary=f"the worker has not been heard from since {beat['seen_at']}",
                     detail=f"last heartbeat from {beat['worker_id']}; check 'systemctl status guancha-serve' "
                            "or start 'guancha serve'")


def _span(delta: dt.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:g} days" if hours >= 48 and hours % 24 == 0 else f"{hours:g} h"


def conditions(db: Database, workspace: Workspace, now: dt.datetime) -> dict[Key, Condition]:
    """Every alarm condition holding at ``now``, keyed (kind, watcher, subject)."""
    cfg = workspace.settings.alarms
    specs = _watchers(workspace)
    found: dict[Key, Condition] = {}
    for spec in specs:
        late = _late(db, spec, cfg, now)
        if late is not None:
            found[("late", spec.id, "")] = late
        weekly_late = _weekly_late(db, spec, cfg, now)
        if weekly_late is not None:
            found[("late", spec.id, "weekly")] = weekly_late
        found.update(_sources(db, spec, cfg, now))
        spend = _spend(db, spec, cfg, now)
        if spend is not None:
            found[("spend", spec.id, now.date().isoformat())] = spend
    found.update(_held(db, cfg, now, {s.id for s in specs}))
    worker = _worker(db, cfg, now)
    if worker is not None:
        found[("worker-silent", "", "")] = worker
    return found


def evaluate_alarms(db: Database, workspace: Workspace, now: dt.datetime) -> list[Incident]:
    """Evaluate every condition at ``now`` and persist the outcome (open, keep open, resolve); returns the
    incidents open afterwards. Sends nothing: :func:`deliver_notices` does."""
    store.reconcile(db, conditions(db, workspace, now), now=iso_z(now))
    return store.incidents(db, state="open")


# --------------------------------------------------------------------------- notices


@dataclass(frozen=True)
class AlarmNotice(Notice):
    """A chat / webhook notice of an incident event: the report notice's shape, plus what the alarm is."""

    alarm: str          # opened or resolved (the webhook body's "event" is alarm.opened / alarm.resolved)
    kind: str
    summary: str
    detail: str
    opened_at: str
    resolved_at: str | None

    def text(self) -> str:
        lines = [self.summary]
        if self.detail:
            lines.append(self.detail)
        lines.append(f"Opened {self.opened_at}" + (f", resolved {self.resolved_at}" if self.resolved_at else ""))
        if self.url:
            lines += ["", f"Dashboard: {self.url}"]
        return "\n".join(lines)


def _notice(incident: Incident, event: str, site_url: str | None) -> AlarmNotice:
    word = "ALARM" if event == "opened" else "RESOLVED"
    return AlarmNotice(
        report_id=incident.id, watcher=incident.watcher_id, title=plain(f"[guancha] {word} {incident.kind}: "
                                                                        f"{incident.summary}")[:200],
        date=(incident.resolved_at if event == "resolved" and incident.resolved_at else incident.opened_at)[:10],
        long_date=incident.opened_at, version=1, headlines=[], url=f"{site_url.rstrip('/')}/" if site_url else None,
        alarm=event, kind=incident.kind, summary=plain(incident.summary), detail=plain(incident.detail),
        opened_at=incident.opened_at, resolved_at=incident.resolved_at if event == "resolved" else None)


def _email_key(address: str) -> str:
    return "h" + content_key("alarm-email", address.lower(), length=20)


@dataclass
class _Targets:
    """Where an incident's notices go, read from the settings as they are now."""

    workspace: Workspace
    chats: dict[str, str] = field(default_factory=dict)          # recipient key -> configured URL
    hooks: dict[str, WebhookSettings] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)

    def load(self, watcher_id: str) -> _Targets:
        settings = self.workspace.settings
        channels = settings.publish.channels
        picked = [channels[watcher_id]] if watcher_id in channels else [] if watcher_id else list(channels.values())
        self.chats = {chat.recipient_key(u): u for cfg in picked for u in cfg.apprise}
        self.hooks = {webhooks.recipient_key(h): h for cfg in picked for h in cfg.webhooks}
        self.emails = ({_email_key(a): a for a in settings.alarms.email_to} if settings.publish.email is not None
                       else {})
        return self

    def planned(self, incident: Incident, event: str) -> list[PlannedNotice]:
        out = [PlannedNotice("chat", k, chat.label(u), "") for k, u in self.chats.items()]
        out += [PlannedNotice("webhook", k, webhooks.label(h),
                              content_key("alarm-webhook", incident.id, event, h.url, length=32))
                for k, h in self.hooks.items()]
        domain = mail.from_domain(self.workspace.settings.publish.email) if self.workspace.settings.publish.email else ""
        out += [PlannedNotice("email", k, mail.mask(a),
                              f"<{content_key('alarm-mail', incident.id, event, k, length=32)}@{domain}>")
                for k, a in self.emails.items()]
        return out


@dataclass
class DeliveryCounts:
    planned: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


def _email(settings: Any, incident: Incident, event: str, to: str, msg_id: str) -> EmailMessage:
    notice = _notice(incident, event, settings.publish.site_url)
    msg = EmailMessage()
    msg["Subject"] = " ".join(notice.title.split())
    msg["From"] = settings.publish.email.from_address
    msg["To"] = to
    msg["Date"] = email.utils.formatdate(localtime=False)
    msg["Message-ID"] = msg_id
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Guancha-Alarm"] = f"{event} {incident.kind}"
    msg.set_content(notice.text() + "\n\n-- \nguancha watchdog: you get this because your address is in the "
                    "workspace's alarms.email_to.\n", subtype="plain", charset="utf-8")
    return msg


def deliver_notices(workspace: Workspace, *, env: dict[str, str] | None = None) -> DeliveryCounts:
    """Plan a notice for every incident event not yet planned, then send every due notice once (claimed in
    its own transaction before the send; failures retried with the publish settings' backoff)."""
    from guancha.publish.stage import backoff, claim_is_stale, claimer_id

    db = workspace.db()
    settings = workspace.settings
    result = DeliveryCounts()
    for incident, event in store.unplanned_events(db):
        targets = _Targets(workspace).load(incident.watcher_id)
        result.planned += store.plan_notices(db, incident.id, event, targets.planned(incident, event))
    me = claimer_id()
    mailer: mail.MailSender | None = None
    errors: dict[str, int] = {}
    try:
        for n in store.open_notices(db):
            now = dt.datetime.now(dt.UTC)
            if n.state == "failed" and n.next_attempt_at and parse_iso(n.next_attempt_at) > now:
                result.add("waiting")
                continue
            if n.state == "sending" and not claim_is_stale(cast(Any, n), now=now, me=me,
                                                            stale_after_s=settings.publish.retry.stale_claim_s):
                result.add("in_flight")
                continue
            found = store.get_incident(db, n.incident_id)
            assert found is not None
            incident = found
            targets = _Targets(workspace).load(incident.watcher_id)
            configured = {"chat": set(targets.chats), "webhook": set(targets.hooks), "email": set(targets.emails)}
            if n.recipient not in configured[n.channel]:
                if store.claim(db, n, claimer=me):
                    store.finish(db, n, claimer=me, state="cancelled", error="this channel is no longer configured")
                result.add("cancelled")
                continue
            if not store.claim(db, n, claimer=me):
                result.add("in_flight")
                continue
            try:
                if n.channel == "chat":
                    chat.send_chat(targets.chats[n.recipient], _notice(incident, n.event, settings.publish.site_url),
                                   env=env)
                elif n.channel == "webhook":
                    webhooks.send_webhook(targets.hooks[n.recipient],
                                          _notice(incident, n.event, settings.publish.site_url),
                                          delivery=n.message_id, env=env, event=f"alarm.{n.event}")
                else:
                    assert settings.publish.email is not None
                    if mailer is None:
                        mailer = mail.MailSender(settings.publish.email, env=env)
                    to = targets.emails[n.recipient]
                    mailer.send(_email(settings, incident, n.event, to, n.message_id), to)
            except DeliveryFailed as exc:
                errors[exc.message] = errors.get(exc.message, 0) + 1
                delay = None if exc.permanent else backoff(n.attempts + 1, settings.publish, exc.retry_after_s)
                when = iso_z(now + dt.timedelta(seconds=delay)) if delay is not None else None
                store.finish(db, n, claimer=me, state="failed" if when else "dead", error=exc.message,
                             next_attempt_at=when)
                result.add("failed" if when else "dead")
                continue
            store.finish(db, n, claimer=me, state="sent")
            result.add("sent")
    finally:
        if mailer is not None:
            mailer.close()
    result.errors = [f"{m} (x{k})" if k > 1 else m for m, k in errors.items()]
    return result


# --------------------------------------------------------------------------- one check


@dataclass
class WatchdogResult:
    now: str
    open: list[Incident]
    opened: list[Incident]
    resolved: list[Incident]
    delivery: DeliveryCounts | None

    def as_dict(self) -> dict[str, Any]:
        return {"now": self.now, "open": [i.as_dict() for i in self.open],
                "opened": [i.as_dict() for i in self.opened], "resolved": [i.as_dict() for i in self.resolved],
                "notices": None if self.delivery is None else {
                    "planned": self.delivery.planned, "counts": self.delivery.counts, "errors": self.delivery.errors}}


def watchdog(workspace: Workspace, *, now: dt.datetime | None = None, deliver: bool = True,
             env: dict[str, str] | None = None) -> WatchdogResult:
    """What ``guancha watchdog`` does once: evaluate every alarm at ``now`` and send the notices due."""
    when = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    db = workspace.db()
    opened, resolved = store.reconcile(db, conditions(db, workspace, when), now=iso_z(when))
    delivery = deliver_notices(workspace, env=env) if deliver else None
    return WatchdogResult(now=iso_z(when), open=store.incidents(db, state="open"), opened=opened,
                          resolved=resolved, delivery=delivery)


def overview(workspace: Workspace, *, now: dt.datetime | None = None, recent: int = 10) -> dict[str, Any]:
    """For ``guancha status`` and the site: the incidents open now (evaluated at ``now``) and the latest
    resolved ones. Evaluating persists openings and resolutions; their notices go out with the next watchdog."""
    db = workspace.db()
    open_now = evaluate_alarms(db, workspace, (now or dt.datetime.now(dt.UTC)).replace(microsecond=0))
    resolved = store.incidents(db, state="resolved", limit=recent)
    return {"open": [i.as_dict() for i in open_now], "resolved": [i.as_dict() for i in resolved],
            "notices": store.notice_counts(db)}


__all__ = ["KINDS", "AlarmNotice", "WatchdogResult", "conditions", "deliver_notices", "evaluate_alarms",
           "overview", "watchdog"]
