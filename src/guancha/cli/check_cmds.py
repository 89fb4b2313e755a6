"""``guancha check``, ``guancha review``, ``guancha approve`` and ``guancha status``."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections import Counter
from pathlib import Path
from typing import Any

import click

from guancha.cli._common import json_option, one_line, plain, print_json, stderr, stdout, workspace_option
from guancha.errors import UsageError, WorkspaceNotFound
from guancha.inputfiles import read_regular_file
from guancha.spec import LimitsSettings, WatcherSpec, load_watcher
from guancha.timeutil import parse_iso
from guancha.workspace import Workspace, find_workspace

BRIEFING_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".xhtml", ".txt", ".text", ".rst", ".adoc", ".asciidoc",
                     ".org", ".eml"}
# documents guancha cannot read: named as skipped, so that a folder of them does not check as "nothing to check"
_UNREADABLE_DOCUMENTS = {".docx", ".doc", ".odt", ".rtf", ".pdf", ".pages", ".tex", ".epub"}
# what sits beside reports in a folder and is plainly no briefing (data, styles, images, archives): not listed
_QUIET_SUFFIXES = {".json", ".jsonl", ".yaml", ".yml", ".toml", ".css", ".js", ".map", ".png", ".jpg", ".jpeg", ".gif",
                   ".svg", ".webp", ".ico", ".woff", ".woff2", ".db", ".sqlite", ".sqlite3", ".lock", ".gz", ".zip",
                   ".xz", ".log", ".atom", ".rss", ".pyc"}


def _maybe_workspace(workspace_dir: Path | None) -> Workspace | None:
    try:
        return find_workspace(workspace_dir)
    except WorkspaceNotFound:
        if workspace_dir is not None:
            raise
        return None


def _spec_for(watcher: str | None, ws: Workspace | None) -> WatcherSpec | None:
    if watcher is None:
        return None
    path = Path(watcher)
    if path.suffix in {".yaml", ".yml"} and path.exists():
        return load_watcher(path)
    if ws is None:
        raise UsageError(f"--watcher {watcher}: no workspace to find it in",
                         fix="pass a spec file path (watchers/x.yaml), or --workspace DIR")
    return ws.watcher(watcher)[0]


def _files(target: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The briefings to check, and the files skipped with why. In a folder a report written as .md and .html (and
    .json) is one report: its Markdown is checked once, not each rendering.

    A symbolic link in the folder that leads outside it is skipped, as ``guancha import`` skips links: a link to
    /etc/passwd was read and reported as a briefing. A link to another file of the folder is still checked (a
    "latest.md" pointing at today's report), and a linked folder is not entered."""
    if not target.is_dir():
        return [target], []
    root = target.resolve()
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for folder, dirs, names in os.walk(target, followlinks=False):
        dirs.sort()
        for name in names:
            p = Path(folder) / name
            if p.suffix.lower() in _UNREADABLE_DOCUMENTS:
                skipped.append((p, f"a {p.suffix.lower()} file is not read: export it as Markdown, HTML or text"))
                continue
            if p.suffix.lower() not in BRIEFING_SUFFIXES:
                if not name.startswith(".") and p.suffix.lower() not in _QUIET_SUFFIXES:
                    skipped.append((p, f"{p.suffix or 'no suffix'} is not a briefing format check looks for in a "
                                       "folder; check the file by name to read it as text"))
                continue
            if p.is_symlink():
                try:
                    inside = p.resolve(strict=True).is_relative_to(root)
                except (OSError, RuntimeError):   # a dangling link or a loop leads nowhere in the folder either
                    inside = False
                if not inside:
                    skipped.append((p, f"a symbolic link leading outside {target}: not followed"))
                    continue
            if p.is_file():
                found.append(p)
    found.sort()
    stems_with_md = {p.with_suffix("") for p in found if p.suffix.lower() in {".md", ".markdown"}}
    files = [p for p in found if p.suffix.lower() in {".md", ".markdown"} or p.with_suffix("") not in stems_with_md]
    return files, sorted(skipped)


