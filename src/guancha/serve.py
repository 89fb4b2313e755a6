"""The worker: `guancha serve` runs every scheduled watcher once per tick, on DBOS (a durable-execution engine).

The engine decides when and where; guancha's own stages decide what. Each due (watcher, report date) becomes
one DBOS workflow whose id is derived from that pair, so however often the worker wakes, restarts or is
started twice, a date is started at most once. The workflow's one step is ``run_watcher(..., resume=True)``:
killed mid-run, DBOS recovers the workflow when the worker next launches and the step continues from the
last stage guancha persisted (finished stages, stories and deliveries are never repeated). A run that failed
(every source down, a model error) is tried again, as its own workflow ``…:retry-N`` resuming the same run,
up to ``serve.retries`` times, ``serve.retry_delay_s`` apart. Workflows go on one
DBOS queue per model provider, whose concurrency and hourly rate come from the ``serve:`` settings. A watcher
with a run still going is not started again alongside it; only a watcher's latest due tick is ever started,
so a worker that was down for days catches up with one run.

The system database is SQLite in the workspace (``.guancha/serve.sqlite``) or a PostgreSQL URL. On SQLite
every worker is DBOS executor "local", and DBOS recovers all of a local executor's pending workflows at
launch, so two workers on one workspace would both resume the same run: one worker holds the workspace (an OS
lock the kernel releases however the process dies) and a second one stands by until it can take over.
On PostgreSQL (several machines) each worker is its own executor (host:pid) and all work at once; one whose
heartbeat is older than ``serve.takeover_after_s`` is claimed by one live worker, which has DBOS re-enqueue
its unfinished workflows (exactly one worker dequeues each) and so resumes its runs.

Time comes from a ``Clock``: real time, or a simulated one that jumps from tick to tick and lets each tick's
runs finish before it moves on, so tests and rehearsals pass thirty days in seconds.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dbos import DBOS, SetWorkflowID

from guancha.due import WatcherDue, provider_of, watcher_due, watcher_schedules
from guancha.errors import Busy, ConfigError, GuanchaError, UsageError
from guancha.locks import exclusive, lock_path
from guancha.run import default_as_of, run_watcher
from guancha.schedule import next_tick, week_due
from guancha.store import Database
from guancha.store.alarms import claim_dead_workers, record_heartbeat, taken_over_by
from guancha.timeutil import iso_z, parse_iso
from guancha.workspace import Workspace, open_workspace

WORKFLOW_PREFIX = "guancha-run"
WEEKLY_PREFIX = "guancha-weekly"
# Recovery only picks up workflows of the running application version. Pinned, so a worker upgraded between a
# kill and its restart still resumes the interrupted run (the step is run_watcher with resume, valid across
# versions); bump it only if the workflow's arguments change.
APP_VERSION = "guancha-serve-1"
ACTIVE = frozenset({"PENDING", "ENQUEUED", "DELAYED"})
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"  # names the worker in heartbeats and alarm notices

Events = Callable[[str], None]


def workflow_id(watcher: str, day: dt.date) -> str:
    """The one workflow of a (watcher, report date): DBOS refuses to start a second under the same id."""
    return f"{WORKFLOW_PREFIX}:{watcher}:{day.isoformat()}"


def cluster_mode(workspace: Workspace) -> bool:
    """Workers share a PostgreSQL system database: each is its own DBOS executor, all work at once, and a live
    one takes over a dead one's runs. On SQLite (one machine) one worker holds the workspace instead."""
    return workspace.settings.serve.database.startswith(("postgresql://", "postgres://"))


def system_database_url(workspace: Workspace) -> str:
    """``serve.database`` as a URL: a path is a SQLite file in the workspace; a URL (PostgreSQL) is used as is."""
    value = workspace.settings.serve.database
    if "://" in value:
        return value
    path = (workspace.root / value).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


# --------------------------------------------------------------------------- the workflow


