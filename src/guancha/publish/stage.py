"""The publish stage: deliver finalised report versions to the channels configured, each exactly once.

Only a report whose status is ``finalised`` (it passed the checks, or a person approved it) is ever
delivered; a held or drafted report never is. Every delivery is a row of the ledger
(guancha.store.deliveries) keyed by (report version, channel, recipient):

1. *plan*: the deliveries a report should get are inserted as ``pending`` (existing rows are left alone, so
   publishing again plans nothing new and sends nothing twice);
2. *claim*: each due delivery is switched to ``sending`` in its own committed transaction, naming the
   process (host, pid, process start time), before anything goes on the wire;
3. *send*, then mark ``sent``, or ``failed`` with the next attempt time (exponential backoff, Retry-After
   honoured), or ``dead`` (a permanent refusal: the email address is suspended; or out of attempts).

After a SIGKILL a delivery can be left in ``sending``. It is retried only after checking that its claimer
is gone: on this host, the claiming process no longer exists (or is another process with the same pid);
on another host, the claim is older than ``publish.retry.stale_claim_s``. Such a re-send is at-least-once:
if the process died after the server accepted the message but before the ledger recorded it, the
recipient gets it twice - with the same Message-ID (email) or X-Guancha-Delivery id (webhooks), which
receivers de-duplicate on. A process killed anywhere else (between sends, during a send before the server
accepted it) loses nothing and duplicates nothing.

Stages do not import guancha.run; run and approve call :func:`publish_stage` after finalising.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from guancha.errors import DeliveryFailed, UsageError
from guancha.publish import chat, mail, webhooks
from guancha.publish.notice import Notice, notice_for, report_url, weekly_notice_for
from guancha.spec import ChannelSettings, PublishSettings
from guancha.store import Database
from guancha.store import deliveries as ledger
from guancha.store.deliveries import Delivery, Planned
from guancha.timeutil import iso_z, parse_iso
from guancha.workspace import Workspace

REPORT_TABLES = {ledger.DAILY: "reports", ledger.WEEKLY: "weekly_reports"}  # what each ledger's rows send
WEEKLY_EVENT = "weekly.published"  # the webhook event of a weekly synthesis (a daily's is report.published)
log = logging.getLogger(__name__)
CHANNELS = ("email", "chat", "webhook")
Progress = Callable[[str, str], None]


class PublishResult(BaseModel):
    """What one publish pass did. Counts are deliveries; ``errors`` are distinct messages (no addresses)."""

    reports: list[str] = Field(default_factory=list)
    planned: int = 0
    counts: dict[str, int] = Field(default_factory=dict)   # sent, failed, dead, cancelled, waiting, in_flight, skipped
    by_channel: dict[str, dict[str, int]] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)
    next_retry_at: str | None = None   # the earliest backoff time of the deliveries counted as waiting

    @property
    def ok(self) -> bool:
        return not (self.counts.get("failed", 0) or self.counts.get("dead", 0))

    def count(self, channel: str, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        per = self.by_channel.setdefault(channel, {})
        per[outcome] = per.get(outcome, 0) + 1

    def line(self) -> str:
        """One line for a run summary."""
        if not self.counts and not self.planned:
            return "nothing to deliver"
        order = ("sent", "failed", "dead", "cancelled", "waiting", "in_flight", "skipped")
        return ", ".join(f"{self.counts[k]} {k.replace('_', ' ')}" for k in order if self.counts.get(k))


# --------------------------------------------------------------------------- who is sending


def _process_start(pid: int) -> str:
    """The kernel's start time of ``pid`` (Linux), so a reused pid is not mistaken for the claimer."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "?"
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else "?"


def _alive(pid: int, start: str) -> bool:
    """Whether the claiming process still runs: read from /proc where there is one, else by signal 0."""
    if Path("/proc/self/stat").exists():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return False
        if fields and fields[0] in ("Z", "X"):
            return False  # killed, not yet reaped
        return start == "?" or (len(fields) > 19 and fields[19] == start)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claimer_id() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_start(pid)}"


