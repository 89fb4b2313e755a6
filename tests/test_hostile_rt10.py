"""Hostile pass 10: input a real user or a hostile page could produce, against every command. A YAML value that is no
day or an integer past Python's digit limit, a malformed recorded-answers file and a JSON rendering nested 100,000
deep each ended in a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guancha import yamlload
from tests.conftest import run_cli


def _no_traceback(result: object) -> str:
    out = f"{result.stdout}{result.stderr}"   # type: ignore[attr-defined]
    assert "Traceback" not in out, out[-2000:]
    return out


BRIEFING = """\
# Harbour Logistics — 2026-03-04

## Cranes idle at the north quay

The north quay's cranes stood idle for a day while a software update ran ([Port Gazette](https://gazette.example.org/cranes)).

## Heuristics

```yaml
heuristics:
  - id: {hid}
    {field}: {value}
    when: A quay stops.
```
"""


@pytest.mark.parametrize(("field", "value"), [
    ("reviewed", "2026-02-30"),              # no such day
    ("seen", "2025-13-01 08:00:00"),         # no such month, as a timestamp
    ("since", "2026-01-01 25:61:00"),        # no such hour
    ("count", "9" * 5000),                   # past Python's 4,300-digit limit
])
def test_a_yaml_value_that_cannot_be_built_is_a_finding_not_a_traceback(tmp_path: Path, field: str,
                                                                       value: str) -> None:
    """PyYAML raises a bare ValueError for these; check's heuristics gate let it through as a traceback."""
    target = tmp_path / "brief.md"
    target.write_text(BRIEFING.format(hid="quay-idle", field=field, value=value), encoding="utf-8")
    result = run_cli("check", str(target), "--json")
    _no_traceback(result)
    findings = json.loads(result.stdout)["findings"]
    assert any(f["rule"] == "heuristics-yaml" and "cannot read the value" in f["message"] for f in findings)


def test_safe_load_marks_the_line_of_a_value_that_is_no_day() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        yamlload.safe_load("a: 1\nb:\n  c: 2024-04-31\n")
    mark = caught.value.problem_mark  # type: ignore[attr-defined]
    assert mark is not None and mark.line == 2
    assert yamlload.safe_load("d: 2024-02-29\n") == {"d": __import__("datetime").date(2024, 2, 29)}


@pytest.mark.parametrize("line", ["date: 2026-02-30", "window_hours: " + "7" * 4400])
def test_a_watcher_value_that_cannot_be_built_is_a_config_error_with_its_line(workspace: Path, line: str) -> None:
    (workspace / "watchers" / "odd.yaml").write_text(
        f"id: odd\ntitle: Odd\nsources: [{{feed: 'https://feeds.example.org/a.xml'}}]\n{line}\n", encoding="utf-8")
    result = run_cli("collect", "odd", "--workspace", str(workspace))
    _no_traceback(result)
    assert result.returncode == 2 and "odd.yaml:4" in result.stderr and "cannot read the value" in result.stderr
    assert "set_int_max_str_digits" not in result.stderr


@pytest.mark.parametrize(("name", "content", "said"), [
    ("answers.json", b"{text: 1}", "not valid JSON"),
    ("answers.yaml", b"text: [unclosed\n", "not valid YAML"),
    ("answers.yml", b"a: &x 1\nb: *x\n", "not valid YAML"),
    ("answers.json", b"\xff\xfe{}", "not UTF-8"),
    ("answers.json", b"[" * 100_000 + b"]" * 100_000, "nest too deeply"),
])
def test_a_malformed_recorded_answers_file_is_a_config_error(tmp_path: Path, name: str, content: bytes,
                                                            said: str) -> None:
    from guancha.errors import ConfigError
    from guancha.models.recorded import _load_file

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        _load_file(path)
    assert said in str(caught.value) and str(path) in str(caught.value)


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"run":' * 60_000 + "1" + "}" * 60_000])
def test_a_json_file_nested_past_the_recursion_limit_is_named_not_a_traceback(workspace: Path, tmp_path: Path,
                                                                              body: str) -> None:
    target = tmp_path / "deep.json"
    target.write_text(body, encoding="utf-8")
    result = run_cli("check", str(target), "--workspace", str(workspace))
    _no_traceback(result)
    assert result.returncode == 2 and "is JSON" in result.stderr


