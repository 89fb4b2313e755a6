"""What a new user trips on (issue 12): each test runs the real command as a user would."""

from __future__ import annotations

import http.server
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import cli_env, run_cli

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "guancha" / "samples" / "china-ai-2026-05-02"


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    ws = tmp_path_factory.mktemp("demo") / "ws"
    done = run_cli("demo", "--workspace", str(ws), "--json")
    assert done.returncode == 0, done.stderr
    return ws, json.loads(done.stdout)["run"]


def _errors(out: str) -> list[dict[str, object]]:
    return [f for f in json.loads(out)["findings"] if f["severity"] == "error"]


# --------------------------------------------------------------------------- 1. one report, one verdict


def test_an_edited_copy_is_checked_with_the_workspace_settings_and_its_own_html(
        demo_ws: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    ws, run = demo_ws
    paths = run["paths"]
    assert isinstance(paths, dict)
    copies = tmp_path / "copies"
    copies.mkdir()
    for ext in ("md", "html"):  # edited copies: no longer the run's own files, still this watcher's report
        text = Path(paths[ext]).read_text(encoding="utf-8").replace("Dealmakers say", "Dealmakers said")
        (copies / f"report.{ext}").write_text(text, encoding="utf-8")
    for ext in ("md", "html"):
        for extra in ([], ["--watcher", "china-ai"]):
            out = run_cli("check", str(copies / f"report.{ext}"), "-w", str(ws), "--json", *extra)
            # 127.0.0.1 is allowed by the workspace; the report's own URLs are not reuse of itself; the HTML's
            # own table of contents and title are read as in Markdown
            assert out.returncode == 0 and _errors(out.stdout) == [], (ext, extra, _errors(out.stdout))
    folder = run_cli("check", str(copies), "-w", str(ws), "--json")
    assert json.loads(folder.stdout)["source"].endswith("report.md")  # one report, not one per format
    # without the workspace, loopback links are placeholders (the settings are what allowed them)
    bare = run_cli("check", str(copies / "report.html"), "--json", cwd=tmp_path)
    assert bare.returncode == 1 and {f["rule"] for f in _errors(bare.stdout)} == {"link-placeholder"}


def test_html_table_of_contents_links_to_story_anchors(demo_ws: tuple[Path, dict[str, object]]) -> None:
    _, run = demo_ws
    paths = run["paths"]
    assert isinstance(paths, dict)
    html = Path(paths["html"]).read_text(encoding="utf-8")
    assert '<li><a href="#story-1">' in html and '<section class="story" id="story-1">' in html
    assert "Noto Color Emoji" in html


# --------------------------------------------------------------------------- 2. a held report can be read


def _held_sample(tmp_path: Path) -> Path:
    sample = tmp_path / "held-sample"
    shutil.copytree(SAMPLE, sample)
    spec = sample / "watcher.yaml"
    # scaffolding such as "According to" (quoted from the sources) becomes an error: the report is held
    spec.write_text(spec.read_text(encoding="utf-8") + "\nchecks:\n  errors: [style-banned]\n", encoding="utf-8")
    return sample


def test_a_held_report_has_a_private_draft_review_shows_it_and_the_hint_says_what_next(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    out = run_cli("demo", "--sample", str(_held_sample(tmp_path)), "--workspace", str(ws))
    assert out.returncode == 1, out.stderr
    assert "Next: open ," not in out.stdout
    assert "guancha review china-ai/2026-05-02 --draft" in out.stdout and "guancha approve china-ai/2026-05-02" in out.stdout
    assert not (ws / "reports").exists() or not any((ws / "reports").rglob("*.*"))
    drafts = ws / ".guancha" / "drafts" / "china-ai"
    assert (drafts / "2026-05-02.md").exists() and (drafts / "2026-05-02.html").exists()
    shown = run_cli("review", "china-ai/2026-05-02", "--draft", "-w", str(ws))
    assert shown.returncode == 0 and shown.stdout.startswith("# ") and "China AI — 2026-05-02" in shown.stdout
    path = run_cli("review", "china-ai/2026-05-02", "--draft", "html", "-w", str(ws))
    assert path.returncode == 0 and path.stdout.strip() == str(drafts / "2026-05-02.html")
    # the draft checks exactly as the run did
    review = json.loads(run_cli("review", "china-ai/2026-05-02", "-w", str(ws), "--json").stdout)
    errors = review["iterations"][review["outcome"]["best_iteration"]]["errors"]
    assert errors > 0
    for ext in ("md", "html"):
        checked = run_cli("check", str(drafts / f"2026-05-02.{ext}"), "-w", str(ws), "--json")
        assert checked.returncode == 1 and json.loads(checked.stdout)["errors"] == errors
    # approving publishes it under reports/
    approved = run_cli("approve", "china-ai/2026-05-02", "--why", "read the draft", "-w", str(ws))
    assert approved.returncode == 0 and (ws / "reports" / "china-ai" / "2026-05-02.md").exists()


# --------------------------------------------------------------------------- 4. spec errors come early and read well


def test_spec_problems_are_all_listed_at_load_with_exit_2_and_their_own_lines(workspace: Path) -> None:
    spec = workspace / "watchers" / "bad.yaml"
    spec.write_text(
        "id: bad\n"                                  # 1
        "title: Bad\n"                               # 2
        "sources:\n"                                 # 3
        '  - feed: "not a url"\n'                    # 4
        "  - page: https://example.org/a.html\n"     # 5
        "    lable: oops\n"                          # 6
        "window_hours: 0\n"                          # 7
        "checks:\n"                                  # 8
        "  max_iterations: 2\n"                      # 9
        "  ship_threshold: 500\n",                   # 10
        encoding="utf-8")
    out = run_cli("run", "bad", "-w", str(workspace))
    assert out.returncode == 2, out.stderr
    err = out.stderr
    assert "Traceback" not in err and "Value error" not in err and "more problem" not in err
    assert f"{spec}:4 field 'sources.0.feed'" in err and "'not a url' is not an absolute http(s) URL" in err
    assert f"{spec}:6 field 'sources.1.lable'" in err and "Allowed here: label, page, weight" in err
    assert f"{spec}:7 field 'window_hours'" in err
    assert f"{spec}:10 field 'checks.ship_threshold'" in err  # its own line, not the 'checks:' key's


def test_a_directory_an_unreadable_file_or_a_missing_path_as_spec_is_a_clear_error(workspace: Path,
                                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "specs.yaml"
    folder.mkdir()
    out = run_cli("run", str(folder), "-w", str(workspace))
    assert out.returncode == 2 and "is a directory" in out.stderr and "Traceback" not in out.stderr
    missing = run_cli("run", str(tmp_path / "missing.yaml"), "-w", str(workspace))
    assert missing.returncode == 2 and "not found" in missing.stderr and ".yaml.yaml" not in missing.stderr
    locked = tmp_path / "locked.yaml"
    locked.write_text("id: locked\n", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any file")
        out = run_cli("run", str(locked), "-w", str(workspace))
        assert out.returncode == 2 and "permission denied" in out.stderr and "Traceback" not in out.stderr
    finally:
        locked.chmod(0o600)


# --------------------------------------------------------------------------- 3. long runs: progress, Ctrl-C, stale runs


class _HangingHandler(http.server.BaseHTTPRequestHandler):
    """Answers nothing until the test releases it: a source that keeps a run busy."""

    arrived: threading.Event
    release: threading.Event

    def do_GET(self) -> None:
        type(self).arrived.set()
        type(self).release.wait(60)
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hanging(workspace: Path) -> Iterator[tuple[Path, type[_HangingHandler]]]:
    handler = type("Handler", (_HangingHandler,), {"arrived": threading.Event(), "release": threading.Event()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    (workspace / "watchers" / "slow.yaml").write_text(
        f"id: slow\ntitle: Slow\nsources:\n  - feed: http://127.0.0.1:{server.server_address[1]}/feed.xml\n",
        encoding="utf-8")
    try:
        yield workspace, handler
    finally:
        handler.release.set()
        server.shutdown()
        server.server_close()


# A command started in the background by a non-interactive shell (as CI runners do) inherits SIGINT ignored,
# and so would every process the tests start. A user's terminal gives Ctrl-C its default action: this
# trampoline restores it, then becomes the command (exec keeps the default disposition).
_WITH_CTRL_C = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.executable, sys.argv[1:])"


def _start_run(ws: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "guancha", "run", "slow", "--date", "2026-05-02", "-w", str(ws)]
    return subprocess.Popen([sys.executable, "-c", _WITH_CTRL_C, *command],
                            env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ctrl_c_stops_a_run_cleanly_with_a_resume_hint(hanging: tuple[Path, type[_HangingHandler]]) -> None:
    ws, handler = hanging
    proc = _start_run(ws)
    assert handler.arrived.wait(60), "the run never reached its source"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert "guancha run slow --date 2026-05-02 --resume" in err
    status = run_cli("status", "-w", str(ws))
    assert "Unfinished runs: 1" in status.stdout and "interrupted (Ctrl-C)" in status.stdout
    assert "--resume" in status.stdout and "guancha runs abandon" in status.stdout


def test_sigterm_stops_a_run_as_ctrl_c_does_and_the_run_resumes(hanging: tuple[Path, type[_HangingHandler]]) -> None:
    # what kill, systemd, Docker and CI runners send: it ended the process on the spot, silently, the run left
    # "running"
    ws, handler = hanging
    proc = _start_run(ws)
    assert handler.arrived.wait(60), "the run never reached its source"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err and "interrupted (SIGTERM)" in err
    assert "guancha run slow --date 2026-05-02 --resume" in err
    status = run_cli("status", "-w", str(ws))
    assert "Unfinished runs: 1" in status.stdout and "interrupted (SIGTERM)" in status.stdout
    handler.release.set()  # the source now answers 503: the resumed run goes on with version 1 and fails there
    resumed = run_cli("run", "slow", "--date", "2026-05-02", "--resume", "-w", str(ws))
    assert "Traceback" not in resumed.stderr and "run slow 2026-05-02 v1 stopped: the only source failed" in resumed.stderr


def test_a_killed_run_shows_as_stale_and_can_be_abandoned(hanging: tuple[Path, type[_HangingHandler]]) -> None:
    ws, handler = hanging
    proc = _start_run(ws)
    assert handler.arrived.wait(60), "the run never reached its source"
    # while it runs: listed as running, and abandoning it is refused
    status = json.loads(run_cli("status", "-w", str(ws), "--json").stdout)
    assert [u["state"] for u in status["unfinished"]] == ["running"]
    refused = run_cli("runs", "abandon", "slow/2026-05-02", "-w", str(ws))
    assert refused.returncode == 2 and "still running" in refused.stderr
    proc.kill()  # no chance to clean up: the run says "running" for ever
    proc.communicate(timeout=60)
    status_text = run_cli("status", "-w", str(ws)).stdout
    assert "stale" in status_text and "guancha run slow --date 2026-05-02 --resume" in status_text
    assert "guancha runs abandon" in status_text
    run_id = json.loads(run_cli("status", "-w", str(ws), "--json").stdout)["unfinished"][0]["run_id"]
    gone = run_cli("runs", "abandon", run_id[:12], "--why", "source is down", "-w", str(ws))
    assert gone.returncode == 0, gone.stderr
    assert json.loads(run_cli("status", "-w", str(ws), "--json").stdout)["unfinished"] == []
    # the next run of that date starts a new version instead of asking for --resume
    handler.release.set()
    again = run_cli("run", "slow", "--date", "2026-05-02", "-w", str(ws), "--json")
    assert "unfinished run" not in again.stderr and "v2" in again.stderr


def test_progress_goes_to_a_terminal_only(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    piped = run_cli("demo", "--workspace", str(ws))
    assert piped.returncode == 0 and "eta" not in piped.stderr  # not a terminal: no progress lines
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "guancha", "demo", "--workspace", str(ws)], env=cli_env(),
                            stdout=subprocess.PIPE, stderr=child, text=True)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.communicate(timeout=300)
    os.close(main)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "write" in shown and "story" in shown and "eta" in shown and "6/6" in shown


# --------------------------------------------------------------------------- 5. small things a reader notices

FIXTURE_REPORT = Path(__file__).parent / "fixtures" / "knowledge" / "report.md"


def test_confidence_is_said_once_and_imported_reports_show_in_status(workspace: Path, tmp_path: Path) -> None:
    empty = run_cli("status", "-w", str(workspace))
    assert empty.returncode == 0 and "Recent runs:" not in empty.stdout and "No runs yet" in empty.stdout
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(FIXTURE_REPORT, archive / "report.md")
    assert run_cli("import", str(archive), "-w", str(workspace)).returncode == 0
    shown = run_cli("heuristics", "show", "relay-latency-threshold", "-w", str(workspace))
    assert "confidence: medium\n" in shown.stdout and "medium (medium)" not in shown.stdout
    status = run_cli("status", "-w", str(workspace))
    assert "Imported reports: 1 (1 topic, 2026-04-10 to 2026-04-10)" in status.stdout
    assert "Recent runs:" not in status.stdout


def test_a_no_papers_sentence_is_not_a_paper(demo_ws: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    _, run = demo_ws
    paths = run["paths"]
    assert isinstance(paths, dict)
    md = Path(paths["md"]).read_text(encoding="utf-8")
    start, end = md.index("## Research Papers"), md.index("## Implications")
    quiet = tmp_path / "quiet.md"
    quiet.write_text(md[:start] + "## Research Papers\n\nNo recent papers on this topic were found in the window."
                     "\n\n---\n\n" + md[end:], encoding="utf-8")
    out = run_cli("check", str(quiet), "--json", cwd=tmp_path)
    papers = [f["message"] for f in json.loads(out.stdout)["findings"] if f["rule"] == "section-papers"]
    assert papers == ["no papers listed; the spec asks for 3-6 (fine when the window had none)"]


def test_sources_table_shortens_urls_unless_wide(demo_ws: tuple[Path, dict[str, object]]) -> None:
    ws, _ = demo_ws
    full = "/dragonwire/feed.xml"
    narrow = run_cli("sources", "china-ai", "-w", str(ws), COLUMNS="80")
    assert narrow.returncode == 0 and full not in narrow.stdout and "/…/feed.xml" in narrow.stdout
    wide = run_cli("sources", "china-ai", "-w", str(ws), "--wide", COLUMNS="250")
    assert full in wide.stdout
    data = json.loads(run_cli("sources", "china-ai", "-w", str(ws), "--json").stdout)
    assert any(s["target"].endswith(full) for s in data["sources"])


def test_demo_says_where_its_temporary_folder_is(tmp_path: Path) -> None:
    out = run_cli("demo", TMPDIR=str(tmp_path))
    assert out.returncode == 0, out.stderr
    folder = next(tmp_path.glob("guancha-demo-*"))
    assert f"rm -rf {folder}" in out.stdout
    named = run_cli("demo", "--workspace", str(tmp_path / "mine"))
    assert "rm -rf" not in named.stdout


def test_a_single_failing_source_is_not_called_1_sources(hanging: tuple[Path, type[_HangingHandler]]) -> None:
    ws, handler = hanging
    handler.release.set()  # the only source answers 503 at once
    out = run_cli("run", "slow", "--date", "2026-05-02", "-w", str(ws))
    assert out.returncode == 1 and "the only source failed" in out.stderr and "1 sources" not in out.stderr