def claim_is_stale(d: Delivery, *, now: dt.datetime, stale_after_s: float, me: str) -> bool:
    """Whether a delivery left in 'sending' may be taken over: its claimer is gone (see the module doc)."""
    if not d.claimed_by or d.claimed_by == me:
        return True
    parts = d.claimed_by.rsplit(":", 2)
    if len(parts) == 3:
        host, pid, start = parts
        if host == socket.gethostname() and pid.isdigit():
            return not _alive(int(pid), start)
    claimed = parse_iso(d.claimed_at) if d.claimed_at else None
    return claimed is None or (now - claimed).total_seconds() >= stale_after_s


# --------------------------------------------------------------------------- planning


def _channels(settings: PublishSettings, watcher_id: str) -> ChannelSettings:
    return settings.channels.get(watcher_id) or ChannelSettings()


def has_channels(settings: PublishSettings, watcher_id: str) -> bool:
    cfg = _channels(settings, watcher_id)
    return bool((settings.email is not None and cfg.email) or cfg.apprise or cfg.webhooks)


def plan_report(db: Database, settings: PublishSettings, report: sqlite3.Row, *, channel: str | None,
                all_subscribers: bool, kind: str = ledger.DAILY) -> int:
    """Record the deliveries ``report`` should get. Subscribers get reports finalised after they subscribed
    (all of them with ``all_subscribers``, i.e. when a person publishes a date by hand)."""
    if report["status"] != "finalised":
        return 0
    watcher = report["watcher_id"]
    cfg = _channels(settings, watcher)
    new = 0
    if settings.email is not None and cfg.email and channel in (None, "email"):
        domain = mail.from_domain(settings.email)
        subs = [s for s in ledger.subscribers(db, watcher, status="active")
                if all_subscribers or s.created_at <= (report["finalised_at"] or "")]
        new += ledger.plan(db, report_id=report["id"], watcher_id=watcher, channel="email", ledger=kind, planned=[
            Planned(s.id, mail.mask(s.address), mail.message_id(report["id"], s.id, domain)) for s in subs])
    if cfg.apprise and channel in (None, "chat"):
        new += ledger.plan(db, report_id=report["id"], watcher_id=watcher, channel="chat", ledger=kind, planned=[
            Planned(chat.recipient_key(u), chat.label(u), "") for u in dict.fromkeys(cfg.apprise)])
    if cfg.webhooks and channel in (None, "webhook"):
        new += ledger.plan(db, report_id=report["id"], watcher_id=watcher, channel="webhook", ledger=kind, planned=[
            Planned(webhooks.recipient_key(h), webhooks.label(h), webhooks.delivery_id(report["id"], h))
            for h in cfg.webhooks])
    return new


def target_reports(db: Database, *, watcher: str | None, date: str | None) -> list[sqlite3.Row]:
    """What ``guancha publish`` sends: the newest finalised version of the date (or each watcher's newest
    finalised report). A held report is never a target; asking for one by date says so."""
    if date is not None:
        sql = "SELECT * FROM reports WHERE report_date = ?"
        params: tuple[str, ...] = (date,)
        if watcher is not None:
            sql += " AND watcher_id = ?"
            params += (watcher,)
        rows = db.query(sql + " ORDER BY watcher_id, version DESC", params)
        finalised: dict[str, sqlite3.Row] = {}
        for r in rows:
            if r["status"] == "finalised":
                finalised.setdefault(r["watcher_id"], r)
        if not finalised:
            what = f"{watcher} {date}" if watcher else date
            if rows:
                raise UsageError(f"the report of {what} is {rows[0]['status']}, not finalised; only finalised or "
                                 "approved reports are published",
                                 fix="review it with 'guancha review', release it with 'guancha approve RUN --why'")
            raise UsageError(f"no report for {what}", fix="run the watcher first: guancha run WATCHER --date DATE")
        return list(finalised.values())
    sql = ("SELECT r.* FROM reports r WHERE r.status = 'finalised' AND NOT EXISTS (SELECT 1 FROM reports n"
           " WHERE n.watcher_id = r.watcher_id AND n.status = 'finalised' AND (n.report_date > r.report_date"
           " OR (n.report_date = r.report_date AND n.version > r.version)))")
    if watcher is not None:
        return db.query(sql + " AND r.watcher_id = ?", (watcher,))
    return db.query(sql + " ORDER BY r.watcher_id")