@DBOS.step(name="guancha.run_step", retries_allowed=False)
def run_step(root: str, watcher: str, day: str, as_of: str) -> dict[str, Any]:
    """Run, resume or return the briefing of ``watcher`` for ``day``. A failure is an outcome recorded in the
    runs table (and 'guancha status'), not an exception: the (watcher, date) is not started again by itself."""
    workspace = open_workspace(Path(root))
    try:
        result = run_watcher(workspace, watcher, report_date=dt.date.fromisoformat(day), resume=True,
                             as_of=parse_iso(as_of))
        return {"status": result.status, "run_id": result.run_id, "version": result.version,
                "reused": result.reused}
    except Busy as exc:
        return {"status": "busy", "error": exc.message}
    except GuanchaError as exc:
        return {"status": "failed", "error": exc.message}
    finally:
        workspace.close()


@DBOS.workflow(name="guancha.scheduled_run")
def scheduled_run(root: str, watcher: str, day: str, as_of: str) -> dict[str, Any]:
    """One scheduled (watcher, date) run: its id is ``workflow_id(watcher, date)``."""
    return run_step(root, watcher, day, as_of)


@DBOS.step(name="guancha.weekly_step", retries_allowed=False)
def weekly_step(root: str, watcher: str, week: str) -> dict[str, Any]:
    """Write (or return) ``watcher``'s weekly synthesis of ``week``; a failure is an outcome, as in run_step."""
    from guancha.weekly import weekly_briefing

    workspace = open_workspace(Path(root))
    try:
        result = weekly_briefing(workspace, watcher, week=week)
        return {"status": result.status, "weekly_id": result.id, "version": result.version, "reused": result.reused}
    except GuanchaError as exc:
        return {"status": "failed", "error": exc.message}
    finally:
        workspace.close()


@DBOS.workflow(name="guancha.scheduled_weekly")
def scheduled_weekly(root: str, watcher: str, week: str) -> dict[str, Any]:
    """One scheduled weekly synthesis: its id is ``weekly_workflow_id(watcher, week)``."""
    return weekly_step(root, watcher, week)


def weekly_workflow_id(watcher: str, week: str) -> str:
    """The one workflow of a (watcher, ISO week) synthesis."""
    return f"{WEEKLY_PREFIX}:{watcher}:{week}"


# --------------------------------------------------------------------------- time


@dataclass
class Clock:
    """Real time (``start`` None), or simulated time starting at ``start`` that advances only when told."""

    start: dt.datetime | None = None
    until: dt.datetime | None = None
    _now: dt.datetime | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._now = self.start

    @property
    def simulated(self) -> bool:
        return self.start is not None

    def now(self) -> dt.datetime:
        return self._now if self._now is not None else dt.datetime.now(dt.UTC)

    def advance_to(self, moment: dt.datetime) -> None:
        assert self.simulated, "only a simulated clock is moved by hand"
        self._now = moment

    def finished(self) -> bool:
        return self.until is not None and self.now() > self.until


# --------------------------------------------------------------------------- the worker


