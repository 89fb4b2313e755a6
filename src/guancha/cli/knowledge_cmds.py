"""``guancha import`` and ``guancha heuristics ...``: output only; the work is in guancha.knowledge."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from guancha.cli._common import (
    get_workspace,
    json_option,
    one_line,
    plain,
    print_json,
    safe,
    stderr,
    stdout,
    workspace_option,
)
from guancha.errors import UsageError
from guancha.knowledge.export import export, pack_entry
from guancha.knowledge.importer import import_paths
from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.monitor import EvidenceRecord, decide_by_person, heuristic_standing, list_evidence
from guancha.knowledge.schema import HeuristicStatus, StoredHeuristic

STATUS_CHOICES = click.Choice([s.value for s in HeuristicStatus])


def out(text: str) -> None:
    """Data lines: printed as is (ids and text may hold brackets that rich would read as markup)."""
    stdout.print(plain(text), markup=False)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--watcher", default=None, help="Watcher id to file the imported reports and heuristics under.")
@workspace_option
@json_option
def import_cmd(paths: tuple[Path, ...], watcher: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Import briefing files, directories or .tar.xz/.tar.gz/.zip archives (HTML, Markdown, text), and
    heuristics packs ('guancha heuristics export', JSON or YAML, named as files).

    Reports are stored with their stories, papers, implications and heuristics; drafts, score sheets,
    learnings and delivery logs become run artifacts. Re-importing the same files changes nothing."""
    ws = get_workspace(workspace_dir)
    show_progress = not as_json and sys.stderr.isatty()
    seen = [0]

    def progress(path: str) -> None:
        seen[0] += 1
        if show_progress:
            stderr.print(f"[dim]{seen[0]:>5} {safe(path.split('!')[-1][-70:])}[/]", markup=True, end="\r")

    result = import_paths(ws, list(paths), watcher=watcher, progress=progress)
    if as_json:
        data = result.model_dump()
        data["failures_by_reason"] = result.failures_by_reason()
        print_json(data)
        return
    h = result.heuristics
    packs = f" · heuristics packs {result.packs}" if result.packs else ""
    out(f"files {result.files} (unchanged {result.unchanged}) · reports {result.reports}{packs} · "
                 f"artifacts {result.artifacts} · unreadable {result.unreadable}")
    out(f"stories {result.stories} · papers {result.papers}")
    out(f"heuristic entries {h.entries}: complete {h.complete}, incomplete {h.incomplete}, unparsed {h.unparsed}")
    out(h.line())
    if result.repairs:
        out("repairs: " + ", ".join(f"{k} {v}" for k, v in sorted(result.repairs.items())))
    if h.merge_candidates:
        out(f"merge candidates ({len(h.merge_candidates)}):")
        for a, b, score in h.merge_candidates[:20]:
            out(f"  {a}  ~  {b}  ({score:.2f})")
    if h.duplicates:
        out(f"skipped, duplicate ids ({len(h.duplicates)}):")
        for d in h.duplicates:
            out(f"  {one_line(d.file.split('!')[-1])}" + (f":{d.line}" if d.line else "") + f" {d.reason}")
    if result.failures:
        out(f"failures ({len(result.failures)}):")
        for f in result.failures:
            where = one_line(f.file.split("!")[-1]) + (f":{f.line}" if f.line else "")
            out(f"  {where} {f.heuristic or ''} {f.reason}")


@click.group("heuristics")
def heuristics_group() -> None:
    """The heuristics knowledge base: list, show, search, export, merge, retire; evidence, confirm, dismiss."""


def _kb(workspace_dir: Path | None) -> KnowledgeBase:
    return KnowledgeBase(get_workspace(workspace_dir).db())


def _filters(func: Any) -> Any:
    func = click.option("--watcher", default=None, help="Only heuristics of this watcher.")(func)
    func = click.option("--status", type=STATUS_CHOICES, default=None, help="Only this status.")(func)
    func = click.option("--domain", default=None, help="Only heuristics tagged with this domain.")(func)
    return func


def _line(stored: StoredHeuristic) -> str:
    h = stored.heuristic
    return (f"{h.id}  [{stored.status.value}] v{h.version} {h.confidence.level.value} "
            f"×{stored.confirmations}  {', '.join(h.domain)}")


@heuristics_group.command("list")
@_filters
@workspace_option
@json_option
def list_cmd(domain: str | None, status: str | None, watcher: str | None, workspace_dir: Path | None,
             as_json: bool) -> None:
    """List heuristics (current versions)."""
    chosen = _kb(workspace_dir).select(domain=domain, status=status, watcher=watcher)
    if as_json:
        print_json([pack_entry(s) for s in chosen])
        return
    for stored in chosen:
        out(_line(stored))
    stdout.print(f"[dim]{len(chosen)} heuristic(s)[/]", markup=True)


