"""Workspace discovery, init, spec validation errors and migrations."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.errors import ConfigError, StoreError, WorkspaceNotFound
from guancha.spec import ArxivSource, FeedSource, PageSource, SearchSource, load_watcher
from guancha.store import Database
from guancha.workspace import find_workspace
from tests.conftest import run_cli

GOOD_SPEC = """\
id: china-ai
title: China AI
emoji: "🇨🇳"
window_hours: 36
sources:
  - feed: https://example.org/feed.xml
  - arxiv: 'abs:China AND cat:cs.AI'          # arXiv API query
    endpoint: https://export.arxiv.org/api/query   # optional override
  - search: DeepSeek                          # a query for the configured search feed templates
  - page: https://example.org/some/page.html
keywords: [DeepSeek, Huawei Ascend, Qwen]
report: {stories: 6, story_words: [350, 500], citations_per_story: 4, papers: [3, 6], heuristics: [2, 4]}
"""


def test_the_documented_spec_form_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "china-ai.yaml"
    path.write_text(GOOD_SPEC, encoding="utf-8")
    spec = load_watcher(path)
    assert [type(s) for s in spec.sources] == [FeedSource, ArxivSource, SearchSource, PageSource]
    assert spec.report.story_words.min == 350 and spec.report.papers.max == 6
    assert spec.keywords == ["DeepSeek", "Huawei Ascend", "Qwen"]


@pytest.mark.parametrize(
    ("mutation", "line", "field", "fix_word"),
    [
        (("window_hours: 36", "window_hours: soon"), 4, "window_hours", "number"),
        (("  - search: DeepSeek", "  - serch: DeepSeek"), 9, "sources", "exactly one of"),
        (("report: {stories: 6,", "report: {stories: 6, storys: 3,"), 12, "report.storys", "remove"),
        (("story_words: [350, 500]", "story_words: [500, 350]"), 12, "report.story_words", "min"),
        (("id: china-ai", "id: China AI"), 1, "id", "slug"),
    ],
)
def test_bad_spec_names_file_line_field_and_fix(
    tmp_path: Path, mutation: tuple[str, str], line: int, field: str, fix_word: str
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(GOOD_SPEC.replace(*mutation), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_watcher(path)
    err = info.value
    assert err.path == path
    assert err.field is not None and err.field.startswith(field)
    assert err.line == line
    assert fix_word in (str(err) + (err.fix or ""))


def test_bad_yaml_syntax_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(GOOD_SPEC.replace("keywords: [DeepSeek,", "keywords: [DeepSeek,:"), encoding="utf-8")
    path.write_text("id: a\ntitle: [unclosed\nsources: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_watcher(path)
    assert info.value.line is not None and info.value.line >= 2


def test_cli_bad_spec_exits_2_with_file_line_field(workspace: Path) -> None:
    spec = workspace / "watchers" / "china-ai.yaml"
    spec.write_text(GOOD_SPEC.replace("window_hours: 36", "window_hours: -4"), encoding="utf-8")
    result = run_cli("collect", "china-ai", "--workspace", str(workspace))
    assert result.returncode == 2
    assert "china-ai.yaml:4" in result.stderr
    assert "window_hours" in result.stderr
    assert "fix:" in result.stderr


def test_workspace_found_from_flag_env_and_parents(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert find_workspace(workspace).root == workspace.resolve()
    monkeypatch.setenv("GUANCHA_HOME", str(workspace))
    assert find_workspace().root == workspace.resolve()
    monkeypatch.delenv("GUANCHA_HOME")
    deep = workspace / "reports" / "x"
    deep.mkdir(parents=True)
    assert find_workspace(cwd=deep).root == workspace.resolve()
    with pytest.raises(WorkspaceNotFound) as info:
        find_workspace(cwd=tmp_path)
    assert "guancha init" in (info.value.fix or "")


def test_init_writes_a_usable_workspace_and_refuses_to_clobber(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "w"))
    assert result.returncode == 0, result.stderr
    root = tmp_path / "w"
    assert (root / "guancha.yaml").exists() and (root / ".env.example").exists()
    spec = load_watcher(root / "watchers" / "china-ai.yaml")
    assert any(isinstance(s, ArxivSource) for s in spec.sources)
    assert sum(isinstance(s, FeedSource) for s in spec.sources) >= 2
    again = run_cli("init", str(root))
    assert again.returncode == 2 and "--force" in again.stderr


def test_every_command_has_help_and_version() -> None:
    assert run_cli("--version").stdout.strip().startswith("guancha, version")
    top = run_cli("--help")
    assert top.returncode == 0
    commands = [line.split()[0] for line in top.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert "init" in commands
    for name in commands:
        sub = run_cli(name, "--help")
        assert sub.returncode == 0, (name, sub.stderr)
        assert "Usage:" in sub.stdout


def test_migrations_are_recorded_and_append_only(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    db = Database(path)
    version = db.schema_version()
    assert version >= 1
    assert db.one("PRAGMA journal_mode")[0] == "wal"
    db.close()
    again = Database(path)
    assert again.migrate() == []  # nothing re-applied
    again.execute("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1")
    again.close()
    with pytest.raises(StoreError) as info:
        Database(path)
    assert "append-only" in (info.value.fix or "")