def test_models_check_names_a_malformed_recorded_answers_file(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "replies.json"
    path.write_text('{"text": "fine",}', encoding="utf-8")
    result = run_cli("models", "check", f"recorded:{path}", "--workspace", str(workspace))
    _no_traceback(result)
    assert result.returncode == 2 and "not valid JSON" in result.stderr and "replies.json:1" in result.stderr


@pytest.mark.parametrize(("name", "body", "said"), [
    ("many.md", "# Quay notes\n" + "x\n" * 60_000, "60,002 lines, over the 50,000-line input limit"),
    ("many.txt", "Quay notes\r" + "y\r\r" * 30_000, "60,002 lines"),                  # old Mac line ends
    ("one-line.html", "<html><body>" + "<h2>Berth</h2><p>Open.</p>" * 6_000, "12,000 blocks, over the 10,000-block"),
    ("items.md", "# Quay notes\n\n" + "- crane\n" * 12_000, "blocks, over the 10,000-block"),
])
def test_a_briefing_of_far_more_lines_or_blocks_than_any_report_is_refused_by_name(tmp_path: Path, name: str,
                                                                                  body: str, said: str) -> None:
    """A million lines took check 41 s and 700 MB, 150,000 headings two gigabytes: refused before the gates run."""
    target = tmp_path / name
    target.write_text(body, encoding="utf-8")
    result = run_cli("check", str(target))
    _no_traceback(result)
    assert result.returncode == 2 and said in result.stderr and name in result.stderr
    assert "limits.max_input_" in result.stderr


def test_a_raised_line_limit_lets_a_long_briefing_through(workspace: Path, tmp_path: Path) -> None:
    settings = workspace / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "limits:\n  max_input_lines: 80000\n", encoding="utf-8")
    target = tmp_path / "long.md"
    target.write_text("# Quay notes\n" + "z\n" * 60_000, encoding="utf-8")
    result = run_cli("check", str(target), "--workspace", str(workspace), "--json")
    _no_traceback(result)
    assert "findings" in json.loads(result.stdout)


def test_import_reports_a_file_over_the_line_or_block_limit_and_takes_it_once_the_limit_is_raised(
        workspace: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "long.md").write_text("# Depot log\n" + "w\n" * 55_000, encoding="utf-8")
    (pages / "wide.html").write_text("<html><body>" + "<p>Gate four.</p>" * 11_000, encoding="utf-8")
    result = run_cli("import", str(pages), "--workspace", str(workspace), "--json")
    _no_traceback(result)
    failures = {Path(f["file"]).name: f["reason"] for f in json.loads(result.stdout)["failures"]}
    assert "max_input_lines" in failures["long.md"] and "max_input_blocks" in failures["wide.html"]
    settings = workspace / "guancha.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "limits:\n  max_input_lines: 60000\n",
                        encoding="utf-8")
    again = json.loads(run_cli("import", str(pages), "--workspace", str(workspace), "--json").stdout)
    assert not any(Path(f["file"]).name == "long.md" for f in again["failures"])   # not remembered as unreadable


@pytest.mark.parametrize("encoding", ["latin-1", "iso8859-15"])
def test_a_terminal_in_a_legacy_encoding_gets_question_marks_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    """An emoji in a report, a finding or a name cannot be encoded in latin-1: the print ended the command."""
    target = tmp_path / "brief.md"
    target.write_text("# 🚢 Harbour — 2026-03-04\n\n## Cranes ⚓ idle\n\nThe cranes stood idle ✅ for a day.\n",
                      encoding="utf-8")
    result = run_cli("check", str(target), PYTHONIOENCODING=encoding)
    out = _no_traceback(result)
    assert result.returncode == 1 and "?" in out and "title" in out