@heuristics_group.command("show")
@click.argument("heuristic_id")
@workspace_option
@json_option
def show_cmd(heuristic_id: str, workspace_dir: Path | None, as_json: bool) -> None:
    """Show one heuristic: every version (with what changed), its sources and links."""
    kb = _kb(workspace_dir)
    stored = kb.get(heuristic_id)
    if stored is None:
        raise UsageError(f"no heuristic '{heuristic_id}'", fix="see 'guancha heuristics list' or 'search'")
    sightings = kb.sightings(heuristic_id)
    if as_json:
        data = stored.model_dump(mode="json")
        data["sightings"] = sightings
        data["events"] = kb.events(heuristic_id)
        data["standing"] = heuristic_standing(kb.db, heuristic_id).model_dump(mode="json")
        print_json(data)
        return
    h = stored.heuristic
    by_ref = {str(s["source_ref"]): s for s in sightings}
    out(f"{h.id}  status {stored.status.value} · v{h.version} · confirmations "
        f"{stored.confirmations} · first seen {stored.first_seen} · last confirmed {stored.last_confirmed}")
    if stored.retired_reason:
        merged = f" (merged into {stored.merged_into})" if stored.merged_into else ""
        out(f"retired: {stored.retired_reason}{merged}")
    for record in stored.history:
        v = record.heuristic
        changed = f" — changed: {', '.join(record.changed_fields)}" if record.changed_fields else ""
        origin = by_ref.get(record.source_ref or "", {})
        stated = f"{origin.get('source_date') or '?'}, {origin.get('source_title') or record.source_ref}"
        stdout.print(f"\n[bold]version {record.version}[/]", markup=True, end="")
        out(f" ({stated}){changed}")
        for name in ("domain", "when", "prefer", "over", "because", "breaks_when"):
            value = ", ".join(v.domain) if name == "domain" else getattr(v, name)
            out(f"  {name}: {value}")
        original = v.confidence.original
        written = "" if original.strip().lower() == v.confidence.level.value else f" (written {original})"
        out(f"  confidence: {v.confidence.level.value}{written}")
        if record.version > 1:
            for d in kb.diff(heuristic_id, record.version - 1, record.version):
                out(d.unified)
    out("\nsources:")
    for s in sightings:
        out(f"  {s['source_date']}  {s['kind']:<12} v{s['version']}  {s['source_title'] or s['source_ref']}")
    if stored.related:
        out("related: " + ", ".join(stored.related))
    standing = heuristic_standing(kb.db, heuristic_id)
    out(f"\nconfidence now {standing.confidence_now:.2f} ({standing.level_now.value}); stated "
        f"{standing.stated_confidence:.2f}")
    out(f"evidence ({len(standing.evidence)}):")
    for e in standing.evidence:
        out(_evidence_line(e))
    if standing.status_history:
        out("status history:")
        for c in standing.status_history:
            out(f"  {c.at}  {c.from_status} -> {c.to_status}  {c.reason or ''}")


@heuristics_group.command("search")
@click.argument("text")
@_filters
@workspace_option
@json_option
def search_cmd(text: str, domain: str | None, status: str | None, watcher: str | None,
               workspace_dir: Path | None, as_json: bool) -> None:
    """Find heuristics whose id, domain or text contains every word of TEXT."""
    found = _kb(workspace_dir).search(text, domain=domain, status=status, watcher=watcher)
    if as_json:
        print_json([pack_entry(s) for s in found])
        return
    for stored in found:
        out(_line(stored))
        out(f"    when: {stored.heuristic.when[:160]}")
    stdout.print(f"[dim]{len(found)} match(es)[/]", markup=True)


@heuristics_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json", "md"]), default="yaml", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@_filters
@workspace_option
def export_cmd(fmt: str, output: Path | None, domain: str | None, status: str | None, watcher: str | None,
               workspace_dir: Path | None) -> None:
    """Export an agent-loadable pack: YAML (reference layout), JSON (published schema) or Markdown.

    Another workspace takes a YAML or JSON pack in with 'guancha import FILE'."""
    text = export(_kb(workspace_dir), fmt, domain=domain, status=status, watcher=watcher)  # type: ignore[arg-type]
    if fmt == "md":   # YAML and JSON escape control codes; Markdown for people would carry an imported ESC raw
        text = plain(text)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        stderr.print(f"wrote {output}")