# --------------------------------------------------------------------------- sending


@dataclass
class _Senders:
    """Per-pass state: one SMTP session, the notices built so far."""

    workspace: Workspace
    settings: PublishSettings
    env: dict[str, str] | None
    mailer: mail.MailSender | None = None
    mail_down: DeliveryFailed | None = None
    notices: dict[str, Notice] = field(default_factory=dict)
    reports: dict[str, sqlite3.Row] = field(default_factory=dict)

    def report(self, d: Delivery) -> sqlite3.Row:
        """The report row ``d`` sends: a daily (reports) or a weekly synthesis (weekly_reports)."""
        if d.report_id not in self.reports:
            row = self.workspace.db().one(f"SELECT * FROM {REPORT_TABLES[d.ledger]} WHERE id = ?", (d.report_id,))
            assert row is not None
            self.reports[d.report_id] = row
        return self.reports[d.report_id]

    def notice(self, d: Delivery) -> Notice:
        if d.report_id not in self.notices:
            build = weekly_notice_for if d.ledger == ledger.WEEKLY else notice_for
            self.notices[d.report_id] = build(self.report(d), site_url=self.settings.site_url,
                                              top=self.settings.top_headlines)
        return self.notices[d.report_id]

    def close(self) -> None:
        if self.mailer is not None:
            self.mailer.close()


def _skip_reason(s: _Senders, d: Delivery) -> str | None:
    """Why a due delivery cannot be sent now without being wrong: None when it can."""
    if d.channel == "email" and s.settings.email is None:
        return "email is not configured (publish.email)"
    if d.channel == "email" and not _channels(s.settings, d.watcher_id).email:
        return "email is switched off for this watcher"
    if d.channel == "chat" and _chat_url(s, d) is None:
        return "this chat URL is no longer configured"
    if d.channel == "webhook" and _hook(s, d) is None:
        return "this webhook is no longer configured"
    return None


def _chat_url(s: _Senders, d: Delivery) -> str | None:
    return next((u for u in _channels(s.settings, d.watcher_id).apprise if chat.recipient_key(u) == d.recipient), None)


def _hook(s: _Senders, d: Delivery) -> Any:
    return next((h for h in _channels(s.settings, d.watcher_id).webhooks
                 if webhooks.recipient_key(h) == d.recipient), None)


def _send(s: _Senders, d: Delivery) -> None:
    """Send one claimed delivery; DeliveryFailed when it did not go through."""
    if d.channel == "email":
        assert s.settings.email is not None
        sub = ledger.get_subscriber(s.workspace.db(), d.recipient)
        assert sub is not None
        if s.mail_down is not None:
            raise s.mail_down
        if s.mailer is None:
            s.mailer = mail.MailSender(s.settings.email, env=s.env)
        report = s.report(d)
        notice = s.notice(d)
        try:
            msg = mail.build_message(
                settings=s.settings.email, to=sub.address, subject=report["title"], markdown=report["markdown"],
                html=report["html"], watcher_id=d.watcher_id, list_title=_list_title(report, d.ledger), token=sub.token,
                msg_id=d.message_id or mail.message_id(d.report_id, sub.id, mail.from_domain(s.settings.email)),
                report_url=notice.url, day_url=lambda day: report_url(s.settings.site_url, d.watcher_id, day))
        except (ValueError, TypeError) as exc:  # a header the email package refuses (settings): retried after a fix
            raise DeliveryFailed(f"cannot build the message: {mail.scrub(str(exc))}",
                                 fix="check publish.email.from_address and the unsubscribe settings") from exc
        try:
            s.mailer.send(msg, sub.address)
        except DeliveryFailed as exc:
            if s.mailer.smtp is None and not exc.permanent:
                s.mail_down = exc  # the server is unreachable: fail the rest of this pass without waiting on it
            raise
    elif d.channel == "chat":
        url = _chat_url(s, d)
        assert url is not None
        chat.send_chat(url, s.notice(d), env=s.env)
    else:
        hook = _hook(s, d)
        assert hook is not None
        webhooks.send_webhook(hook, s.notice(d), delivery=d.message_id or "", env=s.env,
                              event=WEEKLY_EVENT if d.ledger == ledger.WEEKLY else webhooks.EVENT)