def test_a_file_name_s_raw_c1_byte_or_newline_never_reaches_the_terminal(tmp_path: Path) -> None:
    """A name's undecodable byte 0x9b (a one-byte CSI to some terminals) was written back raw by text and JSON output;
    a newline in a name printed a line of its own that read as guancha's."""
    import os
    import subprocess
    import sys

    from tests.conftest import cli_env

    folder = tmp_path / "briefs"
    folder.mkdir()
    text = "# Harbour — 2026-03-04\n\n## Cranes idle\n\nThe cranes stood idle for a day.\n"
    os.makedirs(os.fsencode(folder), exist_ok=True)
    for name in (b"quay\x9b31m.md", b"depot.md\nfake.md: 0 error(s), 0 warning(s) - passes the gates.md"):
        with open(os.fsencode(folder) + b"/" + name, "wb") as fh:
            fh.write(text.encode())
    for args in (["check", str(folder)], ["check", str(folder), "--json"]):
        done = subprocess.run([sys.executable, "-m", "guancha", *args], env=cli_env(), capture_output=True,
                              timeout=300)
        assert b"Traceback" not in done.stderr and b"\x9b" not in done.stdout + done.stderr
        assert not any(line.startswith(b"fake.md") for line in done.stdout.splitlines())
    sources = [r["source"] for r in json.loads(done.stdout)["reports"]]   # the JSON keeps the name, escaped
    assert any(s.endswith("quay\udc9b31m.md") for s in sources) and b"\\udc9b" in done.stdout


@pytest.mark.parametrize(("sqlite_says", "fix_says"), [
    ("database or disk is full", "free space"),
    ("attempt to write a readonly database", "writable"),
    ("database is locked", "another guancha is using the database"),
])
def test_a_database_error_s_fix_answers_what_sqlite_said(sqlite_says: str, fix_says: str) -> None:
    """A full disk (a tiny tmpfs in the red-team pass) was told to look for a stuck guancha first."""
    import sqlite3

    import click
    from click.testing import CliRunner

    from guancha.cli._group import LazyGroup

    @click.group(cls=LazyGroup)
    def group() -> None:
        pass

    @group.command("write")
    def write() -> None:
        raise sqlite3.OperationalError(sqlite_says)

    result = CliRunner().invoke(group, ["write"])
    assert result.exit_code == 1 and sqlite_says in result.output and fix_says in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", ["/%00", "/reports/%00.html", "/a%00b/index.html"])
def test_the_site_preview_answers_a_nul_in_a_path_with_404_not_a_traceback(tmp_path: Path, path: str,
                                                                           capfd: pytest.CaptureFixture[str]) -> None:
    import threading
    import urllib.error
    import urllib.request

    from guancha.publish.site import make_server

    (tmp_path / "index.html").write_text("<html><body>Dockside</body></html>", encoding="utf-8")
    server = make_server(tmp_path, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(base + path, timeout=10)
        assert caught.value.code == 404
        with urllib.request.urlopen(base + "/", timeout=10) as page:
            assert b"Dockside" in page.read()
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


def test_a_long_run_of_one_delimiter_is_cut_before_markdown_it_reads_it() -> None:
    """markdown-it made a token of each star: 2 million of them took 25 s and 974 MB. The run means no more than a
    short one, so it is cut to 64 before parsing; the words around it are kept."""
    from guancha.briefing.blocks import blocks_from_markdown

    blocks = blocks_from_markdown("# Title\n\nbefore " + "*" * 200_000 + " after\n\n" + "|" * 50_000 + "\n")
    texts = [b.text for b in blocks]
    assert any("before" in t and "after" in t for t in texts)
    assert max(len(t) for t in texts) < 300


def test_a_folder_check_names_a_file_over_a_limit_and_checks_the_rest(tmp_path: Path) -> None:
    """One oversized file in a folder stopped the whole check at that file; now it is named as skipped, with the
    limit to raise, and every other briefing is still checked."""
    clean = Path(__file__).parent / "fixtures" / "briefings" / "clean.md"
    (tmp_path / "a-clean.md").write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b-huge.md").write_text("x\n" * 60_000, encoding="utf-8")
    (tmp_path / "c-clean.md").write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--json")
    data = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in data["reports"]] == ["a-clean.md", "c-clean.md"]
    skipped = {Path(s["file"]).name: s["reason"] for s in data["skipped"]}
    assert "max_input_lines" in skipped["b-huge.md"] or "input limit" in skipped["b-huge.md"]
    assert "Traceback" not in result.stderr and "skipped" in result.stderr and "b-huge.md" in result.stderr
