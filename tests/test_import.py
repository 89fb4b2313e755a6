"""``guancha import`` as a user runs it (a subprocess on a real workspace): files, directories, archives,
idempotence, artifacts; then the seed report and the real archive (skipped when ../shared is absent)."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from guancha.knowledge.export import pack_schema
from tests.conftest import require_corpus, require_seed, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "knowledge"


def db_counts(ws: Path) -> dict[str, int]:
    conn = sqlite3.connect(ws / "guancha.db" if (ws / "guancha.db").exists() else next(ws.rglob("*.db")))
    out = {}
    for table in ("imported_files", "imported_reports", "imported_stories", "imported_papers", "run_artifacts",
                  "imported_heuristic_entries", "heuristics", "heuristic_versions", "heuristic_sightings"):
        out[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    conn.close()
    return out


def import_json(ws: Path, *paths: str | Path) -> dict:  # type: ignore[type-arg]
    proc = run_cli("import", *map(str, paths), "--json", "--workspace", str(ws))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_files_directories_and_archives_import_once(workspace: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURES, pages)
    first = import_json(workspace, pages)
    assert (first["files"], first["reports"], first["artifacts"]) == (3, 2, 1)
    assert first["artifact_list"][0]["kind"] == "score-sheet"
    assert first["stories"] == 4 and first["papers"] == 2
    assert first["heuristics"]["complete"] == 2 and first["heuristics"]["new"] == 2
    topics = sorted(r["topic"] for r in first["report_list"])
    assert topics == ["Harbor Robotics", "Orbital Computation"]
    before = db_counts(workspace)
    # the same pages again, loose and inside .zip and .tar.gz archives: nothing changes
    archive_zip = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive_zip, "w") as zf:
        for page in pages.iterdir():
            zf.write(page, f"site/{page.name}")
    archive_tgz = tmp_path / "pages.tar.gz"
    with tarfile.open(archive_tgz, "w:gz") as tf:
        tf.add(pages, arcname="site")
    again = import_json(workspace, pages, archive_zip, archive_tgz)
    assert again["files"] == 9 and again["unchanged"] == 9 and again["reports"] == 0
    assert db_counts(workspace) == before


def test_text_output_and_missing_path(workspace: Path) -> None:
    proc = run_cli("import", str(FIXTURES / "report.md"), "--workspace", str(workspace))
    assert proc.returncode == 0 and "reports 1" in proc.stdout
    bad = run_cli("import", str(FIXTURES / "nope.md"), "--workspace", str(workspace))
    assert bad.returncode == 2


def test_seed_report_acceptance(workspace: Path) -> None:
    seed = require_seed()
    data = import_json(workspace, seed)
    assert data["reports"] == 1 and data["artifacts"] == 0
    report = data["report_list"][0]
    assert report["topic"] == "China AI" and report["date"] == "2026-05-02"
    assert len(report["headlines"]) == 6
    assert all(" — " in h and "β" not in h for h in report["headlines"])
    assert report["papers"] == 3 and report["implications"] >= 3
    assert report["heuristics"] == 3 and report["heuristics_complete"] == 3
    fields = ("id", "domain", "when", "prefer", "over", "because", "breaks_when", "confidence", "source",
              "extracted_by", "version")
    for entry in report["heuristic_list"]:
        h = entry["heuristic"]
        assert all(h.get(f) for f in fields), entry["id"]
        assert h["source"]["date"] == "2026-05-02" and h["extracted_by"]
    flattened = report["heuristic_list"][1]["heuristic"]
    assert flattened["id"] == "inference-independence-fabrication-gap-divergence"
    assert flattened["confidence"]["level"] == "high" and flattened["domain"][0] == "china-ai"
    repairs = {r["kind"]: r for r in report["repairs"]}
    assert repairs["em-dash-restored"]["count"] > 50
    assert repairs["flag-restored"]["count"] >= 2
    assert repairs["greek-unrecoverable"]["recoverable"] is False


# ----------------------------------------------------------------------------------------------- corpus

_ENTRY_RE = re.compile(r"(?m)^[ \t]*-?[ \t]*id:[ \t]*([A-Za-z0-9][\w.-]*)|HEURISTIC[ \t]+([A-Za-z0-9][\w.-]*)[ \t]*\{")
_YAML_MARKERS = {f: re.compile(rf"\b{f}\s*:") for f in ("domain", "when", "prefer", "over", "because",
                                                        "breaks_when", "confidence")}
_V2_MARKERS = {"domain": re.compile(r"\bdomain\s*:"), "when": re.compile(r"\bWHEN\b"),
               "prefer": re.compile(r"\bPREFER\b"), "over": re.compile(r"\bOVER\b"),
               "because": re.compile(r"\bBECAUSE\b"), "breaks_when": re.compile(r"\bBREAKS_WHEN\b"),
               "confidence": re.compile(r"\bconfidence\s*:")}


def page_entries(page: bytes) -> list[tuple[str, set[str]]]:
    """Heuristic entries in a raw page, found without guancha's parsers: tags stripped with a regex,
    entities unescaped, entries split at each id line or HEURISTIC keyword; the fields each one has."""
    text = html.unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page.decode())))
    found = list(_ENTRY_RE.finditer(text))
    entries = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else min(len(text), m.end() + 6000)
        segment = text[m.end():end]
        v2 = m.group(2) is not None
        markers = _V2_MARKERS if v2 else _YAML_MARKERS
        present = {name for name, rx in markers.items() if rx.search(segment)}
        entries.append(((m.group(2) or m.group(1)).lower(), present))
    return entries


@pytest.mark.slow
@pytest.mark.corpus
def test_real_archive_import(workspace: Path) -> None:
    corpus = require_corpus()
    data = import_json(workspace, corpus)
    assert data["files"] == data["reports"] + data["artifacts"] + data["unreadable"]
    assert data["reports"] >= 150 and data["artifacts"] >= 20
    assert data["stories"] > 5 * 100 and data["papers"] > 300
    kinds = {a["kind"] for a in data["artifact_list"]}
    assert {"score-sheet", "draft", "delivery-log", "learnings"} <= kinds
    # independent measure: every entry the pages hold, with the decision fields the page gives it
    conn = sqlite3.connect(next(workspace.rglob("*.db")))
    parsed: dict[tuple[str, str], set[str]] = {}
    for path, hid, fields_json in conn.execute(
        "SELECT r.source_path, e.heuristic_id, e.fields_json FROM imported_heuristic_entries e"
        " JOIN imported_reports r ON r.id = e.report_id"
    ):
        fields = {k for k, v in json.loads(fields_json).items() if v not in (None, "", [], {})}
        parsed.setdefault((path, (hid or "").lower()), set()).update(fields)
    total = ok = 0
    misses = []
    with tarfile.open(corpus) as tf:  # one pass: a compressed tar is a stream
        raw_pages = {m.name: tf.extractfile(m).read() for m in tf if m.isfile()}  # type: ignore[union-attr]
    for report in data["report_list"]:
        page = raw_pages[report["file"].split("!", 1)[1]]
        for hid, present in page_entries(page):
            total += 1
            got = parsed.get((report["file"], re.sub(r"[^a-z0-9]+", "-", hid).strip("-")))
            if got is not None and present <= got:
                ok += 1
            else:
                misses.append((report["file"], hid, sorted(present - (got or set()))))
    assert total >= 400
    assert ok / total >= 0.99, misses[:20]
    # every failure is listed with its file and a reason
    assert data["failures"] and all(f["file"] and f["reason"] for f in data["failures"])
    # repeated ids across dates are versions or reconfirmations, never duplicate heuristics
    ids = [r[0] for r in conn.execute("SELECT heuristic_id FROM imported_heuristic_entries WHERE complete = 1")]
    assert conn.execute("SELECT COUNT(*) FROM heuristics").fetchone()[0] == len(set(ids))
    assert conn.execute("SELECT COUNT(*) FROM heuristic_sightings").fetchone()[0] == len(ids)
    h = data["heuristics"]
    assert h["reconfirmed"] + h["new_versions"] == len(ids) - len(set(ids)) > 0
    conn.close()
    # the export validates against the published schema and the YAML loads back
    proc = run_cli("heuristics", "export", "--format", "json", "--workspace", str(workspace))
    assert proc.returncode == 0, proc.stderr
    pack = json.loads(proc.stdout)
    jsonschema.validate(pack, pack_schema())
    assert len(pack["heuristics"]) == len(set(ids))
    proc = run_cli("heuristics", "export", "--format", "yaml", "--workspace", str(workspace))
    assert len(yaml.safe_load(proc.stdout)["heuristics"]) == len(set(ids))
    # importing the archive again changes nothing
    again = import_json(workspace, corpus)
    assert again["unchanged"] == again["files"] and again["reports"] == 0


def test_index_pages_and_titles_classify_as_artifacts() -> None:
    from guancha.briefing import parse_document
    from guancha.knowledge.importer import classify

    links = "".join(f'<li><a href="/r/{i}.html">Report {i}</a></li>' for i in range(30))
    index = parse_document(f"<html><body><main><h1>All reports</h1><ul>{links}</ul></main></body></html>")
    assert classify("site/reports.html", index)[:2] == ("artifact", "index")
    report = parse_document((FIXTURES / "report.md").read_bytes(), filename="report.md")
    assert classify("orbital-2026-04-10.md", report)[0] == "report"
    assert classify("orbital-2026-04-10-iteration-3.md", report)[:2] == ("artifact", "draft")
    assert classify("orbital-2026-04-10-final.md", report)[0] == "report"
    learn = parse_document("# Learnings from the Harbor watcher — 2026-04-12\n\nWhat went wrong this week.\n")
    assert classify("notes.md", learn)[:2] == ("artifact", "learnings")


@pytest.mark.parametrize("outer", ["zip", "tar.gz"])
def test_an_archive_inside_an_archive_is_named_not_passed_over(workspace: Path, tmp_path: Path, outer: str) -> None:
    """An archive packed in the one imported used to be passed over without a word ("files 0"); it is named, with
    what to do, and the pages beside it are imported."""
    inner = tmp_path / "older-reports.tar.xz"
    with tarfile.open(inner, "w:xz") as tf:
        tf.add(FIXTURES / "report.md", arcname="report.md")
    archive = tmp_path / f"bundle.{outer}"
    if outer == "zip":
        with zipfile.ZipFile(archive, "w") as zf:
            zf.write(inner, "nested/older-reports.tar.xz")
            zf.write(FIXTURES / "report.md", "report.md")
    else:
        with tarfile.open(archive, "w:gz") as tf:
            tf.add(inner, arcname="nested/older-reports.tar.xz")
            tf.add(FIXTURES / "report.md", arcname="report.md")
    data = import_json(workspace, archive)
    assert data["reports"] == 1
    named = [f for f in data["failures"] if f["file"].endswith("!nested/older-reports.tar.xz")]
    assert len(named) == 1 and "archive inside the archive" in named[0]["reason"]