def _list_title(report: sqlite3.Row, kind: str) -> str:
    """The newsletter's name: the report title without its date (or a weekly's without its week)."""
    title = str(report["title"])
    suffix = f" — {report['week'] if kind == ledger.WEEKLY else report['report_date']}"
    return title[: -len(suffix)] if title.endswith(suffix) else title


def backoff(attempts: int, settings: PublishSettings, retry_after_s: float | None = None) -> float | None:
    """Seconds until the next attempt after ``attempts`` tries, or None when no attempt is left."""
    retry = settings.retry
    if attempts >= retry.max_attempts:
        return None
    delay = min(retry.max_delay_s, retry.first_delay_s * (2 ** max(attempts - 1, 0)))
    return max(delay, retry_after_s or 0.0)


# --------------------------------------------------------------------------- the pass


def publish(
    workspace: Workspace,
    *,
    watcher: str | None = None,
    date: dt.date | str | None = None,
    channel: str | None = None,
    report_ids: Iterable[str] | None = None,
    retry_now: bool = False,
    env: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> PublishResult:
    """Plan and send deliveries: for the target reports (``report_ids``, or the newest finalised version of
    ``date``, or each watcher's newest finalised report), then every due retry of the same watchers."""
    if channel is not None and channel not in CHANNELS:
        raise UsageError(f"unknown channel {channel!r}", fix=f"use one of {', '.join(CHANNELS)}")
    settings = workspace.settings.publish
    db = workspace.db()
    day = date.isoformat() if isinstance(date, dt.date) else date
    if report_ids is not None:
        ids = list(report_ids)
        targets = [r for r in (db.one("SELECT * FROM reports WHERE id = ?", (i,)) for i in ids) if r is not None]
    else:
        targets = target_reports(db, watcher=watcher, date=day)
    result = PublishResult(reports=[r["id"] for r in targets if r["status"] == "finalised"])
    for report in targets:
        result.planned += plan_report(db, settings, report, channel=channel, all_subscribers=day is not None)
    watchers: set[str] | None = {watcher} if watcher is not None else {r["watcher_id"] for r in targets}
    if report_ids is None and watcher is None and day is None:
        watchers = None  # a plain 'guancha publish' retries everything due
    open_rows = _open(db, watchers, channel)
    _deliver(workspace, settings, open_rows, result, retry_now=retry_now, env=env, progress=progress)
    if result.counts:
        log.info("publish: %s", result.line())
    return result


def _open(db: Database, watchers: set[str] | None, channel: str | None) -> list[Delivery]:
    """Open deliveries of dailies, then of weekly syntheses."""
    if watchers is None:
        return [d for kind in ledger.LEDGERS for d in ledger.open_deliveries(db, channel=channel, ledger=kind)]
    return [d for kind in ledger.LEDGERS for w in sorted(watchers)
            for d in ledger.open_deliveries(db, watcher_id=w, channel=channel, ledger=kind)]


def _deliver(workspace: Workspace, settings: PublishSettings, rows: list[Delivery], result: PublishResult, *,
             retry_now: bool, env: dict[str, str] | None, progress: Progress | None) -> None:
    db = workspace.db()
    me = claimer_id()
    senders = _Senders(workspace, settings, env)
    errors: Counter[str] = Counter()
    try:
        for i, d in enumerate(rows):
            now = dt.datetime.now(dt.UTC)
            if d.state == "failed" and not retry_now and d.next_attempt_at and parse_iso(d.next_attempt_at) > now:
                result.count(d.channel, "waiting")
                result.next_retry_at = min(filter(None, (result.next_retry_at, d.next_attempt_at)))
                continue
            if d.state == "sending" and not claim_is_stale(d, now=now, stale_after_s=settings.retry.stale_claim_s,
                                                            me=me):
                result.count(d.channel, "in_flight")
                continue
            if db.one(f"SELECT 1 FROM {REPORT_TABLES[d.ledger]} WHERE id = ? AND status = 'finalised'",
                      (d.report_id,)) is None:
                ledger.cancel(db, d, reason="the report is not finalised")  # cannot happen through guancha
                result.count(d.channel, "cancelled")
                continue
            reason = _skip_reason(senders, d)
            if reason is not None:
                result.count(d.channel, "skipped")
                errors[reason] += 1
                continue
            if d.channel == "email":
                sub = ledger.get_subscriber(db, d.recipient)
                if sub is None or sub.status != "active":
                    ledger.cancel(db, d, reason=f"subscriber {sub.status if sub else 'removed'}")
                    result.count(d.channel, "cancelled")
                    continue
            interrupted = d.state == "sending"
            if not ledger.claim(db, d, claimer=me):
                result.count(d.channel, "in_flight")  # another publisher took it between our read and now
                continue
            attempts = d.attempts + 1
            try:
                _send(senders, d)
            except DeliveryFailed as exc:
                errors[exc.message] += 1
                delay = None if exc.permanent else backoff(attempts, settings, exc.retry_after_s)
                if delay is None:
                    ledger.mark_dead(db, d, claimer=me, error=exc.message)
                    if exc.permanent and d.channel == "email":
                        ledger.set_subscriber_status(db, d.recipient, "suspended", exc.message)
                    result.count(d.channel, "dead")
                else:
                    when = iso_z(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay))
                    ledger.mark_failed(db, d, claimer=me, error=exc.message, next_attempt_at=when)
                    result.count(d.channel, "failed")
                continue
            note = "re-sent after an interrupted send (same message id)" if interrupted else None
            ledger.mark_sent(db, d, claimer=me, note=note)
            result.count(d.channel, "sent")
            if progress is not None:
                progress("publish", f"{i + 1}/{len(rows)} {d.channel} {d.label}")
    finally:
        senders.close()
    result.errors = [f"{msg} (x{n})" if n > 1 else msg for msg, n in errors.items()]


