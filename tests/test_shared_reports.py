"""Shared outputs for a team (issue 17): report files in one folder shared by every machine, or in the
database only; either way the site and `guancha report` read the shared database, whichever machine ran
the watcher.

"Two machines" are two workspace folders with the same settings but their own roots, on one PostgreSQL
database, run one after the other on the two-day city-transit sample web (one loopback server, so the
source URLs are the same for both).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guancha.sampleweb import SampleWeb, serve
from tests.conftest import run_cli

SAMPLE = Path(__file__).parent / "samples" / "city-transit-2026-06-11"
WATCHER = "transit-watch"


def _machine(root: Path, base: str, database: str, reports_dir: str) -> Path:
    web = SampleWeb.load(SAMPLE)
    root.mkdir(parents=True)
    settings = (web.settings_text(base) or "") + f"database: {database}\nreports_dir: {reports_dir}\n"
    (root / "guancha.yaml").write_text(settings, encoding="utf-8")
    (root / "watchers").mkdir()
    (root / "watchers" / f"{WATCHER}.yaml").write_text(web.watcher_text(base), encoding="utf-8")
    return root


def _run(ws: Path, day: str) -> dict:  # type: ignore[type-arg]
    proc = run_cli("run", WATCHER, "--date", day, "--workspace", str(ws), "--json")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["status"] == "finalised"
    return result  # type: ignore[no-any-return]


def _site(ws: Path, out: Path) -> dict[str, bytes]:
    built = run_cli("site", "build", "--workspace", str(ws), "--out", str(out), "--no-search")
    assert built.returncode == 0, built.stderr[-2000:]
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_machines_share_one_reports_folder_and_one_site(tmp_path: Path, postgres_url: str) -> None:
    shared = tmp_path / "nfs" / "guancha-reports"
    with serve(SAMPLE) as site:
        machine_a = _machine(tmp_path / "a", site.base, postgres_url, str(shared))
        machine_b = _machine(tmp_path / "b", site.base, postgres_url, str(shared))
        first = _run(machine_a, "2026-06-10")
        second = _run(machine_b, "2026-06-11")
    # both machines wrote into the one shared folder, none into its own root
    assert Path(first["paths"]["md"]).parent == Path(second["paths"]["md"]).parent == shared / WATCHER
    assert sorted(p.name for p in (shared / WATCHER).iterdir()) == [
        f"2026-06-1{d}.{ext}" for d in (0, 1) for ext in ("html", "json", "md")]
    assert not (machine_a / "reports").exists() and not (machine_b / "reports").exists()
    # machine B's follow-up links machine A's report, and the link resolves from the shared file
    markdown = (shared / WATCHER / "2026-06-11.md").read_text(encoding="utf-8")
    links = re.findall(r"Follow-up to \[the report of June 10, 2026\]\(([^)]+)\)", markdown)
    assert links == ["2026-06-10.md"] and (shared / WATCHER / links[0]).is_file()
    # either machine reads either report from the database, and builds the same site
    shown = run_cli("report", WATCHER, "2026-06-11", "--workspace", str(machine_a))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.rstrip("\n") == markdown.rstrip("\n")
    from_a, from_b = _site(machine_a, tmp_path / "site-a"), _site(machine_b, tmp_path / "site-b")
    assert from_a == from_b
    assert f"{WATCHER}/2026-06-10/index.html" in from_a and f"{WATCHER}/2026-06-11/index.html" in from_a


def test_a_database_only_workspace_writes_no_report_file(tmp_path: Path) -> None:
    """``reports_dir: null``: the report is finalised, readable with `guancha report` in each format, on the
    site and in `guancha eval`'s score, and no file is written anywhere in the workspace."""
    with serve(SAMPLE) as site:
        ws = _machine(tmp_path / "ws", site.base, "guancha.db", "null")
        result = _run(ws, "2026-06-10")
    assert result["paths"] == {}
    written = [p for p in ws.rglob("*") if p.suffix in (".md", ".html") or p.name.endswith(".json")]
    assert written == []
    md = run_cli("report", WATCHER, "--workspace", str(ws))
    assert md.returncode == 0 and md.stdout.startswith("# "), md.stderr
    as_json = run_cli("report", WATCHER, "2026-06-10", "--format", "json", "--workspace", str(ws))
    data = json.loads(as_json.stdout)
    assert data["status"] == "finalised" and data["date"] == "2026-06-10" and data["stories"]
    out = tmp_path / "export.html"
    exported = run_cli("report", WATCHER, "--format", "html", "-o", str(out), "--workspace", str(ws))
    assert exported.returncode == 0 and out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert f"{WATCHER}/2026-06-10/index.html" in _site(ws, tmp_path / "site")


@pytest.mark.parametrize(("args", "says"), [
    (["2026-06-12"], "no finalised report of 'transit-watch' on 2026-06-12"),
    (["2026-13-40"], "is not a date"),
    (["--version", "7"], "version 7"),
])
def test_report_says_what_is_missing_and_how_to_look(tmp_path: Path, args: list[str], says: str) -> None:
    ws = _machine(tmp_path / "ws", "http://127.0.0.1:9", "guancha.db", "reports")
    proc = run_cli("report", WATCHER, *args, "--workspace", str(ws))
    assert proc.returncode == 2 and says in proc.stderr and "fix:" in proc.stderr and "Traceback" not in proc.stderr


def test_report_prints_a_hostile_report_as_text_and_picks_the_newest_version(tmp_path: Path) -> None:
    """A report quotes its sources: terminal escapes in it print as '?', never reach the terminal; without
    --version the newest finalised version is printed, a held one never."""
    import datetime as dt

    from guancha.store import Database
    from tests.site_support import add_report, spec_for

    ws = _machine(tmp_path / "ws", "http://127.0.0.1:9", "guancha.db", "reports")
    spec = spec_for(WATCHER, "Transit", "🚇")
    with Database(ws / "guancha.db") as db:
        add_report(db, spec, dt.date(2026, 6, 10), extra_text="first version")
        add_report(db, spec, dt.date(2026, 6, 10), version=2, extra_text="\x1b[31m red click \x07 bell \x1b[2J")
        add_report(db, spec, dt.date(2026, 6, 10), version=3, status="held", extra_text="held version")
    newest = run_cli("report", WATCHER, "2026-06-10", "--workspace", str(ws))
    assert newest.returncode == 0, newest.stderr
    assert "\x1b" not in newest.stdout and "\x07" not in newest.stdout
    assert "click" in newest.stdout and "red" in newest.stdout and "held version" not in newest.stdout
    first = run_cli("report", WATCHER, "2026-06-10", "--version", "1", "--workspace", str(ws))
    assert "first version" in first.stdout and "red click" not in first.stdout