@dataclass
class ServeSummary:
    """What one `guancha serve` did: runs started, resumed, finished (with their outcomes) and left running."""

    started: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    finished: dict[str, str] = field(default_factory=dict)  # workflow id -> run status (finalised, held, failed...)
    skipped: list[str] = field(default_factory=list)  # "watcher date: why"
    interrupted: list[str] = field(default_factory=list)  # still running at exit; they resume on the next start
    wakes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class _Worker:
    workspace: Workspace
    clock: Clock
    events: Events
    stop: threading.Event
    summary: ServeSummary = field(default_factory=ServeSummary)
    tracked: dict[str, Any] = field(default_factory=dict)  # workflow id -> DBOS handle, until it finishes
    queues: dict[str, Any] = field(default_factory=dict)
    beat: threading.Thread | None = None  # several workers: the heartbeat's own thread (start_heartbeat)
    done: threading.Event = field(default_factory=threading.Event)

    # ---- queues, one per provider
    def queue_for(self, provider: str) -> Any:
        if provider not in self.queues:
            serve = self.workspace.settings.serve
            per_hour = serve.runs_per_hour.get(provider)
            cap = serve.concurrency.get(provider, 1)
            self.queues[provider] = DBOS.register_queue(
                f"guancha-{provider}", global_concurrency=cap,
                worker_concurrency=_worker_share(cap, serve.worker_concurrency.get(provider)),
                limiter={"limit": per_hour, "period": 3600.0} if per_hour else None,
                polling_interval_sec=0.05 if self.clock.simulated else 1.0, on_conflict="always_update")
        return self.queues[provider]

    # ---- several workers on one PostgreSQL
    def start_heartbeat(self) -> None:
        """Beat from a thread of its own, on a connection of its own, every quarter of ``takeover_after_s``
        (at least once a tick): a worker is taken for dead only when its whole process is silent, never
        because one look at many watchers was slow under load (wake() beats as well)."""
        settings = self.workspace.settings.serve
        interval = min(settings.tick_seconds, settings.takeover_after_s / 4)

        def beat() -> None:
            db = Database(self.workspace.database_url or self.workspace.db_path)
            try:
                while not self.done.wait(interval):
                    try:
                        record_heartbeat(db, WORKER_ID, iso_z(self.clock.now()))
                    except (sqlite3.Error, GuanchaError) as exc:  # a lost connection: the next beat reconnects
                        self.events(f"heartbeat not written: {exc}")
            finally:
                db.close()

        self.beat = threading.Thread(target=beat, name="guancha-heartbeat", daemon=True)
        self.beat.start()

    def take_over(self, now: dt.datetime) -> None:
        """Claim the workers not heard from for ``serve.takeover_after_s`` and make their unfinished runs
        eligible again (DBOS re-enqueues them; exactly one live worker dequeues each). A run taken over resumes
        from its last finished stage: its finished stages, stories and model calls are not done again."""
        settings = self.workspace.settings.serve
        if self.beat is None:
            self.start_heartbeat()
        claimed_by = taken_over_by(self.workspace.db(), WORKER_ID)
        if claimed_by is not None:  # this worker was paused past the limit, not dead: its runs are elsewhere now
            raise Busy(f"worker {WORKER_ID} was not heard from for {settings.takeover_after_s:g}s and {claimed_by} "
                       "took its runs over: it stops so that no run goes on in two places",
                       fix="start it again (a new process is a new worker); if this worker was only slow, raise "
                           "serve.takeover_after_s well above the longest pause between its wakes")
        for spec_id in self.workspace.watcher_files():  # every provider's queue, so this worker can take any run
            with contextlib.suppress(ConfigError):
                self.queue_for(provider_of(self.workspace.watcher(spec_id)[0]))
        self.queue_for("weekly")
        dead = claim_dead_workers(self.workspace.db(), me=WORKER_ID,
                                  seen_before=iso_z(now - dt.timedelta(seconds=settings.takeover_after_s)))
        for worker in dead:
            handles = DBOS._recover_pending_workflows([worker])
            for handle in handles:
                wid = handle.get_workflow_id()
                if wid.startswith((WORKFLOW_PREFIX + ":", WEEKLY_PREFIX + ":")):
                    self.tracked.setdefault(wid, handle)  # this worker may have started it: it is resumed all the same
                    self.summary.resumed.append(wid)
            self.events(f"{iso_z(now)} worker {worker} not heard from for {settings.takeover_after_s:g}s: took over "
                        f"{len(handles)} unfinished run(s)")

    # ---- one look at the schedules
    def wake(self) -> int:
        """Start every due watcher; the number held back because its earlier run is still going."""
        now = self.clock.now()
        waiting = 0
        self.summary.wakes += 1
        # the watchdog's 'worker-silent' alarm reads this; it is written before any run can hang the loop
        record_heartbeat(self.workspace.db(), WORKER_ID, iso_z(now))
        if cluster_mode(self.workspace):
            self.take_over(now)
        for watcher_id in self.workspace.watcher_files():
            try:
                due = watcher_due(self.workspace, watcher_id, now)
            except ConfigError as exc:
                # a spec broken while the worker runs stops that watcher, loudly, not the others
                note = f"{watcher_id}: not run, its spec does not load: {exc.message}" + (
                    f" (fix: {exc.fix})" if exc.fix else "")
                if note not in self.summary.skipped:
                    self.summary.skipped.append(note)
                    self.events(note)
                continue
            if due.scheduled and not due.done and not self.start(due, now):
                waiting += 1
            waiting += self.start_weekly(watcher_id, now)
        return waiting

    def start_weekly(self, watcher_id: str, now: dt.datetime) -> int:
        """Start the watcher's due weekly synthesis, once per (watcher, week); 1 when it must wait for a daily
        run still going (the week's last daily belongs in it), else 0. A week with no finalised daily has
        nothing to sum up and is not started."""
        spec, _ = self.workspace.watcher(watcher_id)
        if spec.weekly is None:
            return 0
        tick, week, monday = week_due(spec.weekly, spec.timezone, now)
        wid = weekly_workflow_id(spec.id, week)
        if wid in self.tracked or DBOS.list_workflows(workflow_id_prefix=wid, load_input=False, load_output=False):
            return 0
        if DBOS.list_workflows(workflow_id_prefix=f"{WORKFLOW_PREFIX}:{spec.id}:", status=sorted(ACTIVE),
                               load_input=False, load_output=False):
            return 1
        sunday = monday + dt.timedelta(days=6)
        if self.workspace.db().one(
                "SELECT 1 FROM reports WHERE watcher_id = ? AND status = 'finalised' AND report_date BETWEEN ? AND ?",
                (spec.id, monday.isoformat(), sunday.isoformat())) is None:
            return 0
        with SetWorkflowID(wid):
            handle = self.queue_for("weekly").enqueue(scheduled_weekly, str(self.workspace.root), spec.id, week)
        self.tracked[wid] = handle
        self.summary.started.append(wid)
        self.events(f"{iso_z(now)} start {spec.id} weekly {week} (its tick was {iso_z(tick)})")
        return 0

    def start(self, due: WatcherDue, now: dt.datetime) -> bool:
        """Enqueue the due run unless it was started before; False when the watcher's earlier run is still
        going (one run per watcher at a time: it starts at the first look after that run ends)."""
        assert due.due_date is not None
        wid = self.attempt_id(workflow_id(due.watcher, due.due_date))
        if wid is None:
            return True  # started before (at most once per attempt): its outcome is in the runs table
        going = [w.workflow_id for w in DBOS.list_workflows(
            workflow_id_prefix=f"{WORKFLOW_PREFIX}:{due.watcher}:", status=sorted(ACTIVE),
            load_input=False, load_output=False)]
        if going:
            note = f"{due.watcher} {due.due_date}: not started, {going[0].rsplit(':', 1)[-1]}'s run is still going"
            if note not in self.summary.skipped:
                self.summary.skipped.append(note)
                self.events(note)
            return False
        as_of = default_as_of(due.due_date, now)
        with SetWorkflowID(wid):
            handle = self.queue_for(due.provider).enqueue(
                scheduled_run, str(self.workspace.root), due.watcher, due.due_date.isoformat(), iso_z(as_of))
        self.tracked[wid] = handle
        self.summary.started.append(wid)
        late = now - due.due_tick if due.due_tick else dt.timedelta(0)
        catch_up = f" (catching up: its tick was {iso_z(due.due_tick)})" if due.due_tick and late > dt.timedelta(
            hours=1) else ""
        self.events(f"{iso_z(now)} start {due.watcher} {due.due_date}{catch_up}")
        return True

    def attempt_id(self, first: str) -> str | None:
        """The workflow id to start for a due date: ``first``, or ``first:retry-N`` when every attempt so far
        failed, ``serve.retries`` allows another and ``serve.retry_delay_s`` has passed since the last; None
        when nothing is to start (one succeeded, held, or is going, or the retries are spent)."""
        attempts = sorted(DBOS.list_workflows(workflow_id_prefix=first, load_input=False),
                          key=lambda w: w.created_at or 0)
        if not attempts:
            return None if first in self.tracked else first
        last = attempts[-1]
        failed = last.status not in ACTIVE and (
            last.status != "SUCCESS" or (last.output or {}).get("status") == "failed")
        serve = self.workspace.settings.serve
        if not failed or last.workflow_id in self.tracked or len(attempts) > serve.retries:
            return None
        if time.time() * 1000 - (last.updated_at or 0) < serve.retry_delay_s * 1000:
            return None
        return f"{first}:retry-{len(attempts)}"

    def adopt_recovered(self) -> None:
        """Runs an earlier worker left unfinished, which DBOS resumes at launch: follow them like our own (on
        a shared PostgreSQL, only this executor's: the other workers' runs are theirs)."""
        recovered = [w for prefix in (WORKFLOW_PREFIX, WEEKLY_PREFIX) for w in DBOS.list_workflows(
            workflow_id_prefix=f"{prefix}:", status=sorted(ACTIVE), load_input=False, load_output=False)
            if w.executor_id in (None, DBOS.executor_id)]
        for w in recovered:
            if w.workflow_id not in self.tracked:
                self.tracked[w.workflow_id] = DBOS.retrieve_workflow(w.workflow_id)
                self.summary.resumed.append(w.workflow_id)
                self.events(f"resume {_label(w.workflow_id)} (interrupted earlier)")

    def collect_finished(self) -> int:
        """Report runs that ended since the last look; the number still going."""
        for wid, handle in list(self.tracked.items()):
            status = handle.get_status().status
            if status in ACTIVE:
                continue
            del self.tracked[wid]
            outcome: dict[str, Any] = {}
            if status == "SUCCESS":
                outcome = handle.get_result() or {}
            state = str(outcome.get("status") or status.lower())
            self.summary.finished[wid] = state
            detail = f": {outcome['error']}" if outcome.get("error") else ""
            self.events(f"{iso_z(self.clock.now())} done {_label(wid)} {state}{detail}")
        return len(self.tracked)

    def settle(self, deadline: float | None = None) -> None:
        """Wait until every tracked run has ended (or stop, or the monotonic ``deadline``)."""
        while self.collect_finished():
            if deadline is None and self.stop.is_set():
                return
            if deadline is not None and time.monotonic() >= deadline:
                return
            self.stop.wait(0.05) if deadline is None else time.sleep(0.05)

    def next_wake(self) -> dt.datetime | None:
        now = self.clock.now()
        ticks = []
        for watcher_id in self.workspace.watcher_files():
            try:
                tick = watcher_due(self.workspace, watcher_id, now).next_tick
                spec, _ = self.workspace.watcher(watcher_id)
            except ConfigError:
                continue  # reported by wake()
            if tick is not None:
                ticks.append(tick)
            if spec.weekly is not None:
                ticks.append(next_tick(spec.weekly, spec.timezone, now))
        return min(ticks) if ticks else None