class _OwnReports:
    """This workspace's stored reports, by the paths their files were written to and by their content, to tell
    which run wrote a file given to ``guancha check`` (read once per check, however many files)."""

    def __init__(self, ws: Workspace | None) -> None:
        self.by_path: dict[str, str] = {}
        self.by_content: dict[str, str] = {}
        self.max_bytes = (ws.settings.limits if ws is not None else LimitsSettings()).max_input_bytes
        self.db = ws.db() if ws is not None and ws.has_database() else None
        if self.db is None:
            return
        for row in self.db.query("SELECT run_id, md_path, html_path, json_path, markdown, html FROM reports"):
            for p in (row["md_path"], row["html_path"], row["json_path"]):
                if p:
                    self.by_path[str(Path(p).resolve())] = row["run_id"]
            for text in (row["markdown"], row["html"]):
                self.by_content[_digest(text.encode("utf-8"))] = row["run_id"]

    def run_of(self, file: Path) -> Any | None:
        """The run that wrote ``file`` (its path, or the file being one of a stored report's renderings)."""
        if self.db is None:
            return None
        from guancha.store import runs as rstore

        run_id = self.by_path.get(str(file.resolve()))
        if run_id is None:
            try:   # a pipe or a device is no report of ours; reading the file as a briefing says why
                data = read_regular_file(file, self.max_bytes, fix_size="")
            except (OSError, UsageError):
                return None
            run_id = self.by_content.get(_digest(data))
            if run_id is None and file.suffix.lower() == ".json":
                run_id = _json_run_id(data)
        return rstore.get_run(self.db, run_id) if run_id else None


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _json_run_id(data: bytes) -> str | None:
    """The run id a report's JSON rendering carries (``run.run_id``), or None."""
    import json

    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):  # 100,000 nested "[" overflowed the decoder (found by a red-team pass)
        return None
    run = parsed.get("run") if isinstance(parsed, dict) else None
    run_id = run.get("run_id") if isinstance(run, dict) else None
    return run_id if isinstance(run_id, str) else None


def _readable(path: Path) -> None:
    """A target that cannot be read is a usage error, named, not a traceback."""
    if not os.access(path, os.R_OK) or (path.is_dir() and not os.access(path, os.X_OK)):
        raise UsageError(f"{path} cannot be read (permission denied)", fix="check the file's permissions")


def _print_result(data: dict[str, Any], *, show_warnings: bool) -> None:
    head = f"{one_line(data['source'])}: {data['errors']} error(s), {data['warnings']} warning(s)"
    stdout.print(head + (" - would be held" if data["errors"] else " - passes the gates"), markup=False)
    for f in data["findings"]:
        if f["severity"] == "warning" and not show_warnings:
            continue
        stdout.print(f"  {f['severity']:<7} {f['rule']:<22} {f['location']:<22} {f['message']}", markup=False)


@click.command("check")
@click.argument("target")
@click.option("--watcher", "watcher", default=None,
              help="Watcher id (or spec file) whose thresholds, banned lists and earlier reports apply.")