@heuristics_group.command("merge")
@click.argument("keep")
@click.argument("absorb")
@click.option("--why", default=None, help="Why they are the same rule.")
@workspace_option
@json_option
def merge_cmd(keep: str, absorb: str, why: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Merge ABSORB into KEEP: ABSORB is retired (kept, marked merged), its sources confirm KEEP."""
    stored = _kb(workspace_dir).merge(keep, absorb, why=why)
    if as_json:
        print_json(pack_entry(stored))
        return
    out(f"merged {absorb} into {keep}: {stored.confirmations} confirmation(s)")


@heuristics_group.command("retire")
@click.argument("heuristic_id")
@click.option("--why", required=True, help="What made it wrong or obsolete.")
@workspace_option
@json_option
def retire_cmd(heuristic_id: str, why: str, workspace_dir: Path | None, as_json: bool) -> None:
    """Retire a heuristic (kept, with the reason; no longer exported as active)."""
    stored = _kb(workspace_dir).retire(heuristic_id, why=why)
    if as_json:
        print_json(pack_entry(stored))
        return
    out(f"retired {heuristic_id}: {why}")


@heuristics_group.command("candidates")
@workspace_option
@json_option
def candidates_cmd(workspace_dir: Path | None, as_json: bool) -> None:
    """Pairs of different heuristics whose content is nearly the same (merge candidates)."""
    pairs = _kb(workspace_dir).merge_candidates()
    if as_json:
        print_json([{"a": a, "b": b, "similarity": s} for a, b, s in pairs])
        return
    for a, b, s in pairs:
        out(f"{s:.2f}  {a}  ~  {b}")
    out(f"{len(pairs)} candidate pair(s); merge with 'guancha heuristics merge KEEP ABSORB'")


def _evidence_line(e: EvidenceRecord) -> str:
    by = f" by {e.decided_by}" if e.decided_by else ""
    score = f" score {e.score:.2f}" if e.score is not None else ""
    return (f"  #{e.id}  {e.observed_at[:10]}  {e.verdict}{by} (proposed {e.proposed}, matched {e.matched}){score}\n"
            f"      {e.heuristic_id} · {e.url}\n      “{e.quote}”" + (f"\n      why: {e.reason}" if e.reason else ""))


@heuristics_group.command("evidence")
@click.argument("heuristic_id", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every piece of evidence, not only what waits for a person.")
@workspace_option
@json_option
def evidence_cmd(heuristic_id: str | None, show_all: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """Evidence the monitor found in the day's articles; by default what waits for a person (pending).

    Confirm one with 'guancha heuristics confirm ID' or dismiss it with 'guancha heuristics dismiss ID'."""
    found = list_evidence(get_workspace(workspace_dir).db(), heuristic_id, verdict=None if show_all else "pending")
    if as_json:
        print_json([e.model_dump(mode="json") for e in found])
        return
    for e in found:
        out(_evidence_line(e))
    out(f"{len(found)} piece(s) of evidence" + ("" if show_all else " waiting for a person"))


@heuristics_group.command("confirm")
@click.argument("evidence_id", type=int)
@click.option("--as", "verdict", type=click.Choice(["supports", "challenges", "breaks"]), default=None,
              help="The verdict (default: what the monitor proposed).")
@click.option("--why", default=None, help="Why, for the history.")
@workspace_option
@json_option
def confirm_cmd(evidence_id: int, verdict: str | None, why: str | None, workspace_dir: Path | None,
                as_json: bool) -> None:
    """Confirm a piece of evidence; the heuristic's status then follows its confirmed evidence."""
    _decide(evidence_id, verdict, why, workspace_dir, as_json)


@heuristics_group.command("dismiss")
@click.argument("evidence_id", type=int)
@click.option("--why", default=None, help="Why it does not bear on the heuristic.")
@workspace_option
@json_option
def dismiss_cmd(evidence_id: int, why: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    """Dismiss a piece of evidence (kept, marked dismissed); the status follows the evidence left."""
    _decide(evidence_id, "dismissed", why, workspace_dir, as_json)


def _decide(evidence_id: int, verdict: str | None, why: str | None, workspace_dir: Path | None, as_json: bool) -> None:
    record, move = decide_by_person(get_workspace(workspace_dir).db(), evidence_id, verdict=verdict, why=why)
    if as_json:
        print_json({"evidence": record.model_dump(mode="json"), "moved": move.model_dump(mode="json") if move else None})
        return
    out(f"evidence #{record.id} on {record.heuristic_id}: {record.verdict}")
    if move is not None:
        out(f"{move.heuristic_id}: {move.from_status} -> {move.to_status}")
    else:
        out(f"{record.heuristic_id}: status unchanged")
