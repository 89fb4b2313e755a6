"""The sixth hostile-input pass (a helper who had not read the code): a sample web whose settings chose the database
and the reports folder wrote finalised reports into another workspace; tokens in feed and database URLs were
printed; deeply nested or non-UTF-8 YAML, a malformed _routes.yaml, a named pipe as a watcher spec, a date in year 1
and an address list that is not UTF-8 ended in tracebacks or hangs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guancha.collect.urls import hide_url_secrets
from guancha.sampleweb import check_sample
from guancha.store.pg import masked, secrets_of
from tests.conftest import run_cli

SAMPLE = Path(__file__).parent / "samples" / "city-transit-2026-06-11"


def _sample(tmp_path: Path) -> Path:
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    return copy


def _no_traceback(result: object) -> None:
    out = f"{result.stdout}{result.stderr}"   # type: ignore[attr-defined]
    assert "Traceback" not in out and result.returncode != 0, out[-2000:]   # type: ignore[attr-defined]


def test_a_sample_cannot_choose_where_eval_writes(tmp_path: Path) -> None:
    sample = _sample(tmp_path)
    victim = tmp_path / "victim"
    with (sample / "settings.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"database: {victim / 'guancha.db'}\nreports_dir: {victim / 'reports'}\n")
    assert any("database, reports_dir" in p for p in check_sample(sample))
    result = run_cli("eval", str(sample))
    _no_traceback(result)
    assert "may not set database, reports_dir" in result.stderr
    assert not victim.exists()


@pytest.mark.parametrize(("text", "secret"), [
    ("Sources that failed: feed:http://127.0.0.1:1/dead.xml?access_token=DEADTOKEN777, feed:http://x.org/a.xml",
     "DEADTOKEN777"),
    ('{"source": "feed:https://news.example.org/rss?api_key=QTOKEN12345&page=2"}', "QTOKEN12345"),
    ("cannot reach http://127.0.0.1:1/v1?key=URLKEYINBASE", "URLKEYINBASE"),
    ("https://hooks.example.org/x?sig=abc123def&ts=1", "abc123def"),
    ("postgresql://bob:PW@SEC@RET88@127.0.0.1:1/db", "RET88"),
])
def test_secrets_in_shown_urls_are_hidden(text: str, secret: str) -> None:
    shown = hide_url_secrets(text)
    assert secret not in shown and "***" in shown
    assert hide_url_secrets("https://x.org/search?q=keyword&page=2") == "https://x.org/search?q=keyword&page=2"
    assert hide_url_secrets("write to alice@example.org") == "write to alice@example.org"


def test_a_database_password_is_hidden_from_the_url_and_from_the_driver_s_message() -> None:
    assert "QSECRET99" not in masked("postgresql://127.0.0.1:1/db?password=QSECRET99&user=bob")
    assert "SEC" not in masked("postgresql://bob:PW@SEC@RET88@127.0.0.1:1/db")
    assert masked("postgresql://u:p@[::1/db").startswith("postgresql://***@")   # no ValueError
    assert {"PW@SEC@RET88", "SEC", "RET88"} <= set(secrets_of("postgresql://bob:PW@SEC@RET88@127.0.0.1:1/db"))


def test_a_database_url_s_password_never_reaches_the_terminal(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).returncode == 0
    for url, secret in (("postgresql://127.0.0.1:1/db?password=QSECRET99&user=bob", "QSECRET99"),
                        ("postgresql://bob:PW@SEC@RET88@127.0.0.1:1/db", "RET88")):
        result = run_cli("status", cwd=tmp_path, timeout=120, GUANCHA_DATABASE_URL=url)
        _no_traceback(result)
        assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["expected.yaml", "settings.yaml", "watcher.yaml"])
def test_deep_or_non_utf8_yaml_in_a_sample_is_an_error_naming_the_file(tmp_path: Path, name: str) -> None:
    sample = _sample(tmp_path)
    (sample / name).write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("eval", str(sample))
    _no_traceback(result)
    assert name in result.stderr
    (sample / name).write_bytes(b"date: 2026-06-11\n\xff\xfe bad\n")
    result = run_cli("eval", str(sample))
    _no_traceback(result)
    assert "UTF-8" in result.stderr


@pytest.mark.parametrize("routes", ['"/x": {bogus: 1}\n', "- a list\n"])
def test_a_malformed_routes_file_is_an_error_naming_it(tmp_path: Path, routes: str) -> None:
    sample = _sample(tmp_path)
    (sample / "site" / "_routes.yaml").write_text(routes, encoding="utf-8")
    result = run_cli("eval", str(sample))
    _no_traceback(result)
    assert "_routes.yaml" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_or_deep_yaml_as_a_watcher_spec_is_an_error_not_a_hang(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).returncode == 0
    os.mkfifo(tmp_path / "watchers" / "evil.yaml")
    result = run_cli("status", cwd=tmp_path, timeout=60)
    _no_traceback(result)
    assert "not a regular file" in result.stderr
    (tmp_path / "watchers" / "evil.yaml").unlink()
    (tmp_path / "watchers" / "deep.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("status", cwd=tmp_path, timeout=60)
    _no_traceback(result)
    assert "nested more than" in result.stderr


@pytest.mark.parametrize("args", [("run", "my-watcher", "--date", "0001-01-02"),
                                  ("weekly", "my-watcher", "--date", "9999-12-31")])
def test_a_day_out_of_range_is_a_usage_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert run_cli("init", cwd=tmp_path).returncode == 0
    result = run_cli(*args, cwd=tmp_path, timeout=120)
    _no_traceback(result)
    assert "out of range" in result.stderr


def test_an_address_list_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).returncode == 0
    (tmp_path / "list.txt").write_bytes(b"\xff\xfe@x.org\n")
    watcher = next((tmp_path / "watchers").glob("*.yaml")).stem
    result = run_cli("subscribers", "add", watcher, "--file", str(tmp_path / "list.txt"), cwd=tmp_path, timeout=120)
    _no_traceback(result)
    assert "not valid UTF-8" in result.stderr
