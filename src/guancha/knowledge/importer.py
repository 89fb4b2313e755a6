"""Import briefing archives (files, directories, .tar.xz/.tar.gz/.zip) into the workspace database.

Each page is parsed (:mod:`guancha.briefing`), its encoding repaired and logged, and classified:
a *report* (stored with its stories, papers, implications and heuristic entries; complete heuristics go to
the knowledge base) or a *run artifact* (score sheets, learnings, delivery logs, drafts and iterations,
index pages), stored as text only. Files are keyed by the sha256 of their bytes, so importing the same
files again changes nothing. Pages are stored one by one (memory stays flat); heuristics then go to the
knowledge base in report-date order, so versions follow time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import tarfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from guancha.briefing import ParsedDocument, parse_document
from guancha.errors import UsageError
from guancha.inputfiles import input_too_large, line_count, read_regular_file, too_many_parts
from guancha.knowledge.kb import KnowledgeBase
from guancha.knowledge.parse import HeuristicsParse, ParsedEntry, parse_heuristics
from guancha.knowledge.schema import Heuristic, HeuristicSource
from guancha.spec import LimitsSettings
from guancha.store import Database, content_key
from guancha.store import imports as sql
from guancha.workspace import Workspace
from guancha.yamlload import safe_load

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")
ARCHIVE_SUFFIXES = (".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tar", ".zip")

# Pages that are not reports, recognised by the file name or the title (first match wins).
_ARTIFACT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("score-sheet", re.compile(r"\bscor(?:e|es|ing)\b|\brubric\b|final[-_ ]score", re.IGNORECASE)),
    ("delivery-log", re.compile(r"\bdelivery\b|delivery[-_ ]log|completion[-_ ]summary|pipeline[-_ ]test|"
                                r"test[-_ ]gen\d*|\btest run\b", re.IGNORECASE)),
    ("learnings", re.compile(r"\blearnings?\b|\blessons\b|\bpost[-_ ]mortem\b|^training$", re.IGNORECASE)),
    ("draft", re.compile(r"\biter(?:ation)?[-_ ]?\d+\b|\biteration\b|\bdraft\b|\brewrite\b", re.IGNORECASE)),
)


@dataclass
class ImportItem:
    path: str  # display path; archive members as "archive!member"
    data: bytes
    skipped: str = ""  # why the item was not read (a link, over the size limit)


class ImportFailure(BaseModel):
    file: str
    line: int | None = None
    heuristic: str | None = None
    reason: str


class ReportSummary(BaseModel):
    file: str
    report_id: str
    title: str | None
    topic: str | None
    date: str | None
    stories: int
    headlines: list[str]
    papers: int
    paper_titles: list[str]
    implications: int
    heuristics: int
    heuristics_complete: int
    heuristic_list: list[dict[str, object]]
    repairs: list[dict[str, object]]


class ArtifactSummary(BaseModel):
    file: str
    kind: str
    reason: str
    title: str | None


class SkippedHeuristic(BaseModel):
    """A complete heuristic entry that was not imported, and why (an id stated twice in one file)."""

    file: str
    item: int  # 1-based, in the file's heuristics
    line: int | None = None
    heuristic: str
    first_item: int  # the item imported under this id
    same_content: bool
    reason: str


class HeuristicCounts(BaseModel):
    entries: int = 0
    complete: int = 0
    incomplete: int = 0
    unparsed: int = 0
    imported: int = 0  # recorded in the knowledge base by this import: new, new versions and reconfirmations
    skipped: int = 0   # entries not recorded: incomplete, unparsed and duplicate ids
    new: int = 0
    reconfirmed: int = 0
    new_versions: int = 0
    already_recorded: int = 0
    forms: dict[str, int] = Field(default_factory=dict)
    duplicates: list[SkippedHeuristic] = Field(default_factory=list)
    merge_candidates: list[tuple[str, str, float]] = Field(default_factory=list)

    def line(self, shown: int = 3) -> str:
        """"imported 12, skipped 1 (duplicate id h-foo at item 7 of pack.md)": what got in and what did not."""
        reasons = [f"duplicate id {d.heuristic} at item {d.item} of {_short(d.file)}" for d in self.duplicates[:shown]]
        if len(self.duplicates) > shown:
            reasons.append(f"{len(self.duplicates) - shown} more duplicate ids, listed below")
        unusable = self.incomplete + self.unparsed
        if unusable:
            reasons.append(f"{unusable} incomplete or unreadable, listed under failures")
        skipped = f", skipped {self.skipped}" + (f" ({'; '.join(reasons)})" if reasons else "")
        return (f"heuristics imported {self.imported}{skipped} · new {self.new}, new versions {self.new_versions}, "
                f"reconfirmed {self.reconfirmed}")


def _short(path: str) -> str:
    return Path(path.split("!")[-1]).name


class ImportResult(BaseModel):
    files: int = 0
    unchanged: int = 0
    reports: int = 0
    packs: int = 0  # heuristics packs (``guancha heuristics export``): their heuristics only
    artifacts: int = 0
    unreadable: int = 0
    stories: int = 0
    papers: int = 0
    heuristics: HeuristicCounts = Field(default_factory=HeuristicCounts)
    repairs: dict[str, int] = Field(default_factory=dict)
    report_list: list[ReportSummary] = Field(default_factory=list)
    artifact_list: list[ArtifactSummary] = Field(default_factory=list)
    failures: list[ImportFailure] = Field(default_factory=list)

    def failures_by_reason(self) -> dict[str, int]:
        counts: Counter[str] = Counter(re.sub(r"\(.*", "", f.reason).strip() for f in self.failures)
        return dict(counts.most_common())


@dataclass
class _Parsed:
    item: ImportItem
    file_hash: str
    doc: ParsedDocument
    kind: str  # report / artifact / unreadable / skipped (over a limit: not stored)
    artifact_kind: str = ""
    reason: str = ""
    heuristics: HeuristicsParse | None = None
    extra: dict[str, object] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading inputs


_TOO_LARGE_FIX = "split the file, or raise limits.max_input_bytes in guancha.yaml if you trust it"


def too_large(path: str, size: int, limits: LimitsSettings) -> UsageError:
    return input_too_large(path, limits.max_input_bytes, _TOO_LARGE_FIX, size=size)


def iter_items(paths: Sequence[Path | str], limits: LimitsSettings | None = None) -> Iterator[ImportItem]:
    """Pages from files, directories (recursively) and archives, in a stable order.

    Inside a directory, symbolic links are never followed (a link to /etc/passwd is not a briefing); a file or
    archive member over ``limits.max_input_bytes`` comes back as a ``skipped`` item instead of its bytes."""
    limits = limits or LimitsSettings()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path} does not exist", fix="check the path; directories and archives are accepted")
        if path.is_dir():
            yield from _iter_directory(path, limits)
        elif _is_archive(path.name):
            yield from _iter_archive(path, limits)
        else:
            yield ImportItem(path=str(path), data=read_regular_file(path, limits.max_input_bytes,
                                                                    fix_size=_TOO_LARGE_FIX))


def _iter_directory(root: Path, limits: LimitsSettings) -> Iterator[ImportItem]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        found.extend(Path(folder) / name for name in files)
    for child in sorted(found):
        if not (_is_archive(child.name) or child.name.lower().endswith(PAGE_SUFFIXES)):
            continue
        if child.is_symlink() or not child.is_file():
            yield ImportItem(path=str(child), data=b"", skipped="a symbolic link or special file: not followed")
            continue
        size = child.stat().st_size
        if size > limits.max_input_bytes and not _is_archive(child.name):
            yield ImportItem(path=str(child), data=b"", skipped=str(too_large(str(child), size, limits).message))
        elif _is_archive(child.name):
            yield from _iter_archive(child, limits)
        else:
            yield ImportItem(path=str(child), data=child.read_bytes())


def _is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


# an archive packed inside the one imported is not opened (its size is unknown until unpacked): it is named, so that
# an import that found nothing else says why ("files 0" and no word was all it said)
_NESTED_ARCHIVE = "an archive inside the archive: not opened; unpack the outer archive and import the inner one"


def _iter_archive(path: Path, limits: LimitsSettings) -> Iterator[ImportItem]:
    name = path.name.lower()
    budget = limits.max_archive_bytes

    def member(label: str, size: int, is_link: bool) -> ImportItem | None:
        nonlocal budget
        shown = f"{path}!{label}"
        if is_link:
            return ImportItem(path=shown, data=b"", skipped="a symbolic or hard link inside the archive: not followed")
        if size > limits.max_input_bytes:
            return ImportItem(path=shown, data=b"", skipped=str(too_large(shown, size, limits).message))
        if size > budget:
            raise UsageError(f"{path} unpacks to more than {limits.max_archive_bytes:,} bytes",
                             fix="split the archive, or raise limits.max_archive_bytes in guancha.yaml")
        budget -= size
        return None

    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename):
                    if not info.is_dir() and _is_archive(info.filename):
                        yield ImportItem(path=f"{path}!{info.filename}", data=b"", skipped=_NESTED_ARCHIVE)
                        continue
                    if info.is_dir() or not info.filename.lower().endswith(PAGE_SUFFIXES):
                        continue
                    is_link = stat.S_ISLNK(info.external_attr >> 16)
                    refused = member(info.filename, info.file_size, is_link)
                    yield refused or ImportItem(path=f"{path}!{info.filename}", data=zf.read(info))
            return
        with tarfile.open(path, mode="r:*") as tf:
            # archive order: a compressed tar is a stream, and seeking backwards decompresses it again
            for entry in tf:
                if entry.isfile() and _is_archive(entry.name):
                    yield ImportItem(path=f"{path}!{entry.name}", data=b"", skipped=_NESTED_ARCHIVE)
                    continue
                if not entry.name.lower().endswith(PAGE_SUFFIXES) or not (entry.isfile() or entry.issym() or entry.islnk()):
                    continue
                refused = member(entry.name, entry.size, entry.issym() or entry.islnk())
                if refused is not None:
                    yield refused
                    continue
                handle = tf.extractfile(entry)
                if handle is None:
                    continue
                yield ImportItem(path=f"{path}!{entry.name}", data=handle.read())
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UsageError(f"cannot read archive {path}: {exc}",
                         fix="check that the file is a complete .tar.xz, .tar.gz or .zip archive") from exc


# --------------------------------------------------------------------------- classifying


def classify(name: str, doc: ParsedDocument) -> tuple[str, str, str]:
    """(report|artifact, artifact kind, reason). Name and title decide; an index page is told by its shape."""
    stem = Path(name.split("!")[-1]).name
    stem = re.sub(r"\.(html?|xhtml|md|markdown|txt)$", "", stem, flags=re.IGNORECASE)
    # the part of the file name after the date says what the page is: report-china-2026-03-25-final-score
    tail = re.split(r"\d{4}-\d{2}-\d{2}", stem, maxsplit=1)[-1].strip("-_ ")
    name_words = re.sub(r"^report[-_]", "", stem) if not re.search(r"\d{4}-\d{2}-\d{2}", stem) else tail
    title = doc.title or ""
    for kind, pattern in _ARTIFACT_RULES:
        if name_words and pattern.search(name_words.replace("-", " ").replace("_", " ")):
            return "artifact", kind, f"file name says '{name_words}'"
        if pattern.search(title):
            return "artifact", kind, f"title says '{title[:80]}'"
    first_text = " ".join(b.text for b in doc.blocks[:4])[:400]
    if re.search(r"\bcaptures (?:operational )?learnings?\b|\blessons learned\b", first_text, re.IGNORECASE):
        return "artifact", "learnings", "opening text describes learnings"
    links = sum(len(b.links) for b in doc.blocks)
    prose = sum(1 for b in doc.blocks if b.kind == "para" and len(b.text.split()) > 40)
    if links >= 20 and prose < 3 and not doc.stories:
        return "artifact", "index", f"{links} links and {prose} paragraphs of prose: an index page"
    return "report", "", ""


# --------------------------------------------------------------------------- the import


def import_paths(
    target: Workspace | Database, paths: Sequence[Path | str], *, watcher: str | None = None,
    progress: Callable[[str], None] | None = None, limits: LimitsSettings | None = None,
) -> ImportResult:
    """Import every page under ``paths``. Idempotent: files already imported (same bytes) are skipped."""
    db = target.db() if isinstance(target, Workspace) else target
    if limits is None and isinstance(target, Workspace):
        limits = target.settings.limits
    kb = KnowledgeBase(db)
    result = ImportResult()
    seen_hashes: set[str] = set()
    guard = limits or LimitsSettings()
    # pass 1, streaming: each page is parsed and stored on its own, so memory stays flat
    for item in iter_items(paths, limits):
        result.files += 1
        if not item.skipped and (lines := line_count(item.data)) > guard.max_input_lines:
            item.skipped = too_many_parts(item.path, lines, guard.max_input_lines, "lines", "max_input_lines").message
        if item.skipped:
            result.unreadable += 1
            result.failures.append(ImportFailure(file=item.path, reason=item.skipped))
            continue
        file_hash = hashlib.sha256(item.data).hexdigest()
        if file_hash in seen_hashes or sql.file_known(db, file_hash) is not None:
            result.unchanged += 1
            continue
        seen_hashes.add(file_hash)
        if progress:
            progress(item.path)
        p = _parse_item(item, file_hash, guard.max_input_blocks)
        if p.kind == "skipped":   # not stored: the same file imports once its limit is raised
            result.unreadable += 1
            result.failures.append(ImportFailure(file=item.path, reason=p.reason))
            seen_hashes.discard(file_hash)
            continue
        if p.kind == "artifact":
            _store_artifact(db, p, watcher, result)
        elif p.kind == "unreadable":
            _store_unreadable(db, p, result)
        else:
            _store_report(db, p, watcher, result)
        for repair in p.doc.repairs.as_list():
            result.repairs[repair.kind] = result.repairs.get(repair.kind, 0) + repair.count
    # pass 2: heuristics into the knowledge base in report-date order, so versions follow time
    _record_heuristics(db, kb, result)
    result.heuristics.merge_candidates = kb.merge_candidates()
    return result


def _record_heuristics(db: Database, kb: KnowledgeBase, result: ImportResult) -> None:
    counts = result.heuristics
    by_report: dict[str, list[Any]] = {}  # one pass: a scan of every row per report was reports x rows
    for r in sql.unrecorded_heuristics(db):
        by_report.setdefault(r["report_id"], []).append(r)
    for report_id, report_rows in by_report.items():
        with db.transaction() as cur:
            for row in report_rows:
                heuristic = Heuristic.model_validate_json(row["heuristic_json"])
                report_date = dt.date.fromisoformat(row["report_date"]) if row["report_date"] else None
                outcome = kb.record_in(cur, heuristic, source_ref=report_id, source_date=report_date,
                                       source_title=row["title"], watcher_id=row["watcher_id"])
                if outcome.kind == "new":
                    counts.new += 1
                elif outcome.kind == "reconfirmed":
                    counts.reconfirmed += 1
                elif outcome.kind == "new-version":
                    counts.new_versions += 1
                else:
                    counts.already_recorded += 1
    counts.imported = counts.new + counts.reconfirmed + counts.new_versions


PACK_SUFFIXES = (".json", ".yaml", ".yml")


def pack_text(name: str, data: bytes) -> str | None:
    """The text of a heuristics pack as ``guancha heuristics export`` writes it (JSON or YAML: a mapping whose
    ``heuristics`` is a list), named by path; None for anything else. Without this, a pack was stored as an
    imported report with no stories and none of its heuristics reached the knowledge base."""
    if not name.lower().endswith(PACK_SUFFIXES):
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    try:
        loaded = json.loads(text) if name.lower().endswith(".json") else safe_load(text)
    except (ValueError, yaml.YAMLError):
        return None
    if isinstance(loaded, dict) and isinstance(loaded.get("heuristics"), list):
        return text
    return None


def _parse_item(item: ImportItem, file_hash: str, max_blocks: int = 10_000) -> _Parsed:
    name = item.path.split("!")[-1]
    pack = pack_text(name, item.data)
    if pack is not None:  # its heuristics, recorded like a report's; the file is its source
        doc = ParsedDocument(format="text", filename=name, title=f"heuristics pack {Path(name).name}")
        return _Parsed(item=item, file_hash=file_hash, doc=doc, kind="report", heuristics=parse_heuristics(pack),
                       extra={"pack": True})
    doc = parse_document(item.data, filename=name)
    if len(doc.blocks) > max_blocks:
        reason = too_many_parts(item.path, len(doc.blocks), max_blocks, "blocks", "max_input_blocks").message
        return _Parsed(item=item, file_hash=file_hash, doc=doc, kind="skipped", reason=reason)
    if not doc.blocks:
        return _Parsed(item=item, file_hash=file_hash, doc=doc, kind="unreadable", reason="no text found")
    kind, artifact_kind, reason = classify(item.path, doc)
    p = _Parsed(item=item, file_hash=file_hash, doc=doc, kind=kind, artifact_kind=artifact_kind, reason=reason)
    if kind == "report" and doc.heuristics is not None:
        p.heuristics = parse_heuristics(
            doc.heuristics.raw, default_source=HeuristicSource(report=_plain_title(doc), date=doc.date))
    if kind == "artifact":
        p.extra["text"] = "\n".join(b.text for b in doc.blocks)
    doc.blocks = []  # not needed any more; keeps memory flat over big archives
    doc.text = ""
    return p


def _plain_title(doc: ParsedDocument) -> str | None:
    if not doc.title:
        return None
    return re.sub(r"^[^\w]+", "", doc.title).strip() or doc.title


def _store_unreadable(db: Database, p: _Parsed, result: ImportResult) -> None:
    with db.transaction() as cur:
        sql.insert_file(cur, p.file_hash, p.item.path, 0, "unreadable")
    result.unreadable += 1
    result.failures.append(ImportFailure(file=p.item.path, reason=p.reason))


def _store_artifact(db: Database, p: _Parsed, watcher: str | None, result: ImportResult) -> None:
    doc = p.doc
    with db.transaction() as cur:
        sql.insert_file(cur, p.file_hash, p.item.path, len(str(p.extra.get("text", ""))), "artifact")
        sql.insert_artifact(cur, {
            "id": content_key(p.file_hash), "file_hash": p.file_hash, "watcher_id": watcher,
            "source_path": p.item.path, "kind": p.artifact_kind, "reason": p.reason, "title": doc.title,
            "artifact_date": doc.date.isoformat() if doc.date else None, "text": str(p.extra.get("text", "")),
        })
    result.artifacts += 1
    result.artifact_list.append(ArtifactSummary(file=p.item.path, kind=p.artifact_kind, reason=p.reason,
                                                title=doc.title))


def _store_report(db: Database, p: _Parsed, watcher: str | None, result: ImportResult) -> None:
    doc = p.doc
    report_id = content_key(p.file_hash)
    entries = p.heuristics.entries if p.heuristics else []
    summary = doc.summary()
    summary["problems"] = [{"line": pr.line, "where": pr.where, "reason": pr.reason} for pr in doc.problems]
    summary["heuristic_entries"] = len(entries)
    counts = result.heuristics
    with db.transaction() as cur:
        sql.insert_file(cur, p.file_hash, p.item.path, 0, "report")
        sql.insert_report(cur, {
            "id": report_id, "file_hash": p.file_hash, "watcher_id": watcher, "source_path": p.item.path,
            "format": doc.format, "title": doc.title, "topic": doc.topic, "emoji": doc.emoji,
            "report_date": doc.date.isoformat() if doc.date else None, "long_date": doc.long_date,
            "implications": "\n\n".join(par.text for par in doc.implications),
            "summary_json": _json(summary),
        })
        for position, story in enumerate(doc.stories):
            sql.insert_story(cur, report_id, position, {
                "emoji": story.emoji, "headline": story.headline, "title": story.title, "subtitle": story.subtitle,
                "body": story.body, "line": story.line,
                "links": [{"text": lk.text, "url": lk.url, "line": lk.line, "image": lk.image} for lk in story.links],
                "sources": [{"text": s.text, "url": s.url, "line": s.line} for s in story.sources],
            })
        for position, paper in enumerate(doc.papers):
            sql.insert_paper(cur, report_id, position, {
                "title": paper.title, "authors": paper.authors, "affiliation": paper.affiliation,
                "date": paper.date, "why": paper.why, "url": paper.url, "line": paper.line})
        complete = 0
        first_of: dict[str, tuple[int, str]] = {}  # heuristic id -> (item, decision content) of its first entry
        for position, entry in enumerate(entries):
            line = doc.heuristics.source_line(entry.line) if doc.heuristics else None
            problems = [{"line": doc.heuristics.source_line(pr.line) if doc.heuristics else None,
                         "field": pr.field, "reason": pr.reason} for pr in entry.problems]
            duplicate = _duplicate(entry, position + 1, first_of, p.item.path, line)
            if duplicate is not None:
                counts.duplicates.append(duplicate)
                counts.skipped += 1
                problems.append({"line": line, "field": "id", "reason": duplicate.reason})
            recorded = entry.heuristic if duplicate is None else None
            sql.insert_heuristic_entry(cur, report_id, position, {
                "heuristic_id": entry.heuristic.id if entry.heuristic else entry.id, "form": entry.form,
                "complete": entry.complete, "line": line, "fields": entry.fields, "problems": problems,
                "raw": entry.raw,
                "heuristic_json": recorded.model_dump_json() if recorded is not None else None})
            counts.entries += 1
            counts.forms[entry.form] = counts.forms.get(entry.form, 0) + 1
            if entry.form == "unparsed":
                counts.unparsed += 1
                counts.skipped += 1
            if entry.complete:
                complete += 1
                counts.complete += 1
            elif entry.form != "unparsed":
                counts.incomplete += 1
                counts.skipped += 1
            for pr in entry.problems:
                result.failures.append(ImportFailure(
                    file=p.item.path, line=doc.heuristics.source_line(pr.line) if doc.heuristics else None,
                    heuristic=entry.id, reason=f"{pr.field}: {pr.reason}" if pr.field else pr.reason))
        if p.heuristics:
            for pr in p.heuristics.problems:
                result.failures.append(ImportFailure(
                    file=p.item.path, line=doc.heuristics.line if doc.heuristics else None, reason=pr.reason))
    if p.extra.get("pack"):
        result.packs += 1
    else:
        result.reports += 1
    result.stories += len(doc.stories)
    result.papers += len(doc.papers)
    result.report_list.append(ReportSummary(
        file=p.item.path, report_id=report_id, title=doc.title, topic=doc.topic,
        date=doc.date.isoformat() if doc.date else None, stories=len(doc.stories),
        headlines=[s.headline for s in doc.stories], papers=len(doc.papers),
        paper_titles=[paper.title for paper in doc.papers], implications=len(doc.implications),
        heuristics=len(entries), heuristics_complete=complete,
        heuristic_list=[_entry_summary(e) for e in entries],
        repairs=[r.as_dict() for r in doc.repairs.as_list()]))


def _duplicate(entry: ParsedEntry, item: int, first_of: dict[str, tuple[int, str]], file: str,
               line: int | None) -> SkippedHeuristic | None:
    """The entry as skipped when an earlier entry of the same file has its id; None for the first (it is imported).

    The first wins: a file is read top to bottom, and refusing a whole archive over one repeated id would keep
    every other heuristic out. The later one is never dropped silently: it is counted, named with both items, and
    kept with its text among the file's entries."""
    h = entry.heuristic
    if h is None:
        return None
    first = first_of.setdefault(h.id, (item, h.decision_key()))
    if first[0] == item:
        return None
    same = first[1] == h.decision_key()
    what = ("states the same rule again" if same else
            "states a different rule: not imported; give it an id of its own, or keep one of the two")
    return SkippedHeuristic(file=file, item=item, line=line, heuristic=h.id, first_item=first[0], same_content=same,
                            reason=f"duplicate id {h.id} at item {item} (item {first[0]} has it): {what}")


def _entry_summary(entry: ParsedEntry) -> dict[str, object]:
    data: dict[str, object] = {"id": entry.id, "form": entry.form, "complete": entry.complete}
    if entry.heuristic is not None:
        data["heuristic"] = entry.heuristic.model_dump(mode="json")
    if entry.problems:
        data["problems"] = [f"{pr.field}: {pr.reason}" if pr.field else pr.reason for pr in entry.problems]
    if entry.notes:
        data["notes"] = entry.notes
    return data


def _json(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, default=str)