def _worker_share(cap: int, per_worker: int | None) -> int | None:
    """One worker's share of a provider's queue: never more than the cluster-wide cap (unset: the cap alone)."""
    return None if per_worker is None else min(cap, per_worker)


def _label(wid: str) -> str:
    if wid.startswith(WEEKLY_PREFIX + ":"):
        return wid.removeprefix(WEEKLY_PREFIX + ":").replace(":", " weekly ", 1).replace(":", " ")
    return wid.removeprefix(WORKFLOW_PREFIX + ":").replace(":", " ")


@contextmanager
def _hold_workspace(workspace: Workspace, *, wait: bool, stop: threading.Event, events: Events) -> Iterator[bool]:
    """Hold the workspace's worker lock for the block (yields False when stopped before getting it). With
    ``wait`` a second worker stands by and takes over when the first ends; without, it is refused (Busy)."""
    path = lock_path(workspace.db_path.parent, "serve")
    fix = "one worker serves a workspace; stop the other ('guancha status' shows its runs) or let it work"
    announced = False
    while True:
        try:
            with exclusive(path, "a worker on this workspace", fix=fix):
                yield True
                return
        except Busy as exc:
            if not wait:
                raise
            if not announced:
                events(f"standing by: {exc.message}")
                announced = True
            if stop.wait(1.0 if workspace.settings.serve.tick_seconds > 1 else 0.2):
                yield False
                return