def publish_stage(workspace: Workspace, report_id: str, *, progress: Progress | None = None) -> PublishResult:
    """The stage after finalise (``guancha run``, ``guancha approve``, ``guancha demo``): deliver this report
    version to its watcher's channels and retry that watcher's due failures. Delivery problems are recorded
    in the ledger (and shown by ``guancha status``), never raised: the report itself is already final."""
    db = workspace.db()
    report = db.one("SELECT watcher_id, status FROM reports WHERE id = ?", (report_id,))
    if report is None or report["status"] != "finalised":
        return PublishResult()
    if not has_channels(workspace.settings.publish, report["watcher_id"]) and not ledger.open_deliveries(
            db, watcher_id=report["watcher_id"]):
        return PublishResult()
    return publish(workspace, watcher=report["watcher_id"], report_ids=[report_id], progress=progress)


def publish_weekly(workspace: Workspace, weekly_id: str, *, env: dict[str, str] | None = None) -> PublishResult:
    """Deliver a finalised weekly synthesis to its watcher's channels, once (its own ledger), and retry that
    watcher's due failures; as for a daily, problems are recorded in the ledger, never raised."""
    db = workspace.db()
    weekly = db.one("SELECT * FROM weekly_reports WHERE id = ?", (weekly_id,))
    if weekly is None or weekly["status"] != "finalised":
        return PublishResult()
    settings = workspace.settings.publish
    result = PublishResult(reports=[weekly_id])
    result.planned = plan_report(db, settings, weekly, channel=None, all_subscribers=False, kind=ledger.WEEKLY)
    _deliver(workspace, settings, _open(db, {weekly["watcher_id"]}, None), result, retry_now=False, env=env,
             progress=None)
    return result


__all__ = ["PublishResult", "claim_is_stale", "publish", "publish_stage", "publish_weekly"]