@click.option("--errors-only", is_flag=True, help="Print errors only (warnings still count in --json).")
@workspace_option
@json_option
def check_cmd(target: str, watcher: str | None, errors_only: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Lint a briefing: a Markdown, HTML or text file (ours or imported), a directory of them, or a RUN of
    this workspace (run id, WATCHER/DATE or a watcher's latest). A file this workspace's run wrote (.md, .html
    or .json, or a held draft) is checked as that run checked it. Each finding names its rule, severity
    (error blocks publishing), location and what to fix. Exit code 1 when any error is found."""
    from guancha.check import check_view
    from guancha.check.findings import CheckResult
    from guancha.check.loop import earlier_url_map
    from guancha.check.series import check_series
    from guancha.check.view import BriefingView, load_view

    path = Path(target)
    ws = _maybe_workspace(workspace_dir)
    results: list[dict[str, Any]] = []
    skipped: list[tuple[Path, str]] = []
    if path.exists():
        _readable(path)
        spec = _spec_for(watcher, ws)
        allowed = frozenset(ws.settings.http.allow_private_hosts) if ws is not None else frozenset()
        own: dict[int, dict[str, Any]] = {}
        others: list[tuple[Path, BriefingView]] = []
        known = _OwnReports(ws)
        files, skipped = _files(path)
        for file, why in skipped:
            stderr.print(f"skipped {plain(file)}: {why}", markup=False)
        for file in files:
            try:
                run = known.run_of(file)
                if run is not None and ws is not None:
                    data = _check_run(ws, run.id, watcher, file=file)
                    data["source"] = str(file)
                    own[len(own) + len(others)] = data
                elif file.suffix.lower() == ".json":
                    raise UsageError(f"{file} is JSON; check reads Markdown, HTML or text briefings",
                                     fix="check the report's .md or .html, or its run (WATCHER/DATE)")
                else:
                    others.append((file, load_view(file, limits=ws.settings.limits if ws is not None else None)))
            except UsageError as exc:
                if not path.is_dir():
                    raise
                # in a folder, one file too large or unreadable is named and the others are still checked
                skipped.append((file, exc.message))
                stderr.print(f"skipped {plain(file)}: {exc.message}" + (f" ({exc.fix})" if exc.fix else ""),
                             markup=False)

        def check_one(view: BriefingView, earlier_urls: dict[str, str]) -> CheckResult:
            if spec is not None and known.db is not None:  # the watcher's reports before this one's date
                before = view.date.isoformat() if view.date else None
                earlier_urls = {**earlier_url_map(known.db, spec.id, before), **earlier_urls}
            if spec is None:
                return check_view(view, earlier_urls=earlier_urls, allowed_hosts=allowed)
            return check_view(view, shape=spec.report, checks=spec.checks, window_hours=spec.window_hours,
                              watcher_title=spec.title, earlier_urls=earlier_urls, allowed_hosts=allowed)

        checked = iter(r.as_dict() for r in check_series(others, check_one))
        results.extend(own[i] if i in own else next(checked) for i in range(len(own) + len(others)))
        if not results:
            raise UsageError(f"no briefing files in {path}" + (f" ({len(skipped)} skipped)" if skipped else ""),
                             fix="pass a briefing (.md, .html, .txt, .rst, .adoc, .org or .eml) or a folder of them")
    else:
        if ws is None:
            raise UsageError(f"{target} is neither a file nor a run (no workspace here)",
                             fix="pass a briefing file, or --workspace DIR with a run id or WATCHER/DATE")
        results.append(_check_run(ws, target, watcher))
    errors = sum(r["errors"] for r in results)
    if as_json:
        skipped_json = [{"file": str(f), "reason": why} for f, why in skipped]
        if len(results) == 1:
            print_json({**results[0], "skipped": skipped_json} if skipped else results[0])
        else:
            by_rule: Counter[str] = Counter()
            for r in results:
                by_rule.update(r["by_rule"])
            print_json({"reports": results, "files": len(results), "errors": errors,
                        "skipped": skipped_json,
                        "warnings": sum(r["warnings"] for r in results), "by_rule": dict(sorted(by_rule.items())),
                        "findings": [dict(f, file=r["source"]) for r in results for f in r["findings"]]})
    else:
        for r in results:
            _print_result(r, show_warnings=not errors_only)
    if errors:
        raise SystemExit(1)


def _check_run(ws: Workspace, ref: str, watcher: str | None, *, file: Path | None = None) -> dict[str, Any]:
    """Re-check a run's stored report with its evidence (collected articles, earlier reports of earlier dates),
    its Markdown and HTML together as the run checked them. With ``file`` (one of the report's own files,
    perhaps edited since), that file's text is checked in their place with the same evidence."""

    from guancha.check.grounding import evidence_for_articles, evidence_for_collection
    from guancha.check.loop import check_markdown, earlier_url_map
    from guancha.review import resolve_run
    from guancha.store import runs as rstore

    db = ws.db()
    row = resolve_run(db, ref)
    report = rstore.get_report(db, row["id"])
    if report is None:
        raise UsageError(f"run {row['id'][:12]} has no rendered report yet",
                         fix=f"resume it: guancha run {row['watcher_id']} --date {row['report_date']} --resume")
    spec = _spec_for(watcher or row["watcher_id"], ws)
    assert spec is not None
    as_of = parse_iso(row["as_of"])
    collected = rstore.load_stage(db, row["id"], "collect") or {}
    if collected.get("collection_id"):
        evidence = evidence_for_collection(db, collected["collection_id"])
    else:
        evidence = evidence_for_articles(db, [c.article_id for c in rstore.report_citations(db, row["id"])],
                                         as_of=as_of, window_hours=spec.window_hours)
    evidence.as_of, evidence.window_hours = as_of, spec.window_hours
    for c in rstore.report_citations(db, row["id"]):
        extra = evidence_for_articles(db, [c.article_id], as_of=as_of, window_hours=spec.window_hours)
        for key, art in extra.articles.items():
            evidence.articles.setdefault(key, art)
    earlier = earlier_url_map(db, spec.id, row["report_date"])
    markdown, html = report["markdown"], report["html"]
    if file is not None and file.suffix.lower() != ".json":
        text = file.read_text(encoding="utf-8", errors="replace")
        if text not in (markdown, html):
            if file.suffix.lower() in {".html", ".htm"}:
                from guancha.check import check_view
                from guancha.check.view import load_view

                allowed = frozenset(ws.settings.http.allow_private_hosts)
                return check_view(load_view(file), shape=spec.report, checks=spec.checks,
                                  window_hours=spec.window_hours, watcher_title=spec.title, earlier_urls=earlier,
                                  run=evidence, allowed_hosts=allowed).as_dict()
            markdown, html = text, None
    result = check_markdown(markdown, spec, evidence=evidence, earlier_urls=earlier, html=html)
    data = result.as_dict()
    data["source"] = f"run {row['id'][:12]} ({row['watcher_id']} {row['report_date']} v{row['version']}, {row['status']})"
    return data


@click.command("review")
@click.argument("run_ref", metavar="RUN")
@click.option("--findings/--no-findings", default=True, help="List each iteration's findings.")
@click.option("--draft", type=click.Choice(["md", "html"]), is_flag=False, flag_value="md", default=None,
              help="Show the report itself as checked: --draft prints its Markdown, --draft html the path of "
                   "its HTML (a held report's draft lives in the workspace's private .guancha/drafts/).")
@workspace_option
@json_option
def review_cmd(run_ref: str, findings: bool, draft: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Show what the check/revise loop did for RUN: each iteration's findings and rubric scores, what the
    next revision targeted and what it changed, the outcome and any approval. With --draft, the report."""
    from guancha.review import review_run

    ws = find_workspace(workspace_dir)
    if draft is not None:
        _show_draft(ws, run_ref, draft, as_json=as_json)
        return
    data = review_run(ws, run_ref)
    if as_json:
        print_json(data)
        return
    out = data.get("outcome") or {}
    stdout.print(f"Run {data['run_id'][:12]}  {data['watcher']} {data['date']} v{data['version']}  status: "
                 f"{data['status']}", markup=False)
    if out:
        stdout.print(f"  kept iteration {out['best_iteration']}: {out['reason']}", markup=False)
    for it in data["iterations"]:
        score = f", score {it['score']:g}/{it['max_score']:g} (ship at {it['threshold']:g})" if it["score"] is not None else ""
        stdout.print(f"\nIteration {it['iteration']}: {it['errors']} error(s), {it['warnings']} warning(s){score}"
                     f" -> {it['action']}", markup=False)
        for change in it["changes_from_previous"]:
            stdout.print(f"  changed: {change}", markup=False)
        if it["revised_next"]:
            stdout.print(f"  next revision rewrites: {', '.join(it['revised_next'])}", markup=False)
        for s in it["scores"]:
            stdout.print(f"  {s['metric']:<22} {s['score']:>2}/10 x{s['weight']:g}  {s['reason']}", markup=False)
        if findings:
            for f in it["findings"]:
                where = f"story {f['story']}" if f["story"] else f["section"]
                line = f", line {f['line']}" if f["line"] else ""
                stdout.print(f"  {f['severity']:<7} {f['rule']:<22} {where}{line}: {f['message']}", markup=False)
    for a in data["approvals"]:
        stdout.print(f"\nApproved {a['approved_at']} by {a['approved_by']} ({a['errors_at_approval']} error(s) "
                     f"overridden): {a['reason']}", markup=False)


def _show_draft(ws: Workspace, run_ref: str, kind: str, *, as_json: bool) -> None:
    """Print a run's report (Markdown) or the path of its HTML: the draft of a held run, else its files."""
    from guancha.drafts import ensure_draft
    from guancha.review import resolve_run
    from guancha.store import runs as rstore

    db = ws.db()
    row = resolve_run(db, run_ref)
    report = rstore.get_report(db, row["id"])
    if report is None:
        raise UsageError(f"run {row['id'][:12]} has no rendered report yet",
                         fix=f"resume it: guancha run {row['watcher_id']} --date {row['report_date']} --resume")
    if row["status"] == "held":
        paths = {k: str(v) for k, v in ensure_draft(ws, row).items()}
    else:
        paths = {k: report[f"{k}_path"] for k in ("md", "html") if report[f"{k}_path"]}
    if as_json:
        print_json({"run_id": row["id"], "status": row["status"], "paths": paths,
                    "markdown": report["markdown"] if kind == "md" else None})
    elif kind == "html":
        if "html" not in paths:
            raise UsageError(f"run {row['id'][:12]} ({row['status']}) has no HTML file",
                             fix=f"print its Markdown: guancha review {run_ref} --draft")
        stdout.print(paths["html"], markup=False)
    else:
        stdout.print(report["markdown"], markup=False)


@click.command("approve")
@click.argument("run_ref", metavar="RUN")
@click.option("--why", required=True, help="What you checked and why this held report may be published.")
@click.option("--by", "who", default=None, help="Who approves (default: the current user).")
@workspace_option
@json_option
def approve_cmd(run_ref: str, why: str, who: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Release a held report: record the approval (time, person, reason), then finalise it - files written,
    its URLs and stories added to the ledger - exactly as a passing report would be."""
    from guancha.review import approve_run

    ws = find_workspace(workspace_dir)
    person = who or os.environ.get("GUANCHA_USER") or _user()
    result = approve_run(ws, run_ref, why=why, who=person)
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    stdout.print(f"Approved {result.watcher} {result.date} (run {result.run_id[:12]}) at {result.approved_at}; "
                 f"{result.errors_overridden} error finding(s) overridden.", markup=False)
    for kind, p in sorted(result.paths.items()):
        stdout.print(f"  {kind}: {p}", markup=False)
    if result.published:
        stdout.print("Published: " + ", ".join(f"{n} {k}" for k, n in sorted(result.published.items())), markup=False)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.command("status")
@click.option("--recent", default=5, show_default=True, help="Recent runs to list per watcher.")
@workspace_option
@json_option
def status_cmd(recent: int, workspace_dir: Path | None, as_json: bool) -> None:
    """Held reports waiting for review or approval, unfinished runs (stale ones with how to resume or abandon
    them), collections left running by a process that is gone (marked interrupted now), each watcher's schedule (next run, last success, lateness), each watcher's recent runs, and the
    reports imported from archives. A watcher spec with an invalid schedule stops it with exit 2."""
    from guancha.due import watcher_schedules
    from guancha.review import status_overview
    from guancha.runstate import mark_interrupted_collections, unfinished_runs
    from guancha.store.imports import imported_summary

    ws = find_workspace(workspace_dir)
    data = status_overview(ws, per_watcher=recent)
    data["unfinished"] = unfinished_runs(ws)
    data["interrupted_collections"] = mark_interrupted_collections(ws)
    data["imported"] = imported_summary(ws.db())
    data["deliveries"] = _deliveries(ws)
    now = dt.datetime.now(dt.UTC)
    data["schedules"] = [d.as_dict(now) for d in watcher_schedules(ws, now)]
    data["alarms"] = _alarms(ws)
    if as_json:
        print_json(data)
        return
    held = data["held"]
    stdout.print(f"Held reports: {len(held)}", markup=False)
    for h in held:
        stdout.print(f"  {h['run_id'][:12]}  {h['watcher_id']} {h['report_date']} v{h['version']}  "
                     f"{h['reason'] or ''}", markup=False)
    if held:
        stdout.print("  read one with 'guancha review RUN --draft', see why with 'guancha review RUN'; release it with "
                     "'guancha approve RUN --why \"...\"'", markup=False)
    unfinished = data["unfinished"]
    if unfinished:
        stdout.print(f"\nUnfinished runs: {len(unfinished)}", markup=False)
        for u in unfinished:
            what = {"running": "running", "stale": "stale: marked running but its process is gone",
                    "failed": f"stopped: {(u['error'] or 'failed').splitlines()[0][:100]}"}[u["state"]]
            stdout.print(f"  {u['run_id'][:12]}  {u['watcher_id']} {u['report_date']} v{u['version']}  ({what}; last "
                         f"stage {u['last_stage'] or 'none'}, at {u['updated_at']})", markup=False)
            if u["state"] != "running":
                stdout.print(f"    resume: {u['resume']}   abandon: {u['abandon']}", markup=False)
    interrupted = data["interrupted_collections"]
    if interrupted:
        stdout.print(f"\nCollections interrupted (marked now): {len(interrupted)}", markup=False)
        for c in interrupted:
            stdout.print(f"  {c['collection_id'][:12]}  {c['watcher_id']} started {c['started_at']}: {c['reason']}",
                         markup=False)
        stdout.print("  what they stored is kept; the next 'guancha collect' or 'guancha run' fetches the rest",
                     markup=False)
    _print_schedules(data["schedules"])
    if data["recent"]:
        stdout.print("\nRecent runs:", markup=False)
        for r in data["recent"]:
            score = f" score {r['score']:g}" if r["score"] is not None else ""
            errs = f" errors {r['errors']}" if r["errors"] is not None else ""
            stdout.print(f"  {r['watcher_id']:<16} {r['report_date']} v{r['version']}  {r['status']:<9} "
                         f"{r['writer']}{score}{errs}  {r['run_id'][:12]}", markup=False)
    imported = data["imported"]
    if imported["reports"]:
        span = f", {imported['first_date']} to {imported['last_date']}" if imported["first_date"] else ""
        stdout.print(f"\nImported reports: {imported['reports']} ({imported['topics']} "
                     f"{_plural(imported['topics'], 'topic')}{span}); "
                     "'guancha heuristics list' shows what they taught", markup=False)
    _print_deliveries(data["deliveries"])
    if data["alarms"]["open"] or data["alarms"]["resolved"]:
        from guancha.cli.alarm_cmds import print_incidents

        print_incidents(data["alarms"])
    if not (held or unfinished or data["recent"] or imported["reports"]):
        stdout.print("\nNo runs yet: 'guancha run WATCHER' writes a briefing, 'guancha import ARCHIVE' brings "
                     "existing reports in.", markup=False)


def _print_schedules(schedules: list[dict[str, Any]]) -> None:
    """Each watcher's schedule: when it runs next, its last finalised report, and whether its due run is late."""
    if not schedules:
        return
    stdout.print("\nSchedules ('guancha serve' runs them):", markup=False)
    for s in schedules:
        if s["schedule"] is None:
            stdout.print(f"  {s['watcher']:<16} not scheduled (add 'schedule:' to its spec)", markup=False)
            continue
        last = f"{s['last_success']['date']} (at {s['last_success']['at']})" if s["last_success"] else "never"
        if s["due_status"] in ("finalised", "held"):
            state = f"{s['due_date']} {s['due_status']}"
        else:
            late = _duration(s["late_seconds"] or 0)
            state = (f"{s['due_date']} late by {late}" + (f" (run {s['due_status']})" if s["due_status"] else ""))
        stdout.print(f"  {s['watcher']:<16} {s['schedule']} {s['timezone']}  next {s['next_run']}  last success "
                     f"{last}  due {state}", markup=False)


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h {rest // 60}m"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _alarms(ws: Workspace) -> dict[str, Any]:
    """The alarms evaluated now (recorded; their notices go out with the next 'guancha watchdog')."""
    from guancha.alarms import overview

    return overview(ws)


def _deliveries(ws: Workspace) -> dict[str, Any]:
    from guancha.store.deliveries import overview

    return overview(ws.db())


def _print_deliveries(data: dict[str, Any]) -> None:
    """The publish section of status: counts by state and every delivery that failed or is stuck."""
    counts = data["counts"]
    if not counts:
        return
    stdout.print("\nDeliveries: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), markup=False)
    for p in data["problems"]:
        retry = f", next try {p['next_attempt_at']}" if p["state"] == "failed" else ""
        stdout.print(f"  {p['state']:<7} {p['watcher_id']} {p['report_date']} v{p['version']} {p['channel']} "
                     f"{p['label']}: {p['attempts']} attempt(s){retry}: {p['last_error'] or ''}", markup=False)
    if data["problems"]:
        stdout.print("  retry now with 'guancha publish --now'", markup=False)