def _launch(workspace: Workspace, simulated: bool) -> None:
    from dbos import DBOSConfig

    config: DBOSConfig = {
        "name": "guancha", "system_database_url": system_database_url(workspace), "log_level": "WARNING",
        "application_version": APP_VERSION,
    }
    if cluster_mode(workspace):
        config["executor_id"] = WORKER_ID  # each worker its own executor: a dead one's runs can be told apart
    if simulated:
        config["notification_listener_polling_interval_sec"] = 0.05
    DBOS(config=config)
    DBOS.launch()


def serve(workspace: Workspace, *, once: bool = False, start: dt.datetime | None = None,
          until: dt.datetime | None = None, events: Events = lambda line: None,
          stop: threading.Event | None = None) -> ServeSummary:
    """Run due watchers until ``stop`` is set (SIGTERM), or once (``once``), or to ``until`` on a simulated
    clock starting at ``start``. Returns what was started and finished; runs still going when it returns are
    listed in ``interrupted`` and resume when a worker next starts."""
    if until is not None and start is None and not once:
        raise UsageError("--until needs --now: only a simulated clock can be told where to stop",
                         fix="pass --now ISO-TIME too, or stop a real worker with SIGTERM (Ctrl-C)")
    if start is not None and until is not None and until < start:
        raise UsageError(f"--until {iso_z(until)} is before --now {iso_z(start)}", fix="pass an --until after --now")
    stop = stop or threading.Event()
    clock = Clock(start=start, until=until)
    settings = workspace.settings.serve
    watcher_schedules(workspace, clock.now())  # a broken spec stops the worker before it launches anything
    worker = _Worker(workspace=workspace, clock=clock, events=events, stop=stop)
    holding = nullcontext(True) if cluster_mode(workspace) else _hold_workspace(workspace, wait=not once, stop=stop,
                                                                                  events=events)
    with holding as held:
        if not held:
            return worker.summary
        _launch(workspace, clock.simulated)
        try:
            worker.adopt_recovered()
            while not stop.is_set() and not clock.finished():
                waiting = worker.wake()
                if clock.simulated or once:
                    worker.settle()
                    while waiting and not stop.is_set():  # their earlier runs have ended: start them now
                        waiting = worker.wake()
                        worker.settle()
                else:
                    worker.collect_finished()
                if once or stop.is_set():
                    break
                nxt = worker.next_wake()
                if clock.simulated:
                    if nxt is None:
                        break
                    clock.advance_to(nxt)
                else:
                    wait = settings.tick_seconds if nxt is None else (nxt - clock.now()).total_seconds()
                    stop.wait(max(0.0, min(settings.tick_seconds, wait)))
            if stop.is_set() and worker.tracked:
                events(f"stopping: waiting up to {settings.stop_grace_s:g}s for {len(worker.tracked)} run(s)")
                worker.settle(deadline=time.monotonic() + settings.stop_grace_s)
            worker.collect_finished()
            worker.summary.interrupted = sorted(worker.tracked)
        finally:
            worker.done.set()
            DBOS.destroy(workflow_completion_timeout_sec=0)
    return worker.summary
