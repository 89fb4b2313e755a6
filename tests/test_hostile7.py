"""Hostile pass 7: a large pack of heuristics imports and lists in near-linear time; an id stated twice in one
pack is reported, not dropped; an interrupted demo says how to start it again; SIGTERM stops a run as Ctrl-C
does; a workspace's .env is read."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from guancha.knowledge.importer import import_paths
from guancha.knowledge.kb import RELATED_LIMIT, KnowledgeBase
from guancha.knowledge.parse import parse_heuristics
from guancha.store import Database
from guancha.workspace import open_workspace
from tests.conftest import run_cli

RULE = """\
  - id: {hid}
    domain: [ports]
    when: {when}
    prefer: Reassigning crews to the busiest berth.
    over: Waiting for the next ship.
    because: Idle crews cost money every hour.
    breaks_when: Ships arrive every hour again.
    confidence: {confidence}
"""


def pack(rules: list[tuple[str, str, str]]) -> str:
    """A report whose HEURISTICS section holds ``rules`` (id, when, confidence) in the reference YAML layout."""
    body = "".join(RULE.format(hid=hid, when=when, confidence=conf) for hid, when, conf in rules)
    return ("# 🧭 Harbor Pack — 2026-05-01\n\nFriday, May 1, 2026\n\n## HEURISTICS\n\n```yaml\nheuristics:\n"
            + body + "```\n")


def near_copies(count: int) -> str:
    return pack([(f"crane-rule-{k:05d}", f"Cranes idle more than {k} hours at a berth.", "medium")
                 for k in range(count)])


# --------------------------------------------------------------------------- M8: scale


def test_a_pack_of_near_copies_links_each_heuristic_to_its_nearest_few_only(workspace: Path, tmp_path: Path) -> None:
    # each was linked to every other one: 300 near-copies made 44,850 links (3,000 made 4.5 million, 208 s, 2.3 GB)
    count = 300
    (tmp_path / "pack.md").write_text(near_copies(count), encoding="utf-8")
    ws = open_workspace(workspace)
    result = import_paths(ws, [tmp_path / "pack.md"])
    assert result.heuristics.new == count
    with sqlite3.connect(workspace / "guancha.db") as conn:
        links = conn.execute("SELECT COUNT(*) FROM heuristic_links WHERE kind = 'related'").fetchone()[0]
    assert 0 < links <= RELATED_LIMIT * count
    assert 0 < len(result.heuristics.merge_candidates) <= RELATED_LIMIT * count
    listed = KnowledgeBase(ws.db()).select()
    assert len(listed) == count and all(s.related for s in listed)  # still linked: to the nearest, not to all
    ws.close()


def test_listing_reads_the_knowledge_base_in_the_same_few_queries_however_large(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 'guancha heuristics list' ran four queries per heuristic, one of them reading every link
    queries: list[str] = []
    real_query, real_one = Database.query, Database.one

    def query(self: Database, sql: str, params: Any = ()) -> Any:
        queries.append(sql)
        return real_query(self, sql, params)

    def one(self: Database, sql: str, params: Any = ()) -> Any:
        queries.append(sql)
        return real_one(self, sql, params)

    counts = []
    for size in (10, 40):
        db = Database(tmp_path / f"kb{size}.sqlite")
        (tmp_path / f"pack{size}.md").write_text(near_copies(size), encoding="utf-8")
        import_paths(db, [tmp_path / f"pack{size}.md"])
        with monkeypatch.context() as patch:
            patch.setattr(Database, "query", query)
            patch.setattr(Database, "one", one)
            queries.clear()
            assert len(KnowledgeBase(db).select()) == size
            counts.append(len(queries))
        db.close()
    assert counts[0] == counts[1] <= 4, counts


def test_a_repeated_id_gets_the_line_of_its_own_entry() -> None:
    raw = pack([("h-foo", "Cranes idle.", "high"), ("h-bar", "Berths full.", "low"), ("h-foo", "Cranes idle.", "low")])
    block = raw.split("```yaml\n", 1)[1].rsplit("```", 1)[0]
    entries = parse_heuristics(block).entries
    assert [e.line for e in entries] == [1, 9, 17]
    assert entries[2].raw.startswith("  - id: h-foo") and "confidence: low" in entries[2].raw


# --------------------------------------------------------------------------- M10: an id twice in one pack


def test_an_id_stated_twice_in_one_pack_is_counted_and_named_never_dropped(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.md"
    path.write_text(pack([("h-foo", "Cranes idle more than a day.", "high"), ("h-bar", "Berths are full.", "low"),
                          ("h-baz", "Tugs are late.", "low"), ("h-foo", "Cranes idle more than a week.", "medium"),
                          ("h-bar", "Berths are full.", "low")]), encoding="utf-8")
    proc = run_cli("import", str(path), "--workspace", str(workspace))
    assert proc.returncode == 0, proc.stderr
    assert ("heuristics imported 3, skipped 2 (duplicate id h-foo at item 4 of pack.md; duplicate id h-bar at "
            "item 5 of pack.md)") in proc.stdout
    assert "pack.md:33 duplicate id h-foo at item 4 (item 1 has it): states a different rule" in proc.stdout
    assert "duplicate id h-bar at item 5 (item 2 has it): states the same rule again" in proc.stdout
    listed = json.loads(run_cli("heuristics", "list", "--json", "--workspace", str(workspace)).stdout)
    foo = next(h for h in listed if h["id"] == "h-foo")
    assert foo["when"] == "Cranes idle more than a day." and foo["version"] == 1  # the first statement, alone
    # the JSON form carries the same facts, item by item
    again = tmp_path / "again.md"
    again.write_text(path.read_text(encoding="utf-8").replace("Harbor Pack", "Harbor Pack Two"), encoding="utf-8")
    data = json.loads(run_cli("import", str(again), "--json", "--workspace", str(workspace)).stdout)
    h = data["heuristics"]
    assert (h["entries"], h["imported"], h["skipped"], h["reconfirmed"]) == (5, 3, 2, 3)
    assert [(d["heuristic"], d["item"], d["first_item"], d["same_content"]) for d in h["duplicates"]] == [
        ("h-foo", 4, 1, False), ("h-bar", 5, 2, True)]


# --------------------------------------------------------------------------- M11 and SIGTERM: stopping a demo or a run


def test_an_interrupted_demo_says_to_run_the_demo_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it said "guancha run china-ai --date 2026-05-02 --resume", which cannot work: the sample's server is gone
    # and that command does not find the demo's workspace
    from guancha.demo import run_demo
    from guancha.run import RunInterrupted

    def ctrl_c(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    root = tmp_path / "demo"
    with monkeypatch.context() as patch:
        patch.setattr("guancha.run.stage_write", ctrl_c)
        with pytest.raises(RunInterrupted) as stopped:
            run_demo(None, workspace=root)
    assert stopped.value.exit_code == 130 and "interrupted (Ctrl-C) after the monitor stage" in stopped.value.message
    fix = stopped.value.fix or ""
    assert f"run the demo again: guancha demo --workspace {root}" in fix
    assert "guancha run" not in fix and "--resume" not in fix
    # and `guancha status` in the demo's workspace says the same, not 'guancha run … --resume'
    status = run_cli("status", "-w", str(root))
    assert "resume: guancha demo --sample" in status.stdout and f"--workspace {root}" in status.stdout
    assert "--resume" not in status.stdout
    again = run_demo(None, workspace=root)  # what the message says works: a new version, finalised
    assert again.run.version == 2 and again.run.status == "finalised"


def test_sigterm_inside_a_collection_unwinds_it_as_ctrl_c_does(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # raised inside the event loop, SIGTERM left the collection's write batch open: "a transaction was started
    # inside an open write batch (a bug in guancha)" instead of the interrupted run and its message
    import os
    import signal

    from guancha.collect.extraction import PageExtractor
    from guancha.demo import run_demo
    from guancha.interrupts import stop_on_sigterm
    from guancha.run import RunInterrupted

    extract = PageExtractor.extract

    def terminated(self: PageExtractor, *args: Any, **kwargs: Any) -> Any:
        os.kill(os.getpid(), signal.SIGTERM)
        return extract(self, *args, **kwargs)

    root = tmp_path / "demo"
    with monkeypatch.context() as patch, stop_on_sigterm():
        patch.setattr(PageExtractor, "extract", terminated)
        with pytest.raises(RunInterrupted) as stopped:
            run_demo(None, workspace=root)
    assert stopped.value.exit_code == 143
    assert "interrupted (SIGTERM) before its first stage finished" in stopped.value.message
    assert "guancha demo --workspace" in (stopped.value.fix or "")
    with sqlite3.connect(root / "guancha.db") as conn:
        assert conn.execute("SELECT status, error FROM runs").fetchall() == [("failed", "interrupted (SIGTERM)")]
        assert conn.execute("SELECT status FROM collections").fetchall() == [("failed",)]


# --------------------------------------------------------------------------- .env: what .env.example promises


ENV_KEY = "GUANCHA_TEST_ENVFILE_KEY"


def keyed_workspace(workspace: Path, base_url: str) -> None:
    """A provider 'loop' whose key is read from ENV_KEY, at ``base_url``."""
    settings = workspace / "guancha.yaml"
    text = settings.read_text(encoding="utf-8").replace(
        "  providers: {}", f"  providers:\n    loop: {{base_url: '{base_url}', api_key_env: {ENV_KEY}, retries: 0}}")
    settings.write_text(text, encoding="utf-8")


def test_a_key_in_the_workspace_env_file_is_used_and_the_environment_wins(workspace: Path) -> None:
    # .env.example said "Copy to .env", and nothing read .env: the key was "not set"
    from tests.models_support import Reply, chat_body, scripted_server

    (workspace / ".env").write_text(
        f"# keys for this workspace\nexport {ENV_KEY}=\"sk-from-dotenv\"  # the test key\nOTHER_GUANCHA_TEST=a b\n",
        encoding="utf-8")
    assert "Copy to .env" in (workspace / ".env.example").read_text(encoding="utf-8")
    with scripted_server(*(Reply(body=chat_body('{"ok": true}')) for _ in range(8))) as srv:
        keyed_workspace(workspace, srv.base_url)
        run_cli("models", "check", "loop:m1", "-w", str(workspace))
        from_file = srv.requests[0]["headers"]["authorization"]
        srv.requests.clear()
        run_cli("models", "check", "loop:m1", "-w", str(workspace), **{ENV_KEY: "sk-from-shell"})
        from_shell = srv.requests[0]["headers"]["authorization"]
    assert from_file == "Bearer sk-from-dotenv"
    assert from_shell == "Bearer sk-from-shell"  # a variable already set is never replaced by the file


def test_a_broken_env_file_is_named_with_its_line(workspace: Path) -> None:
    (workspace / ".env").write_text("GOOD=1\nthis line has no equals sign\n", encoding="utf-8")
    proc = run_cli("status", "-w", str(workspace))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert ".env:2: not a KEY=VALUE line" in proc.stderr and "NAME=value" in proc.stderr


@pytest.mark.parametrize(("line", "value"), [
    ("A=plain", "plain"), ("A = spaced  ", "spaced"), ("A=x # note", "x"), ("A=x#not-a-note", "x#not-a-note"),
    ("A='single $HOME # kept'", "single $HOME # kept"), ('A="two\\nlines \\"q\\""', 'two\nlines "q"'),
    ('A="x" # note', "x"), ("export A=e", "e"), ("A=", ""), ("A=$(rm -rf /)", "$(rm -rf /)"),
])
def test_env_values_are_read_as_written_and_never_expanded(line: str, value: str, tmp_path: Path) -> None:
    from guancha.envfile import load_env_file

    (tmp_path / ".env").write_text(line + "\n", encoding="utf-8")
    environ: dict[str, str] = {}
    assert load_env_file(tmp_path, environ) == ["A"] and environ == {"A": value}
